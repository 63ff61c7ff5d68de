// Whole releases of random registers under random policies, read back by the tests' own attacker from
// what the release shows (never the true counts): every release that passes keeps each withheld small
// or sensitive count inside a range at least as wide as the policy asks, and shows no count from 1 to
// threshold-1.

#include "ReleaseReading.h"
#include "count/Counter.h"
#include "protect/Release.h"
#include "protect/ReleaseProblem.h"
#include "support/TestWorld.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

using namespace foi;
using foi::protect::test::lpRange;
using foi::protect::test::Reading;
using foi::protect::test::readRelease;
using foi::test::day;
using foi::test::randomWorld;
using foi::test::World;

namespace {

Request randomRequest(std::mt19937 &rng)
{
    Request r;
    r.reference = QStringLiteral("P");
    r.unit = static_cast<CountUnit>(std::uniform_int_distribution<int>(0, 2)(rng));
    const std::vector<std::vector<TableSpec>> shapes = {
        {{QStringLiteral("class"), Dimension::OffenceClass, std::nullopt},
         {QStringLiteral("age"), Dimension::Age, std::nullopt}},
        {{QStringLiteral("class by age"), Dimension::OffenceClass, Dimension::Age}},
        {{QStringLiteral("group by sex"), Dimension::OffenceGroup, Dimension::Sex},
         {QStringLiteral("class"), Dimension::OffenceClass, std::nullopt}},
        {{QStringLiteral("group"), Dimension::OffenceGroup, std::nullopt},
         {QStringLiteral("subgroup"), Dimension::OffenceSubgroup, std::nullopt},
         {QStringLiteral("sex"), Dimension::Sex, std::nullopt}},
        {{QStringLiteral("year by sex"), Dimension::Year, Dimension::Sex},
         {QStringLiteral("month"), Dimension::Month, std::nullopt}},
        // Two nested dimensions in one table: most cells cannot hold a count and are shown as [z].
        {{QStringLiteral("class by subgroup"), Dimension::OffenceClass, Dimension::OffenceSubgroup}},
        {{QStringLiteral("month by year"), Dimension::Month, Dimension::Year},
         {QStringLiteral("year"), Dimension::Year, std::nullopt}},
    };
    const auto &shape = shapes[size_t(std::uniform_int_distribution<int>(0, int(shapes.size()) - 1)(rng))];
    r.tables = QVector<TableSpec>(shape.begin(), shape.end());
    ProtectionPolicy &p = r.protection;
    p.threshold = std::uniform_int_distribution<int>(3, 8)(rng);
    p.suppressZeros = std::uniform_int_distribution<int>(0, 1)(rng) == 0;
    p.sensitive = static_cast<ProtectionPolicy::Sensitive>(std::uniform_int_distribution<int>(0, 2)(rng));
    p.separateTables = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
    if (std::uniform_int_distribution<int>(0, 9)(rng) == 0)
        p.round = 10;
    return r;
}

} // namespace

