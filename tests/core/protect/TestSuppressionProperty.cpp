#include "Attacker.h"
#include "Tables.h"
#include "protect/CellProblem.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

using namespace foi::protect;
using namespace foi::protect::test;

namespace {

struct RandomRelease
{
    CellProblem problem;
    std::string description;
};

/// One random release: a one-way or two-way table with margins, two tables sharing a total, or rows
/// with an inequality total; small counts, many below the threshold; zeros shown or not.
RandomRelease randomRelease(std::mt19937 &random)
{
    const qint64 threshold = 3 + qint64(random() % 8);
    const bool zeros = random() % 2 == 0;
    const int rows = 1 + int(random() % 8);
    const int columns = 1 + int(random() % 6);
    auto counts = [&](int n) {
        std::vector<qint64> values;
        for (int i = 0; i < n; ++i)
            values.push_back(randomCount(random, threshold));
        return values;
    };
    auto inner = [&]() {
        std::vector<std::vector<qint64>> values;
        for (int r = 0; r < rows; ++r)
            values.push_back(counts(columns));
        return values;
    };

    ProblemBuilder builder;
    std::ostringstream description;
    description << "threshold " << threshold << (zeros ? ", zeros shown, " : ", zeros hidden, ");
    switch (random() % 5) {
    case 0:
        builder.addOneWay(counts(rows));
        description << "one-way " << rows;
        break;
    case 1:
        builder.addTwoWay(inner());
        description << "two-way " << rows << "x" << columns;
        break;
    case 2: {
        // Two one-way breakdowns of one total.
        const std::vector<int> first = builder.addOneWay(counts(rows));
        const qint64 total = builder.problem().cells[std::size_t(first.back())].value;
        std::vector<qint64> split;
        qint64 left = total;
        for (int c = 1; c < columns && left > 0; ++c) {
            const qint64 part = qint64(random() % std::uint32_t(left + 1));
            split.push_back(part);
            left -= part;
        }
        split.push_back(left);
        builder.addOneWay(split, first.back());
        description << "one-way " << rows << " and " << split.size() << " sharing the total";
        break;
    }
    case 3: {
        // A two-way table and a one-way breakdown of its grand total.
        const TwoWayCells t = builder.addTwoWay(inner());
        const qint64 total = builder.problem().cells[std::size_t(t.grandTotal)].value;
        const qint64 part = qint64(random() % std::uint32_t(total + 1));
        builder.addOneWay({part, total - part}, t.grandTotal);
        description << "two-way " << rows << "x" << columns << " and one-way 2 sharing the grand total";
        break;
    }
    default: {
        const std::vector<qint64> values = counts(rows);
        qint64 sum = 0;
        qint64 largest = 0;
        for (qint64 v : values) {
            sum += v;
            largest = std::max(largest, v);
        }
        builder.addOverlapping(values, largest + qint64(random() % std::uint32_t(sum - largest + 1)));
        description << "overlapping " << rows;
        break;
    }
    }
    RandomRelease release{builder.finish(threshold, zeros), {}};
    if (random() % 4 == 0) {
        for (ProblemCell &cell : release.problem.cells)
            cell.cost = double(cell.value) + 1.0;
        description << ", cost by value";
    }
    if (random() % 5 == 0) {
        // Counts of 10 or more shown rounded: known only to within 2 either way.
        for (ProblemCell &cell : release.problem.cells) {
            if (cell.value >= 10) {
                cell.shownLow = cell.value - 2;
                cell.shownHigh = cell.value + 2;
            }
        }
        description << ", rounded";
    }
    if (random() % 5 == 0) {
        // The officer fixed some cells: some primary cells may then be unprotectable.
        for (ProblemCell &cell : release.problem.cells) {
            if (!cell.primary && random() % 3 == 0)
                cell.mustRelease = true;
        }
        description << ", some cells fixed";
    }
    release.description = description.str();
    return release;
}

} // namespace

TEST(SuppressProperty, RandomReleasesAreProtected)
{
    std::mt19937 random(1999);
    int optimal = 0;
    int heuristic = 0;
    int unprotectable = 0;
    for (int run = 0; run < 2000; ++run) {
        const RandomRelease release = randomRelease(random);
        SuppressionOptions options;
        if (run % 4 == 3)
            options.maxExactCells = 0; // every fourth by the heuristic
        const auto result = suppress(release.problem, options);
        ASSERT_TRUE(result.ok()) << "run " << run << " (" << release.description
                                 << "): " << result.error().message.toStdString();
        const std::vector<std::string> problems = protectionProblems(release.problem, *result);
        std::ostringstream lines;
        for (const std::string &line : problems)
            lines << line << '\n';
        EXPECT_TRUE(problems.empty()) << "run " << run << " (" << release.description << ")\n" << lines.str();
        // A released cell never shows a count below the threshold.
        for (std::size_t i = 0; i < release.problem.cells.size(); ++i) {
            const qint64 value = release.problem.cells[i].value;
            if (!result->suppressed[i]) {
                EXPECT_FALSE(value >= 1 && value <= release.problem.requiredRange)
                    << "run " << run << ", cell " << i;
            }
        }
        if (options.maxExactCells > 0 && result->method == SuppressionPattern::Heuristic &&
            !result->timedOut) {
            ADD_FAILURE() << "run " << run << " (" << release.description << ") fell back to the heuristic";
        }
        if (options.maxExactCells == 0) {
            // The heuristic never beats the least cost.
            const auto exact = suppress(release.problem);
            ASSERT_TRUE(exact.ok());
            if (exact->method == SuppressionPattern::Optimal) {
                EXPECT_LE(exact->cost, result->cost + 1e-9)
                    << "run " << run << " (" << release.description << ")";
            }
        }
        optimal += result->method == SuppressionPattern::Optimal ? 1 : 0;
        heuristic += result->method == SuppressionPattern::Heuristic ? 1 : 0;
        unprotectable += int(result->unprotectable.size());
    }
    // Most random releases have something to protect.
    EXPECT_GT(optimal + heuristic, 1500);
    // And some have cells that cannot be protected, which the check above confirms.
    EXPECT_GT(unprotectable, 20);
}
