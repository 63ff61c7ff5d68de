#include "common/Zip.h"
#include "demo/DemoGenerator.h"
#include "support/TestSupport.h"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using foi::DemoOptions;

namespace {

using Row = std::vector<std::string>;

/// A CSV read with nothing of the generator's code: records, and the line ends found outside quotes.
struct Scan
{
    std::vector<Row> records;
    int crlfOutsideQuotes = 0;
    int bareLfOutsideQuotes = 0;
    int bareCrOutsideQuotes = 0;
    int lineBreaksInsideQuotes = 0;
};

Scan scanCsv(const QByteArray &bytes)
{
    Scan scan;
    Row record;
    std::string field;
    bool quoted = false;
    bool any = false;
    const auto endRecord = [&] {
        record.push_back(field);
        scan.records.push_back(record);
        record.clear();
        field.clear();
        any = false;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    scan.lineBreaksInsideQuotes += 1;
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\r' && i + 1 < bytes.size() && bytes.at(i + 1) == '\n') {
            scan.crlfOutsideQuotes += 1;
            ++i;
            endRecord();
        } else if (c == '\r') {
            scan.bareCrOutsideQuotes += 1;
        } else if (c == '\n') {
            scan.bareLfOutsideQuotes += 1;
            endRecord();
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty())
        endRecord();
    return scan;
}

QDate cmsDate(const std::string &text)
{
    return QDate::fromString(QString::fromLatin1(text.c_str()), QStringLiteral("dd/MM/yyyy"));
}

QDate isoDate(const std::string &text)
{
    return QDate::fromString(QString::fromLatin1(text.substr(0, 10).c_str()), Qt::ISODate);
}

/// "008N" -> "8N", "004.1" -> "4.1", "8N/01" -> "8N".
std::string normalClass(std::string code)
{
    code = code.substr(0, code.find('/'));
    const auto digits = code.find_first_not_of('0');
    return digits == std::string::npos ? code : code.substr(digits);
}

/// One generated demo set, read back.
struct Demo
{
    std::unique_ptr<QTemporaryDir> dir;
    foi::DemoFiles files;
    QByteArray cmsBytes;
    QByteArray connectBytes;
    Scan cms;
    Scan connect;
    Row cmsHeader;
    Row connectHeader;
    std::vector<Row> cmsRows;     ///< data records, without header and footer
    std::vector<Row> connectRows; ///< data records, without header
    std::string footer;
    QJsonObject truth;
    std::vector<Row> links; ///< ground-truth-links.csv without its header
    QByteArray linksBytes;

