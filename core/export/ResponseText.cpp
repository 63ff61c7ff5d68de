#include "export/ResponseText.h"

#include "common/Zip.h"
#include "export/OpenDocument.h"
#include "protect/Release.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QXmlStreamWriter>

namespace foi {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\{\{\s*([A-Za-z_]*)\s*\}\})"));
    return pattern;
}

QStringList splitLines(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text.split(QLatin1Char('\n'));
}

} // namespace

const QStringList &LetterTemplate::placeholders()
{
    static const QStringList names{QStringLiteral("date"),         QStringLiteral("reference"),
                                   QStringLiteral("title"),        QStringLiteral("request"),
                                   QStringLiteral("response"),     QStringLiteral("search"),
                                   QStringLiteral("tables"),       QStringLiteral("disclosure"),
                                   QStringLiteral("organisation"), QStringLiteral("contact")};
    return names;
}

LetterTemplate LetterTemplate::builtIn()
{
    static const LetterTemplate letter = [] {
        Result<LetterTemplate> parsed = parse(QStringLiteral("{{date}}\n"
                                                             "\n"
                                                             "Freedom of Information Request - Reference No: "
                                                             "{{reference}}\n"
                                                             "\n"
                                                             "REQUEST\n"
                                                             "\n"
                                                             "{{request}}\n"
                                                             "\n"
                                                             "RESPONSE\n"
                                                             "\n"
                                                             "{{response}}\n"
                                                             "\n"
                                                             "{{organisation}}\n"
                                                             "{{contact}}\n"),
                                              QStringLiteral("the built-in letter"));
        Q_ASSERT(parsed.ok());
        return *parsed;
    }();
    return letter;
}

Result<LetterTemplate> LetterTemplate::parse(const QString &text, const QString &fileName)
{
    LetterTemplate out;
    out.m_lines = splitLines(text);
    while (!out.m_lines.isEmpty() && out.m_lines.last().trimmed().isEmpty())
        out.m_lines.removeLast();
    QSet<QString> used;
    for (qsizetype i = 0; i < out.m_lines.size(); ++i) {
        const QString &line = out.m_lines[i];
        QString rest = line;
        for (auto it = placeholderPattern().globalMatch(line); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QString name = m.captured(1).toLower();
            if (!placeholders().contains(name))
                return Error(QStringLiteral("%1 is not a placeholder of the letter; they are {{%2}}")
                                 .arg(m.captured(0), placeholders().join(QStringLiteral("}}, {{"))),
                             fileName, i + 1);
            used.insert(name);
            rest.replace(m.captured(0), QString());
        }
        if (rest.contains(QLatin1String("{{")) || rest.contains(QLatin1String("}}")))
            return Error(QStringLiteral("a placeholder is not closed, or a brace is left over: write "
                                        "placeholders as {{name}}"),
                         fileName, i + 1);
    }
    if (!used.contains(QStringLiteral("response")) &&
        !(used.contains(QStringLiteral("tables")) && used.contains(QStringLiteral("disclosure"))))
        return Error(
            QStringLiteral("the letter has no place for the response: it needs {{response}}, or "
                           "{{tables}} and {{disclosure}} (what is attached and the exemptions weighed)"),
            fileName);
    return out;
}

Result<LetterTemplate> LetterTemplate::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the letter template: %1").arg(file.errorString()), path);
    const QByteArray bytes = file.read(1024 * 1024 + 1);
    if (bytes.size() > 1024 * 1024)
        return Error(QStringLiteral("the letter template is larger than 1 MB: it must be plain text"), path);
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8.decode(bytes);
    if (utf8.hasError() || bytes.contains('\0'))
        return Error(QStringLiteral("the letter template is not plain UTF-8 text (save it as .txt in UTF-8)"),
                     path);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return parse(text, path);
}

QString LetterTemplate::fill(const QHash<QString, QString> &values) const
{
    QStringList out;
    for (const QString &line : m_lines) {
        const QRegularExpressionMatch whole = placeholderPattern().match(line.trimmed());
        if (whole.hasMatch() && whole.capturedLength(0) == line.trimmed().size() &&
            values.value(whole.captured(1).toLower()).trimmed().isEmpty())
            continue; // a line of nothing but an empty value
        QString filled;
        qsizetype from = 0;
        for (auto it = placeholderPattern().globalMatch(line); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            filled += line.mid(from, m.capturedStart(0) - from);
            filled += values.value(m.captured(1).toLower());
            from = m.capturedEnd(0);
        }
        filled += line.mid(from);
        out += splitLines(filled);
    }
    return out.join(QLatin1String("\r\n")) + QLatin1String("\r\n");
}

