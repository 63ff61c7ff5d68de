// The first run: with no register given, none in the preferences and no demo register yet, the window
// offers the demo register (labelled as made-up data), a register file or a team register, and Getting
// started walks through the seed's request.
#include "FirstRunDialog.h"
#include "MainWindow.h"
#include "WizardDriver.h"
#include "common/Application.h"
#include "register/OpenRegisterDialog.h"
#include "requests/RequestsModel.h"
#include "support/TestSupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A home of the test's own: no demo register, no register in the preferences.
class FirstRun : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_home = qgetenv("HOME");
        qputenv("HOME", m_tmp.path().toLocal8Bit());
        ASSERT_TRUE(application::demoRegisterPath().startsWith(m_tmp.path()));
        ASSERT_FALSE(QFile::exists(application::demoRegisterPath()));
        m_window.setPreferences(ui::Preferences{});
        m_window.setErrorHandler([this](const QString &title, const QString &message) {
            m_errors << title + QStringLiteral(": ") + message;
        });
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    }
    void TearDown() override
    {
        qputenv("HOME", m_home);
        m_kept.save();
    }

    /// The first-run dialog on the window, once it is shown.
    ui::FirstRunDialog *firstRun()
    {
        ui::FirstRunDialog *found = nullptr;
        for (ui::FirstRunDialog *d : m_window.findChildren<ui::FirstRunDialog *>()) {
            if (d->isVisible())
                found = d;
        }
        return found;
    }
    ui::OpenRegisterDialog *openDialog()
    {
        for (ui::OpenRegisterDialog *d : m_window.findChildren<ui::OpenRegisterDialog *>()) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }

    QTemporaryDir m_tmp;
    QByteArray m_home;
    ui::Preferences m_kept = ui::Preferences::load();
    ui::MainWindow m_window;
    QStringList m_errors;
};

} // namespace

TEST_F(FirstRun, OffersTheDemoRegisterAFileOrATeamServerAndGettingStarted)
{
    ASSERT_TRUE(m_window.openAtStart(QString(), 800).ok());
    ui::FirstRunDialog *welcome = firstRun();
    ASSERT_NE(welcome, nullptr) << "no first-run dialog";
    EXPECT_EQ(m_window.currentRegister(), nullptr);
    EXPECT_TRUE(welcome->demoButton()->isDefault());
    EXPECT_TRUE(welcome->demoButton()->description().contains(QStringLiteral("Made-up")));
    EXPECT_FALSE(welcome->fileButton()->text().isEmpty());
    EXPECT_TRUE(welcome->teamButton()->text().contains(QStringLiteral("team register")));
    // The officer's name is asked here, proposed from the account's full name.
    EXPECT_EQ(welcome->officerEdit()->text(), application::accountFullName());
    welcome->officerEdit()->selectAll();
    QTest::keyClicks(welcome->officerEdit(), QStringLiteral("Jane Smith"));
    test::saveScreenshot(welcome, QStringLiteral("first-run"));

    // Getting started walks through the seed's request, page by page.
    QTest::mouseClick(welcome->gettingStartedButton(), Qt::LeftButton);
    ui::GettingStartedDialog *guide = m_window.findChild<ui::GettingStartedDialog *>();
    ASSERT_NE(guide, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(guide));
    const QString text = guide->findChild<QTextBrowser *>()->toPlainText();
    for (const char *step : {"20180207", "New request", "The data", "What to count", "Tables and protection",
                             "Preview", "Export",
                             // the outcome as the Criteria page lists it
                             "11 — Prosecution prevented - suspect under age"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(step))) << step;
    test::saveScreenshot(guide, QStringLiteral("getting-started"));
    const QStringList heard = test::accessibilityProblems(guide) + test::accessibilityProblems(welcome);
    EXPECT_TRUE(heard.isEmpty()) << heard.join(QLatin1Char('\n')).toStdString();
    guide->close();

    // The demo register, made and opened, labelled as made-up data.
    QSignalSpy ready(&m_window, &ui::MainWindow::demoRegisterReady);
    QTest::mouseClick(welcome->demoButton(), Qt::LeftButton);
    ASSERT_TRUE(ready.count() > 0 || ready.wait(300000));
    EXPECT_TRUE(ready.first().first().toBool()) << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(firstRun(), nullptr);
    EXPECT_TRUE(m_window.overview().isDemo);
    EXPECT_TRUE(m_window.bannerLabel()->isVisible());
    EXPECT_TRUE(m_window.locationLabel()->text().contains(QStringLiteral("made-up data")));
    // Kept in the settings: what is recorded from now on names the officer, not "unknown".
    EXPECT_EQ(m_window.preferences().officer, QStringLiteral("Jane Smith"));
    EXPECT_EQ(ui::Preferences::load().officer, QStringLiteral("Jane Smith"));

    // The next start opens the demo register without asking.
    ui::MainWindow next;
    next.setPreferences(ui::Preferences{});
    QSignalSpy nextReady(&next, &ui::MainWindow::demoRegisterReady);
    ASSERT_TRUE(next.openAtStart(QString(), 800).ok());
    EXPECT_TRUE(nextReady.count() > 0 || nextReady.wait(60000));
    EXPECT_TRUE(next.overview().isDemo);
    EXPECT_TRUE(next.findChildren<ui::FirstRunDialog *>().isEmpty());
}

