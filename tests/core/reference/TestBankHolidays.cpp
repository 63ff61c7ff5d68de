#include "reference/BankHolidays.h"
#include "support/Printers.h"

#include <gtest/gtest.h>

using foi::BankHoliday;
using foi::BankHolidays;
using foi::Division;

namespace {

const BankHolidays &builtIn()
{
    return BankHolidays::builtIn();
}

bool inDivisions(const QDate &day, bool englandAndWales, bool scotland, bool northernIreland)
{
    return builtIn().isBankHoliday(day, Division::EnglandAndWales) == englandAndWales &&
           builtIn().isBankHoliday(day, Division::Scotland) == scotland &&
           builtIn().isBankHoliday(day, Division::NorthernIreland) == northernIreland &&
           builtIn().isBankHolidayAnywhere(day) == (englandAndWales || scotland || northernIreland);
}

const QString kFeed = QStringLiteral("bank-holidays.json");

} // namespace

TEST(BankHolidays, HolidaysEverywhere)
{
    for (const QDate &day : {QDate(2017, 12, 25), QDate(2017, 12, 26), QDate(2018, 1, 1), QDate(2018, 3, 30)})
        EXPECT_TRUE(inDivisions(day, true, true, true)) << day.toString(Qt::ISODate).toStdString();
}

TEST(BankHolidays, HolidaysOfOneDivision)
{
    // 2 January is a bank holiday in Scotland only.
    EXPECT_TRUE(inDivisions(QDate(2018, 1, 2), false, true, false));
    // St Patrick's Day 2018 fell on a Saturday: the feed lists the substitute Monday only.
    EXPECT_TRUE(inDivisions(QDate(2018, 3, 17), false, false, false));
    EXPECT_TRUE(inDivisions(QDate(2018, 3, 19), false, false, true));
    // The Battle of the Boyne.
    EXPECT_TRUE(inDivisions(QDate(2018, 7, 12), false, false, true));
    // Easter Monday is not a bank holiday in Scotland; the summer holidays differ.
    EXPECT_TRUE(inDivisions(QDate(2018, 4, 2), true, false, true));
    EXPECT_TRUE(inDivisions(QDate(2018, 8, 6), false, true, false));
    EXPECT_TRUE(inDivisions(QDate(2018, 8, 27), true, false, true));
    // An ordinary working day, and no day at all.
    EXPECT_TRUE(inDivisions(QDate(2018, 2, 7), false, false, false));
    EXPECT_FALSE(builtIn().isBankHolidayAnywhere(QDate()));
}

TEST(BankHolidays, SaysWhichHolidaysFallOnADay)
{
    const QVector<BankHoliday> newYear = builtIn().holidaysOn(QDate(2018, 1, 1));
    ASSERT_EQ(newYear.size(), 3);
    EXPECT_EQ(newYear.at(0).division, Division::EnglandAndWales);
    EXPECT_EQ(newYear.at(1).division, Division::Scotland);
    EXPECT_EQ(newYear.at(2).division, Division::NorthernIreland);
    EXPECT_EQ(newYear.at(0).title, QStringLiteral("New Year\u2019s Day"));

    const QVector<BankHoliday> boyne = builtIn().holidaysOn(QDate(2018, 7, 12));
    ASSERT_EQ(boyne.size(), 1);
    EXPECT_EQ(boyne.at(0).title, QStringLiteral("Battle of the Boyne (Orangemen\u2019s Day)"));
    EXPECT_TRUE(builtIn().holidaysOn(QDate(2018, 7, 13)).isEmpty());
}

TEST(BankHolidays, BuiltInSpanAndOrder)
{
    EXPECT_EQ(builtIn().firstDay(), QDate(2012, 1, 2));
    EXPECT_EQ(builtIn().lastDay(), QDate(2027, 12, 28));
    EXPECT_EQ(builtIn().all().size(), 444);
    for (int i = 1; i < builtIn().all().size(); ++i) {
        const BankHoliday &a = builtIn().all().at(i - 1);
        const BankHoliday &b = builtIn().all().at(i);
        EXPECT_TRUE(a.date < b.date || (a.date == b.date && int(a.division) < int(b.division))) << i;
    }
    // The built-in calendar answers as the file says: Christmas 2017 everywhere, St Andrew's Day in
    // Scotland only, and an ordinary Tuesday nowhere.
    EXPECT_TRUE(builtIn().isBankHolidayAnywhere(QDate(2017, 12, 25)));
    EXPECT_TRUE(builtIn().isBankHoliday(QDate(2017, 11, 30), Division::Scotland));
    EXPECT_FALSE(builtIn().isBankHoliday(QDate(2017, 11, 30), Division::EnglandAndWales));
    EXPECT_FALSE(builtIn().isBankHolidayAnywhere(QDate(2018, 2, 6)));
    EXPECT_FALSE(BankHolidays().firstDay().isValid());
}

TEST(BankHolidays, DivisionKeys)
{
    EXPECT_EQ(BankHolidays::divisionKey(Division::EnglandAndWales), QStringLiteral("england-and-wales"));
    EXPECT_EQ(BankHolidays::divisionKey(Division::Scotland), QStringLiteral("scotland"));
    EXPECT_EQ(BankHolidays::divisionKey(Division::NorthernIreland), QStringLiteral("northern-ireland"));
}

