#pragma once

#include "common/Result.h"
#include "import/Records.h"
#include "import/SourceProfile.h"
#include "merge/MergeResult.h"
#include "requests/FoiRequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QPair>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace foi {

/// One extract file imported into the register.
struct ImportBatch
{
    qint64 id = 0;
    QString system;
    QString profile;
    QString profileSha256;
    QString fileName; ///< the file's name, without its folder
    QString fileSha256;
    qint64 fileSize = 0;
    QDateTime importedAt;
    QString officer; ///< the account or name of the officer who ran the import
    qint64 rowsRead = 0;
    qint64 rowsKept = 0;
    qint64 rowsRejected = 0;
    qint64 rowsSkipped = 0;
};

/// An imported row with the system it belongs to, as the merge reads it.
struct StoredLink
{
    qint64 id = 0;
    qint64 importId = 0;
    QString system;
    LinkRecord link;
};

/// The register: the imports, the canonical crime-person links with their provenance, the rejects and
/// the merged crimes, in a SQL database reached through Qt Sql with one schema for every engine
/// (docs/register.md). SQLite is the default (one file, created with permissions 0600); a team's
/// PostgreSQL server implements the same interface.
///
/// A file an export wrote for a release, as the audit trail keeps it: its name (never its folder, which
/// may name the officer), what it is, its SHA-256 and its size, so that the very file sent can be
/// recognised later.
struct ReleasedFile
{
    QString fileName;
    QString kind;    ///< "spreadsheet" or "response"
    QString sha256;  ///< hex
    qint64 size = 0; ///< bytes

    bool operator==(const ReleasedFile &o) const
    {
        return fileName == o.fileName && kind == o.kind && sha256 == o.sha256 && size == o.size;
    }
};

/// A release made from the register, as the differencing check and the audit trail read it.
struct ReleaseRecord
{
    qint64 id = 0;
    QString reference;
    QDateTime releasedAt; ///< UTC
    QString officer;
    QString unit;
    QByteArray requestJson;      ///< the request file as tabulated
    QByteArray releaseJson;      ///< tabulate --format json without --unprotected: shown values only
    QVector<ReleasedFile> files; ///< the files exported (none when only tabulated)
    /// The officer's reasons for what the policy would otherwise refuse (a threshold below the usual,
    /// counts an earlier release withheld): written to the audit trail with the release. Also in
    /// requestJson.
    QStringList reasons;
};

/// A Register is bound to the thread that opened it (a Qt Sql rule): long jobs open their own.
class Register
{
public:
    /// The schema this build reads and writes; a register with a higher version is refused.
    static constexpr int kSchemaVersion = 6;

    struct OpenOptions
    {
        bool createIfMissing = true;
        /// For a server that asks for one and has none in ~/.pgpass: the password the officer typed. It is
        /// kept in this process's memory for further connections to the same register, never written.
        QString password;
    };

    /// Whether a location names a register on a PostgreSQL server (postgresql://... or postgres://...)
    /// rather than a SQLite file.
    static bool isServerLocation(const QString &location);

    /// Checks a team register's address without connecting: postgresql://user@host:port/database, no
    /// password in it, only the options open() passes on. The error names what to fix.
    static Status checkServerAddress(const QString &location);

    /// Opens (or creates) the register at a location: a SQLite file path, or a team register on a
    /// PostgreSQL server, `postgresql://user@host:port/dbname` (options after `?`: service, sslmode,
    /// sslrootcert, sslcert, sslkey, connect_timeout, passfile, application_name). A password never
    /// belongs in the location: libpq reads ~/.pgpass (or PGPASSFILE) and the service file; a server that
    /// still asks fails with Error::field "password", and the caller may ask the officer and open again
    /// with OpenOptions::password.
    static Result<std::unique_ptr<Register>> open(const QString &location, const OpenOptions &options);
    static Result<std::unique_ptr<Register>> open(const QString &location)
    {
        return open(location, OpenOptions());
    }

    /// Asks the officer for a team register's password: the server's reason in, the typed password out;
    /// nothing when they cancel or cannot be asked.
    using PasswordAsker = std::function<std::optional<QString>(const Error &why)>;
    /// open(), asking for the password when the server wants one that ~/.pgpass does not hold
    /// (Error::field "password"), and trying again, three times at most: the command line asks on the
    /// terminal, the application in a password field.
    static Result<std::unique_ptr<Register>> openAsking(const QString &location, OpenOptions options,
                                                        const PasswordAsker &ask);

    virtual ~Register() = default;

    virtual QString location() const = 0;
    virtual int schemaVersion() const = 0;
    /// The secret salt of the person pseudonyms (see Pseudonymiser); never leaves the register.
    virtual QByteArray pseudonymSalt() const = 0;

    virtual Status beginTransaction() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;

