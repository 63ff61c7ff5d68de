// Crash safety: a process killed (SIGKILL) in the middle of an import, of a merge or of an export leaves
// the register sound (SQLite's integrity_check) and holding exactly what it held before, and leaves no
// partial export file anywhere. The import is killed from outside while it stores rows; the merge and
// the export kill themselves at named kill points (common/KillPoint.h), inside the windows that matter.

#include "demo/DemoGenerator.h"
#include "demo/DemoRegister.h"
#include "export/ScratchFolder.h"
#include "import/Importer.h"
#include "register/Register.h"
#include "register/SqlRegister.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A digest of every row of every table, and the integrity check's verdict.
struct Snapshot
{
    QByteArray digest;
    QString integrity;
    qint64 links = 0;
};

Snapshot snapshot(const QString &path)
{
    Snapshot s;
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = Register::open(path, options);
    EXPECT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    if (!reg.ok())
        return s;
    QSqlDatabase db = static_cast<SqlRegister *>(reg->get())->database();
    QSqlQuery q(db);
    EXPECT_TRUE(q.exec(QStringLiteral("PRAGMA integrity_check")));
    while (q.next())
        s.integrity += q.value(0).toString();
    QCryptographicHash h(QCryptographicHash::Sha256);
    QStringList tables;
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
    while (q.next())
        tables << q.value(0).toString();
    for (const QString &t : tables) {
        h.addData(t.toUtf8());
        QSqlQuery rows(db);
        EXPECT_TRUE(rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(t)));
        while (rows.next()) {
            for (int i = 0; i < rows.record().count(); ++i)
                h.addData(QByteArray(rows.value(i).toByteArray() + '\x1f'));
        }
    }
    EXPECT_TRUE((*reg)->forEachLink([&s](const StoredLink &) {
        ++s.links;
        return true;
    }));
    s.digest = h.result().toHex();
    return s;
}

/// Runs foi-tables-cli with FOI_TABLES_TEST_KILL_AT set to the point, and checks that it died there.
void runKilledAt(const char *point, const QStringList &arguments, const QString &temp)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FOI_TABLES_TEST_KILL_AT"), QLatin1String(point));
    env.insert(QStringLiteral("TMPDIR"), temp);
    child.setProcessEnvironment(env);
    child.start(test::cliPath(), arguments);
    ASSERT_TRUE(child.waitForStarted());
    ASSERT_TRUE(child.waitForFinished(600000));
    ASSERT_EQ(child.exitStatus(), QProcess::CrashExit)
        << point << " was never reached: " << child.readAllStandardError().toStdString();
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

TEST(Atomicity, AKilledImportLeavesTheRegisterAsItWas)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 40000;
    options.seed = 11;
    Result<DemoFiles> files = generateDemo(tmp.filePath(QStringLiteral("extracts")), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();

    // The register holds the CMS extract; then a CONNECT import is killed part way through.
    const QString path = tmp.filePath(QStringLiteral("register.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        ASSERT_TRUE(reg.ok());
        Result<ImportSummary> r =
            Importer::run(**reg, {ImportItem{*SourceProfile::load(QStringLiteral("cms")), files->cmsCsv}});
        ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    }
    const Snapshot before = snapshot(path);
    ASSERT_EQ(before.integrity, QStringLiteral("ok"));
    ASSERT_GT(before.links, 0);

    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(test::cliPath(),
                {QStringLiteral("import"), QStringLiteral("--register"), path, QStringLiteral("--profile"),
                 QStringLiteral("connect"), QStringLiteral("--progress"), files->connectCsv});
    ASSERT_TRUE(child.waitForStarted());
    // Wait until it has stored rows (its progress says so), then kill it without warning.
    QByteArray err;
    while (!err.contains("rows, ") && child.state() == QProcess::Running) {
        child.waitForReadyRead(100);
        err += child.readAllStandardError();
    }
    ASSERT_EQ(child.state(), QProcess::Running)
        << "the import finished before it could be killed: " << err.toStdString();
    child.kill();
    child.waitForFinished();
    EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);

    const Snapshot after = snapshot(path);
    EXPECT_EQ(after.integrity, QStringLiteral("ok"));
    EXPECT_EQ(after.links, before.links);
    EXPECT_EQ(after.digest, before.digest);

    // And the file imports cleanly afterwards.
    auto again = test::runCli({QStringLiteral("import"), QStringLiteral("--register"), path,
                               QStringLiteral("--profile"), QStringLiteral("connect"), files->connectCsv},
                              600000);
    // 3: imported, with the rows the demo's extract rejects on purpose.
    EXPECT_EQ(again.exitCode, 3) << again.err.toStdString();
}