    qint64 truthInt(const char *object, const char *key) const
    {
        return qint64(truth.value(QLatin1String(object)).toObject().value(QLatin1String(key)).toDouble(-1));
    }
};

std::unique_ptr<Demo> makeDemo(const DemoOptions &options)
{
    auto demo = std::make_unique<Demo>();
    demo->dir = std::make_unique<QTemporaryDir>();
    const auto files = foi::generateDemo(demo->dir->path(), options);
    if (!files.ok()) {
        ADD_FAILURE() << files.error().toString().toStdString();
        return demo;
    }
    demo->files = *files;
    demo->cmsBytes = foi::test::readAll(files->cmsCsv);
    demo->connectBytes = foi::test::readAll(files->connectCsv);
    demo->cms = scanCsv(demo->cmsBytes);
    QByteArray connect = demo->connectBytes;
    if (connect.startsWith("\xEF\xBB\xBF"))
        connect.remove(0, 3);
    demo->connect = scanCsv(connect);
    if (demo->cms.records.size() >= 2) {
        demo->cmsHeader = demo->cms.records.front();
        demo->footer = demo->cms.records.back().front();
        demo->cmsRows.assign(demo->cms.records.begin() + 1, demo->cms.records.end() - 1);
    }
    if (!demo->connect.records.empty()) {
        demo->connectHeader = demo->connect.records.front();
        demo->connectRows.assign(demo->connect.records.begin() + 1, demo->connect.records.end());
    }
    demo->truth = QJsonDocument::fromJson(foi::test::readAll(files->groundTruth)).object();
    demo->linksBytes = foi::test::readAll(files->groundTruthLinks);
    const Scan links = scanCsv(demo->linksBytes);
    if (!links.records.empty())
        demo->links.assign(links.records.begin() + 1, links.records.end());
    return demo;
}

DemoOptions optionsFor(qint64 crimes, quint64 seed)
{
    DemoOptions options;
    options.crimes = crimes;
    options.seed = seed;
    return options;
}

/// The shared worlds: generated once, read by many tests.
const Demo &twoThousand()
{
    static const auto demo = makeDemo(optionsFor(2000, 11));
    return *demo;
}

const Demo &twentyThousand()
{
    static const auto demo = makeDemo(optionsFor(20000, 5));
    return *demo;
}

/// Offence codes of the group "Violence against the person", from the compiled-in classification.
std::set<std::string> violentClasses()
{
    std::set<std::string> codes;
    QFile file(QStringLiteral(":/reference/classification/ho-2017-18.csv"));
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read the classification";
        return codes;
    }
    const Scan scan = scanCsv(file.readAll());
    for (const Row &row : scan.records) {
        if (row.size() >= 3 && row[2] == "Violence against the person")
            codes.insert(row[0]);
    }
    return codes;
}

} // namespace

TEST(DemoGenerator, SameSeedGivesTheSameBytes)
{
    const auto a = makeDemo(optionsFor(1000, 5));
    const auto b = makeDemo(optionsFor(1000, 5));
    const auto c = makeDemo(optionsFor(1000, 6));
    EXPECT_EQ(a->cmsBytes, b->cmsBytes);
    EXPECT_EQ(a->connectBytes, b->connectBytes);
    EXPECT_EQ(a->linksBytes, b->linksBytes);
    EXPECT_EQ(foi::test::readAll(a->files.groundTruth), foi::test::readAll(b->files.groundTruth));
    EXPECT_NE(a->cmsBytes, c->cmsBytes);
    EXPECT_NE(a->connectBytes, c->connectBytes);
    EXPECT_NE(a->linksBytes, c->linksBytes);
}

TEST(DemoGenerator, CmsIsWindows1252WithCrlfAndAFooter)
{
    const Demo &demo = twoThousand();
    const QByteArray &bytes = demo.cmsBytes;
    ASSERT_FALSE(bytes.isEmpty());
    EXPECT_FALSE(bytes.startsWith("\xEF\xBB\xBF"));
    EXPECT_TRUE(bytes.contains('\x92')) << "O’Brien's apostrophe, U+2019, is 0x92 in Windows-1252";
    EXPECT_TRUE(bytes.contains('\xE9')) << "é";
    EXPECT_TRUE(bytes.contains('\xA3')) << "£";
    EXPECT_TRUE(bytes.contains('\x80')) << "€";
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8.decode(bytes);
    EXPECT_TRUE(utf8.hasError()) << "Windows-1252 bytes are not valid UTF-8";

    EXPECT_EQ(demo.cms.bareLfOutsideQuotes, 0);
    EXPECT_EQ(demo.cms.bareCrOutsideQuotes, 0);
    EXPECT_GT(demo.cms.lineBreaksInsideQuotes, 0) << "MO_TEXT holds line breaks";
    EXPECT_FALSE(bytes.contains("\n\n"));
    EXPECT_EQ(bytes.count("\n"), bytes.count("\r\n")) << "inside quotes too, every line break is CRLF";
    EXPECT_TRUE(bytes.endsWith(" RECORDS ***\r\n"));

    const std::string expected =
        "*** END OF REPORT - " + std::to_string(demo.cmsRows.size()) + " RECORDS ***";
    EXPECT_EQ(demo.footer, expected);
}

