#include "count/CountingFrame.h"
#include "demo/DemoGenerator.h"
#include "import/Importer.h"
#include "merge/Merger.h"
#include "register/Register.h"
#include "register/SqlRegister.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

std::unique_ptr<Register> openOrFail(const QString &path)
{
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    EXPECT_TRUE(reg.ok()) << reg.error().toString().toStdString();
    return reg.ok() ? std::move(reg).value() : nullptr;
}

QVector<ImportItem> caseItems(const QString &caseName, const QStringList &files)
{
    QVector<ImportItem> items;
    for (const QString &f : files) {
        const QString profile =
            f.startsWith(QStringLiteral("cms")) ? QStringLiteral("cms") : QStringLiteral("connect");
        items << ImportItem{*SourceProfile::load(profile),
                            test::dataPath(QStringLiteral("cases/%1/%2").arg(caseName, f))};
    }
    return items;
}

} // namespace

TEST(RegisterFile, IsCreatedPrivateToTheOfficer)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->schemaVersion(), Register::kSchemaVersion);
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    EXPECT_TRUE(p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner));
    for (QFileDevice::Permission other :
         {QFileDevice::ReadGroup, QFileDevice::WriteGroup, QFileDevice::ExeGroup, QFileDevice::ReadOther,
          QFileDevice::WriteOther, QFileDevice::ExeOther, QFileDevice::ExeOwner})
        EXPECT_FALSE(p.testFlag(other)) << "permission " << int(other);
    EXPECT_EQ(reg->pseudonymSalt().size(), 32);
}

TEST(RegisterFile, ANewRegisterHasLargePagesAndWritesAheadInALog)
{
    // Large pages for a register of BLOBs; an existing one keeps the pages it has.
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    ASSERT_TRUE(openOrFail(path));
    const QString oldPath = tmp.filePath(QStringLiteral("old.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
        EXPECT_EQ(q.value(0).toInt(), 65536);
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        EXPECT_EQ(q.value(0).toString(), QStringLiteral("wal"));
        // A database made with SQLite's default pages, as registers were before.
        db.close();
        db.setDatabaseName(oldPath);
        ASSERT_TRUE(db.open());
        q = QSqlQuery(db);
        ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE t (x)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pages"));
    ASSERT_FALSE(Register::open(oldPath).ok()); // not a register, but opening it must not change its pages
    QFile f(oldPath);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray header = f.read(18);
    EXPECT_EQ((quint8(header[16]) << 8) | quint8(header[17]), 4096); // the page size in the file header
}

TEST(Register, KeepsItsPseudonymKeyAcrossOpenings)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    QByteArray salt;
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        salt = reg->pseudonymSalt();
    }
    auto again = openOrFail(path);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->pseudonymSalt(), salt);
    QTemporaryDir other;
    auto another = openOrFail(test::registerAt(other, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(another);
    EXPECT_NE(another->pseudonymSalt(), salt);
}

TEST(RegisterFile, RefusesAFileThatIsNotADatabase)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("notes.sqlite"));
    test::writeAll(path, QByteArray("These are my notes, not a database.\n").repeated(100));
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    ASSERT_FALSE(reg.ok());
    EXPECT_EQ(reg.error().file, path);
    EXPECT_TRUE(reg.error().message.contains(QStringLiteral("not a FOI Tables register")))
        << reg.error().toString().toStdString();
    // And leaves it alone.
    EXPECT_TRUE(test::readAll(path).startsWith("These are my notes"));
}

TEST(RegisterFile, RefusesAnotherApplicationsDatabase)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("other.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE recipes (name TEXT)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    ASSERT_FALSE(reg.ok());
    EXPECT_TRUE(reg.error().message.contains(QStringLiteral("not a FOI Tables register")));
}

TEST(Register, RefusesARegisterFromANewerVersion)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        QSqlQuery q(static_cast<SqlRegister *>(reg.get())->database());
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")));
    }
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    ASSERT_FALSE(reg.ok());
    EXPECT_TRUE(reg.error().message.contains(QStringLiteral("newer version of FOI Tables")))
        << reg.error().toString().toStdString();
    EXPECT_TRUE(reg.error().message.contains(QStringLiteral("99")));
}

