#pragma once

#include "common/Result.h"
#include "count/Counter.h"
#include "count/Request.h"
#include "import/SourceProfile.h"
#include "protect/CellProblem.h"
#include "protect/Perturbation.h"
#include "register/Register.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace foi {

/// Why a cell is shown as it is.
enum class CellStatus
{
    Released,  ///< its count (rounded when the policy rounds)
    Threshold, ///< withheld: a count from 1 to threshold-1 (or a zero, when zeros are withheld)
    Sensitive, ///< withheld: a sexual offence, s.44(1) and the Sexual Offences (Amendment) Act 1992
    Secondary, ///< withheld so that no withheld count can be worked out from the totals
    /// A cell that cannot hold a count (a class outside its own subgroup, a month outside its year),
    /// shown as [z], the Analysis Function's symbol for "not applicable". Not withheld: everyone knows it.
    NotApplicable,
};

/// "released", "threshold", "sensitive", "secondary", "not-applicable"
QString cellStatusName(CellStatus status);

/// One cell of a released table, inner or margin.
struct ReleasedCell
{
    QString row; ///< the key (request-format.md); "total" for a column margin of a two-way table
    QString rowLabel;
    QString column; ///< empty in a one-way table; "total" for a row margin
    QString columnLabel;
    qint64 count = 0; ///< the true count: for the officer's eyes only, never exported
    QString shown;    ///< exactly what is released: "12", "[c]", "[z]"
    /// What the release says of the count: [count, count] for an exact count, the rounding interval for
    /// a rounded one, the audit's bounds for a withheld one (upper -1: none).
    qint64 shownLow = 0;
    qint64 shownHigh = 0;
    CellStatus status = CellStatus::Released;

    bool withheld() const { return status != CellStatus::Released && status != CellStatus::NotApplicable; }
    bool isMargin() const;
};

/// A table as it is released: categories in release order, cells in release order with margins (two-way
/// tables: each row's cells then its margin, then the column margins), the grand total apart.
struct ReleasedTable
{
    TableSpec spec;
    QVector<Category> rows;
    QVector<Category> columns;
    QVector<ReleasedCell> cells;
    ReleasedCell total;
    QStringList notes; ///< shown above the table: "Rows can add up to more than the total ..."

    const ReleasedCell *find(const QString &row, const QString &column = {}) const;
    /// The table as released, line by line: the header (the rows' dimension, then the columns' labels and
    /// "Total", or "Count"), a line per row category, the totals last. Shown values only.
    QVector<QStringList> releasedGrid() const;
};

/// What the officer must weigh before release (request-format.md `warnings`).
struct ReleaseWarning
{
    /// differencing, reveals-withheld, linkage, sensitive, heavy-suppression, rejected-rows; outside-data
    /// (the period asked about lies wholly or partly outside the days the records searched cover);
    /// nothing-matched (no record matches the criteria: every count is 0)
    QString kind;
    QString message;
    QString earlier; ///< differencing: the earlier release's reference
    QString fix;     ///< what would remove the risk, in plain words; empty when there is none
};

/// The audit of one withheld cell: the bounds anyone can derive from everything the release shows.
struct AuditLine
{
    int table = 0;
    QString row;
    QString column;
    qint64 lower = 0;
    std::optional<qint64> upper;
    CellStatus status = CellStatus::Threshold;
    bool isProtected = true; ///< primary cells: wide enough; complementary cells are always true
};

/// A policy change that would withhold less, and what it would do.
struct ReleaseAlternative
{
    QString description; ///< "Round every count to the nearest 5"
    ProtectionPolicy policy;
    int cellsWithheld = 0;
    int cells = 0;
    bool passes = false;
};

/// An earlier release of the register, as the differencing check reads it.
struct EarlierRelease
{
    QString reference;
    QDateTime releasedAt;
    Request request;               ///< its criteria, unit and tables as released
    QVector<ReleasedTable> tables; ///< shown values only (count is not kept)

