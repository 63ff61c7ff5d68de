#pragma once

#include "import/RecordSource.h"

#include <optional>
#include <string>
#include <vector>

namespace foi::test {

using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

/// Everything a record source gave, collected: the records, the line each started on, and how it ended.
struct ReadRecords
{
    Rows records;
    std::vector<qint64> lines;
    std::optional<Error> error;
    std::optional<qint64> footerCount;
};

/// Reads the source to its end (readAll for records).
inline ReadRecords readRecords(RecordSource &source)
{
    ReadRecords out;
    while (source.next()) {
        Row row;
        for (int i = 0; i < source.fieldCount(); ++i)
            row.emplace_back(source.field(i));
        out.records.push_back(std::move(row));
        out.lines.push_back(source.line());
    }
    out.error = source.error();
    out.footerCount = source.footerCount();
    return out;
}

} // namespace foi::test
