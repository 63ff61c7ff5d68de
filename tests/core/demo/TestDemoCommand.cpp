#include "cli/CliApp.h"
#include "cli/DemoCommand.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

namespace {

struct CommandRun
{
    int status = -1;
    QString out;
    QString err;
};

CommandRun demo(const QStringList &args)
{
    CommandRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.status = foi::cli::demoCommand(args, out, err);
    out.flush();
    err.flush();
    return run;
}

} // namespace

TEST(DemoCommand, WritesTheFilesAndListsThem)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("set"));
    const CommandRun run =
        demo({QStringLiteral("--out"), out, QStringLiteral("--crimes"), QStringLiteral("300"),
              QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--xlsx")});
    ASSERT_EQ(run.status, 0) << run.err.toStdString();
    const QStringList listed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(listed.size(), 5);
    for (const QString &name :
         {QStringLiteral("cms.csv"), QStringLiteral("connect.csv"), QStringLiteral("connect.xlsx"),
          QStringLiteral("ground-truth.json"), QStringLiteral("ground-truth-links.csv")}) {
        const QString path = QDir::toNativeSeparators(QDir(out).filePath(name));
        EXPECT_TRUE(listed.contains(path)) << name.toStdString();
        EXPECT_TRUE(QFile::exists(path)) << name.toStdString();
    }
    const QJsonObject truth =
        QJsonDocument::fromJson(foi::test::readAll(QDir(out).filePath(QStringLiteral("ground-truth.json"))))
            .object();
    const QJsonObject generator = truth.value(QStringLiteral("generator")).toObject();
    EXPECT_EQ(generator.value(QStringLiteral("crimes")).toInt(), 300);
    EXPECT_EQ(generator.value(QStringLiteral("seed")).toInt(), 9);
}

TEST(DemoCommand, RunsThroughTheCliDispatcher)
{
    QTemporaryDir dir;
    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    const int status = foi::cli::run({QStringLiteral("foi-tables-cli"), QStringLiteral("demo"),
                                      QStringLiteral("--out=") + dir.path(), QStringLiteral("--crimes=200"),
                                      QStringLiteral("--no-bad-rows")},
                                     outStream, errStream, false);
    outStream.flush();
    errStream.flush();
    ASSERT_EQ(status, 0) << err.toStdString();
    const QJsonObject truth =
        QJsonDocument::fromJson(foi::test::readAll(dir.filePath(QStringLiteral("ground-truth.json"))))
            .object();
    EXPECT_EQ(truth.value(QStringLiteral("rejected_rows")).toInt(-1), 0);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("connect.xlsx"))));
}

TEST(DemoCommand, RunsAsAProgram)
{
    QTemporaryDir dir;
    const foi::test::CliRun run =
        foi::test::runCli({QStringLiteral("demo"), QStringLiteral("--out"), dir.path(),
                           QStringLiteral("--crimes"), QStringLiteral("100")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("cms.csv")));
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("ground-truth-links.csv"))));
}

TEST(DemoCommand, NamesTheBadOption)
{
    QTemporaryDir dir;
    const struct
    {
        QStringList args;
        const char *named;
    } cases[] = {
        {{QStringLiteral("--crimes"), QStringLiteral("10")}, "--out"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--crimes"), QStringLiteral("lots")},
         "--crimes"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--crimes"), QStringLiteral("0")}, "--crimes"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--crimes")}, "--crimes"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--seed"), QStringLiteral("-1")}, "--seed"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--colour")}, "--colour"},
        {{QStringLiteral("--out"), dir.path(), QStringLiteral("--xlsx=yes")}, "--xlsx"},
        {{QStringLiteral("--out")}, "--out"},
    };
    for (const auto &c : cases) {
        const CommandRun run = demo(c.args);
        EXPECT_EQ(run.status, 1) << c.args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(run.err.contains(QLatin1String(c.named))) << run.err.toStdString();
        EXPECT_TRUE(run.err.contains(QStringLiteral("usage:"))) << run.err.toStdString();
    }
    EXPECT_TRUE(QDir(dir.path()).isEmpty()) << "nothing is written on a usage error";
}

TEST(DemoCommand, PrintsHelp)
{
    const CommandRun run = demo({QStringLiteral("--help")});
    EXPECT_EQ(run.status, 0);
    EXPECT_TRUE(run.out.contains(QStringLiteral("--no-bad-rows")));
}
