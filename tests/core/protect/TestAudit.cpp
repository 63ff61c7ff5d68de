#include "Attacker.h"
#include "Tables.h"
#include "protect/CellProblem.h"
#include "support/Printers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>

using namespace foi::protect;
using namespace foi::protect::test;

namespace {

std::vector<bool> patternOf(const CellProblem &problem, std::initializer_list<int> cells)
{
    std::vector<bool> pattern(problem.cells.size(), false);
    for (int cell : cells)
        pattern[std::size_t(cell)] = true;
    return pattern;
}

std::vector<int> allCells(const CellProblem &problem)
{
    std::vector<int> cells(problem.cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i)
        cells[i] = int(i);
    return cells;
}

// Bounds as (lower, upper) with -1 for "no upper bound", for compact expectations.
std::pair<qint64, qint64> pairOf(const CellBounds &bounds)
{
    return {bounds.lower, bounds.upper ? *bounds.upper : -1};
}

std::pair<qint64, qint64> pairOf(const Range &range)
{
    return {range.lower, range.upper ? *range.upper : -1};
}

/// The 2x2 table [[1, 5], [6, 8]] with row totals 6, 14, column totals 7, 13 and grand total 20.
ProblemBuilder rectangle(TwoWayCells &cells)
{
    ProblemBuilder builder;
    cells = builder.addTwoWay({{1, 5}, {6, 8}});
    return builder;
}

/// A random small table (one-way, two-way with margins, two one-way tables sharing their total, or
/// overlapping rows) for the cross-checks; counts below `below`, or from randomCount when it is 0.
ProblemBuilder randomTable(std::mt19937 &random, int maxSide, qint64 below = 0)
{
    ProblemBuilder builder;
    const int rows = 1 + int(random() % std::uint32_t(maxSide));
    const int columns = 1 + int(random() % std::uint32_t(maxSide));
    auto counts = [&](int n) {
        std::vector<qint64> values;
        for (int i = 0; i < n; ++i)
            values.push_back(below > 0 ? qint64(random() % std::uint32_t(below)) : randomCount(random, 5));
        return values;
    };
    switch (random() % 4) {
    case 0:
        builder.addOneWay(counts(rows + 1));
        break;
    case 1: {
        std::vector<std::vector<qint64>> inner;
        for (int r = 0; r < rows; ++r)
            inner.push_back(counts(columns));
        builder.addTwoWay(inner);
        break;
    }
    case 2: {
        const std::vector<int> first = builder.addOneWay(counts(rows + 1));
        // A second breakdown of the same total: the same sum split differently.
        const qint64 total = builder.problem().cells[std::size_t(first.back())].value;
        const qint64 part = total == 0 ? 0 : qint64(random() % std::uint32_t(total + 1));
        builder.addOneWay({part, total - part}, first.back());
        break;
    }
    default: {
        const std::vector<qint64> values = counts(rows + 1);
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
    return builder;
}

} // namespace

TEST(AuditBounds, TwoByTwoRectangleWithMargins)
{
    TwoWayCells t;
    const CellProblem problem = rectangle(t).finish(3, false);
    const auto pattern = patternOf(problem, {t.inner[0][0], t.inner[0][1], t.inner[1][0], t.inner[1][1]});
    const auto bounds =
        auditBounds(problem, pattern, {t.inner[0][0], t.inner[0][1], t.inner[1][0], t.inner[1][1]});
    ASSERT_TRUE(bounds.ok()) << bounds.error().message.toStdString();
    // x00 = s in [0, 6]; x01 = 6 - s; x10 = 7 - s; x11 = 7 + s.
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(0), qint64(6)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(0), qint64(6)));
    EXPECT_EQ(pairOf((*bounds)[2]), std::make_pair(qint64(1), qint64(7)));
    EXPECT_EQ(pairOf((*bounds)[3]), std::make_pair(qint64(7), qint64(13)));
}

