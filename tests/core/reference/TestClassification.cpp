#include "reference/Classification.h"
#include "support/Printers.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using foi::Classification;
using foi::ClassificationVersion;
using foi::Offence;
using foi::OffenceLevel;

namespace {

const Classification &builtIn()
{
    return Classification::builtIn();
}

QString versionOf(const QString &code, const QDate &day)
{
    const ClassificationVersion *version = builtIn().resolvingVersion(code, day);
    return version ? version->id : QString();
}

QStringList codesOf(const QVector<Offence> &offences)
{
    QStringList codes;
    for (const Offence &offence : offences)
        codes.append(offence.code);
    return codes;
}

const ClassificationVersion &version(const QString &id)
{
    const ClassificationVersion *found = builtIn().findVersion(id);
    EXPECT_NE(found, nullptr) << id.toStdString();
    return found ? *found : builtIn().versions().constFirst();
}

const QByteArray kHeader =
    "offence_code,offence_description,offence_group,offence_subgroup,police_uk_category\n";

/// A classification folder written by a test: an index and its CSV files.
class Folder
{
public:
    Folder() { EXPECT_TRUE(m_dir.isValid()); }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes) const { foi::test::writeAll(path(name), bytes); }

    /// An index of versions "id=yyyy-MM-dd=file" in the order given.
    void writeIndex(const QStringList &versions) const
    {
        QByteArray json = "{\"versions\": [";
        for (int i = 0; i < versions.size(); ++i) {
            const QStringList parts = versions.at(i).split(u'=');
            json +=
                (i ? ",\n" : "\n") + QStringLiteral(R"({"id": "%1", "effective_from": "%2", "file": "%3"})")
                                         .arg(parts.at(0), parts.at(1), parts.at(2))
                                         .toUtf8();
        }
        json += "\n]}\n";
        write(QStringLiteral("index.json"), json);
    }

    foi::Result<Classification> load() const
    {
        return Classification::loadFromIndex(path(QStringLiteral("index.json")));
    }

private:
    QTemporaryDir m_dir;
};

} // namespace

TEST(Classification, BuiltInHasTheThreeYears)
{
    const auto &versions = builtIn().versions();
    ASSERT_EQ(versions.size(), 3);
    EXPECT_EQ(versions.at(0).id, QStringLiteral("2016/17"));
    EXPECT_EQ(versions.at(0).effectiveFrom, QDate(2016, 4, 1));
    EXPECT_EQ(versions.at(1).id, QStringLiteral("2017/18"));
    EXPECT_EQ(versions.at(1).effectiveFrom, QDate(2017, 4, 1));
    EXPECT_EQ(versions.at(2).id, QStringLiteral("2018/19"));
    EXPECT_EQ(versions.at(2).effectiveFrom, QDate(2018, 4, 1));
    EXPECT_EQ(versions.at(1).fileName, QStringLiteral("ho-2017-18.csv"));
    // The derived versions say so.
    EXPECT_TRUE(versions.at(0).notes.startsWith(QStringLiteral("Derived by hand")));
    EXPECT_TRUE(versions.at(2).notes.startsWith(QStringLiteral("Derived by hand")));
    EXPECT_FALSE(versions.at(1).notes.isEmpty());
}

TEST(Classification, BuiltIn2017IsTheSharedOfficialFile)
{
    EXPECT_EQ(foi::test::readAll(QStringLiteral(":/reference/classification/ho-2017-18.csv")),
              foi::test::readAll(
                  foi::test::sharedPath(QStringLiteral("reference/ho-offence-classification-2017-18.csv"))));
    EXPECT_EQ(version(QStringLiteral("2017/18")).offences.size(), 135);
}

