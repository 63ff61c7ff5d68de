// foi-tables-cli requests, request add|update|delete|show, disclosure-log and audit over a register of three
// requests: the seed's 20180207 (received 2018-02-07, answered 2018-03-01 in 16 working days), one received
// 2017-12-04 whose clock stopped for clarification (due 2018-01-12 once the answer came on 2017-12-11) and
// one received 2018-07-02 with a public interest extension of 20 working days (due 2018-08-30). The lists
// are asked for on chosen days with --today.

#include "common/Application.h"
#include "register/Register.h"
#include "requests/RequestLists.h"
#include "support/TestSupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::test::CliRun;
using foi::test::runCli;

namespace {

const QString kSeed = QStringLiteral("20180207");
const QString kClarified = QStringLiteral("FOI-2017-1204");
const QString kExtended = QStringLiteral("FOI-2018-0702");

class RequestCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        {
            // The officer is named in the test's own settings, where the command line reads them.
            QSettings settings(
                m_dir.filePath(QStringLiteral("config/%1/foi-tables.conf").arg(foi::application::appId())),
                QSettings::IniFormat);
            settings.setValue(QStringLiteral("officer/name"), QStringLiteral("test-officer"));
        }
        const auto added = ok({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"),
                               registerPath(), QStringLiteral("--request-file"),
                               foi::test::dataPath(QStringLiteral("requests/seed-20180207.json"))});
        ASSERT_EQ(added.out, QStringLiteral("created the register %1\nrequest 20180207 added, received "
                                            "2018-02-07: due 2018-03-07\n")
                                 .arg(registerPath()));
        const auto second =
            ok({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"),
                registerPath(), QStringLiteral("--reference"), kClarified, QStringLiteral("--received"),
                QStringLiteral("2017-12-04"), QStringLiteral("--title"),
                QStringLiteral("Knife crime near schools"), QStringLiteral("--words"),
                QStringLiteral("How many knife crimes were recorded?"), QStringLiteral("--officer"),
                QStringLiteral("A. Clerk")});
        ASSERT_EQ(second.out,
                  QStringLiteral("request FOI-2017-1204 added, received 2017-12-04: due 2018-01-05\n"));
        ok({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), kExtended, QStringLiteral("--received"),
            QStringLiteral("2018-07-02"), QStringLiteral("--title"), QStringLiteral("=Burglary by ward")});

        const auto sought =
            update(kClarified, {QStringLiteral("--clarification-sought"), QStringLiteral("2017-12-06")});
        EXPECT_EQ(sought.out,
                  QStringLiteral("request FOI-2017-1204 saved (version 2): clarification sought, the "
                                 "clock is stopped until the clarification arrives\n"));
        const auto answered =
            update(kClarified, {QStringLiteral("--clarification-received"), QStringLiteral("2017-12-11")});
        EXPECT_EQ(answered.out,
                  QStringLiteral("request FOI-2017-1204 saved (version 3): in progress, due 2018-01-12\n"));
        const auto extended = update(kExtended, {QStringLiteral("--extension"), QStringLiteral("20")});
        EXPECT_EQ(
            extended.out,
            QStringLiteral(
                "request FOI-2018-0702 saved (version 2): public interest extension, due 2018-08-30\n"));
        const auto responded =
            update(kSeed, {QStringLiteral("--responded"), QStringLiteral("2018-03-01"),
                           QStringLiteral("--outcome"), QStringLiteral("information provided in part")});
        EXPECT_EQ(responded.out,
                  QStringLiteral("request 20180207 saved (version 2): responded, due 2018-03-07\n"));
    }

    QString registerPath() const { return m_dir.filePath(QStringLiteral("register.sqlite")); }

    /// The officer is the test's: no settings of the machine's, and a name of its own.
    CliRun cli(const QStringList &args) const
    {
        return runCli(args, 120000,
                      {{QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config"))}});
    }

    CliRun ok(const QStringList &args) const
    {
        CliRun run = cli(args);
        EXPECT_EQ(run.exitCode, 0) << args.join(QLatin1Char(' ')).toStdString() << "\n"
                                   << run.err.toStdString();
        EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();
        return run;
    }

    CliRun update(const QString &reference, const QStringList &changes, bool expectOk = true) const
    {
        const QStringList args = QStringList{QStringLiteral("request"),     QStringLiteral("update"),
                                             QStringLiteral("--register"),  registerPath(),
                                             QStringLiteral("--reference"), reference} +
                                 changes;
        return expectOk ? ok(args) : cli(args);
    }

    /// `requests --register R` with the list's options, on `today`.
    CliRun list(const QStringList &options, const QString &today) const
    {
        return ok(QStringList{QStringLiteral("requests"), QStringLiteral("--register"), registerPath(),
                              QStringLiteral("--today"), today} +
                  options);
    }

    /// The lines of a text list after its heading, each with its runs of spaces made one.
    static QStringList rows(const CliRun &run)
    {
        QStringList out;
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i)
            out << lines.at(i).simplified();
        return out;
    }

    static QJsonObject byReference(const QJsonArray &array, const QString &reference)
    {
        for (const QJsonValue &v : array) {
            if (v.toObject().value(QStringLiteral("reference")).toString() == reference)
                return v.toObject();
        }
        ADD_FAILURE() << "no " << reference.toStdString() << " in the list";
        return {};
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(RequestCli, OverdueAndDueSoonOnAChosenDay)
{
    const auto overdue = list({QStringLiteral("--overdue")}, QStringLiteral("2018-08-24"));
    EXPECT_TRUE(overdue.out.startsWith(QStringLiteral("Overdue requests on 2018-08-24 (Fri): 1\n")))
        << overdue.out.toStdString();
    EXPECT_EQ(
        rows(overdue),
        (QStringList{QStringLiteral("REFERENCE RECEIVED DUE WORKING DAYS STATUS OFFICER TITLE"),
                     QStringLiteral("FOI-2017-1204 2017-12-04 2018-01-12 overdue by 153 working days In "
                                    "progress A. Clerk Knife crime near schools")}))
        << overdue.out.toStdString();

    // Friday 24 August 2018: the extended request is due on Thursday 30 August, three working days on
    // (Monday 27 August is a bank holiday in England, Wales and Northern Ireland): due within 5, but not
    // by the Sunday that ends this week. On Monday it is due this week.
    const auto within =
        list({QStringLiteral("--due-within"), QStringLiteral("5")}, QStringLiteral("2018-08-24"));
    EXPECT_EQ(rows(within),
              (QStringList{QStringLiteral("REFERENCE RECEIVED DUE WORKING DAYS STATUS OFFICER TITLE"),
                           QStringLiteral("FOI-2018-0702 2018-07-02 2018-08-30 3 working days left Public "
                                          "interest extension test-officer =Burglary by ward")}))
        << within.out.toStdString();
    const auto tooSoon =
        list({QStringLiteral("--due-within"), QStringLiteral("2")}, QStringLiteral("2018-08-24"));
    EXPECT_EQ(tooSoon.out,
              QStringLiteral("Open requests due within 2 working days on 2018-08-24 (Fri): 0\n"));
    const auto thisWeek = list({QStringLiteral("--due-this-week")}, QStringLiteral("2018-08-24"));
    EXPECT_EQ(thisWeek.out,
              QStringLiteral("Open requests due by Sunday 2018-08-26 on 2018-08-24 (Fri): 0\n"));
    const auto nextWeek = list({QStringLiteral("--due-this-week")}, QStringLiteral("2018-08-27"));
    EXPECT_TRUE(rows(nextWeek).value(1).startsWith(
        QStringLiteral("FOI-2018-0702 2018-07-02 2018-08-30 3 working days left Public interest extension")))
        << nextWeek.out.toStdString();
    const auto dueDay = list({QStringLiteral("--due-this-week")}, QStringLiteral("2018-08-30"));
    EXPECT_TRUE(rows(dueDay).value(1).contains(QStringLiteral("2018-08-30 due today")))
        << dueDay.out.toStdString();

    // The day after, both open requests are overdue, the older first; the responded one is in no open list.
    const auto later = list({QStringLiteral("--overdue")}, QStringLiteral("2018-08-31"));
    const QStringList laterRows = rows(later);
    ASSERT_EQ(laterRows.size(), 3) << later.out.toStdString();
    EXPECT_TRUE(laterRows.at(1).startsWith(kClarified));
    EXPECT_TRUE(laterRows.at(2).startsWith(
        QStringLiteral("FOI-2018-0702 2018-07-02 2018-08-30 overdue by 1 working day Public interest")))
        << later.out.toStdString();
    const auto open = list({}, QStringLiteral("2018-08-31"));
    EXPECT_FALSE(open.out.contains(kSeed)) << open.out.toStdString();
    EXPECT_TRUE(open.out.startsWith(QStringLiteral("Open requests on 2018-08-31 (Fri): 2\n")));

    // --today changes the day counted from and leaves out the requests received after it; the others are as
    // the register holds them now (the clarification answered on 11 December already counts).
    const auto before = list({QStringLiteral("--all")}, QStringLiteral("2017-12-08"));
    EXPECT_EQ(rows(before).mid(1),
              QStringList{QStringLiteral("FOI-2017-1204 2017-12-04 2018-01-12 21 working days "
                                         "left In progress A. Clerk Knife crime near schools")})
        << before.out.toStdString();
    const auto seedDay = list({QStringLiteral("--all")}, QStringLiteral("2018-02-07"));
    EXPECT_TRUE(seedDay.out.contains(QStringLiteral("2018-03-07  took 16 working days")))
        << seedDay.out.toStdString();
    EXPECT_FALSE(seedDay.out.contains(kExtended)) << seedDay.out.toStdString();
}

TEST_F(RequestCli, RespondedListShowsTheWorkingDaysTaken)
{
    // Answered on 3 September 2018, the working day after it was due: late.
    update(kExtended, {QStringLiteral("--responded"), QStringLiteral("2018-09-03"),
                       QStringLiteral("--outcome"), QStringLiteral("Information not held")});
    const auto responded = list({QStringLiteral("--responded")}, QStringLiteral("2018-09-10"));
    EXPECT_EQ(
        rows(responded),
        (QStringList{QStringLiteral("REFERENCE RECEIVED DUE RESPONDED TAKEN STATUS OFFICER TITLE"),
                     QStringLiteral("20180207 2018-02-07 2018-03-07 2018-03-01 16 working days Responded "
                                    "test-officer Children below the age of criminal responsibility "
                                    "linked to violent crime"),
                     QStringLiteral("FOI-2018-0702 2018-07-02 2018-08-30 2018-09-03 42 working days, late "
                                    "Responded test-officer =Burglary by ward")}))
        << responded.out.toStdString();

    const auto json =
        list({QStringLiteral("--responded"), QStringLiteral("--format"), QStringLiteral("json")},
             QStringLiteral("2018-09-10"));
    const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(array.size(), 2) << json.out.toStdString();
    EXPECT_EQ(array.at(0).toObject().value(QStringLiteral("working_days_taken")).toInt(), 16);
    EXPECT_FALSE(array.at(0).toObject().value(QStringLiteral("late")).toBool());
    EXPECT_EQ(array.at(1).toObject().value(QStringLiteral("working_days_taken")).toInt(), 42);
    EXPECT_TRUE(array.at(1).toObject().value(QStringLiteral("late")).toBool());
    EXPECT_EQ(array.at(1).toObject().value(QStringLiteral("outcome")).toString(),
              QStringLiteral("Information not held"));
}

TEST_F(RequestCli, JsonListHasEveryKey)
{
    const auto run = list({QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("json")},
                          QStringLiteral("2018-08-24"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << run.out.toStdString();
    ASSERT_TRUE(doc.isArray());
    const QJsonArray array = doc.array();
    ASSERT_EQ(array.size(), 3);
    // By the day that counts: 2018-01-12, 2018-03-07, 2018-08-30.
    EXPECT_EQ(array.at(0).toObject().value(QStringLiteral("reference")).toString(), kClarified);
    EXPECT_EQ(array.at(1).toObject().value(QStringLiteral("reference")).toString(), kSeed);
    EXPECT_EQ(array.at(2).toObject().value(QStringLiteral("reference")).toString(), kExtended);

    const QJsonObject clarified = byReference(array, kClarified);
    for (const char *key :
         {"reference", "received", "due", "status", "status_name", "officer", "title", "working_days_left",
          "overdue", "clock_stopped", "working_days_taken", "late", "review_due", "problem"})
        EXPECT_TRUE(clarified.contains(QLatin1String(key))) << key;
    EXPECT_EQ(clarified.value(QStringLiteral("received")).toString(), QStringLiteral("2017-12-04"));
    EXPECT_EQ(clarified.value(QStringLiteral("due")).toString(), QStringLiteral("2018-01-12"));
    EXPECT_EQ(clarified.value(QStringLiteral("status")).toString(), QStringLiteral("in-progress"));
    EXPECT_EQ(clarified.value(QStringLiteral("status_name")).toString(), QStringLiteral("In progress"));
    EXPECT_EQ(clarified.value(QStringLiteral("officer")).toString(), QStringLiteral("A. Clerk"));
    EXPECT_EQ(clarified.value(QStringLiteral("working_days_left")).toInt(), -153);
    EXPECT_TRUE(clarified.value(QStringLiteral("overdue")).toBool());
    EXPECT_FALSE(clarified.value(QStringLiteral("clock_stopped")).toBool());
    EXPECT_TRUE(clarified.value(QStringLiteral("working_days_taken")).isNull());
    EXPECT_TRUE(clarified.value(QStringLiteral("review_due")).isNull());
    EXPECT_TRUE(clarified.value(QStringLiteral("problem")).isNull());

    const QJsonObject extended = byReference(array, kExtended);
    EXPECT_EQ(extended.value(QStringLiteral("working_days_left")).toInt(), 3);
    EXPECT_FALSE(extended.value(QStringLiteral("overdue")).toBool());
    EXPECT_EQ(extended.value(QStringLiteral("status")).toString(),
              QStringLiteral("public-interest-extension"));
    EXPECT_EQ(extended.value(QStringLiteral("officer")).toString(), QStringLiteral("test-officer"));

    const QJsonObject seed = byReference(array, kSeed);
    EXPECT_EQ(seed.value(QStringLiteral("working_days_taken")).toInt(), 16);
    EXPECT_TRUE(seed.value(QStringLiteral("working_days_left")).isNull());

    // A clarification stops the clock: no due day, and the list says so in words.
    update(kExtended, {QStringLiteral("--clarification-sought"), QStringLiteral("2018-07-10")});
    const auto stopped = list({QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("json")},
                              QStringLiteral("2018-08-24"));
    const QJsonObject waiting = byReference(QJsonDocument::fromJson(stopped.out.toUtf8()).array(), kExtended);
    EXPECT_TRUE(waiting.value(QStringLiteral("clock_stopped")).toBool());
    EXPECT_TRUE(waiting.value(QStringLiteral("due")).isNull());
    EXPECT_EQ(waiting.value(QStringLiteral("status")).toString(), QStringLiteral("clarification-sought"));
    const auto text = list({QStringLiteral("--all")}, QStringLiteral("2018-08-24"));
    EXPECT_TRUE(
        rows(text).last().startsWith(QStringLiteral("FOI-2018-0702 2018-07-02 clock stopped awaiting "
                                                    "clarification sought 2018-07-10 Clarification sought")))
        << text.out.toStdString();
}

TEST_F(RequestCli, ShowListsTheRequestAndItsAuditTrail)
{
    const auto show = ok({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"),
                          registerPath(), QStringLiteral("--reference"), kClarified,
                          QStringLiteral("--today"), QStringLiteral("2018-01-10")});
    const QString &out = show.out;
    EXPECT_TRUE(out.startsWith(QStringLiteral("Request FOI-2017-1204: Knife crime near schools\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("  clarification 1  sought 2017-12-06, received 2017-12-11\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("  due              2018-01-12 (Fri): 20 working days after "
                                            "2017-12-11 (the clarification received)\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("  on 2018-01-10    2 working days left\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("How many knife crimes were recorded?"))) << out.toStdString();
    const QStringList trail =
        out.section(QStringLiteral("Audit trail:\n"), 1).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(trail.size(), 4) << out.toStdString(); // the heading and three lines
    EXPECT_TRUE(trail.at(1).simplified().contains(
        QStringLiteral("test-officer request FOI-2017-1204 Request added: received 2017-12-04")))
        << trail.at(1).toStdString();
    EXPECT_TRUE(trail.at(2).contains(QStringLiteral("status: Received -> Clarification sought")))
        << out.toStdString();
    EXPECT_TRUE(trail.at(3).contains(QStringLiteral("status: Clarification sought -> In progress")))
        << out.toStdString();

    // The seed request keeps its request file; JSON gives it back with the rounds and the trail.
    const auto json =
        ok({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), kSeed, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject seed = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(
        seed.value(QStringLiteral("request_file")).toObject().value(QStringLiteral("reference")).toString(),
        kSeed);
    EXPECT_TRUE(seed.value(QStringLiteral("requester_words"))
                    .toString()
                    .startsWith(QStringLiteral("Could you please")));
    EXPECT_EQ(seed.value(QStringLiteral("outcome")).toString(),
              QStringLiteral("Information provided in part"));
    EXPECT_EQ(seed.value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(seed.value(QStringLiteral("audit")).toArray().size(), 2);

    const auto none = cli({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"),
                           registerPath(), QStringLiteral("--reference"), QStringLiteral("FOI-0000")});
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_TRUE(none.err.contains(QStringLiteral("the register holds no request FOI-0000")))
        << none.err.toStdString();
}

TEST_F(RequestCli, RefusedUpdatesNameTheOptionAndChangeNothing)
{
    const auto early = update(kSeed, {QStringLiteral("--responded"), QStringLiteral("2018-02-01")}, false);
    EXPECT_EQ(early.exitCode, 1);
    EXPECT_TRUE(early.err.startsWith(QStringLiteral(
        "foi-tables-cli request update: --responded: the response is dated before the request\n")))
        << early.err.toStdString();

    const auto badDay =
        update(kSeed, {QStringLiteral("--review-requested"), QStringLiteral("2018-02-30")}, false);
    EXPECT_EQ(badDay.exitCode, 1);
    EXPECT_TRUE(badDay.err.contains(
        QStringLiteral("--review-requested '2018-02-30' is not a date: write it YYYY-MM-DD")))
        << badDay.err.toStdString();

    const auto status = update(kSeed, {QStringLiteral("--status"), QStringLiteral("done")}, false);
    EXPECT_EQ(status.exitCode, 1);
    EXPECT_TRUE(
        status.err.contains(QStringLiteral("--status 'done' is not a status; they are: received, "
                                           "clarification-sought, in-progress, public-interest-extension, "
                                           "responded, internal-review, closed")))
        << status.err.toStdString();

    const auto outcome = update(kSeed, {QStringLiteral("--outcome"), QStringLiteral("Sent")}, false);
    EXPECT_EQ(outcome.exitCode, 1);
    EXPECT_TRUE(
        outcome.err.contains(QStringLiteral("--outcome 'Sent' is not an outcome; they are: Information "
                                            "provided in full; Information provided in part")))
        << outcome.err.toStdString();

    const auto extension = update(kExtended, {QStringLiteral("--extension"), QStringLiteral("21")}, false);
    EXPECT_EQ(extension.exitCode, 1);
    EXPECT_TRUE(extension.err.contains(QStringLiteral("--extension '21'"))) << extension.err.toStdString();

    // A status the conveniences set is refused in the name of the option that set it.
    const auto stopped = update(kExtended,
                                {QStringLiteral("--clarification-sought"), QStringLiteral("2018-07-10"),
                                 QStringLiteral("--status"), QStringLiteral("in-progress")},
                                false);
    EXPECT_EQ(stopped.exitCode, 1);
    EXPECT_TRUE(stopped.err.contains(QStringLiteral("--status: a clarification is outstanding")))
        << stopped.err.toStdString();
    const auto late =
        update(kExtended, {QStringLiteral("--clarification-sought"), QStringLiteral("2018-09-03")}, false);
    EXPECT_EQ(late.exitCode, 1);
    EXPECT_TRUE(
        late.err.contains(QStringLiteral("--clarification-sought: clarification sought on 2018-09-03, after "
                                         "the request was due (2018-07-31)")))
        << late.err.toStdString();
    const auto unasked =
        update(kSeed, {QStringLiteral("--clarification-received"), QStringLiteral("2018-02-10")}, false);
    EXPECT_EQ(unasked.exitCode, 1);
    EXPECT_TRUE(unasked.err.contains(QStringLiteral("--clarification-received: no clarification is awaited")))
        << unasked.err.toStdString();

    const auto nothing = update(kSeed, {}, false);
    EXPECT_EQ(nothing.exitCode, 1);
    EXPECT_TRUE(nothing.err.contains(QStringLiteral("nothing to change"))) << nothing.err.toStdString();

    // Someone saved it since version 1 was read: nothing is saved, exit 2.
    const auto stale = update(kSeed,
                              {QStringLiteral("--expect-version"), QStringLiteral("1"),
                               QStringLiteral("--notes"), QStringLiteral("Sent by post")},
                              false);
    EXPECT_EQ(stale.exitCode, 2);
    EXPECT_TRUE(
        stale.err.contains(QStringLiteral("request 20180207 was changed by someone else since it was opened "
                                          "(version 1, now 2)")))
        << stale.err.toStdString();
    const auto missing =
        update(QStringLiteral("FOI-0000"), {QStringLiteral("--notes"), QStringLiteral("x")}, false);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("the register holds no request FOI-0000")))
        << missing.err.toStdString();

    // None of them changed anything; the version that is current is taken.
    const auto show =
        ok({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), kSeed, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject seed = QJsonDocument::fromJson(show.out.toUtf8()).object();
    EXPECT_EQ(seed.value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(seed.value(QStringLiteral("responded")).toString(), QStringLiteral("2018-03-01"));
    EXPECT_EQ(seed.value(QStringLiteral("notes")).toString(), QString());
    const auto current = update(kSeed, {QStringLiteral("--expect-version"), QStringLiteral("2"),
                                        QStringLiteral("--notes"), QStringLiteral("Sent by post")});
    EXPECT_TRUE(current.out.startsWith(QStringLiteral("request 20180207 saved (version 3)")))
        << current.out.toStdString();

    // Adding: a bad date names the option; a reference already held fails.
    const auto badAdd =
        cli({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), registerPath(),
             QStringLiteral("--reference"), QStringLiteral("FOI-9"), QStringLiteral("--received"),
             QStringLiteral("07/02/2018"), QStringLiteral("--title"), QStringLiteral("T")});
    EXPECT_EQ(badAdd.exitCode, 1);
    EXPECT_TRUE(badAdd.err.contains(QStringLiteral("--received '07/02/2018' is not a date")))
        << badAdd.err.toStdString();
    const auto twice =
        cli({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), registerPath(),
             QStringLiteral("--reference"), kSeed, QStringLiteral("--received"), QStringLiteral("2018-02-07"),
             QStringLiteral("--title"), QStringLiteral("Again")});
    EXPECT_EQ(twice.exitCode, 2);
    EXPECT_TRUE(twice.err.contains(QStringLiteral("already holds a request 20180207")))
        << twice.err.toStdString();
    const auto otherFile =
        cli({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), registerPath(),
             QStringLiteral("--reference"), QStringLiteral("FOI-9"), QStringLiteral("--request-file"),
             foi::test::dataPath(QStringLiteral("requests/seed-20180207.json"))});
    EXPECT_EQ(otherFile.exitCode, 1);
    EXPECT_TRUE(otherFile.err.contains(QStringLiteral("is the request file of request 20180207, not FOI-9")))
        << otherFile.err.toStdString();
}

TEST_F(RequestCli, DisclosureLogListsTheResponsesAndTheFilesReleased)
{
    {
        foi::Result<std::unique_ptr<foi::Register>> reg = foi::Register::open(registerPath());
        ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
        foi::ReleaseRecord release;
        release.reference = kSeed;
        release.releasedAt = QDateTime(QDate(2018, 3, 1), QTime(10, 0), Qt::UTC);
        release.officer = QStringLiteral("test-officer");
        release.unit = QStringLiteral("crimes");
        release.requestJson = "{}";
        release.releaseJson = "{}";
        release.files = {
            {QStringLiteral("20180207.xlsx"), QStringLiteral("spreadsheet"), QString(64, QLatin1Char('a')),
             100},
            {QStringLiteral("20180207.txt"), QStringLiteral("response"), QString(64, QLatin1Char('b')), 10}};
        ASSERT_TRUE((*reg)->addRelease(release).ok());
    }
    update(kExtended, {QStringLiteral("--responded"), QStringLiteral("2018-09-03"),
                       QStringLiteral("--outcome"), QStringLiteral("Information not held")});

    const QString csv = m_dir.filePath(QStringLiteral("disclosure-log.csv"));
    const auto run = ok({QStringLiteral("disclosure-log"), QStringLiteral("--register"), registerPath(),
                         QStringLiteral("--output"), csv});
    EXPECT_TRUE(run.out.startsWith(
        csv + QStringLiteral(": 3 lines, the header and 2 requests responded to\tsha256 ")))
        << run.out.toStdString();
    const QByteArray bytes = foi::test::readAll(csv);
    ASSERT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    EXPECT_EQ(
        bytes.mid(3),
        QByteArray("Reference,Received,Responded,Title,Outcome,Files released\r\n"
                   "20180207,2018-02-07,2018-03-01,Children below the age of criminal responsibility linked "
                   "to violent crime,Information provided in part,20180207.xlsx; 20180207.txt\r\n"
                   "FOI-2018-0702,2018-07-02,2018-09-03,'=Burglary by ward,Information not held,\r\n"));

    // --from and --to keep the responses of those days; the other request is not in it.
    const QString spring = m_dir.filePath(QStringLiteral("spring.csv"));
    const auto limited =
        ok({QStringLiteral("disclosure-log"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--output"), spring, QStringLiteral("--from"), QStringLiteral("2018-03-01"),
            QStringLiteral("--to"), QStringLiteral("2018-03-31")});
    EXPECT_TRUE(
        limited.out.startsWith(spring + QStringLiteral(": 2 lines, the header and 1 request responded to")))
        << limited.out.toStdString();
    EXPECT_FALSE(foi::test::readAll(spring).contains("FOI-2018-0702"));

    const auto backwards =
        cli({QStringLiteral("disclosure-log"), QStringLiteral("--register"), registerPath(),
             QStringLiteral("--output"), spring, QStringLiteral("--from"), QStringLiteral("2018-04-01"),
             QStringLiteral("--to"), QStringLiteral("2018-03-31")});
    EXPECT_EQ(backwards.exitCode, 1);
    EXPECT_TRUE(backwards.err.contains(QStringLiteral("--to 2018-03-31 is before --from 2018-04-01")))
        << backwards.err.toStdString();

    // The release, its files and the log itself are in the audit trail with their SHA-256.
    const auto audit = ok({QStringLiteral("audit"), QStringLiteral("--register"), registerPath(),
                           QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray events = QJsonDocument::fromJson(audit.out.toUtf8()).array();
    QStringList exported;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("action")).toString() == QStringLiteral("export"))
            exported << e.value(QStringLiteral("detail")).toString() + QLatin1Char(' ') +
                            e.value(QStringLiteral("sha256")).toString();
    }
    ASSERT_EQ(exported.size(), 4) << audit.out.toStdString();
    EXPECT_TRUE(
        exported.at(0).startsWith(QStringLiteral("Exported 20180207.xlsx (spreadsheet, 100 bytes) aaaa")));
    EXPECT_TRUE(exported.at(2).startsWith(QStringLiteral("Disclosure log disclosure-log.csv (2 requests, ")))
        << exported.at(2).toStdString();
    EXPECT_TRUE(exported.at(2).endsWith(run.out.section(QStringLiteral("sha256 "), 1).trimmed()));
}

TEST_F(RequestCli, AuditListsTheRequestLines)
{
    const auto all = ok({QStringLiteral("audit"), QStringLiteral("--register"), registerPath()});
    const QStringList lines = all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 8) << all.out.toStdString(); // the heading, 3 added, 4 changed
    EXPECT_EQ(lines.at(0).simplified(), QStringLiteral("TIME OFFICER ACTION REFERENCE WHAT"));
    EXPECT_TRUE(lines.at(1).simplified().contains(
        QStringLiteral("UTC test-officer request 20180207 Request added: received 2018-02-07")))
        << lines.at(1).toStdString();

    const auto one =
        ok({QStringLiteral("audit"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), kExtended, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray events = QJsonDocument::fromJson(one.out.toUtf8()).array();
    ASSERT_EQ(events.size(), 2) << one.out.toStdString();
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        EXPECT_EQ(e.value(QStringLiteral("reference")).toString(), kExtended);
        EXPECT_EQ(e.value(QStringLiteral("action")).toString(), QStringLiteral("request"));
        EXPECT_EQ(e.value(QStringLiteral("officer")).toString(), QStringLiteral("test-officer"));
        EXPECT_TRUE(e.value(QStringLiteral("sha256")).isNull());
        EXPECT_TRUE(
            QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).isValid());
    }
    EXPECT_TRUE(events.at(1)
                    .toObject()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("extension: 0 -> 20")));

    const auto none = ok({QStringLiteral("audit"), QStringLiteral("--register"), registerPath(),
                          QStringLiteral("--reference"), QStringLiteral("FOI-0000")});
    EXPECT_EQ(none.out, QStringLiteral("The audit trail holds nothing about request FOI-0000.\n"));
    const auto missing = cli({QStringLiteral("audit"), QStringLiteral("--register"),
                              m_dir.filePath(QStringLiteral("none.sqlite"))});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("there is no register here")))
        << missing.err.toStdString();
}

TEST_F(RequestCli, CountsByTheBankHolidaysLoadedIntoTheRegister)
{
    // Beyond the built-in holidays the due day is not guessed: the request is kept, and the lists say why.
    const auto added =
        ok({QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), QStringLiteral("FOI-2027-1210"), QStringLiteral("--received"),
            QStringLiteral("2027-12-10"), QStringLiteral("--title"), QStringLiteral("Thefts at Christmas")});
    EXPECT_TRUE(
        added.out.startsWith(QStringLiteral("request FOI-2027-1210 added, received 2027-12-10: the due day "
                                            "cannot be counted: 20 working days after 2027-12-10")))
        << added.out.toStdString();
    const auto unknown = list({}, QStringLiteral("2027-12-13"));
    EXPECT_TRUE(unknown.out.contains(QStringLiteral("2027-12-10  not counted (see below)")))
        << unknown.out.toStdString();
    EXPECT_TRUE(unknown.out.contains(
        QStringLiteral("\nFOI-2027-1210: not counted: 20 working days after 2027-12-10")))
        << unknown.out.toStdString();

    const QString feed = m_dir.filePath(QStringLiteral("bank-holidays.json"));
    foi::test::writeAll(feed, R"({"england-and-wales": {"events": [
        {"title": "New Year’s Day", "date": "2028-01-03"}, {"title": "Good Friday", "date": "2028-04-14"}]},
        "scotland": {"events": [{"title": "2nd January", "date": "2028-01-04"}]}})");
    const auto builtIn = ok({QStringLiteral("bank-holidays"), QStringLiteral("--register"), registerPath()});
    EXPECT_TRUE(builtIn.out.contains(QStringLiteral("to 2027-12-28")) &&
                builtIn.out.contains(QStringLiteral("built in")))
        << builtIn.out.toStdString();
    // A file that is not the feed is refused, naming it; the feed is kept in the register.
    const QString bad = m_dir.filePath(QStringLiteral("not-a-feed.json"));
    foi::test::writeAll(bad, "[1, 2, 3]");
    const auto refused = cli({QStringLiteral("bank-holidays"), QStringLiteral("--register"), registerPath(),
                              QStringLiteral("--load"), bad});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("not-a-feed.json"))) << refused.err.toStdString();
    const auto loaded = ok({QStringLiteral("bank-holidays"), QStringLiteral("--register"), registerPath(),
                            QStringLiteral("--load"), feed});
    EXPECT_TRUE(loaded.out.contains(QStringLiteral("to 2028-04-14")) &&
                loaded.out.contains(QStringLiteral("loaded into the register")))
        << loaded.out.toStdString();
    const auto json =
        list({QStringLiteral("--format"), QStringLiteral("json")}, QStringLiteral("2027-12-13"));
    const QJsonObject counted =
        byReference(QJsonDocument::fromJson(json.out.toUtf8()).array(), QStringLiteral("FOI-2027-1210"));
    EXPECT_EQ(counted.value(QStringLiteral("due")).toString(), QStringLiteral("2028-01-13"))
        << json.out.toStdString();
    EXPECT_TRUE(counted.value(QStringLiteral("problem")).isNull()) << json.out.toStdString();
    const auto show = ok({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"),
                          registerPath(), QStringLiteral("--reference"), QStringLiteral("FOI-2027-1210")});
    EXPECT_TRUE(show.out.contains(QStringLiteral("2028-01-13 (Thu): 20 working days after 2027-12-10")))
        << show.out.toStdString();
}

