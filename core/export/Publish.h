#pragma once

#include "common/Result.h"
#include "export/Exporter.h"
#include "requests/FoiRequest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace foi {

class Register;
struct Release;

/// What to write for a release and what to keep of it: the CLI's `export` and the wizard's Export page
/// both publish through publishRelease(), so that a file the application writes has always passed the
/// same gate and been recorded the same way.
struct PublishOptions
{
    QStringList spreadsheets; ///< .xlsx, .ods or .csv paths; at least one
    QString response;         ///< .txt, .odt or .docx; empty: no letter
    LetterTemplate letter = LetterTemplate::builtIn();
    ExportSettings settings;
    QString officer;    ///< recorded with the release, never written into a file
    QDateTime at;       ///< when the release is recorded (UTC); null: now
    bool record = true; ///< false: a trial export, nothing kept in the register
    bool markResponded = false;
    QString outcome; ///< with markResponded; empty: in part when a cell is withheld, else in full
    /// The request as the officer left it, stored with the release in the same transaction: added when
    /// new (version 0), saved when it differs from the register's. Its reference is the release's.
    std::optional<FoiRequestRecord> request;
};

/// What was published.
struct Published
{
    QVector<ExportedFile> spreadsheets;
    std::optional<ExportedFile> response;
    QString responseText;                    ///< the letter's text, as the officer may paste it
    qint64 releaseId = 0;                    ///< 0 when not recorded
    std::optional<FoiRequestRecord> request; ///< the request stored or marked responded, as stored
};

/// Checks the options before anything is counted or written: a path for each format, an organisation,
/// an outcome the disclosure log knows; the error names what to fix.
Status checkPublishOptions(const PublishOptions &options);

/// Exports a release through the safety gate (prepareRelease, prepareResponse) and records it in the
/// register with the files' SHA-256, the request given in the options, and the request of the same reference
/// as responded when asked, in one transaction. A release that does not pass its audit is refused before
/// anything is written. When the request to mark responded is missing or cannot be marked, nothing is
/// written.
///
/// The order makes it safe against a process killed at any moment: every file is made, checked and
/// written beside its place first (FileBatch::stage), then the release is recorded, and only then are
/// the files moved into place. A file in the officer's folder is therefore always one the register holds
/// as released; a kill between the record and the move leaves a release recorded and no file, which
/// keeps the differencing check on the safe side.
Result<Published> publishRelease(Register &reg, const Release &release, const PublishOptions &options);

/// The files a release of this reference is exported as, in a folder: FOI-REF.xlsx, FOI-REF.ods,
/// FOI-REF.csv, FOI-REF-response.odt; characters a file name cannot hold become "-".
QString releaseFileName(const QString &reference, const QString &suffix, bool response = false);

} // namespace foi
