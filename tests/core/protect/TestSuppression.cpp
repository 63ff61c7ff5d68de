#include "Attacker.h"
#include "Tables.h"
#include "protect/CellProblem.h"
#include "support/Printers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <sstream>

using namespace foi::protect;
using namespace foi::protect::test;

namespace {

std::string joined(const std::vector<std::string> &lines)
{
    std::ostringstream out;
    for (const std::string &line : lines)
        out << line << '\n';
    return out.str();
}

SuppressionOptions heuristicOnly()
{
    SuppressionOptions options;
    options.maxExactCells = 0;
    return options;
}

std::vector<int> suppressedCells(const SuppressionPattern &pattern)
{
    std::vector<int> cells;
    for (std::size_t i = 0; i < pattern.suppressed.size(); ++i) {
        if (pattern.suppressed[i])
            cells.push_back(int(i));
    }
    return cells;
}

bool contains(const std::vector<int> &cells, int cell)
{
    return std::find(cells.begin(), cells.end(), cell) != cells.end();
}

/// The least cost of a protecting pattern, by trying every set of allowable cells, cheapest first, with
/// the independent attacker. Only the primary cells that some pattern protects are asked to be protected
/// (suppress() reports the others as unprotectable).
double bruteForceLeastCost(const CellProblem &problem)
{
    std::vector<int> allowable;
    std::vector<bool> base(problem.cells.size(), false);
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        base[i] = problem.cells[i].primary;
        if (!problem.cells[i].primary && !problem.cells[i].mustRelease)
            allowable.push_back(int(i));
    }
    const qint64 required = std::max<qint64>(2, problem.requiredRange);
    auto protects = [&](const std::vector<bool> &pattern, const std::vector<int> &cells) {
        const PlainRelease release = plainRelease(problem, pattern);
        for (int p : cells) {
            const auto range = lpRange(release, p);
            if (!range || (range->width() && *range->width() < required))
                return false;
        }
        return true;
    };
    std::vector<bool> everything = base;
    for (int j : allowable)
        everything[std::size_t(j)] = true;
    std::vector<int> targets;
    for (int p : primaryCells(problem)) {
        if (protects(everything, {p}))
            targets.push_back(p);
    }

    std::vector<std::pair<double, std::uint32_t>> subsets;
    for (std::uint32_t mask = 0; mask < (1u << allowable.size()); ++mask) {
        double cost = 0.0;
        for (std::size_t k = 0; k < allowable.size(); ++k) {
            if (mask & (1u << k))
                cost += problem.cells[std::size_t(allowable[k])].cost;
        }
        subsets.emplace_back(cost, mask);
    }
    std::sort(subsets.begin(), subsets.end());
    for (const auto &[cost, mask] : subsets) {
        std::vector<bool> pattern = base;
        for (std::size_t k = 0; k < allowable.size(); ++k)
            pattern[std::size_t(allowable[k])] = (mask & (1u << k)) != 0;
        if (protects(pattern, targets)) {
            double total = cost; // and the primary cells' own cost, which suppress() counts too
            for (int p : primaryCells(problem))
                total += problem.cells[std::size_t(p)].cost;
            return total;
        }
    }
    return -1.0;
}

std::vector<std::vector<qint64>> randomInner(std::mt19937 &random, int rows, int columns, qint64 threshold)
{
    std::vector<std::vector<qint64>> inner(std::size_t(rows), std::vector<qint64>(std::size_t(columns), 0));
    for (auto &row : inner) {
        for (qint64 &value : row)
            value = randomCount(random, threshold);
    }
    return inner;
}

} // namespace

TEST(Suppress, NothingToProtectSuppressesNothing)
{
    ProblemBuilder builder;
    builder.addTwoWay({{10, 12}, {0, 30}});
    const CellProblem problem = builder.finish(5, false);
    const auto result = suppress(problem);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->method, SuppressionPattern::None);
    EXPECT_TRUE(suppressedCells(*result).empty());
    EXPECT_EQ(result->cost, 0.0);
    EXPECT_TRUE(result->unprotectable.empty());
}

