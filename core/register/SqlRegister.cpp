#include "SqlRegister.h"

#include "common/Application.h"
#include "common/KillPoint.h"
#include "import/Pseudonymiser.h"
#include "register/Chunks.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

#include <algorithm>
#include <memory>

namespace foi {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QVariant nullIfZero(qint64 v)
{
    return v == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(v);
}

/// A text for a NOT NULL column: Qt Sql binds a null QString as NULL.
QString notNull(const QString &s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// Version 1 of the schema. `%ID%` is the engine's auto-numbered primary key.
const char *const kSchemaV1[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE systems (name TEXT PRIMARY KEY, title TEXT NOT NULL, role TEXT NOT NULL, legacy_system "
    "TEXT, "
    "cutover BIGINT)",
    "CREATE TABLE imports (id %ID%, system TEXT NOT NULL REFERENCES systems(name), profile TEXT NOT NULL, "
    "profile_sha256 TEXT NOT NULL, file_name TEXT NOT NULL, file_sha256 TEXT NOT NULL UNIQUE, "
    "file_size BIGINT NOT NULL, imported_at TEXT NOT NULL, officer TEXT NOT NULL, "
    "rows_read BIGINT NOT NULL DEFAULT 0, rows_kept BIGINT NOT NULL DEFAULT 0, "
    "rows_rejected BIGINT NOT NULL DEFAULT 0, rows_skipped BIGINT NOT NULL DEFAULT 0)",
    "CREATE TABLE links (id %ID%, import_id BIGINT NOT NULL REFERENCES imports(id), line BIGINT NOT NULL, "
    "crime_ref TEXT NOT NULL, legacy_crime_ref TEXT, person_key BIGINT, legacy_person_key BIGINT, "
    "role SMALLINT NOT NULL, offence_code TEXT, offence_category TEXT, recorded BIGINT NOT NULL, "
    "committed_from BIGINT, committed_to BIGINT, date_precision SMALLINT NOT NULL, age SMALLINT, "
    "age_source SMALLINT NOT NULL, sex SMALLINT NOT NULL, outcome SMALLINT)",
    "CREATE INDEX links_by_import ON links(import_id, line)",
    "CREATE TABLE rejects (id %ID%, import_id BIGINT NOT NULL REFERENCES imports(id), line BIGINT NOT NULL, "
    "field TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL, crime_ref TEXT NOT NULL)",
    "CREATE TABLE merged_crimes (id BIGINT PRIMARY KEY, system TEXT NOT NULL, crime_ref TEXT NOT NULL, "
    "legacy_crime_ref TEXT, migrated SMALLINT NOT NULL, offence_code TEXT, offence_category TEXT, "
    "recorded BIGINT NOT NULL, committed_from BIGINT, date_precision SMALLINT NOT NULL, outcome SMALLINT)",
    "CREATE TABLE merged_links (crime_id BIGINT NOT NULL, person_id BIGINT, role SMALLINT NOT NULL, age "
    "SMALLINT, "
    "age_source SMALLINT NOT NULL, sex SMALLINT NOT NULL, link_id BIGINT NOT NULL)",
    "CREATE TABLE merge_issues (id %ID%, kind TEXT NOT NULL, system TEXT NOT NULL, crime_ref TEXT NOT NULL, "
    "other_ref TEXT, field TEXT, legacy_value TEXT, live_value TEXT)",
};

/// Each step takes the schema from version n - 1 to n (kMigrations[n - 2]).
struct Migration
{
    int to;
    std::vector<const char *> statements;
    /// Run after the step's own C++ work (which reads what the statements above have not yet removed).
    std::vector<const char *> after = {};
};
const Migration kMigrations[] = {
    // 2: the releases made from the register, for the differencing check (shown values only).
    {2,
     {"CREATE TABLE releases (id %ID%, reference TEXT NOT NULL, released_at TEXT NOT NULL, officer TEXT NOT "
      "NULL, unit TEXT NOT NULL, request_json TEXT NOT NULL, release_json TEXT NOT NULL)",
      "CREATE INDEX releases_by_reference ON releases(reference)"}},
    // 3: record keys for cell-key perturbation. The keys of rows already imported are filled in by
    // fillCrimeKeys(); the merge is then stale, so that the merged crimes get theirs when merged again.
    {3,
     {"ALTER TABLE links ADD COLUMN crime_key BIGINT",
      "ALTER TABLE merged_crimes ADD COLUMN record_key BIGINT",
      "ALTER TABLE merged_links ADD COLUMN person_key BIGINT",
      "DELETE FROM meta WHERE key = 'merged_through_import'"}},
    // 4: imported rows in chunks (core/register/Chunks.h), a BLOB of thousands of rows each, instead of
    // a row each; chunkRows() moves what schema 3 held, keeping every id. The merged crimes and links give
    // way to the counting frame the merge makes of them, so the merge is stale until run again.
    {4,
     {"CREATE TABLE link_chunks (id %ID%, import_id BIGINT NOT NULL REFERENCES imports(id), "
      "first_link_id BIGINT NOT NULL, row_count BIGINT NOT NULL, data %BLOB% NOT NULL)",
      "CREATE INDEX link_chunks_by_import ON link_chunks(import_id, id)",
      "CREATE TABLE frame_columns (name TEXT PRIMARY KEY, data %BLOB% NOT NULL)"},
     {"DROP INDEX links_by_import", "DROP TABLE links", "DROP TABLE merged_links", "DROP TABLE merged_crimes",
      "DELETE FROM meta WHERE key = 'merged_through_import'"}},
    // 5: the files exported for a release, with their SHA-256, for the audit trail.
    {5,
     {"CREATE TABLE release_files (id %ID%, release_id BIGINT NOT NULL REFERENCES releases(id), "
      "file_name TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL)",
      "CREATE INDEX release_files_by_release ON release_files(release_id, id)",
      "CREATE INDEX release_files_by_sha256 ON release_files(sha256)"}},
    // 6: the requests, and the audit trail of everything done with the register (fillAuditTrail() writes
    // the lines of what was stored before: imports, releases, their files).
    {6,
     {"CREATE TABLE requests (reference TEXT PRIMARY KEY, received TEXT NOT NULL, title TEXT NOT NULL, "
      "requester_words TEXT NOT NULL, status TEXT NOT NULL, officer TEXT NOT NULL, notes TEXT NOT NULL, "
      "request_json TEXT, clarifications TEXT NOT NULL, extension_days INTEGER NOT NULL, responded TEXT, "
      "outcome TEXT, review_requested TEXT, review_days INTEGER NOT NULL, review_completed TEXT, "
      "version BIGINT NOT NULL)",
      "CREATE TABLE audit (id %ID%, at TEXT NOT NULL, officer TEXT NOT NULL, action TEXT NOT NULL, "
      "reference TEXT, detail TEXT NOT NULL, sha256 TEXT)",
      "CREATE INDEX audit_by_reference ON audit(reference, id)"}},
};

QString isoDay(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

QVariant dayOrNull(const QDate &day)
{
    return day.isValid() ? QVariant(day.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

QDate dayFrom(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

QString clarificationsJson(const QVector<Clarification> &rounds)
{
    QJsonArray out;
    for (const Clarification &c : rounds)
        out.append(QJsonObject{{QStringLiteral("sought"), isoDay(c.sought)},
                               {QStringLiteral("answered"), isoDay(c.answered)}});
    return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QVector<Clarification> clarificationsFrom(const QString &json)
{
    QVector<Clarification> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out << Clarification{QDate::fromString(o.value(QStringLiteral("sought")).toString(), Qt::ISODate),
                             QDate::fromString(o.value(QStringLiteral("answered")).toString(), Qt::ISODate)};
    }
    return out;
}

const char *const kRequestColumns =
    "reference, received, title, requester_words, status, officer, notes, request_json, clarifications, "
    "extension_days, responded, outcome, review_requested, review_days, review_completed, version";

/// The changes between two versions of a request, in words, for the audit trail.
QStringList requestChanges(const FoiRequestRecord &was, const FoiRequestRecord &now)
{
    QStringList out;
    auto changed = [&](const char *what, const QString &a, const QString &b) {
        if (a != b)
            out << QStringLiteral("%1: %2 -> %3")
                       .arg(QLatin1String(what), a.isEmpty() ? QStringLiteral("none") : a,
                            b.isEmpty() ? QStringLiteral("none") : b);
    };
    changed("status", requestStatusName(was.status), requestStatusName(now.status));
    changed("received", isoDay(was.received), isoDay(now.received));
    changed("officer", was.officer, now.officer);
    changed("extension", QString::number(was.extensionDays), QString::number(now.extensionDays));
    // Clarification rounds in words: "clarification 1 sought 2017-12-06", "... answered 2017-12-11".
    for (qsizetype i = 0; i < std::max(was.clarifications.size(), now.clarifications.size()); ++i) {
        const Clarification before = i < was.clarifications.size() ? was.clarifications[i] : Clarification();
        const Clarification after = i < now.clarifications.size() ? now.clarifications[i] : Clarification();
        if (i >= now.clarifications.size()) {
            out << QStringLiteral("clarification %1 removed").arg(i + 1);
            continue;
        }
        if (before.sought != after.sought)
            out << QStringLiteral("clarification %1 sought %2").arg(i + 1).arg(isoDay(after.sought));
        if (before.answered != after.answered)
            out << (after.answered.isValid()
                        ? QStringLiteral("clarification %1 answered %2")
                              .arg(i + 1)
                              .arg(isoDay(after.answered))
                        : QStringLiteral("clarification %1 no longer answered").arg(i + 1));
    }
    changed("responded", isoDay(was.responded), isoDay(now.responded));
    changed("outcome", was.outcome, now.outcome);
    changed("review requested", isoDay(was.reviewRequested), isoDay(now.reviewRequested));
    changed("review days", QString::number(was.reviewDays), QString::number(now.reviewDays));
    changed("review completed", isoDay(was.reviewCompleted), isoDay(now.reviewCompleted));
    // Texts are named, not quoted: the trail says what changed, the request holds the words.
    if (was.title != now.title)
        out << QStringLiteral("title changed");
    if (was.requesterWords != now.requesterWords)
        out << QStringLiteral("request wording changed");
    if (was.notes != now.notes)
        out << QStringLiteral("notes changed");
    if (was.requestJson != now.requestJson)
        out << QStringLiteral("request file changed");
    return out;
}

} // namespace

bool Register::isServerLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<std::unique_ptr<Register>> Register::open(const QString &location, const OpenOptions &options)
{
    if (isServerLocation(location))
        return SqlRegister::openPostgres(location, options);
    return SqlRegister::openSqlite(location, options);
}

Result<std::unique_ptr<Register>> Register::openAsking(const QString &location, OpenOptions options,
                                                       const PasswordAsker &ask)
{
    Result<std::unique_ptr<Register>> reg = open(location, options);
    for (int attempt = 0; attempt < 3 && !reg && reg.error().field == QLatin1String("password"); ++attempt) {
        const std::optional<QString> typed = ask(reg.error());
        if (!typed || typed->isEmpty())
            break; // cancelled, or nobody to ask: the register's error says what to do
        options.password = *typed;
        reg = open(location, options);
    }
    return reg;
}

SqlRegister::SqlRegister(Dialect dialect, QString location, QString connectionName)
    : m_dialect(dialect)
    , m_location(std::move(location))
    , m_connectionName(std::move(connectionName))
{}

SqlRegister::~SqlRegister()
{
    if (m_inTransaction)
        m_db.rollback();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Register>> SqlRegister::openSqlite(const QString &path, const OpenOptions &options)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error(
            QStringLiteral("the Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite)"));
    const QFileInfo info(path);
    bool isNew = false;
    if (!info.exists()) {
        if (!options.createIfMissing)
            return Error(QStringLiteral("there is no register here"), path);
        // Create the file ourselves so that it is private to the officer from its first byte.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Error(QStringLiteral("cannot create the register: %1: choose a folder you can write to")
                             .arg(f.errorString()),
                         path);
        f.close();
        if (!f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return Error(QStringLiteral("cannot make the register private (permissions 0600)"), path);
        isNew = true;
    } else if (info.isDir()) {
        return Error(QStringLiteral("this is a folder, not a register file"), path);
    } else if (info.size() == 0) {
        isNew = true;
    }

    const QString name = QStringLiteral("foi-register-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqlRegister> reg(new SqlRegister(Dialect::Sqlite, path, name));
    reg->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    reg->m_db.setDatabaseName(path);
    reg->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!reg->m_db.open())
        return reg->sqlError(QStringLiteral("cannot open the register"), reg->m_db.lastError());

    // A file that is not a SQLite database fails on its first read; so does a register whose folder
    // cannot be written, as the write-ahead log lives beside it.
    QSqlQuery probe(reg->m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const int code = probe.lastError().nativeErrorCode().toInt() & 0xff; // the primary result code
        constexpr int kCantOpen = 14, kReadOnly = 8, kPermission = 3, kNotADatabase = 26;
        if (code == kCantOpen || code == kReadOnly || code == kPermission ||
            (code != kNotADatabase && !QFileInfo(info.absolutePath()).isWritable()))
            return Error(
                QStringLiteral("cannot open the register: the folder it is in cannot be written, and "
                               "FOI Tables keeps the register's write-ahead log beside it: give your "
                               "account write access to the folder, or copy the register to a "
                               "folder you can write to"),
                path);
        if (code != kNotADatabase)
            return reg->sqlError(QStringLiteral("cannot read the register"), probe);
        return Error(QStringLiteral("this file is not a FOI Tables register (it is not a SQLite database)"),
                     path);
    }
    probe.next();
    const bool empty = probe.value(0).toLongLong() == 0;
    probe.finish();
    if (!empty && isNew)
        isNew = false;

    // A new register's pages are the largest SQLite has: it is mostly BLOBs of packed rows and counting
    // columns, which then take a sixteenth of the pages (and page writes) they would at the default. Only
    // an empty file takes it, before it goes into WAL mode.
    if (empty) {
        QSqlQuery q(reg->m_db);
        if (!q.exec(QStringLiteral("PRAGMA page_size=65536")))
            return reg->sqlError(QStringLiteral("cannot set up the register"), q);
    }
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON"}) {
        QSqlQuery q(reg->m_db);
        if (!q.exec(QLatin1String(pragma)))
            return reg->sqlError(QStringLiteral("cannot set up the register"), q);
    }
    if (Status s = reg->initialise(empty); !s)
        return s.error();
    return std::unique_ptr<Register>(std::move(reg));
}

namespace {

/// Passwords typed for server registers in this process, by location: never written anywhere.
QMutex g_passwordsLock;
QHash<QString, QString> g_passwords;

/// The advisory lock every writer to a PostgreSQL register takes in its transaction ('FOIT').
constexpr qint64 kWriterLock = 0x464F4954;

} // namespace

namespace {

/// A team register's address taken apart: what QPSQL is given to connect.
struct ServerAddress
{
    QString shown; ///< the address as given, without a password
    QString host;
    int port = -1;
    QString database;
    QString user;
    QStringList connectOptions;
};

Result<ServerAddress> parseServerAddress(const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    const auto refuse = [&](const QString &message) {
        return Error(message +
                         QStringLiteral(" (a team register is named postgresql://user@host:port/database)"),
                     location, 0, QStringLiteral("register"));
    };
    if (!Register::isServerLocation(location))
        return refuse(QStringLiteral("this is not a server address"));
    if (!url.isValid())
        return refuse(QStringLiteral("this is not a valid server address: %1").arg(url.errorString()));
    if (!url.password().isEmpty())
        return Error(
            QStringLiteral("a password does not belong in the register's address, where settings and "
                           "logs would keep it: put it in ~/.pgpass (or the file PGPASSFILE names), "
                           "or give it when asked"),
            QString(), 0, QStringLiteral("register"));
    ServerAddress address;
    address.database = url.path();
    if (address.database.startsWith(QLatin1Char('/')))
        address.database.remove(0, 1);
    if (address.database.isEmpty() || address.database.contains(QLatin1Char('/')))
        return refuse(QStringLiteral("name the database after the server"));
    static const QStringList allowed{
        QStringLiteral("service"),  QStringLiteral("sslmode"),          QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),  QStringLiteral("sslkey"),           QStringLiteral("connect_timeout"),
        QStringLiteral("passfile"), QStringLiteral("application_name"),
    };
    bool timeout = false;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!allowed.contains(key))
            return refuse(
                QStringLiteral("'%1' is not an option FOI Tables passes to the server; they are: %2")
                    .arg(key, allowed.join(QStringLiteral(", "))));
        if (value.isEmpty() || value.contains(QRegularExpression(QStringLiteral("[\\s;'\\\\=]"))))
            return refuse(QStringLiteral("the value of '%1' must be one word").arg(key));
        address.connectOptions << key + QLatin1Char('=') + value;
        timeout = timeout || key == QLatin1String("connect_timeout");
    }
    if (!timeout)
        address.connectOptions << QStringLiteral("connect_timeout=10");
    address.shown = url.toString(QUrl::RemovePassword);
    address.host = url.host();
    address.port = url.port();
    address.user = url.userName();
    return address;
}

} // namespace

Status Register::checkServerAddress(const QString &location)
{
    Result<ServerAddress> address = parseServerAddress(location);
    if (!address)
        return address.error();
    return {};
}

Result<std::unique_ptr<Register>> SqlRegister::openPostgres(const QString &location,
                                                            const OpenOptions &options)
{
    Result<ServerAddress> parsed = parseServerAddress(location);
    if (!parsed)
        return parsed.error();
    const ServerAddress &address = *parsed;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error(
            QStringLiteral("the Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql)"),
            location);

    // The location shown and stored: the address as given, which holds no password.
    const QString &shown = address.shown;
    const QString name = QStringLiteral("foi-register-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqlRegister> reg(new SqlRegister(Dialect::Postgres, shown, name));
    reg->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    reg->m_db.setHostName(address.host);
    if (address.port > 0)
        reg->m_db.setPort(address.port);
    reg->m_db.setDatabaseName(address.database);
    reg->m_db.setUserName(address.user);
    QString password = options.password;
    if (password.isEmpty()) {
        const QMutexLocker lock(&g_passwordsLock);
        password = g_passwords.value(shown);
    }
    if (!password.isEmpty())
        reg->m_db.setPassword(password);
    reg->m_db.setConnectOptions(address.connectOptions.join(QLatin1Char(';')));
    if (!reg->m_db.open()) {
        const QString detail = reg->m_db.lastError().databaseText().isEmpty()
                                   ? reg->m_db.lastError().text()
                                   : reg->m_db.lastError().databaseText();
        if (detail.contains(QLatin1String("no password supplied")))
            return Error(QStringLiteral("the server asks for a password: put it in ~/.pgpass (or the file "
                                        "PGPASSFILE names), or give it when asked"),
                         shown, 0, QStringLiteral("password"));
        if (detail.contains(QLatin1String("password authentication failed")))
            return Error(QStringLiteral("the server refused the password for user '%1'").arg(address.user),
                         shown, 0, QStringLiteral("password"));
        return Error(QStringLiteral("cannot reach the register on the server: %1").arg(detail.trimmed()),
                     shown);
    }
    if (!options.password.isEmpty()) {
        const QMutexLocker lock(&g_passwordsLock);
        g_passwords.insert(shown, options.password);
    }
    // Notices (a table that already exists, ...) are the server's business, not the officer's.
    {
        QSqlQuery q(reg->m_db);
        if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
            return reg->sqlError(QStringLiteral("cannot set up the connection"), q);
    }
    Result<bool> empty = reg->isEmptyDatabase();
    if (!empty)
        return empty.error();
    if (*empty && !options.createIfMissing)
        return Error(
            QStringLiteral("this database holds no FOI Tables register yet: check the database name, or "
                           "create the register by importing an extract into it (foi-tables-cli "
                           "import --register ADDRESS --profile NAME FILE)"),
            shown);
    if (Status s = reg->initialise(*empty); !s)
        return s.error();
    return std::unique_ptr<Register>(std::move(reg));
}

Result<bool> SqlRegister::isEmptyDatabase()
{
    QSqlQuery q(m_db);
    const QString sql = m_dialect == Dialect::Postgres
                            ? QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                             "WHERE table_schema = current_schema()")
                            : QStringLiteral("SELECT count(*) FROM sqlite_master");
    if (!q.exec(sql) || !q.next())
        return sqlError(QStringLiteral("cannot read the register"), q);
    return q.value(0).toLongLong() == 0;
}

Status SqlRegister::takeWriterTurn()
{
    if (m_dialect != Dialect::Postgres)
        return {};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
    q.addBindValue(kWriterLock);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot start writing to the register"), q);
    return {};
}

Error SqlRegister::sqlError(const QString &what, const QSqlQuery &query) const
{
    return sqlError(what, query.lastError());
}

Error SqlRegister::sqlError(const QString &what, const QSqlError &error) const
{
    QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (detail.contains(QStringLiteral("disk is full"), Qt::CaseInsensitive) ||
        detail.contains(QStringLiteral("database or disk is full"), Qt::CaseInsensitive))
        detail = QStringLiteral("the disk is full: free some space and try again (%1)").arg(detail);
    else if (detail.contains(QStringLiteral("unable to open database file"), Qt::CaseInsensitive))
        detail = QStringLiteral("%1: check that your account may read and write the register and the folder "
                                "it is in")
                     .arg(detail);
    else if (detail.contains(QStringLiteral("disk I/O error"), Qt::CaseInsensitive))
        detail = QStringLiteral("the disk refused to write (is it full, or is a network drive gone?): free "
                                "some space or check the drive, and try again (%1)")
                     .arg(detail);
    else if (detail.contains(QStringLiteral("readonly"), Qt::CaseInsensitive) ||
             detail.contains(QStringLiteral("read-only"), Qt::CaseInsensitive))
        detail =
            QStringLiteral("the register cannot be written here (read-only file or folder): %1").arg(detail);
    return Error(QStringLiteral("%1: %2").arg(what, detail), m_location);
}

QString SqlRegister::ddl(QString statement) const
{
    switch (m_dialect) {
    case Dialect::Sqlite:
        statement.replace(QStringLiteral("%ID%"), QStringLiteral("INTEGER PRIMARY KEY"));
        statement.replace(QStringLiteral("%BLOB%"), QStringLiteral("BLOB"));
        break;
    case Dialect::Postgres:
        statement.replace(QStringLiteral("%ID%"),
                          QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        statement.replace(QStringLiteral("%BLOB%"), QStringLiteral("BYTEA"));
        break;
    }
    return statement;
}

Status SqlRegister::initialise(bool isNew)
{
    if (isNew) {
        if (Status s = createSchema(); !s)
            return s;
    }
    Result<QString> version = meta(QStringLiteral("schema_version"));
    if (!version) {
        return Error(
            QStringLiteral("this database is not a FOI Tables register (it has no register information)"),
            m_location);
    }
    bool ok = false;
    m_schemaVersion = version->toInt(&ok);
    if (!ok || m_schemaVersion < 1)
        return Error(QStringLiteral("the register's schema version '%1' is not valid").arg(*version),
                     m_location);
    if (m_schemaVersion > kSchemaVersion)
        return Error(
            QStringLiteral("this register was written by a newer version of FOI Tables (register schema "
                           "%1; this version reads up to %2): install the newer version to open it")
                .arg(m_schemaVersion)
                .arg(kSchemaVersion),
            m_location);
    if (m_schemaVersion < kSchemaVersion) {
        if (Status s = migrate(m_schemaVersion); !s)
            return s;
    }
    Result<QString> salt = meta(QStringLiteral("pseudonym_salt"));
    if (!salt)
        return salt.error();
    m_salt = QByteArray::fromHex(salt->toLatin1());
    if (m_salt.size() < 16)
        return Error(QStringLiteral("the register's pseudonym key is damaged"), m_location);
    return {};
}

Status SqlRegister::createSchema()
{
    if (!m_db.transaction())
        return sqlError(QStringLiteral("cannot create the register"), m_db.lastError());
    // Two officers opening an empty team database at once: the second waits, then finds the first's tables.
    if (Status s = takeWriterTurn(); !s) {
        m_db.rollback();
        return s;
    }
    if (m_dialect == Dialect::Postgres) {
        Result<bool> empty = isEmptyDatabase();
        if (!empty || !*empty) {
            m_db.rollback();
            return empty ? Status() : Status(empty.error());
        }
    }
    std::vector<const char *> statements(std::begin(kSchemaV1), std::end(kSchemaV1));
    for (const Migration &m : kMigrations) {
        statements.insert(statements.end(), m.statements.begin(), m.statements.end());
        statements.insert(statements.end(), m.after.begin(), m.after.end());
    }
    for (const char *statement : statements) {
        QSqlQuery q(m_db);
        if (!q.exec(ddl(QLatin1String(statement)))) {
            Error e = sqlError(QStringLiteral("cannot create the register"), q);
            m_db.rollback();
            return e;
        }
    }
    const QList<QPair<QString, QString>> values{
        {QStringLiteral("schema_version"), QString::number(kSchemaVersion)},
        {QStringLiteral("application"), application::appId()},
        {QStringLiteral("created_by_version"), application::version()},
        {QStringLiteral("created_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("pseudonym_salt"), QString::fromLatin1(Pseudonymiser::newSalt().toHex())},
    };
    for (const auto &[key, value] : values) {
        if (Status s = setMeta(key, value); !s) {
            m_db.rollback();
            return s;
        }
    }
    if (!m_db.commit())
        return sqlError(QStringLiteral("cannot create the register"), m_db.lastError());
    return {};
}

Status SqlRegister::migrate(int from)
{
    // Each step takes the schema from version n to n + 1 inside one transaction, so that a register is
    // always at one version or the next, never between.
    for (const Migration &m : kMigrations) {
        if (m.to <= from)
            continue;
        if (!m_db.transaction())
            return sqlError(QStringLiteral("cannot upgrade the register"), m_db.lastError());
        if (Status s = takeWriterTurn(); !s) {
            m_db.rollback();
            return s;
        }
        for (const char *statement : m.statements) {
            QSqlQuery q(m_db);
            if (!q.exec(ddl(QLatin1String(statement)))) {
                Error e = sqlError(QStringLiteral("cannot upgrade the register to schema %1").arg(m.to), q);
                m_db.rollback();
                return e;
            }
        }
        Status step;
        if (m.to == 3)
            step = fillCrimeKeys();
        else if (m.to == 4)
            step = chunkRows();
        else if (m.to == 6)
            step = fillAuditTrail();
        if (!step) {
            m_db.rollback();
            return step;
        }
        for (const char *statement : m.after) {
            QSqlQuery q(m_db);
            if (!q.exec(ddl(QLatin1String(statement)))) {
                Error e = sqlError(QStringLiteral("cannot upgrade the register to schema %1").arg(m.to), q);
                m_db.rollback();
                return e;
            }
        }
        if (Status st = setMeta(QStringLiteral("schema_version"), QString::number(m.to)); !st) {
            m_db.rollback();
            return st;
        }
        if (!m_db.commit())
            return sqlError(QStringLiteral("cannot upgrade the register"), m_db.lastError());
        m_schemaVersion = m.to;
    }
    if (m_schemaVersion != kSchemaVersion)
        return Error(
            QStringLiteral("no migration from register schema %1 to %2").arg(from).arg(kSchemaVersion),
            m_location);
    return {};
}

Status SqlRegister::fillCrimeKeys()
{
    Result<QString> salt = meta(QStringLiteral("pseudonym_salt"));
    if (!salt)
        return salt.error();
    const Pseudonymiser pseudonymiser(QByteArray::fromHex(salt->toLatin1()));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT l.id, i.system, s.legacy_system, l.crime_ref, l.legacy_crime_ref "
                               "FROM links l JOIN imports i ON i.id = l.import_id "
                               "JOIN systems s ON s.name = i.system")))
        return sqlError(QStringLiteral("cannot upgrade the register to schema 3"), q);
    QVector<QPair<qint64, qint64>> keys;
    while (q.next()) {
        const QString legacySystem = q.value(2).toString();
        const QString legacyRef = q.value(4).toString();
        const bool legacy = !legacySystem.isEmpty() && !legacyRef.isEmpty();
        const QByteArray ref = (legacy ? legacyRef : q.value(3).toString()).toUtf8();
        keys.append({q.value(0).toLongLong(),
                     pseudonymiser.recordKey(legacy ? legacySystem : q.value(1).toString(),
                                             std::string_view(ref.constData(), size_t(ref.size())))});
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot upgrade the register to schema 3"), q);
    QSqlQuery u(m_db);
    if (!u.prepare(QStringLiteral("UPDATE links SET crime_key = ? WHERE id = ?")))
        return sqlError(QStringLiteral("cannot upgrade the register to schema 3"), u);
    for (const auto &[id, key] : keys) {
        u.bindValue(0, key);
        u.bindValue(1, id);
        if (!u.exec())
            return sqlError(QStringLiteral("cannot upgrade the register to schema 3"), u);
    }
    return {};
}

Status SqlRegister::chunkRows()
{
    const QString failed = QStringLiteral("cannot upgrade the register to schema 4");
    // The imported rows, a chunk per run of consecutive ids of one import.
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, import_id, line, crime_ref, legacy_crime_ref, person_key, "
                                   "legacy_person_key, role, "
                                   "offence_code, offence_category, recorded, committed_from, committed_to, "
                                   "date_precision, age, "
                                   "age_source, sex, outcome, crime_key FROM links ORDER BY import_id, id")))
            return sqlError(failed, q);
        QVector<LinkRecord> run;
        qint64 runImport = 0, runFirst = 0, lastId = 0;
        auto flush = [&]() -> Status {
            if (run.isEmpty())
                return {};
            Status s = addLinkChunk(runImport, runFirst, run.constData(), run.size());
            run.clear();
            return s;
        };
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const qint64 importId = q.value(1).toLongLong();
            if (!run.isEmpty() &&
                (importId != runImport || id != lastId + 1 || run.size() == chunks::kRecordsPerChunk)) {
                if (Status s = flush(); !s)
                    return s;
            }
            if (run.isEmpty()) {
                runImport = importId;
                runFirst = id;
            }
            lastId = id;
            LinkRecord l;
            l.line = q.value(2).toLongLong();
            l.crimeRef = q.value(3).toString();
            l.legacyCrimeRef = q.value(4).toString();
            l.personKey = q.value(5).toLongLong();
            l.legacyPersonKey = q.value(6).toLongLong();
            l.role = static_cast<Role>(q.value(7).toInt());
            l.offenceCode = q.value(8).toString();
            l.offenceCategory = q.value(9).toString();
            l.recorded = q.value(10).toInt();
            l.committedFrom = q.value(11).toInt();
            l.committedTo = q.value(12).toInt();
            l.precision = static_cast<DatePrecision>(q.value(13).toInt());
            l.age = q.value(14).isNull() ? qint16(-1) : static_cast<qint16>(q.value(14).toInt());
            l.ageSource = static_cast<AgeSource>(q.value(15).toInt());
            l.sex = static_cast<Sex>(q.value(16).toInt());
            l.outcome = q.value(17).isNull() ? qint8(-1) : static_cast<qint8>(q.value(17).toInt());
            l.crimeKey = q.value(18).toLongLong();
            run << l;
        }
        if (q.lastError().isValid())
            return sqlError(failed, q);
        if (Status s = flush(); !s)
            return s;
    }
    return {};
}

