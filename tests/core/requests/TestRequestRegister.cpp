// Requests in the register: stored and read back whole, validated, never overwritten by a stale copy,
// and every change, import, merge, release and export in the audit trail; a register of schema 5 is
// upgraded with the trail of what it held.

#include "import/Importer.h"
#include "register/Register.h"
#include "register/SqlRegister.h"
#include "requests/FoiRequest.h"
#include "requests/RequestLists.h"
#include "support/TestSupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

std::unique_ptr<Register> openOrFail(const QString &path)
{
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    EXPECT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    return reg.ok() ? std::move(reg).value() : nullptr;
}

/// The seed's request, as the FOI unit logged it.
FoiRequestRecord seedRequest()
{
    FoiRequestRecord r;
    r.reference = QStringLiteral("20180207");
    r.received = QDate(2018, 2, 7);
    r.title = QStringLiteral("Children under 10 linked to violent crime");
    r.requesterWords = QStringLiteral("Could you please disclose the number of cases ...");
    r.officer = QStringLiteral("A. Officer");
    r.requestJson = QByteArrayLiteral("{\"reference\": \"20180207\"}");
    return r;
}

QVector<ImportItem> caseItems(const QString &caseName)
{
    return {ImportItem{*SourceProfile::load(QStringLiteral("cms")),
                       test::dataPath(QStringLiteral("cases/%1/cms.csv").arg(caseName))},
            ImportItem{*SourceProfile::load(QStringLiteral("connect")),
                       test::dataPath(QStringLiteral("cases/%1/connect.csv").arg(caseName))}};
}

QStringList actions(const QVector<AuditEvent> &trail)
{
    QStringList out;
    for (const AuditEvent &e : trail)
        out << e.action;
    return out;
}

} // namespace

TEST(RequestRegister, KeepsARequestWholeAndItsHistory)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    FoiRequestRecord r = seedRequest();
    r.clarifications = {{QDate(2018, 2, 8), QDate(2018, 2, 12)}};
    r.extensionDays = 10;
    r.notes = QStringLiteral("Asked which offences count as violent.");
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        Result<qint64> version = reg->addRequest(r, QStringLiteral("A. Officer"));
        ASSERT_TRUE(version.ok()) << version.error().toString().toStdString();
        EXPECT_EQ(*version, 1);
        // A second request of the same reference is refused.
        Result<qint64> again = reg->addRequest(r, QStringLiteral("A. Officer"));
        ASSERT_FALSE(again.ok());
        EXPECT_EQ(again.error().field, QStringLiteral("reference"));
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    Result<std::optional<FoiRequestRecord>> found = reg->findRequest(QStringLiteral("20180207"));
    ASSERT_TRUE(found.ok() && found->has_value());
    FoiRequestRecord stored = **found;
    EXPECT_EQ(stored.version, 1);
    EXPECT_EQ(stored.received, r.received);
    EXPECT_EQ(stored.title, r.title);
    EXPECT_EQ(stored.requesterWords, r.requesterWords);
    EXPECT_EQ(stored.requestJson, r.requestJson);
    EXPECT_EQ(stored.notes, r.notes);
    EXPECT_EQ(stored.extensionDays, 10);
    ASSERT_EQ(stored.clarifications.size(), 1);
    EXPECT_EQ(stored.clarifications[0].sought, QDate(2018, 2, 8));
    EXPECT_EQ(stored.clarifications[0].answered, QDate(2018, 2, 12));
    EXPECT_FALSE(stored.responded.isValid());
    // Read back whole: equal field by field to what was added, at version 1 (the wizard relies on this to
    // leave an unchanged request unsaved).
    FoiRequestRecord added = r;
    added.version = 1;
    EXPECT_TRUE(stored == added);
    added.clarifications[0].answered = QDate(2018, 2, 13);
    EXPECT_TRUE(stored != added);

    stored.status = RequestStatus::Responded;
    stored.responded = QDate(2018, 3, 1);
    stored.outcome = QStringLiteral("Information provided in part");
    Result<qint64> next = reg->updateRequest(stored, QStringLiteral("B. Officer"));
    ASSERT_TRUE(next.ok()) << next.error().toString().toStdString();
    EXPECT_EQ(*next, 2);
    Result<QVector<FoiRequestRecord>> all = reg->requests();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1);
    EXPECT_EQ(all->at(0).status, RequestStatus::Responded);
    EXPECT_EQ(all->at(0).responded, QDate(2018, 3, 1));
    EXPECT_EQ(all->at(0).version, 2);

    Result<QVector<AuditEvent>> trail = reg->auditTrail(QStringLiteral("20180207"));
    ASSERT_TRUE(trail.ok());
    ASSERT_EQ(trail->size(), 2);
    EXPECT_EQ(trail->at(0).officer, QStringLiteral("A. Officer"));
    EXPECT_TRUE(trail->at(0).detail.startsWith(QStringLiteral("Request added: received 2018-02-07")));
    EXPECT_EQ(trail->at(1).officer, QStringLiteral("B. Officer"));
    EXPECT_TRUE(trail->at(1).detail.contains(QStringLiteral("status: Received -> Responded")))
        << trail->at(1).detail.toStdString();
    EXPECT_TRUE(trail->at(1).detail.contains(QStringLiteral("responded: none -> 2018-03-01")));
    // The trail names what changed in a text, never the words themselves.
    EXPECT_FALSE(trail->at(1).detail.contains(r.requesterWords));
}

