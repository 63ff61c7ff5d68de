#pragma once

// Small releases for the protection tests: tables with their margins as a CellProblem, and the
// PlainRelease the independent attacker reads of a suppression pattern.

#include "Attacker.h"
#include "protect/CellProblem.h"

#include <random>
#include <string>
#include <vector>

namespace foi::protect::test {

/// A two-way table's cell indexes: inner[r][c], the row and column totals and the grand total.
struct TwoWayCells
{
    std::vector<std::vector<int>> inner;
    std::vector<int> rowTotals;
    std::vector<int> columnTotals;
    int grandTotal = -1;
};

/// Builds a CellProblem table by table. Cells are exact counts; finish() marks the primary cells.
class ProblemBuilder
{
public:
    int addCell(qint64 value);
    void addRelation(std::vector<LinearRelation::Term> terms, LinearRelation::Sense sense, double rhs = 0.0);

    /// Rows and their total: sum(rows) - total = 0. `total` is an existing cell (a total shared with
    /// another table) or -1 for a new one holding the rows' sum. Returns the rows' cells then the total.
    std::vector<int> addOneWay(const std::vector<qint64> &rows, int total = -1);
    /// Rows whose total counts each thing once though a thing may be in several rows (a crime with two
    /// victims of different ages): sum(rows) >= total and every row <= total.
    std::vector<int> addOverlapping(const std::vector<qint64> &rows, qint64 total);
    /// Inner cells, row and column totals and the grand total, with every row, every column and both
    /// sums of totals as relations. `grandTotal`: an existing cell to share, or -1.
    TwoWayCells addTwoWay(const std::vector<std::vector<qint64>> &inner, int grandTotal = -1);

    /// The threshold rule: cells of 1..threshold-1 are primary; requiredRange is threshold - 1. When
    /// zeros are released, true zeros must be released and every suppressed cell is known to be >= 1.
    CellProblem finish(qint64 threshold, bool zerosReleased) const;

    const CellProblem &problem() const { return m_problem; }

private:
    CellProblem m_problem;
};

/// What the attacker reads of `problem` when the cells with suppressed[i] are withheld.
PlainRelease plainRelease(const CellProblem &problem, const std::vector<bool> &suppressed);

/// The primary cells of a problem.
std::vector<int> primaryCells(const CellProblem &problem);

/// What is wrong with `pattern` as a protection of `problem`, checked by the independent attacker, one
/// line each: a primary cell released, a mustRelease cell suppressed, a primary cell (not listed as
/// unprotectable) whose range holds fewer whole numbers than max(2, requiredRange), a cell called
/// unprotectable that withholding every allowable cell would protect, a wrong cost, a release the
/// attacker finds contradictory. Empty when the pattern is sound.
std::vector<std::string> protectionProblems(const CellProblem &problem, const SuppressionPattern &pattern);

/// A random count with many small ones: zero, below the threshold, or larger.
qint64 randomCount(std::mt19937 &random, qint64 threshold);

} // namespace foi::protect::test
