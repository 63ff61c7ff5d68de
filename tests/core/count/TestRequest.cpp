#include "count/Request.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cctype>

using foi::CountUnit;
using foi::Criteria;
using foi::Dimension;
using foi::ProtectionPolicy;
using foi::Request;
using foi::Role;
using foi::TableSpec;

namespace {

Request parseOk(const QByteArray &json)
{
    foi::Result<Request> r = Request::fromJson(json, QStringLiteral("test.json"));
    if (!r.ok()) {
        ADD_FAILURE() << r.error().toString().toStdString();
        return {};
    }
    return *r;
}

foi::Error parseError(const QByteArray &json)
{
    foi::Result<Request> r = Request::fromJson(json, QStringLiteral("test.json"));
    if (r.ok()) {
        ADD_FAILURE() << "accepted:\n" << json.toStdString();
        return {};
    }
    return r.error();
}

/// The smallest valid request: what a file must give.
const QByteArray kMinimal =
    R"({ "reference": "R1", "unit": "crimes", "tables": [{ "title": "T", "rows": "age" }] })";

/// A request that sets every field, none to its default.
Request everyField()
{
    Request r;
    r.reference = QStringLiteral("FOI/2018/0207");
    r.received = QDate(2018, 2, 7);
    r.title = QStringLiteral("Children linked to violent crime");
    r.requestText = QStringLiteral("Could you please disclose \"the number\" of cases…\nThank you.");
    Criteria &k = r.criteria;
    k.from = QDate(2016, 1, 1);
    k.to = QDate(2018, 1, 31);
    k.dateBasis = Criteria::DateBasis::Recorded;
    k.ageMin = 1;
    k.ageMax = 9;
    k.roles = {Role::Suspect, Role::Offender, Role::Witness};
    k.outcomes = {0, 11, 18};
    k.offenceGroups = {QStringLiteral("Violence against the person")};
    k.offenceSubgroups = {QStringLiteral("Violence with injury")};
    k.offenceClasses = {QStringLiteral("8N"), QStringLiteral("105A")};
    k.systems = {QStringLiteral("cms"), QStringLiteral("connect")};
    r.unit = CountUnit::Links;
    r.tables = {TableSpec{QStringLiteral("By class"), Dimension::OffenceClass, std::nullopt},
                TableSpec{QStringLiteral("By age and sex"), Dimension::Age, Dimension::Sex},
                TableSpec{QStringLiteral("By month and system"), Dimension::Month, Dimension::System}};
    ProtectionPolicy &p = r.protection;
    p.threshold = 10;
    p.secondary = false;
    p.order = ProtectionPolicy::Order::Count;
    p.round = 5;
    p.suppressZeros = true;
    p.sensitive = ProtectionPolicy::Sensitive::Combine;
    p.separateTables = true;
    p.auditRange = 3;
    p.ageBands = {{1, 4}, {5, 9}};
    p.mergeSmall = true;
    return r;
}

} // namespace

TEST(RequestNames, RoundTripAndRefuseUnknownNames)
{
    for (CountUnit u : {CountUnit::Crimes, CountUnit::Links, CountUnit::Persons})
        EXPECT_EQ(foi::unitFromName(foi::unitName(u)), u);
    EXPECT_EQ(foi::unitName(CountUnit::Persons), QStringLiteral("persons"));
    EXPECT_FALSE(foi::unitFromName(QStringLiteral("Crimes")).has_value());

    const QStringList dimensions{QStringLiteral("offence_group"), QStringLiteral("offence_subgroup"),
                                 QStringLiteral("offence_class"), QStringLiteral("age"),
                                 QStringLiteral("sex"),           QStringLiteral("year"),
                                 QStringLiteral("month"),         QStringLiteral("system")};
    for (const QString &name : dimensions) {
        const std::optional<Dimension> d = foi::dimensionFromName(name);
        ASSERT_TRUE(d.has_value()) << name.toStdString();
        EXPECT_EQ(foi::dimensionName(*d), name);
    }
    EXPECT_EQ(foi::dimensionFromName(QStringLiteral("offence_subgroup")), Dimension::OffenceSubgroup);
    EXPECT_FALSE(foi::dimensionFromName(QStringLiteral("offence")).has_value());

    for (Role r : {Role::Suspect, Role::Offender, Role::Subject, Role::Victim, Role::Witness})
        EXPECT_EQ(foi::roleFromName(foi::roleName(r)), r);
    EXPECT_FALSE(foi::roleFromName(QStringLiteral("none")).has_value());
    EXPECT_FALSE(foi::roleFromName(QStringLiteral("Suspect")).has_value());
}