TEST(RequestRegister, AStaleCopyNeverOverwritesAnotherOfficersChange)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    {
        Result<qint64> added = reg->addRequest(seedRequest(), QStringLiteral("A. Officer"));
        ASSERT_TRUE(added.ok()) << added.error().toString().toStdString();
    }
    // Two officers open the request, in two connections, as on a team's register.
    auto other = openOrFail(path);
    ASSERT_TRUE(other);
    FoiRequestRecord mine = **reg->findRequest(QStringLiteral("20180207"));
    FoiRequestRecord theirs = **other->findRequest(QStringLiteral("20180207"));
    theirs.notes = QStringLiteral("Their note");
    ASSERT_TRUE(other->updateRequest(theirs, QStringLiteral("B. Officer")).ok());
    mine.status = RequestStatus::InProgress;
    Result<qint64> stale = reg->updateRequest(mine, QStringLiteral("A. Officer"));
    ASSERT_FALSE(stale.ok());
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("changed by someone else")));
    const FoiRequestRecord now = **reg->findRequest(QStringLiteral("20180207"));
    EXPECT_EQ(now.notes, QStringLiteral("Their note"));
    EXPECT_EQ(now.status, RequestStatus::Received);
    // Read again, the change goes in.
    FoiRequestRecord fresh = now;
    fresh.status = RequestStatus::InProgress;
    EXPECT_TRUE(reg->updateRequest(fresh, QStringLiteral("A. Officer")).ok());
}

TEST(RequestRegister, RefusesARequestThatDoesNotHoldTogetherNamingTheField)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    struct Case
    {
        const char *field;
        std::function<void(FoiRequestRecord &)> change;
    };
    const QVector<Case> cases{
        {"reference",
         [](FoiRequestRecord &r) {
             r.reference.clear();
         }},
        {"reference",
         [](FoiRequestRecord &r) {
             r.reference = QStringLiteral("A\nB");
         }},
        {"received",
         [](FoiRequestRecord &r) {
             r.received = QDate();
         }},
        {"title",
         [](FoiRequestRecord &r) {
             r.title = QStringLiteral("  ");
         }},
        {"extension",
         [](FoiRequestRecord &r) {
             r.extensionDays = 21;
         }},
        {"clarification sought",
         [](FoiRequestRecord &r) {
             r.clarifications = {{QDate(2018, 2, 6), {}}};
         }},
        {"clarification received",
         [](FoiRequestRecord &r) {
             r.clarifications = {{QDate(2018, 2, 9), QDate(2018, 2, 8)}};
         }},
        {"status",
         [](FoiRequestRecord &r) {
             r.clarifications = {{QDate(2018, 2, 9), {}}}; // outstanding, but the status says received
         }},
        {"status",
         [](FoiRequestRecord &r) {
             r.status = RequestStatus::ClarificationSought;
         }},
        {"responded",
         [](FoiRequestRecord &r) {
             r.status = RequestStatus::Responded;
         }},
        {"outcome",
         [](FoiRequestRecord &r) {
             r.status = RequestStatus::Responded;
             r.responded = QDate(2018, 3, 1);
             r.outcome = QStringLiteral("Sorted");
         }},
        {"review days",
         [](FoiRequestRecord &r) {
             r.reviewDays = 41;
         }},
        {"review requested",
         [](FoiRequestRecord &r) {
             r.status = RequestStatus::InternalReview;
         }},
    };
    for (const Case &c : cases) {
        FoiRequestRecord r = seedRequest();
        c.change(r);
        Result<qint64> added = reg->addRequest(r, QStringLiteral("A. Officer"));
        ASSERT_FALSE(added.ok()) << c.field;
        EXPECT_EQ(added.error().field, QLatin1String(c.field)) << added.error().toString().toStdString();
    }
    Result<QVector<FoiRequestRecord>> all = reg->requests();
    ASSERT_TRUE(all.ok());
    EXPECT_TRUE(all->isEmpty());
    // An outstanding clarification with its status is fine.
    FoiRequestRecord waiting = seedRequest();
    waiting.status = RequestStatus::ClarificationSought;
    waiting.clarifications = {{QDate(2018, 2, 9), {}}};
    EXPECT_TRUE(reg->addRequest(waiting, QStringLiteral("A. Officer")).ok());
}

