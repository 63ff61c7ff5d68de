// The desk's settings: one place names each key, for the window and the command line.
#include "common/Application.h"
#include "workflow/DeskSettings.h"

#include <QSettings>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// Puts the settings back as they were, whatever the test leaves.
struct KeptSettings
{
    DeskSettings kept = DeskSettings::load();
    ~KeptSettings() { kept.save(); }
};

} // namespace

TEST(DeskSettings, WhatIsSavedIsReadBackUnderTheKeysTheCommandLineDocuments)
{
    KeptSettings restore;
    DeskSettings s;
    s.officer = QStringLiteral("Jane Smith");
    s.organisation = QStringLiteral("Example Constabulary");
    s.contact = QStringLiteral("foi@example.police.uk");
    s.letterTemplate = QStringLiteral("/letters/force.txt");
    s.exportFolder = QStringLiteral("/srv/foi");
    s.lastFolder = QStringLiteral("/srv/foi/2018");
    s.registerPath = QStringLiteral("postgresql://foi@db/foi");
    s.policy.threshold = 10;
    s.policy.secondary = false;
    s.policy.separateTables = true;
    s.policy.round = 5;
    s.save();

    const DeskSettings read = DeskSettings::load();
    EXPECT_EQ(read.officer, s.officer);
    EXPECT_EQ(read.organisation, s.organisation);
    EXPECT_EQ(read.contact, s.contact);
    EXPECT_EQ(read.letterTemplate, s.letterTemplate);
    EXPECT_EQ(read.exportFolder, s.exportFolder);
    EXPECT_EQ(read.lastFolder, s.lastFolder);
    EXPECT_EQ(read.registerPath, s.registerPath);
    EXPECT_EQ(read.policy.threshold, 10);
    EXPECT_FALSE(read.policy.secondary);
    EXPECT_TRUE(read.policy.separateTables);
    EXPECT_EQ(read.policy.round, std::optional<int>(5));

    // The keys docs/command-line.md names, as another program would read them.
    const QSettings raw;
    EXPECT_EQ(raw.value(QStringLiteral("release/organisation")).toString(), s.organisation);
    EXPECT_EQ(raw.value(QStringLiteral("release/contact")).toString(), s.contact);
    EXPECT_EQ(raw.value(QStringLiteral("release/letterTemplate")).toString(), s.letterTemplate);
    EXPECT_EQ(raw.value(QStringLiteral("officer/name")).toString(), s.officer);
    EXPECT_EQ(application::officerName(), s.officer);
}
