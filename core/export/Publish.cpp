#include "export/Publish.h"

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

    // The request to mark responded is found and checked before anything is written.
    std::optional<FoiRequestRecord> served;
    if (options.markResponded) {
        Result<std::optional<FoiRequestRecord>> found = reg.findRequest(reference);
        if (!found)
            return found.error();
        if (!*found)
            return Error(QStringLiteral("the register holds no request %1 to mark responded: add the "
                                        "request first, or do not mark it responded")
                             .arg(reference),
                         reg.location());
        served = **found;
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

    Published published;
    // A failure after a file is in place takes back every file of this release: a file that was written
    // but not recorded would be a release the differencing check cannot see.
    auto takeBack = [&published](const Error &error) -> Result<Published> {
        for (const ExportedFile &f : std::as_const(published.spreadsheets))
            QFile::remove(f.path);
        if (published.response)
            QFile::remove(published.response->path);
        return error;
    };
    const QStringList forbidden = forbiddenWords(options.officer, release, settings);
    QStringList attached;
    QVector<ReleasedFile> record;
    for (const QString &output : options.spreadsheets) {
        Result<QVector<ExportedFile>> files = exportRelease(release, settings, output, forbidden);
        if (!files)
            return takeBack(files.error());
        for (const ExportedFile &f : *files) {
            published.spreadsheets << f;
            attached << QFileInfo(f.path).fileName();
            record << ReleasedFile{attached.last(), QStringLiteral("spreadsheet"),
                                   QString::fromLatin1(f.sha256), f.size};
        }
    }
    published.responseText = responseText(release, settings, attached, options.letter);
    if (!options.response.isEmpty()) {
        Result<ExportedFile> letter =
            exportResponse(release, settings, attached, options.response, forbidden, options.letter);
        if (!letter)
            return takeBack(letter.error());
        published.response = *letter;
        record << ReleasedFile{QFileInfo(letter->path).fileName(), QStringLiteral("response"),
                               QString::fromLatin1(letter->sha256), letter->size};
    }
    if (!options.record)
        return published;

    ReleaseRecord made = release.toRecord(
        options.officer, options.at.isValid() ? options.at : QDateTime::currentDateTimeUtc());
    made.files = record;
    // The release and the request's new status together, or neither.
    if (Status s = reg.beginTransaction(); !s)
        return takeBack(s.error());
    Result<qint64> id = reg.addRelease(made);
    if (!id) {
        reg.rollback();
        return takeBack(id.error());
    }
    published.releaseId = *id;
    if (served) {
        Result<qint64> version = reg.updateRequest(*served, options.officer);
        if (!version) {
            reg.rollback();
            return takeBack(version.error());
        }
        served->version = *version;
        published.request = served;
    }
    if (Status s = reg.commit(); !s)
        return takeBack(s.error());
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
