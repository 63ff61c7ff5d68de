#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

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

} // namespace foi::test
