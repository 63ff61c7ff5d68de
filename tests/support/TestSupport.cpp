#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <gtest/gtest.h>

namespace foi::test {

QString dataPath(const QString &relative)
{
    return QDir(QStringLiteral(FOI_TEST_DATA_DIR)).filePath(relative);
}

QString sharedPath(const QString &relative)
{
    return QDir::cleanPath(QDir(QStringLiteral(FOI_SHARED_DIR)).filePath(relative));
}

QString cliPath()
{
    return QStringLiteral(FOI_CLI_PATH);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read " << path.toStdString();
        return {};
    }
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        ADD_FAILURE() << "cannot write " << path.toStdString();
        return;
    }
    f.write(bytes);
}

CliRun runCli(const QStringList &arguments, int timeoutMs, const QList<QPair<QString, QString>> &environment)
{
    QProcess p;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto &[name, value] : environment)
            env.insert(name, value);
        p.setProcessEnvironment(env);
    }
    p.start(cliPath(), arguments);
    CliRun run;
    if (!p.waitForStarted()) {
        ADD_FAILURE() << "cannot start " << cliPath().toStdString();
        return run;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        ADD_FAILURE() << "foi-tables-cli timed out: " << arguments.join(QLatin1Char(' ')).toStdString();
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

ReleaseRecord releaseRecord(const QString &reference, const QVector<ReleasedFile> &files)
{
    ReleaseRecord r;
    r.reference = reference;
    r.releasedAt = QDateTime(QDate(2018, 3, 1), QTime(10, 30), Qt::UTC);
    r.officer = QStringLiteral("FOI officer");
    r.unit = QStringLiteral("crimes");
    r.requestJson = QByteArrayLiteral("{\"reference\": \"") + reference.toUtf8() + QByteArrayLiteral("\"}");
    r.releaseJson = QByteArrayLiteral("{\"tables\": []}");
    r.files = files;
    return r;
}

FoiRequestRecord foiRequest(const char *reference, const QDate &received)
{
    FoiRequestRecord r;
    r.reference = QLatin1String(reference);
    r.received = received;
    r.title = QStringLiteral("Request %1").arg(QLatin1String(reference));
    r.officer = QStringLiteral("A. Officer");
    return r;
}

bool onPostgres()
{
    return !qEnvironmentVariableIsEmpty("FOI_TEST_POSTGRES");
}

QString registerAt(const QTemporaryDir &dir, const QString &name)
{
    if (!onPostgres())
        return dir.filePath(name);
    const QString base = qEnvironmentVariable("FOI_TEST_POSTGRES");
    const QString database =
        QStringLiteral("foi_test_") +
        QString::fromLatin1(QCryptographicHash::hash((dir.path() + QLatin1Char('/') + name).toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(20));
    static QSet<QString> made;
    if (!made.contains(database)) {
        // A fresh database for the test: dropped first in case a killed run left one of that name.
        const QUrl url(base);
        const QString connection = QStringLiteral("foi-test-admin");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(QStringLiteral("postgres"));
            EXPECT_TRUE(db.open()) << db.lastError().text().toStdString();
            QSqlQuery q(db);
            q.exec(QStringLiteral("SET client_min_messages = warning"));
            EXPECT_TRUE(q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(database)))
                << q.lastError().text().toStdString();
            EXPECT_TRUE(q.exec(QStringLiteral("CREATE DATABASE %1").arg(database)))
                << q.lastError().text().toStdString();
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        made.insert(database);
    }
    return base + database;
}

} // namespace foi::test
