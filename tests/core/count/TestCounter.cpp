// Counting over the merged register: criteria, units, dimensions, margins and the overlap note, on small
// hand-made registers whose answers can be worked out by eye.

#include "count/Counter.h"
#include "support/TestSupport.h"
#include "support/TestWorld.h"

#include <QDate>

#include <gtest/gtest.h>

using namespace foi;
using foi::test::day;
using foi::test::World;

namespace {

Request oneWay(Dimension rows, CountUnit unit = CountUnit::Crimes)
{
    Request r;
    r.reference = QStringLiteral("T1");
    r.unit = unit;
    r.tables << TableSpec{QStringLiteral("t"), rows, std::nullopt};
    return r;
}

/// key -> count of a one-way table.
std::map<QString, qint64> countsOf(const CountTable &t)
{
    std::map<QString, qint64> m;
    for (qsizetype i = 0; i < t.rows.size(); ++i)
        m[t.rows[i].key] = t.cell(int(i));
    return m;
}

QStringList keysOf(const QVector<Category> &cats)
{
    QStringList k;
    for (const Category &c : cats)
        k << c.key;
    return k;
}

CountResult count(const World &w, const Request &r)
{
    Result<CountResult> res = countRequest(w.frame(), r);
    EXPECT_TRUE(res.ok());
    return res.ok() ? *res : CountResult{};
}

} // namespace

TEST(Counter, CountsCrimesByOffenceClassWithinTheCriteria)
{
    World w;
    const qint32 jan = day(2017, 1, 10);
    qint64 a = w.crime(QStringLiteral("8N"), jan, 11);
    w.link(a, 1, Role::Suspect, 7);
    w.link(a, 2, Role::Victim, 30);
    qint64 b = w.crime(QStringLiteral("8N"), jan, 11);
    w.link(b, 3, Role::Offender, 9);
    qint64 c = w.crime(QStringLiteral("105A"), jan, 11);
    w.link(c, 4, Role::Suspect, 8);
    qint64 d = w.crime(QStringLiteral("105A"), jan, 1); // another outcome
    w.link(d, 5, Role::Suspect, 8);
    qint64 e = w.crime(QStringLiteral("8N"), jan, 11); // a victim child only
    w.link(e, 6, Role::Victim, 8);
    qint64 f = w.crime(QStringLiteral("8N"), jan, 11); // an adult suspect
    w.link(f, 7, Role::Suspect, 10);
    qint64 g = w.crime(QStringLiteral("58A"), jan, 11); // not violence
    w.link(g, 8, Role::Suspect, 7);
    qint64 h = w.crime(QStringLiteral("8N"), day(2018, 2, 1), 11); // after the period
    w.link(h, 9, Role::Suspect, 7);

    Request r = oneWay(Dimension::OffenceClass);
    r.criteria.from = QDate(2016, 1, 1);
    r.criteria.to = QDate(2018, 1, 31);
    r.criteria.ageMin = 1;
    r.criteria.ageMax = 9;
    r.criteria.roles = {Role::Suspect, Role::Offender};
    r.criteria.outcomes = {11};
    r.criteria.offenceGroups = {QStringLiteral("Violence against the person")};
    const CountResult res = count(w, r);
    ASSERT_EQ(res.tables.size(), 1);
    const CountTable &t = res.tables[0];
    EXPECT_EQ(countsOf(t),
              (std::map<QString, qint64>{{QStringLiteral("8N"), 2}, {QStringLiteral("105A"), 1}}));
    EXPECT_EQ(t.total, 3);
    EXPECT_EQ(res.summary.crimes, 3);
    // Alphabetical by label: "Assault with injury" before "Assault without injury".
    EXPECT_EQ(keysOf(t.rows), (QStringList{QStringLiteral("8N"), QStringLiteral("105A")}));
    EXPECT_EQ(t.rows[0].label, QStringLiteral("Assault with injury"));
    EXPECT_FALSE(t.rowsCanOverlap);
}

TEST(Counter, ThePeriodIsOnTheCommittedDayOrTheRecordedDay)
{
    World w;
    // Committed in December 2015, recorded in January 2016.
    qint64 a = w.crime(QStringLiteral("8N"), day(2016, 1, 5), -1, day(2015, 12, 20));
    w.link(a, 1, Role::Suspect, 7);
    // No committed day: the recorded day stands in.
    qint64 b = w.crime(QStringLiteral("8N"), day(2016, 1, 6));
    w.link(b, 2, Role::Suspect, 7);

    Request r = oneWay(Dimension::OffenceClass);
    r.criteria.from = QDate(2016, 1, 1);
    r.criteria.to = QDate(2016, 12, 31);
    EXPECT_EQ(count(w, r).tables[0].total, 1);
    r.criteria.dateBasis = Criteria::DateBasis::Recorded;
    EXPECT_EQ(count(w, r).tables[0].total, 2);
}