TEST(Suppress, MustReleaseCellsAreNeverChosen)
{
    // The cheapest complement of the 2 would be the 6; the officer fixed it, so the total is taken.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({2, 6, 40});
    CellProblem problem = builder.finish(5, false);
    problem.cells[std::size_t(cells[1])].mustRelease = true;
    problem.cells[std::size_t(cells[2])].cost = 5.0;
    problem.cells[std::size_t(cells[3])].cost = 9.0;
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        EXPECT_FALSE(result->suppressed[std::size_t(cells[1])]);
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
    const auto exact = suppress(problem);
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->method, SuppressionPattern::Optimal);
    EXPECT_EQ(suppressedCells(*exact), (std::vector<int>{cells[0], cells[2]}));
    EXPECT_EQ(exact->cost, 6.0);
}

TEST(Suppress, UnprotectableCellIsReported)
{
    // 2, a true zero and 20 make 22; the zero, the 20 and the total are fixed: the 2 can only be pinned.
    ProblemBuilder builder;
    const auto a = builder.addOneWay({2, 0, 20});
    // A second table that can be protected, to show the rest is still done.
    const auto b = builder.addOneWay({1, 9, 7});
    CellProblem problem = builder.finish(5, true);
    problem.cells[std::size_t(a[2])].mustRelease = true;
    problem.cells[std::size_t(a[3])].mustRelease = true;
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
        EXPECT_EQ(result->unprotectable, std::vector<int>{a[0]});
        EXPECT_TRUE(result->suppressed[std::size_t(a[0])]);
        EXPECT_TRUE(result->suppressed[std::size_t(b[0])]);
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(Suppress, SameProblemGivesTheSamePattern)
{
    std::mt19937 random(99);
    for (int run = 0; run < 10; ++run) {
        ProblemBuilder builder;
        builder.addTwoWay(randomInner(random, 6, 5, 5));
        const CellProblem problem = builder.finish(5, run % 2 == 0);
        for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
            const auto first = suppress(problem, options);
            const CellProblem copy = problem;
            const auto second = suppress(copy, options);
            ASSERT_TRUE(first.ok());
            ASSERT_TRUE(second.ok());
            EXPECT_EQ(first->suppressed, second->suppressed) << "run " << run;
            EXPECT_EQ(first->method, second->method);
            EXPECT_EQ(first->cost, second->cost);
        }
    }
}

TEST(Suppress, CancelIsAnError)
{
    ProblemBuilder builder;
    builder.addTwoWay({{1, 12}, {9, 30}});
    const CellProblem problem = builder.finish(5, false);
    std::atomic_bool cancel{true};
    Control control;
    control.cancel = &cancel;
    const auto result = suppress(problem, {}, control);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("cancelled")));
}

TEST(Suppress, ReportsProgressUpToEveryCell)
{
    ProblemBuilder builder;
    builder.addTwoWay({{1, 12, 3}, {9, 30, 2}});
    const CellProblem problem = builder.finish(5, false);
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        std::pair<int, int> last{-1, -1};
        Control control;
        control.progress = [&last](int done, int total) {
            last = {done, total};
        };
        const auto result = suppress(problem, options, control);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(last, std::make_pair(3, 3));
    }
}

TEST(Suppress, RejectsAMalformedProblem)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({1, 12});
    CellProblem problem = builder.finish(5, false);
    problem.cells[std::size_t(cells[0])].mustRelease = true;
    EXPECT_FALSE(suppress(problem).ok());
    problem.cells[std::size_t(cells[0])].mustRelease = false;
    problem.cells[std::size_t(cells[1])].cost = -1.0;
    EXPECT_FALSE(suppress(problem).ok());
}