TEST_F(FirstRun, ACancelledChoiceComesBackAndAFileOpensAndIsKept)
{
    const QString path = m_tmp.filePath(QStringLiteral("force.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        ASSERT_TRUE(reg.ok());
        ASSERT_TRUE(
            (*reg)
                ->addRequest(test::foiRequest("FORCE-1", QDate(2018, 2, 7)), QStringLiteral("A. Officer"))
                .ok());
    }
    m_window.setFileChooser([&](const QString &, const QString &, const QString &, bool) { return path; });
    ASSERT_TRUE(m_window.openAtStart(QString(), 800).ok());
    ASSERT_NE(firstRun(), nullptr);

    // A team register, then cancelled: back to the choice.
    QTest::mouseClick(firstRun()->teamButton(), Qt::LeftButton);
    ui::OpenRegisterDialog *open = openDialog();
    ASSERT_NE(open, nullptr);
    EXPECT_TRUE(open->serverChoice()->isChecked());
    EXPECT_TRUE(open->atStartBox()->isChecked());
    open->buttons()->button(QDialogButtonBox::Cancel)->click();
    ASSERT_NE(firstRun(), nullptr) << "cancelling the team register did not come back to the choice";

    // A file: opened, and kept as the register at start.
    QTest::mouseClick(firstRun()->fileButton(), Qt::LeftButton);
    open = openDialog();
    ASSERT_NE(open, nullptr);
    EXPECT_TRUE(open->fileChoice()->isChecked());
    QTest::mouseClick(open->browseButton(), Qt::LeftButton);
    ASSERT_TRUE(open->buttons()->button(QDialogButtonBox::Open)->isEnabled());
    QTest::mouseClick(open->buttons()->button(QDialogButtonBox::Open), Qt::LeftButton);
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(firstRun(), nullptr);
    EXPECT_EQ(m_window.overview().location, path);
    EXPECT_FALSE(m_window.overview().isDemo);
    EXPECT_EQ(m_window.requestsModel()->rowCount(), 1);
    EXPECT_EQ(ui::Preferences::load().registerPath, path);
    EXPECT_FALSE(QFile::exists(application::demoRegisterPath())) << "the demo register was made unasked";
}

TEST_F(FirstRun, QuitClosesTheWindowWithNothingMade)
{
    ASSERT_TRUE(m_window.openAtStart(QString(), 800).ok());
    ui::FirstRunDialog *welcome = firstRun();
    ASSERT_NE(welcome, nullptr);
    welcome->reject();
    EXPECT_FALSE(m_window.isVisible());
    EXPECT_FALSE(QFile::exists(application::demoRegisterPath()));
}
