// The FOIA s.10 deadline rules (requests/Deadlines.h): working days over the UK bank holidays of every
// division, the clock stopped by clarification, the public interest extension, internal reviews, the
// span of the bank-holiday data, and the clock-driven helpers. Every expected day was counted by hand
// on a calendar.

#include "requests/Deadlines.h"
#include "support/Printers.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::BankHolidays;
using foi::Clarification;
using foi::FixedClock;
using foi::WorkingDays;

namespace {

const WorkingDays &calendar()
{
    return WorkingDays::builtIn();
}

/// Why the built-in calendar says the day is not a working day; empty when it is one.
QString whyNot(const QDate &day, const WorkingDays &days = WorkingDays::builtIn())
{
    QString reason;
    const bool working = days.isWorkingDay(day, &reason);
    EXPECT_EQ(working, reason.isEmpty()) << day.toString(Qt::ISODate).toStdString();
    return reason;
}

QDate due(const QDate &received, const QVector<Clarification> &clarifications = {}, int extension = 0)
{
    const foi::Result<QDate> day = foi::dueDay(received, clarifications, extension);
    EXPECT_TRUE(day.ok()) << day.error().toString().toStdString();
    return day.ok() ? *day : QDate();
}

foi::Error dueError(const QDate &received, const QVector<Clarification> &clarifications = {},
                    int extension = 0, const WorkingDays &days = WorkingDays::builtIn())
{
    const foi::Result<QDate> day = foi::dueDay(received, clarifications, extension, days);
    EXPECT_FALSE(day.ok()) << day->toString(Qt::ISODate).toStdString();
    return day.ok() ? foi::Error() : day.error();
}

/// A newer gov.uk feed with the 2028 holidays at the start of the year.
const char *const kFeed2028 = R"({
    "england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day"},
        {"title": "Good Friday", "date": "2028-04-14", "notes": ""}
    ]},
    "scotland": {"division": "scotland", "events": [
        {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day"},
        {"title": "2nd January", "date": "2028-01-04", "notes": "Substitute day"}
    ]},
    "northern-ireland": {"division": "northern-ireland", "events": [
        {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day"},
        {"title": "St Patrick’s Day", "date": "2028-03-17", "notes": ""}
    ]}
})";

} // namespace

TEST(WorkingDays, TheIssuesExamples)
{
    // The seed's request.
    EXPECT_EQ(due(QDate(2018, 2, 7)), QDate(2018, 3, 7));
    // Christmas Day, Boxing Day, New Year's Day, and 2 January (Scotland only) are skipped.
    EXPECT_EQ(due(QDate(2017, 12, 4)), QDate(2018, 1, 5));
    // 12 July (Northern Ireland only) is skipped.
    EXPECT_EQ(due(QDate(2018, 7, 2)), QDate(2018, 7, 31));
}

TEST(WorkingDays, TheSeedWasAnsweredOnTheSixteenthWorkingDay)
{
    const foi::Result<int> days = calendar().workingDaysBetween(QDate(2018, 2, 7), QDate(2018, 3, 1));
    ASSERT_TRUE(days.ok()) << days.error().toString().toStdString();
    EXPECT_EQ(*days, 16);
    EXPECT_EQ(*calendar().workingDaysBetween(QDate(2018, 3, 1), QDate(2018, 2, 7)), -16);
    EXPECT_EQ(*calendar().workingDaysBetween(QDate(2018, 2, 7), QDate(2018, 2, 7)), 0);
    EXPECT_EQ(*calendar().workingDaysBetween(QDate(2018, 2, 7), QDate(2018, 3, 7)), 20);
    // A weekend adds nothing.
    EXPECT_EQ(*calendar().workingDaysBetween(QDate(2018, 2, 9), QDate(2018, 2, 11)), 0);
}

TEST(WorkingDays, AddingWorkingDays)
{
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 2, 7), 0), QDate(2018, 2, 7));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 2, 7), 1), QDate(2018, 2, 8));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 2, 9), 1), QDate(2018, 2, 12));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 2, 7), 20), QDate(2018, 3, 7));
    EXPECT_FALSE(calendar().addWorkingDays(QDate(2018, 2, 7), -1).ok());
    EXPECT_FALSE(calendar().addWorkingDays(QDate(), 1).ok());
}