TEST_F(RequestCli, TheUsageListsTheCommands)
{
    const auto help = cli({QStringLiteral("--help")});
    for (const char *command : {"requests --register PATH", "request add --register PATH", "request update",
                                "request delete", "request show", "disclosure-log --register PATH",
                                "audit --register PATH", "bank-holidays --register PATH"})
        EXPECT_TRUE(help.out.contains(QLatin1String(command))) << command;
    const auto own = cli({QStringLiteral("request"), QStringLiteral("update"), QStringLiteral("--help")});
    EXPECT_EQ(own.exitCode, 0);
    EXPECT_TRUE(own.out.contains(QStringLiteral("--clarification-received <DATE>"))) << own.out.toStdString();
    const auto wrong = cli({QStringLiteral("request"), QStringLiteral("remove")});
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(wrong.err.contains(QStringLiteral("'remove' is not add, update, delete or show")))
        << wrong.err.toStdString();
}

TEST_F(RequestCli, DeleteTakesARequestWithoutAReleaseAndKeepsOneWithARelease)
{
    auto deleteRequest = [&](const QString &reference, const QStringList &extra = {}) {
        return cli(QStringList{QStringLiteral("request"), QStringLiteral("delete"),
                               QStringLiteral("--register"), registerPath(), QStringLiteral("--reference"),
                               reference} +
                   extra);
    };
    // FOI-2017-1204 is at version 3: an older version is refused, and nothing is deleted.
    const auto stale = deleteRequest(kClarified, {QStringLiteral("--expect-version"), QStringLiteral("2")});
    EXPECT_EQ(stale.exitCode, 2) << stale.err.toStdString();
    EXPECT_TRUE(stale.err.contains(QStringLiteral("changed by someone else"))) << stale.err.toStdString();
    const auto deleted = deleteRequest(kClarified, {QStringLiteral("--expect-version"), QStringLiteral("3")});
    ASSERT_EQ(deleted.exitCode, 0) << deleted.err.toStdString();
    EXPECT_EQ(deleted.out, QStringLiteral("request FOI-2017-1204 deleted (it was at version 3); the audit "
                                          "trail keeps its lines\n"));
    const auto gone = cli({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"),
                           registerPath(), QStringLiteral("--reference"), kClarified});
    EXPECT_EQ(gone.exitCode, 2);
    const auto trail =
        ok({QStringLiteral("audit"), QStringLiteral("--register"), registerPath(),
            QStringLiteral("--reference"), kClarified, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray events = QJsonDocument::fromJson(trail.out.toUtf8()).array();
    ASSERT_EQ(events.size(), 4) << trail.out.toStdString(); // added, changed twice, deleted
    const QJsonObject last = events.last().toObject();
    EXPECT_EQ(last.value(QStringLiteral("action")).toString(), QStringLiteral("request-deleted"));
    EXPECT_TRUE(
        last.value(QStringLiteral("detail")).toString().contains(QStringLiteral("Knife crime near schools")))
        << trail.out.toStdString();
    EXPECT_EQ(deleteRequest(kClarified).exitCode, 2);

    // The seed's request has a release recorded: refused (status 1), and kept.
    {
        auto reg = foi::Register::open(registerPath());
        ASSERT_TRUE(reg.ok());
        ASSERT_TRUE((*reg)->addRelease(foi::test::releaseRecord(kSeed)).ok());
    }
    const auto released = deleteRequest(kSeed);
    EXPECT_EQ(released.exitCode, 1) << released.err.toStdString();
    EXPECT_TRUE(
        released.err.contains(QStringLiteral("request 20180207 has a release recorded on 2018-03-01")))
        << released.err.toStdString();
    EXPECT_EQ(ok({QStringLiteral("request"), QStringLiteral("show"), QStringLiteral("--register"),
                  registerPath(), QStringLiteral("--reference"), kSeed})
                  .exitCode,
              0);
    EXPECT_EQ(deleteRequest(kSeed, {QStringLiteral("--expect-version"), QStringLiteral("none")}).exitCode, 1);
}
