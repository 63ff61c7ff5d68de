#pragma once

// An attacker written for the tests from scratch: it never calls foi::protect, so a test that checks the
// core's audit or suppression against it checks them against a second implementation.

#include <QtGlobal>

#include <optional>
#include <utility>
#include <vector>

namespace foi::protect::test {

/// sum(coefficient * value of cell) (kind) rhs.
struct PlainRelation
{
    enum Kind
    {
        Equal,
        AtLeast,
        AtMost,
    };
    std::vector<std::pair<int, double>> terms; ///< (cell, coefficient)
    Kind kind = Equal;
    double rhs = 0.0;
};

/// What a release shows, described plainly: for each cell, whether it is hidden, the interval it shows
/// when it is not, and what anyone knows of it when it is.
struct PlainRelease
{
    std::vector<bool> hidden;
    std::vector<qint64> shownLow;
    std::vector<qint64> shownHigh;
    std::vector<qint64> hiddenAtLeast;
    std::vector<PlainRelation> relations;

    int cellCount() const { return int(hidden.size()); }
};

/// Whole numbers a cell can be, per the attacker.
struct Range
{
    qint64 lower = 0;
    std::optional<qint64> upper; ///< empty: unbounded

    /// How many whole numbers the range holds; nullopt when unbounded.
    std::optional<qint64> width() const
    {
        return upper ? std::optional<qint64>(*upper - lower + 1) : std::nullopt;
    }
};

/// The linear programming attacker: a GLPK programme built afresh for each bound (no warm start,
/// nothing shared with the core), min and max of the cell, rounded inward. nullopt when the release
/// contradicts itself.
std::optional<Range> lpRange(const PlainRelease &release, int cell);

/// The same attacker's range for the sum of several cells (a withheld group of one line).
std::optional<Range> lpSumRange(const PlainRelease &release, const std::vector<int> &cells);

/// The integer attacker for tiny releases: every assignment of whole numbers in [hiddenAtLeast, cap] to
/// the hidden cells (and in the shown interval to cells shown as an interval) that satisfies every
/// relation; per cell, the least and greatest value over them. nullopt when none does. Exponential:
/// only for a handful of hidden cells.
std::optional<std::vector<std::pair<qint64, qint64>>> integerRanges(const PlainRelease &release, qint64 cap);

} // namespace foi::protect::test
