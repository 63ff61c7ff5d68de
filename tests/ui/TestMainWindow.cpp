#include "MainWindow.h"

#include <gtest/gtest.h>

TEST(MainWindow, HasTitle)
{
    foi::ui::MainWindow w;
    EXPECT_EQ(w.windowTitle(), QStringLiteral("FOI Tables"));
}
