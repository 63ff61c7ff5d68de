#pragma once

#include "common/Result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace foi::protect {

/// One cell of a release (an inner cell or a margin of any table of the request), as the linear
/// programmes of suppression and audit see it. Cells of different tables that count the same thing
/// (two one-way tables' shared total) are one cell.
struct ProblemCell
{
    qint64 value = 0; ///< the true count
    /// What the release shows when the cell is released: the interval the true count is known to lie
    /// in. An exact count is [value, value]; a count rounded to base 5 shown as 10 is [8, 12].
    qint64 shownLow = 0;
    qint64 shownHigh = 0;
    /// Primary: the cell must be suppressed and must be protected (the threshold rule, sensitive
    /// offences).
    bool primary = false;
    /// A cell that complementary suppression must never choose: a true zero when zeros are released
    /// (the attacker reads every [c] as at least lowerWhenSuppressed), a cell the officer fixed.
    bool mustRelease = false;
    /// What anyone knows of a suppressed cell without any table: at least 1 when zeros are always
    /// released as 0, else 0.
    qint64 lowerWhenSuppressed = 0;
    /// The information lost when the cell is suppressed (the objective of complementary suppression).
    double cost = 1.0;
};

/// A linear relation the tables of a release make public, true of the true values:
/// sum(coefficient * cell) (sense) rhs. A row of a table with its margin is
/// {cells: +1 ..., margin: -1} = 0; a table whose rows can sum to more than its total (a crime with two
/// children of different ages) gives {rows: +1, total: -1} >= 0 and {row: +1, total: -1} <= 0 for each row.
struct LinearRelation
{
    enum Sense
    {
        Equal,
        AtLeast,
        AtMost,
    };
    struct Term
    {
        int cell = 0;
        double coefficient = 1.0;
    };
    std::vector<Term> terms;
    Sense sense = Equal;
    double rhs = 0.0;
};

/// Everything a release makes public: its cells and the relations between them.
struct CellProblem
{
    std::vector<ProblemCell> cells;
    std::vector<LinearRelation> relations;
    /// A primary cell is protected when the attacker's interval for it, [lower, upper] over the whole
    /// release, holds at least this many whole numbers (and never fewer than 2: never pinned down).
    /// With threshold t the policy's default is t - 1: the attacker learns no more than the [c] marker.
    qint64 requiredRange = 2;
};

/// What anyone can derive of one cell from everything a release shows: the bounds of a linear
/// programme over the released values, the relations and the lower bounds of suppressed cells, rounded
/// inward to whole numbers.
struct CellBounds
{
    qint64 lower = 0;
    std::optional<qint64> upper; ///< empty: no upper bound can be derived
};

/// Progress and cancel for the long programmes; both optional.
struct Control
{
    std::function<void(int done, int total)> progress;
    const std::atomic_bool *cancel = nullptr;
};

/// Bounds for each cell in `cells` (indexes into problem.cells) when the cells with suppressed[i] true
/// are withheld and every other cell shows [shownLow, shownHigh]. Error when cancelled or when the
/// solver fails (the message says which cell and why).
Result<std::vector<CellBounds>> auditBounds(const CellProblem &problem, const std::vector<bool> &suppressed,
                                            const std::vector<int> &cells, const Control &control = {});

/// True when the bounds protect a primary cell under problem.requiredRange.
bool isProtected(const CellProblem &problem, const CellBounds &bounds);

/// A suppression pattern and how it was found.
struct SuppressionPattern
{
    std::vector<bool> suppressed; ///< per cell: primary and complementary
    enum Method
    {
        None,      ///< no primary cell: nothing to protect
        Optimal,   ///< the integer programme proved the least cost
        Heuristic, ///< the problem was too large or the time ran out: protected, maybe not least cost
    };
    Method method = None;
    /// The sum of cost over every suppressed cell, primary cells included.
    double cost = 0.0;
    /// Primary cells that no pattern can protect (every cell of their relations already withheld and
    /// still too narrow): the caller must merge categories or withhold the table. Also, after the
    /// heuristic, any primary cell it failed to protect (possible only when suppressing a cell raises
    /// what the attacker knows of it: a shown lower bound below lowerWhenSuppressed). Sorted.
    std::vector<int> unprotectable;
    /// The exact programme ran out of options.timeLimitMs and the heuristic finished the job. Only then
    /// can the pattern depend on the machine's speed; the rounds and nodes limits are deterministic.
    bool timedOut = false;
};

struct SuppressionOptions
{
    /// Above this many cells the exact programme is not tried; the heuristic is used.
    int maxExactCells = 2000;
    /// Time for the exact programme, after which the heuristic finishes the job. A safety net for the
    /// user's patience: the limits below end a hard search first, the same way on every machine.
    int timeLimitMs = 10000;
    /// Rounds of cut generation (integer programme, audit, cuts) before the exact method gives up.
    int maxRounds = 200;
    /// Branch-and-bound nodes one integer programme may use before the exact method gives up.
    int maxNodes = 20000;
};

/// Complementary suppression: the least-cost set of cells to withhold besides the primary ones so that
/// every primary cell is protected (isProtected over auditBounds), found by an integer programme with
/// GLPK (constraint generation with Benders cuts from the attacker's programme), or by a fast greedy
/// heuristic when the problem is too large or the programme reaches its limits. Every pattern returned
/// has passed auditBounds; cells no pattern can protect are listed in `unprotectable`. Deterministic:
/// the same problem always gives the same pattern (unless options.timeLimitMs is reached, which
/// `timedOut` reports). Error when cancelled, when the problem is malformed or when the true values
/// contradict the relations. docs/protection.md describes the method and its limits.
Result<SuppressionPattern> suppress(const CellProblem &problem, const SuppressionOptions &options = {},
                                    const Control &control = {});

} // namespace foi::protect