Result<QString> SqlRegister::meta(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the register"), q);
    if (!q.next())
        return Error(QStringLiteral("the register has no '%1'").arg(key), m_location);
    return q.value(0).toString();
}

Result<std::optional<QString>> SqlRegister::optionalMeta(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the register"), q);
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

Status SqlRegister::setMeta(const QString &key, const QString &value)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot write the register"), q);
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot write the register"), q);
    return {};
}

Status SqlRegister::beginTransaction()
{
    if (m_inTransaction)
        return Error(QStringLiteral("a transaction is already open on the register"), m_location);
    if (m_dialect == Dialect::Sqlite) {
        // The write lock from the start (waiting for another writer up to the busy timeout), rather than
        // on the first write, when SQLite can only refuse a transaction that read what another changed.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return sqlError(QStringLiteral("cannot start writing to the register"), q);
    } else if (!m_db.transaction()) {
        return sqlError(QStringLiteral("cannot start writing to the register"), m_db.lastError());
    }
    if (Status s = takeWriterTurn(); !s) {
        m_db.rollback();
        return s;
    }
    m_inTransaction = true;
    return {};
}

Status SqlRegister::commit()
{
    if (!m_db.commit()) {
        Error e = sqlError(QStringLiteral("cannot save to the register"), m_db.lastError());
        m_db.rollback();
        m_inTransaction = false;
        return e;
    }
    m_inTransaction = false;
    return {};
}