TEST(AuditBounds, TwoByTwoRectangleWithZerosReleased)
{
    TwoWayCells t;
    const CellProblem problem = rectangle(t).finish(3, true);
    const auto pattern = patternOf(problem, {t.inner[0][0], t.inner[0][1], t.inner[1][0], t.inner[1][1]});
    const auto bounds =
        auditBounds(problem, pattern, {t.inner[0][0], t.inner[0][1], t.inner[1][0], t.inner[1][1]});
    ASSERT_TRUE(bounds.ok());
    // Every suppressed cell is at least 1, so s in [1, 5].
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(1), qint64(5)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(1), qint64(5)));
    EXPECT_EQ(pairOf((*bounds)[2]), std::make_pair(qint64(2), qint64(6)));
    EXPECT_EQ(pairOf((*bounds)[3]), std::make_pair(qint64(8), qint64(12)));
}

TEST(AuditBounds, LoneSuppressedCellIsPinned)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({3, 4, 5});
    const CellProblem problem = builder.finish(5, false);
    const auto bounds = auditBounds(problem, patternOf(problem, {cells[0]}), {cells[0], cells[1]});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(3), qint64(3)));
    EXPECT_FALSE(isProtected(problem, (*bounds)[0]));
    // A released cell is bounded by what it shows.
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(4), qint64(4)));
}

TEST(AuditBounds, SuppressedTotalLeavesNoUpperBound)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({3, 4, 5});
    const CellProblem problem = builder.finish(5, true);
    const auto bounds = auditBounds(problem, patternOf(problem, {cells[0], cells[3]}), {cells[0], cells[3]});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(1), qint64(-1)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(10), qint64(-1)));
    EXPECT_TRUE(isProtected(problem, (*bounds)[0]));
}

TEST(AuditBounds, RoundedShownValuesWidenTheInterval)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({3, 10});
    CellProblem problem = builder.finish(5, false);
    // 10 rounded to base 5 is shown as 10, known only to lie in [8, 12].
    problem.cells[std::size_t(cells[1])].shownLow = 8;
    problem.cells[std::size_t(cells[1])].shownHigh = 12;
    const auto bounds = auditBounds(problem, patternOf(problem, {cells[0]}), {cells[0], cells[1]});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(1), qint64(5)));
    // The relation narrows the rounded cell too: 13 - x0 with x0 >= 0 is at most 13, and 12 is less.
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(8), qint64(12)));
}

TEST(AuditBounds, OverlappingRowsAreBoundOnlyByTheirTotal)
{
    ProblemBuilder builder;
    // Rows 2, 3, 6 of things that can be in several rows; 10 things in all.
    const auto cells = builder.addOverlapping({2, 3, 6}, 10);
    const CellProblem problem = builder.finish(5, false);
    const auto bounds = auditBounds(problem, patternOf(problem, {cells[0], cells[1]}), {cells[0], cells[1]});
    ASSERT_TRUE(bounds.ok());
    // x0 + x1 >= 4 and each at most 10: either can be anything in [0, 10].
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(0), qint64(10)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(0), qint64(10)));
}

TEST(AuditBounds, RepeatedTermsOfARelationAreSummed)
{
    ProblemBuilder builder;
    const int a = builder.addCell(3);
    const int total = builder.addCell(6);
    builder.addRelation({{a, 1.0}, {total, -1.0}, {a, 1.0}}, LinearRelation::Equal);
    const CellProblem problem = builder.finish(5, false);
    const auto bounds = auditBounds(problem, patternOf(problem, {a}), {a});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(3), qint64(3)));
}

TEST(AuditBounds, ContradictionIsAnErrorNamingTheCell)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({3, 4});
    CellProblem problem = builder.finish(5, false);
    problem.cells[std::size_t(cells[2])].shownLow = 9; // the total shows 9, the rows 3 + 4
    problem.cells[std::size_t(cells[2])].shownHigh = 9;
    const auto bounds = auditBounds(problem, patternOf(problem, {}), {cells[1]});
    ASSERT_FALSE(bounds.ok());
    EXPECT_TRUE(bounds.error().message.contains(QStringLiteral("contradict")))
        << bounds.error().message.toStdString();
    EXPECT_TRUE(bounds.error().message.contains(QStringLiteral("cell 1")))
        << bounds.error().message.toStdString();
}

