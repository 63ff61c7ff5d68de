#include "import/SourceProfile.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using foi::SourceProfile;

TEST(SourceProfile, BuiltInProfilesLoad)
{
    EXPECT_EQ(SourceProfile::builtInNames(), (QStringList{QStringLiteral("cms"), QStringLiteral("connect")}));
    foi::Result<SourceProfile> cms = SourceProfile::load(QStringLiteral("cms"));
    ASSERT_TRUE(cms.ok()) << cms.error().toString().toStdString();
    EXPECT_EQ(cms->system.role, foi::SystemRole::Legacy);
    EXPECT_EQ(cms->system.cutover, QDate(2017, 12, 4));
    EXPECT_EQ(cms->encoding, foi::TextEncoding::Windows1252);
    EXPECT_FALSE(cms->footerPattern.isEmpty());
    EXPECT_EQ(cms->role.codes.find("YOUNG OFFENDER"), static_cast<int>(foi::Role::Offender));
    EXPECT_EQ(cms->outcome.codes.find("U10"), 11);
    EXPECT_EQ(cms->outcome.codes.find(""), -1);
    EXPECT_FALSE(cms->outcome.codes.find("XYZ").has_value());

    foi::Result<SourceProfile> connect = SourceProfile::load(QStringLiteral("connect"));
    ASSERT_TRUE(connect.ok()) << connect.error().toString().toStdString();
    EXPECT_EQ(connect->system.role, foi::SystemRole::New);
    EXPECT_EQ(connect->system.legacySystem, QStringLiteral("cms"));
    EXPECT_EQ(connect->role.codes.find("responsible - below age of criminal responsibility"),
              static_cast<int>(foi::Role::Offender));
    EXPECT_EQ(connect->sex.codes.find("FEMALE"), static_cast<int>(foi::Sex::Female));
}

TEST(SourceProfile, ThePoliceUkExampleIsValid)
{
    const QString path = QStringLiteral(FOI_SOURCE_DIR "/docs/profiles/police-uk-street.json");
    foi::Result<SourceProfile> p = SourceProfile::load(path);
    ASSERT_TRUE(p.ok()) << p.error().toString().toStdString();
    EXPECT_FALSE(p->hasPersons());
    EXPECT_EQ(p->offence.scheme, SourceProfile::OffenceScheme::PoliceUkCategory);
    EXPECT_EQ(p->skip.size(), 1);
}

TEST(SourceProfile, UnknownNameListsTheBuiltInOnes)
{
    foi::Result<SourceProfile> p = SourceProfile::load(QStringLiteral("niche"));
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains(QStringLiteral("cms, connect")))
        << p.error().toString().toStdString();
}

TEST(SourceProfile, MissingFileIsNamed)
{
    foi::Result<SourceProfile> p = SourceProfile::load(QStringLiteral("/nonexistent/profile.json"));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().file, QStringLiteral("/nonexistent/profile.json"));
}

// Every file in tests/data/profiles/bad is a profile with one mistake; its .expect file names the key
// path the error must point at and words the message must contain. Adding a case is adding two files.
TEST(SourceProfile, BadProfilesAreRefusedNamingFileAndKey)
{
    const QDir dir(foi::test::dataPath(QStringLiteral("profiles/bad")));
    const QStringList cases = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    ASSERT_GE(cases.size(), 10);
    for (const QString &file : cases) {
        SCOPED_TRACE(file.toStdString());
        const QString path = dir.filePath(file);
        QString field, message;
        qint64 line = -1;
        const QString expect =
            QString::fromUtf8(foi::test::readAll(path.chopped(5) + QStringLiteral(".expect")));
        for (const QString &l : expect.split(QLatin1Char('\n'))) {
            if (l.startsWith(QStringLiteral("field:")))
                field = l.mid(6).trimmed();
            else if (l.startsWith(QStringLiteral("message:")))
                message = l.mid(8).trimmed();
            else if (l.startsWith(QStringLiteral("line:")))
                line = l.mid(5).trimmed().toLongLong();
        }
        foi::Result<SourceProfile> p = SourceProfile::load(path);
        ASSERT_FALSE(p.ok());
        EXPECT_EQ(p.error().file, path);
        EXPECT_EQ(p.error().field, field) << p.error().toString().toStdString();
        EXPECT_TRUE(p.error().message.contains(message)) << p.error().toString().toStdString();
        if (line >= 0) {
            EXPECT_EQ(p.error().line, line);
        }
    }
}

TEST(SourceProfile, ErrorsNameTheLineOfTheKey)
{
    const QByteArray json =
        "{\n  \"profile\": 1,\n  \"name\": \"x\",\n  \"system\": {\"name\": \"x\"},\n"
        "  \"file\": {},\n  \"fields\": {\n    \"crime_ref\": {\"column\": \"Ref\"},\n"
        "    \"recorded\": {\"column\": \"Day\", \"formats\": [\"yyyy-MM-dd\"]},\n"
        "    \"offence\": {\"column\": \"Class\"},\n    \"sexx\": {\"column\": \"Sex\"}\n  }\n}\n";
    foi::Result<SourceProfile> p = SourceProfile::fromJson(json, QStringLiteral("mine.json"));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(
        p.error().toString().toStdString(),
        "mine.json, line 10, field fields.sexx: unknown key 'sexx' (known keys here: crime_ref, "
        "legacy_crime_ref, person_ref, legacy_person_ref, recorded, committed_from, committed_to, offence, "
        "date_of_birth, age, sex, role, outcome)");
}