TEST(Classification, Resolves2016BurglaryCodesAsLiveCodes)
{
    const auto offence = builtIn().resolve(QStringLiteral("28A"), QDate(2016, 6, 1));
    ASSERT_TRUE(offence.ok()) << offence.error().toString().toStdString();
    EXPECT_EQ(offence->code, QStringLiteral("28A"));
    EXPECT_EQ(offence->description, QStringLiteral("Burglary in a dwelling"));
    EXPECT_EQ(offence->group, QStringLiteral("Theft offences"));
    EXPECT_EQ(offence->subgroup, QStringLiteral("Domestic burglary"));
    EXPECT_EQ(offence->policeUkCategory, QStringLiteral("Burglary"));
    EXPECT_EQ(versionOf(QStringLiteral("28A"), QDate(2016, 6, 1)), QStringLiteral("2016/17"));

    const auto business = builtIn().resolve(QStringLiteral("30A"), QDate(2017, 3, 31));
    ASSERT_TRUE(business.ok());
    EXPECT_EQ(business->description, QStringLiteral("Burglary in a building other than a dwelling"));
    EXPECT_EQ(business->subgroup, QStringLiteral("Non-domestic burglary"));

    // The same code a day later is the outcome-only code of 2017/18.
    const auto outcomeOnly = builtIn().resolve(QStringLiteral("28A"), QDate(2017, 4, 1));
    ASSERT_TRUE(outcomeOnly.ok());
    EXPECT_EQ(outcomeOnly->description, QStringLiteral("Burglary in a dwelling(outcome only)"));
}

TEST(Classification, Resolves2018Codes)
{
    const auto offence = builtIn().resolve(QStringLiteral("28E"), QDate(2018, 6, 1));
    ASSERT_TRUE(offence.ok()) << offence.error().toString().toStdString();
    EXPECT_EQ(offence->description, QStringLiteral("Burglary Residential"));
    EXPECT_EQ(offence->subgroup, QStringLiteral("Domestic burglary"));
    EXPECT_EQ(versionOf(QStringLiteral("28E"), QDate(2018, 6, 1)), QStringLiteral("2018/19"));

    const auto business = builtIn().resolve(QStringLiteral("31A"), QDate(2018, 6, 1));
    ASSERT_TRUE(business.ok());
    EXPECT_EQ(business->subgroup, QStringLiteral("Non-domestic burglary"));
}

TEST(Classification, RetiredCodeResolvesThroughTheNearestOlderVersion)
{
    // 28A is no longer in 2018/19, but an extract may still carry it on a later day.
    const auto offence = builtIn().resolve(QStringLiteral("28A"), QDate(2019, 6, 1));
    ASSERT_TRUE(offence.ok()) << offence.error().toString().toStdString();
    EXPECT_EQ(offence->subgroup, QStringLiteral("Domestic burglary"));
    EXPECT_EQ(versionOf(QStringLiteral("28A"), QDate(2019, 6, 1)), QStringLiteral("2017/18"));
    EXPECT_EQ(versionOf(QStringLiteral("31"), QDate(2018, 4, 1)), QStringLiteral("2017/18"));
}

TEST(Classification, CodeNotYetIntroducedResolvesThroughTheNearestNewerVersion)
{
    // 28E began on 1 April 2017; a record dated before (a keying error, a back-record) still resolves.
    const auto offence = builtIn().resolve(QStringLiteral("28E"), QDate(2016, 6, 1));
    ASSERT_TRUE(offence.ok()) << offence.error().toString().toStdString();
    EXPECT_EQ(offence->description, QStringLiteral("Burglary Residential"));
    EXPECT_EQ(versionOf(QStringLiteral("28E"), QDate(2016, 6, 1)), QStringLiteral("2017/18"));
    EXPECT_EQ(versionOf(QStringLiteral("28E"), QDate(2010, 1, 1)), QStringLiteral("2017/18"));
}

TEST(Classification, SubgroupMovedIn2018)
{
    const auto in2017 = builtIn().resolve(QStringLiteral("4.4"), QDate(2017, 6, 1));
    const auto in2018 = builtIn().resolve(QStringLiteral("4.4"), QDate(2018, 6, 1));
    ASSERT_TRUE(in2017.ok());
    ASSERT_TRUE(in2018.ok());
    EXPECT_EQ(in2017->subgroup, QStringLiteral("Violence with injury"));
    EXPECT_EQ(in2018->subgroup, QStringLiteral("Death or serious injury caused by unlawful driving"));
    EXPECT_EQ(in2017->group, in2018->group);
    EXPECT_EQ(in2017->description, in2018->description);

    const auto aggravatedTaking = builtIn().resolve(QStringLiteral("37.1"), QDate(2019, 1, 31));
    ASSERT_TRUE(aggravatedTaking.ok());
    EXPECT_EQ(aggravatedTaking->subgroup,
              QStringLiteral("Death or serious injury caused by unlawful driving"));
    // Codes not moved keep their subgroup.
    const auto assault = builtIn().resolve(QStringLiteral("8N"), QDate(2018, 6, 1));
    ASSERT_TRUE(assault.ok());
    EXPECT_EQ(assault->subgroup, QStringLiteral("Violence with injury"));
}

