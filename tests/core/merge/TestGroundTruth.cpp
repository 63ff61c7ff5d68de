// The whole pipeline against a world whose truth is known: the demo generator writes extracts with every
// trap of the spec and, from its own model of the world, the merge that must come out. Importing them
// with foi-tables-cli and reading merge-report must give exactly that.

#include "demo/DemoGenerator.h"
#include "merge/Merger.h"
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

void expectSame(const QJsonObject &truth, const QJsonObject &actual, const QString &path)
{
    for (auto it = truth.constBegin(); it != truth.constEnd(); ++it) {
        const QString key = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
        if (it.value().isObject()) {
            expectSame(it.value().toObject(), actual.value(it.key()).toObject(), key);
            continue;
        }
        EXPECT_EQ(actual.value(it.key()).toInteger(-1), it.value().toInteger()) << key.toStdString();
    }
}

/// A merged link as the ground truth writes it (person left out: compared as a partition).
QString linkKey(const QStringList &f)
{
    return f.mid(0, 7).join(QLatin1Char(',')) + QLatin1Char(',') + f.mid(8).join(QLatin1Char(','));
}

void compareWithTruth(const DemoFiles &files, const QString &connectFile)
{
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.sqlite"));
    for (const auto &[profile, file] : {std::pair{QStringLiteral("cms"), files.cmsCsv},
                                        std::pair{QStringLiteral("connect"), connectFile}}) {
        auto r = test::runCli({QStringLiteral("import"), QStringLiteral("--register"), reg,
                               QStringLiteral("--profile"), profile, file},
                              600000);
        // The generator puts rows to reject in both extracts: 3 says they were kept out.
        ASSERT_EQ(r.exitCode, 3) << r.err.toStdString();
    }
    auto report = test::runCli({QStringLiteral("merge-report"), QStringLiteral("--register"), reg,
                                QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(report.exitCode, 0) << report.err.toStdString();
    const QJsonObject actual = QJsonDocument::fromJson(report.out.toUtf8()).object();
    QJsonObject truth = QJsonDocument::fromJson(test::readAll(files.groundTruth)).object();
    ASSERT_FALSE(truth.isEmpty());
    truth.remove(QStringLiteral("generator"));
    truth.remove(QStringLiteral("traps")); // how often the generator laid each trap: not a merge result
    expectSame(truth, actual, QString());
    // Reasons the truth does not list must not occur either.
    const QJsonObject reasons = actual.value(QStringLiteral("rejected_by_reason")).toObject();
    for (auto it = reasons.constBegin(); it != reasons.constEnd(); ++it)
        EXPECT_TRUE(truth.value(QStringLiteral("rejected_by_reason")).toObject().contains(it.key()))
            << it.key().toStdString();

    // Every merged link, as a multiset, and people as a partition of the links.
    Result<std::unique_ptr<Register>> r = Register::open(reg);
    ASSERT_TRUE(r.ok());
    Result<MergeResult> merged = Merger::compute(**r);
    ASSERT_TRUE(merged.ok()) << merged.error().toString().toStdString();
    const QVector<MergedCrime> *crimes = &merged->crimes;
    const QVector<MergedLink> *links = &merged->links;
    QHash<qint64, const MergedCrime *> crimeOf;
    for (const MergedCrime &c : *crimes)
        crimeOf.insert(c.id, &c);
    QMap<QString, QList<qint64>> actualLinks; // key -> person ids
    for (const MergedLink &l : *links) {
        const MergedCrime &c = *crimeOf.value(l.crimeId);
        const QString age = l.age < 0    ? QStringLiteral("unknown")
                            : l.age == 0 ? QStringLiteral("zero")
                                         : QString::number(l.age);
        const QStringList f{c.crimeRef,
                            c.system,
                            c.migrated ? QStringLiteral("1") : QStringLiteral("0"),
                            c.offenceCode,
                            QDate::fromJulianDay(c.recorded).toString(Qt::ISODate),
                            c.committedFrom ? QDate::fromJulianDay(c.committedFrom).toString(Qt::ISODate)
                                            : QString(),
                            c.outcome < 0 ? QString() : QString::number(c.outcome),
                            QString(),
                            roleName(l.role),
                            age,
                            sexName(l.sex)};
        actualLinks[linkKey(f)] << l.personId;
    }
    const QStringList lines =
        QString::fromUtf8(test::readAll(files.groundTruthLinks)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GT(lines.size(), 1);
    EXPECT_EQ(lines.first(),
              QStringLiteral("crime,system,migrated,offence_class,recorded,committed_from,outcome,person,"
                             "role,age,sex"));
    QMap<QString, QList<QString>> truthLinks;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(QLatin1Char(','));
        ASSERT_EQ(f.size(), 11) << lines[i].toStdString();
        truthLinks[linkKey(f)] << f[7];
    }
    EXPECT_EQ(truthLinks.size(), actualLinks.size());
    int shown = 0;
    QHash<QString, qint64> personOfTruth;
    QHash<qint64, QString> truthOfPerson;
    for (auto it = truthLinks.constBegin(); it != truthLinks.constEnd(); ++it) {
        const QList<qint64> got = actualLinks.value(it.key());
        if (got.size() != it.value().size()) {
            if (shown++ < 10)
                ADD_FAILURE() << "link " << it.key().toStdString() << ": truth has " << it.value().size()
                              << ", the register " << got.size();
            continue;
        }
        // Links of one key that differ only by person: any consistent pairing will do, so pair in order
        // of the truth's person ids and check the relation is one-to-one.
        for (int i = 0; i < got.size(); ++i) {
            const QString t = it.value().at(i);
            if (t.isEmpty())
                continue;
            if (personOfTruth.contains(t) && personOfTruth.value(t) != got[i] && it.value().size() == 1 &&
                shown++ < 10)
                ADD_FAILURE() << "truth person " << t.toStdString() << " is two persons in the register";
            if (it.value().size() == 1) {
                personOfTruth.insert(t, got[i]);
                if (truthOfPerson.contains(got[i]) && truthOfPerson.value(got[i]) != t && shown++ < 10)
                    ADD_FAILURE() << "truth persons " << t.toStdString() << " and "
                                  << truthOfPerson.value(got[i]).toStdString()
                                  << " are one person in the register";
                truthOfPerson.insert(got[i], t);
            }
        }
    }
    EXPECT_EQ(shown, 0);
}

} // namespace

TEST(GroundTruth, ImportAndMergeAgreeWithTheGenerator)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 4000;
    options.seed = 7;
    Result<DemoFiles> files = generateDemo(tmp.path(), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    compareWithTruth(*files, files->connectCsv);
}

TEST(GroundTruth, TheConnectWorkbookGivesTheSameRegister)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 1500;
    options.seed = 8;
    options.connectXlsx = true;
    Result<DemoFiles> files = generateDemo(tmp.path(), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    ASSERT_FALSE(files->connectXlsx.isEmpty());
    compareWithTruth(*files, files->connectXlsx);
}