    /// Reads a release the register recorded: the request file and the shown values with the audit's
    /// bounds of the withheld cells.
    static Result<EarlierRelease> fromRecord(const ReleaseRecord &record);
};

/// What protection needs to know besides the counts.
struct ReleaseContext
{
    QVector<SystemInfo> systems;     ///< the systems of the register, for the search paragraph
    QVector<EarlierRelease> earlier; ///< for the differencing check
    qint64 rejectedRows = 0;         ///< rows the imports kept out, for the `rejected-rows` warning
    bool alternatives = true;        ///< work out the alternatives when suppression is heavy
    protect::SuppressionOptions suppression;
    /// The force's floor under the threshold (the register's setting, Register::minimumThreshold): a
    /// request with a lower threshold fails its audit whatever its reason. 0: no floor.
    int minimumThreshold = 0;
    /// Below this threshold a request must say why (ProtectionPolicy::thresholdReason), and fails its
    /// audit if it does not. loadRegisterView sets ProtectionPolicy::kUsualThreshold; 0: never asked.
    int usualThreshold = 0;
};

/// A request counted and protected: what would be released, why, and whether it may be.
struct Release
{
    Request request; ///< the request as tabulated (two-way tables split when the policy separates them)
    CountSummary summary;
    /// The days the records of the systems searched cover, on the request's date basis
    /// (CountingFrame::span): what the period asked about is checked against.
    DaySpan recordsSpan;
    QVector<ReleasedTable> tables;
    QVector<ReleaseWarning> warnings;
    QVector<AuditLine> audit;
    QVector<ReleaseAlternative> alternatives;
    protect::SuppressionPattern::Method method = protect::SuppressionPattern::None;
    /// False when the audit shows a withheld count pinned down or narrowed more than the policy allows:
    /// such a release must not go out. failure says which cells and what to do.
    bool passes = true;
    QString failure;
    QString searchText;     ///< "This is a count of crimes recorded on ..."
    QString disclosureText; ///< why the tables are separate, ordered or withheld; s.40(2), s.44(1)

    int withheldCells() const;
    int innerCells() const;
    /// How many of the request's unit match the criteria (the summary's crimes, links or persons).
    qint64 matched() const;
    /// The messages of the warnings that say the answer counts nothing: a period outside the records
    /// (outside-data) or criteria that match no record (nothing-matched); empty when neither applies.
    QStringList coverageMessages() const;

    /// request-format.md's `tabulate --format json`; the true counts only when unprotected.
    QJsonObject toJson(bool unprotected) const;
    /// One CSV block per table (title line, header, rows); the true counts only when unprotected.
    QByteArray toCsv(bool unprotected) const;
    /// For a terminal: tables, warnings, audit and the two paragraphs.
    QString toText(bool unprotected) const;

    /// What the register keeps of the release: the request and the shown values, never a true count of
    /// a withheld cell.
    ReleaseRecord toRecord(const QString &officer, const QDateTime &at) const;
};

/// Everything tabulate needs from an open register: the counting frame, the systems, the earlier
/// releases and the rows kept out at import (a stale merge is an error: merge first).
struct RegisterView
{
    CountingFrame frame;
    ReleaseContext context;
};
Result<RegisterView> loadRegisterView(Register &reg);

/// The perturbation table of a policy with `perturbation` (its max change, variance and threshold).
Result<protect::PerturbationTable> perturbationTable(const ProtectionPolicy &policy);

/// Frees what the linear-programme solver keeps for the calling thread (GLPK holds an environment per
/// thread). A job that tabulates on a pool thread calls it when done, so that the thread's memory does not
/// outlive the job; the next tabulate on the thread starts afresh.
void releaseSolverThreadState();

/// Counts and protects a request: the tables as released, the audit of every withheld cell, the
/// warnings, the alternatives and the explanations. Errors: a solver failure or cancel.
Result<Release> tabulate(const CountingFrame &frame, const Request &request, const ReleaseContext &context,
                         const protect::Control &control = {});

} // namespace foi