TEST(Request, SeedFileParsesFieldByField)
{
    const QString path = foi::test::sharedPath(QStringLiteral("spec/request-20180207.json"));
    foi::Result<Request> loaded = Request::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    const Request &r = *loaded;
    EXPECT_EQ(r.reference, QStringLiteral("20180207"));
    EXPECT_EQ(r.received, QDate(2018, 2, 7));
    EXPECT_EQ(r.title,
              QStringLiteral("Children below the age of criminal responsibility linked to violent crime"));
    EXPECT_TRUE(r.requestText.startsWith(QStringLiteral("Could you please disclose the number of cases")));
    EXPECT_TRUE(r.requestText.endsWith(QStringLiteral("where possible the nature of the offence.")));

    const Criteria &k = r.criteria;
    EXPECT_EQ(k.from, QDate(2016, 1, 1));
    EXPECT_EQ(k.to, QDate(2018, 1, 31));
    EXPECT_EQ(k.dateBasis, Criteria::DateBasis::Committed);
    EXPECT_EQ(k.ageMin, 1);
    EXPECT_EQ(k.ageMax, 9);
    EXPECT_EQ(k.roles, (QVector<Role>{Role::Suspect, Role::Offender}));
    EXPECT_EQ(k.outcomes, QVector<int>{11});
    EXPECT_EQ(k.offenceGroups, QStringList{QStringLiteral("Violence against the person")});
    EXPECT_TRUE(k.offenceSubgroups.isEmpty());
    EXPECT_TRUE(k.offenceClasses.isEmpty());
    EXPECT_TRUE(k.systems.isEmpty());

    EXPECT_EQ(r.unit, CountUnit::Crimes);
    ASSERT_EQ(r.tables.size(), 2);
    EXPECT_EQ(r.tables[0].title, QStringLiteral("Offences by Home Office offence class"));
    EXPECT_EQ(r.tables[0].rows, Dimension::OffenceClass);
    EXPECT_FALSE(r.tables[0].columns.has_value());
    EXPECT_EQ(r.tables[1].title, QStringLiteral("Offences by age of the child"));
    EXPECT_EQ(r.tables[1].rows, Dimension::Age);
    EXPECT_FALSE(r.tables[1].columns.has_value());

    const ProtectionPolicy &p = r.protection;
    EXPECT_EQ(p.threshold, 5);
    EXPECT_TRUE(p.secondary);
    EXPECT_EQ(p.order, ProtectionPolicy::Order::Alphabetical);
    EXPECT_FALSE(p.round.has_value());
    // The application's own fields, absent from the seed, keep their defaults.
    EXPECT_EQ(p.sensitive, ProtectionPolicy::Sensitive::Protect);
    EXPECT_FALSE(p.suppressZeros);
    EXPECT_FALSE(p.separateTables);
    EXPECT_EQ(p.auditRange, 0);
    EXPECT_TRUE(p.ageBands.isEmpty());
    EXPECT_FALSE(p.mergeSmall);
}

TEST(Request, CommittedSeedCopyMatchesTheContract)
{
    foi::Result<Request> copy =
        Request::load(foi::test::dataPath(QStringLiteral("requests/seed-20180207.json")));
    ASSERT_TRUE(copy.ok()) << copy.error().toString().toStdString();
    foi::Result<Request> shared =
        Request::load(foi::test::sharedPath(QStringLiteral("spec/request-20180207.json")));
    ASSERT_TRUE(shared.ok()) << shared.error().toString().toStdString();
    EXPECT_TRUE(*copy == *shared);
}

