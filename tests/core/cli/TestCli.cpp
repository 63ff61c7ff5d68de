#include "support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::test::runCli;

namespace {

QString caseFile(const QString &c, const QString &f)
{
    return foi::test::dataPath(QStringLiteral("cases/%1/%2").arg(c, f));
}

} // namespace

TEST(Cli, PrintsVersionAndHelp)
{
    auto v = runCli({QStringLiteral("--version")});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_TRUE(v.out.startsWith(QStringLiteral("foi-tables-cli "))) << v.out.toStdString();
    auto h = runCli({QStringLiteral("--help")});
    EXPECT_EQ(h.exitCode, 0);
    EXPECT_TRUE(h.out.contains(QStringLiteral("merge-report")));
    auto none = runCli({});
    EXPECT_EQ(none.exitCode, 1);
    auto unknown = runCli({QStringLiteral("frobnicate")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
}

TEST(Cli, ImportNeedsAProfileAndFiles)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    auto noProfile =
        runCli({QStringLiteral("import"), QStringLiteral("--register"), reg, QStringLiteral("x.csv")});
    EXPECT_EQ(noProfile.exitCode, 1);
    EXPECT_TRUE(noProfile.err.contains(QStringLiteral("--profile"))) << noProfile.err.toStdString();
    auto noFiles = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                           QStringLiteral("--profile"), QStringLiteral("cms")});
    EXPECT_EQ(noFiles.exitCode, 1);
    auto badOption = runCli({QStringLiteral("import"), QStringLiteral("--colour")});
    EXPECT_EQ(badOption.exitCode, 1);
    EXPECT_TRUE(badOption.err.contains(QStringLiteral("colour"))) << badOption.err.toStdString();
}

TEST(Cli, ImportThenReportThenRefuseAgain)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    // One row of this extract is wrong: it is imported, and the exit status says not everything was.
    auto first = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                         QStringLiteral("--profile"), QStringLiteral("cms"),
                         caseFile(QStringLiteral("cms-reader-traps"), QStringLiteral("cms.csv"))});
    EXPECT_EQ(first.exitCode, 3) << first.err.toStdString();
    EXPECT_TRUE(first.out.contains(QStringLiteral("4 rows read, 3 kept, 1 rejected")))
        << first.out.toStdString();
    EXPECT_TRUE(first.err.contains(QStringLiteral("1 rows were rejected"))) << first.err.toStdString();

    auto json = runCli({QStringLiteral("merge-report"), QStringLiteral("--register"), reg,
                        QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(report.value(QStringLiteral("rejected_rows")).toInt(), 1);
    EXPECT_EQ(report.value(QStringLiteral("migrated_crimes")).toInt(), 0);
    const QJsonObject cms =
        report.value(QStringLiteral("systems")).toObject().value(QStringLiteral("cms")).toObject();
    EXPECT_EQ(cms.value(QStringLiteral("rows")).toInt(), 3);
    EXPECT_EQ(cms.value(QStringLiteral("crimes")).toInt(), 2);
    EXPECT_EQ(cms.value(QStringLiteral("persons")).toInt(), 3);

    auto text = runCli({QStringLiteral("merge-report"), QStringLiteral("--register"), reg});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral("Rejected rows: 1"))) << text.out.toStdString();
    EXPECT_TRUE(
        text.out.contains(QStringLiteral("cms.csv, line 8, field HO_CLASS: unknown Home Office offence class "
                                         "'999Z'")))
        << text.out.toStdString();

    auto again = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                         QStringLiteral("--profile"), QStringLiteral("cms"),
                         caseFile(QStringLiteral("cms-reader-traps"), QStringLiteral("cms.csv"))});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_TRUE(again.err.contains(QStringLiteral("imported already"))) << again.err.toStdString();
}

TEST(Cli, ACleanImportExitsZero)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    auto cms = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                       QStringLiteral("--profile"), QStringLiteral("cms"),
                       caseFile(QStringLiteral("migrated-crime"), QStringLiteral("cms.csv"))});
    EXPECT_EQ(cms.exitCode, 0) << cms.err.toStdString();
    auto connect = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                           QStringLiteral("--profile"), QStringLiteral("connect"),
                           caseFile(QStringLiteral("migrated-crime"), QStringLiteral("connect.csv"))});
    EXPECT_EQ(connect.exitCode, 0) << connect.err.toStdString();
    EXPECT_TRUE(connect.out.contains(QStringLiteral("1 migrated crimes counted once")))
        << connect.out.toStdString();
}

TEST(Cli, ImportWithoutMergeLeavesTheMergeToTheMergeCommand)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    for (const QString &system : {QStringLiteral("cms"), QStringLiteral("connect")}) {
        auto run = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                           QStringLiteral("--profile"), system, QStringLiteral("--no-merge"),
                           caseFile(QStringLiteral("migrated-crime"), system + QStringLiteral(".csv"))});
        EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
        EXPECT_TRUE(run.out.contains(QStringLiteral("not merged yet"))) << run.out.toStdString();
    }
    const QString request = foi::test::dataPath(QStringLiteral("requests/seed-20180207.json"));
    const QStringList tabulate{QStringLiteral("tabulate"), QStringLiteral("--register"), reg,
                               QStringLiteral("--request"), request};
    auto early = runCli(tabulate);
    EXPECT_NE(early.exitCode, 0);
    EXPECT_TRUE(early.err.contains(QStringLiteral("merge it first"))) << early.err.toStdString();
    auto merged = runCli({QStringLiteral("merge"), QStringLiteral("--register"), reg});
    EXPECT_EQ(merged.exitCode, 0) << merged.err.toStdString();
    auto later = runCli(tabulate);
    EXPECT_EQ(later.exitCode, 0) << later.err.toStdString();
}