void SqlRegister::rollback()
{
    if (m_inTransaction)
        m_db.rollback();
    m_inTransaction = false;
}

namespace {

ImportBatch batchFrom(const QSqlQuery &q)
{
    ImportBatch b;
    b.id = q.value(0).toLongLong();
    b.system = q.value(1).toString();
    b.profile = q.value(2).toString();
    b.profileSha256 = q.value(3).toString();
    b.fileName = q.value(4).toString();
    b.fileSha256 = q.value(5).toString();
    b.fileSize = q.value(6).toLongLong();
    b.importedAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODate);
    b.officer = q.value(8).toString();
    b.rowsRead = q.value(9).toLongLong();
    b.rowsKept = q.value(10).toLongLong();
    b.rowsRejected = q.value(11).toLongLong();
    b.rowsSkipped = q.value(12).toLongLong();
    return b;
}

const QString kImportColumns = QStringLiteral("id, system, profile, profile_sha256, file_name, file_sha256, "
                                              "file_size, imported_at, officer, rows_read, "
                                              "rows_kept, rows_rejected, rows_skipped");

} // namespace

Result<std::optional<ImportBatch>> SqlRegister::findImport(const QString &fileSha256)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM imports WHERE file_sha256 = ?").arg(kImportColumns));
    q.addBindValue(fileSha256);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the imports"), q);
    if (!q.next())
        return std::optional<ImportBatch>();
    return std::optional<ImportBatch>(batchFrom(q));
}