TEST(ReleaseProperty, NoWithheldCountCanBeWorkedOutFromWhatIsShown)
{
    std::mt19937 rng(20180207);
    int passed = 0;
    int failed = 0;
    int withheld = 0;
    int notApplicable = 0;
    int groupsChecked = 0;
    ReleaseContext context;
    context.alternatives = false;
    for (int round = 0; round < 500; ++round) {
        const World w = randomWorld(rng);
        const Request request = randomRequest(rng);
        Result<Release> res = tabulate(w.frame(), request, context);
        ASSERT_TRUE(res.ok()) << res.error().toString().toStdString();
        const Release &release = *res;
        if (!release.passes) {
            // A release that does not pass says why, and its audit shows the cell.
            ++failed;
            EXPECT_FALSE(release.failure.isEmpty());
            EXPECT_TRUE(std::any_of(release.audit.begin(), release.audit.end(),
                                    [](const AuditLine &a) { return !a.isProtected; }));
            continue;
        }
        ++passed;
        const Reading rd = readRelease(release);
        const int t = request.protection.threshold;
        const qint64 required = std::max(2, t - 1);
        for (size_t i = 0; i < rd.cells.size(); ++i) {
            const ReleasedCell &c = *rd.cells[i];
            if (c.status == CellStatus::NotApplicable) {
                // Shown as [z] only where no record can be.
                EXPECT_EQ(c.count, 0) << "round " << round;
                ++notApplicable;
                continue;
            }
            if (!c.withheld()) {
                // A released count is never small, unless rounding shows it as a multiple of the base.
                if (!request.protection.round) {
                    EXPECT_FALSE(c.count >= 1 && c.count < t)
                        << "round " << round << ": " << c.row.toStdString();
                }
                if (!(rd.primary[i] && request.protection.round))
                    continue;
            }
            withheld += c.withheld() ? 1 : 0;
            if (!rd.primary[i])
                continue;
            const auto range = lpRange(rd.plain, int(i));
            ASSERT_TRUE(range.has_value()) << "round " << round << ": the release contradicts itself";
            EXPECT_LE(range->lower, c.count) << "round " << round;
            if (range->upper) {
                EXPECT_GE(*range->upper, c.count) << "round " << round;
                EXPECT_GE(*range->width(), required)
                    << "round " << round << ": " << c.row.toStdString() << "/" << c.column.toStdString()
                    << " of count " << c.count << " is narrowed to " << range->lower << ".." << *range->upper;
            }
        }
        // A withheld group of one line whose sum is small is as identifying as one small cell.
        for (const std::vector<int> &group : rd.smallGroups(t)) {
            ++groupsChecked;
            const auto range = protect::test::lpSumRange(rd.plain, group);
            ASSERT_TRUE(range.has_value());
            if (range->upper) {
                EXPECT_GE(*range->width(), required)
                    << "round " << round << ": a group of " << group.size()
                    << " withheld cells is narrowed to " << range->lower << ".." << *range->upper;
            }
        }
    }
    // The random releases are mostly protectable and withhold cells: the property was exercised.
    EXPECT_GT(groupsChecked, 20);
    EXPECT_GT(passed, 400);
    EXPECT_GT(withheld, 500);
    EXPECT_GT(notApplicable, 100);
    EXPECT_LT(failed, 50);
}

TEST(ReleaseProperty, PerturbedReleasesShowNoSmallCountAndHideWhatIsWithheld)
{
    std::mt19937 rng(20261124);
    ReleaseContext context;
    context.alternatives = false;
    int sensitiveChecked = 0;
    int changed = 0;
    int cells = 0;
    for (int round = 0; round < 200; ++round) {
        const World w = randomWorld(rng);
        Request request = randomRequest(rng);
        request.protection.round.reset();
        ProtectionPolicy::Perturbation perturbation;
        perturbation.maxChange =
            std::uniform_int_distribution<int>(0, 1)(rng) ? 0 : request.protection.threshold + 2;
        perturbation.variance = std::uniform_int_distribution<int>(0, 1)(rng) ? 1.0 : 2.5;
        request.protection.perturbation = perturbation;
        Result<Release> res = tabulate(w.frame(), request, context);
        ASSERT_TRUE(res.ok()) << res.error().toString().toStdString();
        const Release &release = *res;
        ASSERT_TRUE(release.passes) << "round " << round << ": " << release.failure.toStdString();
        Result<protect::PerturbationTable> table = perturbationTable(request.protection);
        ASSERT_TRUE(table.ok());
        const int d = request.protection.perturbationMaxChange();
        // What anyone knows from a shown count, with the published table: the true counts that can show it.
        const auto interval = [&](qint64 shown) {
            qint64 low = -1, high = -1;
            for (qint64 i = std::max<qint64>(0, shown - d); i <= shown + d; ++i) {
                if (table->probability(i, shown) > 0) {
                    low = low < 0 ? i : low;
                    high = i;
                }
            }
            return std::make_pair(low, high);
        };
        const Reading rd = readRelease(release, interval);
        const int t = request.protection.threshold;
        for (size_t i = 0; i < rd.cells.size(); ++i) {
            const ReleasedCell &c = *rd.cells[i];
            if (c.status == CellStatus::NotApplicable) {
                EXPECT_EQ(c.count, 0);
                EXPECT_EQ(c.shown, QStringLiteral("[z]"));
                continue;
            }
            if (!c.withheld()) {
                ++cells;
                bool number = false;
                const qint64 shown = c.shown.toLongLong(&number);
                ASSERT_TRUE(number);
                EXPECT_FALSE(shown >= 1 && shown < t) << "round " << round << ": shows " << shown;
                EXPECT_LE(std::abs(shown - c.count), d);
                EXPECT_GE(c.count, interval(shown).first);
                EXPECT_LE(c.count, interval(shown).second);
                changed += shown != c.count ? 1 : 0;
                continue;
            }
            // Only sexual offences are withheld: perturbation replaces the threshold rule.
            EXPECT_EQ(c.status == CellStatus::Sensitive || c.status == CellStatus::Secondary ||
                          (c.status == CellStatus::Threshold && request.protection.suppressZeros),
                      true)
                << "round " << round;
            if (c.status != CellStatus::Sensitive)
                continue;
            ++sensitiveChecked;
            const auto range = lpRange(rd.plain, int(i));
            ASSERT_TRUE(range.has_value()) << "round " << round << ": the release contradicts itself";
            EXPECT_LE(range->lower, c.count);
            if (range->upper) {
                EXPECT_GE(*range->upper, c.count);
                EXPECT_GE(*range->width(), std::max(2, t - 1)) << "round " << round;
            }
        }
    }
    EXPECT_GT(sensitiveChecked, 50);
    EXPECT_GT(changed, cells / 4) << "perturbation changed too few counts to have been exercised";
}