TEST(RegisterFile, OpeningWithoutCreateNeedsAFile)
{
    QTemporaryDir tmp;
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg =
        Register::open(tmp.filePath(QStringLiteral("none.sqlite")), options);
    ASSERT_FALSE(reg.ok());
    EXPECT_FALSE(QFile::exists(tmp.filePath(QStringLiteral("none.sqlite"))));
}

TEST(Register, ASystemKeepsItsRole)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    SystemInfo cms{QStringLiteral("cms"), QStringLiteral("CMS"), SystemRole::Legacy, QString(),
                   QDate(2017, 12, 4)};
    ASSERT_TRUE(reg->saveSystem(cms).ok());
    EXPECT_TRUE(reg->saveSystem(cms).ok());
    cms.cutover = QDate(2018, 1, 1);
    Status s = reg->saveSystem(cms);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.error().message.contains(QStringLiteral("already holds system 'cms'")));
}

TEST(Import, AFileImportedBeforeIsRefused)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    const QVector<ImportItem> items =
        caseItems(QStringLiteral("migrated-crime"), {QStringLiteral("cms.csv")});
    Result<ImportSummary> first = Importer::run(*reg, items);
    ASSERT_TRUE(first.ok()) << first.error().toString().toStdString();

    // The same bytes under another name are the same extract.
    const QString copy = tmp.filePath(QStringLiteral("cms-copy.csv"));
    ASSERT_TRUE(QFile::copy(items.first().path, copy));
    Result<ImportSummary> again = Importer::run(*reg, {ImportItem{items.first().profile, copy}});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().file, QStringLiteral("cms-copy.csv"));
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("imported already")))
        << again.error().toString().toStdString();
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("cms.csv")));
    Result<QVector<ImportBatch>> imports = reg->imports();
    ASSERT_TRUE(imports.ok());
    EXPECT_EQ(imports->size(), 1);
}

TEST(Import, SeveralFilesAreOneTransaction)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    // A good CMS extract and a CONNECT extract with a missing column: neither is kept.
    QVector<ImportItem> items = caseItems(QStringLiteral("migrated-crime"), {QStringLiteral("cms.csv")});
    items << caseItems(QStringLiteral("missing-column"), {QStringLiteral("connect.csv")});
    Result<ImportSummary> r = Importer::run(*reg, items);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, QStringLiteral("DateOfBirth"));
    Result<QVector<ImportBatch>> imports = reg->imports();
    ASSERT_TRUE(imports.ok());
    EXPECT_TRUE(imports->isEmpty());
    Result<QVector<SystemInfo>> systems = reg->systems();
    ASSERT_TRUE(systems.ok());
    EXPECT_TRUE(systems->isEmpty());
    // The good file can still be imported afterwards.
    EXPECT_TRUE(
        Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"), {QStringLiteral("cms.csv")})).ok());
}

TEST(Import, CancelLeavesTheRegisterAsItWas)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    std::atomic_bool cancel{true};
    Result<ImportSummary> r = Importer::run(
        *reg, caseItems(QStringLiteral("migrated-crime"), {QStringLiteral("cms.csv")}), {}, &cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("cancelled")));
    EXPECT_TRUE(reg->imports()->isEmpty());
}

TEST(Import, RecordsTheBatch)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    const QVector<ImportItem> items = caseItems(QStringLiteral("rejected-rows"), {QStringLiteral("cms.csv")});
    Result<ImportSummary> r = Importer::run(*reg, items);
    ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    Result<QVector<ImportBatch>> imports = reg->imports();
    ASSERT_TRUE(imports.ok());
    ASSERT_EQ(imports->size(), 1);
    const ImportBatch &b = imports->first();
    EXPECT_EQ(b.fileName, QStringLiteral("cms.csv"));
    EXPECT_EQ(b.system, QStringLiteral("cms"));
    EXPECT_EQ(b.profile, QStringLiteral("cms"));
    EXPECT_EQ(b.rowsRead, 11);
    EXPECT_EQ(b.rowsKept, 1);
    EXPECT_EQ(b.rowsRejected, 10);
    EXPECT_EQ(b.fileSha256, *Importer::sha256OfFile(items.first().path));
    EXPECT_EQ(b.fileSize, QFileInfo(items.first().path).size());
    EXPECT_FALSE(b.officer.isEmpty());
    EXPECT_LE(qAbs(b.importedAt.secsTo(QDateTime::currentDateTimeUtc())), 600);
}

