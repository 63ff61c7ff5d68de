// Where each request stands on a given day, the lists an officer works from, and the disclosure log, all
// on a FixedClock so that every rule is tested without waiting for a date.

#include "requests/RequestLists.h"
#include "support/TestSupport.h"

#include <gtest/gtest.h>

using namespace foi;

namespace {

FoiRequestRecord request(const char *reference, const QDate &received)
{
    return test::foiRequest(reference, received);
}

QStringList references(const QVector<RequestRow> &rows)
{
    QStringList out;
    for (const RequestRow &r : rows)
        out << r.request.reference;
    return out;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *n : list)
        out << QLatin1String(n);
    return out;
}

} // namespace

TEST(RequestTiming, TheSeedsRequestWasAnsweredInSixteenWorkingDays)
{
    FoiRequestRecord seed = request("20180207", QDate(2018, 2, 7));
    const FixedClock early(QDate(2018, 2, 28));
    RequestTiming open = requestTiming(seed, early);
    EXPECT_EQ(open.due, QDate(2018, 3, 7));
    EXPECT_FALSE(open.overdue);
    ASSERT_TRUE(open.workingDaysLeft.has_value());
    EXPECT_EQ(*open.workingDaysLeft, 5);
    EXPECT_FALSE(open.workingDaysTaken.has_value());

    seed.status = RequestStatus::Responded;
    seed.responded = QDate(2018, 3, 1);
    const RequestTiming done = requestTiming(seed, FixedClock(QDate(2018, 6, 1)));
    ASSERT_TRUE(done.workingDaysTaken.has_value());
    EXPECT_EQ(*done.workingDaysTaken, 16);
    EXPECT_FALSE(done.late);
    EXPECT_FALSE(done.overdue); // answered: nothing is due any more
    EXPECT_FALSE(done.workingDaysLeft.has_value());
}

TEST(RequestTiming, OverdueTheWorkingDayAfterItsDueDay)
{
    const FoiRequestRecord r = request("A", QDate(2018, 7, 2)); // due 31 July 2018
    EXPECT_EQ(requestTiming(r, FixedClock(QDate(2018, 7, 31))).due, QDate(2018, 7, 31));
    EXPECT_FALSE(requestTiming(r, FixedClock(QDate(2018, 7, 31))).overdue);
    const RequestTiming late = requestTiming(r, FixedClock(QDate(2018, 8, 1)));
    EXPECT_TRUE(late.overdue);
    EXPECT_EQ(*late.workingDaysLeft, -1);
    // Answered after its due day: late, and no longer overdue.
    FoiRequestRecord answered = r;
    answered.status = RequestStatus::Responded;
    answered.responded = QDate(2018, 8, 2);
    const RequestTiming t = requestTiming(answered, FixedClock(QDate(2018, 8, 3)));
    EXPECT_TRUE(t.late);
    EXPECT_FALSE(t.overdue);
    EXPECT_EQ(*t.workingDaysTaken, 22);
}

TEST(RequestTiming, ClarificationStopsTheClockAndItsAnswerRestartsIt)
{
    FoiRequestRecord r = request("A", QDate(2018, 7, 2));
    r.status = RequestStatus::ClarificationSought;
    r.clarifications = {{QDate(2018, 7, 4), QDate()}};
    const RequestTiming stopped = requestTiming(r, FixedClock(QDate(2018, 9, 1)));
    EXPECT_TRUE(stopped.clockStopped);
    EXPECT_FALSE(stopped.due.isValid());
    EXPECT_FALSE(stopped.overdue); // however long the requester takes
    r.status = RequestStatus::InProgress;
    // Day 0 again on the answer's day: 20 working days on, skipping 12 July (Northern Ireland) and
    // 6 August (Scotland), not 31 July as without the clarification.
    r.clarifications[0].answered = QDate(2018, 7, 9);
    const RequestTiming restarted = requestTiming(r, FixedClock(QDate(2018, 7, 10)));
    EXPECT_FALSE(restarted.clockStopped);
    EXPECT_EQ(restarted.due, QDate(2018, 8, 8));
}

TEST(RequestTiming, AnExtensionAndAnInternalReviewHaveTheirOwnDays)
{
    FoiRequestRecord r = request("A", QDate(2018, 7, 2));
    r.status = RequestStatus::PublicInterestExtension;
    r.extensionDays = 20;
    // 40 working days: 20 more after 31 July, skipping 6 August (Scotland) and 27 August (England).
    EXPECT_EQ(requestTiming(r, FixedClock(QDate(2018, 7, 3))).due, QDate(2018, 8, 30));
    r.status = RequestStatus::InternalReview;
    r.responded = QDate(2018, 8, 20);
    r.reviewRequested = QDate(2018, 9, 3);
    const RequestTiming review = requestTiming(r, FixedClock(QDate(2018, 10, 2)));
    EXPECT_EQ(review.reviewDue, QDate(2018, 10, 1));
    EXPECT_TRUE(review.overdue);
    r.reviewDays = 40;
    EXPECT_FALSE(requestTiming(r, FixedClock(QDate(2018, 10, 2))).overdue);
}

