// foi-tables-cli tabulate on a demo register with the seed's request file: the output the contract
// describes, the true counts only with --unprotected, and a recorded release that the next one is
// checked against.

#include "register/Register.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::test::runCli;

namespace {

class TabulateCli : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        auto made = runCli({QStringLiteral("demo-register"), QStringLiteral("--register"), registerPath(),
                            QStringLiteral("--crimes"), QStringLiteral("20000"), QStringLiteral("--seed"),
                            QStringLiteral("3")},
                           600000);
        ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }
    static QString registerPath() { return s_dir->filePath(QStringLiteral("demo.sqlite")); }
    static QString seedRequest()
    {
        return foi::test::dataPath(QStringLiteral("requests/seed-20180207.json"));
    }

    static QJsonObject tabulateJson(const QStringList &extra, int expectedExit = 0)
    {
        auto run = runCli(QStringList{QStringLiteral("tabulate"), QStringLiteral("--register"),
                                      registerPath(), QStringLiteral("--format"), QStringLiteral("json")} +
                          extra);
        EXPECT_EQ(run.exitCode, expectedExit) << run.err.toStdString();
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

    static QTemporaryDir *s_dir;
};

QTemporaryDir *TabulateCli::s_dir = nullptr;

} // namespace

TEST_F(TabulateCli, TheSeedRequestGivesTheContractsOutput)
{
    const QJsonObject json = tabulateJson({QStringLiteral("--request"), seedRequest()});
    EXPECT_EQ(json.value(QStringLiteral("reference")).toString(), QStringLiteral("20180207"));
    EXPECT_EQ(json.value(QStringLiteral("unit")).toString(), QStringLiteral("crimes"));
    const QJsonArray tables = json.value(QStringLiteral("tables")).toArray();
    ASSERT_EQ(tables.size(), 2);
    EXPECT_EQ(tables[0].toObject().value(QStringLiteral("rows")).toString(), QStringLiteral("offence_class"));
    EXPECT_EQ(tables[1].toObject().value(QStringLiteral("rows")).toString(), QStringLiteral("age"));
    // Ages ascending, and no released count from 1 to 4.
    int lastAge = 0;
    int ages = 0;
    for (const QJsonValue &t : tables) {
        const QJsonArray cells = t.toObject().value(QStringLiteral("cells")).toArray();
        EXPECT_FALSE(cells.isEmpty()) << "a table with no cells";
        for (const QJsonValue &v : cells) {
            const QJsonObject c = v.toObject();
            EXPECT_FALSE(c.contains(QStringLiteral("count")));
            bool number = false;
            const int shown = c.value(QStringLiteral("shown")).toString().toInt(&number);
            if (number)
                EXPECT_TRUE(shown == 0 || shown >= 5) << shown;
            else
                EXPECT_EQ(c.value(QStringLiteral("shown")).toString(), QStringLiteral("[c]"));
            if (t.toObject().value(QStringLiteral("rows")).toString() == QLatin1String("age")) {
                const int age = c.value(QStringLiteral("row")).toString().toInt();
                EXPECT_GT(age, lastAge);
                lastAge = age;
                ++ages;
            }
        }
    }
    EXPECT_GT(ages, 1) << "the ages table lists fewer than two ages";
    EXPECT_TRUE(json.value(QStringLiteral("passes")).toBool());
    const QJsonArray audit = json.value(QStringLiteral("audit")).toArray();
    EXPECT_FALSE(audit.isEmpty()) << "no withheld cell audited, yet cells are withheld";
    for (const QJsonValue &a : audit)
        EXPECT_TRUE(a.toObject().value(QStringLiteral("protected")).toBool());
    EXPECT_TRUE(
        json.value(QStringLiteral("search_text")).toString().startsWith(QStringLiteral("This is a count")));

    const QJsonObject officer =
        tabulateJson({QStringLiteral("--request"), seedRequest(), QStringLiteral("--unprotected")});
    const QJsonObject cell = officer.value(QStringLiteral("tables"))
                                 .toArray()[0]
                                 .toObject()
                                 .value(QStringLiteral("cells"))
                                 .toArray()[0]
                                 .toObject();
    EXPECT_TRUE(cell.contains(QStringLiteral("count")));
}