TEST(RequestRegister, TheAuditTrailHoldsEveryImportMergeReleaseAndExport)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    Result<ImportSummary> imported = Importer::run(*reg, caseItems(QStringLiteral("migrated-crime")));
    ASSERT_TRUE(imported.ok()) << imported.error().toString().toStdString();
    ReleaseRecord release = test::releaseRecord();
    release.files = {{QStringLiteral("20180207.xlsx"), QStringLiteral("spreadsheet"),
                      QString(64, QLatin1Char('e')), 5120}};
    ASSERT_TRUE(reg->addRelease(release).ok());

    Result<QVector<AuditEvent>> trail = reg->auditTrail();
    ASSERT_TRUE(trail.ok());
    EXPECT_EQ(actions(*trail),
              (QStringList{QStringLiteral("import"), QStringLiteral("import"), QStringLiteral("merge"),
                           QStringLiteral("release"), QStringLiteral("export")}));
    ASSERT_EQ(trail->size(), 5);
    for (qsizetype i = 0; i < 2; ++i) {
        EXPECT_EQ(trail->at(i).sha256, imported->batches[i].fileSha256);
        EXPECT_TRUE(
            trail->at(i).detail.startsWith(QStringLiteral("Imported %1").arg(imported->batches[i].fileName)));
        EXPECT_FALSE(trail->at(i).officer.isEmpty());
    }
    EXPECT_EQ(trail->at(4).sha256, QString(64, QLatin1Char('e')));
    EXPECT_EQ(trail->at(4).reference, QStringLiteral("20180207"));
    EXPECT_TRUE(trail->at(4).detail.contains(QStringLiteral("20180207.xlsx")));
    // Nothing about the people in the records: no crime reference of the case is in the trail.
    for (const AuditEvent &e : *trail) {
        EXPECT_FALSE(e.detail.contains(QStringLiteral("CR/"))) << e.detail.toStdString();
        EXPECT_FALSE(e.detail.contains(QStringLiteral("CON-"))) << e.detail.toStdString();
    }
}

TEST(RequestRegisterFile, UpgradesASchema5RegisterWithTheTrailOfWhatItHeld)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    QVector<ReleaseRecord> releasesBefore;
    QVector<ImportBatch> importsBefore;
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        ASSERT_TRUE(Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"))).ok());
        ReleaseRecord release = test::releaseRecord();
        release.releasedAt = QDateTime::currentDateTimeUtc().addSecs(60); // after the imports
        release.files = {
            {QStringLiteral("a.xlsx"), QStringLiteral("spreadsheet"), QString(64, QLatin1Char('a')), 10},
            {QStringLiteral("a.odt"), QStringLiteral("response"), QString(64, QLatin1Char('b')), 20}};
        ASSERT_TRUE(reg->addRelease(release).ok());
        releasesBefore = *reg->releases();
        importsBefore = *reg->imports();
        // Back to schema 5, as the previous version wrote it.
        QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
        for (const char *statement : {"DROP TABLE audit", "DROP TABLE requests",
                                      "UPDATE meta SET value = '5' WHERE key = 'schema_version'"})
            ASSERT_TRUE(q.exec(QLatin1String(statement))) << statement;
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->schemaVersion(), Register::kSchemaVersion);
    Result<QVector<ReleaseRecord>> releases = reg->releases();
    ASSERT_TRUE(releases.ok());
    ASSERT_EQ(releases->size(), 1);
    EXPECT_EQ(releases->at(0).files, releasesBefore.at(0).files);
    EXPECT_EQ(releases->at(0).releaseJson, releasesBefore.at(0).releaseJson);
    EXPECT_EQ(reg->imports()->size(), importsBefore.size());
    // The trail of what it held, in the order it happened (the merge was not recorded before schema 6).
    Result<QVector<AuditEvent>> trail = reg->auditTrail();
    ASSERT_TRUE(trail.ok()) << trail.error().toString().toStdString();
    EXPECT_EQ(actions(*trail),
              (QStringList{QStringLiteral("import"), QStringLiteral("import"), QStringLiteral("release"),
                           QStringLiteral("export"), QStringLiteral("export")}));
    EXPECT_EQ(trail->at(0).sha256, importsBefore[0].fileSha256);
    EXPECT_TRUE(trail->at(0).detail.contains(importsBefore[0].fileName));
    EXPECT_EQ(trail->at(3).sha256, QString(64, QLatin1Char('a')));
    EXPECT_EQ(trail->at(4).reference, QStringLiteral("20180207"));
    EXPECT_TRUE(reg->requests()->isEmpty());
    // And it takes requests.
    EXPECT_TRUE(reg->addRequest(seedRequest(), QStringLiteral("A. Officer")).ok());
}