TEST(WorkingDays, WeekendsAreNotWorkingDays)
{
    EXPECT_EQ(whyNot(QDate(2018, 2, 10)), QStringLiteral("Saturday"));
    EXPECT_EQ(whyNot(QDate(2018, 2, 11)), QStringLiteral("Sunday"));
    EXPECT_EQ(whyNot(QDate(2018, 2, 12)), QString());
    EXPECT_TRUE(calendar().isWorkingDay(QDate(2018, 2, 9)));
    EXPECT_FALSE(calendar().isWorkingDay(QDate(2018, 2, 10)));
}

TEST(WorkingDays, TheDayOfReceiptIsDayZeroWhateverItIs)
{
    // Received on a Friday, a Saturday or a Sunday: day 1 is the Monday after each.
    EXPECT_EQ(due(QDate(2018, 2, 9)), QDate(2018, 3, 9));
    EXPECT_EQ(due(QDate(2018, 2, 10)), QDate(2018, 3, 9));
    EXPECT_EQ(due(QDate(2018, 2, 11)), QDate(2018, 3, 9));
    // Received on New Year's Day: 2 January is a Scottish bank holiday, so day 1 is 3 January.
    EXPECT_EQ(due(QDate(2018, 1, 1)), QDate(2018, 1, 30));
}

TEST(WorkingDays, ChristmasDayOnAWeekend)
{
    // 2021: Christmas Day on a Saturday, the substitute days on Monday 27 and Tuesday 28 December.
    EXPECT_EQ(whyNot(QDate(2021, 12, 25)), QStringLiteral("Saturday (Christmas Day)"));
    EXPECT_EQ(whyNot(QDate(2021, 12, 26)), QStringLiteral("Sunday"));
    EXPECT_EQ(whyNot(QDate(2021, 12, 27)),
              QStringLiteral("Christmas Day (England and Wales, Scotland, Northern Ireland)"));
    EXPECT_EQ(whyNot(QDate(2021, 12, 28)),
              QStringLiteral("Boxing Day (England and Wales, Scotland, Northern Ireland)"));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2021, 12, 24), 1), QDate(2021, 12, 29));
    // 2022: on a Sunday.
    EXPECT_EQ(whyNot(QDate(2022, 12, 25)), QStringLiteral("Sunday (Christmas Day)"));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2022, 12, 23), 1), QDate(2022, 12, 28));
}

TEST(WorkingDays, ChristmasDayIsComputedWithoutTheFeed)
{
    const WorkingDays noFeed{BankHolidays()};
    EXPECT_EQ(whyNot(QDate(2030, 12, 25), noFeed), QStringLiteral("Christmas Day"));
    EXPECT_EQ(whyNot(QDate(2018, 12, 25), noFeed), QStringLiteral("Christmas Day"));
    // Boxing Day is a bank holiday, known from the feed only.
    EXPECT_EQ(whyNot(QDate(2030, 12, 26), noFeed), QString());
}

TEST(WorkingDays, EasterByTheComputus)
{
    EXPECT_EQ(WorkingDays::easterSunday(2018), QDate(2018, 4, 1));
    EXPECT_EQ(WorkingDays::easterSunday(2019), QDate(2019, 4, 21));
    EXPECT_EQ(WorkingDays::easterSunday(2024), QDate(2024, 3, 31));
    EXPECT_EQ(WorkingDays::easterSunday(2038), QDate(2038, 4, 25)); // the latest it can be
    EXPECT_EQ(WorkingDays::easterSunday(2285), QDate(2285, 3, 22)); // the earliest
    EXPECT_EQ(WorkingDays::easterSunday(2000), QDate(2000, 4, 23));
    EXPECT_EQ(WorkingDays::goodFriday(2018), QDate(2018, 3, 30));
    EXPECT_FALSE(WorkingDays::easterSunday(1582).isValid());

    // Every Good Friday in the built-in feed is the computed one.
    int goodFridays = 0;
    for (const foi::BankHoliday &holiday : BankHolidays::builtIn().all()) {
        if (holiday.title != QStringLiteral("Good Friday"))
            continue;
        ++goodFridays;
        EXPECT_EQ(holiday.date, WorkingDays::goodFriday(holiday.date.year()));
    }
    EXPECT_EQ(goodFridays, 16 * 3);
}