TEST(Register, KeepsTheReleasesMadeFromIt)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        Result<qint64> id = reg->addRelease(test::releaseRecord());
        ASSERT_TRUE(id.ok()) << id.error().toString().toStdString();
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    Result<QVector<ReleaseRecord>> all = reg->releases();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1);
    EXPECT_EQ(all->at(0).reference, QStringLiteral("20180207"));
    EXPECT_EQ(all->at(0).releasedAt, QDateTime(QDate(2018, 3, 1), QTime(10, 30), Qt::UTC));
    EXPECT_EQ(all->at(0).officer, QStringLiteral("FOI officer"));
    EXPECT_EQ(all->at(0).releaseJson, QByteArrayLiteral("{\"tables\": []}"));
}

TEST(Register, KeepsTheFilesOfAReleaseWithTheirSha256)
{
    QTemporaryDir tmp;
    const QString path = test::registerAt(tmp, QStringLiteral("r.sqlite"));
    const QVector<ReleasedFile> files{
        {QStringLiteral("20180207.xlsx"), QStringLiteral("spreadsheet"), QString(64, QLatin1Char('a')), 9123},
        {QStringLiteral("20180207.odt"), QStringLiteral("response"), QString(64, QLatin1Char('b')), 4077}};
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        ASSERT_TRUE(reg->addRelease(test::releaseRecord(QStringLiteral("20180101"))).ok());
        ASSERT_TRUE(reg->addRelease(test::releaseRecord(QStringLiteral("20180207"), files)).ok());
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    Result<QVector<ReleaseRecord>> all = reg->releases();
    ASSERT_TRUE(all.ok()) << all.error().toString().toStdString();
    ASSERT_EQ(all->size(), 2);
    EXPECT_TRUE(all->at(0).files.isEmpty());
    EXPECT_EQ(all->at(1).files, files);
}

TEST(Register, ARefusedFileRecordLeavesNoReleaseBehind)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    {
        // A register whose file table refuses the insert (as a full disk would) half way through.
        QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
        if (test::onPostgres()) {
            ASSERT_TRUE(q.exec(QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                                              "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$")));
            ASSERT_TRUE(
                q.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON release_files FOR EACH ROW "
                                      "EXECUTE FUNCTION refuse()")));
        } else {
            ASSERT_TRUE(q.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON release_files "
                                              "BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        }
    }
    Result<qint64> id = reg->addRelease(test::releaseRecord(
        QStringLiteral("20180207"),
        {{QStringLiteral("a.xlsx"), QStringLiteral("spreadsheet"), QString(64, QLatin1Char('a')), 1}}));
    ASSERT_FALSE(id.ok());
    EXPECT_TRUE(id.error().message.contains(QStringLiteral("files"))) << id.error().toString().toStdString();
    Result<QVector<ReleaseRecord>> all = reg->releases();
    ASSERT_TRUE(all.ok());
    EXPECT_TRUE(all->isEmpty());
}

TEST(RegisterFile, UpgradesASchema4RegisterKeepingItsReleases)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        ASSERT_TRUE(reg->addRelease(test::releaseRecord()).ok());
        QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
        for (const char *statement : {"DROP TABLE release_files", "DROP TABLE audit", "DROP TABLE requests",
                                      "UPDATE meta SET value = '4' WHERE key = 'schema_version'"})
            ASSERT_TRUE(q.exec(QLatin1String(statement))) << statement;
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->schemaVersion(), Register::kSchemaVersion);
    Result<QVector<ReleaseRecord>> all = reg->releases();
    ASSERT_TRUE(all.ok()) << all.error().toString().toStdString();
    ASSERT_EQ(all->size(), 1);
    EXPECT_EQ(all->at(0).reference, QStringLiteral("20180207"));
    EXPECT_EQ(all->at(0).releaseJson, QByteArrayLiteral("{\"tables\": []}"));
    EXPECT_TRUE(all->at(0).files.isEmpty());
}

