// A change to a request, as the command line's `request update` and the main window's request actions
// make it: each event moves the status along in the order a request lives, a chosen status has the last
// word, and a wrong change names the part of it at fault. Also the disclosure log written to a file.

#include "register/Register.h"
#include "requests/RequestChange.h"
#include "requests/RequestLists.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

FoiRequestRecord received(const QDate &day)
{
    FoiRequestRecord r;
    r.reference = QStringLiteral("20180702");
    r.received = day;
    r.title = QStringLiteral("Knife crime by month");
    r.status = RequestStatus::InProgress;
    r.version = 3;
    return r;
}

/// The field a failed change names, or "(applied)".
QString faultOf(const Result<FoiRequestRecord> &r)
{
    return r ? QStringLiteral("(applied)") : r.error().field;
}

} // namespace

TEST(RequestChange, NothingIsAnEmptyChange)
{
    EXPECT_TRUE(RequestChange().isEmpty());
    RequestChange notes;
    notes.notes = QString(); // clearing the notes is a change
    EXPECT_FALSE(notes.isEmpty());
    RequestChange day;
    day.responded = QDate(2018, 7, 20);
    EXPECT_FALSE(day.isEmpty());
}

TEST(RequestChange, AClarificationStopsTheClockAndItsAnswerRestartsIt)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2));
    RequestChange seek;
    seek.clarificationSought = QDate(2018, 7, 4);
    Result<FoiRequestRecord> sought = applyRequestChange(r, seek);
    ASSERT_TRUE(sought.ok()) << sought.error().toString().toStdString();
    EXPECT_EQ(sought->status, RequestStatus::ClarificationSought);
    ASSERT_EQ(sought->clarifications.size(), 1);
    EXPECT_FALSE(sought->clarifications[0].answered.isValid());
    EXPECT_EQ(sought->version, 3) << "the version read is kept for the register's stale-copy check";
    EXPECT_TRUE(requestTiming(*sought, FixedClock(QDate(2018, 9, 1))).clockStopped);

    // A second round cannot be sought while the first is awaited.
    seek.clarificationSought = QDate(2018, 7, 5);
    EXPECT_EQ(faultOf(applyRequestChange(*sought, seek)), kFieldClarificationSought);

    RequestChange answer;
    answer.clarificationReceived = QDate(2018, 7, 9);
    Result<FoiRequestRecord> answered = applyRequestChange(*sought, answer);
    ASSERT_TRUE(answered.ok()) << answered.error().toString().toStdString();
    EXPECT_EQ(answered->status, RequestStatus::InProgress);
    // Day 0 again on 9 July: 20 working days on, past 12 July (Northern Ireland) and 6 August (Scotland).
    EXPECT_EQ(requestTiming(*answered, FixedClock(QDate(2018, 7, 10))).due, QDate(2018, 8, 8));

    // No round is awaited now, and an answer cannot come before its question.
    EXPECT_EQ(faultOf(applyRequestChange(*answered, answer)), kFieldClarificationAnswered);
    answer.clarificationReceived = QDate(2018, 7, 3);
    EXPECT_EQ(faultOf(applyRequestChange(*sought, answer)), kFieldClarificationAnswered);
}

TEST(RequestChange, AClarificationMustBeSoughtWhileTheClockRuns)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2)); // due 31 July
    RequestChange late;
    late.clarificationSought = QDate(2018, 8, 1);
    const Result<FoiRequestRecord> refused = applyRequestChange(r, late);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, kFieldClarificationSought);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("2018-07-31")))
        << refused.error().message.toStdString();
    late.clarificationSought = QDate(2018, 7, 31);
    EXPECT_EQ(faultOf(applyRequestChange(r, late)), QStringLiteral("(applied)"));
}

TEST(RequestChange, AnExtensionMovesTheDueDayWithinTwentyWorkingDays)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2));
    RequestChange extend;
    extend.extensionDays = 20;
    Result<FoiRequestRecord> extended = applyRequestChange(r, extend);
    ASSERT_TRUE(extended.ok()) << extended.error().toString().toStdString();
    EXPECT_EQ(extended->status, RequestStatus::PublicInterestExtension);
    EXPECT_EQ(requestTiming(*extended, FixedClock(QDate(2018, 7, 3))).due, QDate(2018, 8, 30));
    extend.extensionDays = 21;
    EXPECT_EQ(faultOf(applyRequestChange(r, extend)), kFieldExtension);
}