TEST(WorkingDays, GoodFridayIsComputed)
{
    EXPECT_EQ(whyNot(QDate(2018, 3, 30)), QStringLiteral("Good Friday"));
    // Years outside the feed: the computus alone knows them.
    EXPECT_EQ(whyNot(QDate(2030, 4, 19)), QStringLiteral("Good Friday"));
    EXPECT_EQ(whyNot(QDate(2011, 4, 22)), QStringLiteral("Good Friday"));
    const WorkingDays noFeed{BankHolidays()};
    EXPECT_EQ(whyNot(QDate(2030, 4, 19), noFeed), QStringLiteral("Good Friday"));
    EXPECT_EQ(whyNot(QDate(2030, 4, 18), noFeed), QString());
}

TEST(WorkingDays, HolidaysOfOneDivisionCountEverywhere)
{
    EXPECT_EQ(whyNot(QDate(2018, 7, 12)),
              QStringLiteral("Battle of the Boyne (Orangemen\u2019s Day) (Northern Ireland)"));
    EXPECT_EQ(whyNot(QDate(2018, 1, 2)), QStringLiteral("2nd January (Scotland)"));
    EXPECT_EQ(whyNot(QDate(2018, 11, 30)), QStringLiteral("St Andrew\u2019s Day (Scotland)"));
    EXPECT_EQ(whyNot(QDate(2018, 4, 2)),
              QStringLiteral("Easter Monday (England and Wales, Northern Ireland)"));
    EXPECT_EQ(whyNot(QDate(2018, 8, 6)), QStringLiteral("Summer bank holiday (Scotland)"));
    // St Patrick's Day fell on a Saturday in 2018: the substitute Monday counts.
    EXPECT_EQ(whyNot(QDate(2018, 3, 17)), QStringLiteral("Saturday"));
    EXPECT_EQ(whyNot(QDate(2018, 3, 19)), QStringLiteral("St Patrick\u2019s Day (Northern Ireland)"));
    EXPECT_EQ(whyNot(QDate(2018, 1, 1)),
              QStringLiteral("New Year\u2019s Day (England and Wales, Scotland, Northern Ireland)"));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 7, 11), 1), QDate(2018, 7, 13));
    EXPECT_EQ(*calendar().addWorkingDays(QDate(2018, 11, 29), 1), QDate(2018, 12, 3));
}

TEST(WorkingDays, AccountOfTheDaysCounted)
{
    const QVector<foi::CountedDay> days = calendar().account(QDate(2018, 2, 7), QDate(2018, 3, 7));
    ASSERT_EQ(days.size(), 28);
    EXPECT_EQ(days.first().day, QDate(2018, 2, 8));
    EXPECT_EQ(days.first().number, 1);
    EXPECT_EQ(days.at(2).day, QDate(2018, 2, 10));
    EXPECT_EQ(days.at(2).number, 0);
    EXPECT_EQ(days.at(2).skippedBecause, QStringLiteral("Saturday"));
    EXPECT_EQ(days.last().day, QDate(2018, 3, 7));
    EXPECT_EQ(days.last().number, 20);
    EXPECT_TRUE(days.last().skippedBecause.isEmpty());
}