TEST(Request, DefaultsWhenOptionalFieldsAreAbsent)
{
    const Request r = parseOk(kMinimal);
    EXPECT_EQ(r.reference, QStringLiteral("R1"));
    EXPECT_TRUE(r.received.isNull());
    EXPECT_TRUE(r.title.isEmpty());
    EXPECT_TRUE(r.requestText.isEmpty());
    EXPECT_TRUE(r.criteria == Criteria{});
    EXPECT_TRUE(r.criteria.from.isNull());
    EXPECT_TRUE(r.criteria.to.isNull());
    EXPECT_EQ(r.criteria.dateBasis, Criteria::DateBasis::Committed);
    EXPECT_FALSE(r.criteria.hasAgeLimit());
    EXPECT_FALSE(r.criteria.hasOffenceLimit());
    EXPECT_EQ(r.unit, CountUnit::Crimes);
    ASSERT_EQ(r.tables.size(), 1);
    EXPECT_FALSE(r.tables[0].columns.has_value());
    EXPECT_TRUE(r.protection == ProtectionPolicy{});
    EXPECT_EQ(r.protection.threshold, 0);
    EXPECT_TRUE(r.protection.secondary);
    // Sexual offences are counted and protected like every other count unless the request says.
    EXPECT_EQ(r.protection.sensitive, ProtectionPolicy::Sensitive::Protect);
}

TEST(Request, TheOlderNameOfTheSensitiveTreatmentIsStillRead)
{
    const Request r =
        parseOk(R"({ "reference": "R1", "unit": "crimes", "tables": [{"title": "t", "rows": "age"}],
                                  "protection": {"threshold": 5, "sensitive": "release"} })");
    EXPECT_EQ(r.protection.sensitive, ProtectionPolicy::Sensitive::Protect);
    EXPECT_TRUE(r.toJson().contains("\"sensitive\": \"protect\""));
}

TEST(Request, EmptyListsAndNullMeanNoRestriction)
{
    const Request r = parseOk(R"({ "reference": "R1", "unit": "persons",
        "criteria": { "period": {}, "age": {}, "roles": [], "outcomes": [], "offences": { "groups": [] },
                      "systems": [] },
        "tables": [{ "title": "T", "rows": "sex", "columns": null }],
        "protection": { "round": null, "age_bands": [] } })");
    EXPECT_TRUE(r.criteria == Criteria{});
    EXPECT_FALSE(r.tables[0].columns.has_value());
    EXPECT_FALSE(r.protection.round.has_value());
    EXPECT_EQ(r.unit, CountUnit::Persons);
}

TEST(Request, OneSidedLimitsAreKept)
{
    const Request r = parseOk(R"({ "reference": "R1", "unit": "crimes",
        "criteria": { "period": { "to": "2018-01-31" }, "age": { "min": 10 } },
        "tables": [{ "title": "T", "rows": "year" }] })");
    EXPECT_TRUE(r.criteria.from.isNull());
    EXPECT_EQ(r.criteria.to, QDate(2018, 1, 31));
    EXPECT_EQ(r.criteria.ageMin, 10);
    EXPECT_FALSE(r.criteria.ageMax.has_value());
    EXPECT_TRUE(r.criteria.hasAgeLimit());
}

TEST(Request, OffenceNamesAndCodesAreStoredCanonical)
{
    const Request r = parseOk(R"({ "reference": "R1", "unit": "crimes",
        "criteria": { "offences": { "groups": ["violence against the person", " Robbery "],
                                    "subgroups": ["VIOLENCE WITH INJURY"],
                                    "classes": ["008N", " 105a "] } },
        "tables": [{ "title": "T", "rows": "offence_class" }] })");
    EXPECT_EQ(r.criteria.offenceGroups,
              (QStringList{QStringLiteral("Violence against the person"), QStringLiteral("Robbery")}));
    EXPECT_EQ(r.criteria.offenceSubgroups, QStringList{QStringLiteral("Violence with injury")});
    EXPECT_EQ(r.criteria.offenceClasses, (QStringList{QStringLiteral("8N"), QStringLiteral("105A")}));
    EXPECT_TRUE(r.criteria.hasOffenceLimit());
}

