#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

// GUI tests build real widgets under QT_QPA_PLATFORM=offscreen (set by CTest and by this main).
int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("foitables-tests"));
    app.setApplicationName(QStringLiteral("test_ui"));
    QStandardPaths::setTestModeEnabled(true);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