TEST(Counter, OutcomesAbsentMeansAnyIncludingNoneYet)
{
    World w;
    w.link(w.crime(QStringLiteral("8N"), day(2017, 1, 1), -1), 1, Role::Suspect, 7);
    w.link(w.crime(QStringLiteral("8N"), day(2017, 1, 1), 11), 2, Role::Suspect, 7);
    Request r = oneWay(Dimension::OffenceClass);
    EXPECT_EQ(count(w, r).tables[0].total, 2);
    r.criteria.outcomes = {11};
    EXPECT_EQ(count(w, r).tables[0].total, 1);
    r.criteria.outcomes = {0}; // "not yet assigned"
    EXPECT_EQ(count(w, r).tables[0].total, 1);
}

TEST(Counter, ACrimeWithTwoChildrenCountsInBothAgesAndOnceInTheTotal)
{
    World w;
    qint64 a = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
    w.link(a, 1, Role::Suspect, 7);
    w.link(a, 2, Role::Suspect, 8);
    w.link(a, 3, Role::Offender, 8); // a second child of the same age: still one crime at 8
    qint64 b = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
    w.link(b, 4, Role::Suspect, 8);

    Request r = oneWay(Dimension::Age);
    r.criteria.roles = {Role::Suspect, Role::Offender};
    const CountTable t = count(w, r).tables[0];
    EXPECT_EQ(countsOf(t), (std::map<QString, qint64>{{QStringLiteral("7"), 1}, {QStringLiteral("8"), 2}}));
    EXPECT_EQ(t.total, 2);
    EXPECT_TRUE(t.rowsCanOverlap);
    EXPECT_TRUE(t.rowsOverlap);
}

