#include <QCoreApplication>
#include <QStandardPaths>
#include <QThreadPool>

#include <gtest/gtest.h>

// Core tests run inside a QCoreApplication: Qt Sql and event-driven jobs need one, Widgets never.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("foitables-tests"));
    app.setApplicationName(QStringLiteral("test_core"));
    QStandardPaths::setTestModeEnabled(true);
    ::testing::InitGoogleTest(&argc, argv);
    const int result = RUN_ALL_TESTS();
    // Background jobs ran on the global pool: its threads end here, so that what a thread holds of its
    // own (OpenSSL's per-thread state) is freed before the leak check at exit.
    QThreadPool::globalInstance()->waitForDone();
    return result;
}
