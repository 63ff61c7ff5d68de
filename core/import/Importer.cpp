#include "Importer.h"

#include "common/Application.h"
#include "common/Sha256.h"
#include "import/CsvReader.h"
#include "import/Pseudonymiser.h"
#include "import/ReadAhead.h"
#include "import/RowNormaliser.h"
#include "import/XlsxReader.h"
#include "merge/Merger.h"
#include "reference/Classification.h"

#include <QFile>
#include <QFileInfo>

#include <memory>

namespace foi {

namespace {

constexpr int kBatchRows = 8192;

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelError()
{
    return Error(QStringLiteral("the import was cancelled; the register is unchanged"));
}

bool isXlsx(const ImportItem &item)
{
    switch (item.profile.fileType) {
    case SourceProfile::FileType::Xlsx:
        return true;
    case SourceProfile::FileType::Csv:
        return false;
    case SourceProfile::FileType::Auto:
        break;
    }
    return item.path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive);
}

std::unique_ptr<RecordSource> openSource(const ImportItem &item)
{
    if (isXlsx(item))
        return std::make_unique<XlsxReader>(item.path);
    CsvOptions options;
    options.delimiter = item.profile.delimiter;
    options.encoding = item.profile.encoding;
    options.footerPattern = item.profile.footerPattern;
    return std::make_unique<CsvReader>(item.path, options);
}

/// Reads one file into the register (inside the caller's transaction).
Status importFile(Register &reg, const ImportItem &item, ImportBatch &batch,
                  const Pseudonymiser &pseudonymiser, const Importer::ProgressFn &progress,
                  ImportProgress &state, const std::atomic_bool *cancel)
{
    const QString fileName = QFileInfo(item.path).fileName();
    std::unique_ptr<RecordSource> source = openSource(item);
    if (!source->next()) {
        if (source->error())
            return source->error()->inFile(fileName);
        return Error(QStringLiteral("the file is empty: it has no header row"), fileName);
    }
    Result<RowNormaliser> normaliser = RowNormaliser::create(item.profile, *source, fileName, pseudonymiser,
                                                             Classification::builtIn(), isXlsx(item));
    if (!normaliser)
        return normaliser.error();

    QVector<LinkRecord> links;
    QVector<RejectRecord> rejects;
    links.reserve(kBatchRows);
    LinkRecord link;
    RejectRecord reject;
    auto flush = [&]() -> Status {
        if (!links.isEmpty()) {
            if (Status s = reg.addLinks(batch.id, links); !s)
                return s;
            links.clear();
        }
        if (!rejects.isEmpty()) {
            if (Status s = reg.addRejects(batch.id, rejects); !s)
                return s;
            rejects.clear();
        }
        return {};
    };
    state.bytesTotal = source->totalBytes();
    {
        // One thread reads and splits the file; this one normalises and stores what it has read.
        ReadAhead ahead(*source);
        while (std::unique_ptr<RecordBatch> rows = ahead.take()) {
            while (rows->next()) {
                ++batch.rowsRead;
                switch (normaliser->normalise(*rows, &link, &reject)) {
                case RowNormaliser::Verdict::Kept:
                    ++batch.rowsKept;
                    links << link;
                    break;
                case RowNormaliser::Verdict::Rejected:
                    ++batch.rowsRejected;
                    rejects << reject;
                    break;
                case RowNormaliser::Verdict::Skipped:
                    ++batch.rowsSkipped;
                    break;
                }
                if (links.size() >= kBatchRows || rejects.size() >= kBatchRows) {
                    if (Status s = flush(); !s)
                        return s;
                }
            }
            if (cancelled(cancel))
                return cancelError();
            if (progress) {
                state.rows = batch.rowsRead;
                state.bytesDone = rows->bytesDone;
                progress(state);
            }
            ahead.recycle(std::move(rows));
        }
        ahead.finish();
    }
    if (source->error())
        return source->error()->inFile(fileName);
    if (!item.profile.footerPattern.isEmpty()) {
        const std::optional<qint64> footer = source->footerCount();
        if (!footer)
            return Error(
                QStringLiteral("the file has no footer line with its record count (profile '%1' expects "
                               "one): it is truncated or is not this system's report")
                    .arg(item.profile.name),
                fileName, source->line());
        if (*footer != batch.rowsRead)
            return Error(
                QStringLiteral("the footer says %1 records but the file holds %2: it is truncated or "
                               "corrupt, so nothing of it was imported; export it again")
                    .arg(*footer)
                    .arg(batch.rowsRead),
                fileName, source->line());
    }
    if (Status s = flush(); !s)
        return s;
    if (progress) {
        state.rows = batch.rowsRead;
        state.bytesDone = state.bytesTotal;
        progress(state);
    }
    return reg.updateImportCounts(batch);
}

} // namespace

