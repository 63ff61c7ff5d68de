// Cell-key perturbation: the table itself (unbiased, bounded, never small), the cell keys (the same
// records always get the same change, in any table of any request), and releases that use it.

#include "count/Request.h"
#include "protect/Perturbation.h"
#include "protect/Release.h"
#include "support/TestWorld.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace foi;
using foi::protect::PerturbationParameters;
using foi::protect::PerturbationTable;
using foi::test::day;
using foi::test::World;

namespace {

PerturbationTable tableOf(int maxChange, double variance, int threshold)
{
    Result<PerturbationTable> t =
        PerturbationTable::build(PerturbationParameters{maxChange, variance, threshold});
    EXPECT_TRUE(t.ok()) << t.error().toString().toStdString();
    return t.ok() ? *t : PerturbationTable();
}

struct Shape
{
    int maxChange;
    double variance;
    int threshold;
};

const Shape kShapes[] = {{2, 1.0, 0}, {4, 1.0, 5}, {4, 2.5, 5}, {5, 1.0, 3}, {9, 3.0, 10}, {3, 0.5, 4}};

} // namespace

TEST(PerturbationTable, EveryRowIsUnbiasedBoundedAndNeverShowsASmallCount)
{
    for (const Shape &s : kShapes) {
        const PerturbationTable table = tableOf(s.maxChange, s.variance, s.threshold);
        ASSERT_FALSE(table.rows().empty());
        for (const PerturbationTable::Row &row : table.rows()) {
            double sum = 0, mean = 0;
            for (size_t k = 0; k < row.to.size(); ++k) {
                sum += row.probability[k];
                mean += row.probability[k] * double(row.to[k]);
                EXPECT_LE(std::abs(row.to[k] - row.from), s.maxChange);
                EXPECT_GE(row.to[k], 0);
                EXPECT_FALSE(row.to[k] >= 1 && row.to[k] < s.threshold)
                    << row.from << " can show " << row.to[k] << " (threshold " << s.threshold << ")";
                EXPECT_GT(row.probability[k], 0);
            }
            EXPECT_NEAR(sum, 1.0, 1e-12);
            // Unbiased up to the quantisation of 2^32 cell keys.
            EXPECT_NEAR(mean, double(row.from), 1e-6) << "row " << row.from;
        }
        // Far from the threshold, the change has the variance asked for.
        const PerturbationTable::Row &last = table.rows().back();
        EXPECT_TRUE(last.varianceMet);
        EXPECT_NEAR(last.variance, s.variance, 1e-6);
        // A zero has no records and stays a zero.
        EXPECT_EQ(table.rows().front().to, std::vector<qint64>{0});
    }
}

TEST(PerturbationTable, CellKeysPickChangesWithTheTablesProbabilities)
{
    const PerturbationTable table = tableOf(4, 1.0, 5);
    // Keys spread evenly over 2^32 stand for a uniform key: each shown count is picked as often as the
    // table says.
    const int n = 1 << 16;
    for (qint64 count : {1, 2, 4, 5, 7, 30, 1000}) {
        std::map<qint64, int> seen;
        for (int k = 0; k < n; ++k)
            seen[table.perturb(count, std::uint32_t(std::uint64_t(k) << 16))] += 1;
        double mean = 0;
        for (const auto &[shown, times] : seen) {
            EXPECT_GT(table.probability(count, shown), 0) << count << " showed as " << shown;
            EXPECT_NEAR(double(times) / n, table.probability(count, shown), 2.0 / n + 1e-9);
            mean += double(shown) * times / n;
        }
        EXPECT_NEAR(mean, double(count), 1e-3) << count;
    }
    // The same key always gives the same count.
    EXPECT_EQ(table.perturb(17, 123456789U), table.perturb(17, 123456789U));
    EXPECT_EQ(table.perturb(0, 123456789U), 0);
}

TEST(PerturbationTable, TheIntervalOfAShownCountHoldsEveryCountThatCanShowIt)
{
    const PerturbationTable table = tableOf(4, 1.0, 5);
    std::mt19937 rng(7);
    for (int i = 0; i < 20000; ++i) {
        const qint64 count = std::uniform_int_distribution<qint64>(0, 60)(rng);
        const qint64 shown = table.perturb(count, std::uint32_t(rng()));
        const auto [low, high] = table.interval(shown);
        EXPECT_LE(low, count);
        EXPECT_GE(high, count);
    }
    // A shown 0 may stand for any count from 0 up to the largest that can drop to 0, which is below 5.
    const auto zero = table.interval(0);
    EXPECT_EQ(zero.first, 0);
    EXPECT_GE(zero.second, 1);
    EXPECT_LT(zero.second, 5);
}

