// Every bad input in docs/bad-input.md, given to foi-tables-cli as an officer or the data returns staff
// would: what they see names the file, line and field where there are ones, and what to fix; and nothing
// already stored is lost (the register still holds its request, and no import or release was added).
#include "register/Register.h"
#include "register/RegisterOverview.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace foi;

namespace {

QString data(const QString &relative)
{
    return test::dataPath(relative);
}

/// What a register holds that a failed command must not have changed.
struct Held
{
    qsizetype requests = -1;
    qsizetype imports = -1;
    qsizetype releases = -1;
    bool operator==(const Held &o) const
    {
        return requests == o.requests && imports == o.imports && releases == o.releases;
    }
};

Held held(const QString &path)
{
    Held h;
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = Register::open(path, options);
    EXPECT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    if (!reg.ok())
        return h;
    if (Result<QVector<FoiRequestRecord>> r = (*reg)->requests(); r.ok())
        h.requests = r->size();
    if (Result<QVector<ReleaseRecord>> r = (*reg)->releases(); r.ok())
        h.releases = r->size();
    if (Result<RegisterOverview> o = RegisterOverview::load(**reg, false); o.ok())
        h.imports = o->imports.size();
    return h;
}

/// A register holding one request, as the officer's desk would have before the bad input arrives.
QString registerWithARequest(const QTemporaryDir &tmp, const QString &name = QStringLiteral("r.sqlite"))
{
    const QString path = tmp.filePath(name);
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    EXPECT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    if (!reg.ok())
        return path;
    const Result<qint64> added =
        (*reg)->addRequest(test::foiRequest("KEEP-1", QDate(2018, 2, 7)), QStringLiteral("A. Officer"));
    EXPECT_TRUE(added.ok());
    return path;
}

struct Outcome
{
    int exitCode = -1;
    QString err;
};

/// Runs a program and waits for it.
Outcome run(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.start(program, arguments);
    EXPECT_TRUE(p.waitForStarted()) << program.toStdString();
    EXPECT_TRUE(p.waitForFinished(300000)) << program.toStdString();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardError())};
}

/// foi-tables-cli run as an account without special rights: as root (CI machines) a read-only folder is
/// no obstacle, so the command runs as nobody there.
Outcome runUnprivileged(const QStringList &arguments)
{
    if (::getuid() != 0)
        return run(test::cliPath(), arguments);
    return run(QStringLiteral("setpriv"),
               QStringList{QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                           QStringLiteral("--clear-groups"), test::cliPath()} +
                   arguments);
}

/// A folder every account may use (the test's own folder is private to the account running it).
QString sharedFolder(const QTemporaryDir &tmp, const QString &name)
{
    const QString path = tmp.filePath(name);
    EXPECT_TRUE(QDir().mkpath(path));
    QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther);
    EXPECT_TRUE(QFile::setPermissions(path, QFileDevice::Permissions(0x7777)));
    return path;
}

void makeReadOnly(const QString &folder)
{
    EXPECT_TRUE(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                  QFileDevice::ReadOther | QFileDevice::ExeOther |
                                                  QFileDevice::ReadGroup | QFileDevice::ExeGroup));
}

/// One row of the table in docs/bad-input.md: a command on a bad input and what the officer must read.
struct BadInput
{
    const char *name;
    QStringList (*arguments)(const QString &registerPath);
    QStringList said; ///< all of these in the message
};

void PrintTo(const BadInput &b, std::ostream *os)
{
    *os << b.name;
}

class BadInputCli : public ::testing::TestWithParam<BadInput>
{};

TEST_P(BadInputCli, SaysWhatToFixAndLosesNothing)
{
    QTemporaryDir tmp;
    const QString path = registerWithARequest(tmp);
    const Held before = held(path);
    ASSERT_EQ(before.requests, 1);
    const Outcome r = run(test::cliPath(), GetParam().arguments(path));
    EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("foi-tables-cli: "))) << r.err.toStdString();
    for (const QString &part : GetParam().said)
        EXPECT_TRUE(r.err.contains(part))
            << "missing '" << part.toStdString() << "' in: " << r.err.toStdString();
    EXPECT_EQ(held(path), before) << "a failed command changed the register";
}

