// Whole releases of random registers under random policies, read back by the tests' own attacker from
// what the release shows (never the true counts): every release that passes keeps each withheld small
// or sensitive count inside a range at least as wide as the policy asks, and shows no count from 1 to
// threshold-1.

#include "Attacker.h"
#include "protect/Release.h"
#include "support/TestWorld.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

using namespace foi;
using foi::protect::test::lpRange;
using foi::protect::test::PlainRelation;
using foi::protect::test::PlainRelease;
using foi::test::day;
using foi::test::World;

namespace {

/// A random register: crimes of a few classes (two of them sexual offences), 0 to 2 suspects each of a
/// random age (sometimes unknown) and sex, over 2016 and 2017.
World randomWorld(std::mt19937 &rng)
{
    static const char *const kCodes[] = {"8N", "105A", "8L", "5D", "19C", "17A", "58A", "28E"};
    World w;
    const int crimes = std::uniform_int_distribution<int>(3, 45)(rng);
    for (int i = 0; i < crimes; ++i) {
        const char *code = kCodes[std::uniform_int_distribution<int>(0, 7)(rng) % 8];
        const qint32 recorded = day(2016, 1, 1) + std::uniform_int_distribution<int>(0, 729)(rng);
        const qint64 c = w.crime(QString::fromLatin1(code), recorded);
        const int people = std::uniform_int_distribution<int>(0, 9)(rng) < 2 ? 2 : 1;
        for (int p = 0; p < people; ++p) {
            const int age = std::uniform_int_distribution<int>(0, 12)(rng) == 0
                                ? -1
                                : std::uniform_int_distribution<int>(1, 9)(rng);
            const Sex sex = std::uniform_int_distribution<int>(0, 1)(rng) ? Sex::Male : Sex::Female;
            // Sometimes the same child again, so that persons differ from links.
            const qint64 person = std::uniform_int_distribution<int>(0, 4)(rng) == 0
                                      ? std::uniform_int_distribution<qint64>(1, 5)(rng)
                                      : w.nextPerson++;
            w.link(c, person, Role::Suspect, age, sex);
        }
    }
    return w;
}

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
    };
    const auto &shape = shapes[size_t(std::uniform_int_distribution<int>(0, int(shapes.size()) - 1)(rng))];
    r.tables = QVector<TableSpec>(shape.begin(), shape.end());
    ProtectionPolicy &p = r.protection;
    p.threshold = std::uniform_int_distribution<int>(3, 8)(rng);
    p.suppressZeros = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
    p.sensitive = std::uniform_int_distribution<int>(0, 1)(rng) ? ProtectionPolicy::Sensitive::Suppress
                                                                : ProtectionPolicy::Sensitive::Combine;
    p.separateTables = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
    if (std::uniform_int_distribution<int>(0, 9)(rng) == 0)
        p.round = 10;
    return r;
}

/// The attacker's reading of a release: a variable per shown cell; the sums each table states (or, with
/// a note that rows can add up to more than the total, the inequalities); and the same count shown in
/// two tables (a total, a margin and a one-way row of the same dimension) is one count.
struct Reading
{
    PlainRelease plain;
    std::vector<const ReleasedCell *> cells;
    std::vector<bool> primary;
};