TEST(RequestChange, TheResponseAndTheReviewFollowEachOther)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2));
    RequestChange respond;
    respond.responded = QDate(2018, 7, 20);
    respond.outcome = QStringLiteral("Information provided in part");
    Result<FoiRequestRecord> responded = applyRequestChange(r, respond);
    ASSERT_TRUE(responded.ok()) << responded.error().toString().toStdString();
    EXPECT_EQ(responded->status, RequestStatus::Responded);
    EXPECT_EQ(responded->outcome, QStringLiteral("Information provided in part"));
    // 2 to 20 July is 14 weekdays, less 12 July (a bank holiday in Northern Ireland).
    EXPECT_EQ(requestTiming(*responded, FixedClock(QDate(2018, 8, 1))).workingDaysTaken, 13);

    respond.outcome = QStringLiteral("Provided, mostly");
    EXPECT_EQ(faultOf(applyRequestChange(r, respond)), QStringLiteral("outcome"));
    RequestChange early;
    early.responded = QDate(2018, 6, 30);
    EXPECT_EQ(faultOf(applyRequestChange(r, early)), QStringLiteral("responded"));

    RequestChange review;
    review.reviewRequested = QDate(2018, 8, 1);
    review.reviewDays = 40;
    Result<FoiRequestRecord> reviewing = applyRequestChange(*responded, review);
    ASSERT_TRUE(reviewing.ok()) << reviewing.error().toString().toStdString();
    EXPECT_EQ(reviewing->status, RequestStatus::InternalReview);
    EXPECT_EQ(reviewing->reviewDays, 40);
    review.reviewDays = 41;
    EXPECT_EQ(faultOf(applyRequestChange(*responded, review)), kFieldReviewDays);

    RequestChange complete;
    complete.reviewCompleted = QDate(2018, 7, 31);
    EXPECT_EQ(faultOf(applyRequestChange(*reviewing, complete)), QStringLiteral("review completed"));
    EXPECT_EQ(faultOf(applyRequestChange(*responded, complete)), QStringLiteral("review completed"))
        << "no review was asked for";
    complete.reviewCompleted = QDate(2018, 8, 20);
    Result<FoiRequestRecord> closed = applyRequestChange(*reviewing, complete);
    ASSERT_TRUE(closed.ok()) << closed.error().toString().toStdString();
    EXPECT_EQ(closed->status, RequestStatus::Closed);
}

TEST(RequestChange, AChosenStatusHasTheLastWordAndAWrongOneNamesWhatSetIt)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2));
    RequestChange close;
    close.status = RequestStatus::Closed;
    close.outcome = QStringLiteral("Withdrawn");
    close.notes = QStringLiteral("Withdrawn by telephone");
    Result<FoiRequestRecord> closed = applyRequestChange(r, close);
    ASSERT_TRUE(closed.ok()) << closed.error().toString().toStdString();
    EXPECT_EQ(closed->status, RequestStatus::Closed);
    EXPECT_EQ(closed->notes, QStringLiteral("Withdrawn by telephone"));

    // A response recorded with a chosen status in progress: the status is at fault.
    RequestChange awaiting;
    awaiting.status = RequestStatus::ClarificationSought;
    EXPECT_EQ(faultOf(applyRequestChange(r, awaiting)), QStringLiteral("status"));
    // An internal review with no day: the status came from the chosen status.
    RequestChange review;
    review.status = RequestStatus::InternalReview;
    EXPECT_EQ(faultOf(applyRequestChange(r, review)), QStringLiteral("review requested"));
    // A clarification sought then a chosen status that says none is awaited.
    RequestChange contradiction;
    contradiction.clarificationSought = QDate(2018, 7, 4);
    contradiction.status = RequestStatus::InProgress;
    EXPECT_EQ(faultOf(applyRequestChange(r, contradiction)), QStringLiteral("status"));
}

TEST(RequestChange, ARequestWhoseClarificationNeverCameCanBeClosed)
{
    FoiRequestRecord r = received(QDate(2018, 7, 2));
    r.status = RequestStatus::ClarificationSought;
    r.clarifications = {{QDate(2018, 7, 4), QDate()}};
    RequestChange respond;
    respond.responded = QDate(2018, 10, 1);
    EXPECT_EQ(faultOf(applyRequestChange(r, respond)), QStringLiteral("responded"))
        << "a response needs the clarification's answer first";
    RequestChange close;
    close.status = RequestStatus::Closed;
    close.notes = QStringLiteral("No answer to the clarification sought on 4 July");
    Result<FoiRequestRecord> closed = applyRequestChange(r, close);
    ASSERT_TRUE(closed.ok()) << closed.error().toString().toStdString();
    const RequestTiming timing = requestTiming(*closed, FixedClock(QDate(2018, 12, 1)));
    EXPECT_FALSE(timing.overdue);
    EXPECT_TRUE(requestList({*closed}, RequestList::Open, FixedClock(QDate(2018, 12, 1))).isEmpty());
}