TEST(Classification, UnknownCodeIsAnErrorNamingIt)
{
    const auto offence = builtIn().resolve(QStringLiteral("999Z"), QDate(2018, 6, 1));
    ASSERT_FALSE(offence.ok());
    EXPECT_EQ(offence.error().message, QStringLiteral("unknown Home Office offence class '999Z'"));
    // The caller knows the file, line and field.
    EXPECT_TRUE(offence.error().file.isEmpty());
    EXPECT_EQ(offence.error().line, 0);
    EXPECT_TRUE(offence.error().field.isEmpty());
    EXPECT_FALSE(builtIn().isKnown(QStringLiteral("999Z")));
    EXPECT_EQ(builtIn().resolvingVersion(QStringLiteral("999Z"), QDate(2018, 6, 1)), nullptr);

    // Named as written, so that the officer can find it in the file.
    const auto padded = builtIn().resolve(QStringLiteral(" 0999z "), QDate(2018, 6, 1));
    ASSERT_FALSE(padded.ok());
    EXPECT_EQ(padded.error().message, QStringLiteral("unknown Home Office offence class '0999z'"));
    EXPECT_FALSE(builtIn().resolve(QString(), QDate(2018, 6, 1)).ok());
}

TEST(Classification, NormaliseCode)
{
    const std::pair<const char *, const char *> cases[] = {
        {"008N", "8N"},
        {"004.1", "4.1"},
        {"004.10", "4.10"},
        {"001", "1"},
        {"105a", "105A"},
        {" 10D ", "10D"},
        {"8N", "8N"},
        {"37.2", "37.2"},
        {"0", "0"},
        {"000", "0"},
        {"AF", "AF"},
        {"CIFAS", "CIFAS"},
        {"FFA UK", "FFA UK"},
        {" UK Finance ", "UK Finance"},
        {"", ""},
        {"   ", ""},
        {"802", "802"},
        {"0802", "802"},
        {"88e", "88E"},
        {"\t028A\r", "28A"},
    };
    for (const auto &[raw, expected] : cases)
        EXPECT_EQ(Classification::normaliseCode(QString::fromUtf8(raw)), QString::fromUtf8(expected)) << raw;
}

TEST(Classification, ResolveAndIsKnownNormaliseTheCode)
{
    const auto offence = builtIn().resolve(QStringLiteral("008n"), QDate(2017, 6, 1));
    ASSERT_TRUE(offence.ok());
    EXPECT_EQ(offence->code, QStringLiteral("8N"));
    EXPECT_TRUE(builtIn().isKnown(QStringLiteral("004.10")));
    EXPECT_TRUE(builtIn().isKnown(QStringLiteral("UK Finance")));
    // 4.1 and 4.10 are different offences.
    EXPECT_EQ(builtIn().resolve(QStringLiteral("4.1"), QDate(2017, 6, 1))->description,
              QStringLiteral("Manslaughter"));
    EXPECT_EQ(builtIn().resolve(QStringLiteral("4.10"), QDate(2017, 6, 1))->description,
              QStringLiteral("Corporate manslaughter"));
}

TEST(Classification, VersionAt)
{
    EXPECT_EQ(builtIn().versionAt(QDate(2010, 1, 1)).id, QStringLiteral("2016/17"));
    EXPECT_EQ(builtIn().versionAt(QDate(2016, 4, 1)).id, QStringLiteral("2016/17"));
    EXPECT_EQ(builtIn().versionAt(QDate(2017, 3, 31)).id, QStringLiteral("2016/17"));
    EXPECT_EQ(builtIn().versionAt(QDate(2017, 4, 1)).id, QStringLiteral("2017/18"));
    EXPECT_EQ(builtIn().versionAt(QDate(2018, 3, 31)).id, QStringLiteral("2017/18"));
    EXPECT_EQ(builtIn().versionAt(QDate(2018, 4, 1)).id, QStringLiteral("2018/19"));
    EXPECT_EQ(builtIn().versionAt(QDate(2030, 1, 1)).id, QStringLiteral("2018/19"));
    EXPECT_EQ(builtIn().versionAt(QDate()).id, QStringLiteral("2018/19"));
    EXPECT_EQ(builtIn().findVersion(QStringLiteral("2019/20")), nullptr);
}