TEST(DemoGenerator, ConnectIsUtf8WithABomAndLf)
{
    const Demo &demo = twoThousand();
    const QByteArray &bytes = demo.connectBytes;
    ASSERT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    EXPECT_FALSE(bytes.contains('\r'));
    EXPECT_GT(demo.connect.lineBreaksInsideQuotes, 0) << "Summary holds line breaks";
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    EXPECT_FALSE(utf8.hasError());
    EXPECT_TRUE(text.contains(QStringLiteral("Łukasz")));
    EXPECT_TRUE(text.contains(QStringLiteral("李")));
    EXPECT_TRUE(text.contains(QStringLiteral("O’Brien")));
    EXPECT_TRUE(text.contains(QStringLiteral("£")));
    EXPECT_TRUE(text.contains(QStringLiteral("€")));
    EXPECT_TRUE(text.contains(QRegularExpression(QStringLiteral("[А-Яа-яЄєІіЇї]"))));
}

TEST(DemoGenerator, HeadersFollowTheSpec)
{
    const Demo &demo = twoThousand();
    EXPECT_EQ(demo.cmsHeader, (Row{"CRIME_NO", "DATE_RECORDED", "DATE_COMMITTED_FROM", "TIME_COMMITTED_FROM",
                                   "DATE_COMMITTED_TO", "HO_CLASS", "HO_SUBCLASS", "OFFENCE_TITLE",
                                   "NOMINAL_NO", "SURNAME", "FORENAMES", "DOB", "AGE_AT_OFFENCE", "SEX",
                                   "INVOLVEMENT", "DISPOSAL", "DISPOSAL_DATE", "BEAT", "MO_TEXT"}));
    EXPECT_EQ(demo.connectHeader,
              (Row{"OccurrenceReference", "LegacyReference", "RecordedOn", "CommittedFrom", "CommittedTo",
                   "HomeOfficeCode", "OffenceTitle", "PersonUrn", "LegacyNominal", "Forename", "Surname",
                   "DateOfBirth", "AgeAtCommitted", "Gender", "InvolvementType", "OutcomeCode", "OutcomeDate",
                   "Neighbourhood", "Summary"}));
    // The value shapes of the spec's examples.
    const QRegularExpression cmsRef(QStringLiteral("^CR/\\d{7}/\\d\\d$"));
    const QRegularExpression cmsClass(QStringLiteral("^\\d{3}([A-Z]|\\.\\d+)?$"));
    const QRegularExpression occRef(QStringLiteral("^OCC-\\d{4}-\\d{7}$"));
    const QRegularExpression hoCode(QStringLiteral("^[1-9]\\d*([A-Z]|\\.\\d+)?/\\d\\d$"));
    int checked = 0;
    for (const Row &row : demo.cmsRows) {
        if (row.size() != 19 || row[0].empty() || row[5] == "999Z")
            continue;
        ASSERT_TRUE(cmsRef.match(QString::fromLatin1(row[0].c_str())).hasMatch()) << row[0];
        ASSERT_TRUE(cmsClass.match(QString::fromLatin1(row[5].c_str())).hasMatch()) << row[5];
        ASSERT_TRUE(
            row[8].empty() ||
            QString::fromLatin1(row[8].c_str()).contains(QRegularExpression(QStringLiteral("^N\\d{9}$"))));
        checked += 1;
    }
    for (const Row &row : demo.connectRows) {
        if (row.size() != 19 || row[0].empty() || row[5] == "999Z/01")
            continue;
        ASSERT_TRUE(occRef.match(QString::fromLatin1(row[0].c_str())).hasMatch()) << row[0];
        ASSERT_TRUE(hoCode.match(QString::fromLatin1(row[5].c_str())).hasMatch()) << row[5];
        ASSERT_TRUE(
            row[7].empty() ||
            QString::fromLatin1(row[7].c_str()).contains(QRegularExpression(QStringLiteral("^P-\\d{8}$"))));
        checked += 1;
    }
    EXPECT_GT(checked, 4000);
}

