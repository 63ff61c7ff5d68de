#pragma once

#include "count/CountingFrame.h"
#include "count/Request.h"

#include <QString>
#include <QVector>

#include <cstdint>
#include <vector>

namespace foi {

/// A category of a table dimension: its key as request-format.md spells it ("8N", "7", "unknown",
/// "2017-03", "cms") and the words shown.
struct Category
{
    QString key;
    QString label;
    bool sexual = false;  ///< an offence category within the sexual offences group
    bool unknown = false; ///< the "Unknown" row of age or sex
    /// An offence class's or subgroup's place in the classification, for the relations between tables
    /// at different levels; empty when unknown or when the category's crimes fall under several (a class
    /// that moved between subgroups from one classification year to the next).
    QString parentGroup;
    QString parentSubgroup;
    /// Listed whatever its count (every month of a period, say). A category is otherwise listed only
    /// because some record has it, and a reader knows that its row, or its margin, holds at least one:
    /// protection models that knowledge (docs/protection.md, the reader).
    bool listedWhenEmpty = false;
};

/// The true counts of one table, before any protection: inner cells and margins.
struct CountTable
{
    TableSpec spec;
    QVector<Category> rows;
    QVector<Category> columns;        ///< empty for a one-way table
    std::vector<qint64> cells;        ///< rows x max(1, columns): cell(r, c) = cells[r * columnCount + c]
    std::vector<qint64> rowTotals;    ///< two-way tables: per row
    std::vector<qint64> columnTotals; ///< two-way tables: per column
    qint64 total = 0;
    /// Cell keys for cell-key perturbation: the sum (mod 2^32) of the record keys of the records each cell
    /// counts, laid out as the counts are. The same records give the same key in any table.
    std::vector<std::uint32_t> cellKeys;
    std::vector<std::uint32_t> rowTotalKeys;
    std::vector<std::uint32_t> columnTotalKeys;
    std::uint32_t totalKey = 0;

    /// Can one counted thing fall in several rows (columns)? A crime with two children of different
    /// ages: then the rows can sum to more than the total, and the table carries a note saying so.
    bool rowsCanOverlap = false;
    bool columnsCanOverlap = false;
    /// Did one actually fall in several rows (columns)? The audit then only knows rows sum to at least
    /// the total.
    bool rowsOverlap = false;
    bool columnsOverlap = false;

    bool twoWay() const { return !columns.isEmpty() || spec.columns.has_value(); }
    int columnCount() const { return columns.isEmpty() ? 1 : static_cast<int>(columns.size()); }
    qint64 cell(int row, int column = 0) const
    {
        return cells[size_t(row) * size_t(columnCount()) + size_t(column)];
    }
    std::uint32_t cellKey(int row, int column = 0) const
    {
        return cellKeys[size_t(row) * size_t(columnCount()) + size_t(column)];
    }
};

/// What counting found, besides the tables.
struct CountSummary
{
    qint64 crimes = 0;            ///< distinct crimes matching the criteria
    qint64 links = 0;             ///< distinct crime-person links matching
    qint64 persons = 0;           ///< distinct persons matching
    qint64 matchedUnknownAge = 0; ///< matching links whose age is unknown (only without an age limit)
    QStringList systemsSearched;  ///< systems whose crimes were looked at
};

struct CountResult
{
    QVector<CountTable> tables;
    CountSummary summary;
};

/// Counts the request's tables over the frame: which records match the criteria, each table in the
/// request's unit, with margins. A table lists the categories its records have, and only those (none is
/// listedWhenEmpty). Categories come in their natural order (labels A-Z, ages and dates
/// ascending, unknown last); protection orders them for release. Errors: a table the frame cannot
/// count (a dimension over data it does not hold).
Result<CountResult> countRequest(const CountingFrame &frame, const Request &request);

} // namespace foi
