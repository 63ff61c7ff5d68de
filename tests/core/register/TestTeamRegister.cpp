// A register shared by a team: two officers' processes writing at once keep every write, and a change made
// to a copy someone else saved since is refused rather than lost. It runs on a SQLite file and, under
// tests/tools/pg-test-server, on a PostgreSQL server (ctest's RegisterOnPostgreSQL).
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A shell loop of foi-tables-cli commands, started and left running.
std::unique_ptr<QProcess> startLoop(const QString &script)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    EXPECT_TRUE(process->waitForStarted());
    return process;
}

} // namespace

TEST(TeamRegister, TwoOfficersWritingAtOnceKeepEveryWrite)
{
    QTemporaryDir tmp;
    const QString location = test::registerAt(tmp, QStringLiteral("team.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(location);
        ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
        FoiRequestRecord shared = test::foiRequest("SHARED", QDate(2018, 2, 7));
        ASSERT_TRUE((*reg)->addRequest(shared, QStringLiteral("A. Officer")).ok());
    }
    const QString cli = test::cliPath();
    const int each = 8;
    // Each officer imports an extract, adds requests of their own, and changes the shared request's notes
    // as they go: every command is a process of its own, as two desks would run them.
    const auto officer = [&](const QString &name, const QString &profile, const QString &extract) {
        return QStringLiteral(
                   "set -e; export USER='%1'; \"%2\" import --register '%3' --profile %4 '%5'; "
                   "for i in $(seq %6); do "
                   "\"%2\" request add --register '%3' --reference %1-$i --received 2018-02-0$((1 + i % 7)) "
                   "--title \"%1's request $i\" >/dev/null; "
                   "\"%2\" request update --register '%3' --reference SHARED --notes \"%1 $i\" >/dev/null "
                   "|| echo refused; "
                   "done")
            .arg(name, cli, location, profile, extract)
            .arg(each);
    };
    auto a = startLoop(officer(QStringLiteral("A"), QStringLiteral("cms"),
                               test::dataPath(QStringLiteral("cases/migrated-crime/cms.csv"))));
    auto b = startLoop(officer(QStringLiteral("B"), QStringLiteral("connect"),
                               test::dataPath(QStringLiteral("cases/migrated-crime/connect.csv"))));
    ASSERT_TRUE(a->waitForFinished(180000));
    ASSERT_TRUE(b->waitForFinished(180000));
    const QString outA = QString::fromUtf8(a->readAll());
    const QString outB = QString::fromUtf8(b->readAll());
    ASSERT_EQ(a->exitCode(), 0) << outA.toStdString();
    ASSERT_EQ(b->exitCode(), 0) << outB.toStdString();

    Result<std::unique_ptr<Register>> reg = Register::open(location);
    ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    // Both imports, and every request each officer added.
    Result<QVector<ImportBatch>> imports = (*reg)->imports();
    ASSERT_TRUE(imports.ok());
    EXPECT_EQ(imports->size(), 2);
    Result<QVector<FoiRequestRecord>> requests = (*reg)->requests();
    ASSERT_TRUE(requests.ok());
    EXPECT_EQ(requests->size(), 1 + 2 * each);
    // The shared request: each update either saved (a new version, a line in the trail) or was refused
    // and said so. None was lost: the versions count the saves.
    const int refused = int(outA.count(QStringLiteral("refused")) + outB.count(QStringLiteral("refused")));
    Result<std::optional<FoiRequestRecord>> shared = (*reg)->findRequest(QStringLiteral("SHARED"));
    ASSERT_TRUE(shared.ok() && shared->has_value());
    const int saved = 2 * each - refused;
    EXPECT_GT(saved, 0);
    EXPECT_EQ((*shared)->version, 1 + saved);
    Result<QVector<AuditEvent>> trail = (*reg)->auditTrail(QStringLiteral("SHARED"));
    ASSERT_TRUE(trail.ok());
    const auto changes = std::count_if(trail->begin(), trail->end(), [](const AuditEvent &e) {
        return e.detail.startsWith(QLatin1String("Request changed"));
    });
    EXPECT_EQ(changes, saved);
    // Every stored row has an id of its own: the two imports' ids do not overlap.
    QSet<qint64> ids;
    qint64 rows = 0;
    ASSERT_TRUE((*reg)
                    ->forEachLink([&](const StoredLink &link) {
                        ids.insert(link.id);
                        ++rows;
                        return true;
                    })
                    .ok());
    EXPECT_EQ(ids.size(), rows);
    EXPECT_EQ(rows, imports->at(0).rowsKept + imports->at(1).rowsKept);
    Result<QVector<AuditEvent>> all = (*reg)->auditTrail(QString());
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(std::count_if(all->begin(), all->end(),
                            [](const AuditEvent &e) { return e.action == QLatin1String("import"); }),
              2);
}

namespace {

/// The test role's password, from the .pgpass file tests/tools/pg-test-server wrote.
QString serverPassword()
{
    const QStringList lines = QString::fromUtf8(test::readAll(qEnvironmentVariable("PGPASSFILE")))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList fields = line.split(QLatin1Char(':'));
        if (fields.size() == 5 && fields[3] == QLatin1String("foi"))
            return fields[4];
    }
    return {};
}

} // namespace

