#pragma once

#include "register/Register.h"

#include <QSqlDatabase>

#include <functional>

namespace foi {

/// The Register on a SQL database through Qt Sql. The schema and its migrations are written once, with
/// the few words that differ between engines (identity columns) filled in per dialect.
class SqlRegister final : public Register
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres,
    };

    /// Opens a SQLite register file, creating it (permissions 0600) when missing and allowed.
    static Result<std::unique_ptr<Register>> openSqlite(const QString &path, const OpenOptions &options);
    /// Opens a team register on a PostgreSQL server through the QPSQL driver, creating its tables in an
    /// empty database when allowed. Writers take turns (a transaction-scoped advisory lock), so that
    /// concurrent imports, releases and request changes all keep every write.
    static Result<std::unique_ptr<Register>> openPostgres(const QString &url, const OpenOptions &options);

    ~SqlRegister() override;

    QString location() const override { return m_location; }
    int schemaVersion() const override { return m_schemaVersion; }
    QByteArray pseudonymSalt() const override { return m_salt; }

    Status beginTransaction() override;
    Status commit() override;
    void rollback() override;

    Result<std::optional<ImportBatch>> findImport(const QString &fileSha256) override;
    Status saveSystem(const SystemInfo &system) override;
    Result<QVector<SystemInfo>> systems() override;
    Result<qint64> addImport(const ImportBatch &batch) override;
    Status updateImportCounts(const ImportBatch &batch) override;
    Status addLinks(qint64 importId, const QVector<LinkRecord> &links) override;
    Status addRejects(qint64 importId, const QVector<RejectRecord> &rejects) override;
    Result<QVector<ImportBatch>> imports() override;
    Result<QVector<RejectListing>> rejects() override;
    Status forEachLink(const std::function<bool(const StoredLink &)> &visit) override;
    Status forEachLinkChunk(const std::function<bool(const LinkChunk &)> &visit) override;
    Status saveMerge(const MergeResult &result) override;
    Result<MergeReport> mergeReport() override;
    Status saveFrame(const FrameColumns &columns) override;
    Result<FrameColumns> frameColumns() override;
    Result<bool> mergeIsStale() override;
    Result<qint64> addRelease(const ReleaseRecord &release) override;
    Result<QVector<ReleaseRecord>> releases() override;
    Result<qint64> addRequest(const FoiRequestRecord &request, const QString &officer) override;
    Result<qint64> updateRequest(const FoiRequestRecord &request, const QString &officer) override;
    Status deleteRequest(const QString &reference, qint64 expectedVersion, const QString &officer) override;
    Result<std::optional<FoiRequestRecord>> findRequest(const QString &reference) override;
    Result<QVector<FoiRequestRecord>> requests() override;
    Result<QByteArray> bankHolidaysFeed() override;
    Result<int> minimumThreshold() override;
    Status setMinimumThreshold(int threshold, const QString &reason, const QString &officer) override;
    Status saveBankHolidaysFeed(const QByteArray &json, const QString &fileName,
                                const QString &officer) override;
    Status addAuditEvent(const AuditEvent &event) override;
    Result<QVector<AuditEvent>> auditTrail(const QString &reference) override;

    /// The underlying connection (counting reads it directly).
    QSqlDatabase database() const { return m_db; }

private:
    SqlRegister(Dialect dialect, QString location, QString connectionName);

    Status initialise(bool isNew);
    Status createSchema();
    Status migrate(int from);
    /// Schema 3: the record keys of the rows imported before it.
    Status fillCrimeKeys();
    /// Schema 4: the rows of schema 3 into chunks, with the same ids.
    Status chunkRows();
    Result<qint64> insertRelease(const ReleaseRecord &release);
    /// Schema 6: the audit trail of what was stored before it (imports, releases, their files).
    Status fillAuditTrail();
    /// Runs work in a transaction of its own unless one is open (then in that one).
    template<typename T>
    Result<T> inTransaction(const std::function<Result<T>()> &work);
    Result<qint64> nextLinkId();
    /// In a transaction just begun: waits for any other writer to the register to finish (PostgreSQL; a
    /// SQLite file has one writer at a time already).
    Status takeWriterTurn();
    /// Whether the database holds no tables yet.
    Result<bool> isEmptyDatabase();
    Status addLinkChunk(qint64 importId, qint64 firstLinkId, const LinkRecord *links, qsizetype count);
    Result<QString> meta(const QString &key);
    /// A meta value, or nothing when the register has none under the key.
    Result<std::optional<QString>> optionalMeta(const QString &key);
    Status setMeta(const QString &key, const QString &value);
    QString ddl(QString statement) const;
    Error sqlError(const QString &what, const class QSqlQuery &query) const;
    Error sqlError(const QString &what, const class QSqlError &error) const;

    Dialect m_dialect;
    QString m_location;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_schemaVersion = 0;
    QByteArray m_salt;
    bool m_inTransaction = false;
};

} // namespace foi