TEST(Cli, FailuresNameFileLineAndField)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    auto r = runCli({QStringLiteral("import"), QStringLiteral("--register"), reg, QStringLiteral("--profile"),
                     QStringLiteral("connect"),
                     caseFile(QStringLiteral("missing-column"), QStringLiteral("connect.csv"))});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("foi-tables-cli: connect.csv, line 1, field DateOfBirth: ")))
        << r.err.toStdString();
    EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1) << "one message: " << r.err.toStdString();

    auto missing =
        runCli({QStringLiteral("import"), QStringLiteral("--register"), reg, QStringLiteral("--profile"),
                QStringLiteral("cms"), tmp.filePath(QStringLiteral("nope.csv"))});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("nope.csv"))) << missing.err.toStdString();

    auto noRegister = runCli({QStringLiteral("merge-report"), QStringLiteral("--register"),
                              tmp.filePath(QStringLiteral("none.sqlite"))});
    EXPECT_EQ(noRegister.exitCode, 2);
    EXPECT_TRUE(noRegister.err.contains(QStringLiteral("no register"))) << noRegister.err.toStdString();
}

TEST(Cli, ShowsProgressWhenAsked)
{
    QTemporaryDir tmp;
    auto r = runCli({QStringLiteral("import"), QStringLiteral("--register"),
                     tmp.filePath(QStringLiteral("r.sqlite")), QStringLiteral("--profile"),
                     QStringLiteral("cms"), QStringLiteral("--progress"),
                     caseFile(QStringLiteral("migrated-crime"), QStringLiteral("cms.csv"))});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("importing cms.csv (1 of 1)"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("merging"))) << r.err.toStdString();
    // A line when something changes, never the same line twice in a row.
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i)
        EXPECT_NE(lines[i], lines[i - 1]) << r.err.toStdString();
}

TEST(Cli, ChecksAndListsProfiles)
{
    auto list = runCli({QStringLiteral("profiles")});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains(QStringLiteral("cms\t")));
    EXPECT_TRUE(list.out.contains(QStringLiteral("connect\t")));
    auto good = runCli({QStringLiteral("check-profile"),
                        QStringLiteral(FOI_SOURCE_DIR "/docs/profiles/police-uk-street.json")});
    EXPECT_EQ(good.exitCode, 0) << good.err.toStdString();
    EXPECT_TRUE(good.out.contains(QStringLiteral("is valid")));
    auto bad = runCli({QStringLiteral("check-profile"),
                       foi::test::dataPath(QStringLiteral("profiles/bad/footer-typo.json"))});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("field file.footr: unknown key 'footr'")))
        << bad.err.toStdString();
}

TEST(Cli, AnOptionGivenTwiceIsRefusedNotSilentlyOverridden)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    const QString request = foi::test::dataPath(QStringLiteral("requests/seed-20180207.json"));
    const struct
    {
        QStringList args;
        const char *named;
    } twice[] = {
        {{QStringLiteral("tabulate"), QStringLiteral("--register"), reg, QStringLiteral("--request"), request,
          QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--format"),
          QStringLiteral("csv")},
         "--format is given 2 times"},
        {{QStringLiteral("export"), QStringLiteral("--register"), reg, QStringLiteral("--request"), request,
          QStringLiteral("--output"), tmp.filePath(QStringLiteral("a.xlsx")), QStringLiteral("--response"),
          tmp.filePath(QStringLiteral("a.docx")), QStringLiteral("--response"),
          tmp.filePath(QStringLiteral("b.txt"))},
         "--response is given 2 times"},
        {{QStringLiteral("import"), QStringLiteral("--register"), reg, QStringLiteral("--register"),
          tmp.filePath(QStringLiteral("other.sqlite")), QStringLiteral("--profile"), QStringLiteral("cms"),
          QStringLiteral("x.csv")},
         "--register is given 2 times"},
        {{QStringLiteral("deadline"), QStringLiteral("--received"), QStringLiteral("2018-02-07"),
          QStringLiteral("--received"), QStringLiteral("2018-02-08")},
         "--received is given 2 times"},
    };
    for (const auto &t : twice) {
        auto run = runCli(t.args);
        EXPECT_EQ(run.exitCode, 1) << t.named << ": " << run.err.toStdString();
        EXPECT_TRUE(run.err.contains(QString::fromLatin1(t.named))) << run.err.toStdString();
    }
    EXPECT_FALSE(QFile::exists(reg)) << "a refused command made the register";
    EXPECT_FALSE(QFile::exists(tmp.filePath(QStringLiteral("a.xlsx"))));

    // What may be given again still may: a spreadsheet per format, a clarification per round.
    auto rounds =
        runCli({QStringLiteral("deadline"), QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-08"),
                QStringLiteral("--clarification-received"), QStringLiteral("2018-02-12"),
                QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-14"),
                QStringLiteral("--clarification-received"), QStringLiteral("2018-02-15")});
    EXPECT_EQ(rounds.exitCode, 0) << rounds.err.toStdString();
}
