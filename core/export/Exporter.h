#pragma once

#include "common/Result.h"
#include "export/ReleaseDocument.h"
#include "export/ResponseText.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <vector>

namespace foi {

struct Release;

/// A file an export wrote, and its SHA-256 (for the release's record and the audit trail).
struct ExportedFile
{
    QString path;
    QByteArray sha256; ///< hex
    qint64 size = 0;   ///< bytes
};

enum class ExportFormat
{
    Xlsx,
    Ods,
    Csv, ///< one file per table
};

/// The format an output path names by its suffix (.xlsx, .ods, .csv); an error for any other.
Result<ExportFormat> exportFormatOf(const QString &path);

/// The words no file of a release may hold: the name of the account that exports it (at least three
/// characters), unless the release's own words use it (an account called "table" cannot be told from the
/// word, and the gate pins every text of the file to the release's anyway).
QStringList forbiddenWords(const QString &accountName, const Release &release,
                           const ExportSettings &settings);

/// A file made and passed by the safety gate (SafetyGate.h), not yet written where it goes.
struct PreparedFile
{
    QString path; ///< where it goes
    QByteArray bytes;
};

/// Makes a release's files and passes each through the safety gate, writing nothing where the officer
/// asked: a spreadsheet library that needs a path writes into a private ScratchFolder. CSV gives a file
/// per table: the output itself for a single table, else OUTPUT_Table_1.csv, OUTPUT_Table_2.csv, ...
/// beside it. forbidden: texts that must appear in no file (the account's name, references from the
/// register).
Result<QVector<PreparedFile>> prepareRelease(const Release &release, const ExportSettings &settings,
                                             const QString &output, const QStringList &forbidden);

/// Writes prepared files where they go, all of them or none. stage() writes each to a temporary file
/// beside its place (on Linux an unnamed one, so that a process killed before commit() leaves nothing in
/// the folder); commit() then moves them all into place. A failure, or a batch destroyed without
/// commit(), leaves no file of the batch behind.
class FileBatch
{
public:
    FileBatch();
    ~FileBatch();
    FileBatch(const FileBatch &) = delete;
    FileBatch &operator=(const FileBatch &) = delete;

    Status stage(const PreparedFile &file);
    Result<QVector<ExportedFile>> commit();

private:
    struct Staged;
    std::vector<std::unique_ptr<Staged>> m_files;
};

/// Exports a release: prepareRelease(), then the files written through a FileBatch. A failure anywhere
/// leaves no file behind and says why.
Result<QVector<ExportedFile>> exportRelease(const Release &release, const ExportSettings &settings,
                                            const QString &output, const QStringList &forbidden);

/// The files exporting a release of tableCount tables to output writes: the output itself, or for CSV with
/// several tables OUTPUT_Table_1.csv, OUTPUT_Table_2.csv, ... beside it.
QStringList exportPaths(const QString &output, int tableCount);

/// Makes the response letter (ResponseText.h) in a letter template, naming the files attached: plain
/// text (.txt), an OpenDocument text (.odt) or a Word document (.docx), passed by the safety gate like
/// the spreadsheets, and not yet written.
Result<PreparedFile> prepareResponse(const Release &release, const ExportSettings &settings,
                                     const QStringList &attachedFiles, const QString &path,
                                     const QStringList &forbidden,
                                     const LetterTemplate &letter = LetterTemplate::builtIn());

/// prepareResponse(), then the letter written whole or not at all.
Result<ExportedFile> exportResponse(const Release &release, const ExportSettings &settings,
                                    const QStringList &attachedFiles, const QString &path,
                                    const QStringList &forbidden,
                                    const LetterTemplate &letter = LetterTemplate::builtIn());

/// Whether a path names a response format (.txt, .odt, .docx); an error saying which otherwise.
Status checkResponsePath(const QString &path);

} // namespace foi
