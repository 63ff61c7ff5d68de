#pragma once

#include "common/Error.h"

#include <QString>

#include <optional>
#include <string_view>

namespace foi {

/// The text encodings extracts arrive in. A UTF-8 byte order mark at the start of a file always wins.
enum class TextEncoding
{
    Utf8,
    Windows1252,
};

/// A stream of records from an extract file: a CSV reader or the first sheet of an XLSX workbook.
/// It hands out one record at a time and keeps no more of the file than the record in hand, so an
/// extract of millions of rows is read in constant memory.
///
/// Usage:
///     while (source.next()) { for (int i = 0; i < source.fieldCount(); ++i) use(source.field(i)); }
///     if (source.error()) fail(*source.error());
///
/// The first record is the header row when the file has one; the source does not treat it specially.
class RecordSource
{
public:
    virtual ~RecordSource() = default;

    /// Advances to the next record. Returns false at the end of the data or on an error; error() tells which.
    virtual bool next() = 0;

    /// Number of fields in the current record.
    virtual int fieldCount() const = 0;

    /// Field i (0-based) of the current record as UTF-8 bytes, already unquoted and transcoded. The view
    /// is valid until the next call to next(). An index past the last field gives an empty view.
    virtual std::string_view field(int index) const = 0;

    /// 1-based line (CSV: the physical line the record starts on; XLSX: the row number) of the current
    /// record.
    virtual qint64 line() const = 0;

    /// Set once next() has returned false because the input is bad (never for a clean end of data).
    virtual std::optional<Error> error() const = 0;

    /// Bytes consumed so far and in all, for progress; totalBytes() is 0 when unknown.
    virtual qint64 bytesRead() const = 0;
    virtual qint64 totalBytes() const = 0;

    /// For sources with a footer line (the CMS report tool's "*** END OF REPORT - N RECORDS ***"): the
    /// record count the footer states, once the footer has been read; empty when no footer was seen.
    virtual std::optional<qint64> footerCount() const { return std::nullopt; }
};

} // namespace foi