namespace {

/// Takes a register back to schema 3, as versions before the chunks wrote it: a row of SQL per imported
/// row and per merged record (the tables as schema 3 made them, frozen here).
void downgradeToSchema3(Register &reg)
{
    QVector<StoredLink> links;
    ASSERT_TRUE(reg.forEachLink([&](const StoredLink &l) {
        links << l;
        return true;
    }));
    // What schema 3 stored of the merge: the merged crimes and links.
    Result<MergeResult> result = Merger::compute(reg);
    ASSERT_TRUE(result.ok());
    const QVector<MergedCrime> *crimes = &result->crimes;
    const QVector<MergedLink> *merged = &result->links;
    QSqlDatabase db = static_cast<SqlRegister &>(reg).database();
    QSqlQuery q(db);
    for (const char *statement :
         {"CREATE TABLE links (id INTEGER PRIMARY KEY, import_id BIGINT NOT NULL REFERENCES imports(id), "
          "line BIGINT NOT NULL, crime_ref TEXT NOT NULL, legacy_crime_ref TEXT, person_key BIGINT, "
          "legacy_person_key BIGINT, role SMALLINT NOT NULL, offence_code TEXT, offence_category TEXT, "
          "recorded BIGINT NOT NULL, committed_from BIGINT, committed_to BIGINT, date_precision SMALLINT "
          "NOT NULL, age SMALLINT, age_source SMALLINT NOT NULL, sex SMALLINT NOT NULL, outcome SMALLINT, "
          "crime_key BIGINT)",
          "CREATE INDEX links_by_import ON links(import_id, line)",
          "CREATE TABLE merged_crimes (id BIGINT PRIMARY KEY, system TEXT NOT NULL, crime_ref TEXT NOT "
          "NULL, legacy_crime_ref TEXT, migrated SMALLINT NOT NULL, offence_code TEXT, offence_category "
          "TEXT, recorded BIGINT NOT NULL, committed_from BIGINT, date_precision SMALLINT NOT NULL, "
          "outcome SMALLINT, record_key BIGINT)",
          "CREATE TABLE merged_links (crime_id BIGINT NOT NULL, person_id BIGINT, role SMALLINT NOT NULL, "
          "age SMALLINT, age_source SMALLINT NOT NULL, sex SMALLINT NOT NULL, link_id BIGINT NOT NULL, "
          "person_key BIGINT)",
          "DROP TABLE link_chunks", "DROP TABLE frame_columns", "DROP TABLE release_files",
          "DROP TABLE audit", "DROP TABLE requests",
          "UPDATE meta SET value = '3' WHERE key = 'schema_version'"})
        ASSERT_TRUE(q.exec(QString::fromLatin1(statement))) << statement;
    auto orNull = [](qint64 v, qint64 none) {
        return v == none ? QVariant() : QVariant(v);
    };
    auto textOrNull = [](const QString &t) {
        return t.isEmpty() ? QVariant() : QVariant(t);
    };
    ASSERT_TRUE(
        q.prepare(QStringLiteral("INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?, ?, ?, ?)")));
    for (const StoredLink &s : links) {
        const LinkRecord &l = s.link;
        for (const QVariant &v :
             {QVariant(s.id), QVariant(s.importId), QVariant(l.line), QVariant(l.crimeRef),
              textOrNull(l.legacyCrimeRef), orNull(l.personKey, 0), orNull(l.legacyPersonKey, 0),
              QVariant(int(l.role)), textOrNull(l.offenceCode), textOrNull(l.offenceCategory),
              QVariant(l.recorded), orNull(l.committedFrom, 0), orNull(l.committedTo, 0),
              QVariant(int(l.precision)), orNull(l.age, -1), QVariant(int(l.ageSource)), QVariant(int(l.sex)),
              orNull(l.outcome, -1), orNull(l.crimeKey, 0)})
            q.addBindValue(v);
        ASSERT_TRUE(q.exec());
    }
    ASSERT_TRUE(
        q.prepare(QStringLiteral("INSERT INTO merged_crimes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    for (const MergedCrime &c : *crimes) {
        for (const QVariant &v :
             {QVariant(c.id), QVariant(c.system), QVariant(c.crimeRef), textOrNull(c.legacyCrimeRef),
              QVariant(int(c.migrated)), textOrNull(c.offenceCode), textOrNull(c.offenceCategory),
              QVariant(c.recorded), orNull(c.committedFrom, 0), QVariant(int(c.precision)),
              orNull(c.outcome, -1), orNull(c.recordKey, 0)})
            q.addBindValue(v);
        ASSERT_TRUE(q.exec());
    }
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO merged_links VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
    for (const MergedLink &l : *merged) {
        for (const QVariant &v :
             {QVariant(l.crimeId), orNull(l.personId, 0), QVariant(int(l.role)), orNull(l.age, -1),
              QVariant(int(l.ageSource)), QVariant(int(l.sex)), QVariant(l.linkId), orNull(l.personKey, 0)})
            q.addBindValue(v);
        ASSERT_TRUE(q.exec());
    }
}

/// Takes a register back to schema 2: no record keys.
void downgradeToSchema2(Register &reg)
{
    downgradeToSchema3(reg);
    QSqlQuery q(static_cast<SqlRegister &>(reg).database());
    for (const char *statement :
         {"ALTER TABLE links DROP COLUMN crime_key", "ALTER TABLE merged_crimes DROP COLUMN record_key",
          "ALTER TABLE merged_links DROP COLUMN person_key",
          "UPDATE meta SET value = '2' WHERE key = 'schema_version'"})
        ASSERT_TRUE(q.exec(QString::fromLatin1(statement))) << statement;
}

/// What f makes of every imported row, in order.
template<typename F>
auto eachLink(Register &reg, F f)
{
    QVector<decltype(f(StoredLink()))> out;
    EXPECT_TRUE(reg.forEachLink([&](const StoredLink &l) {
        out << f(l);
        return true;
    }));
    return out;
}

QVector<qint64> crimeKeys(Register &reg)
{
    return eachLink(reg, [](const StoredLink &l) { return l.link.crimeKey; });
}

} // namespace

TEST(RegisterFile, UpgradesARegisterOfTheFirstSchema)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        // Back to schema 1, as the first release of the application wrote it.
        downgradeToSchema2(*reg);
        QSqlQuery q(static_cast<SqlRegister *>(reg.get())->database());
        ASSERT_TRUE(q.exec(QStringLiteral("DROP TABLE releases")));
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE meta SET value = '1' WHERE key = 'schema_version'")));
    }
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->schemaVersion(), Register::kSchemaVersion);
    Result<QVector<ReleaseRecord>> all = reg->releases();
    ASSERT_TRUE(all.ok()) << all.error().toString().toStdString();
    EXPECT_TRUE(all->isEmpty());
}

