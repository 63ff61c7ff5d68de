#include "Tables.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace foi::protect::test {

int ProblemBuilder::addCell(qint64 value)
{
    ProblemCell cell;
    cell.value = value;
    cell.shownLow = value;
    cell.shownHigh = value;
    m_problem.cells.push_back(cell);
    return int(m_problem.cells.size()) - 1;
}

void ProblemBuilder::addRelation(std::vector<LinearRelation::Term> terms, LinearRelation::Sense sense,
                                 double rhs)
{
    LinearRelation relation;
    relation.terms = std::move(terms);
    relation.sense = sense;
    relation.rhs = rhs;
    m_problem.relations.push_back(std::move(relation));
}

std::vector<int> ProblemBuilder::addOneWay(const std::vector<qint64> &rows, int total)
{
    std::vector<int> cells;
    for (qint64 value : rows)
        cells.push_back(addCell(value));
    if (total < 0)
        total = addCell(std::accumulate(rows.begin(), rows.end(), qint64(0)));
    std::vector<LinearRelation::Term> terms;
    for (int cell : cells)
        terms.push_back({cell, 1.0});
    terms.push_back({total, -1.0});
    addRelation(std::move(terms), LinearRelation::Equal);
    cells.push_back(total);
    return cells;
}

std::vector<int> ProblemBuilder::addOverlapping(const std::vector<qint64> &rows, qint64 totalValue)
{
    std::vector<int> cells;
    for (qint64 value : rows)
        cells.push_back(addCell(value));
    const int total = addCell(totalValue);
    std::vector<LinearRelation::Term> terms;
    for (int cell : cells) {
        terms.push_back({cell, 1.0});
        addRelation({{cell, 1.0}, {total, -1.0}}, LinearRelation::AtMost);
    }
    terms.push_back({total, -1.0});
    addRelation(std::move(terms), LinearRelation::AtLeast);
    cells.push_back(total);
    return cells;
}

TwoWayCells ProblemBuilder::addTwoWay(const std::vector<std::vector<qint64>> &inner, int grandTotal)
{
    TwoWayCells t;
    const std::size_t rows = inner.size();
    const std::size_t columns = inner.front().size();
    std::vector<qint64> columnSums(columns, 0);
    qint64 grand = 0;
    for (const auto &row : inner) {
        std::vector<int> cells;
        for (std::size_t c = 0; c < columns; ++c) {
            cells.push_back(addCell(row[c]));
            columnSums[c] += row[c];
            grand += row[c];
        }
        t.inner.push_back(std::move(cells));
    }
    for (const auto &row : inner)
        t.rowTotals.push_back(addCell(std::accumulate(row.begin(), row.end(), qint64(0))));
    for (std::size_t c = 0; c < columns; ++c)
        t.columnTotals.push_back(addCell(columnSums[c]));
    t.grandTotal = grandTotal >= 0 ? grandTotal : addCell(grand);

    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<LinearRelation::Term> terms;
        for (int cell : t.inner[r])
            terms.push_back({cell, 1.0});
        terms.push_back({t.rowTotals[r], -1.0});
        addRelation(std::move(terms), LinearRelation::Equal);
    }
    for (std::size_t c = 0; c < columns; ++c) {
        std::vector<LinearRelation::Term> terms;
        for (std::size_t r = 0; r < rows; ++r)
            terms.push_back({t.inner[r][c], 1.0});
        terms.push_back({t.columnTotals[c], -1.0});
        addRelation(std::move(terms), LinearRelation::Equal);
    }
    for (const std::vector<int> *totals : {&t.rowTotals, &t.columnTotals}) {
        std::vector<LinearRelation::Term> terms;
        for (int cell : *totals)
            terms.push_back({cell, 1.0});
        terms.push_back({t.grandTotal, -1.0});
        addRelation(std::move(terms), LinearRelation::Equal);
    }
    return t;
}

CellProblem ProblemBuilder::finish(qint64 threshold, bool zerosReleased) const
{
    CellProblem problem = m_problem;
    problem.requiredRange = threshold - 1;
    for (ProblemCell &cell : problem.cells) {
        cell.primary = cell.value >= 1 && cell.value < threshold;
        cell.mustRelease = zerosReleased && cell.value == 0;
        cell.lowerWhenSuppressed = zerosReleased ? 1 : 0;
    }
    return problem;
}