    /// The import of a file with this SHA-256, if it was imported before.
    virtual Result<std::optional<ImportBatch>> findImport(const QString &fileSha256) = 0;
    /// Records a system, or checks that it agrees with the one already recorded under its name.
    virtual Status saveSystem(const SystemInfo &system) = 0;
    virtual Result<QVector<SystemInfo>> systems() = 0;
    /// Adds an import batch and returns its id.
    virtual Result<qint64> addImport(const ImportBatch &batch) = 0;
    virtual Status updateImportCounts(const ImportBatch &batch) = 0;
    virtual Status addLinks(qint64 importId, const QVector<LinkRecord> &links) = 0;
    virtual Status addRejects(qint64 importId, const QVector<RejectRecord> &rejects) = 0;
    virtual Result<QVector<ImportBatch>> imports() = 0;
    virtual Result<QVector<RejectListing>> rejects() = 0;

    /// Every imported row, in import order and file order; the visitor returns false to stop.
    virtual Status forEachLink(const std::function<bool(const StoredLink &)> &visit) = 0;

    /// A stored chunk of imported rows (core/register/Chunks.h): rows firstLinkId, firstLinkId + 1, ...
    /// of one import, for readers of millions of rows that read them as views (LinkChunkReader).
    struct LinkChunk
    {
        qint64 importId = 0;
        QString system;
        qint64 firstLinkId = 0;
        QByteArray data;
    };
    /// Every chunk, in import order and file order; the visitor returns false to stop.
    virtual Status forEachLinkChunk(const std::function<bool(const LinkChunk &)> &visit) = 0;

    /// Replaces the issues and report of the last merge with a new merge's, and drops its counting frame
    /// (saveFrame() stores the new one). The merged crimes and links themselves are not stored: they
    /// follow from the imported rows (Merger::compute), and counting reads the frame made from them.
    virtual Status saveMerge(const MergeResult &result) = 0;
    /// The last merge's report; an empty report when nothing was merged yet.
    virtual Result<MergeReport> mergeReport() = 0;

    /// A named column of the counting frame, as CountingFrame::toColumns() makes it.
    using FrameColumns = QVector<QPair<QString, QByteArray>>;
    /// Stores the counting frame of the merge just saved, so that opening the register reads it back
    /// instead of merging again.
    virtual Status saveFrame(const FrameColumns &columns) = 0;
    /// The stored frame's columns; empty when the register was never merged.
    virtual Result<FrameColumns> frameColumns() = 0;
    /// True when rows were imported after the last merge (or never merged).
    virtual Result<bool> mergeIsStale() = 0;

    /// Records a release (what was shown, never the true counts of withheld cells) with the files
    /// exported for it, all together or not at all; returns its id.
    virtual Result<qint64> addRelease(const ReleaseRecord &release) = 0;
    /// Every release recorded, oldest first.
    virtual Result<QVector<ReleaseRecord>> releases() = 0;

    /// Adds a request (its reference new to the register), recording who added it in the audit trail;
    /// the request is validated first. Returns the version stored (1).
    virtual Result<qint64> addRequest(const FoiRequestRecord &request, const QString &officer) = 0;
    /// Saves a changed request, recording what changed and who changed it. request.version must be the
    /// version it was read at: if someone else saved it since, nothing is saved and the error says so (no
    /// update is lost). Returns the new version.
    virtual Result<qint64> updateRequest(const FoiRequestRecord &request, const QString &officer) = 0;
    /// Deletes a request logged by mistake, with a line in the audit trail (action `request-deleted`)
    /// naming its title and status, all in one transaction; the request's earlier lines of the trail stay.
    /// Refused when the register holds no such request (Error::field "reference"), when it is no longer
    /// at expectedVersion (someone changed it since it was read), or when a release was recorded for it
    /// (Error::field "releases"): the audit trail keeps what was published, and what it was published for.
    virtual Status deleteRequest(const QString &reference, qint64 expectedVersion,
                                 const QString &officer) = 0;
    virtual Result<std::optional<FoiRequestRecord>> findRequest(const QString &reference) = 0;
    /// Every request, in the order received (then reference).
    virtual Result<QVector<FoiRequestRecord>> requests() = 0;

    /// The gov.uk bank-holidays.json an officer loaded into the register to count working days past the
    /// built-in holidays (shared by everyone who uses the register); empty when none was loaded.
    virtual Result<QByteArray> bankHolidaysFeed() = 0;
    /// Keeps a feed (already checked by the caller) in place of the one loaded before, with a line in the
    /// audit trail naming the file, its SHA-256 and the officer.
    virtual Status saveBankHolidaysFeed(const QByteArray &json, const QString &fileName,
                                        const QString &officer) = 0;

    /// The force's minimum threshold, under which nothing is released (kDefaultMinimumThreshold until
    /// someone sets it), shared by everyone who uses the register.
    virtual Result<int> minimumThreshold() = 0;
    /// Sets the minimum (0 to 100), with a line in the audit trail naming the officer and the reason.
    virtual Status setMinimumThreshold(int threshold, const QString &reason, const QString &officer) = 0;
    static constexpr int kDefaultMinimumThreshold = 3;

    /// Adds a line to the audit trail. Imports, merges, releases, exported files and changes to requests
    /// add their own as they are stored, in the same transaction.
    virtual Status addAuditEvent(const AuditEvent &event) = 0;
    /// The audit trail, oldest first; only a request's lines when a reference is given.
    virtual Result<QVector<AuditEvent>> auditTrail(const QString &reference = QString()) = 0;
};

} // namespace foi
