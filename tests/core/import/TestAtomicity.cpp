// An import is one transaction: a process killed in the middle of one leaves the register exactly as
// it was, and sound.

#include "demo/DemoGenerator.h"
#include "import/Importer.h"
#include "register/Register.h"
#include "register/SqlRegister.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
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
    EXPECT_TRUE(again.exitCode == 0 || again.exitCode == 3) << again.err.toStdString();
}