PlainRelease plainRelease(const CellProblem &problem, const std::vector<bool> &suppressed)
{
    PlainRelease release;
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        const ProblemCell &cell = problem.cells[i];
        release.hidden.push_back(suppressed[i]);
        release.shownLow.push_back(cell.shownLow);
        release.shownHigh.push_back(cell.shownHigh);
        release.hiddenAtLeast.push_back(cell.lowerWhenSuppressed);
    }
    for (const LinearRelation &relation : problem.relations) {
        PlainRelation plain;
        for (const LinearRelation::Term &term : relation.terms)
            plain.terms.emplace_back(term.cell, term.coefficient);
        plain.kind = relation.sense == LinearRelation::Equal     ? PlainRelation::Equal
                     : relation.sense == LinearRelation::AtLeast ? PlainRelation::AtLeast
                                                                 : PlainRelation::AtMost;
        plain.rhs = relation.rhs;
        release.relations.push_back(std::move(plain));
    }
    return release;
}

std::vector<int> primaryCells(const CellProblem &problem)
{
    std::vector<int> cells;
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        if (problem.cells[i].primary)
            cells.push_back(int(i));
    }
    return cells;
}

std::vector<std::string> protectionProblems(const CellProblem &problem, const SuppressionPattern &pattern)
{
    std::vector<std::string> problems;
    if (pattern.suppressed.size() != problem.cells.size())
        return {"the pattern has " + std::to_string(pattern.suppressed.size()) + " flags"};
    const qint64 required = std::max<qint64>(2, problem.requiredRange);
    const PlainRelease release = plainRelease(problem, pattern.suppressed);
    double cost = 0.0;
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        const ProblemCell &cell = problem.cells[i];
        const std::string name = "cell " + std::to_string(i);
        if (pattern.suppressed[i])
            cost += cell.cost;
        if (cell.mustRelease && pattern.suppressed[i])
            problems.push_back(name + " must be released but is suppressed");
        if (!cell.primary)
            continue;
        if (!pattern.suppressed[i]) {
            problems.push_back(name + " is primary (" + std::to_string(cell.value) + ") but released");
            continue;
        }
        const auto &unprotectable = pattern.unprotectable;
        if (std::find(unprotectable.begin(), unprotectable.end(), int(i)) != unprotectable.end())
            continue;
        const std::optional<Range> range = lpRange(release, int(i));
        if (!range) {
            problems.push_back("the attacker finds the release contradictory at " + name);
            continue;
        }
        if (range->width() && *range->width() < required)
            problems.push_back(name + " (" + std::to_string(cell.value) + ") is only protected by [" +
                               std::to_string(range->lower) + ", " + std::to_string(*range->upper) + "]");
    }
    // A cell called unprotectable must be too narrow even with every cell that may be withheld withheld.
    std::vector<bool> everything(problem.cells.size());
    for (std::size_t i = 0; i < everything.size(); ++i)
        everything[i] = problem.cells[i].primary || !problem.cells[i].mustRelease;
    const PlainRelease widest = plainRelease(problem, everything);
    for (int p : pattern.unprotectable) {
        const std::optional<Range> range = lpRange(widest, p);
        if (!problem.cells[std::size_t(p)].primary)
            problems.push_back("cell " + std::to_string(p) + " is called unprotectable but is not primary");
        else if (!range || !range->width() || *range->width() >= required)
            problems.push_back("cell " + std::to_string(p) + " is called unprotectable but can be protected");
    }
    if (std::abs(cost - pattern.cost) > 1e-9)
        problems.push_back("cost " + std::to_string(pattern.cost) + " where the suppressed cells cost " +
                           std::to_string(cost));
    return problems;
}

qint64 randomCount(std::mt19937 &random, qint64 threshold)
{
    // Drawn from the generator by hand (not std::uniform_int_distribution, whose results differ between
    // standard libraries) so that a seed gives the same tables everywhere.
    const std::uint32_t kind = random() % 10;
    if (kind < 2)
        return 0;
    if (kind < 6)
        return 1 + qint64(random() % std::uint32_t(threshold - 1));
    return threshold + qint64(random() % 25);
}

} // namespace foi::protect::test
