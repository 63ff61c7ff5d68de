// Table-driven import and merge tests: every folder under tests/data/cases holds extracts and a
// case.json saying how to import them and what the register must then hold (or which error the
// import must stop with). Adding a case is adding a folder.

#include "import/Importer.h"
#include "merge/Merger.h"
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QDate>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

QString resolve(const QString &caseDir, const QString &name)
{
    if (name.startsWith(QStringLiteral("shared:")))
        return test::sharedPath(name.mid(7));
    if (name.startsWith(QStringLiteral("docs:")))
        return QStringLiteral(FOI_SOURCE_DIR "/docs/") + name.mid(5);
    return QDir(caseDir).filePath(name);
}

/// Every key of `expected` is in `actual` with an equal value; objects are compared the same way, deeply.
void expectSubset(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    if (expected.isObject()) {
        ASSERT_TRUE(actual.isObject()) << path.toStdString() << " is not an object";
        const QJsonObject e = expected.toObject(), a = actual.toObject();
        for (auto it = e.constBegin(); it != e.constEnd(); ++it)
            expectSubset(it.value(), a.value(it.key()), path + QLatin1Char('.') + it.key());
        if (e.isEmpty()) {
            EXPECT_TRUE(a.isEmpty()) << path.toStdString() << " should be empty: "
                                     << QJsonDocument(a).toJson(QJsonDocument::Compact).toStdString();
        }
        return;
    }
    EXPECT_EQ(expected.toVariant(), actual.toVariant()) << path.toStdString();
}