TEST(Request, AFarOffGroupListsTheClassificationsGroups)
{
    const foi::Error e = parseError(R"({ "reference": "R1", "unit": "crimes",
        "criteria": { "offences": { "groups": ["Assault"] } },
        "tables": [{ "title": "T", "rows": "age" }] })");
    EXPECT_EQ(e.field, QStringLiteral("criteria.offences.groups[0]"));
    EXPECT_TRUE(e.message.startsWith(QStringLiteral("unknown offence group 'Assault' (the classification's "
                                                    "offence groups: Criminal damage and arson, ")))
        << e.message.toStdString();
}

TEST(Request, RoundTripOfEveryField)
{
    const Request original = everyField();
    const QByteArray json = original.toJson();
    const Request back = parseOk(json);
    EXPECT_TRUE(back == original) << json.toStdString();
    EXPECT_EQ(back.toJson(), json);
    // And a change anywhere is seen by the comparison.
    Request changed = original;
    changed.protection.ageBands[1].second = 10;
    EXPECT_TRUE(changed != original);
    changed = original;
    changed.criteria.dateBasis = Criteria::DateBasis::Committed;
    EXPECT_TRUE(changed != original);
}

TEST(Request, WritesTheFormatsKeyOrderAndLeavesOutWhatIsUnset)
{
    const QByteArray json = parseOk(kMinimal).toJson();
    const QString text = QString::fromUtf8(json);
    EXPECT_TRUE(text.startsWith(QStringLiteral("{\n  \"reference\": \"R1\",\n  \"title\": \"\",\n")))
        << json.toStdString();
    EXPECT_LT(text.indexOf(QStringLiteral("\"criteria\"")), text.indexOf(QStringLiteral("\"unit\"")));
    EXPECT_LT(text.indexOf(QStringLiteral("\"tables\"")), text.indexOf(QStringLiteral("\"protection\"")));
    EXPECT_LT(text.indexOf(QStringLiteral("\"threshold\"")), text.indexOf(QStringLiteral("\"merge_small\"")));
    for (const char *absent : {"\"received\"", "\"from\"", "\"age\":", "\"roles\"", "\"outcomes\"",
                               "\"offences\"", "\"systems\"", "\"columns\"", "\"round\"", "\"age_bands\""})
        EXPECT_FALSE(json.contains(absent)) << absent;
    // The application's fields are all written, with their defaults.
    for (const char *present :
         {"\"date\": \"committed\"", "\"threshold\": 0", "\"secondary\": true", "\"order\": \"alphabetical\"",
          "\"zeros\": \"release\"", "\"sensitive\": \"protect\"", "\"separate_tables\": false",
          "\"audit_range\": 0", "\"merge_small\": false"})
        EXPECT_TRUE(json.contains(present)) << present << "\n" << json.toStdString();
    EXPECT_TRUE(json.endsWith("}\n"));
}

TEST(Request, SeedWrittenAndReadBackIsEqual)
{
    foi::Result<Request> seed =
        Request::load(foi::test::dataPath(QStringLiteral("requests/seed-20180207.json")));
    ASSERT_TRUE(seed.ok()) << seed.error().toString().toStdString();
    const QByteArray json = seed->toJson();
    EXPECT_TRUE(json.contains("\"roles\": [\"suspect\", \"offender\"]")) << json.toStdString();
    EXPECT_TRUE(json.contains("{ \"title\": \"Offences by age of the child\", \"rows\": \"age\" }"))
        << json.toStdString();
    EXPECT_TRUE(parseOk(json) == *seed);
}

TEST(Request, SaveAndLoadThroughAFile)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("FOI-0207.json"));
    const Request original = everyField();
    const foi::Status saved = original.save(path);
    ASSERT_TRUE(saved.ok()) << saved.error().toString().toStdString();
    foi::Result<Request> loaded = Request::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    EXPECT_TRUE(*loaded == original);
    // Saving again replaces the file whole.
    Request smaller = parseOk(kMinimal);
    ASSERT_TRUE(smaller.save(path).ok());
    EXPECT_EQ(foi::test::readAll(path), smaller.toJson());
    EXPECT_EQ(QDir(tmp.path()).entryList(QDir::Files), QStringList{QStringLiteral("FOI-0207.json")});
}