QStringList importArgs(const QString &reg, const char *profile, const QString &file)
{
    return {QStringLiteral("import"),    QStringLiteral("--register"), reg,
            QStringLiteral("--profile"), QLatin1String(profile),       data(file)};
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadInputCli,
    ::testing::Values(
        BadInput{"TruncatedInAQuotedField",
                 [](const QString &r) {
                     return importArgs(r, "cms", QStringLiteral("cases/truncated-quote/cms.csv"));
                 },
                 {QStringLiteral("cms.csv, line 3, field 19:"), QStringLiteral("quoted field never closed"),
                  QStringLiteral("the file may be truncated")}},
        BadInput{"TruncatedBeforeItsFooter",
                 [](const QString &r) {
                     return importArgs(r, "cms", QStringLiteral("cases/footer-missing/cms.csv"));
                 },
                 {QStringLiteral("cms.csv, line 2:"), QStringLiteral("no footer line"),
                  QStringLiteral("truncated")}},
        BadInput{"WrongEncoding",
                 [](const QString &r) {
                     return importArgs(r, "connect", QStringLiteral("cases/wrong-encoding/connect.csv"));
                 },
                 {QStringLiteral("connect.csv, line 2, field 10:"),
                  QStringLiteral("not valid UTF-8 (byte 0xE9)"),
                  QStringLiteral("check the profile's encoding")}},
        BadInput{"MissingColumn",
                 [](const QString &r) {
                     return importArgs(r, "connect", QStringLiteral("cases/missing-column/connect.csv"));
                 },
                 {QStringLiteral("connect.csv, line 1, field DateOfBirth:"),
                  QStringLiteral("is not in the header"), QStringLiteral("the header has:")}},
        BadInput{"ProfileWithAnUnknownKey",
                 [](const QString &r) {
                     return QStringList{QStringLiteral("import"),
                                        QStringLiteral("--register"),
                                        r,
                                        QStringLiteral("--profile"),
                                        data(QStringLiteral("profiles/bad/unknown-top-key.json")),
                                        data(QStringLiteral("cases/migrated-crime/cms.csv"))};
                 },
                 {QStringLiteral("unknown-top-key.json, line 1, field colour:"),
                  QStringLiteral("unknown key 'colour'"), QStringLiteral("known keys here:")}},
        BadInput{"RequestFileWithAWrongType",
                 [](const QString &r) {
                     return QStringList{QStringLiteral("tabulate"), QStringLiteral("--register"), r,
                                        QStringLiteral("--request"),
                                        data(QStringLiteral("requests/bad/age-not-whole.json"))};
                 },
                 {QStringLiteral("age-not-whole.json, line 12, field criteria.age.min:"),
                  QStringLiteral("expected a whole number")}}));

TEST(BadInput, ARegisterFromANewerVersionSaysToInstallIt)
{
    QTemporaryDir tmp;
    const QString path = registerWithARequest(tmp);
    ASSERT_EQ(run(QStringLiteral("sqlite3"),
                  {path, QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")})
                  .exitCode,
              0);
    const QByteArray bytes = test::readAll(path);
    const Outcome r = run(test::cliPath(), {QStringLiteral("requests"), QStringLiteral("--register"), path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral(
        "written by a newer version of FOI Tables (register schema 99; this version reads up to")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("install the newer version"))) << r.err.toStdString();
    EXPECT_EQ(test::readAll(path), bytes) << "an older version must not touch a newer register";
}

TEST(BadInput, AFileThatIsNotADatabaseIsNamedAndLeftAlone)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("notes.sqlite"));
    test::writeAll(path, "Minutes of the FOI team meeting\n");
    const Outcome r =
        run(test::cliPath(),
            {QStringLiteral("request"), QStringLiteral("add"), QStringLiteral("--register"), path,
             QStringLiteral("--reference"), QStringLiteral("A-1"), QStringLiteral("--received"),
             QStringLiteral("2018-02-07"), QStringLiteral("--title"), QStringLiteral("x")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("notes.sqlite: this file is not a FOI Tables register")))
        << r.err.toStdString();
    EXPECT_EQ(test::readAll(path), QByteArray("Minutes of the FOI team meeting\n"));
}

TEST(BadInput, AFullDiskFailsTheImportAndKeepsTheRegisterAsItWas)
{
    QTemporaryDir tmp;
    const QString path = registerWithARequest(tmp);
    const Held before = held(path);
    const QString small = tmp.filePath(QStringLiteral("small"));
    const QString after = tmp.filePath(QStringLiteral("after"));
    ASSERT_TRUE(QDir().mkpath(small));
    ASSERT_TRUE(QDir().mkpath(after));
    // An extract of a few thousand crimes, and the register on a disk with room for it and little more;
    // after the import fails, what is on that disk is copied out to be read.
    const Outcome demo = run(test::cliPath(), {QStringLiteral("demo"), QStringLiteral("--out"),
                                               tmp.filePath(QStringLiteral("x")), QStringLiteral("--crimes"),
                                               QStringLiteral("3000")});
    ASSERT_EQ(demo.exitCode, 0) << demo.err.toStdString();
    const qint64 sizeKb = QFileInfo(path).size() / 1024 + 192;
    const QString big =
        QStringLiteral(
            "cp '%1' '%2/r.sqlite' && '%3' import --register '%2/r.sqlite' --profile cms '%4'; code=$?; "
            "cp '%2'/r.sqlite* '%5/'; exit $code")
            .arg(path, small, test::cliPath(), tmp.filePath(QStringLiteral("x/cms.csv")), after);
    const Outcome r = run(test::dataPath(QStringLiteral("../tools/on-a-full-disk")),
                          {QString::number(sizeKb), small, QStringLiteral("--"), QStringLiteral("bash"),
                           QStringLiteral("-c"), big});
    EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("free some space"))) << r.err.toStdString();
    EXPECT_EQ(held(QDir(after).filePath(QStringLiteral("r.sqlite"))), before);
}