QString responseText(const Release &release, const ExportSettings &settings, const QStringList &attachedFiles,
                     const LetterTemplate &letter)
{
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    const QDate day = settings.date.isValid() ? settings.date : QDate::currentDate();
    QStringList tables;
    if (!attachedFiles.isEmpty()) {
        tables << QStringLiteral("The information is in the enclosed %1 (%2), which holds %3:")
                      .arg(attachedFiles.size() == 1 ? QStringLiteral("spreadsheet")
                                                     : QStringLiteral("files"),
                           attachedFiles.join(QStringLiteral(", ")),
                           release.tables.size() == 1
                               ? QStringLiteral("one table")
                               : QStringLiteral("%1 tables").arg(release.tables.size()));
        for (qsizetype t = 0; t < release.tables.size(); ++t)
            tables << QStringLiteral("Table %1: %2").arg(t + 1).arg(release.tables[t].spec.title);
    }
    QHash<QString, QString> values;
    values.insert(QStringLiteral("date"), english.toString(day, QStringLiteral("d MMMM yyyy")));
    values.insert(QStringLiteral("reference"), release.request.reference);
    values.insert(QStringLiteral("title"), release.request.title);
    values.insert(QStringLiteral("request"), release.request.requestText.trimmed().isEmpty()
                                                 ? release.request.title
                                                 : release.request.requestText.trimmed());
    values.insert(QStringLiteral("search"), release.searchText.trimmed());
    values.insert(QStringLiteral("tables"), tables.join(QLatin1Char('\n')));
    values.insert(QStringLiteral("disclosure"), release.disclosureText.trimmed());
    QStringList response;
    for (const char *part : {"search", "tables", "disclosure"}) {
        if (const QString v = values.value(QLatin1String(part)); !v.isEmpty())
            response << v;
    }
    values.insert(QStringLiteral("response"), response.join(QStringLiteral("\n\n")));
    values.insert(QStringLiteral("organisation"), settings.organisation.trimmed());
    values.insert(QStringLiteral("contact"), settings.contact.trimmed());
    return letter.fill(values);
}

namespace {

bool isHeading(const QString &line)
{
    return line == QLatin1String("REQUEST") || line == QLatin1String("RESPONSE");
}

QByteArray odtContent(const QStringList &lines)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(odf::kOffice, QStringLiteral("office"));
    w.writeNamespace(odf::kText, QStringLiteral("text"));
    w.writeNamespace(odf::kStyle, QStringLiteral("style"));
    w.writeNamespace(odf::kFo, QStringLiteral("fo"));
    w.writeStartElement(odf::kOffice, QStringLiteral("document-content"));
    w.writeAttribute(odf::kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(odf::kOffice, QStringLiteral("automatic-styles"));
    w.writeStartElement(odf::kStyle, QStringLiteral("style"));
    w.writeAttribute(odf::kStyle, QStringLiteral("name"), QStringLiteral("Heading"));
    w.writeAttribute(odf::kStyle, QStringLiteral("family"), QStringLiteral("paragraph"));
    w.writeEmptyElement(odf::kStyle, QStringLiteral("text-properties"));
    w.writeAttribute(odf::kFo, QStringLiteral("font-weight"), QStringLiteral("bold"));
    w.writeEndElement(); // style
    w.writeEndElement(); // automatic-styles
    w.writeStartElement(odf::kOffice, QStringLiteral("body"));
    w.writeStartElement(odf::kOffice, QStringLiteral("text"));
    for (const QString &line : lines) {
        w.writeStartElement(odf::kText, QStringLiteral("p"));
        if (isHeading(line))
            w.writeAttribute(odf::kText, QStringLiteral("style-name"), QStringLiteral("Heading"));
        w.writeCharacters(line);
        w.writeEndElement();
    }
    w.writeEndElement(); // text
    w.writeEndElement(); // body
    w.writeEndElement(); // document-content
    w.writeEndDocument();
    return out;
}

} // namespace