TEST(RegisterFile, UpgradeGivesRowsImportedBeforeTheSameRecordKeysAsAnImport)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    QVector<qint64> imported;
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        Result<ImportSummary> s =
            Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"),
                                          {QStringLiteral("cms.csv"), QStringLiteral("connect.csv")}));
        ASSERT_TRUE(s.ok()) << s.error().toString().toStdString();
        ASSERT_TRUE(Merger::run(*reg).ok());
        imported = crimeKeys(*reg);
        downgradeToSchema2(*reg);
        // What the upgrade must fill in.
        QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM links")) && q.next());
        ASSERT_EQ(q.value(0).toLongLong(), imported.size());
    }
    ASSERT_FALSE(imported.isEmpty());
    EXPECT_FALSE(imported.contains(0));
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(crimeKeys(*reg), imported);
    // The merged crimes have no keys yet: the upgrade asks for a merge, which gives them.
    EXPECT_TRUE(*reg->mergeIsStale());
    ASSERT_TRUE(Merger::run(*reg).ok());
    Result<MergeResult> merged = Merger::compute(*reg);
    ASSERT_TRUE(merged.ok());
    for (const MergedCrime &c : merged->crimes)
        EXPECT_NE(c.recordKey, 0) << c.crimeRef.toStdString();
    Result<CountingFrame> frame = CountingFrame::load(*reg);
    ASSERT_TRUE(frame.ok());
    EXPECT_TRUE(frame->hasRecordKeys);
}