TEST(Deadlines, ClarificationStopsTheClockAndRestartsItAtZero)
{
    // Sought on day 2 (Friday 9 February), answered on Wednesday 14 February: 20 working days from then.
    const foi::Result<foi::Deadline> deadline =
        foi::requestDeadline(QDate(2018, 2, 7), {{QDate(2018, 2, 9), QDate(2018, 2, 14)}});
    ASSERT_TRUE(deadline.ok()) << deadline.error().toString().toStdString();
    EXPECT_EQ(deadline->due, QDate(2018, 3, 14));
    EXPECT_EQ(deadline->clockStart, QDate(2018, 2, 14));
    EXPECT_EQ(deadline->received, QDate(2018, 2, 7));
    EXPECT_EQ(deadline->workingDays, 20);
    EXPECT_EQ(deadline->daysRunWhenSought, QVector<int>{2});

    // Sought and answered on the day of receipt: as if there were none.
    EXPECT_EQ(due(QDate(2018, 2, 7), {{QDate(2018, 2, 7), QDate(2018, 2, 7)}}), QDate(2018, 3, 7));
    // Answered on a Saturday: day 0 is the Saturday, day 1 the Monday.
    EXPECT_EQ(due(QDate(2018, 2, 7), {{QDate(2018, 2, 9), QDate(2018, 2, 17)}}), QDate(2018, 3, 16));
    // Sought on the due day itself, still in time; then St Patrick's Day's substitute (Monday 19 March,
    // Northern Ireland), Good Friday and Easter Monday are skipped.
    EXPECT_EQ(due(QDate(2018, 2, 7), {{QDate(2018, 3, 7), QDate(2018, 3, 8)}}), QDate(2018, 4, 10));
}

TEST(Deadlines, SeveralRoundsOfClarification)
{
    const foi::Result<foi::Deadline> deadline =
        foi::requestDeadline(QDate(2018, 2, 7), {{QDate(2018, 2, 9), QDate(2018, 2, 14)},
                                                 {QDate(2018, 2, 20), QDate(2018, 2, 22)}});
    ASSERT_TRUE(deadline.ok()) << deadline.error().toString().toStdString();
    EXPECT_EQ(deadline->due, QDate(2018, 3, 23));
    EXPECT_EQ(deadline->daysRunWhenSought, (QVector<int>{2, 4}));

    // The second round cannot be sought before the first was answered.
    const foi::Error early = dueError(QDate(2018, 2, 7), {{QDate(2018, 2, 9), QDate(2018, 2, 14)},
                                                          {QDate(2018, 2, 13), QDate(2018, 2, 22)}});
    EXPECT_EQ(early.field, foi::kFieldClarificationSought);
    EXPECT_TRUE(early.message.contains(QStringLiteral("previous clarification")))
        << early.message.toStdString();
}

TEST(Deadlines, ClarificationDatesOutOfOrderAreErrors)
{
    const foi::Error answeredFirst = dueError(QDate(2018, 2, 7), {{QDate(2018, 2, 14), QDate(2018, 2, 9)}});
    EXPECT_EQ(answeredFirst.field, foi::kFieldClarificationAnswered);
    EXPECT_EQ(answeredFirst.message,
              QStringLiteral("clarification received on 2018-02-09, before it was sought on 2018-02-14"));

    const foi::Error soughtFirst = dueError(QDate(2018, 2, 7), {{QDate(2018, 2, 6), QDate(2018, 2, 9)}});
    EXPECT_EQ(soughtFirst.field, foi::kFieldClarificationSought);
    EXPECT_EQ(
        soughtFirst.message,
        QStringLiteral("clarification sought on 2018-02-06, before the request was received on 2018-02-07"));

    // Sought once the request was overdue: too late to stop the clock.
    const foi::Error late = dueError(QDate(2018, 2, 7), {{QDate(2018, 3, 8), QDate(2018, 3, 9)}});
    EXPECT_EQ(late.field, foi::kFieldClarificationSought);
    EXPECT_TRUE(late.message.contains(QStringLiteral("after the request was due (2018-03-07)")))
        << late.message.toStdString();

    EXPECT_EQ(dueError(QDate(2018, 2, 7), {{QDate(), QDate(2018, 3, 9)}}).field,
              foi::kFieldClarificationSought);
    EXPECT_EQ(dueError(QDate(2018, 2, 7), {{QDate(2018, 2, 8), QDate()}}).field,
              foi::kFieldClarificationAnswered);
    EXPECT_EQ(dueError(QDate()).field, foi::kFieldReceived);
}

