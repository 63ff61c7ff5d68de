#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

// Core tests run inside a QCoreApplication: Qt Sql and event-driven jobs need one, Widgets never.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("foitables-tests"));
    app.setApplicationName(QStringLiteral("test_core"));
    QStandardPaths::setTestModeEnabled(true);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