TEST_F(TabulateCli, ARecordedReleaseIsCheckedByTheNextOne)
{
    QTemporaryDir tmp;
    // The seed's request, for all of 2017 and then for January to November 2017.
    QJsonObject request = QJsonDocument::fromJson(foi::test::readAll(seedRequest())).object();
    QJsonObject criteria = request.value(QStringLiteral("criteria")).toObject();
    criteria.remove(QStringLiteral("age"));
    criteria.remove(QStringLiteral("outcomes"));
    criteria.insert(QStringLiteral("period"),
                    QJsonObject{{QStringLiteral("from"), QStringLiteral("2017-01-01")},
                                {QStringLiteral("to"), QStringLiteral("2017-12-31")},
                                {QStringLiteral("date"), QStringLiteral("recorded")}});
    request.insert(QStringLiteral("criteria"), criteria);
    request.insert(QStringLiteral("reference"), QStringLiteral("2017-all"));
    request.insert(QStringLiteral("tables"),
                   QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("By class")},
                                          {QStringLiteral("rows"), QStringLiteral("offence_class")}}});
    const QString yearFile = tmp.filePath(QStringLiteral("year.json"));
    foi::test::writeAll(yearFile, QJsonDocument(request).toJson());
    auto first = runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), registerPath(),
                         QStringLiteral("--request"), yearFile, QStringLiteral("--record")});
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_TRUE(first.err.contains(QStringLiteral("recorded release 2017-all")));

    // One day less: each class differs by the few crimes of 31 December at most.
    criteria.insert(QStringLiteral("period"),
                    QJsonObject{{QStringLiteral("from"), QStringLiteral("2017-01-01")},
                                {QStringLiteral("to"), QStringLiteral("2017-12-30")},
                                {QStringLiteral("date"), QStringLiteral("recorded")}});
    request.insert(QStringLiteral("criteria"), criteria);
    request.insert(QStringLiteral("reference"), QStringLiteral("2017-less-a-day"));
    const QString lessFile = tmp.filePath(QStringLiteral("less.json"));
    foi::test::writeAll(lessFile, QJsonDocument(request).toJson());
    const QJsonObject json = tabulateJson({QStringLiteral("--request"), lessFile});
    bool differencing = false;
    for (const QJsonValue &w : json.value(QStringLiteral("warnings")).toArray()) {
        if (w.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("differencing")) {
            differencing = true;
            EXPECT_EQ(w.toObject().value(QStringLiteral("earlier")).toString(), QStringLiteral("2017-all"));
        }
    }
    EXPECT_TRUE(differencing) << QJsonDocument(json).toJson().constData();
}

TEST_F(TabulateCli, ABadRequestFileIsNamed)
{
    QTemporaryDir tmp;
    const QString bad = tmp.filePath(QStringLiteral("bad.json"));
    foi::test::writeAll(bad,
                        QByteArrayLiteral("{\"reference\": \"x\", \"unit\": \"crimez\", \"tables\": []}"));
    auto run = runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), registerPath(),
                       QStringLiteral("--request"), bad});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("bad.json"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("unit"))) << run.err.toStdString();
    auto usage = runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), registerPath()});
    EXPECT_EQ(usage.exitCode, 1);
}