TEST(Atomicity, AMergeKilledWhileSavingLeavesTheLastMerge)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 4000;
    options.seed = 12;
    Result<DemoFiles> files = generateDemo(tmp.filePath(QStringLiteral("extracts")), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();

    // The register holds both systems, merged, with the merge's issues.
    const QString path = tmp.filePath(QStringLiteral("register.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        ASSERT_TRUE(reg.ok());
        ASSERT_TRUE(
            Importer::run(**reg,
                          {ImportItem{*SourceProfile::load(QStringLiteral("cms")), files->cmsCsv},
                           ImportItem{*SourceProfile::load(QStringLiteral("connect")), files->connectCsv}})
                .ok());
        Result<MergeReport> last = (*reg)->mergeReport();
        ASSERT_TRUE(last.ok());
        ASSERT_FALSE(last->issues.isEmpty())
            << "the last merge must hold issues for the test to see them kept";
    }
    const Snapshot before = snapshot(path);
    ASSERT_EQ(before.integrity, QStringLiteral("ok"));

    // The merge dies after it has deleted the last merge's issues and stored some of its own.
    runKilledAt("merge-saving", {QStringLiteral("merge"), QStringLiteral("--register"), path}, tmp.path());

    const Snapshot after = snapshot(path);
    EXPECT_EQ(after.integrity, QStringLiteral("ok"));
    EXPECT_EQ(after.digest, before.digest);
    // And it merges cleanly afterwards.
    auto again = test::runCli({QStringLiteral("merge"), QStringLiteral("--register"), path}, 600000);
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_NE(snapshot(path).digest, before.digest);
}

class KilledExport : public ::testing::Test
{
protected:
    void SetUp() override
    {
        DemoOptions options;
        options.crimes = 3000;
        options.seed = 5;
        Result<ImportSummary> made = buildDemoRegister(m_register, options);
        ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
        ASSERT_TRUE(QDir().mkpath(m_out));
        ASSERT_TRUE(QDir().mkpath(m_temp));
    }

    QStringList exportArguments() const
    {
        return {QStringLiteral("export"),
                QStringLiteral("--register"),
                m_register,
                QStringLiteral("--request"),
                test::dataPath(QStringLiteral("requests/seed-20180207.json")),
                QStringLiteral("--organisation"),
                QStringLiteral("Example Constabulary"),
                QStringLiteral("--output"),
                QDir(m_out).filePath(QStringLiteral("FOI-20180207.xlsx")),
                QStringLiteral("--output"),
                QDir(m_out).filePath(QStringLiteral("FOI-20180207.csv")),
                QStringLiteral("--response"),
                QDir(m_out).filePath(QStringLiteral("FOI-20180207-response.odt"))};
    }

    qsizetype releases()
    {
        Result<std::unique_ptr<Register>> reg = Register::open(m_register);
        EXPECT_TRUE(reg.ok());
        if (!reg.ok())
            return -1;
        Result<QVector<ReleaseRecord>> all = (*reg)->releases();
        EXPECT_TRUE(all.ok());
        return all.ok() ? all->size() : -1;
    }

    QTemporaryDir m_tmp;
    QString m_register = m_tmp.filePath(QStringLiteral("register.sqlite"));
    QString m_out = m_tmp.filePath(QStringLiteral("out"));
    QString m_temp = m_tmp.filePath(QStringLiteral("temp"));
};

TEST_F(KilledExport, BeforeItIsRecordedLeavesNoFileAndNoRelease)
{
    const Snapshot before = snapshot(m_register);

    // Killed while the spreadsheet lies made in its private scratch folder, not yet checked.
    runKilledAt("export-spreadsheet-made", exportArguments(), m_temp);
    EXPECT_EQ(filesIn(m_out), QStringList());
    const QStringList left = filesIn(m_temp);
    ASSERT_EQ(left.size(), 1) << left.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(left.first().startsWith(ScratchFolder::prefix()));

    // Killed with every file written beside its place, before the release is recorded.
    runKilledAt("export-staged", exportArguments(), m_temp);
    EXPECT_EQ(filesIn(m_out), QStringList())
        << "a file in the folder that the register does not hold as released";
    EXPECT_EQ(releases(), 0);
    const Snapshot after = snapshot(m_register);
    EXPECT_EQ(after.integrity, QStringLiteral("ok"));
    EXPECT_EQ(after.digest, before.digest);

    // The next export sweeps the scratch folders the killed ones left, and writes every file.
    test::CliRun run = test::runCli(exportArguments(), 600000, {{QStringLiteral("TMPDIR"), m_temp}});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(filesIn(m_temp), QStringList());
    EXPECT_EQ(filesIn(m_out).size(), 4) << filesIn(m_out).join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(releases(), 1);
}

TEST_F(KilledExport, AfterItIsRecordedLeavesTheReleaseRecordedAndNoPartialFile)
{
    // Killed between the release's record and the files' moving into place: the register holds the
    // release (the differencing check errs on the safe side) and the folder holds no file, whole or
    // partial.
    runKilledAt("export-recorded", exportArguments(), m_temp);
    EXPECT_EQ(filesIn(m_out), QStringList());
    EXPECT_EQ(releases(), 1);
    EXPECT_EQ(snapshot(m_register).integrity, QStringLiteral("ok"));

    // Exporting again writes the files; the register then holds both, the same cells twice.
    test::CliRun run = test::runCli(exportArguments(), 600000, {{QStringLiteral("TMPDIR"), m_temp}});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(filesIn(m_out).size(), 4);
    EXPECT_EQ(releases(), 2);
}