TEST(AuditBounds, RejectsMalformedInput)
{
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({3, 4});
    const CellProblem problem = builder.finish(5, false);
    EXPECT_FALSE(auditBounds(problem, std::vector<bool>(2, false), {0}).ok());
    EXPECT_FALSE(auditBounds(problem, patternOf(problem, {}), {7}).ok());
    CellProblem badRelation = problem;
    badRelation.relations.front().terms.push_back({99, 1.0});
    const auto bad = auditBounds(badRelation, patternOf(problem, {}), {0});
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("99")));
    CellProblem emptyInterval = problem;
    emptyInterval.cells[std::size_t(cells[0])].shownLow = 5;
    EXPECT_FALSE(auditBounds(emptyInterval, patternOf(problem, {}), {0}).ok());
    // No cells asked for: nothing to solve.
    const auto none = auditBounds(problem, patternOf(problem, {}), {});
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST(AuditBounds, ReportsProgressAndHonoursCancel)
{
    ProblemBuilder builder;
    builder.addOneWay({3, 4, 5, 6});
    const CellProblem problem = builder.finish(5, false);
    std::vector<std::pair<int, int>> calls;
    Control control;
    control.progress = [&calls](int done, int total) {
        calls.emplace_back(done, total);
    };
    const auto bounds = auditBounds(problem, patternOf(problem, {0, 1}), {0, 1, 2}, control);
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}}));

    std::atomic_bool cancel{true};
    control.cancel = &cancel;
    const auto cancelled = auditBounds(problem, patternOf(problem, {0, 1}), {0, 1, 2}, control);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_TRUE(cancelled.error().message.contains(QStringLiteral("cancelled")));
}

TEST(AuditBounds, MatchesTheIndependentAttacker)
{
    std::mt19937 random(20240611);
    for (int run = 0; run < 300; ++run) {
        const bool zeros = random() % 2 == 0;
        const CellProblem problem = randomTable(random, 4).finish(5, zeros);
        std::vector<bool> pattern(problem.cells.size());
        for (std::size_t i = 0; i < pattern.size(); ++i)
            pattern[i] = problem.cells[i].value >= (zeros ? 1 : 0) && random() % 5 < 2;
        const auto bounds = auditBounds(problem, pattern, allCells(problem));
        ASSERT_TRUE(bounds.ok()) << bounds.error().message.toStdString();
        const PlainRelease release = plainRelease(problem, pattern);
        for (int cell = 0; cell < int(problem.cells.size()); ++cell) {
            const auto expected = lpRange(release, cell);
            ASSERT_TRUE(expected.has_value());
            EXPECT_EQ(pairOf((*bounds)[std::size_t(cell)]), pairOf(*expected))
                << "run " << run << ", cell " << cell;
        }
    }
}

TEST(AuditTraps, SuppressedGroupWithASmallSumIsDisclosed)
{
    // Rows 2, 1, 30, total 33: withholding only the 2 and the 1 shows that they sum to 3.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({2, 1, 30});
    const CellProblem zerosShown = builder.finish(5, true);
    const auto pattern = patternOf(zerosShown, {cells[0], cells[1]});
    const auto known = auditBounds(zerosShown, pattern, {cells[0], cells[1]});
    ASSERT_TRUE(known.ok());
    // Each is at least 1 when zeros are shown: [1, 2], two whole numbers where the policy asks for 4.
    EXPECT_EQ(pairOf((*known)[0]), std::make_pair(qint64(1), qint64(2)));
    EXPECT_EQ(pairOf((*known)[1]), std::make_pair(qint64(1), qint64(2)));
    EXPECT_FALSE(isProtected(zerosShown, (*known)[0]));

    const CellProblem zerosHidden = builder.finish(5, false);
    const auto unknown = auditBounds(zerosHidden, pattern, {cells[0]});
    ASSERT_TRUE(unknown.ok());
    EXPECT_EQ(pairOf((*unknown)[0]), std::make_pair(qint64(0), qint64(3)));
    // [0, 3] holds the 4 whole numbers threshold 5 asks for; threshold 6 asks for 5.
    EXPECT_TRUE(isProtected(zerosHidden, (*unknown)[0]));
    EXPECT_FALSE(isProtected(builder.finish(6, false), (*unknown)[0]));
}