Status SqlRegister::saveSystem(const SystemInfo &system)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT role, legacy_system, cutover FROM systems WHERE name = ?"));
    q.addBindValue(system.name);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the systems"), q);
    const qint64 cutover = system.cutover.isValid() ? system.cutover.toJulianDay() : 0;
    if (q.next()) {
        const QString role = q.value(0).toString();
        const QString legacy = q.value(1).toString();
        const qint64 storedCutover = q.value(2).toLongLong();
        if (role != systemRoleName(system.role) || legacy != system.legacySystem || storedCutover != cutover)
            return Error(
                QStringLiteral("the register already holds system '%1' as a %2 system%3; this profile "
                               "describes it differently (role %4%5). Use the same profile as before, "
                               "or give the system another name")
                    .arg(system.name, role,
                         storedCutover ? QStringLiteral(" with cutover day %1")
                                             .arg(QDate::fromJulianDay(storedCutover).toString(Qt::ISODate))
                                       : QString(),
                         systemRoleName(system.role),
                         cutover
                             ? QStringLiteral(", cutover day %1").arg(system.cutover.toString(Qt::ISODate))
                             : QString()),
                m_location);
        return {};
    }
    q.prepare(QStringLiteral(
        "INSERT INTO systems (name, title, role, legacy_system, cutover) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(system.name);
    q.addBindValue(system.title.isEmpty() ? system.name : system.title);
    q.addBindValue(systemRoleName(system.role));
    q.addBindValue(nullIfEmpty(system.legacySystem));
    q.addBindValue(nullIfZero(cutover));
    if (!q.exec())
        return sqlError(QStringLiteral("cannot record the system"), q);
    return {};
}

Result<QVector<SystemInfo>> SqlRegister::systems()
{
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("SELECT name, title, role, legacy_system, cutover FROM systems ORDER BY name")))
        return sqlError(QStringLiteral("cannot read the systems"), q);
    QVector<SystemInfo> out;
    while (q.next()) {
        SystemInfo s;
        s.name = q.value(0).toString();
        s.title = q.value(1).toString();
        const QString role = q.value(2).toString();
        s.role = role == QStringLiteral("legacy") ? SystemRole::Legacy
                 : role == QStringLiteral("new")  ? SystemRole::New
                                                  : SystemRole::Standalone;
        s.legacySystem = q.value(3).toString();
        if (!q.value(4).isNull())
            s.cutover = QDate::fromJulianDay(q.value(4).toLongLong());
        out << s;
    }
    return out;
}

