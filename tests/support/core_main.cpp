#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <gtest/gtest.h>

// Core tests run inside a QCoreApplication: Qt Sql and event-driven jobs need one, Widgets never.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("foitables-tests"));
    app.setApplicationName(QStringLiteral("test_core"));
    QStandardPaths::setTestModeEnabled(true);
    // Settings of this process's own, starting empty: CTest runs tests side by side, and what one test
    // writes (the officer's name) must neither reach another nor be undone by it.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    ::testing::InitGoogleTest(&argc, argv);
    const int result = RUN_ALL_TESTS();
    // Background jobs ran on the global pool: its threads end here, so that what a thread holds of its
    // own (OpenSSL's per-thread state) is freed before the leak check at exit.
    QThreadPool::globalInstance()->waitForDone();
    return result;
}