TEST_F(TabulateCli, APerturbedReleaseOfTheDemoRegisterIsTheSameEveryTime)
{
    // The seed's request with cell-key perturbation: the record keys come from the import and the merge.
    QFile seed(seedRequest());
    ASSERT_TRUE(seed.open(QIODevice::ReadOnly));
    QJsonObject request = QJsonDocument::fromJson(seed.readAll()).object();
    QJsonObject protection = request.value(QStringLiteral("protection")).toObject();
    protection.insert(QStringLiteral("perturbation"), QJsonObject{{QStringLiteral("variance"), 1.0}});
    request.insert(QStringLiteral("protection"), protection);
    const QString path = s_dir->filePath(QStringLiteral("perturbed.json"));
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(request).toJson());
    out.close();

    const QJsonObject first =
        tabulateJson({QStringLiteral("--request"), path, QStringLiteral("--unprotected")});
    const QJsonObject second =
        tabulateJson({QStringLiteral("--request"), path, QStringLiteral("--unprotected")});
    EXPECT_EQ(first, second);
    int cells = 0;
    int changed = 0;
    for (const QJsonValue &t : first.value(QStringLiteral("tables")).toArray()) {
        for (const QJsonValue &v : t.toObject().value(QStringLiteral("cells")).toArray()) {
            const QJsonObject c = v.toObject();
            bool number = false;
            const int shown = c.value(QStringLiteral("shown")).toString().toInt(&number);
            if (!number)
                continue; // a sexual offence, withheld
            ++cells;
            EXPECT_TRUE(shown == 0 || shown >= 5) << shown;
            const int count = c.value(QStringLiteral("count")).toInt();
            EXPECT_LE(std::abs(shown - count), 4);
            changed += shown != count ? 1 : 0;
        }
    }
    EXPECT_GT(cells, 5);
    EXPECT_GT(changed, 0);
}

TEST_F(TabulateCli, ExportWritesTheCheckedSpreadsheetAndRecordsTheRelease)
{
    const QString out = s_dir->filePath(QStringLiteral("20180207.xlsx"));
    const QStringList args{QStringLiteral("export"),
                           QStringLiteral("--register"),
                           registerPath(),
                           QStringLiteral("--request"),
                           seedRequest(),
                           QStringLiteral("--output"),
                           out};
    // Without an organisation (none in the options, none in the settings) nothing is written.
    auto refused = runCli(args, 120000,
                          {{QStringLiteral("XDG_CONFIG_HOME"), s_dir->filePath(QStringLiteral("config"))}});
    EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("organisation"))) << refused.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));

    const QString letter = s_dir->filePath(QStringLiteral("20180207.txt"));
    auto run =
        runCli(args + QStringList{QStringLiteral("--organisation"), QStringLiteral("Example Constabulary"),
                                  QStringLiteral("--response"), letter});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(QFile::exists(out));
    EXPECT_TRUE(run.out.contains(QStringLiteral("sha256 "))) << run.out.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("recorded release 20180207"))) << run.err.toStdString();
    // The letter's text in the seed's shape: the requester's words, then how the search was made and
    // what is attached.
    const QString text = QString::fromUtf8(foi::test::readAll(letter));
    const qsizetype request = text.indexOf(QStringLiteral("\r\nREQUEST\r\n"));
    const qsizetype response = text.indexOf(QStringLiteral("\r\nRESPONSE\r\n"));
    EXPECT_TRUE(request > 0 && response > request) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Reference No: 20180207")));
    EXPECT_TRUE(text.contains(QStringLiteral("Could you please disclose the number of cases")));
    EXPECT_TRUE(text.contains(QStringLiteral("the enclosed spreadsheet (20180207.xlsx)")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Table 1: ")));
    EXPECT_TRUE(text.contains(QStringLiteral("40(2)"))) << text.toStdString();
    EXPECT_TRUE(text.trimmed().endsWith(QStringLiteral("Example Constabulary")));
    // The release is in the register, once; a trial export (--no-record) adds none.
    auto trial =
        runCli(args + QStringList{QStringLiteral("--organisation"), QStringLiteral("Example Constabulary"),
                                  QStringLiteral("--no-record")});
    ASSERT_EQ(trial.exitCode, 0) << trial.err.toStdString();
    foi::Result<std::unique_ptr<foi::Register>> reg = foi::Register::open(registerPath());
    ASSERT_TRUE(reg.ok());
    foi::Result<QVector<foi::ReleaseRecord>> releases = (*reg)->releases();
    ASSERT_TRUE(releases.ok());
    // (The suite's other tests may have recorded releases of other references in the shared register.)
    QVector<foi::ReleaseRecord> seed;
    for (const foi::ReleaseRecord &r : *releases) {
        if (r.reference == QLatin1String("20180207"))
            seed << r;
    }
    ASSERT_EQ(seed.size(), 1);
    // With the files sent, each by its name and the SHA-256 of its bytes as they are on disk.
    const QVector<foi::ReleasedFile> &files = seed.first().files;
    ASSERT_EQ(files.size(), 2);
    EXPECT_EQ(files[0].fileName, QStringLiteral("20180207.xlsx"));
    EXPECT_EQ(files[0].kind, QStringLiteral("spreadsheet"));
    EXPECT_EQ(files[1].fileName, QStringLiteral("20180207.txt"));
    EXPECT_EQ(files[1].kind, QStringLiteral("response"));
    for (const auto &[file, path] : {std::pair{files[0], out}, std::pair{files[1], letter}}) {
        const QByteArray bytes = foi::test::readAll(path);
        EXPECT_EQ(file.size, bytes.size());
        EXPECT_EQ(file.sha256,
                  QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        EXPECT_TRUE(run.out.contains(QStringLiteral("sha256 ") + file.sha256)) << run.out.toStdString();
    }
}

TEST_F(TabulateCli, ExportWritesTheResponseInTheForcesLetterAsADocx)
{
    const QString out = s_dir->filePath(QStringLiteral("letter-20180207.ods"));
    const QString letter = s_dir->filePath(QStringLiteral("letter-20180207.docx"));
    const QString templatePath = s_dir->filePath(QStringLiteral("force-letter.txt"));
    auto writeTemplate = [&](const QByteArray &text) {
        QFile f(templatePath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    };
    const QStringList args{QStringLiteral("export"),
                           QStringLiteral("--register"),
                           registerPath(),
                           QStringLiteral("--request"),
                           seedRequest(),
                           QStringLiteral("--output"),
                           out,
                           QStringLiteral("--organisation"),
                           QStringLiteral("Example Constabulary"),
                           QStringLiteral("--response"),
                           letter,
                           QStringLiteral("--letter-template"),
                           templatePath,
                           QStringLiteral("--no-record")};
    // A mistake in the letter is found before anything is written, and named by file and line.
    writeTemplate("Our ref: {{reference}}\n\n{{respnse}}\n");
    auto refused = runCli(args, 120000);
    EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("force-letter.txt, line 3")))
        << refused.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));
    EXPECT_FALSE(QFile::exists(letter));

    writeTemplate("Our ref: {{reference}}\n\n{{response}}\n\nYours faithfully,\n{{organisation}}\n");
    auto run = runCli(args, 120000);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(letter + QStringLiteral("\tsha256 "))) << run.out.toStdString();
    const QByteArray docx = foi::test::readAll(letter);
    EXPECT_TRUE(docx.startsWith("PK"));
}