TEST(PerturbationTable, RefusesSettingsThatCannotWork)
{
    const auto error = [](PerturbationParameters p) {
        Result<PerturbationTable> t = PerturbationTable::build(p);
        return t.ok() ? QString() : t.error().message;
    };
    EXPECT_TRUE(error({2, 1.0, 5}).contains(QStringLiteral("at least threshold - 1 (4)")));
    EXPECT_TRUE(error({3, 9.0, 0}).contains(QStringLiteral("variance")));
    EXPECT_TRUE(error({0, 1.0, 0}).contains(QStringLiteral("max_change")));
    EXPECT_TRUE(error({4, 1.0, 5}).isEmpty());
}

namespace {

Request perturbedRequest()
{
    Request r;
    r.reference = QStringLiteral("P1");
    r.unit = CountUnit::Crimes;
    r.tables = {{QStringLiteral("Offences"), Dimension::OffenceClass, std::nullopt}};
    r.protection.threshold = 5;
    r.protection.perturbation = ProtectionPolicy::Perturbation{};
    // Sexual offences as one combined row: withheld, they would be the only [c] (tested apart).
    r.protection.sensitive = ProtectionPolicy::Sensitive::Combine;
    return r;
}

/// Many classes with a few to a few dozen crimes each, children of 8 and 9.
World busyWorld()
{
    World w;
    static const char *const kCodes[] = {"8N", "105A", "8L", "5D", "19C", "17A", "58A", "28E", "9A", "10A"};
    int n = 1;
    for (const char *code : kCodes) {
        w.addCrimes(QString::fromLatin1(code), n, 8, day(2017, 3, 1));
        w.addCrimes(QString::fromLatin1(code), n + 2, 9, day(2017, 9, 1));
        n = n * 2 % 37 + 1;
    }
    return w;
}

const ReleasedCell *cellOf(const Release &r, int table, const QString &row, const QString &column = {})
{
    return r.tables.value(table).find(row, column);
}

} // namespace

TEST(PerturbedRelease, TheSameRecordsShowTheSameCountInAnyTableOfAnyRequest)
{
    const World w = busyWorld();
    const CountingFrame frame = w.frame();
    ReleaseContext context;
    Request a = perturbedRequest();
    Result<Release> first = tabulate(frame, a, context);
    ASSERT_TRUE(first.ok()) << first.error().toString().toStdString();

    // Another request: a two-way table whose row margins count the same crimes, and a one-way table
    // limited to ages the records all have.
    Request b = perturbedRequest();
    b.reference = QStringLiteral("P2");
    b.tables = {{QStringLiteral("Offences by age"), Dimension::OffenceClass, Dimension::Age}};
    Request c = perturbedRequest();
    c.reference = QStringLiteral("P3");
    c.criteria.ageMin = 8;
    c.criteria.ageMax = 12;
    Result<Release> second = tabulate(frame, b, context);
    Result<Release> third = tabulate(frame, c, context);
    ASSERT_TRUE(second.ok() && third.ok());

    int compared = 0;
    int moved = 0;
    for (const ReleasedCell &cell : first->tables[0].cells) {
        const ReleasedCell *margin = cellOf(*second, 0, cell.row, QStringLiteral("total"));
        const ReleasedCell *same = cellOf(*third, 0, cell.row);
        ASSERT_TRUE(margin && same) << cell.row.toStdString();
        EXPECT_EQ(margin->count, cell.count);
        EXPECT_EQ(margin->shown, cell.shown) << cell.row.toStdString();
        EXPECT_EQ(same->shown, cell.shown) << cell.row.toStdString();
        ++compared;
        moved += cell.shown != QString::number(cell.count) ? 1 : 0;
    }
    EXPECT_EQ(compared, 9); // ten classes, the two sexual offences as one row
    EXPECT_GT(moved, 0) << "no count was changed: the test would not notice perturbation being off";
    EXPECT_EQ(first->tables[0].total.shown, second->tables[0].total.shown);

    // Different records in the same cell of another request (September only) get their own change.
    Request d = perturbedRequest();
    d.criteria.from = QDate(2017, 9, 1);
    Result<Release> september = tabulate(frame, d, context);
    ASSERT_TRUE(september.ok());
    EXPECT_NE(september->tables[0].total.count, first->tables[0].total.count);
}

TEST(PerturbedRelease, ShowsNoSmallCountAndWithholdsNothingForBeingSmall)
{
    const World w = busyWorld();
    Result<Release> r = tabulate(w.frame(), perturbedRequest(), ReleaseContext());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->passes);
    EXPECT_EQ(r->withheldCells(), 0);
    bool smallCounted = false;
    for (const ReleasedCell &c : r->tables[0].cells) {
        smallCounted = smallCounted || (c.count >= 1 && c.count < 5);
        const qint64 shown = c.shown.toLongLong();
        EXPECT_FALSE(shown >= 1 && shown < 5) << c.row.toStdString() << " shows " << shown;
        EXPECT_LE(c.shownLow, c.count);
        EXPECT_GE(c.shownHigh, c.count);
    }
    EXPECT_TRUE(smallCounted);
    ASSERT_FALSE(r->tables[0].notes.isEmpty());
    EXPECT_TRUE(r->tables[0].notes.last().contains(QStringLiteral("changed by a small amount")));
    EXPECT_TRUE(r->disclosureText.contains(QStringLiteral("at most 4")));
    EXPECT_TRUE(r->disclosureText.contains(QStringLiteral("No count from 1 to 4 is given")));
}