TEST(Deadlines, PublicInterestExtension)
{
    EXPECT_EQ(due(QDate(2018, 2, 7), {}, 0), QDate(2018, 3, 7));
    EXPECT_EQ(due(QDate(2018, 2, 7), {}, 10), QDate(2018, 3, 22));
    // 40 working days in all, past St Patrick's Day's substitute, Good Friday and Easter Monday.
    EXPECT_EQ(due(QDate(2018, 2, 7), {}, 20), QDate(2018, 4, 9));
    const foi::Result<foi::Deadline> extended = foi::requestDeadline(QDate(2018, 2, 7), {}, 20);
    ASSERT_TRUE(extended.ok());
    EXPECT_EQ(extended->workingDays, 40);
    // From the day the clarification arrived.
    EXPECT_EQ(due(QDate(2018, 2, 7), {{QDate(2018, 2, 9), QDate(2018, 2, 14)}}, 5), QDate(2018, 3, 22));

    for (const int days : {21, -1, 40}) {
        const foi::Error e = dueError(QDate(2018, 2, 7), {}, days);
        EXPECT_EQ(e.field, foi::kFieldExtension);
        EXPECT_EQ(
            e.message,
            QStringLiteral("a public interest extension is 0 to 20 further working days, not %1").arg(days));
    }
}

TEST(Deadlines, InternalReview)
{
    EXPECT_EQ(*foi::internalReviewDue(QDate(2018, 3, 8)), QDate(2018, 4, 10));
    EXPECT_EQ(*foi::internalReviewDue(QDate(2018, 3, 8), 20), QDate(2018, 4, 10));
    // 40 at most: past the Early May bank holiday.
    EXPECT_EQ(*foi::internalReviewDue(QDate(2018, 3, 8), 40), QDate(2018, 5, 9));
    for (const int days : {19, 41, 0}) {
        const foi::Result<QDate> review = foi::internalReviewDue(QDate(2018, 3, 8), days);
        ASSERT_FALSE(review.ok()) << days;
        EXPECT_EQ(review.error().field, foi::kFieldReviewDays);
        EXPECT_EQ(review.error().message,
                  QStringLiteral("an internal review takes 20 to 40 working days, not %1").arg(days));
    }
    EXPECT_FALSE(foi::internalReviewDue(QDate()).ok());
}

TEST(Deadlines, BeyondTheBankHolidayDataIsAnErrorNamingWhatToLoad)
{
    ASSERT_EQ(BankHolidays::builtIn().lastDay(), QDate(2027, 12, 28));
    EXPECT_TRUE(calendar().covers(QDate(2027, 12, 28)).ok());
    EXPECT_TRUE(calendar().covers(QDate(2012, 1, 2)).ok());

    // Due in January 2028, whose substitute days the built-in data does not know.
    const foi::Error e = dueError(QDate(2027, 12, 10));
    EXPECT_TRUE(e.field.isEmpty());
    EXPECT_EQ(e.message, QStringLiteral("20 working days after 2027-12-10 go past 2027-12-28, the last bank "
                                        "holiday known, so the day cannot be told: load a newer copy of "
                                        "https://www.gov.uk/bank-holidays.json to add the later years"));
    const foi::Status after = calendar().covers(QDate(2028, 1, 3));
    ASSERT_FALSE(after.ok());
    EXPECT_TRUE(after.error().message.contains(QStringLiteral("https://www.gov.uk/bank-holidays.json")));
    EXPECT_FALSE(calendar().workingDaysBetween(QDate(2027, 12, 1), QDate(2028, 1, 10)).ok());
    EXPECT_FALSE(calendar().addWorkingDays(QDate(2028, 2, 1), 1).ok());

    // Before the first day known, likewise.
    const foi::Error before = dueError(QDate(2011, 11, 1));
    EXPECT_TRUE(before.message.contains(QStringLiteral("before the first bank holiday known (2012-01-02)")))
        << before.message.toStdString();
    EXPECT_TRUE(before.message.contains(QStringLiteral("https://www.gov.uk/bank-holidays.json")));

    // With no data at all, nothing can be counted.
    const WorkingDays noFeed{BankHolidays()};
    EXPECT_FALSE(noFeed.covers(QDate(2018, 2, 7)).ok());
    EXPECT_FALSE(foi::dueDay(QDate(2018, 2, 7), {}, 0, noFeed).ok());
}

