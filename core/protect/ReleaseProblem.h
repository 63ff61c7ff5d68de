#pragma once

// Internal to protect/: the cell problem of a request's counted tables, and the checks that read a
// release once it is shaped (linkage, differencing) and the words that explain it.

#include "count/Counter.h"
#include "count/Request.h"
#include "protect/CellProblem.h"
#include "protect/Release.h"

#include <QString>
#include <QVector>

#include <vector>

namespace foi::release {

/// Where each cell of one table sits in the problem.
struct TableCells
{
    std::vector<int> inner;        ///< rows x max(1, columns)
    std::vector<int> rowMargin;    ///< two-way tables
    std::vector<int> columnMargin; ///< two-way tables
    int total = -1;
};

/// Every cell of every table of a request as one problem: a cell that counts the same records in two
/// tables (a shared total, a two-way table's margin and a one-way table's row) is one cell, and the
/// tables' sums, the offence hierarchy and months within years are its relations.
struct BuiltProblem
{
    protect::CellProblem problem;
    std::vector<TableCells> tables;
    std::vector<QString> predicate; ///< per cell: "offence_class=8N;age=7" (the total: "")
    std::vector<bool> sexual;       ///< per cell: counts a sexual offence category
    std::vector<bool> zero;         ///< per cell: the true count is 0
    std::vector<int> appearances;   ///< per cell: how many table cells show it
    std::vector<bool> margin;       ///< per cell: a margin or total in some table
    /// Per cell: a one-way row, a margin or a total that a table lists only because some record has it,
    /// so that anyone knows it is at least 1, shown or withheld.
    std::vector<bool> listed;
    /// Per cell: an inner cell of a two-way table of two nested dimensions that cannot hold a count (a
    /// class outside its own subgroup, a month outside its year). Everyone knows it is 0.
    std::vector<bool> structural;
    std::vector<std::uint32_t> cellKey; ///< per cell: the sum of its records' keys (perturbation)
};

BuiltProblem buildProblem(const QVector<CountTable> &tables, const Request &request);

/// The interval a count rounded to base `base` is known to lie in.
std::pair<qint64, qint64> roundingInterval(qint64 shown, int base);
qint64 roundToBase(qint64 value, int base);

/// Linkage across separate one-way tables of one population: Frechet bounds on the cross-cells the
/// officer did not release, a table that puts everyone in one category, a total at or below the
/// threshold. Appends `linkage` warnings.
void checkLinkage(const Release &release, QVector<ReleaseWarning> &warnings);

/// Differencing against earlier releases of the same unit: a table of the same shape whose criteria
/// nest inside this one's (or the other way round) and whose cells differ by 1 to threshold-1; a cell
/// withheld now that an earlier release of the same population showed. Appends `differencing` warnings.
void checkDifferencing(const Release &release, const QVector<EarlierRelease> &earlier,
                       QVector<ReleaseWarning> &warnings);

/// How the period asked about lies against the days the records searched cover.
struct PeriodBeyondRecords
{
    bool before = false; ///< it starts before the first day of the records
    bool after = false;  ///< it ends after the last
    bool wholly = false; ///< no day of it is in the records' span

    bool any() const { return before || after || wholly; }
};
/// Nothing beyond when the records hold no crime (there is no span to compare with).
PeriodBeyondRecords periodBeyondRecords(const Criteria &criteria, const DaySpan &records);

/// The coverage of the counts: a period beyond the records searched (`outside-data`), and criteria that
/// match nothing (`nothing-matched`). Appends the warnings.
void checkCoverage(const Release &release, QVector<ReleaseWarning> &warnings);

/// True when every record `inner` would match, `outer` matches too.
bool criteriaNestedIn(const Criteria &inner, const Criteria &outer);

/// The search paragraph and the disclosure paragraph.
QString searchParagraph(const Release &release, const QVector<SystemInfo> &systems);
QString disclosureParagraph(const Release &release);

/// "Home Office offence class", "age" ...: a dimension in words.
QString dimensionWords(Dimension dimension);
/// What the unit counts, for n of them: "crime", "crimes", "people linked to crimes", "person" ...
QString unitNoun(CountUnit unit, qint64 n);
/// "4 December 2017", the letter's style.
QString dayWords(const QDate &day);

} // namespace foi::release