TEST(RequestTiming, PastTheBankHolidaysTheDueDayIsAProblemNotAGuess)
{
    const FoiRequestRecord r = request("A", QDate(2027, 12, 20));
    const RequestTiming t = requestTiming(r, FixedClock(QDate(2027, 12, 21)));
    EXPECT_FALSE(t.due.isValid());
    EXPECT_TRUE(t.problem.contains(QStringLiteral("bank-holidays.json"))) << t.problem.toStdString();
    EXPECT_FALSE(t.overdue);
}

TEST(RequestLists, EachListHoldsWhatItSaysInDueOrder)
{
    const FixedClock clock(QDate(2018, 7, 25)); // a Wednesday
    QVector<FoiRequestRecord> all;
    all << request("due-31-jul", QDate(2018, 7, 2));                   // due Tue 31 July: 4 working days
    all << request("due-27-jul", QDate(2018, 6, 28));                  // due Fri 27 July: this week
    all << request("overdue", QDate(2018, 6, 1));                      // due 29 June
    FoiRequestRecord waiting = request("waiting", QDate(2018, 7, 10)); // clock stopped
    waiting.status = RequestStatus::ClarificationSought;
    waiting.clarifications = {{QDate(2018, 7, 11), QDate()}};
    all << waiting;
    FoiRequestRecord answered = request("answered", QDate(2018, 2, 7));
    answered.status = RequestStatus::Responded;
    answered.responded = QDate(2018, 3, 1);
    all << answered;
    FoiRequestRecord closed = request("withdrawn", QDate(2018, 1, 3));
    closed.status = RequestStatus::Closed;
    all << closed;

    EXPECT_EQ(references(requestList(all, RequestList::Open, clock)),
              names({"overdue", "due-27-jul", "due-31-jul", "waiting"}));
    EXPECT_EQ(references(requestList(all, RequestList::Overdue, clock)), names({"overdue"}));
    EXPECT_EQ(references(requestList(all, RequestList::DueThisWeek, clock)), names({"due-27-jul"}));
    EXPECT_EQ(references(requestList(all, RequestList::DueWithin, clock, 4)),
              names({"due-27-jul", "due-31-jul"}));
    EXPECT_EQ(references(requestList(all, RequestList::DueWithin, clock, 3)), names({"due-27-jul"}));
    const QVector<RequestRow> responded = requestList(all, RequestList::Responded, clock);
    ASSERT_EQ(references(responded), names({"answered"}));
    EXPECT_EQ(*responded[0].timing.workingDaysTaken, 16);
    EXPECT_EQ(requestList(all, RequestList::All, clock).size(), all.size());
    // A week on, the 31 July request is this week's and the 27 July one is overdue.
    const FixedClock later(QDate(2018, 7, 30));
    EXPECT_EQ(references(requestList(all, RequestList::DueThisWeek, later)), names({"due-31-jul"}));
    EXPECT_EQ(references(requestList(all, RequestList::Overdue, later)), names({"overdue", "due-27-jul"}));
}

TEST(DisclosureLog, ListsTheRequestsRespondedToWithTheFilesReleased)
{
    FoiRequestRecord seed = request("20180207", QDate(2018, 2, 7));
    seed.title = QStringLiteral("Children under 10 linked to violent crime, by age");
    seed.status = RequestStatus::Responded;
    seed.responded = QDate(2018, 3, 1);
    seed.outcome = QStringLiteral("Information provided in part");
    FoiRequestRecord formula = request("20180301", QDate(2018, 3, 1));
    formula.title = QStringLiteral("=HYPERLINK(\"http://example.com\")");
    formula.status = RequestStatus::Closed;
    formula.responded = QDate(2018, 3, 20);
    formula.outcome = QStringLiteral("Information not held");
    const FoiRequestRecord open = request("20180401", QDate(2018, 4, 1));
    ReleaseRecord release;
    release.reference = QStringLiteral("20180207");
    release.files = {
        {QStringLiteral("20180207.xlsx"), QStringLiteral("spreadsheet"), QString(64, QLatin1Char('a')), 1},
        {QStringLiteral("20180207.odt"), QStringLiteral("response"), QString(64, QLatin1Char('b')), 1}};

    const QByteArray csv = disclosureLogCsv({formula, open, seed}, {release});
    ASSERT_TRUE(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"));
    ASSERT_EQ(lines.size(), 4); // the header, two requests, and the end of the last line
    EXPECT_EQ(lines[0], QStringLiteral("Reference,Received,Responded,Title,Outcome,Files released"));
    EXPECT_EQ(lines[1],
              QStringLiteral("20180207,2018-02-07,2018-03-01,\"Children under 10 linked to violent crime, "
                             "by age\",Information provided in part,20180207.xlsx; 20180207.odt"));
    EXPECT_EQ(lines[2],
              QStringLiteral("20180301,2018-03-01,2018-03-20,\"'=HYPERLINK(\"\"http://example.com\"\")\","
                             "Information not held,"));
    EXPECT_TRUE(lines[3].isEmpty());
    // Between two days.
    const QByteArray march =
        disclosureLogCsv({formula, open, seed}, {release}, QDate(2018, 3, 2), QDate(2018, 3, 31));
    EXPECT_EQ(QString::fromUtf8(march.mid(3)).split(QStringLiteral("\r\n")).size(), 3);
}
