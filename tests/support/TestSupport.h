#pragma once

#include "register/Register.h"
#include "support/Printers.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace foi::test {

/// The committed fixtures (tests/data).
QString dataPath(const QString &relative = {});

/// The project's shared reference material (../shared), present on every developer and CI machine.
QString sharedPath(const QString &relative = {});

/// The foi-tables-cli executable built alongside the tests.
QString cliPath();

QByteArray readAll(const QString &path);
void writeAll(const QString &path, const QByteArray &bytes);

/// The outcome of running foi-tables-cli in a child process.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs foi-tables-cli with the arguments and waits for it (at most timeoutMs).
CliRun runCli(const QStringList &arguments, int timeoutMs = 120000,
              const QList<QPair<QString, QString>> &environment = {});

/// A release as the register keeps one: released on 1 March 2018 at 10:30 UTC by "FOI officer", counting
/// crimes, with the files given.
ReleaseRecord releaseRecord(const QString &reference = QStringLiteral("20180207"),
                            const QVector<ReleasedFile> &files = {});

/// A request as an FOI unit logs one: received on the day given, titled "Request REF", handled by
/// "A. Officer", in status received.
FoiRequestRecord foiRequest(const char *reference, const QDate &received);

} // namespace foi::test