Reading readRelease(const Release &release)
{
    Reading rd;
    const int base = release.request.protection.round.value_or(0);
    const bool zerosShown = !release.request.protection.suppressZeros;
    auto add = [&](const ReleasedCell &c, bool sexual) {
        const int index = int(rd.cells.size());
        rd.cells.push_back(&c);
        rd.plain.hidden.push_back(c.withheld());
        bool number = false;
        const qint64 v = c.shown.toLongLong(&number);
        qint64 low = v;
        qint64 high = v;
        if (number && base > 1) {
            low = std::max<qint64>(0, v - base / 2);
            high = v + (base + 1) / 2 - 1;
        }
        rd.plain.shownLow.push_back(number ? low : 0);
        rd.plain.shownHigh.push_back(number ? high : 0);
        // A [c] is at least 1 when zeros are shown as 0, unless it is a sexual offence (withheld whatever
        // it is).
        rd.plain.hiddenAtLeast.push_back(zerosShown && !sexual ? 1 : 0);
        const int t = release.request.protection.threshold;
        rd.primary.push_back((c.count >= 1 && c.count < t) || c.status == CellStatus::Sensitive);
        return index;
    };
    auto relation = [&](const std::vector<int> &parts, int whole, bool exact) {
        PlainRelation r;
        for (int p : parts)
            r.terms.push_back({p, 1.0});
        r.terms.push_back({whole, -1.0});
        r.kind = exact ? PlainRelation::Equal : PlainRelation::AtLeast;
        rd.plain.relations.push_back(r);
        if (!exact) {
            for (int p : parts)
                rd.plain.relations.push_back(
                    PlainRelation{{{p, 1.0}, {whole, -1.0}}, PlainRelation::AtMost, 0.0});
        }
    };
    std::map<QString, int> sameCount; // "dimension=key" or "" -> first cell showing it
    auto same = [&](const QString &key, int cell) {
        auto it = sameCount.find(key);
        if (it == sameCount.end())
            sameCount[key] = cell;
        else
            rd.plain.relations.push_back(
                PlainRelation{{{it->second, 1.0}, {cell, -1.0}}, PlainRelation::Equal, 0.0});
    };
    for (const ReleasedTable &t : release.tables) {
        const bool rowsNote =
            !t.notes.isEmpty() && t.notes.join(QString()).contains(QStringLiteral("more than one row"));
        const bool columnsNote =
            !t.notes.isEmpty() && t.notes.join(QString()).contains(QStringLiteral("more than one column"));
        const QString rd_ = dimensionName(t.spec.rows) + QLatin1Char('=');
        std::map<QString, bool> sexualRow;
        for (const Category &c : t.rows)
            sexualRow[c.key] = c.sexual;
        std::map<QString, bool> sexualColumn;
        for (const Category &c : t.columns)
            sexualColumn[c.key] = c.sexual;
        const int total = add(t.total, false);
        same(QString(), total);
        if (!t.spec.columns) {
            std::vector<int> rows;
            for (const ReleasedCell &c : t.cells) {
                rows.push_back(add(c, sexualRow[c.row]));
                same(rd_ + c.row, rows.back());
            }
            relation(rows, total, !rowsNote);
            continue;
        }
        const QString cd_ = dimensionName(*t.spec.columns) + QLatin1Char('=');
        std::map<QString, std::vector<int>> byRow;
        std::map<QString, std::vector<int>> byColumn;
        std::map<QString, int> rowMargin;
        std::map<QString, int> columnMargin;
        for (const ReleasedCell &c : t.cells) {
            const bool sexual = sexualRow[c.row] || sexualColumn[c.column];
            const int i = add(c, sexual);
            if (c.column == QLatin1String("total")) {
                rowMargin[c.row] = i;
                same(rd_ + c.row, i);
            } else if (c.row == QLatin1String("total")) {
                columnMargin[c.column] = i;
                same(cd_ + c.column, i);
            } else {
                byRow[c.row].push_back(i);
                byColumn[c.column].push_back(i);
            }
        }
        std::vector<int> margins;
        for (const auto &[key, cells] : byRow)
            relation(cells, rowMargin.at(key), !columnsNote);
        for (const auto &[key, cells] : byColumn)
            relation(cells, columnMargin.at(key), !rowsNote);
        for (const auto &[key, cell] : rowMargin)
            margins.push_back(cell);
        relation(margins, total, !rowsNote);
        margins.clear();
        for (const auto &[key, cell] : columnMargin)
            margins.push_back(cell);
        relation(margins, total, !columnsNote);
    }
    return rd;
}

} // namespace

TEST(ReleaseProperty, NoWithheldCountCanBeWorkedOutFromWhatIsShown)
{
    std::mt19937 rng(20180207);
    int passed = 0;
    int failed = 0;
    int withheld = 0;
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
    }
    // The random releases are mostly protectable and withhold cells: the property was exercised.
    EXPECT_GT(passed, 400);
    EXPECT_GT(withheld, 500);
    EXPECT_LT(failed, 50);
}
