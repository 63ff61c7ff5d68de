// The counting frame as the register stores it: what goes in comes out, and damaged columns are refused;
// and the days its records cover.

#include "count/CountingFrame.h"
#include "support/TestWorld.h"

#include <gtest/gtest.h>

using namespace foi;

namespace {

void expectSameFrame(const CountingFrame &a, const CountingFrame &b)
{
    EXPECT_EQ(a.systems, b.systems);
    ASSERT_EQ(a.offences.size(), b.offences.size());
    for (qsizetype i = 0; i < a.offences.size(); ++i) {
        EXPECT_EQ(a.offences[i].code, b.offences[i].code);
        EXPECT_EQ(a.offences[i].description, b.offences[i].description);
        EXPECT_EQ(a.offences[i].group, b.offences[i].group);
        EXPECT_EQ(a.offences[i].subgroup, b.offences[i].subgroup);
        EXPECT_EQ(a.offences[i].sexual, b.offences[i].sexual);
    }
    EXPECT_EQ(a.hasRecordKeys, b.hasRecordKeys);
    EXPECT_EQ(a.personCount(), b.personCount());
    EXPECT_EQ(a.crimeRecorded, b.crimeRecorded);
    EXPECT_EQ(a.crimeCommitted, b.crimeCommitted);
    EXPECT_EQ(a.crimeOffence, b.crimeOffence);
    EXPECT_EQ(a.crimeOutcome, b.crimeOutcome);
    EXPECT_EQ(a.crimeSystem, b.crimeSystem);
    EXPECT_EQ(a.crimeMonthPrecision, b.crimeMonthPrecision);
    EXPECT_EQ(a.crimeFirstLink, b.crimeFirstLink);
    EXPECT_EQ(a.crimeKey, b.crimeKey);
    EXPECT_EQ(a.personKey, b.personKey);
    EXPECT_EQ(a.linkCrime, b.linkCrime);
    EXPECT_EQ(a.linkPerson, b.linkPerson);
    EXPECT_EQ(a.linkRole, b.linkRole);
    EXPECT_EQ(a.linkAge, b.linkAge);
    EXPECT_EQ(a.linkSex, b.linkSex);
    for (Criteria::DateBasis basis : {Criteria::DateBasis::Committed, Criteria::DateBasis::Recorded}) {
        EXPECT_EQ(a.span(basis).first, b.span(basis).first);
        EXPECT_EQ(a.span(basis).last, b.span(basis).last);
    }
}

QByteArray &column(QVector<QPair<QString, QByteArray>> &columns, const char *name)
{
    for (auto &c : columns) {
        if (c.first == QLatin1String(name))
            return c.second;
    }
    ADD_FAILURE() << "no column " << name;
    static QByteArray none;
    return none;
}

} // namespace

TEST(FrameColumns, WhatIsStoredIsWhatIsRead)
{
    std::mt19937 rng(4);
    for (int i = 0; i < 30; ++i) {
        const CountingFrame frame = test::randomWorld(rng).frame();
        Result<CountingFrame> back = CountingFrame::fromColumns(frame.toColumns());
        ASSERT_TRUE(back.ok()) << back.error().toString().toStdString();
        expectSameFrame(*back, frame);
    }
    // An empty register's frame too.
    Result<CountingFrame> empty = CountingFrame::fromColumns(CountingFrame::build({}, {}).toColumns());
    ASSERT_TRUE(empty.ok()) << empty.error().toString().toStdString();
    EXPECT_EQ(empty->crimeCount(), 0);
}

