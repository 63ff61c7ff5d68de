#include "export/Publish.h"

#include "common/KillPoint.h"
#include "common/Sha256.h"
#include "protect/Release.h"
#include "register/Register.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace foi {

Status checkPublishOptions(const PublishOptions &options)
{
    if (options.spreadsheets.isEmpty())
        return Error(QStringLiteral("choose at least one spreadsheet to export (.xlsx, .ods or .csv)"));
    for (const QString &path : options.spreadsheets) {
        if (Result<ExportFormat> format = exportFormatOf(path); !format)
            return format.error();
    }
    if (!options.response.isEmpty()) {
        if (Status s = checkResponsePath(options.response); !s)
            return s;
    }
    if (options.settings.organisation.trimmed().isEmpty())
        return Error(QStringLiteral("the release must name the force that publishes it: set the "
                                    "organisation in the preferences (release/organisation)"));
    if (!options.outcome.isEmpty() && !requestOutcomes().contains(options.outcome))
        return Error(QStringLiteral("'%1' is not an outcome; they are: %2")
                         .arg(options.outcome, requestOutcomes().join(QStringLiteral("; "))));
    if (options.markResponded && !options.record)
        return Error(QStringLiteral("marking the request responded records the release; it cannot go "
                                    "with a trial export"));
    return {};
}

Result<Published> publishRelease(Register &reg, const Release &release, const PublishOptions &options)
{
    if (Status s = checkPublishOptions(options); !s)
        return s.error();
    if (!release.passes)
        return Error(QStringLiteral("the release does not pass its audit, so nothing was written: %1")
                         .arg(release.failure));
    const ExportSettings &settings = options.settings;
    const QString &reference = release.request.reference;

    // The request to keep and the one to mark responded are found and checked before anything is written.
    std::optional<FoiRequestRecord> kept = options.request;
    std::optional<FoiRequestRecord> stored;
    if (kept) {
        if (kept->reference != reference)
            return Error(QStringLiteral("the request %1 given to keep is not the release's request %2")
                             .arg(kept->reference, reference));
        if (Status s = kept->validate(); !s)
            return Error(QStringLiteral("request %1 cannot be stored: %2").arg(reference, s.error().message),
                         reg.location());
        Result<std::optional<FoiRequestRecord>> found = reg.findRequest(reference);
        if (!found)
            return found.error();
        stored = *found;
        if (kept->version == 0 && stored)
            return Error(QStringLiteral("the register already holds a request %1").arg(reference),
                         reg.location());
    }
    std::optional<FoiRequestRecord> served;
    if (options.markResponded) {
        if (kept) {
            served = *kept;
        } else {
            Result<std::optional<FoiRequestRecord>> found = reg.findRequest(reference);
            if (!found)
                return found.error();
            if (!*found)
                return Error(QStringLiteral("the register holds no request %1 to mark responded: add the "
                                            "request first, or do not mark it responded")
                                 .arg(reference),
                             reg.location());
            served = **found;
        }
        served->status = RequestStatus::Responded;
        served->responded = settings.date;
        served->outcome = !options.outcome.isEmpty()    ? options.outcome
                          : release.withheldCells() > 0 ? QStringLiteral("Information provided in part")
                                                        : QStringLiteral("Information provided in full");
        if (Status s = served->validate(); !s)
            return Error(
                QStringLiteral("request %1 cannot be marked responded: %2").arg(reference, s.error().message),
                reg.location());
    }

    // Every file is made and passed by the gate, then written beside its place (unnamed on Linux), before
    // anything is recorded; the release is recorded next; only then are the files put in place. A process
    // killed at any point leaves no file in the folder that the register does not hold as released: a
    // file that was published but not recorded would be a release the differencing check cannot see.
    Published published;
    const QStringList forbidden = forbiddenWords(options.officer, release, settings);
    QStringList attached;
    QVector<PreparedFile> prepared;
    for (const QString &output : options.spreadsheets) {
        Result<QVector<PreparedFile>> files = prepareRelease(release, settings, output, forbidden);
        if (!files)
            return files.error();
        for (const PreparedFile &f : std::as_const(*files)) {
            prepared << f;
            attached << QFileInfo(f.path).fileName();
        }
    }
    const qsizetype spreadsheetCount = prepared.size();
    published.responseText = responseText(release, settings, attached, options.letter);
    if (!options.response.isEmpty()) {
        Result<PreparedFile> letter =
            prepareResponse(release, settings, attached, options.response, forbidden, options.letter);
        if (!letter)
            return letter.error();
        prepared << *letter;
    }
    FileBatch batch;
    for (const PreparedFile &f : std::as_const(prepared)) {
        if (Status s = batch.stage(f); !s)
            return s.error();
    }
    killPoint("export-staged");

    if (options.record) {
        QVector<ReleasedFile> record;
        for (qsizetype i = 0; i < prepared.size(); ++i)
            record << ReleasedFile{
                QFileInfo(prepared[i].path).fileName(),
                i < spreadsheetCount ? QStringLiteral("spreadsheet") : QStringLiteral("response"),
                QString::fromLatin1(Sha256::hash(prepared[i].bytes).toHex()), prepared[i].bytes.size()};
        ReleaseRecord made = release.toRecord(
            options.officer, options.at.isValid() ? options.at : QDateTime::currentDateTimeUtc());
        made.files = record;
        // The request, the release and the request's new status together, or none of them.
        if (Status s = reg.beginTransaction(); !s)
            return s.error();
        if (kept && !(stored && *stored == *kept)) {
            Result<qint64> version = kept->version == 0 ? reg.addRequest(*kept, options.officer)
                                                        : reg.updateRequest(*kept, options.officer);
            if (!version) {
                reg.rollback();
                return version.error();
            }
            kept->version = *version;
            if (served)
                served->version = *version;
            published.request = kept;
        } else if (kept) {
            published.request = kept;
        }
        Result<qint64> id = reg.addRelease(made);
        if (!id) {
            reg.rollback();
            return id.error();
        }
        published.releaseId = *id;
        if (served) {
            Result<qint64> version = reg.updateRequest(*served, options.officer);
            if (!version) {
                reg.rollback();
                return version.error();
            }
            served->version = *version;
            published.request = served;
        }
        if (Status s = reg.commit(); !s)
            return s.error();
        killPoint("export-recorded");
    }

    Result<QVector<ExportedFile>> placed = batch.commit();
    if (!placed) {
        if (!options.record)
            return placed.error();
        // Rare (the files were written beside their places a moment ago): the register counts the release
        // as made, which keeps the differencing check on the safe side.
        return Error(
            QStringLiteral("%1; the release is recorded in the register (release %2) but no file was "
                           "put in place: export it again to a folder you can write to")
                .arg(placed.error().message)
                .arg(published.releaseId),
            placed.error().file);
    }
    published.spreadsheets = placed->mid(0, spreadsheetCount);
    if (placed->size() > spreadsheetCount)
        published.response = placed->last();
    return published;
}

QString releaseFileName(const QString &reference, const QString &suffix, bool response)
{
    static const QRegularExpression unsafe(QStringLiteral(R"([^A-Za-z0-9._-]+)"));
    QString stem = reference.trimmed();
    stem.replace(unsafe, QStringLiteral("-"));
    if (stem.isEmpty())
        stem = QStringLiteral("release");
    return QStringLiteral("FOI-%1%2.%3")
        .arg(stem, response ? QStringLiteral("-response") : QString(), suffix);
}

} // namespace foi