TEST(Request, SaveNamesThePathItCannotWrite)
{
    const QString path = QStringLiteral("/nonexistent-folder/requests/r.json");
    const foi::Status saved = parseOk(kMinimal).save(path);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().file, path);
    EXPECT_TRUE(saved.error().message.startsWith(QStringLiteral("cannot write the request file")))
        << saved.error().toString().toStdString();
}

TEST(Request, LoadNamesAMissingFileOrAFolder)
{
    const QString missing = QStringLiteral("/nonexistent-folder/r.json");
    foi::Result<Request> r = Request::load(missing);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file, missing);
    EXPECT_EQ(r.error().toString(), missing + QStringLiteral(": there is no request file at this path"));

    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    r = Request::load(tmp.path());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file, tmp.path());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("folder")));
}

TEST(Request, ErrorsNameFileLineAndField)
{
    const QByteArray json = "{\n  \"reference\": \"R1\",\n  \"unit\": \"crimes\",\n  \"tables\": [\n"
                            "    { \"title\": \"T\", \"rows\": \"age\", \"columns\": \"age\" }\n  ]\n}\n";
    foi::Result<Request> r = Request::fromJson(json, QStringLiteral("mine.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().toString(),
              QStringLiteral("mine.json, line 5, field tables[0].columns: the table has age both as rows and "
                             "as columns: choose another dimension for the columns, or leave them out"));
}

// Every file in tests/data/requests/bad is a request with one mistake; its .expect file names the field
// the error must point at, words the message must contain and, optionally, the line. One test per file:
// adding a case is adding two files.
namespace {

QStringList badRequestFiles()
{
    const QDir dir(foi::test::dataPath(QStringLiteral("requests/bad")));
    return dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

class RequestBadFile : public ::testing::TestWithParam<QString>
{};

} // namespace

TEST(Request, BadFilesArePresentInPairs)
{
    const QDir dir(foi::test::dataPath(QStringLiteral("requests/bad")));
    const QStringList files = badRequestFiles();
    EXPECT_GE(files.size(), 20);
    for (const QString &f : files)
        EXPECT_TRUE(dir.exists(QFileInfo(f).completeBaseName() + QStringLiteral(".expect")))
            << f.toStdString();
    EXPECT_EQ(dir.entryList({QStringLiteral("*.expect")}, QDir::Files).size(), files.size());
}

TEST_P(RequestBadFile, IsRefusedNamingFileAndField)
{
    const QString path = foi::test::dataPath(QStringLiteral("requests/bad/") + GetParam());
    QString field, message;
    qint64 line = -1;
    bool hasField = false;
    const QString expect = QString::fromUtf8(foi::test::readAll(path.chopped(5) + QStringLiteral(".expect")));
    for (const QString &l : expect.split(QLatin1Char('\n'))) {
        if (l.startsWith(QStringLiteral("field:"))) {
            field = l.mid(6).trimmed();
            hasField = true;
        } else if (l.startsWith(QStringLiteral("message:"))) {
            message = l.mid(8).trimmed();
        } else if (l.startsWith(QStringLiteral("line:"))) {
            line = l.mid(5).trimmed().toLongLong();
        }
    }
    ASSERT_TRUE(hasField && !message.isEmpty()) << "the .expect file needs field: and message: lines";
    foi::Result<Request> r = Request::load(path);
    ASSERT_FALSE(r.ok()) << "accepted " << path.toStdString();
    EXPECT_EQ(r.error().file, path);
    EXPECT_EQ(r.error().field, field) << r.error().toString().toStdString();
    EXPECT_TRUE(r.error().message.contains(message)) << r.error().toString().toStdString();
    if (line >= 0) {
        EXPECT_EQ(r.error().line, line) << r.error().toString().toStdString();
    }
}

namespace {

/// The test's name: the file's, with every character GoogleTest does not allow made '_'.
std::string badFileTestName(const ::testing::TestParamInfo<QString> &file)
{
    std::string name = file.param.chopped(5).toStdString();
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    }
    return name;
}

} // namespace

INSTANTIATE_TEST_SUITE_P(RequestBadFiles, RequestBadFile, ::testing::ValuesIn(badRequestFiles()),
                         badFileTestName);