TEST(Counter, AgesAscendWithUnknownLastAndAnAgeLimitExcludesUnknown)
{
    World w;
    for (int age : {10, 9, -1, 2, 0}) { // 0 is a flagged age: unknown
        qint64 c = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
        w.link(c, 100 + age, Role::Suspect, age);
    }
    Request r = oneWay(Dimension::Age);
    CountTable t = count(w, r).tables[0];
    EXPECT_EQ(keysOf(t.rows), (QStringList{QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10"),
                                           QStringLiteral("unknown")}));
    EXPECT_EQ(t.cell(3), 2);
    EXPECT_TRUE(t.rows[3].unknown);
    EXPECT_EQ(t.rows[3].label, QStringLiteral("Unknown"));
    r.criteria.ageMin = 1;
    t = count(w, r).tables[0];
    EXPECT_EQ(keysOf(t.rows), (QStringList{QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10")}));
}

TEST(Counter, LinksCountEachPersonInEachCrimeOnce)
{
    World w;
    qint64 a = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
    w.link(a, 1, Role::Suspect, 7);
    w.link(a, 1, Role::Offender, 7); // the same child in two roles
    w.link(a, 2, Role::Suspect, 8);
    qint64 b = w.crime(QStringLiteral("105A"), day(2017, 1, 1));
    w.link(b, 1, Role::Suspect, 7);

    Request r = oneWay(Dimension::OffenceClass, CountUnit::Links);
    r.criteria.roles = {Role::Suspect, Role::Offender};
    CountResult res = count(w, r);
    EXPECT_EQ(countsOf(res.tables[0]),
              (std::map<QString, qint64>{{QStringLiteral("8N"), 2}, {QStringLiteral("105A"), 1}}));
    EXPECT_EQ(res.tables[0].total, 3);
    EXPECT_FALSE(res.tables[0].rowsCanOverlap);
    EXPECT_EQ(res.summary.links, 3);
    EXPECT_EQ(res.summary.persons, 2);

    r.unit = CountUnit::Persons;
    res = count(w, r);
    // Person 1 is in both offences: two rows, one person in the total.
    EXPECT_EQ(countsOf(res.tables[0]),
              (std::map<QString, qint64>{{QStringLiteral("8N"), 2}, {QStringLiteral("105A"), 1}}));
    EXPECT_EQ(res.tables[0].total, 2);
    EXPECT_TRUE(res.tables[0].rowsCanOverlap);
    EXPECT_TRUE(res.tables[0].rowsOverlap);
}

TEST(Counter, PersonsWithoutAReferenceAreEachAPersonOfTheirOwn)
{
    World w;
    qint64 a = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
    w.link(a, 0, Role::Suspect, 7);
    w.link(a, 0, Role::Suspect, 7);
    Request r = oneWay(Dimension::Age, CountUnit::Persons);
    EXPECT_EQ(count(w, r).tables[0].total, 2);
}

TEST(Counter, TwoWayTablesCarryTheirMargins)
{
    World w;
    const qint32 d = day(2017, 3, 1);
    struct Row
    {
        const char *code;
        Sex sex;
    };
    for (const Row &row : {Row{"8N", Sex::Male}, Row{"8N", Sex::Male}, Row{"8N", Sex::Female},
                           Row{"58A", Sex::Female}, Row{"19C", Sex::Unknown}}) {
        qint64 c = w.crime(QString::fromLatin1(row.code), d);
        w.link(c, qint64(w.links.size()) + 1, Role::Suspect, 20, row.sex);
    }
    Request r;
    r.reference = QStringLiteral("T2");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceGroup, Dimension::Sex};
    r.protection.sensitive = ProtectionPolicy::Sensitive::Protect;
    const CountTable t = count(w, r).tables[0];
    EXPECT_EQ(keysOf(t.rows),
              (QStringList{QStringLiteral("Criminal damage and arson"), QStringLiteral("Sexual offences"),
                           QStringLiteral("Violence against the person")}));
    EXPECT_TRUE(t.rows[1].sexual);
    EXPECT_EQ(keysOf(t.columns),
              (QStringList{QStringLiteral("female"), QStringLiteral("male"), QStringLiteral("unknown")}));
    ASSERT_EQ(t.cells.size(), 9u);
    EXPECT_EQ(t.cell(0, 0), 1);
    EXPECT_EQ(t.cell(1, 2), 1);
    EXPECT_EQ(t.cell(2, 0), 1);
    EXPECT_EQ(t.cell(2, 1), 2);
    EXPECT_EQ(t.rowTotals, (std::vector<qint64>{1, 1, 3}));
    EXPECT_EQ(t.columnTotals, (std::vector<qint64>{2, 2, 1}));
    EXPECT_EQ(t.total, 5);
    EXPECT_FALSE(t.rowsCanOverlap);
    EXPECT_TRUE(t.columnsCanOverlap); // sex is a person's: a crime can have a boy and a girl
    EXPECT_FALSE(t.columnsOverlap);
}

TEST(Counter, YearsMonthsAndSystemsHaveKeysAndWords)
{
    World w;
    w.link(w.crime(QStringLiteral("8N"), day(2017, 11, 30)), 1, Role::Suspect, 7);
    w.link(w.crime(QStringLiteral("8N"), day(2017, 3, 2)), 2, Role::Suspect, 7);
    w.link(w.crime(QStringLiteral("8N"), day(2018, 1, 2), -1, 0, QStringLiteral("connect")), 3, Role::Suspect,
           7);
    Request r = oneWay(Dimension::Month);
    r.tables << TableSpec{QStringLiteral("y"), Dimension::Year, std::nullopt}
             << TableSpec{QStringLiteral("s"), Dimension::System, std::nullopt};
    const CountResult res = count(w, r);
    EXPECT_EQ(keysOf(res.tables[0].rows),
              (QStringList{QStringLiteral("2017-03"), QStringLiteral("2017-11"), QStringLiteral("2018-01")}));
    EXPECT_EQ(res.tables[0].rows[0].label, QStringLiteral("March 2017"));
    EXPECT_EQ(keysOf(res.tables[1].rows), (QStringList{QStringLiteral("2017"), QStringLiteral("2018")}));
    EXPECT_EQ(countsOf(res.tables[1]),
              (std::map<QString, qint64>{{QStringLiteral("2017"), 2}, {QStringLiteral("2018"), 1}}));
    EXPECT_EQ(keysOf(res.tables[2].rows), (QStringList{QStringLiteral("cms"), QStringLiteral("connect")}));
    EXPECT_EQ(res.tables[2].rows[1].label, QStringLiteral("CONNECT"));
    EXPECT_EQ(res.summary.systemsSearched, (QStringList{QStringLiteral("cms"), QStringLiteral("connect")}));

    r.criteria.systems = {QStringLiteral("connect")};
    EXPECT_EQ(count(w, r).tables[0].total, 1);
}

TEST(Counter, AClassResolvesThroughTheClassificationOfItsRecordedDay)
{
    World w;
    // 4.4 moved out of "Violence with injury" into its own subgroup in 2018/19.
    w.link(w.crime(QStringLiteral("4.4"), day(2018, 1, 10)), 1, Role::Suspect, 30);
    w.link(w.crime(QStringLiteral("4.4"), day(2018, 5, 10)), 2, Role::Suspect, 30);
    const CountTable t = count(w, oneWay(Dimension::OffenceSubgroup)).tables[0];
    EXPECT_EQ(keysOf(t.rows),
              (QStringList{QStringLiteral("Death or serious injury caused by unlawful driving"),
                           QStringLiteral("Violence with injury")}));
}

TEST(Counter, SexualOffencesCanBeCombinedIntoOneRow)
{
    World w;
    const qint32 d = day(2017, 3, 1);
    w.link(w.crime(QStringLiteral("19C"), d), 1, Role::Suspect, 9);
    w.link(w.crime(QStringLiteral("17A"), d), 2, Role::Suspect, 9);
    w.link(w.crime(QStringLiteral("8N"), d), 3, Role::Suspect, 9);
    Request r = oneWay(Dimension::OffenceClass);
    r.protection.sensitive = ProtectionPolicy::Sensitive::Combine;
    CountTable t = count(w, r).tables[0];
    EXPECT_EQ(countsOf(t),
              (std::map<QString, qint64>{{QStringLiteral("8N"), 1}, {QStringLiteral("sexual-offences"), 2}}));
    r.protection.sensitive = ProtectionPolicy::Sensitive::Suppress;
    t = count(w, r).tables[0];
    EXPECT_EQ(t.rows.size(), 3);
    for (const Category &c : t.rows)
        EXPECT_EQ(c.sexual, c.key != QLatin1String("8N")) << c.key.toStdString();
}

TEST(Counter, AgeBandsGroupAgesAndTheRestIsOther)
{
    World w;
    for (int age : {1, 3, 4, 9, 12}) {
        qint64 c = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
        w.link(c, 100 + age, Role::Suspect, age);
    }
    Request r = oneWay(Dimension::Age);
    r.protection.ageBands = {{1, 4}, {5, 9}};
    const CountTable t = count(w, r).tables[0];
    EXPECT_EQ(keysOf(t.rows),
              (QStringList{QStringLiteral("1-4"), QStringLiteral("5-9"), QStringLiteral("other")}));
    EXPECT_EQ(countsOf(t),
              (std::map<QString, qint64>{
                  {QStringLiteral("1-4"), 3}, {QStringLiteral("5-9"), 1}, {QStringLiteral("other"), 1}}));
    EXPECT_EQ(t.rows[0].label, QStringLiteral("1 to 4"));
}

TEST(Counter, UnitsOtherThanCrimesLeaveOutRowsWithoutPeople)
{
    World w;
    qint64 a = w.crime(QStringLiteral("8N"), day(2017, 1, 1));
    w.link(a, 0, Role::None, -1);
    Request r = oneWay(Dimension::OffenceClass);
    EXPECT_EQ(count(w, r).tables[0].total, 1);
    r.unit = CountUnit::Links;
    EXPECT_EQ(count(w, r).tables[0].total, 0);
}

TEST(Counter, SmallCategoriesCanBeMergedIntoOther)
{
    World w;
    const qint32 d = day(2017, 1, 1);
    w.addCrimes(QStringLiteral("8N"), 9, 9, d);
    w.addCrimes(QStringLiteral("105A"), 2, 9, d);
    w.addCrimes(QStringLiteral("8L"), 1, 9, d);
    // One crime in two small classes cannot be: a crime has one offence. Ages can: a crime with a
    // child of 3 and one of 4 counts once in "Other ages".
    qint64 c = w.crime(QStringLiteral("8N"), d);
    w.link(c, 1, Role::Suspect, 3);
    w.link(c, 2, Role::Suspect, 4);
    Request r = oneWay(Dimension::OffenceClass);
    r.tables << TableSpec{QStringLiteral("ages"), Dimension::Age, std::nullopt};
    r.protection.threshold = 5;
    r.protection.mergeSmall = true;
    const CountResult res = count(w, r);
    EXPECT_EQ(countsOf(res.tables[0]),
              (std::map<QString, qint64>{{QStringLiteral("8N"), 10}, {QStringLiteral("other"), 3}}));
    EXPECT_EQ(keysOf(res.tables[0].rows), (QStringList{QStringLiteral("8N"), QStringLiteral("other")}));
    EXPECT_EQ(res.tables[0].rows[1].label, QStringLiteral("Other"));
    EXPECT_EQ(countsOf(res.tables[1]),
              (std::map<QString, qint64>{{QStringLiteral("9"), 12}, {QStringLiteral("other"), 1}}));
}
