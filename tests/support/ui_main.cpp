#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <gtest/gtest.h>

// GUI tests build real widgets under QT_QPA_PLATFORM=offscreen (set by CTest and by this main).
int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("foitables-tests"));
    app.setApplicationName(QStringLiteral("test_ui"));
    QStandardPaths::setTestModeEnabled(true);
    // Settings of this process's own, starting empty: CTest runs GUI tests side by side, and one test's
    // preferences must neither reach another nor be wiped by it, nor linger from an earlier run.
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