QString dayOrNull(qint32 julian)
{
    return julian == 0 ? QString() : QDate::fromJulianDay(julian).toString(Qt::ISODate);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonValue orNull(qint64 n)
{
    return n < 0 ? QJsonValue() : QJsonValue(n);
}

QStringList sortedJson(const QJsonArray &array)
{
    QStringList out;
    for (const QJsonValue &v : array)
        out << QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    out.sort();
    return out;
}

void runCase(const QString &caseDir)
{
    const QJsonObject spec =
        QJsonDocument::fromJson(test::readAll(QDir(caseDir).filePath(QStringLiteral("case.json")))).object();
    ASSERT_FALSE(spec.isEmpty()) << "case.json is missing or not JSON";

    QVector<ImportItem> items;
    for (const QJsonValue &v : spec.value(QStringLiteral("imports")).toArray()) {
        const QJsonObject imp = v.toObject();
        QString profileName = imp.value(QStringLiteral("profile")).toString();
        if (profileName.startsWith(QStringLiteral("docs:")))
            profileName = resolve(caseDir, profileName);
        Result<SourceProfile> profile = SourceProfile::load(profileName);
        ASSERT_TRUE(profile.ok()) << profile.error().toString().toStdString();
        items << ImportItem{*profile, resolve(caseDir, imp.value(QStringLiteral("file")).toString())};
    }

    QTemporaryDir tmp;
    Result<std::unique_ptr<Register>> reg =
        Register::open(test::registerAt(tmp, QStringLiteral("register.sqlite")));
    ASSERT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    Result<ImportSummary> summary = Importer::run(**reg, items);

    if (spec.contains(QStringLiteral("error"))) {
        const QJsonObject e = spec.value(QStringLiteral("error")).toObject();
        ASSERT_FALSE(summary.ok()) << "the import should have been refused";
        const Error &err = summary.error();
        EXPECT_EQ(err.file, e.value(QStringLiteral("file")).toString()) << err.toString().toStdString();
        if (e.contains(QStringLiteral("line"))) {
            EXPECT_EQ(err.line, e.value(QStringLiteral("line")).toInteger()) << err.toString().toStdString();
        }
        if (e.contains(QStringLiteral("field"))) {
            EXPECT_EQ(err.field, e.value(QStringLiteral("field")).toString()) << err.toString().toStdString();
        }
        EXPECT_TRUE(err.message.contains(e.value(QStringLiteral("message")).toString()))
            << err.toString().toStdString();
        // Nothing of a refused import stays.
        Result<QVector<ImportBatch>> imports = (*reg)->imports();
        ASSERT_TRUE(imports.ok());
        EXPECT_TRUE(imports->isEmpty());
        int links = 0;
        ASSERT_TRUE((*reg)->forEachLink([&](const StoredLink &) { return ++links, true; }).ok());
        EXPECT_EQ(links, 0);
        return;
    }
    ASSERT_TRUE(summary.ok()) << summary.error().toString().toStdString();

    Result<MergeReport> report = (*reg)->mergeReport();
    ASSERT_TRUE(report.ok());
    const QJsonObject reportJson = report->toJson();
    if (spec.contains(QStringLiteral("report")))
        expectSubset(spec.value(QStringLiteral("report")), reportJson, QStringLiteral("report"));

    Result<MergeResult> merged = Merger::compute(**reg);
    ASSERT_TRUE(merged.ok()) << merged.error().toString().toStdString();
    const QVector<MergedCrime> *crimes = &merged->crimes;
    const QVector<MergedLink> *links = &merged->links;
    QHash<qint64, QString> refOf;
    QJsonArray actualCrimes;
    QHash<QString, int> byCategory;
    for (const MergedCrime &c : *crimes) {
        refOf.insert(c.id, c.crimeRef);
        actualCrimes.append(
            QJsonObject{{QStringLiteral("crime"), c.crimeRef},
                        {QStringLiteral("system"), c.system},
                        {QStringLiteral("migrated"), c.migrated},
                        {QStringLiteral("offence_class"), orNull(c.offenceCode)},
                        {QStringLiteral("recorded"), dayOrNull(c.recorded)},
                        {QStringLiteral("committed_from"), orNull(dayOrNull(c.committedFrom))},
                        {QStringLiteral("outcome"), orNull(qint64(c.outcome))}});
        byCategory[c.offenceCategory]++;
    }
    if (spec.contains(QStringLiteral("crimes"))) {
        EXPECT_EQ(sortedJson(spec.value(QStringLiteral("crimes")).toArray()), sortedJson(actualCrimes));
    }

    if (spec.contains(QStringLiteral("crime_count_by_category"))) {
        const QJsonObject e = spec.value(QStringLiteral("crime_count_by_category")).toObject();
        for (auto it = e.constBegin(); it != e.constEnd(); ++it)
            EXPECT_EQ(byCategory.value(it.key()), it.value().toInt()) << it.key().toStdString();
    }

    if (spec.contains(QStringLiteral("links"))) {
        // Person labels in case.json are names for the test: the same label must be the same merged
        // person, different labels different persons.
        QJsonArray expectedLinks = spec.value(QStringLiteral("links")).toArray();
        QJsonArray actualLinks;
        QHash<qint64, QString> labelOfPerson;
        for (const MergedLink &l : *links) {
            actualLinks.append(QJsonObject{{QStringLiteral("crime"), refOf.value(l.crimeId)},
                                           {QStringLiteral("role"), roleName(l.role)},
                                           {QStringLiteral("age"), orNull(qint64(l.age))},
                                           {QStringLiteral("sex"), sexName(l.sex)},
                                           {QStringLiteral("person"), QString::number(l.personId)}});
        }
        ASSERT_EQ(expectedLinks.size(), actualLinks.size());
        // Match each expected link to an actual one with the same fields, then check the person labels.
        QHash<QString, QString> personOfLabel, labelOfActual;
        QVector<bool> used(actualLinks.size(), false);
        for (const QJsonValue &ev : expectedLinks) {
            QJsonObject e = ev.toObject();
            const QString label = e.take(QStringLiteral("person")).toString();
            bool found = false;
            for (int i = 0; i < actualLinks.size() && !found; ++i) {
                QJsonObject a = actualLinks.at(i).toObject();
                const QString person = a.take(QStringLiteral("person")).toString();
                if (used[i] || a != e)
                    continue;
                used[i] = found = true;
                EXPECT_EQ(personOfLabel.value(label, person), person) << "person " << label.toStdString();
                EXPECT_EQ(labelOfActual.value(person, label), label) << "person " << label.toStdString();
                personOfLabel.insert(label, person);
                labelOfActual.insert(person, label);
            }
            EXPECT_TRUE(found) << "no merged link like "
                               << QJsonDocument(ev.toObject()).toJson(QJsonDocument::Compact).toStdString();
        }
    }

    if (spec.contains(QStringLiteral("rejects"))) {
        QJsonArray actual;
        for (const RejectListing &r : report->rejects)
            actual.append(QJsonObject{{QStringLiteral("file"), r.file},
                                      {QStringLiteral("line"), r.line},
                                      {QStringLiteral("field"), r.field},
                                      {QStringLiteral("reason"), r.reason}});
        EXPECT_EQ(sortedJson(spec.value(QStringLiteral("rejects")).toArray()), sortedJson(actual));
    }

    if (spec.contains(QStringLiteral("issues"))) {
        QJsonArray actual;
        for (const MergeIssue &i : report->issues) {
            QJsonObject o{{QStringLiteral("kind"), i.kind}, {QStringLiteral("crime"), i.crimeRef}};
            if (!i.otherRef.isEmpty())
                o.insert(QStringLiteral("other"), i.otherRef);
            if (i.kind != QStringLiteral("conflict"))
                actual.append(o);
        }
        EXPECT_EQ(sortedJson(spec.value(QStringLiteral("issues")).toArray()), sortedJson(actual));
    }
}

class ImportMergeCase : public ::testing::TestWithParam<QString>
{};

QStringList caseNames()
{
    return QDir(test::dataPath(QStringLiteral("cases")))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

TEST_P(ImportMergeCase, RegisterHoldsWhatTheCaseExpects)
{
    runCase(test::dataPath(QStringLiteral("cases/") + GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Cases, ImportMergeCase, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<QString> &param) {
                             QString name = param.param;
                             name.replace(QLatin1Char('-'), QLatin1Char('_'));
                             return name.toStdString();
                         });

TEST(ImportMergeCases, ThereAreCases)
{
    EXPECT_GE(caseNames().size(), 10);
}
