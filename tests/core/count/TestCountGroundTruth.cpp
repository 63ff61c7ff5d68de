// The seed's request counted over a demo register, against a count made here, independently, from the
// generator's own list of the links the merged register must hold (ground-truth-links.csv).

#include "count/Counter.h"
#include "demo/DemoGenerator.h"
#include "import/Importer.h"
#include "import/SourceProfile.h"
#include "reference/Classification.h"
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace foi;

namespace {

struct TruthLink
{
    QString crime;
    QString offenceClass;
    QDate recorded;
    QDate committed;
    int outcome = -1;
    QString role;
    int age = -1; ///< -1 unknown or flagged zero
};

class SeedOnDemo : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        DemoOptions options;
        options.crimes = 30000;
        options.seed = 20180207;
        Result<DemoFiles> files = generateDemo(s_dir->path(), options);
        ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
        s_files = new DemoFiles(*files);
        Result<std::unique_ptr<Register>> reg = Register::open(s_dir->filePath(QStringLiteral("r.sqlite")));
        ASSERT_TRUE(reg.ok());
        Result<SourceProfile> cms = SourceProfile::load(QStringLiteral("cms"));
        Result<SourceProfile> connect = SourceProfile::load(QStringLiteral("connect"));
        ASSERT_TRUE(cms.ok() && connect.ok());
        Result<ImportSummary> summary =
            Importer::run(**reg, {ImportItem{*cms, files->cmsCsv}, ImportItem{*connect, files->connectCsv}});
        ASSERT_TRUE(summary.ok()) << summary.error().toString().toStdString();
        Result<CountingFrame> frame = CountingFrame::load(**reg);
        ASSERT_TRUE(frame.ok());
        s_frame = new CountingFrame(std::move(*frame));
    }

    static void TearDownTestSuite()
    {
        delete s_frame;
        delete s_files;
        delete s_dir;
        s_frame = nullptr;
        s_files = nullptr;
        s_dir = nullptr;
    }

    static std::vector<TruthLink> truthLinks()
    {
        std::vector<TruthLink> out;
        const QStringList lines = QString::fromUtf8(test::readAll(s_files->groundTruthLinks))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList f = lines[i].split(QLatin1Char(','));
            TruthLink l;
            l.crime = f[0] + QLatin1Char('/') + f[1];
            l.offenceClass = f[3];
            l.recorded = QDate::fromString(f[4], Qt::ISODate);
            l.committed = f[5].isEmpty() ? l.recorded : QDate::fromString(f[5], Qt::ISODate);
            l.outcome = f[6].isEmpty() ? -1 : f[6].toInt();
            l.role = f[8];
            bool isNumber = false;
            const int age = f[9].toInt(&isNumber);
            l.age = isNumber ? age : -1;
            out.push_back(l);
        }
        return out;
    }

    static Request seedRequest()
    {
        Request r;
        r.reference = QStringLiteral("20180207");
        r.criteria.from = QDate(2016, 1, 1);
        r.criteria.to = QDate(2018, 1, 31);
        r.criteria.ageMin = 1;
        r.criteria.ageMax = 9;
        r.criteria.roles = {Role::Suspect, Role::Offender};
        r.criteria.outcomes = {11};
        r.criteria.offenceGroups = {QStringLiteral("Violence against the person")};
        r.unit = CountUnit::Crimes;
        r.tables << TableSpec{QStringLiteral("Offences by Home Office offence class"),
                              Dimension::OffenceClass, std::nullopt}
                 << TableSpec{QStringLiteral("Offences by age of the child"), Dimension::Age, std::nullopt};
        r.protection.threshold = 5;
        return r;
    }

    static QTemporaryDir *s_dir;
    static DemoFiles *s_files;
    static CountingFrame *s_frame;
};

QTemporaryDir *SeedOnDemo::s_dir = nullptr;
DemoFiles *SeedOnDemo::s_files = nullptr;
CountingFrame *SeedOnDemo::s_frame = nullptr;

std::map<QString, qint64> countsOf(const CountTable &t)
{
    std::map<QString, qint64> m;
    for (qsizetype i = 0; i < t.rows.size(); ++i)
        m[t.rows[i].key] = t.cell(int(i));
    return m;
}

} // namespace