TEST(BadInput, AFullDiskFailsTheExportAndRecordsNothing)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("demo.sqlite"));
    const Outcome made = run(test::cliPath(), {QStringLiteral("demo-register"), QStringLiteral("--register"),
                                               path, QStringLiteral("--crimes"), QStringLiteral("3000")});
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    const Held before = held(path);
    // The folder for the files is a disk with room for one page: the spreadsheet cannot be written there.
    const QString out = tmp.filePath(QStringLiteral("out"));
    ASSERT_TRUE(QDir().mkpath(out));
    const QString script =
        QStringLiteral("'%1' export --register '%2' --request '%3' --organisation 'Example Constabulary' "
                       "--output '%4/FOI-20180207.xlsx' --response '%4/FOI-20180207-response.odt'; code=$?; "
                       "ls -A '%4' > '%5'; exit $code")
            .arg(test::cliPath(), path, data(QStringLiteral("requests/seed-20180207.json")), out,
                 tmp.filePath(QStringLiteral("left.txt")));
    const Outcome r = run(test::dataPath(QStringLiteral("../tools/on-a-full-disk")),
                          {QStringLiteral("4"), out, QStringLiteral("--"), QStringLiteral("bash"),
                           QStringLiteral("-c"), script});
    EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("FOI-20180207.xlsx: cannot write the file:")))
        << r.err.toStdString();
    // "the disk is full (0 KB free, ...)" on a full disk; "File too large (is the disk full?)" where only
    // the size of files could be limited (tests/tools/on-a-full-disk says which).
    EXPECT_TRUE(r.err.contains(QStringLiteral("the disk is full")) ||
                r.err.contains(QStringLiteral("is the disk full?")))
        << r.err.toStdString();
    EXPECT_EQ(test::readAll(tmp.filePath(QStringLiteral("left.txt"))), QByteArray())
        << "a file was left on the full disk";
    EXPECT_EQ(held(path), before) << "a release that was not written was recorded";
}

TEST(BadInput, AReadOnlyFolderIsNamedWithWhatToDo)
{
    QTemporaryDir tmp;
    // A new register where the account may not write.
    const QString locked = sharedFolder(tmp, QStringLiteral("locked"));
    makeReadOnly(locked);
    const QStringList add{
        QStringLiteral("request"), QStringLiteral("add"),        QStringLiteral("--reference"),
        QStringLiteral("A-1"),     QStringLiteral("--received"), QStringLiteral("2018-02-07"),
        QStringLiteral("--title"), QStringLiteral("x"),          QStringLiteral("--register")};
    Outcome r = runUnprivileged(add + QStringList{QDir(locked).filePath(QStringLiteral("r.sqlite"))});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("cannot create the register"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("choose a folder you can write to"))) << r.err.toStdString();

    // A register made by the account, in a folder it may no longer write to: not mistaken for a file
    // that is not a register.
    const QString desk = sharedFolder(tmp, QStringLiteral("desk"));
    const QString path = QDir(desk).filePath(QStringLiteral("r.sqlite"));
    ASSERT_EQ(runUnprivileged(add + QStringList{path}).exitCode, 0);
    makeReadOnly(desk);
    r = runUnprivileged({QStringLiteral("requests"), QStringLiteral("--register"), path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("the folder it is in cannot be written")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("give your account write access to the folder")))
        << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("not a FOI Tables register"))) << r.err.toStdString();

    // Files for a release, in a folder the account may not write to: nothing written, nothing recorded.
    QFile::setPermissions(desk, QFileDevice::Permissions(0x7777));
    const QString demo = QDir(desk).filePath(QStringLiteral("demo.sqlite"));
    ASSERT_EQ(runUnprivileged({QStringLiteral("demo-register"), QStringLiteral("--register"), demo,
                               QStringLiteral("--crimes"), QStringLiteral("2000")})
                  .exitCode,
              0);
    r = runUnprivileged({QStringLiteral("export"), QStringLiteral("--register"), demo,
                         QStringLiteral("--request"), data(QStringLiteral("requests/seed-20180207.json")),
                         QStringLiteral("--organisation"), QStringLiteral("Example Constabulary"),
                         QStringLiteral("--output"),
                         QDir(locked).filePath(QStringLiteral("FOI-20180207.xlsx"))});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("FOI-20180207.xlsx: cannot write the file:")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("choose a folder you can write to"))) << r.err.toStdString();
    EXPECT_TRUE(QDir(locked).isEmpty());
    EXPECT_EQ(held(demo).releases, 0);
}

} // namespace