TEST(Deadlines, ANewerFeedExtendsTheSpan)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bank-holidays.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(kFeed2028);
    file.close();

    WorkingDays newer = calendar();
    const foi::Status merged = newer.mergeFeed(path);
    ASSERT_TRUE(merged.ok()) << merged.error().toString().toStdString();
    EXPECT_EQ(newer.holidays().lastDay(), QDate(2028, 4, 14));
    EXPECT_TRUE(newer.covers(QDate(2028, 1, 13)).ok());
    // 27 and 28 December 2027 are the substitute Christmas and Boxing days; 3 January 2028 New Year's
    // Day's, 4 January 2 January's in Scotland.
    EXPECT_EQ(*foi::dueDay(QDate(2027, 12, 10), {}, 0, newer), QDate(2028, 1, 13));
    EXPECT_EQ(whyNot(QDate(2028, 1, 4), newer), QStringLiteral("2nd January (Scotland)"));
    // The built-in calendar is untouched.
    EXPECT_EQ(calendar().holidays().lastDay(), QDate(2027, 12, 28));

    // A file that cannot be read, or is not a feed, is named, and nothing is merged.
    WorkingDays other = calendar();
    const foi::Status missing = other.mergeFeed(dir.filePath(QStringLiteral("missing.json")));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().file, dir.filePath(QStringLiteral("missing.json")));
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    ASSERT_TRUE(badFile.open(QIODevice::WriteOnly));
    badFile.write(R"({"scotland": {"events": [{"title": "x", "date": "2028-02-30"}]}})");
    badFile.close();
    const foi::Status invalid = other.mergeFeed(bad);
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().file, bad);
    EXPECT_EQ(invalid.error().field, QStringLiteral("scotland.events[0].date"));
    EXPECT_EQ(other.holidays().lastDay(), QDate(2027, 12, 28));
}

TEST(DeadlineClock, OverdueAndWorkingDaysLeftOnAFixedClock)
{
    const QDate dueDay(2018, 3, 7);
    FixedClock clock(QDate(2018, 3, 1));
    EXPECT_EQ(clock.today(), QDate(2018, 3, 1));
    EXPECT_EQ(clock.nowUtc(), QDateTime(QDate(2018, 3, 1), QTime(12, 0), Qt::UTC));
    EXPECT_FALSE(foi::isOverdue(dueDay, clock));
    EXPECT_EQ(*foi::workingDaysLeft(dueDay, clock), 4);

    clock.setToday(dueDay);
    EXPECT_FALSE(foi::isOverdue(dueDay, clock));
    EXPECT_EQ(*foi::workingDaysLeft(dueDay, clock), 0);

    clock.advanceDays(1);
    EXPECT_EQ(clock.today(), QDate(2018, 3, 8));
    EXPECT_TRUE(foi::isOverdue(dueDay, clock));
    EXPECT_EQ(*foi::workingDaysLeft(dueDay, clock), -1);

    // The weekend after: two working days late (Thursday and Friday).
    clock.advanceDays(2);
    EXPECT_EQ(*foi::workingDaysLeft(dueDay, clock), -2);

    // Before a weekend, the weekend does not count.
    clock.setToday(QDate(2018, 3, 3));
    EXPECT_EQ(*foi::workingDaysLeft(dueDay, clock), 3);

    // Today beyond the bank-holiday data: the count cannot be told.
    clock.setToday(QDate(2030, 1, 1));
    EXPECT_TRUE(foi::isOverdue(dueDay, clock));
    EXPECT_FALSE(foi::workingDaysLeft(dueDay, clock).ok());
}

TEST(DeadlineClock, SystemClock)
{
    const foi::Clock &clock = foi::SystemClock::instance();
    EXPECT_TRUE(clock.today().isValid());
    EXPECT_EQ(clock.nowUtc().timeSpec(), Qt::UTC);
    EXPECT_LE(qAbs(clock.nowUtc().secsTo(QDateTime::currentDateTimeUtc())), 60);
}
