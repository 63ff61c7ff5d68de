#include "MainWindow.h"
#include "common/Application.h"
#include "import/Importer.h"
#include "register/RegisterModels.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace foi;

namespace {

QString importCase(const QTemporaryDir &tmp, const QString &caseName)
{
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    EXPECT_TRUE(reg.ok());
    const QString dir = test::dataPath(QStringLiteral("cases/") + caseName);
    Result<ImportSummary> r = Importer::run(
        **reg,
        {ImportItem{*SourceProfile::load(QStringLiteral("cms")), dir + QStringLiteral("/cms.csv")},
         ImportItem{*SourceProfile::load(QStringLiteral("connect")), dir + QStringLiteral("/connect.csv")}});
    EXPECT_TRUE(r.ok()) << r.error().toString().toStdString();
    return path;
}

QString cell(QAbstractItemModel *m, int row, int column)
{
    return m->data(m->index(row, column)).toString();
}

} // namespace

TEST(MainWindow, ShowsWhatTheRegisterHolds)
{
    QTemporaryDir tmp;
    const QString path = importCase(tmp, QStringLiteral("migrated-crime"));
    ui::MainWindow w;
    QAbstractItemModelTester t1(w.systemsModel()), t2(w.importsModel()), t3(w.issuesModel()),
        t4(w.rejectsModel());
    ASSERT_TRUE(w.openRegister(path).ok());
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));

    ui::SystemsModel *systems = w.systemsModel();
    ASSERT_EQ(systems->rowCount(), 2);
    EXPECT_EQ(cell(systems, 0, ui::SystemsModel::System), QStringLiteral("cms"));
    EXPECT_EQ(cell(systems, 0, ui::SystemsModel::Role), QStringLiteral("legacy"));
    EXPECT_EQ(cell(systems, 0, ui::SystemsModel::Rows), QStringLiteral("3"));
    EXPECT_EQ(cell(systems, 0, ui::SystemsModel::Crimes), QStringLiteral("2"));
    EXPECT_EQ(cell(systems, 1, ui::SystemsModel::System), QStringLiteral("connect"));
    EXPECT_EQ(w.importsModel()->rowCount(), 2);
    EXPECT_EQ(cell(w.importsModel(), 1, ui::ImportsModel::File), QStringLiteral("connect.csv"));
    EXPECT_EQ(w.issuesModel()->rowCount(), 2); // the offence class and the child's age were corrected
    EXPECT_EQ(cell(w.issuesModel(), 0, ui::IssuesModel::Kind), QStringLiteral("The two copies disagree"));
    EXPECT_EQ(w.rejectsModel()->rowCount(), 0);

    const QString summary = w.summaryLabel()->text();
    EXPECT_TRUE(summary.contains(QStringLiteral("3 crimes"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("1 found in both systems and counted once")))
        << summary.toStdString();
    EXPECT_FALSE(w.bannerLabel()->isVisible());
    EXPECT_TRUE(w.windowTitle().contains(path));
}

TEST(MainWindow, LoadsTheCountsOffTheGuiThreadOnceTheRegisterIsOpen)
{
    QTemporaryDir tmp;
    const QString path = importCase(tmp, QStringLiteral("migrated-crime"));
    ui::MainWindow w;
    QSignalSpy ready(&w, &ui::MainWindow::frameReady);
    ASSERT_TRUE(w.openRegister(path).ok());
    EXPECT_FALSE(w.frame()); // not yet: the window is usable while the counts load
    ASSERT_TRUE(ready.wait(60000));
    ASSERT_TRUE(ready.first().first().toBool());
    ASSERT_TRUE(w.frame());
    EXPECT_EQ(w.frame()->crimeCount(), w.overview().report.crimes);
    EXPECT_EQ(w.frame()->linkCount(), w.overview().report.links);
}

TEST(MainWindow, ARegisterThatCannotBeOpenedLeavesTheWindowAsItWas)
{
    QTemporaryDir tmp;
    const QString good = importCase(tmp, QStringLiteral("migrated-crime"));
    ui::MainWindow w;
    ASSERT_TRUE(w.openRegister(good).ok());
    const QString bad = tmp.filePath(QStringLiteral("bad.sqlite"));
    test::writeAll(bad, QByteArray("not a database").repeated(200));
    const Status s = w.openRegister(bad);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.error().message.contains(QStringLiteral("not a FOI Tables register")));
    EXPECT_EQ(w.overview().location, good);
    EXPECT_EQ(w.systemsModel()->rowCount(), 2);
}

TEST(MainWindow, MakesAndOpensTheDemoRegisterOnFirstRun)
{
    const QString path = application::demoRegisterPath();
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    ui::MainWindow w;
    QStringList errors;
    w.setErrorHandler([&](const QString &title, const QString &message) {
        errors << title + QStringLiteral(": ") + message;
    });
    w.show();
    QSignalSpy ready(&w, &ui::MainWindow::demoRegisterReady);
    w.openDemoRegister(800);
    ASSERT_TRUE(ready.wait(300000));
    ASSERT_TRUE(ready.first().first().toBool()) << errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(QFile::exists(path));
    EXPECT_TRUE(w.overview().isDemo);
    EXPECT_TRUE(w.bannerLabel()->isVisible());
    EXPECT_TRUE(w.bannerLabel()->text().contains(QStringLiteral("made up")));
    EXPECT_EQ(w.systemsModel()->rowCount(), 2);
    EXPECT_GT(w.rejectsModel()->rowCount(), 0); // the demo extracts carry rows to reject, on purpose

    // The second time, it opens what is there.
    ui::MainWindow again;
    QSignalSpy readyAgain(&again, &ui::MainWindow::demoRegisterReady);
    again.openDemoRegister(800);
    ASSERT_EQ(readyAgain.count(), 1);
    EXPECT_TRUE(readyAgain.first().first().toBool());
    EXPECT_EQ(again.overview().imports.size(), 2);
    QFile::remove(path);
}
