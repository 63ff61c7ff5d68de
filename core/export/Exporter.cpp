#include "export/Exporter.h"

#include "common/Sha256.h"
#include "export/ResponseText.h"
#include "export/SafetyGate.h"
#include "export/SpreadsheetWriters.h"
#include "protect/Release.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

namespace foi {

namespace {

/// Writes bytes to path all at once or not at all.
Status saveWhole(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(QStringLiteral("cannot write the file: %1").arg(file.errorString()), path);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error(QStringLiteral("cannot write the file: %1").arg(file.errorString()), path);
    return {};
}

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

Result<QVector<ExportedFile>> exportRelease(const Release &release, const ExportSettings &settings,
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

    QVector<ExportedFile> written;
    if (*format == ExportFormat::Xlsx || *format == ExportFormat::Ods) {
        // Written beside the output (the same disk), checked, then put in place whole.
        const bool xlsx = *format == ExportFormat::Xlsx;
        QTemporaryFile temporary(folder.filePath(xlsx ? QStringLiteral(".foi-export-XXXXXX.xlsx")
                                                      : QStringLiteral(".foi-export-XXXXXX.ods")));
        if (!temporary.open())
            return Error(QStringLiteral("cannot write in the folder: %1").arg(temporary.errorString()),
                         folder.path());
        temporary.close();
        if (Status s = xlsx ? writeXlsx(*doc, temporary.fileName()) : writeOds(*doc, temporary.fileName());
            !s)
            return s.error();
        const Status checked = xlsx ? safety::checkXlsx(temporary.fileName(), expected)
                                    : safety::checkOds(temporary.fileName(), expected);
        if (!checked)
            return Error(checked.error().message, output);
        QFile file(temporary.fileName());
        if (!file.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("cannot read back the spreadsheet: %1").arg(file.errorString()),
                         temporary.fileName());
        const QByteArray bytes = file.readAll();
        if (Status s = saveWhole(output, bytes); !s)
            return s.error();
        written << ExportedFile{output, Sha256::hash(bytes).toHex(), bytes.size()};
        return written;
    }

    // CSV: every table's file made and checked before any is written.
    const QVector<const ReleaseSheet *> tables = doc->tableSheets();
    const QStringList paths = csvPaths(output, int(tables.size()));
    QVector<QByteArray> files;
    for (qsizetype t = 0; t < tables.size(); ++t) {
        files << tableCsv(*tables[t]);
        if (Status s = safety::checkCsv(files.last(), paths[t], expected); !s)
            return s.error();
    }
    for (qsizetype t = 0; t < tables.size(); ++t) {
        if (Status s = saveWhole(paths[t], files[t]); !s) {
            for (const ExportedFile &f : written)
                QFile::remove(f.path); // all the tables or none
            return s.error();
        }
        written << ExportedFile{paths[t], Sha256::hash(files[t]).toHex(), files[t].size()};
    }
    return written;
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

Result<ExportedFile> exportResponse(const Release &release, const ExportSettings &settings,
                                    const QStringList &attachedFiles, const QString &path,
                                    const QStringList &forbidden, const LetterTemplate &letter)
{
    if (Status s = checkResponsePath(path); !s)
        return s.error();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (settings.organisation.trimmed().isEmpty())
        return Error(QStringLiteral("the organisation is not set: name the force in the settings"));
    const QString text = responseText(release, settings, attachedFiles, letter);
    QByteArray bytes;
    if (suffix == QLatin1String("txt")) {
        if (Status s = safety::checkText(text, path, forbidden); !s)
            return s.error();
        bytes = text.toUtf8();
    } else {
        const bool odt = suffix == QLatin1String("odt");
        const QDir folder = QFileInfo(path).absoluteDir();
        if (!folder.exists())
            return Error(QStringLiteral("the folder to write in does not exist: choose one that does"),
                         folder.path());
        QTemporaryFile temporary(folder.filePath(QStringLiteral(".foi-response-XXXXXX.") + suffix));
        if (!temporary.open())
            return Error(QStringLiteral("cannot write in the folder: %1").arg(temporary.errorString()),
                         folder.path());
        temporary.close();
        const QString title =
            QStringLiteral("Response to Freedom of Information request %1").arg(release.request.reference);
        const Status written = odt ? writeResponseOdt(text, title, settings, temporary.fileName())
                                   : writeResponseDocx(text, title, settings, temporary.fileName());
        if (!written)
            return written.error();
        const QString organisation = settings.organisation.trimmed();
        const Status checked =
            odt ? safety::checkOdt(temporary.fileName(), text, title, organisation, forbidden)
                : safety::checkDocx(temporary.fileName(), text, title, organisation, forbidden);
        if (!checked)
            return Error(checked.error().message, path);
        QFile file(temporary.fileName());
        if (!file.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("cannot read back the response: %1").arg(file.errorString()),
                         temporary.fileName());
        bytes = file.readAll();
    }
    if (Status s = saveWhole(path, bytes); !s)
        return s.error();
    return ExportedFile{path, Sha256::hash(bytes).toHex(), bytes.size()};
}

} // namespace foi
