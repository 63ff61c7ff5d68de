#include "export/Exporter.h"

#include "common/KillPoint.h"
#include "common/Sha256.h"
#include "export/ResponseText.h"
#include "export/SafetyGate.h"
#include "export/ScratchFolder.h"
#include "export/SpreadsheetWriters.h"
#include "protect/Release.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

namespace foi {

namespace {

QStringList csvPaths(const QString &output, int tables)
{
    if (tables == 1)
        return {output};
    const QFileInfo info(output);
    QStringList out;
    for (int t = 1; t <= tables; ++t)
        out << info.dir().filePath(
            QStringLiteral("%1_Table_%2.%3").arg(info.completeBaseName()).arg(t).arg(info.suffix()));
    return out;
}

} // namespace

QStringList exportPaths(const QString &output, int tableCount)
{
    if (QFileInfo(output).suffix().toLower() != QLatin1String("csv"))
        return {output};
    return csvPaths(output, tableCount);
}

Result<ExportFormat> exportFormatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("xlsx"))
        return ExportFormat::Xlsx;
    if (suffix == QLatin1String("ods"))
        return ExportFormat::Ods;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    return Error(QStringLiteral("the output must end in .xlsx, .ods or .csv (the format is taken from it)"),
                 path);
}

QStringList forbiddenWords(const QString &accountName, const Release &release, const ExportSettings &settings)
{
    const QString name = accountName.trimmed();
    if (name.size() < 3 || name.compare(settings.organisation.trimmed(), Qt::CaseInsensitive) == 0)
        return {};
    QStringList own{responseText(release, settings, {})};
    if (Result<ReleaseDocument> doc = ReleaseDocument::make(release, settings))
        own += doc->texts().values();
    if (!safety::checkText(own.join(QLatin1Char('\n')), QString(), {name}))
        return {};
    return {name};
}

Result<QVector<PreparedFile>> prepareRelease(const Release &release, const ExportSettings &settings,
                                             const QString &output, const QStringList &forbidden)
{
    Result<ExportFormat> format = exportFormatOf(output);
    if (!format)
        return format.error();
    Result<ReleaseDocument> doc = ReleaseDocument::make(release, settings);
    if (!doc)
        return doc.error();
    safety::Expected expected{&*doc, forbidden};
    const QDir folder = QFileInfo(output).absoluteDir();
    if (!folder.exists())
        return Error(QStringLiteral("the folder to write in does not exist: choose one that does"),
                     folder.path());

    QVector<PreparedFile> prepared;
    if (*format == ExportFormat::Xlsx || *format == ExportFormat::Ods) {
        // Written in a private folder, read back whole, checked; the officer's folder is not touched.
        const bool xlsx = *format == ExportFormat::Xlsx;
        Result<std::unique_ptr<ScratchFolder>> scratch = ScratchFolder::make();
        if (!scratch)
            return scratch.error();
        const QString made =
            (*scratch)->filePath(xlsx ? QStringLiteral("release.xlsx") : QStringLiteral("release.ods"));
        if (Status s = xlsx ? writeXlsx(*doc, made) : writeOds(*doc, made); !s)
            return Error(s.error().message, output);
        killPoint("export-spreadsheet-made");
        const Status checked = xlsx ? safety::checkXlsx(made, expected) : safety::checkOds(made, expected);
        if (!checked)
            return Error(checked.error().message, output);
        QFile file(made);
        if (!file.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("cannot read back the spreadsheet: %1").arg(file.errorString()),
                         made);
        prepared << PreparedFile{output, file.readAll()};
        return prepared;
    }

    // CSV: every table's file made and checked before any is written.
    const QVector<const ReleaseSheet *> tables = doc->tableSheets();
    const QStringList paths = csvPaths(output, int(tables.size()));
    for (qsizetype t = 0; t < tables.size(); ++t) {
        prepared << PreparedFile{paths[t], tableCsv(*tables[t])};
        if (Status s = safety::checkCsv(prepared.last().bytes, paths[t], expected); !s)
            return s.error();
    }
    return prepared;
}

struct FileBatch::Staged
{
    explicit Staged(const QString &path)
        : file(path)
    {}
    QSaveFile file;
    ExportedFile made;
};

FileBatch::FileBatch() = default;
FileBatch::~FileBatch() = default; // a QSaveFile destroyed uncommitted removes its temporary file