TEST_F(SeedOnDemo, TheSeedRequestAgreesWithTheGroundTruth)
{
    ASSERT_NE(s_frame, nullptr);
    const Classification &classification = Classification::builtIn();
    std::map<QString, std::set<QString>> crimesByClass;
    std::map<QString, std::set<QString>> crimesByAge;
    std::set<QString> crimes;
    for (const TruthLink &l : truthLinks()) {
        if (l.committed < QDate(2016, 1, 1) || l.committed > QDate(2018, 1, 31) || l.outcome != 11)
            continue;
        if (l.role != QLatin1String("suspect") && l.role != QLatin1String("offender"))
            continue;
        if (l.age < 1 || l.age > 9)
            continue;
        Result<Offence> o = classification.resolve(l.offenceClass, l.recorded);
        ASSERT_TRUE(o.ok()) << l.offenceClass.toStdString();
        if (o->group != QLatin1String("Violence against the person"))
            continue;
        crimes.insert(l.crime);
        crimesByClass[o->code].insert(l.crime);
        crimesByAge[QString::number(l.age)].insert(l.crime);
    }
    ASSERT_GE(crimes.size(), 10u) << "the demo world should hold enough children for the seed's tables";

    Result<CountResult> res = countRequest(*s_frame, seedRequest());
    ASSERT_TRUE(res.ok());
    ASSERT_EQ(res->tables.size(), 2);
    std::map<QString, qint64> expectClass;
    for (const auto &[k, v] : crimesByClass)
        expectClass[k] = qint64(v.size());
    std::map<QString, qint64> expectAge;
    for (const auto &[k, v] : crimesByAge)
        expectAge[k] = qint64(v.size());
    EXPECT_EQ(countsOf(res->tables[0]), expectClass);
    EXPECT_EQ(countsOf(res->tables[1]), expectAge);
    EXPECT_EQ(res->tables[0].total, qint64(crimes.size()));
    EXPECT_EQ(res->tables[1].total, qint64(crimes.size()));
    EXPECT_EQ(res->summary.crimes, qint64(crimes.size()));
}

TEST_F(SeedOnDemo, WithoutAPeriodTheCountIsTheGeneratorsChildSuspectCrimes)
{
    ASSERT_NE(s_frame, nullptr);
    const QJsonObject truth = QJsonDocument::fromJson(test::readAll(s_files->groundTruth)).object();
    const QJsonObject traps = truth.value(QStringLiteral("traps")).toObject();
    Request r = seedRequest();
    r.criteria.from = QDate();
    r.criteria.to = QDate();
    Result<CountResult> res = countRequest(*s_frame, r);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(res->tables[0].total, traps.value(QStringLiteral("child_suspect_crimes")).toInteger(-1));
    // Crimes with two children of different ages make the age rows sum to more than the total.
    const qint64 twoChildren = traps.value(QStringLiteral("child_suspect_crimes_two_children")).toInteger(-1);
    ASSERT_GE(twoChildren, 0);
    qint64 rowSum = 0;
    for (qint64 v : res->tables[1].cells)
        rowSum += v;
    EXPECT_GE(rowSum, res->tables[1].total);
    EXPECT_LE(rowSum, res->tables[1].total + twoChildren);
    EXPECT_EQ(res->tables[1].rowsOverlap, rowSum > res->tables[1].total);
}

TEST_F(SeedOnDemo, EveryUnitAndDimensionCountsEveryMatchingRecordOnce)
{
    ASSERT_NE(s_frame, nullptr);
    // Without criteria, each one-way table's total is the whole register in that unit, and the rows of a
    // dimension of the crime (offence, date, system) add up to it exactly.
    const std::vector<std::pair<Dimension, bool>> dimensions = {
        {Dimension::OffenceGroup, false}, {Dimension::OffenceSubgroup, false},
        {Dimension::OffenceClass, false}, {Dimension::Year, false},
        {Dimension::Month, false},        {Dimension::System, false},
        {Dimension::Age, true},           {Dimension::Sex, true}};
    for (CountUnit unit : {CountUnit::Crimes, CountUnit::Links, CountUnit::Persons}) {
        Request r;
        r.reference = QStringLiteral("all");
        r.unit = unit;
        for (const auto &[d, personal] : dimensions)
            r.tables << TableSpec{QStringLiteral("t"), d, std::nullopt};
        r.tables << TableSpec{QStringLiteral("two-way"), Dimension::OffenceGroup, Dimension::Age};
        Result<CountResult> res = countRequest(*s_frame, r);
        ASSERT_TRUE(res.ok());
        if (unit == CountUnit::Crimes) {
            std::set<QString> all;
            for (const TruthLink &l : truthLinks())
                all.insert(l.crime);
            EXPECT_EQ(res->summary.crimes, qint64(all.size()));
        }
        const qint64 expected = unit == CountUnit::Crimes  ? res->summary.crimes
                                : unit == CountUnit::Links ? res->summary.links
                                                           : res->summary.persons;
        for (qsizetype i = 0; i < res->tables.size(); ++i) {
            const CountTable &t = res->tables[i];
            EXPECT_EQ(t.total, expected) << "unit " << int(unit) << " table " << i;
            qint64 sum = 0;
            for (qint64 v : t.cells)
                sum += v;
            // A crime has one offence, day and system; a person can be in many crimes, and a crime can
            // hold people of several ages.
            const bool crimeDimension = i < qsizetype(dimensions.size()) && !dimensions[size_t(i)].second;
            const bool exact = unit != CountUnit::Persons && crimeDimension;
            if (exact)
                EXPECT_EQ(sum, t.total) << "unit " << int(unit) << " table " << i;
            else
                EXPECT_GE(sum, t.total) << "unit " << int(unit) << " table " << i;
        }
        // The two-way table's margins are its one-way tables.
        const CountTable &two = res->tables.last();
        const CountTable &groups = res->tables[0];
        ASSERT_EQ(two.rows.size(), groups.rows.size());
        for (qsizetype row = 0; row < two.rows.size(); ++row)
            EXPECT_EQ(two.rowTotals[size_t(row)], groups.cell(int(row)));
    }
}