TEST(FrameColumns, DamagedColumnsAreRefused)
{
    // A world where some person has more than one link.
    std::mt19937 rng(9);
    CountingFrame frame = test::randomWorld(rng).frame();
    for (int i = 0; i < 50 && frame.personCount() >= frame.linkCount(); ++i)
        frame = test::randomWorld(rng).frame();
    ASSERT_GT(frame.linkCount(), 2);
    ASSERT_LT(frame.personCount(), frame.linkCount());
    auto refused = [](QVector<QPair<QString, QByteArray>> columns) {
        Result<CountingFrame> f = CountingFrame::fromColumns(columns);
        return !f.ok() && f.error().message.contains(QStringLiteral("damaged"));
    };
    {
        auto columns = frame.toColumns();
        column(columns, "link_person").chop(1); // cut short of a whole value
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "link_role_sex").chop(1); // one link fewer than the others
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "link_person")[0] = char(1); // the first link's person before the first person
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        // Every link a new person: more persons than the frame has.
        column(columns, "link_person") = QByteArray(qsizetype(frame.linkCount()), char(0));
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "crime_links").prepend(char(0)); // a count more than there are crimes
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "crime_recorded").append(char(0)); // a value after the last crime's
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "link_role_sex")[0] = char(0x0f); // a role that does not exist
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "crime_offence")[0] = char(0x7f); // an offence past the last
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        columns.removeIf([](const auto &c) { return c.first == QLatin1String("crime_key"); });
        EXPECT_TRUE(refused(columns));
    }
    {
        auto columns = frame.toColumns();
        column(columns, "meta") = QByteArrayLiteral("{\"format\": 1}");
        Result<CountingFrame> f = CountingFrame::fromColumns(columns);
        ASSERT_FALSE(f.ok());
        EXPECT_TRUE(f.error().message.contains(QStringLiteral("earlier version")));
        EXPECT_TRUE(f.error().message.contains(QStringLiteral("merge the register again")));
    }
}

TEST(FrameColumns, TheDaysTheRecordsCoverAreKnownOnEitherDateBasis)
{
    using test::day;
    test::World w;
    // CMS: recorded 3 April 2014 to 20 June 2018; one crime committed in 2013, one committed day unknown.
    w.link(w.crime(QStringLiteral("8N"), day(2014, 4, 3), -1, day(2013, 11, 5)), 1, Role::Suspect, 30);
    w.link(w.crime(QStringLiteral("8N"), day(2016, 1, 9)), 2, Role::Suspect, 30);
    w.link(w.crime(QStringLiteral("8N"), day(2018, 6, 20), -1, day(2018, 6, 2)), 3, Role::Suspect, 30);
    // police.uk, dated by the month: its crime of May 2019 may be of any day of May.
    w.crime(QStringLiteral("8N"), day(2019, 5, 1), -1, 0, QStringLiteral("policeuk"));
    w.crimes.last().precision = DatePrecision::Month;
    const CountingFrame frame = w.frame();

    const DaySpan recorded = frame.span(Criteria::DateBasis::Recorded);
    EXPECT_EQ(recorded.first, QDate(2014, 4, 3));
    EXPECT_EQ(recorded.last, QDate(2019, 5, 31));
    const DaySpan committed = frame.span(Criteria::DateBasis::Committed);
    EXPECT_EQ(committed.first, QDate(2013, 11, 5));
    EXPECT_EQ(committed.last, QDate(2019, 5, 31));
    // Only the systems named.
    const DaySpan cms = frame.span(Criteria::DateBasis::Committed, {QStringLiteral("cms")});
    EXPECT_EQ(cms.first, QDate(2013, 11, 5));
    EXPECT_EQ(cms.last, QDate(2018, 6, 2));
    EXPECT_EQ(frame.span(Criteria::DateBasis::Recorded, {QStringLiteral("cms")}).last, QDate(2018, 6, 20));
    EXPECT_TRUE(frame.span(Criteria::DateBasis::Recorded, {QStringLiteral("connect")}).isEmpty());
    EXPECT_TRUE(CountingFrame::build({}, {}).span(Criteria::DateBasis::Committed).isEmpty());

    // Read back from the register's columns, the same.
    Result<CountingFrame> back = CountingFrame::fromColumns(frame.toColumns());
    ASSERT_TRUE(back.ok()) << back.error().toString().toStdString();
    EXPECT_EQ(back->span(Criteria::DateBasis::Recorded).first, recorded.first);
    EXPECT_EQ(back->span(Criteria::DateBasis::Recorded).last, recorded.last);
    EXPECT_EQ(back->span(Criteria::DateBasis::Committed).first, committed.first);
}