TEST_F(TabulateCli, ExportMarksTheRequestRespondedWithTheRelease)
{
    const QString out = s_dir->filePath(QStringLiteral("responded-20180207.csv"));
    const QStringList args{QStringLiteral("export"),
                           QStringLiteral("--register"),
                           registerPath(),
                           QStringLiteral("--request"),
                           seedRequest(),
                           QStringLiteral("--output"),
                           out,
                           QStringLiteral("--organisation"),
                           QStringLiteral("Example Constabulary"),
                           QStringLiteral("--mark-responded")};
    // No request of that reference in the register: nothing is written.
    auto missing = runCli(args, 120000);
    EXPECT_EQ(missing.exitCode, 2) << missing.err.toStdString();
    EXPECT_TRUE(missing.err.contains(QStringLiteral("no request 20180207"))) << missing.err.toStdString();
    EXPECT_TRUE(QDir(s_dir->path()).entryList({QStringLiteral("responded-*")}).isEmpty());
    {
        auto reg = foi::Register::open(registerPath());
        ASSERT_TRUE(reg.ok());
        foi::FoiRequestRecord r;
        r.reference = QStringLiteral("20180207");
        r.received = QDate::currentDate().addDays(-10);
        r.title = QStringLiteral("Children under 10 linked to violent crime");
        r.officer = QStringLiteral("A. Officer");
        ASSERT_TRUE((*reg)->addRequest(r, QStringLiteral("A. Officer")).ok());
    }
    EXPECT_EQ(
        runCli(args + QStringList{QStringLiteral("--outcome"), QStringLiteral("Sorted")}, 120000).exitCode,
        1);
    EXPECT_EQ(runCli(args + QStringList{QStringLiteral("--no-record")}, 120000).exitCode, 1);
    auto run = runCli(args, 120000);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("marked request 20180207 responded")))
        << run.err.toStdString();
    auto reg = foi::Register::open(registerPath());
    ASSERT_TRUE(reg.ok());
    const foi::FoiRequestRecord now = **(*reg)->findRequest(QStringLiteral("20180207"));
    EXPECT_EQ(now.status, foi::RequestStatus::Responded);
    EXPECT_EQ(now.responded, QDate::currentDate());
    // The seed's tables withhold cells, so the information was provided in part.
    EXPECT_EQ(now.outcome, QStringLiteral("Information provided in part"));
    // The trail of the request: added, then the release, its files, and the change of status.
    foi::Result<QVector<foi::AuditEvent>> trail = (*reg)->auditTrail(QStringLiteral("20180207"));
    ASSERT_TRUE(trail.ok());
    QStringList actions;
    for (const foi::AuditEvent &e : *trail)
        actions << e.action;
    const qsizetype files = QDir(s_dir->path()).entryList({QStringLiteral("responded-*")}).size();
    ASSERT_GE(files, 1);
    const QStringList expected = QStringList{QStringLiteral("request"), QStringLiteral("release")} +
                                 QStringList(files, QStringLiteral("export")) +
                                 QStringList{QStringLiteral("request")};
    // (Earlier tests may have recorded releases of the same reference before the request was added.)
    EXPECT_EQ(actions.mid(actions.size() - expected.size()), expected)
        << actions.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(trail->last().detail.contains(QStringLiteral("status: Received -> Responded")));
}