namespace {

/// Any request the request file can state, over the dimensions the random world holds: one or two tables,
/// one- or two-way, any unit, and every policy that changes what is counted (merging small categories, age
/// bands, combined sexual offences, separate tables).
Request anyRequest(std::mt19937 &rng)
{
    static const Dimension kDimensions[] = {Dimension::OffenceGroup, Dimension::OffenceSubgroup,
                                            Dimension::OffenceClass, Dimension::Age,
                                            Dimension::Sex,          Dimension::Year,
                                            Dimension::Month,        Dimension::System};
    auto pick = [&] {
        return kDimensions[std::uniform_int_distribution<int>(0, 7)(rng)];
    };
    Request r;
    r.reference = QStringLiteral("A");
    r.unit = static_cast<CountUnit>(std::uniform_int_distribution<int>(0, 2)(rng));
    const int tables = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int i = 0; i < tables; ++i) {
        TableSpec t{QStringLiteral("t%1").arg(i), pick(), std::nullopt};
        const Dimension columns = pick();
        if (columns != t.rows && std::uniform_int_distribution<int>(0, 1)(rng))
            t.columns = columns;
        r.tables << t;
    }
    ProtectionPolicy &p = r.protection;
    p.threshold = std::uniform_int_distribution<int>(0, 8)(rng);
    p.suppressZeros = std::uniform_int_distribution<int>(0, 2)(rng) == 0;
    p.sensitive = static_cast<ProtectionPolicy::Sensitive>(std::uniform_int_distribution<int>(0, 2)(rng));
    p.separateTables = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
    p.mergeSmall = std::uniform_int_distribution<int>(0, 2)(rng) == 0;
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0)
        p.ageBands = {{1, 4}, {5, 7}};
    return r;
}

} // namespace

// Every relation the engine puts to its attacker is a fact about the true counts: if one were not, the
// attacker would see a contradiction (tabulate failing with "the released values contradict each other")
// or, worse, derive something false. Months merged into "Other" once made the months of a year sum to
// less than the year.
TEST(ReleaseProperty, EveryRelationHoldsForTheTrueCounts)
{
    std::mt19937 rng(20261207);
    ReleaseContext context;
    int relations = 0;
    for (int round = 0; round < 400; ++round) {
        const World w = randomWorld(rng);
        const Request request = anyRequest(rng);
        Result<CountResult> counted = countRequest(w.frame(), request);
        ASSERT_TRUE(counted.ok()) << counted.error().toString().toStdString();
        const release::BuiltProblem built = release::buildProblem(counted->tables, request);
        for (const protect::LinearRelation &r : built.problem.relations) {
            double sum = 0;
            for (const protect::LinearRelation::Term &term : r.terms)
                sum += term.coefficient * double(built.problem.cells[size_t(term.cell)].value);
            ++relations;
            switch (r.sense) {
            case protect::LinearRelation::Equal:
                EXPECT_EQ(sum, r.rhs) << "round " << round;
                break;
            case protect::LinearRelation::AtLeast:
                EXPECT_GE(sum, r.rhs) << "round " << round;
                break;
            case protect::LinearRelation::AtMost:
                EXPECT_LE(sum, r.rhs) << "round " << round;
                break;
            }
        }
        // And so the whole release, with its alternatives, is worked out without a contradiction.
        Result<Release> res = tabulate(w.frame(), request, context);
        ASSERT_TRUE(res.ok()) << "round " << round << ": " << res.error().toString().toStdString();
    }
    EXPECT_GT(relations, 10000);
}