Result<QString> Importer::sha256OfFile(const QString &path, const std::atomic_bool *cancel)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the file: %1").arg(f.errorString()), path);
    Sha256 h;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error(QStringLiteral("cannot read the file: %1").arg(f.errorString()), path);
        if (n == 0)
            break;
        h.addData(QByteArrayView(buffer.constData(), n));
        if (cancelled(cancel))
            return cancelError();
    }
    return QString::fromLatin1(h.result().toHex());
}

Result<ImportSummary> Importer::run(Register &reg, const QVector<ImportItem> &items,
                                    const ProgressFn &progress, const std::atomic_bool *cancel, bool merge)
{
    // Imports run on pool threads in the application: the hashing state they leave is freed here, not
    // as the thread ends (which may be while the application is shutting down).
    struct ReleaseHashing
    {
        ~ReleaseHashing() { Pseudonymiser::releaseThreadState(); }
    } releaseHashing;
    if (items.isEmpty())
        return Error(QStringLiteral("no extract files to import"));

    // Refuse repeats before writing anything.
    QVector<QString> hashes;
    ImportProgress state;
    state.fileCount = static_cast<int>(items.size());
    for (int i = 0; i < items.size(); ++i) {
        const QString fileName = QFileInfo(items[i].path).fileName();
        state.fileIndex = i;
        state.fileName = fileName;
        state.stage = QStringLiteral("checking");
        if (progress)
            progress(state);
        Result<QString> hash = sha256OfFile(items[i].path, cancel);
        if (!hash)
            return hash.error();
        Result<std::optional<ImportBatch>> before = reg.findImport(*hash);
        if (!before)
            return before.error();
        if (before->has_value()) {
            const ImportBatch &b = **before;
            return Error(
                QStringLiteral("this file was imported already, on %1 by %2 as %3 (%4 rows kept): "
                               "importing it again would count its crimes twice, so nothing was imported")
                    .arg(b.importedAt.toLocalTime().toString(QStringLiteral("d MMMM yyyy HH:mm")), b.officer,
                         b.fileName)
                    .arg(b.rowsKept),
                fileName);
        }
        if (hashes.contains(*hash))
            return Error(QStringLiteral("the same file is named twice in this import"), fileName);
        hashes << *hash;
    }

    if (Status s = reg.beginTransaction(); !s)
        return s.error();
    ImportSummary summary;
    const Pseudonymiser pseudonymiser(reg.pseudonymSalt());
    for (int i = 0; i < items.size(); ++i) {
        const ImportItem &item = items[i];
        const QFileInfo info(item.path);
        ImportBatch batch;
        batch.system = item.profile.system.name;
        batch.profile = item.profile.name;
        batch.profileSha256 = QString::fromLatin1(item.profile.sha256);
        batch.fileName = info.fileName();
        batch.fileSha256 = hashes[i];
        batch.fileSize = info.size();
        batch.importedAt = QDateTime::currentDateTimeUtc();
        batch.officer = application::officerName();
        state.fileIndex = i;
        state.fileName = batch.fileName;
        state.stage = QStringLiteral("reading");
        state.rows = 0;
        state.bytesDone = 0;
        Status s = reg.saveSystem(item.profile.system);
        if (s) {
            Result<qint64> id = reg.addImport(batch);
            if (!id)
                s = id.error();
            else
                batch.id = *id;
        }
        if (s)
            s = importFile(reg, item, batch, pseudonymiser, progress, state, cancel);
        if (!s) {
            reg.rollback();
            return s.error();
        }
        summary.batches << batch;
        summary.rowsRead += batch.rowsRead;
        summary.rowsKept += batch.rowsKept;
        summary.rowsRejected += batch.rowsRejected;
        summary.rowsSkipped += batch.rowsSkipped;
    }

    if (!merge) {
        if (Status s = reg.commit(); !s)
            return s.error();
        return summary;
    }
    state.stage = QStringLiteral("merging");
    if (progress)
        progress(state);
    Result<MergeReport> report = Merger::run(reg, cancel);
    if (!report) {
        reg.rollback();
        return report.error();
    }
    if (cancelled(cancel)) {
        reg.rollback();
        return cancelError();
    }
    if (Status s = reg.commit(); !s)
        return s.error();
    summary.report = *report;
    return summary;
}

} // namespace foi