TEST(Suppress, ShownIntervalBelowTheSuppressedLowerBound)
{
    // A cell shown as [0, 10] when zeros are shown: once suppressed the attacker knows it is at least 1,
    // so suppressing it narrows as well as widens. Whatever is chosen must still pass the audit.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({2, 6, 9});
    CellProblem problem = builder.finish(5, true);
    problem.cells[std::size_t(cells[1])].shownLow = 0;
    problem.cells[std::size_t(cells[1])].shownHigh = 10;
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(SuppressTraps, SmallGroupGetsAThirdCell)
{
    // Rows 2, 1, 30 of total 33, zeros shown: withholding the 2 and the 1 pins them to [1, 2]; a third
    // cell (the 30 or the total) must go too.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({2, 1, 30});
    const CellProblem problem = builder.finish(5, true);
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        const std::vector<int> withheld = suppressedCells(*result);
        EXPECT_EQ(withheld.size(), 3u);
        EXPECT_TRUE(contains(withheld, cells[2]) || contains(withheld, cells[3]));
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(SuppressTraps, KnownZerosAndOnesNeedMore)
{
    // Row 1, 1, 5, 0 of total 7 with zeros shown: the two 1s alone are pinned to 1 and 1; the zero must
    // stay shown.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({1, 1, 5, 0});
    const CellProblem problem = builder.finish(3, true);
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        EXPECT_FALSE(result->suppressed[std::size_t(cells[3])]);
        EXPECT_EQ(suppressedCells(*result).size(), 3u);
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(SuppressTraps, TwoWayTableNeedsARectangle)
{
    ProblemBuilder builder;
    const TwoWayCells t = builder.addTwoWay({{2, 10, 12}, {9, 11, 13}, {14, 15, 16}});
    const CellProblem problem = builder.finish(3, false);
    const auto result = suppress(problem);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->method, SuppressionPattern::Optimal);
    EXPECT_EQ(result->cost, 4.0);
    EXPECT_TRUE(result->suppressed[std::size_t(t.inner[0][0])]);
    EXPECT_TRUE(protectionProblems(problem, *result).empty()) << joined(protectionProblems(problem, *result));
    const auto heuristic = suppress(problem, heuristicOnly());
    ASSERT_TRUE(heuristic.ok());
    EXPECT_GE(heuristic->cost, 4.0);
    EXPECT_TRUE(protectionProblems(problem, *heuristic).empty())
        << joined(protectionProblems(problem, *heuristic));
}

TEST(SuppressTraps, TablesSharingATotalAreProtectedTogether)
{
    // A 2x3 table and a one-way table of the same grand total: what one table hides, the other must not
    // give away.
    ProblemBuilder builder;
    const TwoWayCells t = builder.addTwoWay({{2, 10, 12}, {9, 1, 13}});
    const auto other = builder.addOneWay({3, 40, 4}, t.grandTotal);
    const CellProblem problem = builder.finish(5, false);
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        EXPECT_TRUE(result->suppressed[std::size_t(other[0])]);
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(SuppressTraps, OverlappingRowsWithAnInequalityTotal)
{
    ProblemBuilder builder;
    const auto cells = builder.addOverlapping({2, 3, 6, 9}, 14);
    const CellProblem problem = builder.finish(5, true);
    for (const SuppressionOptions &options : {SuppressionOptions{}, heuristicOnly()}) {
        const auto result = suppress(problem, options);
        ASSERT_TRUE(result.ok());
        EXPECT_TRUE(result->suppressed[std::size_t(cells[0])]);
        EXPECT_TRUE(result->suppressed[std::size_t(cells[1])]);
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
    }
}

TEST(SuppressExact, MatchesBruteForceOnSmallTables)
{
    // Every shape the release can have, small enough to try every pattern: at most 15 cells to choose.
    std::mt19937 random(31337);
    int compared = 0;
    for (int run = 0; run < 120 && compared < 40; ++run) {
        const qint64 threshold = 3 + qint64(random() % 4);
        auto counts = [&](int n) {
            std::vector<qint64> values;
            for (int i = 0; i < n; ++i)
                values.push_back(randomCount(random, threshold));
            return values;
        };
        ProblemBuilder builder;
        switch (run % 5) {
        case 0:
            builder.addTwoWay(randomInner(random, 3, 3, threshold));
            break;
        case 1:
            builder.addTwoWay(randomInner(random, 2, 4, threshold));
            break;
        case 2: {
            const std::vector<int> first = builder.addOneWay(counts(4));
            const qint64 total = builder.problem().cells[std::size_t(first.back())].value;
            const qint64 part = qint64(random() % std::uint32_t(total + 1));
            builder.addOneWay({part / 2, part - part / 2, total - part}, first.back());
            break;
        }
        case 3: {
            const TwoWayCells t = builder.addTwoWay(randomInner(random, 2, 2, threshold));
            const qint64 total = builder.problem().cells[std::size_t(t.grandTotal)].value;
            const qint64 part = qint64(random() % std::uint32_t(total + 1));
            builder.addOneWay({part, total - part}, t.grandTotal);
            break;
        }
        default: {
            const std::vector<qint64> values = counts(6);
            qint64 sum = 0;
            qint64 largest = 0;
            for (qint64 v : values) {
                sum += v;
                largest = std::max(largest, v);
            }
            builder.addOverlapping(values, largest + qint64(random() % std::uint32_t(sum - largest + 1)));
            break;
        }
        }
        CellProblem problem = builder.finish(threshold, random() % 2 == 0);
        if (primaryCells(problem).empty())
            continue;
        if (random() % 3 == 0) {
            // tau-ARGUS's usual cost: the information lost is the count withheld.
            for (ProblemCell &cell : problem.cells)
                cell.cost = double(cell.value) + 1.0;
        }
        const auto result = suppress(problem);
        ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
        EXPECT_EQ(result->method, SuppressionPattern::Optimal) << "run " << run;
        EXPECT_TRUE(protectionProblems(problem, *result).empty())
            << joined(protectionProblems(problem, *result));
        EXPECT_DOUBLE_EQ(result->cost, bruteForceLeastCost(problem)) << "run " << run;
        ++compared;
    }
    EXPECT_EQ(compared, 40);
}

TEST(SuppressExact, FallsBackToTheHeuristicWhenOutOfRounds)
{
    ProblemBuilder builder;
    builder.addTwoWay({{2, 10, 12}, {9, 11, 13}, {14, 15, 1}});
    const CellProblem problem = builder.finish(3, false);
    SuppressionOptions options;
    options.maxRounds = 1;
    const auto result = suppress(problem, options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->method, SuppressionPattern::Heuristic);
    EXPECT_FALSE(result->timedOut);
    EXPECT_TRUE(protectionProblems(problem, *result).empty()) << joined(protectionProblems(problem, *result));
}

TEST(SuppressExact, FallsBackToTheHeuristicWhenOutOfNodes)
{
    ProblemBuilder builder;
    builder.addTwoWay({{2, 10, 12, 3}, {9, 11, 13, 8}, {14, 15, 1, 12}});
    const CellProblem problem = builder.finish(3, false);
    SuppressionOptions options;
    options.maxNodes = 0;
    const auto result = suppress(problem, options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->method, SuppressionPattern::Heuristic);
    EXPECT_FALSE(result->timedOut);
    EXPECT_TRUE(protectionProblems(problem, *result).empty()) << joined(protectionProblems(problem, *result));
}

TEST(SuppressExact, SaysWhenTheTimeRanOut)
{
    ProblemBuilder builder;
    builder.addTwoWay({{2, 10, 12}, {9, 11, 13}, {14, 15, 1}});
    const CellProblem problem = builder.finish(3, false);
    SuppressionOptions options;
    options.timeLimitMs = 0;
    const auto result = suppress(problem, options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->method, SuppressionPattern::Heuristic);
    EXPECT_TRUE(result->timedOut);
    EXPECT_TRUE(protectionProblems(problem, *result).empty()) << joined(protectionProblems(problem, *result));
}

TEST(SuppressHeuristic, ProtectsALargeTable)
{
    // A large table of mostly larger counts: one cell in twelve below the threshold (10), one in twenty a
    // zero, zeros shown.
    std::mt19937 random(4040);
    std::vector<std::vector<qint64>> inner(60, std::vector<qint64>(40, 0));
    for (auto &row : inner) {
        for (qint64 &value : row) {
            const std::uint32_t kind = random() % 60;
            value = kind < 3 ? 0 : kind < 8 ? 1 + qint64(random() % 9) : 10 + qint64(random() % 60);
        }
    }
    ProblemBuilder builder;
    builder.addTwoWay(inner);
    const CellProblem problem = builder.finish(10, true);
    ASSERT_GT(primaryCells(problem).size(), 50u);
    const auto result = suppress(problem); // 2501 cells: above maxExactCells
    ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
    EXPECT_EQ(result->method, SuppressionPattern::Heuristic);
    EXPECT_TRUE(result->unprotectable.empty());
    EXPECT_GT(suppressedCells(*result).size(), primaryCells(problem).size());
    EXPECT_TRUE(protectionProblems(problem, *result).empty()) << joined(protectionProblems(problem, *result));
}