TEST(DemoGenerator, GroundTruthAddsUp)
{
    const Demo &demo = twoThousand();
    const QJsonObject systems = demo.truth.value(QStringLiteral("systems")).toObject();
    const auto sys = [&](const char *name, const char *key) {
        return qint64(systems.value(QLatin1String(name)).toObject().value(QLatin1String(key)).toDouble(-1));
    };
    const auto top = [&](const char *key) {
        return qint64(demo.truth.value(QLatin1String(key)).toDouble(-1));
    };

    // Every data record of each file is either kept or rejected.
    EXPECT_EQ(sys("cms", "rows") + sys("cms", "rejected"), qint64(demo.cmsRows.size()));
    EXPECT_EQ(sys("connect", "rows") + sys("connect", "rejected"), qint64(demo.connectRows.size()));
    qint64 byReason = 0;
    for (const auto &value : demo.truth.value(QStringLiteral("rejected_by_reason")).toObject())
        byReason += qint64(value.toDouble());
    EXPECT_EQ(byReason, top("rejected_rows"));
    EXPECT_EQ(sys("cms", "rejected") + sys("connect", "rejected"), top("rejected_rows"));

    // The merged register: one line per link, every world crime once.
    EXPECT_EQ(demo.links.size(), std::size_t(demo.truthInt("merged", "links")));
    std::set<std::string> crimes;
    std::set<std::string> migrated;
    std::set<std::string> persons;
    qint64 blankPersons = 0, unknownAges = 0, zeroAges = 0;
    for (const Row &link : demo.links) {
        ASSERT_EQ(link.size(), 11u);
        crimes.insert(link[0]);
        if (link[2] == "1")
            migrated.insert(link[0]);
        if (link[7].empty())
            blankPersons += 1;
        else
            persons.insert(link[7]);
        unknownAges += link[9] == "unknown" ? 1 : 0;
        zeroAges += link[9] == "zero" ? 1 : 0;
    }
    EXPECT_EQ(qint64(crimes.size()), demo.truthInt("merged", "crimes"));
    EXPECT_EQ(qint64(crimes.size()), 2000);
    EXPECT_EQ(qint64(migrated.size()), top("migrated_crimes"));
    EXPECT_EQ(qint64(persons.size()) + blankPersons, demo.truthInt("merged", "persons"));
    EXPECT_EQ(unknownAges, demo.truthInt("ages", "unknown"));
    EXPECT_EQ(zeroAges, demo.truthInt("ages", "flagged_zero"));
    // Each matched CONNECT crime folds into its CMS crime; a CMS crime claimed twice folds two.
    EXPECT_EQ(demo.truthInt("merged", "crimes"), sys("cms", "crimes") + sys("connect", "crimes") -
                                                     top("migrated_crimes") - top("claimed_twice"));
    EXPECT_LE(demo.truthInt("merged", "persons_in_both"),
              std::min(sys("cms", "persons"), sys("connect", "persons")));

    // Links are ordered by recorded day, then by the line's bytes.
    for (std::size_t i = 1; i < demo.links.size(); ++i) {
        const Row &a = demo.links[i - 1];
        const Row &b = demo.links[i];
        ASSERT_TRUE(a[4] < b[4] || (a[4] == b[4] && a <= b)) << a[0] << " " << b[0];
    }

    // Counted references exist in the extract they name.
    std::set<std::string> cmsRefs, connectRefs;
    for (const Row &row : demo.cmsRows)
        cmsRefs.insert(row[0]);
    for (const Row &row : demo.connectRows)
        connectRefs.insert(row[0]);
    for (const std::string &crime : crimes)
        ASSERT_TRUE(cmsRefs.count(crime) || connectRefs.count(crime)) << crime;
}