TEST(RequestChange, DetailsAreTrimmedAndATitleCannotBeBlank)
{
    const FoiRequestRecord r = received(QDate(2018, 7, 2));
    RequestChange details;
    details.title = QStringLiteral("  Knife crime by month and ward ");
    details.officer = QStringLiteral(" B. Officer");
    Result<FoiRequestRecord> changed = applyRequestChange(r, details);
    ASSERT_TRUE(changed.ok()) << changed.error().toString().toStdString();
    EXPECT_EQ(changed->title, QStringLiteral("Knife crime by month and ward"));
    EXPECT_EQ(changed->officer, QStringLiteral("B. Officer"));
    EXPECT_EQ(changed->status, RequestStatus::InProgress) << "details do not move the status";
    details.title = QStringLiteral("   ");
    EXPECT_EQ(faultOf(applyRequestChange(r, details)), QStringLiteral("title"));
}

TEST(DisclosureLog, IsWrittenWholeAndRecordedInTheAuditTrail)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Result<std::unique_ptr<Register>> opened =
        Register::open(test::registerAt(dir, QStringLiteral("register.sqlite")));
    ASSERT_TRUE(opened.ok()) << opened.error().toString().toStdString();
    Register &reg = **opened;
    FoiRequestRecord answered = received(QDate(2018, 7, 2));
    answered.version = 0;
    answered.status = RequestStatus::Responded;
    answered.responded = QDate(2018, 7, 20);
    answered.outcome = QStringLiteral("Information not held");
    FoiRequestRecord open = received(QDate(2018, 7, 3));
    open.reference = QStringLiteral("20180703");
    open.version = 0;
    ASSERT_TRUE(reg.addRequest(answered, QStringLiteral("A. Officer")).ok());
    ASSERT_TRUE(reg.addRequest(open, QStringLiteral("A. Officer")).ok());

    const QString path = dir.filePath(QStringLiteral("disclosure-log.csv"));
    const QDateTime at(QDate(2018, 8, 1), QTime(9, 30), Qt::UTC);
    Result<DisclosureLogWritten> written =
        writeDisclosureLog(reg, path, QStringLiteral("A. Officer"), QDate(), QDate(), at);
    ASSERT_TRUE(written.ok()) << written.error().toString().toStdString();
    EXPECT_EQ(written->requests, 1);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_EQ(bytes, disclosureLogCsv(*reg.requests(), *reg.releases()));
    EXPECT_EQ(written->bytes, bytes.size());
    EXPECT_EQ(written->sha256,
              QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    Result<QVector<AuditEvent>> trail = reg.auditTrail();
    ASSERT_TRUE(trail.ok());
    const auto logged = std::find_if(trail->begin(), trail->end(), [](const AuditEvent &e) {
        return e.detail.startsWith(QLatin1String("Disclosure log"));
    });
    ASSERT_NE(logged, trail->end());
    EXPECT_EQ(logged->sha256, written->sha256);
    EXPECT_EQ(logged->at, at);
    EXPECT_EQ(logged->officer, QStringLiteral("A. Officer"));
    EXPECT_TRUE(logged->detail.contains(QStringLiteral("disclosure-log.csv (1 request,")))
        << logged->detail.toStdString();

    // A folder that does not exist: the error names the file, and nothing is recorded.
    const QString nowhere = dir.filePath(QStringLiteral("missing/disclosure-log.csv"));
    const qsizetype events = trail->size();
    Result<DisclosureLogWritten> failed = writeDisclosureLog(reg, nowhere, QStringLiteral("A. Officer"));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().file, nowhere);
    EXPECT_EQ(reg.auditTrail()->size(), events);
    // Days the wrong way round are refused before anything is written.
    EXPECT_FALSE(
        writeDisclosureLog(reg, path, QStringLiteral("A. Officer"), QDate(2018, 8, 1), QDate(2018, 7, 1))
            .ok());
}
