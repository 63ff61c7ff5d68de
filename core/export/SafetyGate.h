#pragma once

#include "common/Result.h"
#include "export/ReleaseDocument.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace foi {

/// The check every exported file passes before it is moved where the officer asked: the file is opened
/// as a requester would open it, and refused unless it holds exactly what the release document says.
///
/// An XLSX workbook may hold only the parts libxlsxwriter writes for a document (workbook, worksheets,
/// tables, shared strings, styles, theme, document properties): no pivot caches, external links,
/// comments, drawings, images, macros or custom properties. No sheet, row or column is hidden; no cell
/// is merged; there are no formulas, panes, filters or defined names. Every number stored is a number
/// of the document (a released cell or margin), every text a text of the document, and the document
/// properties name the organisation and nobody else. No forbidden text (a crime or person reference from
/// the register, the name of the account that ran the export) appears anywhere, in any part.
namespace safety {

/// What the gate compares the file with.
struct Expected
{
    const ReleaseDocument *document = nullptr;
    QStringList forbidden; ///< texts that must appear nowhere in the file
};

Status checkXlsx(const QString &path, const Expected &expected);

/// An OpenDocument spreadsheet: the mimetype first, then only the manifest, content, styles and meta;
/// no hidden table, row or column, no spanned (merged) cell, formula, annotation, drawing, database or
/// pilot range, script or outside link; every number and text the document's; the meta naming the
/// organisation and nobody else; no forbidden word.
Status checkOds(const QString &path, const Expected &expected);

/// A CSV file of one table sheet: UTF-8 with its byte order mark, every field a text or number of the
/// document, no forbidden text.
Status checkCsv(const QByteArray &bytes, const QString &fileName, const Expected &expected);

/// The response as an ODT (writeResponseOdt): the mimetype first, then only the manifest, content, styles
/// and meta; its paragraphs exactly the lines of text and nothing else in it; the meta naming the
/// organisation and the title; no comment, processing instruction or forbidden word.
Status checkOdt(const QString &path, const QString &text, const QString &title, const QString &organisation,
                const QStringList &forbidden);

/// The response as a Word document (writeResponseDocx): only its content types, relationships, main
/// document and core properties; the relationships naming those parts and nothing outside the file; the
/// document of paragraphs of plain runs (bold at most) that are exactly the lines of text: no hidden text,
/// tracked change, comment, field, hyperlink, picture or embedded object; the core properties naming the
/// title and the organisation and nobody else; no XML comment, processing instruction or forbidden word.
Status checkDocx(const QString &path, const QString &text, const QString &title, const QString &organisation,
                 const QStringList &forbidden);

/// A text file that goes with the release (the response): no forbidden word in it.
Status checkText(const QString &text, const QString &fileName, const QStringList &forbidden);

} // namespace safety
} // namespace foi
