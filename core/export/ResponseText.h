#pragma once

#include "export/ReleaseDocument.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace foi {

struct Release;

/// The letter a response is written into: plain text with placeholders in double braces, which the force
/// may write to match its own letters (docs/export.md). The placeholders:
///
///   {{date}}          the day of the release ("1 March 2018")
///   {{reference}}     the FOI reference
///   {{title}}         the request's title
///   {{request}}       the requester's words
///   {{response}}      {{search}}, {{tables}} and {{disclosure}}, a blank line apart
///   {{search}}        how the systems were searched, and the cutover
///   {{tables}}        the files attached and the tables they hold
///   {{disclosure}}    why tables are separate, ordered or withheld, and the exemptions weighed
///   {{organisation}}  the force
///   {{contact}}       how to contact its FOI unit
///
/// A line that holds nothing but a placeholder with no value (no contact set) is left out. A letter must
/// say what is attached and which exemptions were weighed (FOIA s.17), so a template holds {{response}}, or
/// both {{tables}} and {{disclosure}}.
class LetterTemplate
{
public:
    /// The seed's shape (../shared/seed/foi-response-20180207.txt): the date and reference, REQUEST and
    /// the requester's words, RESPONSE and the response, then the organisation and contact.
    static LetterTemplate builtIn();
    /// A template's text; an error names the file, the line and what is wrong (an unknown or unclosed
    /// placeholder, no response in it).
    static Result<LetterTemplate> parse(const QString &text, const QString &fileName);
    /// Reads a template file (UTF-8 text).
    static Result<LetterTemplate> load(const QString &path);
    /// The placeholders a template may hold, without their braces.
    static const QStringList &placeholders();

    /// The letter with the values put in (a value may hold several lines), CRLF line ends.
    QString fill(const QHash<QString, QString> &values) const;

private:
    QStringList m_lines;
};

/// The body of the response letter, in a template (by default the seed's shape): the date and
/// reference, REQUEST (the requester's words), RESPONSE (the search paragraph: the systems searched and
/// the cutover; the files attached and their tables; the disclosure paragraph: why tables are separate,
/// ordered or withheld, and the exemptions weighed), then the organisation and contact. Plain text with
/// CRLF line ends, for pasting into a letter or attaching.
QString responseText(const Release &release, const ExportSettings &settings, const QStringList &attachedFiles,
                     const LetterTemplate &letter = LetterTemplate::builtIn());

/// The letter's lines as its documents hold them, a paragraph each: the text split at its CRLF line ends,
/// without the empty line the last one leaves.
QStringList responseLines(const QString &text);

/// The response as an OpenDocument text (ODT): a paragraph per line of the text, REQUEST and RESPONSE
/// as headings, the organisation as creator. Written straight to path: callers check it with
/// safety::checkOdt before it goes where the officer asked.
Status writeResponseOdt(const QString &text, const QString &title, const ExportSettings &settings,
                        const QString &path);

/// The response as a Word document (DOCX, Office Open XML): the same paragraphs, REQUEST and RESPONSE in
/// bold, on A4, the organisation as creator and last editor; only the main document, its relationships and
/// the core properties (no styles, settings, fonts or anything else a template could bring). Written
/// straight to path: callers check it with safety::checkDocx.
Status writeResponseDocx(const QString &text, const QString &title, const ExportSettings &settings,
                         const QString &path);

} // namespace foi