TEST(DemoGenerator, EveryTrapIsThereAtTwoThousandCrimes)
{
    const Demo &demo = twoThousand();
    const QDate cutover(2017, 12, 4);

    // From the ground truth.
    for (const char *key : {"migrated_crimes", "migrated_original_missing", "claimed_twice"})
        EXPECT_GT(demo.truth.value(QLatin1String(key)).toDouble(), 0) << key;
    for (const char *key : {"offence_class", "outcome", "age"})
        EXPECT_GT(demo.truthInt("conflicts", key), 0) << key;
    for (const auto &reason : demo.truth.value(QStringLiteral("rejected_by_reason")).toObject().keys())
        EXPECT_GT(demo.truthInt("rejected_by_reason", reason.toLatin1().constData()), 0)
            << reason.toStdString();
    EXPECT_EQ(demo.truth.value(QStringLiteral("rejected_by_reason")).toObject().size(), 8);
    EXPECT_GT(demo.truthInt("merged", "persons_in_both"), 0);
    EXPECT_GT(demo.truthInt("ages", "unknown"), 0);
    EXPECT_GT(demo.truthInt("ages", "flagged_zero"), 0);
    for (const auto &trap : demo.truth.value(QStringLiteral("traps")).toObject().keys())
        EXPECT_GT(demo.truthInt("traps", trap.toLatin1().constData()), 0) << trap.toStdString();

    // From the files, read independently.
    struct CmsCrime
    {
        QDate recorded;
        std::string cls;
        std::string disposal;
        std::map<std::string, const Row *> persons; // NOMINAL_NO
    };
    std::map<std::string, CmsCrime> cms;
    int cmsZeroAges = 0, placeholders = 0, blankDobs = 0, dobIsOffenceDay = 0, cmsAfterCutover = 0;
    int cmsShort = 0, cmsBlankRef = 0, cmsUnknownClass = 0, cmsImpossible = 0, cmsNegative = 0, cmsOld = 0;
    int cmsUnknownRole = 0, cmsCommittedAfter = 0, youngOffenders = 0;
    for (const Row &row : demo.cmsRows) {
        if (row.size() != 19) {
            cmsShort += 1;
            continue;
        }
        cmsBlankRef += row[0].empty() ? 1 : 0;
        cmsUnknownClass += row[5] == "999Z" ? 1 : 0;
        cmsImpossible +=
            (row[1] == "31/02/2017" || row[2] == "30/02/2016" || row[11] == "31/04/2009") ? 1 : 0;
        cmsNegative += row[12] == "-3" ? 1 : 0;
        cmsOld += row[12] == "135" ? 1 : 0;
        cmsUnknownRole += row[14] == "INFORMANT" ? 1 : 0;
        youngOffenders += row[14] == "YOUNG OFFENDER" ? 1 : 0;
        const QDate recorded = cmsDate(row[1]);
        const QDate from = cmsDate(row[2]);
        cmsAfterCutover += recorded > cutover ? 1 : 0;
        const QDate to = cmsDate(row[4]);
        cmsCommittedAfter += ((from.isValid() && recorded.isValid() && from > recorded) ||
                              (from.isValid() && to.isValid() && to < from))
                                 ? 1
                                 : 0;
        cmsZeroAges += row[12] == "0" ? 1 : 0;
        placeholders += row[11] == "01/01/1900" ? 1 : 0;
        blankDobs += (row[11].empty() && !row[8].empty()) ? 1 : 0;
        dobIsOffenceDay += (!row[11].empty() && row[11] == row[2] && row[12].empty()) ? 1 : 0;
        CmsCrime &crime = cms[row[0]];
        crime.recorded = recorded;
        crime.cls = normalClass(row[5]);
        crime.disposal = row[15];
        if (!row[8].empty())
            crime.persons[row[8]] = &row;
    }
    EXPECT_GT(cmsShort, 0);
    EXPECT_GT(cmsBlankRef, 0);
    EXPECT_GT(cmsUnknownClass, 0);
    EXPECT_GT(cmsImpossible, 0);
    EXPECT_GT(cmsNegative, 0);
    EXPECT_GT(cmsOld, 0);
    EXPECT_GT(cmsUnknownRole, 0);
    EXPECT_GT(cmsAfterCutover, 0);
    EXPECT_GT(cmsCommittedAfter, 0);
    EXPECT_GT(cmsZeroAges, 0);
    EXPECT_GT(placeholders, 0);
    EXPECT_GT(blankDobs, 0);
    EXPECT_GT(dobIsOffenceDay, 0);
    EXPECT_GT(youngOffenders, 0);

    std::map<std::string, std::set<std::string>> claims; // legacy reference -> occurrences
    int connectLong = 0, connectBlankRef = 0, connectUnknownClass = 0, connectImpossible = 0,
        connectNegative = 0;
    int connectOld = 0, connectUnknownRole = 0, belowAge = 0;
    int migrationDay = 0, corrected = 0, finalised = 0, ageDiffers = 0, ageOnMigrationDay = 0;
    int newAfterCutover = 0, knownInCms = 0;
    for (const Row &row : demo.connectRows) {
        if (row.size() != 19) {
            connectLong += 1;
            continue;
        }
        connectBlankRef += row[0].empty() ? 1 : 0;
        connectUnknownClass += row[5] == "999Z/01" ? 1 : 0;
        connectImpossible +=
            (row[2] == "2017-13-01T10:00:00" || row[3] == "2018-02-30T09:00:00" || row[11] == "2009-04-31")
                ? 1
                : 0;
        connectNegative += row[12] == "-3" ? 1 : 0;
        connectOld += row[12] == "135" ? 1 : 0;
        connectUnknownRole += row[14] == "Complainant" ? 1 : 0;
        belowAge += row[14] == "Responsible - Below Age of Criminal Responsibility" ? 1 : 0;
        const QDate recorded = isoDate(row[2]);
        if (row[1].empty()) {
            newAfterCutover += recorded >= cutover ? 1 : 0;
            knownInCms += (recorded >= cutover && !row[8].empty()) ? 1 : 0;
            continue;
        }
        claims[row[1]].insert(row[0]);
        const auto original = cms.find(row[1]);
        if (original == cms.end())
            continue;
        const CmsCrime &crime = original->second;
        migrationDay += (recorded == cutover && crime.recorded != cutover) ? 1 : 0;
        corrected += normalClass(row[5]) != crime.cls ? 1 : 0;
        finalised += (crime.disposal.empty() && !row[15].empty()) ? 1 : 0;
        const auto person = crime.persons.find(row[8]);
        if (person == crime.persons.end())
            continue;
        const Row &legacy = *person->second;
        ageDiffers += (!legacy[12].empty() && !row[12].empty() && legacy[12] != row[12]) ? 1 : 0;
        // Merge-rules §3: CONNECT must compute the age on its own (migration) recorded day, while CMS
        // knows the person's age on the true one.
        ageOnMigrationDay +=
            (row[12].empty() && row[3].empty() && !row[11].empty() && recorded != crime.recorded &&
             (!legacy[12].empty() || (!legacy[11].empty() && legacy[11] != "01/01/1900")))
                ? 1
                : 0;
    }
    EXPECT_GT(connectLong, 0);
    EXPECT_GT(connectBlankRef, 0);
    EXPECT_GT(connectUnknownClass, 0);
    EXPECT_GT(connectImpossible, 0);
    EXPECT_GT(connectNegative, 0);
    EXPECT_GT(connectOld, 0);
    EXPECT_GT(connectUnknownRole, 0);
    EXPECT_GT(belowAge, 0);
    EXPECT_GT(migrationDay, 0);
    EXPECT_GT(corrected, 0);
    EXPECT_GT(finalised, 0);
    EXPECT_GT(ageDiffers, 0);
    EXPECT_GT(ageOnMigrationDay, 0);
    EXPECT_GT(newAfterCutover, 0);
    EXPECT_GT(knownInCms, 0);

    int matched = 0, orphans = 0, twice = 0;
    for (const auto &[legacy, occurrences] : claims) {
        if (!cms.count(legacy))
            orphans += 1;
        else
            matched += 1;
        twice += (cms.count(legacy) && occurrences.size() > 1) ? 1 : 0;
    }
    EXPECT_EQ(matched, demo.truth.value(QStringLiteral("migrated_crimes")).toInt());
    EXPECT_EQ(orphans, demo.truth.value(QStringLiteral("migrated_original_missing")).toInt());
    EXPECT_EQ(twice, demo.truth.value(QStringLiteral("claimed_twice")).toInt());
}