Result<qint64> SqlRegister::addImport(const ImportBatch &b)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO imports (system, profile, profile_sha256, file_name, file_sha256, file_size, "
        "imported_at, officer, rows_read, rows_kept, rows_rejected, rows_skipped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(b.system);
    q.addBindValue(b.profile);
    q.addBindValue(b.profileSha256);
    q.addBindValue(b.fileName);
    q.addBindValue(b.fileSha256);
    q.addBindValue(b.fileSize);
    q.addBindValue(b.importedAt.toUTC().toString(Qt::ISODate));
    q.addBindValue(b.officer);
    q.addBindValue(b.rowsRead);
    q.addBindValue(b.rowsKept);
    q.addBindValue(b.rowsRejected);
    q.addBindValue(b.rowsSkipped);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("cannot record the import"), q);
    return q.value(0).toLongLong();
}

Status SqlRegister::updateImportCounts(const ImportBatch &b)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE imports SET rows_read = ?, rows_kept = ?, rows_rejected = ?, rows_skipped = ? WHERE id = ?"));
    q.addBindValue(b.rowsRead);
    q.addBindValue(b.rowsKept);
    q.addBindValue(b.rowsRejected);
    q.addBindValue(b.rowsSkipped);
    q.addBindValue(b.id);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot record the import"), q);
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    return addAuditEvent(
        AuditEvent{0, b.importedAt, b.officer, QStringLiteral("import"), QString(),
                   QStringLiteral("Imported %1 into %2 (profile %3): %4 rows kept, %5 "
                                  "rejected, %6 skipped")
                       .arg(b.fileName, b.system, b.profile, english.toString(b.rowsKept),
                            english.toString(b.rowsRejected), english.toString(b.rowsSkipped)),
                   b.fileSha256});
}

Result<qint64> SqlRegister::nextLinkId()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(first_link_id + row_count), 1) FROM link_chunks")) ||
        !q.next())
        return sqlError(QStringLiteral("cannot store the rows"), q);
    return q.value(0).toLongLong();
}

Status SqlRegister::addLinkChunk(qint64 importId, qint64 firstLinkId, const LinkRecord *links,
                                 qsizetype count)
{
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral(
            "INSERT INTO link_chunks (import_id, first_link_id, row_count, data) VALUES (?, ?, ?, ?)")))
        return sqlError(QStringLiteral("cannot store the rows"), q);
    q.addBindValue(importId);
    q.addBindValue(firstLinkId);
    q.addBindValue(qint64(count));
    q.addBindValue(chunks::encodeLinks(links, count));
    if (!q.exec())
        return sqlError(QStringLiteral("cannot store the rows"), q);
    return {};
}

Status SqlRegister::addLinks(qint64 importId, const QVector<LinkRecord> &links)
{
    Result<qint64> next = nextLinkId();
    if (!next)
        return next.error();
    for (qsizetype at = 0; at < links.size(); at += chunks::kRecordsPerChunk) {
        const qsizetype n = std::min<qsizetype>(chunks::kRecordsPerChunk, links.size() - at);
        if (Status s = addLinkChunk(importId, *next + at, links.constData() + at, n); !s)
            return s;
    }
    return {};
}

Status SqlRegister::addRejects(qint64 importId, const QVector<RejectRecord> &rejects)
{
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("INSERT INTO rejects (import_id, line, field, reason, message, crime_ref) "
                                  "VALUES (?, ?, ?, ?, ?, ?)")))
        return sqlError(QStringLiteral("cannot store the rejected rows"), q);
    for (const RejectRecord &r : rejects) {
        q.bindValue(0, importId);
        q.bindValue(1, r.line);
        // Empty, never NULL: a reject of the whole row has no field, one with a blank reference no crime.
        q.bindValue(2, r.field.isNull() ? QStringLiteral("") : r.field);
        q.bindValue(3, r.reason);
        q.bindValue(4, r.message);
        q.bindValue(5, r.crimeRef.isNull() ? QStringLiteral("") : r.crimeRef);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot store the rejected rows"), q);
    }
    return {};
}

Result<QVector<ImportBatch>> SqlRegister::imports()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM imports ORDER BY id").arg(kImportColumns)))
        return sqlError(QStringLiteral("cannot read the imports"), q);
    QVector<ImportBatch> out;
    while (q.next())
        out << batchFrom(q);
    return out;
}

Result<QVector<RejectListing>> SqlRegister::rejects()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT i.system, i.file_name, r.line, r.field, r.reason, r.message, r.crime_ref "
            "FROM rejects r JOIN imports i ON i.id = r.import_id ORDER BY r.import_id, r.line")))
        return sqlError(QStringLiteral("cannot read the rejected rows"), q);
    QVector<RejectListing> out;
    while (q.next()) {
        RejectListing r;
        r.system = q.value(0).toString();
        r.file = q.value(1).toString();
        r.line = q.value(2).toLongLong();
        r.field = q.value(3).toString();
        r.reason = q.value(4).toString();
        r.message = q.value(5).toString();
        r.crimeRef = q.value(6).toString();
        out << r;
    }
    return out;
}

