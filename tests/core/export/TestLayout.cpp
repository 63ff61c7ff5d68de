// The release spreadsheets follow the Analysis Function's "Releasing statistics in spreadsheets": every
// layout rule of the guidance is checked by tests/tools/check_layout.py, which reads the exported XLSX
// (through openpyxl) and ODS (as its XML) the way a requester's program would, rule by rule. The checker's
// self-test plants a fault for each rule in a good workbook of each format and must catch every one, so a
// pass here means something.

#include "core/export/ExportFixtures.h"
#include "export/Exporter.h"
#include "export/ReleaseDocument.h"
#include "protect/Release.h"
#include "support/TestWorld.h"

#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;
using foi::test::childrenRelease;

namespace {

const QString kChecker = QStringLiteral(FOI_SOURCE_DIR "/tests/tools/check_layout.py");
const QString kOrganisation = QStringLiteral("Example Constabulary");

ExportSettings settings()
{
    return foi::test::exportSettings();
}

struct CheckerRun
{
    bool finished = false;
    int exitCode = -1;
    QString output; ///< stdout and stderr, for the failure message
};

/// Runs the layout checker with Debian's python3 (which has python3-openpyxl).
CheckerRun runChecker(const QStringList &arguments)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"), QStringList{kChecker} + arguments);
    CheckerRun run;
    run.finished = python.waitForFinished(180000);
    run.exitCode = python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1;
    run.output = QString::fromUtf8(python.readAll());
    return run;
}

/// Exports the release to path and checks its layout, naming the organisation the author must be.
void expectEveryRulePasses(const QString &path)
{
    Result<QVector<ExportedFile>> files = exportRelease(childrenRelease(), settings(), path, {});
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    ASSERT_EQ(files->size(), 1);
    const CheckerRun run = runChecker({path, QStringLiteral("--organisation"), kOrganisation});
    ASSERT_TRUE(run.finished) << "check_layout.py did not finish";
    EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    // A line per rule, the organisation checked too.
    EXPECT_EQ(run.output.count(QStringLiteral("PASS ")), 20) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains(QStringLiteral("PASS properties-organisation:")))
        << run.output.toStdString();
}

} // namespace

// The checker can fail: it catches a fault planted for each rule, in an XLSX and in an ODS, and only on
// that rule, while the good workbooks pass.
TEST(Layout, TheCheckerCatchesAFaultPlantedForEachRule)
{
    const CheckerRun run = runChecker({QStringLiteral("--self-test")});
    ASSERT_TRUE(run.finished) << "check_layout.py --self-test did not finish";
    EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains(QStringLiteral("every planted fault caught")))
        << run.output.toStdString();
}

TEST(Layout, TheXlsxFollowsEveryRule)
{
    QTemporaryDir tmp;
    expectEveryRulePasses(tmp.filePath(QStringLiteral("FOI-2026-0042.xlsx")));
}

TEST(Layout, TheOdsFollowsEveryRule)
{
    QTemporaryDir tmp;
    expectEveryRulePasses(tmp.filePath(QStringLiteral("FOI-2026-0042.ods")));
}

// Another organisation than the one that published the file is refused: the checker does look at the
// author.
TEST(Layout, TheCheckerRefusesAnotherOrganisationAsTheAuthor)
{
    QTemporaryDir tmp;
    for (const char *suffix : {"xlsx", "ods"}) {
        const QString path = tmp.filePath(QStringLiteral("release.%1").arg(QLatin1String(suffix)));
        ASSERT_TRUE(exportRelease(childrenRelease(), settings(), path, {}).ok()) << suffix;
        const CheckerRun run =
            runChecker({path, QStringLiteral("--organisation"), QStringLiteral("Other Police")});
        ASSERT_TRUE(run.finished) << suffix;
        EXPECT_NE(run.exitCode, 0) << suffix << ": " << run.output.toStdString();
        EXPECT_TRUE(run.output.contains(QStringLiteral("FAIL properties-organisation:")))
            << suffix << ": " << run.output.toStdString();
    }
}