TEST(DemoGenerator, OffenceMixFollowsTheNationalVolumes)
{
    const Demo &demo = twentyThousand();
    std::map<std::string, std::string> classOfCrime;
    for (const Row &link : demo.links)
        classOfCrime[link[0]] = link[3];
    ASSERT_EQ(classOfCrime.size(), 20000u);
    std::map<std::string, int> byClass;
    for (const auto &entry : classOfCrime)
        byClass[entry.second] += 1;
    const auto top = std::max_element(byClass.begin(), byClass.end(),
                                      [](const auto &a, const auto &b) { return a.second < b.second; });
    EXPECT_TRUE(top->first == "105A" || top->first == "8N") << top->first;
    // 105A is about a tenth of the national volume, shoplifting (46) about 7.5%.
    EXPECT_NEAR(byClass["105A"] / 20000.0, 0.10, 0.015);
    EXPECT_NEAR(byClass["46"] / 20000.0, 0.075, 0.015);
    const auto violent = violentClasses();
    int violence = 0;
    for (const auto &entry : byClass)
        violence += violent.count(entry.first) ? entry.second : 0;
    EXPECT_NEAR(violence / 20000.0, 0.30, 0.04);
}

TEST(DemoGenerator, TheSeedRequestFindsChildren)
{
    const Demo &demo = twentyThousand();
    const auto violent = violentClasses();
    // Children aged 1-9 linked as suspect or offender to violent crimes with outcome 11, committed from
    // January 2016 to January 2018: the seed response's search.
    std::map<std::string, std::vector<int>> ages;
    std::set<std::string> years;    // of the crimes the request finds
    std::set<std::string> allYears; // of every such crime, inside the period or not
    for (const Row &link : demo.links) {
        if (!violent.count(link[3]) || link[6] != "11" || (link[8] != "suspect" && link[8] != "offender"))
            continue;
        if (link[9] == "unknown" || link[9] == "zero")
            continue;
        const int age = std::stoi(link[9]);
        if (age < 1 || age > 9)
            continue;
        allYears.insert(link[4].substr(0, 4));
        if (link[5] < "2016-01-01" || link[5] > "2018-01-31")
            continue;
        ages[link[0]].push_back(age);
        years.insert(link[5].substr(0, 4));
    }
    EXPECT_GE(ages.size(), 5u);
    EXPECT_LE(ages.size(), 40u) << "a realistic small number";
    EXPECT_TRUE(years.count("2016") && years.count("2017"));
    EXPECT_GE(allYears.size(), 3u) << "spread over the years, not bunched";
    int inCms = 0, inConnect = 0, twoAges = 0;
    for (const auto &[crime, childAges] : ages) {
        (crime.rfind("CR/", 0) == 0 ? inCms : inConnect) += 1;
        twoAges += (childAges.size() > 1 && childAges[0] != childAges[1]) ? 1 : 0;
    }
    EXPECT_GT(inCms, 0);
    EXPECT_GT(inConnect, 0) << "counted from a CONNECT occurrence: migrated or recorded after the cutover";
    EXPECT_GT(twoAges, 0);
    // The children's roles in the source files.
    EXPECT_TRUE(demo.cmsBytes.contains(",U10,"));
    EXPECT_TRUE(demo.connectBytes.contains(",OC11,"));
}