Status SqlRegister::forEachLinkChunk(const std::function<bool(const LinkChunk &)> &visit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.import_id, i.system, c.first_link_id, c.data FROM link_chunks c "
                               "JOIN imports i ON i.id = c.import_id ORDER BY c.import_id, c.id")))
        return sqlError(QStringLiteral("cannot read the imported rows"), q);
    LinkChunk chunk;
    while (q.next()) {
        chunk.importId = q.value(0).toLongLong();
        const QString system = q.value(1).toString();
        if (system != chunk.system)
            chunk.system = system; // one copy per system, so that readers can compare it by address
        chunk.firstLinkId = q.value(2).toLongLong();
        chunk.data = q.value(3).toByteArray();
        if (!visit(chunk))
            return {};
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the imported rows"), q);
    return {};
}

Status SqlRegister::forEachLink(const std::function<bool(const StoredLink &)> &visit)
{
    StoredLink s;
    QVector<LinkRecord> links;
    std::optional<Error> damaged;
    Status read = forEachLinkChunk([&](const LinkChunk &chunk) {
        s.importId = chunk.importId;
        s.system = chunk.system;
        links.clear();
        if (Status st = chunks::decodeLinks(chunk.data, &links); !st) {
            damaged = Error(st.error().message, m_location);
            return false;
        }
        for (qsizetype k = 0; k < links.size(); ++k) {
            s.id = chunk.firstLinkId + k;
            s.link = std::move(links[k]);
            if (!visit(s))
                return false;
        }
        return true;
    });
    if (damaged)
        return *damaged;
    return read;
}

Status SqlRegister::saveMerge(const MergeResult &result)
{
    QSqlQuery q(m_db);
    for (const char *table : {"frame_columns", "merge_issues"}) {
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table))))
            return sqlError(QStringLiteral("cannot replace the merge"), q);
    }
    // Tens of thousands of issues in a large register: many to a statement, in their order.
    const QVector<MergeIssue> &issues = result.report.issues;
    constexpr qsizetype kPerStatement = 100;
    auto insert = [&](qsizetype rows) {
        QString sql = QStringLiteral("INSERT INTO merge_issues (kind, system, crime_ref, other_ref, field, "
                                     "legacy_value, live_value) VALUES ");
        for (qsizetype r = 0; r < rows; ++r)
            sql +=
                r == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?)");
        return sql;
    };
    const QString full = insert(kPerStatement);
    if (issues.size() >= kPerStatement && !q.prepare(full))
        return sqlError(QStringLiteral("cannot store the merge"), q);
    for (qsizetype at = 0; at < issues.size(); at += kPerStatement) {
        const qsizetype rows = std::min(kPerStatement, issues.size() - at);
        if (rows < kPerStatement && !q.prepare(insert(rows)))
            return sqlError(QStringLiteral("cannot store the merge"), q);
        for (qsizetype r = 0; r < rows; ++r) {
            const MergeIssue &i = issues[at + r];
            const int b = int(r * 7);
            q.bindValue(b, i.kind);
            q.bindValue(b + 1, i.system);
            q.bindValue(b + 2, i.crimeRef);
            q.bindValue(b + 3, nullIfEmpty(i.otherRef));
            q.bindValue(b + 4, nullIfEmpty(i.field));
            q.bindValue(b + 5, nullIfEmpty(i.legacyValue));
            q.bindValue(b + 6, nullIfEmpty(i.liveValue));
        }
        if (!q.exec())
            return sqlError(QStringLiteral("cannot store the merge"), q);
    }
    killPoint("merge-saving"); // the old merge deleted, the new one half stored
    const QByteArray summary = QJsonDocument(result.report.toJson(false)).toJson(QJsonDocument::Compact);
    if (Status s = setMeta(QStringLiteral("merge_report"), QString::fromUtf8(summary)); !s)
        return s;
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM imports")) || !q.next())
        return sqlError(QStringLiteral("cannot store the merge"), q);
    if (Status s = setMeta(QStringLiteral("merged_through_import"), QString::number(q.value(0).toLongLong()));
        !s)
        return s;
    const MergeReport &r = result.report;
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    return addAuditEvent(
        AuditEvent{0, r.mergedAt.isValid() ? r.mergedAt : QDateTime::currentDateTimeUtc(),
                   application::officerName(), QStringLiteral("merge"), QString(),
                   QStringLiteral("Merged the systems: %1 crimes, %2 links, %3 migrated crimes matched, %4 "
                                  "issues")
                       .arg(english.toString(r.crimes), english.toString(r.links),
                            english.toString(r.migratedMatched), english.toString(qint64(r.issues.size()))),
                   QString()});
}

Result<MergeReport> SqlRegister::mergeReport()
{
    Result<QString> summary = meta(QStringLiteral("merge_report"));
    if (!summary)
        return MergeReport();
    MergeReport report = MergeReport::fromJson(QJsonDocument::fromJson(summary->toUtf8()).object());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT kind, system, crime_ref, other_ref, field, legacy_value, live_value "
                               "FROM merge_issues ORDER BY id")))
        return sqlError(QStringLiteral("cannot read the merge report"), q);
    while (q.next()) {
        MergeIssue i;
        i.kind = q.value(0).toString();
        i.system = q.value(1).toString();
        i.crimeRef = q.value(2).toString();
        i.otherRef = q.value(3).toString();
        i.field = q.value(4).toString();
        i.legacyValue = q.value(5).toString();
        i.liveValue = q.value(6).toString();
        report.issues << i;
    }
    Result<QVector<RejectListing>> r = rejects();
    if (!r)
        return r.error();
    report.rejects = *r;
    return report;
}

Status SqlRegister::saveFrame(const FrameColumns &columns)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("DELETE FROM frame_columns")))
        return sqlError(QStringLiteral("cannot store the counting frame"), q);
    if (!q.prepare(QStringLiteral("INSERT INTO frame_columns (name, data) VALUES (?, ?)")))
        return sqlError(QStringLiteral("cannot store the counting frame"), q);
    for (const auto &[name, data] : columns) {
        q.bindValue(0, name);
        q.bindValue(1, data);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot store the counting frame"), q);
    }
    return {};
}

Result<Register::FrameColumns> SqlRegister::frameColumns()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT name, data FROM frame_columns ORDER BY name")))
        return sqlError(QStringLiteral("cannot read the counting frame"), q);
    FrameColumns out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toByteArray()});
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the counting frame"), q);
    return out;
}

Result<bool> SqlRegister::mergeIsStale()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM imports")) || !q.next())
        return sqlError(QStringLiteral("cannot read the imports"), q);
    const qint64 latest = q.value(0).toLongLong();
    Result<QString> merged = meta(QStringLiteral("merged_through_import"));
    if (!merged)
        return latest != 0;
    return merged->toLongLong() != latest;
}

template<typename T>
Result<T> SqlRegister::inTransaction(const std::function<Result<T>()> &work)
{
    const bool own = !m_inTransaction;
    if (own) {
        if (Status s = beginTransaction(); !s)
            return s.error();
    }
    Result<T> result = work();
    if (!result) {
        if (own)
            rollback();
        return result;
    }
    if (own) {
        if (Status s = commit(); !s)
            return s.error();
    }
    return result;
}

Result<qint64> SqlRegister::addRelease(const ReleaseRecord &r)
{
    // The release and its files together, or nothing (inside a caller's transaction, that one's).
    return inTransaction<qint64>([&] { return insertRelease(r); });
}

Result<qint64> SqlRegister::insertRelease(const ReleaseRecord &r)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO releases (reference, released_at, officer, unit, request_json, "
                             "release_json) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(r.reference);
    q.addBindValue(r.releasedAt.toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(notNull(r.officer));
    q.addBindValue(r.unit);
    q.addBindValue(QString::fromUtf8(r.requestJson));
    q.addBindValue(QString::fromUtf8(r.releaseJson));
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("cannot record the release"), q);
    const qint64 id = q.value(0).toLongLong();
    for (const ReleasedFile &f : r.files) {
        QSqlQuery file(m_db);
        file.prepare(QStringLiteral(
            "INSERT INTO release_files (release_id, file_name, kind, sha256, size) VALUES (?, ?, ?, ?, ?)"));
        file.addBindValue(id);
        file.addBindValue(f.fileName);
        file.addBindValue(f.kind);
        file.addBindValue(f.sha256);
        file.addBindValue(f.size);
        if (!file.exec())
            return sqlError(QStringLiteral("cannot record the release's files"), file);
    }
    QString detail = QStringLiteral("Release recorded (counting %1)").arg(r.unit);
    if (!r.reasons.isEmpty())
        detail += QStringLiteral("; ") + r.reasons.join(QStringLiteral("; "));
    if (Status st = addAuditEvent(AuditEvent{0, r.releasedAt, r.officer, QStringLiteral("release"),
                                             r.reference, detail, QString()});
        !st)
        return st.error();
    for (const ReleasedFile &f : r.files) {
        if (Status st = addAuditEvent(AuditEvent{
                0, r.releasedAt, r.officer, QStringLiteral("export"), r.reference,
                QStringLiteral("Exported %1 (%2, %3 bytes)").arg(f.fileName, f.kind, QString::number(f.size)),
                f.sha256});
            !st)
            return st.error();
    }
    return id;
}