TEST(Register, AMigratedCrimeHasOneRecordKeyInBothSystems)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    Result<ImportSummary> s =
        Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"),
                                      {QStringLiteral("cms.csv"), QStringLiteral("connect.csv")}));
    ASSERT_TRUE(s.ok()) << s.error().toString().toStdString();
    // Every row of one crime, in either system, has the key of the crime's first identity.
    QHash<QString, qint64> keyOfIdentity;
    bool sawMigrated = false;
    ASSERT_TRUE(reg->forEachLink([&](const StoredLink &l) {
        const bool migrated = !l.link.legacyCrimeRef.isEmpty();
        sawMigrated = sawMigrated || migrated;
        const QString identity = migrated ? l.link.legacyCrimeRef : l.link.crimeRef;
        auto it = keyOfIdentity.constFind(identity);
        if (it == keyOfIdentity.constEnd())
            keyOfIdentity.insert(identity, l.link.crimeKey);
        else
            EXPECT_EQ(it.value(), l.link.crimeKey) << identity.toStdString();
        EXPECT_NE(l.link.crimeKey, 0);
        return true;
    }));
    EXPECT_TRUE(sawMigrated);
    // Different crimes, different keys.
    QSet<qint64> distinct;
    for (qint64 k : std::as_const(keyOfIdentity))
        distinct.insert(k);
    EXPECT_EQ(distinct.size(), keyOfIdentity.size());
}

namespace {

QString describe(const StoredLink &s)
{
    const LinkRecord &l = s.link;
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13 %14 %15 %16 %17 %18 %19 %20")
        .arg(s.id)
        .arg(s.importId)
        .arg(s.system)
        .arg(l.line)
        .arg(l.crimeRef, l.legacyCrimeRef)
        .arg(l.personKey)
        .arg(l.legacyPersonKey)
        .arg(int(l.role))
        .arg(l.offenceCode, l.offenceCategory)
        .arg(l.recorded)
        .arg(l.committedFrom)
        .arg(l.committedTo)
        .arg(int(l.precision))
        .arg(l.age)
        .arg(int(l.ageSource))
        .arg(int(l.sex))
        .arg(int(l.outcome))
        .arg(l.crimeKey);
}

QStringList everything(Register &reg)
{
    return eachLink(reg, describe);
}

} // namespace

TEST(RegisterFile, UpgradeToChunksKeepsEveryRowAndIdAndAsksForAMerge)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("r.sqlite"));
    QStringList before;
    {
        auto reg = openOrFail(path);
        ASSERT_TRUE(reg);
        Result<ImportSummary> s =
            Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"),
                                          {QStringLiteral("cms.csv"), QStringLiteral("connect.csv")}));
        ASSERT_TRUE(s.ok()) << s.error().toString().toStdString();
        before = everything(*reg);
        downgradeToSchema3(*reg);
        // Ids with a gap, as rows deleted by hand would leave: the upgrade keeps them as they are.
        QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT max(id) FROM links")) && q.next());
        const qint64 last = q.value(0).toLongLong();
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE links SET id = id + 1000 WHERE id = %1").arg(last)));
        for (QString &line : before) {
            if (line.startsWith(QStringLiteral("%1 ").arg(last)))
                line.replace(0, QString::number(last).size(), QString::number(last + 1000));
        }
    }
    ASSERT_GE(before.size(), 6);
    auto reg = openOrFail(path);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->schemaVersion(), Register::kSchemaVersion);
    EXPECT_EQ(everything(*reg), before);
    // The merged records of schema 3 gave way to the counting frame: the next merge makes it.
    EXPECT_TRUE(*reg->mergeIsStale());
    EXPECT_FALSE(CountingFrame::load(*reg).ok());
    ASSERT_TRUE(Merger::run(*reg).ok());
    Result<CountingFrame> frame = CountingFrame::load(*reg);
    ASSERT_TRUE(frame.ok()) << frame.error().toString().toStdString();
    EXPECT_EQ(frame->crimeCount(), 3);
    QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('links', "
                                      "'merged_crimes', 'merged_links')")) &&
                q.next());
    EXPECT_EQ(q.value(0).toInt(), 0);
}

namespace {

QMap<QString, QByteArray> byName(const Register::FrameColumns &columns)
{
    QMap<QString, QByteArray> out;
    for (const auto &[name, data] : columns)
        out.insert(name, data);
    return out;
}

} // namespace