TEST(DemoGenerator, WritesTheConnectWorkbookWhenAsked)
{
    DemoOptions options = optionsFor(1000, 2);
    options.connectXlsx = true;
    const auto demo = makeDemo(options);
    ASSERT_FALSE(demo->files.connectXlsx.isEmpty());
    // Read back in the process that wrote it (the import reads workbooks the same way).
    foi::Result<std::unique_ptr<foi::ZipReader>> zip = foi::ZipReader::open(demo->files.connectXlsx);
    ASSERT_TRUE(zip.ok()) << zip.error().toString().toStdString();
    const QStringList entries = (*zip)->entries();
    EXPECT_TRUE(entries.contains(QStringLiteral("xl/worksheets/sheet1.xml")));
    EXPECT_TRUE(entries.contains(QStringLiteral("xl/styles.xml")));
    foi::Result<QByteArray> sheetBytes = (*zip)->read(QStringLiteral("xl/worksheets/sheet1.xml"), 64 << 20);
    ASSERT_TRUE(sheetBytes.ok()) << sheetBytes.error().toString().toStdString();
    const QByteArray sheet = *sheetBytes;
    // Every CSV record is a sheet row, and the dates are date cells (a style, a serial number).
    EXPECT_EQ(sheet.count("<row "), qsizetype(demo->connectRows.size() + 1));
    EXPECT_TRUE(QString::fromUtf8(sheet).contains(
        QRegularExpression(QStringLiteral("<c r=\"C2\" s=\"\\d+\"><v>4\\d{4}"))));
    EXPECT_TRUE(sheet.contains("OCC-"));
    // The CSV and its ground truth do not change with the workbook.
    const auto plain = makeDemo(optionsFor(1000, 2));
    EXPECT_EQ(plain->connectBytes, demo->connectBytes);
    EXPECT_TRUE(plain->files.connectXlsx.isEmpty());
}