TEST(PerturbedRelease, ARegisterMergedBeforeRecordKeysIsAskedToMergeAgain)
{
    World w = busyWorld();
    for (MergedCrime &c : w.crimes)
        c.recordKey = 0;
    Result<Release> r = tabulate(w.frame(), perturbedRequest(), ReleaseContext());
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("merge the register again")));
}

TEST(PerturbedRelease, AnEarlierPerturbedReleaseIsReadAsIntervals)
{
    const World w = busyWorld();
    Result<Release> r = tabulate(w.frame(), perturbedRequest(), ReleaseContext());
    ASSERT_TRUE(r.ok());
    Result<EarlierRelease> e =
        EarlierRelease::fromRecord(r->toRecord(QStringLiteral("officer"), QDateTime()));
    ASSERT_TRUE(e.ok()) << e.error().toString().toStdString();
    const ReleasedCell *shown = e->tables[0].find(QStringLiteral("8N"));
    const ReleasedCell *now = r->tables[0].find(QStringLiteral("8N"));
    ASSERT_TRUE(shown && now);
    EXPECT_EQ(shown->shownLow, now->shownLow);
    EXPECT_EQ(shown->shownHigh, now->shownHigh);
    EXPECT_LT(shown->shownLow, shown->shownHigh);
}

TEST(PerturbedRelease, NestedRequestsGiveNoDifferencingWarning)
{
    // Without perturbation, a later request that adds one crime to a class gives it away by difference;
    // with it, both releases show intervals and the difference pins nothing.
    World w = busyWorld();
    w.addCrimes(QStringLiteral("8N"), 1, 10, day(2017, 10, 1));
    const CountingFrame frame = w.frame();
    for (bool perturbed : {false, true}) {
        Request earlier = perturbedRequest();
        earlier.criteria.ageMax = 9;
        earlier.criteria.ageMin = 0;
        Request later = perturbedRequest();
        later.reference = QStringLiteral("P2");
        later.criteria.ageMin = 0;
        later.criteria.ageMax = 10;
        if (!perturbed) {
            earlier.protection.perturbation.reset();
            later.protection.perturbation.reset();
        }
        Result<Release> first = tabulate(frame, earlier, ReleaseContext());
        ASSERT_TRUE(first.ok());
        ReleaseContext context;
        Result<EarlierRelease> e =
            EarlierRelease::fromRecord(first->toRecord(QStringLiteral("officer"), QDateTime()));
        ASSERT_TRUE(e.ok());
        context.earlier << *e;
        Result<Release> second = tabulate(frame, later, context);
        ASSERT_TRUE(second.ok());
        const bool differencing =
            std::any_of(second->warnings.begin(), second->warnings.end(),
                        [](const ReleaseWarning &wn) { return wn.kind == QLatin1String("differencing"); });
        EXPECT_EQ(differencing, !perturbed) << (perturbed ? "perturbed" : "exact");
    }
}

TEST(PerturbedRelease, PerturbationIsOfferedWhenSuppressionIsHeavy)
{
    World w;
    for (const char *code : {"8N", "105A", "8L", "5D", "19C", "17A"})
        w.addCrimes(QString::fromLatin1(code), 2, 9, day(2017, 3, 1));
    Request r = perturbedRequest();
    r.protection.perturbation.reset();
    Result<Release> res = tabulate(w.frame(), r, ReleaseContext());
    ASSERT_TRUE(res.ok());
    const auto it =
        std::find_if(res->alternatives.begin(), res->alternatives.end(),
                     [](const ReleaseAlternative &a) { return a.policy.perturbation.has_value(); });
    ASSERT_NE(it, res->alternatives.end());
    EXPECT_EQ(it->cellsWithheld, 0);
    EXPECT_TRUE(it->passes);
}

TEST(PerturbedRequest, IsWrittenAndReadBack)
{
    Request r = perturbedRequest();
    r.protection.perturbation->maxChange = 6;
    r.protection.perturbation->variance = 2.5;
    Result<Request> back = Request::fromJson(r.toJson(), QStringLiteral("p.json"));
    ASSERT_TRUE(back.ok()) << back.error().toString().toStdString();
    EXPECT_EQ(*back, r);
    EXPECT_EQ(back->protection.perturbationMaxChange(), 6);
    r.protection.perturbation->maxChange = 0;
    back = Request::fromJson(r.toJson(), QStringLiteral("p.json"));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->protection.perturbationMaxChange(), 4);
}