Result<QVector<ReleaseRecord>> SqlRegister::releases()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, reference, released_at, officer, unit, request_json, release_json "
                               "FROM releases ORDER BY id")))
        return sqlError(QStringLiteral("cannot read the releases"), q);
    QVector<ReleaseRecord> out;
    while (q.next()) {
        ReleaseRecord r;
        r.id = q.value(0).toLongLong();
        r.reference = q.value(1).toString();
        r.releasedAt = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
        r.officer = q.value(3).toString();
        r.unit = q.value(4).toString();
        r.requestJson = q.value(5).toString().toUtf8();
        r.releaseJson = q.value(6).toString().toUtf8();
        out << r;
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the releases"), q);
    QSqlQuery files(m_db);
    files.setForwardOnly(true);
    if (!files.exec(QStringLiteral(
            "SELECT release_id, file_name, kind, sha256, size FROM release_files ORDER BY release_id, id")))
        return sqlError(QStringLiteral("cannot read the releases' files"), files);
    qsizetype at = 0;
    while (files.next()) {
        const qint64 releaseId = files.value(0).toLongLong();
        while (at < out.size() && out[at].id < releaseId)
            ++at;
        if (at == out.size() || out[at].id != releaseId)
            continue;
        out[at].files << ReleasedFile{files.value(1).toString(), files.value(2).toString(),
                                      files.value(3).toString(), files.value(4).toLongLong()};
    }
    if (files.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the releases' files"), files);
    return out;
}

Status SqlRegister::fillAuditTrail()
{
    // One statement, so that the lines of old imports, releases and files come in the order they happened.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
            "INSERT INTO audit (at, officer, action, reference, detail, sha256) "
            "SELECT at, officer, action, reference, detail, sha256 FROM ("
            "SELECT imported_at AS at, officer, 'import' AS action, NULL AS reference, "
            "'Imported ' || file_name || ' into ' || system || ' (profile ' || profile || '): ' || "
            "CAST(rows_kept AS TEXT) || ' rows kept, ' || CAST(rows_rejected AS TEXT) || ' rejected, ' || "
            "CAST(rows_skipped AS TEXT) || ' skipped' AS detail, file_sha256 AS sha256, 0 AS part, id "
            "FROM imports "
            "UNION ALL SELECT released_at, officer, 'release', reference, 'Release recorded (counting ' || "
            "unit || ')', NULL, 1, id FROM releases "
            "UNION ALL SELECT r.released_at, r.officer, 'export', r.reference, 'Exported ' || f.file_name || "
            "' (' || f.kind || ', ' || CAST(f.size AS TEXT) || ' bytes)', f.sha256, 2, f.id "
            "FROM release_files f JOIN releases r ON r.id = f.release_id"
            ") AS earlier ORDER BY at, part, id")))
        return sqlError(QStringLiteral("cannot upgrade the register to schema 6"), q);
    return {};
}

Result<QByteArray> SqlRegister::bankHolidaysFeed()
{
    Result<std::optional<QString>> feed = optionalMeta(QStringLiteral("bank_holidays_feed"));
    if (!feed)
        return feed.error();
    return feed->value_or(QString()).toUtf8();
}

Result<int> SqlRegister::minimumThreshold()
{
    Result<std::optional<QString>> stored = optionalMeta(QStringLiteral("protection_minimum_threshold"));
    if (!stored)
        return stored.error();
    if (!*stored)
        return kDefaultMinimumThreshold;
    bool ok = false;
    const int value = (*stored)->toInt(&ok);
    if (!ok || value < 0 || value > 100)
        return Error(
            QStringLiteral("the register's minimum threshold '%1' is not a number from 0 to 100: set "
                           "it again (foi-tables-cli minimum-threshold --register FILE --set N "
                           "--reason TEXT)")
                .arg(**stored),
            location());
    return value;
}

Status SqlRegister::setMinimumThreshold(int threshold, const QString &reason, const QString &officer)
{
    if (threshold < 0 || threshold > 100)
        return Error(QStringLiteral("the minimum threshold must be from 0 to 100, not %1").arg(threshold));
    if (reason.trimmed().isEmpty())
        return Error(QStringLiteral("say why the minimum threshold changes: the reason goes into the audit "
                                    "trail"));
    Result<bool> saved = inTransaction<bool>([&]() -> Result<bool> {
        Result<int> before = minimumThreshold();
        if (!before)
            return before.error();
        if (Status s = setMeta(QStringLiteral("protection_minimum_threshold"), QString::number(threshold));
            !s)
            return s.error();
        if (Status s = addAuditEvent(AuditEvent{0, QDateTime::currentDateTimeUtc(), officer,
                                                QStringLiteral("minimum-threshold"), QString(),
                                                QStringLiteral("Minimum threshold changed from %1 to %2: %3")
                                                    .arg(*before)
                                                    .arg(threshold)
                                                    .arg(reason.trimmed()),
                                                QString()});
            !s)
            return s.error();
        return true;
    });
    if (!saved)
        return saved.error();
    return {};
}

Status SqlRegister::saveBankHolidaysFeed(const QByteArray &json, const QString &fileName,
                                         const QString &officer)
{
    Result<bool> saved = inTransaction<bool>([&]() -> Result<bool> {
        if (Status s = setMeta(QStringLiteral("bank_holidays_feed"), QString::fromUtf8(json)); !s)
            return s.error();
        const QString sha256 =
            QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
        if (Status s = addAuditEvent(AuditEvent{
                0, QDateTime::currentDateTimeUtc(), officer, QStringLiteral("bank-holidays"), QString(),
                QStringLiteral("Loaded the bank holidays of %1").arg(QFileInfo(fileName).fileName()),
                sha256});
            !s)
            return s.error();
        return true;
    });
    if (!saved)
        return saved.error();
    return {};
}