TEST(DemoGenerator, LeavesOutBadRowsWhenAsked)
{
    DemoOptions options = optionsFor(1000, 3);
    options.badRows = false;
    const auto demo = makeDemo(options);
    EXPECT_EQ(demo->truth.value(QStringLiteral("rejected_rows")).toInt(-1), 0);
    for (const Row &row : demo->cmsRows)
        ASSERT_EQ(row.size(), 19u);
    for (const Row &row : demo->connectRows)
        ASSERT_EQ(row.size(), 19u);
}

TEST(DemoGenerator, RefusesOptionsThatMakeNoSense)
{
    QTemporaryDir dir;
    DemoOptions options;
    options.crimes = 0;
    EXPECT_FALSE(foi::generateDemo(dir.path(), options).ok());
    options = DemoOptions();
    options.cutover = QDate(2019, 1, 1);
    const auto late = foi::generateDemo(dir.path(), options);
    ASSERT_FALSE(late.ok());
    EXPECT_TRUE(late.error().message.contains(QStringLiteral("cutover")));
}

TEST(DemoGenerator, StopsWhenCancelledAndReportsProgress)
{
    QTemporaryDir dir;
    std::atomic_bool cancel{false};
    double last = 0.0;
    int calls = 0;
    foi::DemoProgress hooks;
    hooks.cancel = &cancel;
    hooks.progress = [&](double fraction) {
        last = fraction;
        calls += 1;
        cancel = true;
    };
    const auto files = foi::generateDemo(dir.path(), optionsFor(10000, 1), hooks);
    ASSERT_FALSE(files.ok());
    EXPECT_TRUE(files.error().message.contains(QStringLiteral("cancelled")));
    EXPECT_EQ(calls, 1);
    EXPECT_GT(last, 0.0);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("cms.csv")))) << "no half-written extract is left";

    const auto whole = foi::generateDemo(dir.path(), optionsFor(200, 1), foi::DemoProgress{[&](double f) {
                                             last = f;
                                         }});
    ASSERT_TRUE(whole.ok());
    EXPECT_DOUBLE_EQ(last, 1.0);
}