TEST(RequestRegister, ANewerBankHolidayFeedLoadedIntoTheRegisterCountsForEveryone)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    FoiRequestRecord late = seedRequest();
    late.reference = QStringLiteral("2027-99");
    late.received = QDate(2027, 12, 20); // due in January 2028, past the built-in holidays
    const FixedClock clock(QDate(2027, 12, 21));
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        Result<WorkingDays> builtIn = registerCalendar(*reg);
        ASSERT_TRUE(builtIn.ok());
        EXPECT_FALSE(requestTiming(late, clock, *builtIn).due.isValid());

        // A file that is not the feed changes nothing.
        const QString bad = tmp.filePath(QStringLiteral("bad.json"));
        test::writeAll(
            bad, QByteArrayLiteral("{\"scotland\": {\"events\": [{\"title\": \"x\", \"date\": \"soon\"}]}}"));
        Result<WorkingDays> refused = loadBankHolidays(*reg, bad, QStringLiteral("A. Officer"));
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().file, bad);
        EXPECT_TRUE(reg->bankHolidaysFeed()->isEmpty());

        const QString feed = tmp.filePath(QStringLiteral("bank-holidays.json"));
        test::writeAll(feed, QByteArrayLiteral(
                                 "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
                                 "{\"title\": \"New Year\\u2019s Day\", \"date\": \"2028-01-03\"},"
                                 "{\"title\": \"Good Friday\", \"date\": \"2028-04-14\"}]},"
                                 "\"scotland\": {\"division\": \"scotland\", \"events\": ["
                                 "{\"title\": \"2nd January\", \"date\": \"2028-01-04\"}]}}"));
        Result<WorkingDays> loaded = loadBankHolidays(*reg, feed, QStringLiteral("A. Officer"));
        ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
        EXPECT_TRUE(requestTiming(late, clock, *loaded).due.isValid());
        Result<QVector<AuditEvent>> trail = reg->auditTrail();
        ASSERT_TRUE(trail.ok());
        ASSERT_FALSE(trail->isEmpty());
        EXPECT_EQ(trail->last().action, QStringLiteral("bank-holidays"));
        EXPECT_EQ(trail->last().sha256.size(), 64);
    }
    // Another officer opening the register counts with it too.
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    Result<WorkingDays> shared = registerCalendar(*reg);
    ASSERT_TRUE(shared.ok());
    const RequestTiming t = requestTiming(late, clock, *shared);
    ASSERT_TRUE(t.due.isValid()) << t.problem.toStdString();
    // 20 working days after Monday 20 December 2027, skipping the weekends, the 27th and 28th (Christmas
    // and Boxing Day moved), and 3 and 4 January 2028 (from the loaded feed).
    EXPECT_EQ(t.due, QDate(2028, 1, 21));
}