TEST(AuditTraps, KnownZerosPinSuppressedOnes)
{
    // Row 1, 1, 5, 0 with total 7, zeros shown: the two withheld cells sum to 2 and each is at least 1.
    ProblemBuilder builder;
    const auto cells = builder.addOneWay({1, 1, 5, 0});
    const CellProblem problem = builder.finish(3, true);
    const auto bounds = auditBounds(problem, patternOf(problem, {cells[0], cells[1]}), {cells[0], cells[1]});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(1), qint64(1)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(1), qint64(1)));
}

TEST(AuditTraps, SharedTotalIsReadFromTheOtherTable)
{
    // Table A: 2, 8 of total 10; table B: 4, 6 of the same total. Withholding A's 2 and the total does not
    // help: B still gives the total, and A's 8 then gives the 2.
    ProblemBuilder builder;
    const auto a = builder.addOneWay({2, 8});
    builder.addOneWay({4, 6}, a.back());
    const CellProblem problem = builder.finish(5, false);
    const auto bounds = auditBounds(problem, patternOf(problem, {a[0], a.back()}), {a[0], a.back()});
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(pairOf((*bounds)[0]), std::make_pair(qint64(2), qint64(2)));
    EXPECT_EQ(pairOf((*bounds)[1]), std::make_pair(qint64(10), qint64(10)));
}

TEST(AuditTraps, RangeRuleNeedsTheRequiredWholeNumbers)
{
    CellProblem problem;
    problem.requiredRange = 4;
    EXPECT_FALSE(isProtected(problem, CellBounds{1, 2}));
    EXPECT_FALSE(isProtected(problem, CellBounds{0, 2}));
    EXPECT_TRUE(isProtected(problem, CellBounds{1, 4}));
    EXPECT_TRUE(isProtected(problem, CellBounds{1, std::nullopt}));
    // Never pinned down, whatever the policy asks.
    problem.requiredRange = 0;
    EXPECT_FALSE(isProtected(problem, CellBounds{3, 3}));
    EXPECT_TRUE(isProtected(problem, CellBounds{3, 4}));
}

TEST(ProtectAttacker, IntegerSolutionsLieWithinTheLinearBounds)
{
    std::mt19937 random(7);
    int compared = 0;
    for (int run = 0; run < 400 && compared < 150; ++run) {
        const bool zeros = random() % 2 == 0;
        const CellProblem problem = randomTable(random, 2, 8).finish(5, zeros);
        std::vector<bool> pattern(problem.cells.size());
        int hidden = 0;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            pattern[i] = problem.cells[i].value >= (zeros ? 1 : 0) && random() % 3 == 0 && hidden < 4;
            hidden += pattern[i] ? 1 : 0;
        }
        // Above anything a bounded cell can reach: the sum of every count.
        qint64 cap = 2;
        for (const ProblemCell &c : problem.cells)
            cap += c.value;
        const PlainRelease release = plainRelease(problem, pattern);
        const auto integers = integerRanges(release, cap);
        ASSERT_TRUE(integers.has_value()) << "the true values are a solution";
        const auto core = auditBounds(problem, pattern, allCells(problem));
        ASSERT_TRUE(core.ok());
        for (int cell = 0; cell < release.cellCount(); ++cell) {
            const auto k = std::size_t(cell);
            const auto lp = lpRange(release, cell);
            ASSERT_TRUE(lp.has_value());
            const qint64 value = problem.cells[k].value;
            EXPECT_LE((*integers)[k].first, value);
            EXPECT_GE((*integers)[k].second, value);
            EXPECT_LE(lp->lower, (*integers)[k].first) << "run " << run << ", cell " << cell;
            if (lp->upper) {
                EXPECT_GE(*lp->upper, (*integers)[k].second) << "run " << run << ", cell " << cell;
                // These tables' relations have coefficients of 1 and each cell is in few of them: the linear
                // bounds are whole-number solutions themselves, so the two attackers agree.
                EXPECT_EQ(*lp->upper, (*integers)[k].second) << "run " << run << ", cell " << cell;
            }
            EXPECT_EQ(lp->lower, (*integers)[k].first) << "run " << run << ", cell " << cell;
            EXPECT_EQ(pairOf((*core)[k]), pairOf(*lp));
        }
        ++compared;
    }
    EXPECT_EQ(compared, 150);
}