Status SqlRegister::addAuditEvent(const AuditEvent &e)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO audit (at, officer, action, reference, detail, sha256) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(
        (e.at.isValid() ? e.at : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(notNull(e.officer));
    q.addBindValue(e.action);
    q.addBindValue(nullIfEmpty(e.reference));
    q.addBindValue(notNull(e.detail));
    q.addBindValue(nullIfEmpty(e.sha256));
    if (!q.exec())
        return sqlError(QStringLiteral("cannot write the audit trail"), q);
    return {};
}

Result<QVector<AuditEvent>> SqlRegister::auditTrail(const QString &reference)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QString select =
        QStringLiteral("SELECT id, at, officer, action, reference, detail, sha256 FROM audit");
    if (reference.isEmpty()) {
        q.prepare(select + QStringLiteral(" ORDER BY id"));
    } else {
        q.prepare(select + QStringLiteral(" WHERE reference = ? ORDER BY id"));
        q.addBindValue(reference);
    }
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the audit trail"), q);
    QVector<AuditEvent> out;
    while (q.next()) {
        AuditEvent e;
        e.id = q.value(0).toLongLong();
        e.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        e.officer = q.value(2).toString();
        e.action = q.value(3).toString();
        e.reference = q.value(4).toString();
        e.detail = q.value(5).toString();
        e.sha256 = q.value(6).toString();
        out << e;
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the audit trail"), q);
    return out;
}

namespace {

/// Binds a request's columns in kRequestColumns' order (without the reference for an UPDATE).
void bindRequest(QSqlQuery &q, const FoiRequestRecord &r, qint64 version, bool referenceFirst = true)
{
    if (referenceFirst)
        q.addBindValue(r.reference);
    q.addBindValue(isoDay(r.received));
    q.addBindValue(notNull(r.title));
    q.addBindValue(notNull(r.requesterWords));
    q.addBindValue(requestStatusKey(r.status));
    q.addBindValue(notNull(r.officer));
    q.addBindValue(notNull(r.notes));
    q.addBindValue(r.requestJson.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                           : QVariant(QString::fromUtf8(r.requestJson)));
    q.addBindValue(clarificationsJson(r.clarifications));
    q.addBindValue(r.extensionDays);
    q.addBindValue(dayOrNull(r.responded));
    q.addBindValue(nullIfEmpty(r.outcome));
    q.addBindValue(dayOrNull(r.reviewRequested));
    q.addBindValue(r.reviewDays);
    q.addBindValue(dayOrNull(r.reviewCompleted));
    q.addBindValue(version);
}

Result<FoiRequestRecord> requestFrom(const QSqlQuery &q, const QString &location)
{
    FoiRequestRecord r;
    r.reference = q.value(0).toString();
    r.received = dayFrom(q.value(1));
    r.title = q.value(2).toString();
    r.requesterWords = q.value(3).toString();
    const std::optional<RequestStatus> status = requestStatusFromKey(q.value(4).toString());
    if (!status)
        return Error(QStringLiteral("request %1 has the status '%2', which this version does not know")
                         .arg(r.reference, q.value(4).toString()),
                     location);
    r.status = *status;
    r.officer = q.value(5).toString();
    r.notes = q.value(6).toString();
    r.requestJson = q.value(7).toString().toUtf8();
    r.clarifications = clarificationsFrom(q.value(8).toString());
    r.extensionDays = q.value(9).toInt();
    r.responded = dayFrom(q.value(10));
    r.outcome = q.value(11).toString();
    r.reviewRequested = dayFrom(q.value(12));
    r.reviewDays = q.value(13).toInt();
    r.reviewCompleted = dayFrom(q.value(14));
    r.version = q.value(15).toLongLong();
    return r;
}

} // namespace

Result<qint64> SqlRegister::addRequest(const FoiRequestRecord &request, const QString &officer)
{
    if (Status s = request.validate(); !s)
        return s.error();
    return inTransaction<qint64>([&]() -> Result<qint64> {
        Result<std::optional<FoiRequestRecord>> existing = findRequest(request.reference);
        if (!existing)
            return existing.error();
        if (*existing)
            return Error(QStringLiteral("the register already holds a request %1").arg(request.reference),
                         m_location, 0, QStringLiteral("reference"));
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
                      "INSERT INTO requests (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .arg(QLatin1String(kRequestColumns)));
        bindRequest(q, request, 1);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot add the request"), q);
        if (Status s = addAuditEvent(AuditEvent{
                0, QDateTime::currentDateTimeUtc(), officer, QStringLiteral("request"), request.reference,
                request.status == RequestStatus::Received
                    ? QStringLiteral("Request added: received %1").arg(isoDay(request.received))
                    : QStringLiteral("Request added: received %1, status %2")
                          .arg(isoDay(request.received), requestStatusName(request.status)),
                QString()});
            !s)
            return s.error();
        return qint64(1);
    });
}

Result<qint64> SqlRegister::updateRequest(const FoiRequestRecord &request, const QString &officer)
{
    if (Status s = request.validate(); !s)
        return s.error();
    return inTransaction<qint64>([&]() -> Result<qint64> {
        Result<std::optional<FoiRequestRecord>> stored = findRequest(request.reference);
        if (!stored)
            return stored.error();
        if (!*stored)
            return Error(QStringLiteral("the register holds no request %1").arg(request.reference),
                         m_location, 0, QStringLiteral("reference"));
        if ((*stored)->version != request.version)
            return Error(QStringLiteral("request %1 was changed by someone else since it was opened: open it "
                                        "again to see their change, then make yours")
                             .arg(request.reference),
                         m_location);
        const qint64 next = request.version + 1;
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("UPDATE requests SET received = ?, title = ?, requester_words = ?, status = ?, "
                           "officer = ?, notes = ?, request_json = ?, clarifications = ?, "
                           "extension_days = ?, responded = ?, outcome = ?, review_requested = ?, "
                           "review_days = ?, review_completed = ?, version = ? "
                           "WHERE reference = ? AND version = ?"));
        bindRequest(q, request, next, /*referenceFirst=*/false);
        q.addBindValue(request.reference);
        q.addBindValue(request.version);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot save the request"), q);
        // The version in the WHERE clause keeps a write that raced past the check above from being lost.
        if (q.numRowsAffected() != 1)
            return Error(QStringLiteral("request %1 was changed by someone else since it was opened: open it "
                                        "again to see their change, then make yours")
                             .arg(request.reference),
                         m_location);
        const QStringList changes = requestChanges(**stored, request);
        if (Status s = addAuditEvent(AuditEvent{
                0, QDateTime::currentDateTimeUtc(), officer, QStringLiteral("request"), request.reference,
                QStringLiteral("Request changed: %1")
                    .arg(changes.isEmpty() ? QStringLiteral("nothing") : changes.join(QStringLiteral("; "))),
                QString()});
            !s)
            return s.error();
        return next;
    });
}

Status SqlRegister::deleteRequest(const QString &reference, qint64 expectedVersion, const QString &officer)
{
    Result<bool> deleted = inTransaction<bool>([&]() -> Result<bool> {
        Result<std::optional<FoiRequestRecord>> stored = findRequest(reference);
        if (!stored)
            return stored.error();
        if (!*stored)
            return Error(QStringLiteral("the register holds no request %1").arg(reference), m_location, 0,
                         QStringLiteral("reference"));
        const FoiRequestRecord &request = **stored;
        if (request.version != expectedVersion)
            return Error(QStringLiteral("request %1 was changed by someone else since it was opened (version "
                                        "%2, now %3): open it again to see their change before deleting it")
                             .arg(reference)
                             .arg(expectedVersion)
                             .arg(request.version),
                         m_location);
        // Releases name their request by its reference (there is no key to cascade from).
        QSqlQuery released(m_db);
        released.prepare(
            QStringLiteral("SELECT count(*), min(released_at) FROM releases WHERE reference = ?"));
        released.addBindValue(reference);
        if (!released.exec() || !released.next())
            return sqlError(QStringLiteral("cannot read the releases"), released);
        if (const qint64 count = released.value(0).toLongLong(); count > 0) {
            const QString first = QDateTime::fromString(released.value(1).toString(), Qt::ISODateWithMs)
                                      .date()
                                      .toString(Qt::ISODate);
            return Error(QStringLiteral(
                             "request %1 has %2 recorded on %3; a request with a release cannot be deleted, "
                             "so that the audit trail keeps what was published")
                             .arg(reference,
                                  count == 1 ? QStringLiteral("a release")
                                             : QStringLiteral("%1 releases, the first").arg(count),
                                  first),
                         m_location, 0, QStringLiteral("releases"));
        }
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("DELETE FROM requests WHERE reference = ? AND version = ?"));
        q.addBindValue(reference);
        q.addBindValue(expectedVersion);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot delete the request"), q);
        if (q.numRowsAffected() != 1)
            return Error(QStringLiteral("request %1 was changed by someone else since it was opened: open it "
                                        "again to see their change before deleting it")
                             .arg(reference),
                         m_location);
        // The title and status are named so that the trail still says what was deleted.
        if (Status s = addAuditEvent(AuditEvent{
                0, QDateTime::currentDateTimeUtc(), officer, QStringLiteral("request-deleted"), reference,
                QStringLiteral("Request deleted: '%1', received %2, status %3 (version %4)")
                    .arg(request.title, isoDay(request.received), requestStatusName(request.status))
                    .arg(request.version),
                QString()});
            !s)
            return s.error();
        return true;
    });
    if (!deleted)
        return deleted.error();
    return {};
}

Result<std::optional<FoiRequestRecord>> SqlRegister::findRequest(const QString &reference)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM requests WHERE reference = ?").arg(QLatin1String(kRequestColumns)));
    q.addBindValue(reference);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read the requests"), q);
    if (!q.next())
        return std::optional<FoiRequestRecord>();
    Result<FoiRequestRecord> r = requestFrom(q, m_location);
    if (!r)
        return r.error();
    return std::optional<FoiRequestRecord>(*r);
}

Result<QVector<FoiRequestRecord>> SqlRegister::requests()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM requests ORDER BY received, reference")
                    .arg(QLatin1String(kRequestColumns))))
        return sqlError(QStringLiteral("cannot read the requests"), q);
    QVector<FoiRequestRecord> out;
    while (q.next()) {
        Result<FoiRequestRecord> r = requestFrom(q, m_location);
        if (!r)
            return r.error();
        out << *r;
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("cannot read the requests"), q);
    return out;
}

} // namespace foi
