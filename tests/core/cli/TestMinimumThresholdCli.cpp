// The force's minimum threshold, set from the command line: shown, changed only with a reason that
// reaches the audit trail, and applied by tabulate to every later request.

#include "register/Register.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::test::runCli;

TEST(MinimumThresholdCli, IsShownSetWithAReasonAndApplied)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString reg = dir.filePath(QStringLiteral("r.sqlite"));
    auto made = runCli({QStringLiteral("demo-register"), QStringLiteral("--register"), reg,
                        QStringLiteral("--crimes"), QStringLiteral("300")});
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();

    auto shown = runCli({QStringLiteral("minimum-threshold"), QStringLiteral("--register"), reg});
    EXPECT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_TRUE(shown.out.startsWith(QStringLiteral("Minimum threshold: 3 "))) << shown.out.toStdString();

    // A change needs a reason, and a number.
    auto bare = runCli({QStringLiteral("minimum-threshold"), QStringLiteral("--register"), reg,
                        QStringLiteral("--set"), QStringLiteral("4")});
    EXPECT_NE(bare.exitCode, 0);
    EXPECT_TRUE(bare.err.contains(QStringLiteral("--set needs --reason"))) << bare.err.toStdString();
    auto word = runCli({QStringLiteral("minimum-threshold"), QStringLiteral("--register"), reg,
                        QStringLiteral("--set"), QStringLiteral("four"), QStringLiteral("--reason"),
                        QStringLiteral("x")});
    EXPECT_NE(word.exitCode, 0);
    EXPECT_TRUE(word.err.contains(QStringLiteral("'four'"))) << word.err.toStdString();

    auto set = runCli({QStringLiteral("minimum-threshold"), QStringLiteral("--register"), reg,
                       QStringLiteral("--set"), QStringLiteral("4"), QStringLiteral("--reason"),
                       QStringLiteral("Information rights board, December 2026")});
    EXPECT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_TRUE(set.out.startsWith(QStringLiteral("Minimum threshold: 4 "))) << set.out.toStdString();
    auto audit = runCli({QStringLiteral("audit"), QStringLiteral("--register"), reg});
    EXPECT_TRUE(audit.out.contains(
        QStringLiteral("Minimum threshold changed from 3 to 4: Information rights board, December 2026")))
        << audit.out.toStdString();

    // A request under the minimum fails its audit (exit 4), even with a reason.
    const QString request = dir.filePath(QStringLiteral("q.json"));
    QFile f(request);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"reference": "M1", "unit": "crimes", "tables": [{"title": "t", "rows": "offence_group"}],
                "protection": {"threshold": 3, "threshold_reason": "asked for"}})");
    f.close();
    auto refused = runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), reg,
                           QStringLiteral("--request"), request});
    EXPECT_EQ(refused.exitCode, 4) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("below the force's minimum of 4")))
        << refused.err.toStdString();
}