TEST(BankHolidays, MergesANewerFeed)
{
    // A newer download: one day already known (with another title), one day new.
    const auto newer = BankHolidays::fromGovUkJson(R"({
        "england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Renamed Christmas", "date": "2027-12-27", "notes": "Substitute day"},
            {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day"}
        ]},
        "scotland": {"division": "scotland", "events": [
            {"title": "2nd January", "date": "2028-01-04", "notes": "Substitute day"}
        ]}
    })",
                                                   kFeed);
    ASSERT_TRUE(newer.ok()) << newer.error().toString().toStdString();
    EXPECT_EQ(newer->all().size(), 3);

    BankHolidays holidays = builtIn();
    EXPECT_FALSE(holidays.isBankHolidayAnywhere(QDate(2028, 1, 3)));
    holidays.merge(*newer);
    EXPECT_EQ(holidays.all().size(), 446);
    EXPECT_TRUE(holidays.isBankHoliday(QDate(2028, 1, 3), Division::EnglandAndWales));
    EXPECT_FALSE(holidays.isBankHoliday(QDate(2028, 1, 3), Division::Scotland));
    EXPECT_TRUE(holidays.isBankHoliday(QDate(2028, 1, 4), Division::Scotland));
    EXPECT_TRUE(holidays.isBankHolidayAnywhere(QDate(2028, 1, 4)));
    EXPECT_EQ(holidays.lastDay(), QDate(2028, 1, 4));
    EXPECT_EQ(holidays.firstDay(), QDate(2012, 1, 2));
    // Holidays already known stay as they were.
    EXPECT_EQ(holidays.holidaysOn(QDate(2027, 12, 27)).at(0).title, QStringLiteral("Christmas Day"));
    EXPECT_EQ(holidays.all().constLast().title, QStringLiteral("2nd January"));
    // The built-in instance is untouched.
    EXPECT_FALSE(builtIn().isBankHolidayAnywhere(QDate(2028, 1, 3)));

    // Merging again adds nothing.
    holidays.merge(*newer);
    EXPECT_EQ(holidays.all().size(), 446);
}

TEST(BankHolidays, BadDateNamesTheJsonPath)
{
    const auto feed = BankHolidays::fromGovUkJson(R"({
        "england-and-wales": {"division": "england-and-wales", "events": []},
        "scotland": {"division": "scotland", "events": [
            {"title": "New Year’s Day", "date": "2018-01-01", "notes": ""},
            {"title": "2nd January", "date": "2018-01-02", "notes": ""},
            {"title": "Good Friday", "date": "2018-03-30", "notes": ""},
            {"title": "Nonsense", "date": "2018-02-30", "notes": ""}
        ]}
    })",
                                                  kFeed);
    ASSERT_FALSE(feed.ok());
    EXPECT_EQ(feed.error().file, kFeed);
    EXPECT_EQ(feed.error().field, QStringLiteral("scotland.events[3].date"));
    EXPECT_EQ(feed.error().message, QStringLiteral("not a date: '2018-02-30' (expected YYYY-MM-DD)"));
    EXPECT_EQ(feed.error().toString(),
              QStringLiteral("bank-holidays.json, field scotland.events[3].date: not a "
                             "date: '2018-02-30' (expected YYYY-MM-DD)"));
}

TEST(BankHolidays, MalformedFeedsNameThePath)
{
    const auto errorOf = [](const char *json) {
        const auto feed = BankHolidays::fromGovUkJson(QByteArray(json), kFeed);
        EXPECT_FALSE(feed.ok()) << json;
        return feed.ok() ? foi::Error() : feed.error();
    };
    EXPECT_EQ(errorOf(R"({"scotland": {"events": [{"title": "x", "date": 20180102}]}})").field,
              QStringLiteral("scotland.events[0].date"));
    EXPECT_EQ(errorOf(R"({"scotland": {"events": [{"date": "2018-01-02"}]}})").field,
              QStringLiteral("scotland.events[0].title"));
    EXPECT_EQ(errorOf(R"({"scotland": {"events": ["2018-01-02"]}})").field,
              QStringLiteral("scotland.events[0]"));
    EXPECT_EQ(errorOf(R"({"scotland": {"events": {}}})").field, QStringLiteral("scotland.events"));
    EXPECT_EQ(errorOf(R"({"scotland": []})").field, QStringLiteral("scotland"));
    EXPECT_EQ(errorOf(R"({"scotland": {"division": "england-and-wales", "events": []}})").field,
              QStringLiteral("scotland.division"));
    EXPECT_EQ(errorOf(R"({"scotland": {"events": [{"title": "x", "date": "2018-1-2"}]}})").field,
              QStringLiteral("scotland.events[0].date"));

    const foi::Error notAFeed = errorOf(R"({"fields": {}})");
    EXPECT_EQ(notAFeed.file, kFeed);
    EXPECT_TRUE(notAFeed.message.startsWith(QStringLiteral("not a gov.uk bank holidays feed")));

    const foi::Error syntax = errorOf("{\n \"scotland\": {\n  \"events\": [,]\n }\n}\n");
    EXPECT_EQ(syntax.file, kFeed);
    EXPECT_EQ(syntax.line, 3);
    EXPECT_TRUE(syntax.message.startsWith(QStringLiteral("not valid JSON")));
}

TEST(BankHolidays, AFeedMayLackADivision)
{
    const auto feed = BankHolidays::fromGovUkJson(
        R"({"northern-ireland": {"events": [{"title": "St Patrick’s Day", "date": "2028-03-17", "notes": ""}]}})",
        kFeed);
    ASSERT_TRUE(feed.ok()) << feed.error().toString().toStdString();
    EXPECT_TRUE(feed->isBankHoliday(QDate(2028, 3, 17), Division::NorthernIreland));
    EXPECT_FALSE(feed->isBankHoliday(QDate(2028, 3, 17), Division::EnglandAndWales));
    EXPECT_EQ(feed->firstDay(), QDate(2028, 3, 17));
    EXPECT_EQ(feed->lastDay(), QDate(2028, 3, 17));
}
