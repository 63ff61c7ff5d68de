// Opening a register from the window: a file, or a team register on a PostgreSQL server, chosen in the
// Open register dialog (which never takes a password), the server's password asked for when it wants one
// and kept in memory only; and the register the preferences name, opened at start. The server tests run
// under tests/tools/pg-test-server (ctest's UiOnPostgreSQL).
#include "MainWindow.h"
#include "Preferences.h"
#include "WizardDriver.h"
#include "common/Application.h"
#include "register/OpenRegisterDialog.h"
#include "requests/RequestsModel.h"
#include "support/TestSupport.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A register holding one request, at the location given.
void makeRegister(const QString &location, const char *reference)
{
    Result<std::unique_ptr<Register>> reg = Register::open(location);
    ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    ASSERT_TRUE((*reg)
                    ->addRequest(test::foiRequest(reference, QDate(2018, 2, 7)), QStringLiteral("A. Officer"))
                    .ok());
}

QPushButton *openButton(ui::OpenRegisterDialog *d)
{
    return d->buttons()->button(QDialogButtonBox::Open);
}

/// Clicks a radio button or check box on its indicator, as the officer would (its middle may be past its
/// text in a wide dialog).
void clickChoice(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

/// Every key and value the application keeps in its settings, as text.
QString allSettings()
{
    QSettings s;
    QString out;
    for (const QString &key : s.allKeys())
        out += key + QLatin1Char('=') + s.value(key).toString() + QLatin1Char('\n');
    return out;
}

} // namespace

TEST(OpenRegister, TheDialogSaysWhatToFixBeforeOpenIsEnabled)
{
    QTemporaryDir tmp;
    ui::OpenRegisterDialog d(QString(),
                             [&](const QString &) { return tmp.filePath(QStringLiteral("chosen.sqlite")); });
    d.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&d));
    EXPECT_TRUE(d.fileChoice()->isChecked());
    EXPECT_FALSE(openButton(&d)->isEnabled());
    EXPECT_EQ(d.addressLabel()->text(), QStringLiteral("Choose the register file."));

    // Browse fills the file; a file that is not there is named.
    QTest::mouseClick(d.browseButton(), Qt::LeftButton);
    EXPECT_TRUE(d.addressLabel()->text().startsWith(QStringLiteral("There is no file")))
        << d.addressLabel()->text().toStdString();
    EXPECT_FALSE(openButton(&d)->isEnabled());
    test::writeAll(tmp.filePath(QStringLiteral("chosen.sqlite")), QByteArray());
    QTest::mouseClick(d.browseButton(), Qt::LeftButton); // chosen again, now that it is there
    EXPECT_TRUE(openButton(&d)->isEnabled());
    EXPECT_EQ(d.location(), tmp.filePath(QStringLiteral("chosen.sqlite")));

    // A team register: each field named until the address can be tried.
    clickChoice(d.serverChoice());
    ASSERT_TRUE(d.serverChoice()->isChecked());
    EXPECT_FALSE(d.fileEdit()->isEnabled());
    EXPECT_TRUE(d.hostEdit()->isEnabled());
    EXPECT_EQ(d.addressLabel()->text(), QStringLiteral("Give the server's name."));
    QTest::keyClicks(d.hostEdit(), QStringLiteral("foi-db.force.local"));
    EXPECT_EQ(d.addressLabel()->text(), QStringLiteral("Give the database's name."));
    QTest::keyClicks(d.databaseEdit(), QStringLiteral("foi/register"));
    EXPECT_TRUE(d.addressLabel()->text().contains(QStringLiteral("name the database")))
        << d.addressLabel()->text().toStdString();
    EXPECT_FALSE(openButton(&d)->isEnabled());
    d.databaseEdit()->clear();
    QTest::keyClicks(d.databaseEdit(), QStringLiteral("foi_register"));
    d.userEdit()->clear();
    EXPECT_EQ(d.addressLabel()->text(), QStringLiteral("Give your user name on the server."));
    QTest::keyClicks(d.userEdit(), QStringLiteral("jsmith"));
    d.protectionBox()->setCurrentIndex(0);
    EXPECT_TRUE(openButton(&d)->isEnabled());
    EXPECT_EQ(d.location(),
              QStringLiteral("postgresql://jsmith@foi-db.force.local:5432/foi_register?sslmode=verify-full"));
    EXPECT_TRUE(d.addressLabel()->text().contains(d.location()));
    test::saveScreenshot(&d, QStringLiteral("open-team-register"));

    // Opened again on that address, it starts from it.
    ui::OpenRegisterDialog again(d.location(), [](const QString &) { return QString(); });
    EXPECT_TRUE(again.serverChoice()->isChecked());
    EXPECT_EQ(again.hostEdit()->text(), QStringLiteral("foi-db.force.local"));
    EXPECT_EQ(again.databaseEdit()->text(), QStringLiteral("foi_register"));
    EXPECT_EQ(again.userEdit()->text(), QStringLiteral("jsmith"));
    EXPECT_EQ(again.portBox()->value(), 5432);
    EXPECT_EQ(again.protectionBox()->currentIndex(), 0);
    EXPECT_EQ(again.location(), d.location());
}