TEST_F(TabulateCli, APeriodOutsideTheRecordsIsAWarningInJsonAndText)
{
    QTemporaryDir tmp;
    QJsonObject request = QJsonDocument::fromJson(foi::test::readAll(seedRequest())).object();
    QJsonObject criteria = request.value(QStringLiteral("criteria")).toObject();
    criteria.insert(QStringLiteral("period"),
                    QJsonObject{{QStringLiteral("from"), QStringLiteral("2040-01-01")},
                                {QStringLiteral("to"), QStringLiteral("2042-12-31")},
                                {QStringLiteral("date"), QStringLiteral("committed")}});
    request.insert(QStringLiteral("criteria"), criteria);
    request.insert(QStringLiteral("reference"), QStringLiteral("2040s"));
    const QString file = tmp.filePath(QStringLiteral("2040s.json"));
    foi::test::writeAll(file, QJsonDocument(request).toJson());

    const QJsonObject json = tabulateJson({QStringLiteral("--request"), file});
    QJsonObject outside;
    for (const QJsonValue &w : json.value(QStringLiteral("warnings")).toArray()) {
        if (w.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("outside-data"))
            outside = w.toObject();
    }
    ASSERT_FALSE(outside.isEmpty()) << QJsonDocument(json).toJson().constData();
    EXPECT_TRUE(outside.value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QStringLiteral("The period asked about, 1 January 2040 to 31 December 2042, "
                                               "lies outside the records held, which run from ")));
    EXPECT_FALSE(outside.value(QStringLiteral("fix")).toString().isEmpty());
    EXPECT_TRUE(json.value(QStringLiteral("search_text"))
                    .toString()
                    .contains(QStringLiteral("The records searched run from")));
    EXPECT_FALSE(json.value(QStringLiteral("disclosure_text"))
                     .toString()
                     .contains(QStringLiteral("Due to the low numbers")));

    auto text = runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), registerPath(),
                        QStringLiteral("--request"), file});
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("Warning (outside-data): The period asked about")))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("No crimes matched these criteria")))
        << text.out.toStdString();
}