QStringList responseLines(const QString &text)
{
    QStringList lines = text.split(QStringLiteral("\r\n"));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

Status writeResponseOdt(const QString &text, const QString &title, const ExportSettings &settings,
                        const QString &path)
{
    const QStringList lines = responseLines(text);
    return odf::writePackage(path, odf::kTextType, odtContent(lines), title, settings.organisation,
                             settings.date);
}

namespace {

const QString kWordMain = QStringLiteral("http://schemas.openxmlformats.org/wordprocessingml/2006/main");

QByteArray docxContentTypes()
{
    return QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "<Override PartName=\"/docProps/core.xml\" "
        "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        "</Types>");
}

QByteArray docxRelationships()
{
    return QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"word/document.xml\"/>"
        "<Relationship Id=\"rId2\" "
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
        "Target=\"docProps/core.xml\"/>"
        "</Relationships>");
}

QByteArray docxDocument(const QStringList &lines)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeNamespace(kWordMain, QStringLiteral("w"));
    w.writeStartElement(kWordMain, QStringLiteral("document"));
    w.writeStartElement(kWordMain, QStringLiteral("body"));
    for (const QString &line : lines) {
        w.writeStartElement(kWordMain, QStringLiteral("p"));
        if (!line.isEmpty()) {
            w.writeStartElement(kWordMain, QStringLiteral("r"));
            if (isHeading(line)) {
                w.writeStartElement(kWordMain, QStringLiteral("rPr"));
                w.writeEmptyElement(kWordMain, QStringLiteral("b"));
                w.writeEndElement();
            }
            w.writeStartElement(kWordMain, QStringLiteral("t"));
            w.writeAttribute(QStringLiteral("xml:space"), QStringLiteral("preserve"));
            w.writeCharacters(line);
            w.writeEndElement(); // t
            w.writeEndElement(); // r
        }
        w.writeEndElement(); // p
    }
    // A4 with margins of an inch, as a UK letter.
    w.writeStartElement(kWordMain, QStringLiteral("sectPr"));
    w.writeEmptyElement(kWordMain, QStringLiteral("pgSz"));
    w.writeAttribute(kWordMain, QStringLiteral("w"), QStringLiteral("11906"));
    w.writeAttribute(kWordMain, QStringLiteral("h"), QStringLiteral("16838"));
    w.writeEmptyElement(kWordMain, QStringLiteral("pgMar"));
    for (const char *side : {"top", "right", "bottom", "left"})
        w.writeAttribute(kWordMain, QLatin1String(side), QStringLiteral("1440"));
    w.writeEndElement(); // sectPr
    w.writeEndElement(); // body
    w.writeEndElement(); // document
    w.writeEndDocument();
    return out;
}

QByteArray docxCore(const QString &title, const QString &organisation, const QString &when)
{
    const QString cp =
        QStringLiteral("http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    const QString dc = QStringLiteral("http://purl.org/dc/elements/1.1/");
    const QString dcterms = QStringLiteral("http://purl.org/dc/terms/");
    const QString xsi = QStringLiteral("http://www.w3.org/2001/XMLSchema-instance");
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeNamespace(cp, QStringLiteral("cp"));
    w.writeNamespace(dc, QStringLiteral("dc"));
    w.writeNamespace(dcterms, QStringLiteral("dcterms"));
    w.writeNamespace(xsi, QStringLiteral("xsi"));
    w.writeStartElement(cp, QStringLiteral("coreProperties"));
    w.writeTextElement(dc, QStringLiteral("title"), title);
    w.writeTextElement(dc, QStringLiteral("creator"), organisation);
    w.writeTextElement(cp, QStringLiteral("lastModifiedBy"), organisation);
    for (const char *element : {"created", "modified"}) {
        w.writeStartElement(dcterms, QLatin1String(element));
        w.writeAttribute(xsi, QStringLiteral("type"), QStringLiteral("dcterms:W3CDTF"));
        w.writeCharacters(when);
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace

Status writeResponseDocx(const QString &text, const QString &title, const ExportSettings &settings,
                         const QString &path)
{
    const QStringList lines = responseLines(text);
    Result<std::unique_ptr<ZipWriter>> zip = ZipWriter::open(path);
    if (!zip)
        return zip.error();
    const QDate date = settings.date.isValid() ? settings.date : QDate::currentDate();
    (*zip)->setTimestamp(date.startOfDay());
    const QString when = date.startOfDay(Qt::UTC).toString(Qt::ISODate);
    const std::pair<const char *, QByteArray> parts[] = {
        {"[Content_Types].xml", docxContentTypes()},
        {"_rels/.rels", docxRelationships()},
        {"word/document.xml", docxDocument(lines)},
        {"docProps/core.xml", docxCore(title, settings.organisation.trimmed(), when)}};
    for (const auto &[name, data] : parts) {
        if (Status st = (*zip)->add(QLatin1String(name), data); !st)
            return st;
    }
    return (*zip)->close();
}

} // namespace foi
