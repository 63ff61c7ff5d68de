#pragma once

// The release the export tests share: children of 8 and 9 in crimes of several classes, enough for some
// counts to be withheld, with the organisation and contact a force's settings would give.

#include "export/ReleaseDocument.h"
#include "protect/Release.h"
#include "support/TestWorld.h"

#include <gtest/gtest.h>

namespace foi::test {

inline World childrenWorld()
{
    World w;
    static const char *const kCodes[] = {"8N", "105A", "8L", "5D", "19C", "58A", "9A"};
    int n = 1;
    for (const char *code : kCodes) {
        w.addCrimes(QString::fromLatin1(code), n, 8, day(2017, 3, 1));
        w.addCrimes(QString::fromLatin1(code), n + 4, 9, day(2017, 9, 1));
        n = n * 3 % 11 + 1;
    }
    return w;
}

inline Release childrenRelease()
{
    Request r;
    r.reference = QStringLiteral("FOI-2026-0042");
    r.title = QStringLiteral("Children linked to crime");
    r.requestText = QStringLiteral("How many crimes were children of 8 and 9 linked to in 2017?");
    r.criteria.from = QDate(2017, 1, 1);
    r.criteria.to = QDate(2017, 12, 31);
    r.unit = CountUnit::Crimes;
    r.tables = {
        {QStringLiteral("Offences by Home Office offence class"), Dimension::OffenceClass, std::nullopt},
        {QStringLiteral("Offences by age"), Dimension::Age, std::nullopt}};
    r.protection.threshold = 5;
    // Every sexual-offence cell withheld, so that the files hold [c] and secondary cells to check.
    r.protection.sensitive = ProtectionPolicy::Sensitive::Suppress;
    Result<Release> release = tabulate(childrenWorld().frame(), r, ReleaseContext());
    EXPECT_TRUE(release.ok()) << release.error().toString().toStdString();
    return release.ok() ? *release : Release();
}

inline ExportSettings exportSettings()
{
    return ExportSettings{QStringLiteral("Example Constabulary"),
                          QStringLiteral("Freedom of Information Unit, foi@example.police.uk"),
                          QDate(2026, 11, 24)};
}

} // namespace foi::test