TEST(TeamRegister, TheCommandLineAsksForAPasswordOnTheTerminalOnly)
{
    if (!test::onPostgres())
        GTEST_SKIP() << "a password is a server's question: this runs in ctest's RegisterOnPostgreSQL";
    QTemporaryDir tmp;
    const QString location = test::registerAt(tmp, QStringLiteral("asks.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(location);
        ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    }
    const QString password = serverPassword();
    ASSERT_FALSE(password.isEmpty());
    // No .pgpass this time: the server's question must be answered by the officer.
    const QString empty = tmp.filePath(QStringLiteral("empty-pgpass"));
    test::writeAll(empty, QByteArray());
    QFile::setPermissions(empty, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSFILE"), empty);

    // Without a terminal (a script, a scheduled task) nothing is asked and nothing waits: the error says
    // where the password goes.
    {
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QStringLiteral("setsid"),
                    {QStringLiteral("-w"), test::cliPath(), QStringLiteral("requests"),
                     QStringLiteral("--register"), location});
        ASSERT_TRUE(child.waitForFinished(60000));
        const QString err = QString::fromUtf8(child.readAllStandardError());
        EXPECT_NE(child.exitCode(), 0);
        EXPECT_TRUE(err.contains(QStringLiteral("~/.pgpass"))) << err.toStdString();
        EXPECT_TRUE(err.contains(QStringLiteral("password"))) << err.toStdString();
    }

    // On a terminal (script(1) gives the command one) it asks, the typing is not shown, and the command
    // goes on with the password; a wrong one is asked again.
    QProcess terminal;
    terminal.setProcessEnvironment(env);
    terminal.setProcessChannelMode(QProcess::MergedChannels);
    const QString command = QStringLiteral("'%1' requests --register '%2'").arg(test::cliPath(), location);
    terminal.start(QStringLiteral("script"), {QStringLiteral("-qefc"), command, QStringLiteral("/dev/null")});
    ASSERT_TRUE(terminal.waitForStarted());
    const auto stop = qScopeGuard([&terminal] {
        terminal.kill();
        terminal.waitForFinished();
    });
    QByteArray seen;
    const auto waitFor = [&](int prompts) {
        QElapsedTimer waited;
        waited.start();
        while (seen.count("Password for foi on 127.0.0.1: ") < prompts &&
               terminal.state() == QProcess::Running && waited.elapsed() < 60000) {
            terminal.waitForReadyRead(200);
            seen += terminal.readAll();
        }
        return seen.count("Password for foi on 127.0.0.1: ") >= prompts;
    };
    ASSERT_TRUE(waitFor(1)) << seen.toStdString();
    terminal.write("not-the-password\n");
    ASSERT_TRUE(waitFor(2)) << seen.toStdString();
    EXPECT_TRUE(seen.contains("refused the password")) << seen.toStdString();
    terminal.write(password.toUtf8() + '\n');
    ASSERT_TRUE(terminal.waitForFinished(60000));
    seen += terminal.readAll();
    EXPECT_EQ(terminal.exitCode(), 0) << seen.toStdString();
    EXPECT_FALSE(seen.contains("not-the-password")) << "the typing was shown";
    EXPECT_FALSE(seen.contains(password.toUtf8())) << "the typing was shown";
    EXPECT_TRUE(seen.contains("Open requests on")) << seen.toStdString();
}

TEST(TeamRegister, AReleaseOneOfficerRecordedIsInAnothersDifferencingCheck)
{
    QTemporaryDir tmp;
    const QString location = test::registerAt(tmp, QStringLiteral("releases.sqlite"));
    const test::CliRun made = test::runCli({QStringLiteral("demo-register"), QStringLiteral("--register"),
                                            location, QStringLiteral("--crimes"), QStringLiteral("6000"),
                                            QStringLiteral("--seed"), QStringLiteral("3")},
                                           600000);
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();

    // Officer A releases a year's counts by offence class; officer B, at another desk, counts the same
    // year less its last day.
    // (The year's request of the seed's shape, as TabulateCli's differencing test makes it.)
    const auto requestFile = [&](const char *reference, const char *to) {
        QJsonObject request =
            QJsonDocument::fromJson(
                test::readAll(test::dataPath(QStringLiteral("requests/seed-20180207.json"))))
                .object();
        QJsonObject criteria = request.value(QStringLiteral("criteria")).toObject();
        criteria.remove(QStringLiteral("age"));
        criteria.remove(QStringLiteral("outcomes"));
        criteria.insert(QStringLiteral("period"),
                        QJsonObject{{QStringLiteral("from"), QStringLiteral("2017-01-01")},
                                    {QStringLiteral("to"), QLatin1String(to)},
                                    {QStringLiteral("date"), QStringLiteral("recorded")}});
        request.insert(QStringLiteral("criteria"), criteria);
        request.insert(QStringLiteral("reference"), QLatin1String(reference));
        request.insert(QStringLiteral("tables"),
                       QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("By class")},
                                              {QStringLiteral("rows"), QStringLiteral("offence_class")}}});
        const QString path = tmp.filePath(QLatin1String(reference) + QStringLiteral(".json"));
        test::writeAll(path, QJsonDocument(request).toJson());
        return path;
    };
    const test::CliRun a = test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), location,
                                         QStringLiteral("--request"), requestFile("A-2017", "2017-12-31"),
                                         QStringLiteral("--record")},
                                        120000, {{QStringLiteral("USER"), QStringLiteral("officer-a")}});
    ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    const test::CliRun b = test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), location,
                                         QStringLiteral("--request"), requestFile("B-2017", "2017-12-30"),
                                         QStringLiteral("--format"), QStringLiteral("json")},
                                        120000, {{QStringLiteral("USER"), QStringLiteral("officer-b")}});
    ASSERT_EQ(b.exitCode, 0) << b.err.toStdString();
    const QJsonArray warnings =
        QJsonDocument::fromJson(b.out.toUtf8()).object().value(QStringLiteral("warnings")).toArray();
    bool seen = false;
    for (const QJsonValue &w : warnings) {
        if (w.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("differencing"))
            seen =
                seen || w.toObject().value(QStringLiteral("earlier")).toString() == QLatin1String("A-2017");
    }
    EXPECT_TRUE(seen) << b.out.toStdString();
}