TEST(OpenRegister, AFileChosenInTheDialogOpensAndCanBeKeptForTheNextStart)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("desk.sqlite"));
    makeRegister(path, "FILE-1");
    ui::MainWindow w;
    ui::Preferences kept = w.preferences();
    const auto restore = qScopeGuard([&] { kept.save(); });
    QStringList errors;
    w.setErrorHandler([&](const QString &title, const QString &message) {
        errors << title + QStringLiteral(": ") + message;
    });
    w.setFileChooser([&](const QString &, const QString &, const QString &, bool) { return path; });
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));

    ui::OpenRegisterDialog *d = w.chooseRegister();
    ASSERT_NE(d, nullptr);
    clickChoice(d->fileChoice());
    QTest::mouseClick(d->browseButton(), Qt::LeftButton);
    clickChoice(d->atStartBox());
    ASSERT_TRUE(openButton(d)->isEnabled()) << d->addressLabel()->text().toStdString();
    QTest::mouseClick(openButton(d), Qt::LeftButton);
    EXPECT_TRUE(errors.isEmpty()) << errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(w.overview().location, path);
    EXPECT_EQ(w.requestsModel()->rowCount(), 1);
    EXPECT_EQ(w.preferences().registerPath, path);
    EXPECT_EQ(ui::Preferences::load().registerPath, path);

    // The next start opens it.
    ui::MainWindow next;
    ASSERT_TRUE(next.openAtStart().ok());
    EXPECT_EQ(next.overview().location, path);
    EXPECT_FALSE(next.overview().isDemo);
}

TEST(OpenRegister, APreferredRegisterThatIsGoneIsNamedAndTheDemoOpensInstead)
{
    QTemporaryDir tmp;
    // A home of its own, so that the demo register made here is this test's alone.
    const QByteArray home = qgetenv("HOME");
    qputenv("HOME", tmp.path().toLocal8Bit());
    const auto restoreHome = qScopeGuard([&] { qputenv("HOME", home); });
    ASSERT_TRUE(application::demoRegisterPath().startsWith(tmp.path()))
        << application::demoRegisterPath().toStdString();
    ui::MainWindow w;
    ui::Preferences p = w.preferences();
    p.registerPath = tmp.filePath(QStringLiteral("moved-away.sqlite"));
    w.setPreferences(p);
    QStringList errors;
    w.setErrorHandler([&](const QString &title, const QString &message) {
        errors << title + QStringLiteral(": ") + message;
    });
    QSignalSpy demo(&w, &ui::MainWindow::demoRegisterReady);
    ASSERT_TRUE(w.openAtStart(QString(), 800).ok());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.first().contains(QStringLiteral("moved-away.sqlite"))) << errors.first().toStdString();
    EXPECT_TRUE(errors.first().contains(QStringLiteral("demo register"))) << errors.first().toStdString();
    ASSERT_TRUE(demo.count() > 0 || demo.wait(300000));
    EXPECT_TRUE(demo.first().first().toBool());
    EXPECT_TRUE(w.overview().isDemo);
    EXPECT_FALSE(QFile::exists(p.registerPath)) << "nothing is made where the preferred register was";
}

