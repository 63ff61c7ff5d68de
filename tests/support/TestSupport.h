#pragma once

#include "register/Register.h"
#include "support/Printers.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace foi::test {

/// The committed fixtures (tests/data).
QString dataPath(const QString &relative = {});

/// The tests' copies of the project's shared reference material (tests/data/shared, whose README says
/// where each file came from): nothing the tests read lies outside the repository.
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

/// Where a test's register lives: a SQLite file in the folder, or, when the suite runs against a
/// PostgreSQL server (tests/tools/pg-test-server sets FOI_TEST_POSTGRES to postgresql://user@host:port/),
/// a database of its own on that server, made empty on the first call for the folder and name. The same
/// folder and name give the same register again, so that a test can open it twice.
QString registerAt(const QTemporaryDir &dir, const QString &name = QStringLiteral("register.sqlite"));

/// Whether the register tests run against a PostgreSQL server (FOI_TEST_POSTGRES is set).
bool onPostgres();

} // namespace foi::test