TEST(RequestRegister, ARequestWithoutAReleaseIsDeletedWithALineInTheTrail)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    ASSERT_TRUE(reg->addRequest(seedRequest(), QStringLiteral("A. Officer")).ok());
    FoiRequestRecord changed = **reg->findRequest(QStringLiteral("20180207"));
    changed.status = RequestStatus::InProgress;
    ASSERT_TRUE(reg->updateRequest(changed, QStringLiteral("A. Officer")).ok());
    ASSERT_TRUE(
        reg->addRequest(test::foiRequest("FOI-2", QDate(2018, 3, 1)), QStringLiteral("A. Officer")).ok());

    Status deleted = reg->deleteRequest(QStringLiteral("20180207"), 2, QStringLiteral("B. Officer"));
    ASSERT_TRUE(deleted.ok()) << deleted.error().toString().toStdString();
    EXPECT_FALSE(reg->findRequest(QStringLiteral("20180207"))->has_value());
    ASSERT_EQ(reg->requests()->size(), 1);
    EXPECT_EQ(reg->requests()->first().reference, QStringLiteral("FOI-2"));
    // The request's trail stays, and the deletion is on it: who, and what was deleted.
    Result<QVector<AuditEvent>> trail = reg->auditTrail(QStringLiteral("20180207"));
    ASSERT_TRUE(trail.ok());
    EXPECT_EQ(actions(*trail), (QStringList{QStringLiteral("request"), QStringLiteral("request"),
                                            QStringLiteral("request-deleted")}));
    const AuditEvent &last = trail->last();
    EXPECT_EQ(last.officer, QStringLiteral("B. Officer"));
    EXPECT_EQ(last.reference, QStringLiteral("20180207"));
    EXPECT_TRUE(last.detail.contains(QStringLiteral("Children under 10 linked to violent crime")))
        << last.detail.toStdString();
    EXPECT_TRUE(last.detail.contains(QStringLiteral("In progress"))) << last.detail.toStdString();

    // Gone: a second delete finds nothing, and the reference can be used again.
    Status again = reg->deleteRequest(QStringLiteral("20180207"), 2, QStringLiteral("B. Officer"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().field, QStringLiteral("reference"));
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("no request 20180207")));
    EXPECT_TRUE(reg->addRequest(seedRequest(), QStringLiteral("A. Officer")).ok());
}

TEST(RequestRegister, ARequestWithAReleaseOrChangedSinceItWasReadIsNotDeleted)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    ASSERT_TRUE(reg->addRequest(seedRequest(), QStringLiteral("A. Officer")).ok());
    ASSERT_TRUE(
        reg->addRequest(test::foiRequest("FOI-2", QDate(2018, 3, 1)), QStringLiteral("A. Officer")).ok());
    ASSERT_TRUE(reg->addRelease(test::releaseRecord()).ok());

    Status released = reg->deleteRequest(QStringLiteral("20180207"), 1, QStringLiteral("A. Officer"));
    ASSERT_FALSE(released.ok());
    EXPECT_EQ(released.error().field, QStringLiteral("releases"));
    EXPECT_TRUE(released.error().message.contains(
        QStringLiteral("request 20180207 has a release recorded on 2018-03-01; a request with a release "
                       "cannot be deleted, so that the audit trail keeps what was published")))
        << released.error().message.toStdString();
    EXPECT_TRUE(reg->findRequest(QStringLiteral("20180207"))->has_value());

    // Another officer changed FOI-2 since version 1 was read: not deleted.
    auto other = openOrFail(path);
    ASSERT_TRUE(other);
    FoiRequestRecord theirs = **other->findRequest(QStringLiteral("FOI-2"));
    theirs.notes = QStringLiteral("Still wanted");
    ASSERT_TRUE(other->updateRequest(theirs, QStringLiteral("B. Officer")).ok());
    Status stale = reg->deleteRequest(QStringLiteral("FOI-2"), 1, QStringLiteral("A. Officer"));
    ASSERT_FALSE(stale.ok());
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("changed by someone else")))
        << stale.error().message.toStdString();
    EXPECT_TRUE(reg->findRequest(QStringLiteral("FOI-2"))->has_value());
    // Nothing refused is on the trail.
    const Result<QVector<AuditEvent>> trail = reg->auditTrail();
    ASSERT_TRUE(trail.ok());
    for (const AuditEvent &e : *trail)
        EXPECT_NE(e.action, QStringLiteral("request-deleted"));
    // At the version it is at now, it goes.
    EXPECT_TRUE(reg->deleteRequest(QStringLiteral("FOI-2"), 2, QStringLiteral("A. Officer")).ok());
}