TEST(OpenRegister, ATeamRegisterIsOpenedAfterAskingForItsPasswordWhichIsKeptNowhere)
{
    if (!test::onPostgres())
        GTEST_SKIP() << "needs a PostgreSQL server: this runs in ctest's UiOnPostgreSQL";
    QTemporaryDir tmp;
    const QString location = test::registerAt(tmp, QStringLiteral("team.sqlite"));
    makeRegister(location, "TEAM-1");
    QString password;
    for (const QString &line :
         QString::fromUtf8(test::readAll(qEnvironmentVariable("PGPASSFILE"))).split(QLatin1Char('\n'))) {
        const QStringList fields = line.split(QLatin1Char(':'));
        if (fields.size() == 5 && fields[3] == QLatin1String("foi"))
            password = fields[4];
    }
    ASSERT_FALSE(password.isEmpty());
    // No .pgpass now: the officer is asked.
    const QByteArray passFile = qgetenv("PGPASSFILE");
    const QString empty = tmp.filePath(QStringLiteral("empty-pgpass"));
    test::writeAll(empty, QByteArray());
    QFile::setPermissions(empty, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    qputenv("PGPASSFILE", empty.toLocal8Bit());
    const auto restoreEnv = qScopeGuard([&] { qputenv("PGPASSFILE", passFile); });

    ui::MainWindow w;
    ui::Preferences kept = w.preferences();
    const auto restorePrefs = qScopeGuard([&] { kept.save(); });
    QStringList errors;
    w.setErrorHandler([&](const QString &title, const QString &message) {
        errors << title + QStringLiteral(": ") + message;
    });
    QStringList asked;
    w.setPasswordAsker([&](const QString &where, const QString &why) -> std::optional<QString> {
        asked << why;
        EXPECT_EQ(where, location);
        return asked.size() == 1 ? QStringLiteral("a wrong guess") : password;
    });
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));

    ui::OpenRegisterDialog *d = w.chooseRegister();
    ASSERT_NE(d, nullptr);
    const QUrl url(location);
    clickChoice(d->serverChoice());
    QTest::keyClicks(d->hostEdit(), url.host());
    d->portBox()->setValue(url.port());
    QTest::keyClicks(d->databaseEdit(), url.path().mid(1));
    d->userEdit()->clear();
    QTest::keyClicks(d->userEdit(), url.userName());
    clickChoice(d->atStartBox());
    ASSERT_EQ(d->location(), location);
    ASSERT_TRUE(openButton(d)->isEnabled()) << d->addressLabel()->text().toStdString();
    QTest::mouseClick(openButton(d), Qt::LeftButton);

    EXPECT_TRUE(errors.isEmpty()) << errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(asked.size(), 2);
    EXPECT_TRUE(asked[0].contains(QStringLiteral("asks for a password"))) << asked[0].toStdString();
    EXPECT_TRUE(asked[1].contains(QStringLiteral("refused the password"))) << asked[1].toStdString();
    EXPECT_EQ(w.overview().location, location);
    EXPECT_EQ(w.requestsModel()->rowCount(), 1);
    EXPECT_TRUE(w.locationLabel()->text().startsWith(QStringLiteral("Team register on a server: ")));
    // Opening it again (as Reload and the background jobs, with connections of their own, do) asks nothing.
    EXPECT_TRUE(w.openRegister(location).ok());
    EXPECT_EQ(asked.size(), 2);
    // The address is kept for the next start; the password nowhere in the settings.
    EXPECT_EQ(ui::Preferences::load().registerPath, location);
    EXPECT_FALSE(allSettings().contains(password));
}

TEST(OpenRegister, ThePreferencesTakeAFileOrATeamAddressAndRefuseWhatCannotBeOpened)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("desk.sqlite"));
    makeRegister(path, "FILE-1");
    const auto tryRegister = [](const QString &location) {
        ui::PreferencesDialog dialog(ui::Preferences{});
        dialog.registerEdit()->setText(location);
        dialog.accept();
        return std::make_pair(dialog.result() == QDialog::Accepted, dialog.errorLabel()->text());
    };
    EXPECT_TRUE(tryRegister(QString()).first); // the demo register
    EXPECT_TRUE(tryRegister(path).first);
    EXPECT_TRUE(tryRegister(QStringLiteral("postgresql://jsmith@foi-db:5432/foi_register")).first);

    const auto missing = tryRegister(tmp.filePath(QStringLiteral("gone.sqlite")));
    EXPECT_FALSE(missing.first);
    EXPECT_TRUE(missing.second.contains(QStringLiteral("there is no file"))) << missing.second.toStdString();
    const auto password = tryRegister(QStringLiteral("postgresql://jsmith:secret@foi-db/foi_register"));
    EXPECT_FALSE(password.first);
    EXPECT_TRUE(password.second.contains(QStringLiteral("password does not belong")))
        << password.second.toStdString();
    const auto option = tryRegister(QStringLiteral("postgresql://jsmith@foi-db/foi_register?host=elsewhere"));
    EXPECT_FALSE(option.first);
    EXPECT_TRUE(option.second.contains(QStringLiteral("'host' is not an option")))
        << option.second.toStdString();
}