Status FileBatch::stage(const PreparedFile &prepared)
{
    auto staged = std::make_unique<Staged>(prepared.path);
    // Never written straight over the file if no temporary file can be made beside it.
    staged->file.setDirectWriteFallback(false);
    if (!staged->file.open(QIODevice::WriteOnly))
        return Error(QStringLiteral("cannot write the file: %1 (choose a folder you can write to)")
                         .arg(staged->file.errorString()),
                     prepared.path);
    if (staged->file.write(prepared.bytes) != prepared.bytes.size() || !staged->file.flush()) {
        // QSaveFile may not know why ("Unknown error"): the disk's free space tells.
        const QStorageInfo disk(QFileInfo(prepared.path).absolutePath());
        if (disk.isValid() && disk.bytesAvailable() < prepared.bytes.size())
            return Error(
                QStringLiteral("cannot write the file: the disk is full (%1 KB free, the file needs %2 "
                               "KB): free some space, or choose a folder on another disk")
                    .arg(disk.bytesAvailable() / 1024)
                    .arg((prepared.bytes.size() + 1023) / 1024),
                prepared.path);
        return Error(
            QStringLiteral("cannot write the file: %1 (is the disk full?)").arg(staged->file.errorString()),
            prepared.path);
    }
    staged->made = ExportedFile{prepared.path, Sha256::hash(prepared.bytes).toHex(), prepared.bytes.size()};
    m_files.push_back(std::move(staged));
    return {};
}

Result<QVector<ExportedFile>> FileBatch::commit()
{
    QVector<ExportedFile> placed;
    for (const std::unique_ptr<Staged> &staged : m_files) {
        if (!staged->file.commit()) {
            for (const ExportedFile &f : std::as_const(placed))
                QFile::remove(f.path); // all the files or none
            const Error error(QStringLiteral("cannot write the file: %1").arg(staged->file.errorString()),
                              staged->made.path);
            m_files.clear();
            return error;
        }
        placed << staged->made;
    }
    m_files.clear();
    return placed;
}

Result<QVector<ExportedFile>> exportRelease(const Release &release, const ExportSettings &settings,
                                            const QString &output, const QStringList &forbidden)
{
    Result<QVector<PreparedFile>> prepared = prepareRelease(release, settings, output, forbidden);
    if (!prepared)
        return prepared.error();
    FileBatch batch;
    for (const PreparedFile &file : std::as_const(*prepared)) {
        if (Status s = batch.stage(file); !s)
            return s.error();
    }
    return batch.commit();
}

Status checkResponsePath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("txt") && suffix != QLatin1String("odt") && suffix != QLatin1String("docx"))
        return Error(
            QStringLiteral("the response must end in .txt, .odt or .docx (the format is taken from it)"),
            path);
    return {};
}

Result<PreparedFile> prepareResponse(const Release &release, const ExportSettings &settings,
                                     const QStringList &attachedFiles, const QString &path,
                                     const QStringList &forbidden, const LetterTemplate &letter)
{
    if (Status s = checkResponsePath(path); !s)
        return s.error();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (settings.organisation.trimmed().isEmpty())
        return Error(QStringLiteral("the organisation is not set: name the force in the settings"));
    if (!QFileInfo(path).absoluteDir().exists())
        return Error(QStringLiteral("the folder to write in does not exist: choose one that does"),
                     QFileInfo(path).absolutePath());
    const QString text = responseText(release, settings, attachedFiles, letter);
    if (suffix == QLatin1String("txt")) {
        if (Status s = safety::checkText(text, path, forbidden); !s)
            return s.error();
        return PreparedFile{path, text.toUtf8()};
    }
    const bool odt = suffix == QLatin1String("odt");
    Result<std::unique_ptr<ScratchFolder>> scratch = ScratchFolder::make();
    if (!scratch)
        return scratch.error();
    const QString made = (*scratch)->filePath(QStringLiteral("response.") + suffix);
    const QString title =
        QStringLiteral("Response to Freedom of Information request %1").arg(release.request.reference);
    const Status written =
        odt ? writeResponseOdt(text, title, settings, made) : writeResponseDocx(text, title, settings, made);
    if (!written)
        return Error(written.error().message, path);
    const QString organisation = settings.organisation.trimmed();
    const Status checked = odt ? safety::checkOdt(made, text, title, organisation, forbidden)
                               : safety::checkDocx(made, text, title, organisation, forbidden);
    if (!checked)
        return Error(checked.error().message, path);
    QFile file(made);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read back the response: %1").arg(file.errorString()), made);
    return PreparedFile{path, file.readAll()};
}

Result<ExportedFile> exportResponse(const Release &release, const ExportSettings &settings,
                                    const QStringList &attachedFiles, const QString &path,
                                    const QStringList &forbidden, const LetterTemplate &letter)
{
    Result<PreparedFile> prepared =
        prepareResponse(release, settings, attachedFiles, path, forbidden, letter);
    if (!prepared)
        return prepared.error();
    FileBatch batch;
    if (Status s = batch.stage(*prepared); !s)
        return s.error();
    Result<QVector<ExportedFile>> placed = batch.commit();
    if (!placed)
        return placed.error();
    return placed->first();
}

} // namespace foi
