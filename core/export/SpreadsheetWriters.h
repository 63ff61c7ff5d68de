#pragma once

#include "common/Result.h"
#include "export/ReleaseDocument.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace foi {

/// Writes the document as an XLSX workbook at path (libxlsxwriter): a worksheet per sheet, each table
/// an Excel table named as the sheet says, no filters, panes or formulas; the document properties name
/// the organisation only. The file goes straight to path: callers write to a temporary file and let the
/// safety gate check it before it goes where the officer asked (exportRelease does).
Status writeXlsx(const ReleaseDocument &doc, const QString &path);

/// Writes the document as an OpenDocument 1.2 spreadsheet at path: the mimetype first and stored, the
/// manifest, content (a table per sheet, each table's cells as a named range), styles and meta (the
/// organisation as creator). Like writeXlsx, for a temporary file the safety gate then checks.
Status writeOds(const ReleaseDocument &doc, const QString &path);

/// A CSV file of a table sheet: UTF-8 with a byte order mark (so that Excel reads it as UTF-8), CRLF
/// line ends, the title and the lines above the table, then the header and the rows.
QByteArray tableCsv(const ReleaseSheet &sheet);

} // namespace foi