TEST(Classification, FindsNamesCaseInsensitively)
{
    const auto group =
        builtIn().canonicalName(OffenceLevel::Group, QStringLiteral("violence AGAINST the person"));
    ASSERT_TRUE(group.ok());
    EXPECT_EQ(*group, QStringLiteral("Violence against the person"));

    const auto subgroup = builtIn().canonicalName(
        OffenceLevel::Subgroup, QStringLiteral(" death or serious injury caused by unlawful driving"));
    ASSERT_TRUE(subgroup.ok());
    EXPECT_EQ(*subgroup, QStringLiteral("Death or serious injury caused by unlawful driving"));

    const auto category = builtIn().canonicalName(OffenceLevel::PoliceUkCategory, QStringLiteral("burglary"));
    ASSERT_TRUE(category.ok());
    EXPECT_EQ(*category, QStringLiteral("Burglary"));

    const auto unknown = builtIn().canonicalName(OffenceLevel::Group, QStringLiteral("Violense"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message, QStringLiteral("unknown offence group 'Violense'"));
    const auto wrongLevel = builtIn().canonicalName(OffenceLevel::Subgroup, QStringLiteral("Theft offences"));
    ASSERT_FALSE(wrongLevel.ok());
    EXPECT_EQ(wrongLevel.error().message, QStringLiteral("unknown offence subgroup 'Theft offences'"));
}

TEST(Classification, ListsTheOffencesOfAGroupSubgroupOrCategory)
{
    const QStringList unlawfulDriving{QStringLiteral("4.4"), QStringLiteral("4.6"), QStringLiteral("4.8"),
                                      QStringLiteral("4.9"), QStringLiteral("37.1")};
    const QString driving = QStringLiteral("death or serious injury caused by unlawful driving");
    EXPECT_EQ(codesOf(version(QStringLiteral("2018/19")).offencesIn(OffenceLevel::Subgroup, driving)),
              unlawfulDriving);
    EXPECT_TRUE(version(QStringLiteral("2017/18")).offencesIn(OffenceLevel::Subgroup, driving).isEmpty());

    EXPECT_EQ(
        codesOf(
            version(QStringLiteral("2017/18")).offencesIn(OffenceLevel::Group, QStringLiteral("robbery"))),
        (QStringList{QStringLiteral("34A"), QStringLiteral("34B")}));

    const QStringList burglary2016{QStringLiteral("28A"), QStringLiteral("28B"), QStringLiteral("28C"),
                                   QStringLiteral("28D"), QStringLiteral("29"),  QStringLiteral("30A"),
                                   QStringLiteral("30B"), QStringLiteral("31")};
    EXPECT_EQ(codesOf(version(QStringLiteral("2016/17"))
                          .offencesIn(OffenceLevel::PoliceUkCategory, QStringLiteral("Burglary"))),
              burglary2016);
    EXPECT_EQ(version(QStringLiteral("2017/18"))
                  .offencesIn(OffenceLevel::PoliceUkCategory, QStringLiteral("Burglary"))
                  .size(),
              16);
    EXPECT_EQ(version(QStringLiteral("2018/19"))
                  .offencesIn(OffenceLevel::PoliceUkCategory, QStringLiteral("Burglary"))
                  .size(),
              8);
}

TEST(Classification, ListsNames)
{
    const QStringList groups = builtIn().groups();
    EXPECT_EQ(groups,
              (QStringList{QStringLiteral("Criminal damage and arson"), QStringLiteral("Drug offences"),
                           QStringLiteral("Fraud offences"), QStringLiteral("Miscellaneous crimes"),
                           QStringLiteral("Possession of weapons offences"),
                           QStringLiteral("Public order offences"), QStringLiteral("Robbery"),
                           QStringLiteral("Sexual offences"), QStringLiteral("Theft offences"),
                           QStringLiteral("Violence against the person")}));

    const QStringList subgroups = builtIn().subgroups();
    EXPECT_TRUE(subgroups.contains(QStringLiteral("Death or serious injury caused by unlawful driving")));
    EXPECT_TRUE(subgroups.contains(QStringLiteral("Domestic burglary")));
    EXPECT_EQ(QSet<QString>(subgroups.cbegin(), subgroups.cend()).size(), subgroups.size());
    EXPECT_FALSE(version(QStringLiteral("2017/18"))
                     .names(OffenceLevel::Subgroup)
                     .contains(QStringLiteral("Death or serious injury caused by unlawful driving")));

    const QStringList categories = builtIn().policeUkCategories();
    EXPECT_EQ(categories.size(), 13);
    EXPECT_TRUE(categories.contains(QStringLiteral("Violence and Sexual Offences")));
}

TEST(Classification, EveryOffenceOfEveryVersionIsComplete)
{
    for (const ClassificationVersion &v : builtIn().versions()) {
        EXPECT_GT(v.offences.size(), 100) << v.id.toStdString();
        for (const Offence &offence : v.offences) {
            const std::string where = v.id.toStdString() + " " + offence.code.toStdString();
            EXPECT_FALSE(offence.code.isEmpty()) << where;
            EXPECT_EQ(Classification::normaliseCode(offence.code), offence.code) << where;
            EXPECT_FALSE(offence.description.isEmpty()) << where;
            EXPECT_FALSE(offence.group.isEmpty()) << where;
            EXPECT_FALSE(offence.subgroup.isEmpty()) << where;
            EXPECT_FALSE(offence.policeUkCategory.isEmpty()) << where;
            EXPECT_EQ(v.find(offence.code), &offence) << where;
        }
    }
}

// The derived versions differ from 2017/18 exactly as index.json and resources/README.md say.
TEST(Classification, VersionsDifferOnlyAsDocumented)
{
    struct Diff
    {
        QStringList added, removed, changed;
    };
    const auto diff = [](const ClassificationVersion &from, const ClassificationVersion &to) {
        Diff d;
        for (const Offence &offence : to.offences) {
            const Offence *old = from.find(offence.code);
            if (!old)
                d.added.append(offence.code);
        }
        for (const Offence &offence : from.offences) {
            const Offence *now = to.find(offence.code);
            if (!now)
                d.removed.append(offence.code);
            else if (now->description != offence.description || now->group != offence.group ||
                     now->subgroup != offence.subgroup || now->policeUkCategory != offence.policeUkCategory)
                d.changed.append(offence.code);
        }
        for (QStringList *list : {&d.added, &d.removed, &d.changed})
            list->sort();
        return d;
    };
    const ClassificationVersion &v2016 = version(QStringLiteral("2016/17"));
    const ClassificationVersion &v2017 = version(QStringLiteral("2017/18"));
    const ClassificationVersion &v2018 = version(QStringLiteral("2018/19"));

    const QStringList oldBurglary{QStringLiteral("28A"), QStringLiteral("28B"), QStringLiteral("28C"),
                                  QStringLiteral("28D"), QStringLiteral("29"),  QStringLiteral("30A"),
                                  QStringLiteral("30B"), QStringLiteral("31")};
    const QStringList newBurglary{QStringLiteral("28E"), QStringLiteral("28F"), QStringLiteral("28G"),
                                  QStringLiteral("28H"), QStringLiteral("29A"), QStringLiteral("30C"),
                                  QStringLiteral("30D"), QStringLiteral("31A")};

    const Diff recoding = diff(v2016, v2017);
    EXPECT_EQ(recoding.added, newBurglary);
    EXPECT_TRUE(recoding.removed.isEmpty());
    EXPECT_EQ(recoding.changed, oldBurglary);
    for (const QString &code : oldBurglary) {
        const Offence *before = v2016.find(code);
        const Offence *after = v2017.find(code);
        ASSERT_TRUE(before && after);
        // Only the description changed: "(outcome only)" added.
        EXPECT_FALSE(before->description.contains(QStringLiteral("outcome only"))) << code.toStdString();
        EXPECT_TRUE(after->description.contains(QStringLiteral("(outcome only)"))) << code.toStdString();
        EXPECT_EQ(before->subgroup, after->subgroup);
        EXPECT_EQ(before->group, after->group);
        EXPECT_EQ(before->policeUkCategory, after->policeUkCategory);
    }

    const Diff regrouping = diff(v2017, v2018);
    EXPECT_TRUE(regrouping.added.isEmpty());
    EXPECT_EQ(regrouping.removed, oldBurglary);
    EXPECT_EQ(regrouping.changed,
              (QStringList{QStringLiteral("37.1"), QStringLiteral("4.4"), QStringLiteral("4.6"),
                           QStringLiteral("4.8"), QStringLiteral("4.9")}));
    for (const QString &code : regrouping.changed) {
        const Offence *before = v2017.find(code);
        const Offence *after = v2018.find(code);
        ASSERT_TRUE(before && after);
        EXPECT_EQ(before->subgroup, QStringLiteral("Violence with injury"));
        EXPECT_EQ(after->subgroup, QStringLiteral("Death or serious injury caused by unlawful driving"));
        EXPECT_EQ(before->description, after->description);
        EXPECT_EQ(before->group, after->group);
        EXPECT_EQ(before->policeUkCategory, after->policeUkCategory);
    }
}

TEST(Classification, BuiltInIsOneInstanceAcrossThreads)
{
    std::vector<const Classification *> seen(4, nullptr);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&seen, i] {
            seen[i] = &Classification::builtIn();
            for (int n = 0; n < 200; ++n)
                (void)seen[i]->resolve(QStringLiteral("28A"), QDate(2016, 4, 1).addDays(n * 7));
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (const Classification *instance : seen)
        EXPECT_EQ(instance, &Classification::builtIn());
}

TEST(Classification, NearestVersionInTime)
{
    // X1 is in the first and third versions only: a day in the second resolves through the nearer one.
    Folder folder;
    folder.writeIndex({QStringLiteral("A=2016-04-01=a.csv"), QStringLiteral("B=2017-04-01=b.csv"),
                       QStringLiteral("C=2018-04-01=c.csv")});
    folder.write(QStringLiteral("a.csv"), kHeader + "X1,Old x,G,S,P\nY1,y,G,S,P\n");
    folder.write(QStringLiteral("b.csv"), kHeader + "Y1,y,G,S,P\n");
    folder.write(QStringLiteral("c.csv"), kHeader + "X1,New x,G,S,P\nY1,y,G,S,P\n");
    const auto loaded = folder.load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    EXPECT_EQ(loaded->resolve(QStringLiteral("X1"), QDate(2017, 5, 1))->description, QStringLiteral("Old x"));
    EXPECT_EQ(loaded->resolve(QStringLiteral("X1"), QDate(2018, 3, 1))->description, QStringLiteral("New x"));
    // 2017-04-01 is 1 day after A's last day, and 365 days before C.
    EXPECT_EQ(loaded->resolvingVersion(QStringLiteral("X1"), QDate(2017, 4, 1))->id, QStringLiteral("A"));
    // 2017-09-30 is 183 days from both: the older wins.
    EXPECT_EQ(loaded->resolvingVersion(QStringLiteral("X1"), QDate(2017, 9, 30))->id, QStringLiteral("A"));
    EXPECT_EQ(loaded->resolvingVersion(QStringLiteral("X1"), QDate(2017, 10, 1))->id, QStringLiteral("C"));
}

TEST(Classification, LoadsQuotedFieldsAndSortsVersionsByDate)
{
    Folder folder;
    folder.writeIndex({QStringLiteral("later=2018-04-01=b.csv"), QStringLiteral("earlier=2017-04-01=a.csv")});
    folder.write(QStringLiteral("a.csv"),
                 "\xEF\xBB\xBF" + kHeader +
                     "033,\"Going equipped for stealing, etc\",Misc,Misc,\"Other \"\"crime\"\"\"\r\n\r\n");
    folder.write(QStringLiteral("b.csv"),
                 kHeader + "33,\"Going equipped\nfor stealing\",Misc,Misc,Other crime");
    const auto loaded = folder.load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    ASSERT_EQ(loaded->versions().size(), 2);
    EXPECT_EQ(loaded->versions().at(0).id, QStringLiteral("earlier"));
    const Offence *offence = loaded->versions().at(0).find(QStringLiteral("33"));
    ASSERT_NE(offence, nullptr);
    EXPECT_EQ(offence->description, QStringLiteral("Going equipped for stealing, etc"));
    EXPECT_EQ(offence->policeUkCategory, QStringLiteral("Other \"crime\""));
    EXPECT_EQ(loaded->versions().at(1).find(QStringLiteral("33"))->description,
              QStringLiteral("Going equipped\nfor stealing"));
}

TEST(Classification, LoadingErrorsNameTheFileAndLine)
{
    {
        Folder folder;
        folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv")});
        folder.write(QStringLiteral("a.csv"),
                     kHeader + "8N,Assault with injury,G,S,P\n058A,x,G,S,P\n008N,Again,G,S,P\n");
        const auto loaded = folder.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().file, folder.path(QStringLiteral("a.csv")));
        EXPECT_EQ(loaded.error().line, 4);
        EXPECT_EQ(loaded.error().field, QStringLiteral("offence_code"));
        EXPECT_EQ(loaded.error().message,
                  QStringLiteral("offence code '8N' is listed twice (first on line 2)"));
    }
    {
        Folder folder;
        folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv")});
        folder.write(QStringLiteral("a.csv"), kHeader + "8N,Assault with injury,G,S,P\n8P,Racially,G, ,P\n");
        const auto loaded = folder.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().line, 3);
        EXPECT_EQ(loaded.error().field, QStringLiteral("offence_subgroup"));
    }
    {
        Folder folder;
        folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv")});
        folder.write(QStringLiteral("a.csv"),
                     "offence_code,offence_description,offence_group,offence_subgroup\n8N,x,G,S\n");
        const auto loaded = folder.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().line, 1);
        EXPECT_EQ(loaded.error().message, QStringLiteral("the header has no column 'police_uk_category'"));
    }
    {
        Folder folder;
        folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv")});
        folder.write(QStringLiteral("a.csv"), kHeader + "8N,x,G,S,P\n8P,\"unclosed,G,S,P\n8Q,x,G,S,P\n");
        const auto loaded = folder.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().line, 3);
        EXPECT_EQ(loaded.error().message, QStringLiteral("a quoted field is never closed"));
    }
    {
        Folder folder;
        folder.writeIndex({QStringLiteral("A=2017-04-01=missing.csv")});
        const auto loaded = folder.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().file, folder.path(QStringLiteral("missing.csv")));
        EXPECT_TRUE(loaded.error().message.startsWith(QStringLiteral("cannot read the file")));
    }
}

