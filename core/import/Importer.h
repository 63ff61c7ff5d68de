#pragma once

#include "common/Result.h"
#include "import/SourceProfile.h"
#include "merge/MergeResult.h"
#include "register/Register.h"

#include <QString>
#include <QVector>

#include <atomic>
#include <functional>

namespace foi {

/// One extract to import, with the profile that reads it.
struct ImportItem
{
    SourceProfile profile;
    QString path;
};

/// Where an import has got to, reported now and then (about every 64 KiB rows and at each file's end).
struct ImportProgress
{
    int fileIndex = 0;
    int fileCount = 0;
    QString fileName;
    qint64 bytesDone = 0;  ///< of this file
    qint64 bytesTotal = 0; ///< of this file
    qint64 rows = 0;       ///< rows of this file read so far
    QString stage;         ///< "checking", "reading", "merging"
};

/// What an import stored.
struct ImportSummary
{
    QVector<ImportBatch> batches;
    MergeReport report; ///< the merge that followed
    qint64 rowsRead = 0;
    qint64 rowsKept = 0;
    qint64 rowsRejected = 0;
    qint64 rowsSkipped = 0;
};

/// Imports extracts into a register and merges them, as one transaction: every file and the merge are
/// saved together, or, on any error or cancel (or if the process dies), nothing is, and the register
/// holds exactly what it held before. A file imported before (same SHA-256) is refused. With merge
/// false the rows are stored unmerged (the register's merge is then stale until merged).
class Importer
{
public:
    using ProgressFn = std::function<void(const ImportProgress &)>;

    static Result<ImportSummary> run(Register &reg, const QVector<ImportItem> &items,
                                     const ProgressFn &progress = {},
                                     const std::atomic_bool *cancel = nullptr, bool merge = true);

    /// The SHA-256 of a file, in hex.
    static Result<QString> sha256OfFile(const QString &path, const std::atomic_bool *cancel = nullptr);
};

} // namespace foi