TEST(Register, TheMergeStoresTheCountingFrameThatOpeningReads)
{
    QTemporaryDir tmp;
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    Result<ImportSummary> s =
        Importer::run(*reg, caseItems(QStringLiteral("migrated-crime"),
                                      {QStringLiteral("cms.csv"), QStringLiteral("connect.csv")}));
    ASSERT_TRUE(s.ok()) << s.error().toString().toStdString();
    Result<Register::FrameColumns> stored = reg->frameColumns();
    ASSERT_TRUE(stored.ok());
    ASSERT_FALSE(stored->isEmpty());
    Result<MergeResult> merged = Merger::compute(*reg);
    ASSERT_TRUE(merged.ok());
    const CountingFrame built = CountingFrame::build(merged->crimes, merged->links);
    Result<CountingFrame> loaded = CountingFrame::load(*reg);
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    EXPECT_EQ(loaded->crimeCount(), built.crimeCount());
    EXPECT_EQ(loaded->linkCrime, built.linkCrime);
    EXPECT_EQ(loaded->linkPerson, built.linkPerson);
    EXPECT_EQ(loaded->crimeKey, built.crimeKey);
    EXPECT_EQ(byName(*stored), byName(built.toColumns()));

    // No frame: the register must be merged before counting, and says so.
    QSqlQuery q(static_cast<SqlRegister &>(*reg).database());
    ASSERT_TRUE(q.exec(QStringLiteral("DELETE FROM frame_columns")));
    Result<CountingFrame> none = CountingFrame::load(*reg);
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("merge it before counting")));

    // A damaged stored frame is an error that says what to do, never a wrong count.
    ASSERT_TRUE(Merger::run(*reg).ok());
    ASSERT_TRUE(q.prepare(QStringLiteral("UPDATE frame_columns SET data = ? WHERE name = 'link_person'")));
    q.addBindValue(QByteArray(1, '\0'));
    ASSERT_TRUE(q.exec());
    Result<CountingFrame> damaged = CountingFrame::load(*reg);
    ASSERT_FALSE(damaged.ok());
    EXPECT_TRUE(damaged.error().message.contains(QStringLiteral("merge the register again")));
}

// The frame the merge makes as it goes is the one CountingFrame::build makes from the merged records,
// byte for byte, on a demo register with every trap of the spec laid in it.
TEST(Register, TheMergesFrameIsTheFrameOfItsMergedRecords)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 8000; // issues enough for more than one statement of them
    options.seed = 5;
    Result<DemoFiles> files = generateDemo(tmp.filePath(QStringLiteral("extracts")), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    auto reg = openOrFail(test::registerAt(tmp, QStringLiteral("r.sqlite")));
    ASSERT_TRUE(reg);
    Result<ImportSummary> s =
        Importer::run(*reg, {ImportItem{*SourceProfile::load(QStringLiteral("cms")), files->cmsCsv},
                             ImportItem{*SourceProfile::load(QStringLiteral("connect")), files->connectCsv}});
    ASSERT_TRUE(s.ok()) << s.error().toString().toStdString();
    ASSERT_GT(s->report.migratedMatched, 0);
    Result<MergeResult> merged = Merger::compute(*reg);
    ASSERT_TRUE(merged.ok());
    Result<Register::FrameColumns> stored = reg->frameColumns();
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(byName(*stored), byName(CountingFrame::build(merged->crimes, merged->links).toColumns()));
    // And the report the same whichever way the merge ran.
    Result<MergeReport> report = reg->mergeReport();
    ASSERT_TRUE(report.ok());
    // (merged again here, maybe a second later: the time of the merge aside)
    MergeReport kept = *report, again = merged->report;
    kept.mergedAt = again.mergedAt = QDateTime();
    EXPECT_EQ(kept.toJson(false), again.toJson(false));
    EXPECT_GT(report->issues.size(), 100); // more than one statement's worth, in their order
    EXPECT_GT(report->rejects.size(), 0);
    for (const MergeReport &r : {merged->report, s->report}) {
        ASSERT_EQ(r.issues.size(), report->issues.size());
        for (qsizetype i = 0; i < r.issues.size(); ++i) {
            EXPECT_EQ(r.issues[i].kind, report->issues[i].kind) << i;
            EXPECT_EQ(r.issues[i].crimeRef, report->issues[i].crimeRef) << i;
            EXPECT_EQ(r.issues[i].otherRef, report->issues[i].otherRef) << i;
            EXPECT_EQ(r.issues[i].liveValue, report->issues[i].liveValue) << i;
        }
    }
    // The report the merge gives back is the one stored, lists and all.
    EXPECT_EQ(s->report.toJson(true), report->toJson(true));
}