TEST(Classification, IndexErrorsNameTheKeyPath)
{
    Folder folder;
    folder.write(QStringLiteral("a.csv"), kHeader + "8N,x,G,S,P\n");

    folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv"), QStringLiteral("B=2018-04-31=a.csv")});
    auto loaded = folder.load();
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().file, folder.path(QStringLiteral("index.json")));
    EXPECT_EQ(loaded.error().field, QStringLiteral("versions[1].effective_from"));
    EXPECT_EQ(loaded.error().message, QStringLiteral("not a date: '2018-04-31' (expected YYYY-MM-DD)"));

    folder.writeIndex({QStringLiteral("A=2017-04-01=a.csv"), QStringLiteral("A=2018-04-01=a.csv")});
    loaded = folder.load();
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().field, QStringLiteral("versions[1].id"));

    folder.write(QStringLiteral("index.json"),
                 R"({"versions": [{"id": "A", "effective_from": "2017-04-01"}]})");
    loaded = folder.load();
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().field, QStringLiteral("versions[0].file"));

    folder.write(QStringLiteral("index.json"), R"({"versions": []})");
    loaded = folder.load();
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().field, QStringLiteral("versions"));

    folder.write(QStringLiteral("index.json"), "{\n\"versions\": [\n{\"id\": \"A\",,}\n]}\n");
    loaded = folder.load();
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().line, 3);
    EXPECT_TRUE(loaded.error().message.startsWith(QStringLiteral("not valid JSON")));
}
