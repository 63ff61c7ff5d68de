#include "export/SafetyGate.h"

#include "common/Zip.h"
#include "export/OpenDocument.h"
#include "export/ResponseText.h"
#include "import/CsvReader.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

#include <algorithm>
#include <functional>
#include <optional>

namespace foi::safety {

namespace {

constexpr qint64 kMaxPartBytes = 64 * 1024 * 1024;
constexpr qint64 kFixedBytes = 64 * 1024;
constexpr qint64 kBytesPerTextByte = 4;
constexpr qint64 kBytesPerCell = 128;
const char *const kTableNsUri = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

Error refused(const QString &path, const QString &why)
{
    return Error(
        QStringLiteral("the export was stopped by the safety check, and nothing was written: %1").arg(why),
        path);
}

/// The parts of a workbook as libxlsxwriter writes our documents; anything else is refused.
bool allowedPart(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral(
        R"(^(\[Content_Types\]\.xml|_rels/\.rels|docProps/(app|core)\.xml|xl/workbook\.xml|)"
        R"(xl/_rels/workbook\.xml\.rels|xl/styles\.xml|xl/theme/theme1\.xml|xl/sharedStrings\.xml|)"
        R"(xl/worksheets/sheet[0-9]+\.xml|xl/worksheets/_rels/sheet[0-9]+\.xml\.rels|xl/tables/table[0-9]+\.xml)$)"));
    return allowed.match(name).hasMatch();
}

/// Elements no part of a release may hold, wherever they are.
const QSet<QString> &forbiddenElements()
{
    static const QSet<QString> names{QStringLiteral("mergeCell"),
                                     QStringLiteral("mergeCells"),
                                     QStringLiteral("pane"),
                                     QStringLiteral("autoFilter"),
                                     QStringLiteral("f"),
                                     QStringLiteral("drawing"),
                                     QStringLiteral("legacyDrawing"),
                                     QStringLiteral("picture"),
                                     QStringLiteral("oleObjects"),
                                     QStringLiteral("controls"),
                                     QStringLiteral("definedName"),
                                     QStringLiteral("externalReference"),
                                     QStringLiteral("pivotCaches"),
                                     QStringLiteral("sortState"),
                                     QStringLiteral("dataValidations"),
                                     QStringLiteral("customSheetView"),
                                     QStringLiteral("sheetProtection")};
    return names;
}

/// Whether text holds word as a whole word (not inside a longer one), in any case: a forbidden name is
/// refused, a word that happens to contain it is not.
bool containsWord(const QString &text, const QString &word)
{
    for (qsizetype at = text.indexOf(word, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(word, at + 1, Qt::CaseInsensitive)) {
        const bool startsWord = at == 0 || !text[at - 1].isLetterOrNumber();
        const qsizetype end = at + word.size();
        const bool endsWord = end == text.size() || !text[end].isLetterOrNumber();
        if (startsWord && endsWord)
            return true;
    }
    return false;
}

/// The forbidden word a part holds, if any: in its text or any attribute value as a reader decodes them
/// (so "O&apos;Brien" is O'Brien), in any case, also split across adjacent runs ("jsm" then "ith");
/// markup itself is no text (an account called "sheet" is not refused for the element names). A part
/// that is not well-formed XML is searched as it stands (and refused later for being malformed).
std::optional<QString> forbiddenIn(const QByteArray &part, const QStringList &forbidden)
{
    if (std::none_of(forbidden.begin(), forbidden.end(), [](const QString &f) { return !f.isEmpty(); }))
        return std::nullopt;
    auto holds = [&](const QString &text) -> std::optional<QString> {
        for (const QString &f : forbidden) {
            if (!f.isEmpty() && containsWord(text, f))
                return f;
        }
        return std::nullopt;
    };
    QXmlStreamReader xml(part);
    QString allText;  // every text one after the other: a name split into runs is whole again
    QString eachText; // each text on a line of its own: a word between two texts stays a word
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            for (const QXmlStreamAttribute &a : xml.attributes()) {
                if (auto found = holds(a.value().toString()))
                    return found;
            }
        } else if (token == QXmlStreamReader::Characters) {
            allText += xml.text();
            eachText += xml.text();
            eachText += QLatin1Char('\n');
        } else if (token == QXmlStreamReader::Comment || token == QXmlStreamReader::ProcessingInstruction) {
            if (auto found =
                    holds(xml.text().toString() + QLatin1Char(' ') + xml.processingInstructionData()))
                return found;
        }
    }
    if (xml.hasError())
        return holds(QString::fromUtf8(part));
    if (auto found = holds(eachText))
        return found;
    return holds(allText);
}

/// The most bytes (uncompressed) a file of the document can take: the parts every file has (theme,
/// styles, properties, relationships, a sheet's frame), plus a few times each text (shared strings,
/// table column names) and each cell's XML.
qint64 sizeBudget(const ReleaseDocument &doc, const QSet<QString> &texts)
{
    qint64 budget = kFixedBytes;
    for (const QString &t : texts)
        budget += kBytesPerTextByte * t.toUtf8().size();
    for (const ReleaseSheet &sheet : doc.sheets)
        budget += kBytesPerCell * (1 + sheet.above.size() + sheet.header.size() +
                                   sheet.rows.size() * std::max<qsizetype>(1, sheet.header.size()));
    return budget;
}

/// Markup no program shows (comments, processing instructions, declarations), so nothing anyone would
/// check: it could carry anything, so no part may hold it.
bool carriesUnseen(QXmlStreamReader::TokenType token)
{
    return token == QXmlStreamReader::Comment || token == QXmlStreamReader::ProcessingInstruction ||
           token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference;
}

Error unseenRefusal(const QString &path, const QString &part)
{
    return refused(path, QStringLiteral("part %1 holds an XML comment, processing instruction or declaration "
                                        "that could carry anything")
                             .arg(part));
}

/// An OpenDocument meta.xml's text: the organisation as creator, the expected title, no other property.
std::optional<Error> metaRefusal(const QString &path, const QString &element, const QString &value,
                                 const QString &organisation,
                                 const std::function<bool(const QString &)> &titleIs)
{
    static const QSet<QString> known{QStringLiteral("generator"),     QStringLiteral("title"),
                                     QStringLiteral("creator"),       QStringLiteral("initial-creator"),
                                     QStringLiteral("creation-date"), QStringLiteral("date")};
    if ((element == QLatin1String("creator") || element == QLatin1String("initial-creator")) &&
        value != organisation)
        return refused(path,
                       QStringLiteral("the document's author is '%1', not the organisation").arg(value));
    if ((element == QLatin1String("title") && !titleIs(value)) || !known.contains(element))
        return refused(path, QStringLiteral("the document properties hold '%1'").arg(value.left(80)));
    return std::nullopt;
}

struct Part
{
    QString name;
    QByteArray xml;
};

} // namespace

Status checkXlsx(const QString &path, const Expected &expected)
{
    Q_ASSERT(expected.document);
    const ReleaseDocument &doc = *expected.document;
    Result<std::unique_ptr<ZipReader>> zip = ZipReader::open(path);
    if (!zip)
        return refused(
            path, QStringLiteral("the file cannot be read back as a workbook (%1)").arg(zip.error().message));

    const QSet<QString> texts = doc.texts();
    const QSet<qint64> numbers = doc.numbers();
    const QString organisation = doc.settings.organisation.trimmed();
    QVector<Part> parts;
    for (const QString &name : (*zip)->entries()) {
        if (!allowedPart(name))
            return refused(path, QStringLiteral("it holds a part a release never has: %1").arg(name));
        Result<QByteArray> bytes = (*zip)->read(name, kMaxPartBytes);
        if (!bytes)
            return refused(path,
                           QStringLiteral("part %1 cannot be read (%2)").arg(name, bytes.error().message));
        parts << Part{name, *bytes};
    }

    // No bigger than the document can make it.
    qint64 total = 0;
    for (const Part &part : parts)
        total += part.xml.size();
    const qint64 budget = sizeBudget(doc, texts);
    if (total > budget)
        return refused(path,
                       QStringLiteral("it is larger than its release can make it (%1 bytes where at most %2 "
                                      "are expected): something else is in it")
                           .arg(total)
                           .arg(budget));

    int worksheets = 0;
    for (const Part &part : parts) {
        // Nothing forbidden, in any form the XML may hold it.
        if (forbiddenIn(part.xml, expected.forbidden))
            return refused(
                path,
                QStringLiteral("part %1 holds a text that must never leave the register").arg(part.name));
        const bool worksheet = part.name.startsWith(QLatin1String("xl/worksheets/sheet"));
        worksheets += worksheet ? 1 : 0;
        const bool sharedStrings = part.name == QLatin1String("xl/sharedStrings.xml");
        const bool core = part.name == QLatin1String("docProps/core.xml");
        const bool app = part.name == QLatin1String("docProps/app.xml");
        const bool table = part.name.startsWith(QLatin1String("xl/tables/"));
        const bool workbook = part.name == QLatin1String("xl/workbook.xml");

        QXmlStreamReader xml(part.xml);
        QString cellType;
        bool inValue = false, inString = false;
        QStringList elementStack;
        QString stringSoFar;
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                const QString name = xml.name().toString();
                elementStack << name;
                if (forbiddenElements().contains(name))
                    return refused(path,
                                   QStringLiteral("part %1 holds a %2 element (a filter, pane, formula, "
                                                  "merged cell, drawing, defined name or the like)")
                                       .arg(part.name, name));
                const QXmlStreamAttributes attributes = xml.attributes();
                if (attributes.value(QLatin1String("hidden")) == QLatin1String("1") ||
                    attributes.value(QLatin1String("hidden")) == QLatin1String("true"))
                    return refused(path, QStringLiteral("part %1 hides a %2").arg(part.name, name));
                if (workbook && name == QLatin1String("sheet") &&
                    attributes.hasAttribute(QLatin1String("state")) &&
                    attributes.value(QLatin1String("state")) != QLatin1String("visible"))
                    return refused(path, QStringLiteral("a worksheet is hidden"));
                if (name == QLatin1String("Relationship") &&
                    attributes.value(QLatin1String("TargetMode"))
                            .compare(QLatin1String("External"), Qt::CaseInsensitive) == 0)
                    return refused(
                        path,
                        QStringLiteral("part %1 refers to something outside the workbook").arg(part.name));
                if (name == QLatin1String("hyperlink") && !attributes.hasAttribute(QLatin1String("location")))
                    return refused(path, QStringLiteral("part %1 links outside the workbook").arg(part.name));
                if (worksheet && name == QLatin1String("c"))
                    cellType = attributes.value(QLatin1String("t")).toString();
                if (worksheet && name == QLatin1String("v"))
                    inValue = true;
                if (worksheet && name == QLatin1String("is"))
                    return refused(path, QStringLiteral("part %1 holds an inline text").arg(part.name));
                if (sharedStrings && name == QLatin1String("si")) {
                    inString = true;
                    stringSoFar.clear();
                }
                if (table && (name == QLatin1String("table") || name == QLatin1String("tableColumn"))) {
                    for (const char *attr : {"name", "displayName"}) {
                        const QString value = attributes.value(QLatin1String(attr)).toString();
                        if (!value.isEmpty() && !texts.contains(value))
                            return refused(
                                path, QStringLiteral("a table is named '%1', which is not in the release")
                                          .arg(value));
                    }
                }
                if (workbook && name == QLatin1String("sheet") &&
                    !texts.contains(attributes.value(QLatin1String("name")).toString()))
                    return refused(path,
                                   QStringLiteral("a worksheet is named '%1', which is not in the release")
                                       .arg(attributes.value(QLatin1String("name")).toString()));
            } else if (token == QXmlStreamReader::EndElement) {
                const QString name = xml.name().toString();
                if (!elementStack.isEmpty())
                    elementStack.removeLast();
                if (name == QLatin1String("v"))
                    inValue = false;
                if (sharedStrings && name == QLatin1String("si")) {
                    inString = false;
                    if (!stringSoFar.isEmpty() && !texts.contains(stringSoFar))
                        return refused(path,
                                       QStringLiteral("the workbook holds a text that is not in the release: "
                                                      "'%1'")
                                           .arg(stringSoFar.left(80)));
                }
            } else if (carriesUnseen(token)) {
                return unseenRefusal(path, part.name);
            } else if (token == QXmlStreamReader::Characters && !xml.isWhitespace()) {
                const QString value = xml.text().toString();
                const QString element = elementStack.isEmpty() ? QString() : elementStack.last();
                if (inString) {
                    stringSoFar += value;
                } else if (inValue && cellType.isEmpty()) {
                    // A number: a released cell or margin, a whole number.
                    bool ok = false;
                    const double v = value.toDouble(&ok);
                    if (!ok || v != double(qint64(v)) || !numbers.contains(qint64(v)))
                        return refused(path,
                                       QStringLiteral("the workbook holds the number %1, which is not a "
                                                      "released count")
                                           .arg(value));
                } else if (inValue && cellType != QLatin1String("s")) {
                    return refused(
                        path, QStringLiteral("part %1 holds a cell of type '%2'").arg(part.name, cellType));
                } else if (core) {
                    // Document properties: the organisation and the title, nobody's name.
                    if ((element == QLatin1String("creator") || element == QLatin1String("lastModifiedBy")) &&
                        value != organisation)
                        return refused(
                            path,
                            QStringLiteral("the document's author is '%1', not the organisation").arg(value));
                    if (element != QLatin1String("created") && element != QLatin1String("modified") &&
                        element != QLatin1String("creator") && element != QLatin1String("lastModifiedBy") &&
                        !texts.contains(value))
                        return refused(path, QStringLiteral("the document properties hold '%1'").arg(value));
                } else if (app &&
                           (element == QLatin1String("Company") || element == QLatin1String("Manager"))) {
                    if (value != organisation)
                        return refused(path, QStringLiteral("the document properties name '%1'").arg(value));
                }
            }
        }
        if (xml.hasError())
            return refused(
                path,
                QStringLiteral("part %1 is not well-formed XML (%2)").arg(part.name, xml.errorString()));
    }
    if (worksheets != doc.sheets.size())
        return refused(path, QStringLiteral("the workbook has %1 worksheets where the release has %2")
                                 .arg(worksheets)
                                 .arg(doc.sheets.size()));
    return {};
}

namespace {

/// A zip's parts, in the zip's order, read and checked: no part but the allowed ones (all of them, when
/// all are required), no larger than budget together, no forbidden word in any.
Result<QVector<Part>> readParts(const QString &path, const QStringList &allowed, bool allRequired,
                                qint64 budget, const QStringList &forbidden)
{
    Result<std::unique_ptr<ZipReader>> zip = ZipReader::open(path);
    if (!zip)
        return refused(path, QStringLiteral("the file cannot be read back (%1)").arg(zip.error().message));
    const QStringList entries = (*zip)->entries();
    qint64 total = 0;
    for (const QString &name : entries) {
        if (!allowed.contains(name))
            return refused(path, QStringLiteral("it holds a part a release never has: %1").arg(name));
        total += std::max<qint64>(0, (*zip)->uncompressedSize(name));
    }
    if (allRequired && entries.size() != allowed.size())
        return refused(path, QStringLiteral("it does not hold the parts it should"));
    if (total > budget)
        return refused(path,
                       QStringLiteral("it is larger than its release can make it (%1 bytes where at most %2 "
                                      "are expected): something else is in it")
                           .arg(total)
                           .arg(budget));
    QVector<Part> parts;
    for (const QString &name : entries) {
        Result<QByteArray> bytes = (*zip)->read(name, kMaxPartBytes);
        if (!bytes)
            return refused(path,
                           QStringLiteral("part %1 cannot be read (%2)").arg(name, bytes.error().message));
        if (forbiddenIn(*bytes, forbidden))
            return refused(
                path, QStringLiteral("part %1 holds a text that must never leave the register").arg(name));
        parts << Part{name, *bytes};
    }
    return parts;
}

/// An OpenDocument package's parts, read and checked as a package: the mimetype first and of the type
/// given, no part but the manifest, content, styles and meta, no larger than budget, no forbidden word.
/// The mimetype itself is not returned.
Result<QVector<Part>> readPackage(const QString &path, const QByteArray &mediaType, qint64 budget,
                                  const QStringList &forbidden)
{
    static const QStringList allowed{QStringLiteral("mimetype"), QStringLiteral("META-INF/manifest.xml"),
                                     QStringLiteral("content.xml"), QStringLiteral("styles.xml"),
                                     QStringLiteral("meta.xml")};
    Result<QVector<Part>> parts = readParts(path, allowed, false, budget, forbidden);
    if (!parts)
        return parts;
    if (parts->isEmpty() || parts->first().name != QLatin1String("mimetype"))
        return refused(path, QStringLiteral("the file does not start with its mimetype"));
    if (parts->first().xml != mediaType)
        return refused(path, QStringLiteral("the mimetype is not %1").arg(QString::fromLatin1(mediaType)));
    parts->removeFirst();
    return parts;
}

} // namespace

Status checkOds(const QString &path, const Expected &expected)
{
    Q_ASSERT(expected.document);
    const ReleaseDocument &doc = *expected.document;
    const QSet<QString> texts = doc.texts();
    const QSet<qint64> numbers = doc.numbers();
    const QString organisation = doc.settings.organisation.trimmed();
    Result<QVector<Part>> parts =
        readPackage(path, odf::kSpreadsheetType, sizeBudget(doc, texts), expected.forbidden);
    if (!parts)
        return parts.error();
    int tables = 0;
    for (const Part &part : *parts) {
        const QString &name = part.name;
        const QByteArray *bytes = &part.xml;
        const bool content = name == QLatin1String("content.xml");
        const bool meta = name == QLatin1String("meta.xml");
        QXmlStreamReader xml(*bytes);
        QString valueType;
        QString cellText;
        int cellDepth = 0;
        QStringList stack;
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                const QString element = xml.name().toString();
                const QString ns = xml.namespaceUri().toString();
                stack << element;
                const QXmlStreamAttributes attributes = xml.attributes();
                static const QSet<QString> forbidden{
                    QStringLiteral("annotation"),        QStringLiteral("database-ranges"),
                    QStringLiteral("data-pilot-tables"), QStringLiteral("table-source"),
                    QStringLiteral("scripts"),           QStringLiteral("forms"),
                    QStringLiteral("dde-links"),         QStringLiteral("user-defined"),
                    QStringLiteral("database-range"),    QStringLiteral("filter")};
                if (forbidden.contains(element) || ns.contains(QLatin1String(":drawing:")))
                    return refused(path,
                                   QStringLiteral("part %1 holds a %2 element (a comment, drawing, filter, "
                                                  "database or pilot range, script or the like)")
                                       .arg(name, element));
                for (const QXmlStreamAttribute &a : attributes) {
                    const QString attr = a.name().toString();
                    const QString value = a.value().toString();
                    if (attr == QLatin1String("formula"))
                        return refused(path, QStringLiteral("part %1 holds a formula").arg(name));
                    if ((attr == QLatin1String("display") && value == QLatin1String("false")) ||
                        (attr == QLatin1String("visibility") && value != QLatin1String("visible")))
                        return refused(path, QStringLiteral("part %1 hides a %2").arg(name, element));
                    if ((attr == QLatin1String("number-columns-spanned") ||
                         attr == QLatin1String("number-rows-spanned")) &&
                        value != QLatin1String("1"))
                        return refused(path, QStringLiteral("part %1 merges cells").arg(name));
                    if (attr == QLatin1String("href") && !value.startsWith(QLatin1Char('#')))
                        return refused(path,
                                       QStringLiteral("part %1 links outside the spreadsheet").arg(name));
                }
                if (content && element == QLatin1String("table")) {
                    ++tables;
                    if (!texts.contains(
                            attributes.value(QLatin1String(kTableNsUri), QLatin1String("name")).toString()))
                        return refused(
                            path, QStringLiteral("a table is named '%1', which is not in the release")
                                      .arg(attributes.value(QLatin1String(kTableNsUri), QLatin1String("name"))
                                               .toString()));
                }
                if (content && element == QLatin1String("named-range") &&
                    !texts.contains(
                        attributes.value(QLatin1String(kTableNsUri), QLatin1String("name")).toString()))
                    return refused(
                        path, QStringLiteral("a range is named '%1', which is not in the release")
                                  .arg(attributes.value(QLatin1String(kTableNsUri), QLatin1String("name"))
                                           .toString()));
                if (content && (element == QLatin1String("table-cell") ||
                                element == QLatin1String("covered-table-cell"))) {
                    if (element == QLatin1String("covered-table-cell"))
                        return refused(path, QStringLiteral("part %1 merges cells").arg(name));
                    valueType = attributes
                                    .value(QLatin1String("urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
                                           QLatin1String("value-type"))
                                    .toString();
                    cellText.clear();
                    cellDepth = 1;
                    if (valueType == QLatin1String("float")) {
                        bool ok = false;
                        const QString v =
                            attributes
                                .value(QLatin1String("urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
                                       QLatin1String("value"))
                                .toString();
                        const double d = v.toDouble(&ok);
                        if (!ok || d != double(qint64(d)) || !numbers.contains(qint64(d)))
                            return refused(path,
                                           QStringLiteral("the spreadsheet holds the number %1, which is not "
                                                          "a released count")
                                               .arg(v));
                    } else if (!valueType.isEmpty() && valueType != QLatin1String("string")) {
                        return refused(
                            path, QStringLiteral("part %1 holds a cell of type '%2'").arg(name, valueType));
                    }
                } else if (cellDepth > 0) {
                    ++cellDepth;
                }
            } else if (token == QXmlStreamReader::EndElement) {
                if (!stack.isEmpty())
                    stack.removeLast();
                if (cellDepth > 0 && --cellDepth == 0) {
                    // A cell's whole text: the document's, or the number it shows.
                    if (!cellText.isEmpty() && !texts.contains(cellText) &&
                        !(valueType == QLatin1String("float") && numbers.contains(cellText.toLongLong())))
                        return refused(path, QStringLiteral("the spreadsheet holds a text that is not in the "
                                                            "release: '%1'")
                                                 .arg(cellText.left(80)));
                }
            } else if (carriesUnseen(token)) {
                return unseenRefusal(path, name);
            } else if (token == QXmlStreamReader::Characters && !xml.isWhitespace()) {
                const QString value = xml.text().toString();
                const QString element = stack.isEmpty() ? QString() : stack.last();
                if (cellDepth > 0) {
                    cellText += value;
                } else if (content) {
                    return refused(path, QStringLiteral("the spreadsheet holds text outside its cells: '%1'")
                                             .arg(value.left(80)));
                } else if (meta) {
                    if (auto refusal = metaRefusal(path, element, value, organisation,
                                                   [&](const QString &t) { return texts.contains(t); }))
                        return *refusal;
                } else if (name == QLatin1String("styles.xml")) {
                    return refused(path, QStringLiteral("the styles hold text: '%1'").arg(value.left(80)));
                }
            }
        }
        if (xml.hasError())
            return refused(
                path, QStringLiteral("part %1 is not well-formed XML (%2)").arg(name, xml.errorString()));
    }
    if (tables != doc.sheets.size())
        return refused(path, QStringLiteral("the spreadsheet has %1 tables where the release has %2")
                                 .arg(tables)
                                 .arg(doc.sheets.size()));
    return {};
}

Status checkOdt(const QString &path, const QString &text, const QString &title, const QString &organisation,
                const QStringList &forbidden)
{
    const QStringList expected = responseLines(text);
    Result<QVector<Part>> parts =
        readPackage(path, odf::kTextType, kFixedBytes + kBytesPerTextByte * text.toUtf8().size(), forbidden);
    if (!parts)
        return parts.error();
    QStringList paragraphs;
    for (const Part &part : *parts) {
        const QString &name = part.name;
        const QByteArray *bytes = &part.xml;
        const bool content = name == QLatin1String("content.xml");
        const bool meta = name == QLatin1String("meta.xml");
        static const QSet<QString> contentElements{QStringLiteral("document-content"),
                                                   QStringLiteral("automatic-styles"),
                                                   QStringLiteral("style"),
                                                   QStringLiteral("text-properties"),
                                                   QStringLiteral("body"),
                                                   QStringLiteral("text"),
                                                   QStringLiteral("p")};
        static const QSet<QString> metaElements{QStringLiteral("document-meta"),   QStringLiteral("meta"),
                                                QStringLiteral("generator"),       QStringLiteral("title"),
                                                QStringLiteral("initial-creator"), QStringLiteral("creator"),
                                                QStringLiteral("creation-date"),   QStringLiteral("date")};
        QXmlStreamReader xml(*bytes);
        QStringList stack;
        bool inParagraph = false;
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                const QString element = xml.name().toString();
                stack << element;
                if ((content && !contentElements.contains(element)) ||
                    (meta && !metaElements.contains(element)))
                    return refused(path,
                                   QStringLiteral("part %1 holds a %2 element, which a response never has")
                                       .arg(name, element));
                if (content && element == QLatin1String("p")) {
                    inParagraph = true;
                    paragraphs << QString();
                }
            } else if (token == QXmlStreamReader::EndElement) {
                if (!stack.isEmpty())
                    stack.removeLast();
                if (content && xml.name() == QLatin1String("p"))
                    inParagraph = false;
            } else if (carriesUnseen(token)) {
                return unseenRefusal(path, name);
            } else if (token == QXmlStreamReader::Characters && !xml.isWhitespace()) {
                const QString value = xml.text().toString();
                const QString element = stack.isEmpty() ? QString() : stack.last();
                if (content && inParagraph) {
                    paragraphs.last() += value;
                } else if (meta) {
                    if (auto refusal = metaRefusal(path, element, value, organisation,
                                                   [&](const QString &t) { return t == title; }))
                        return *refusal;
                } else if (name != QLatin1String("META-INF/manifest.xml")) {
                    return refused(path, QStringLiteral("part %1 holds text outside the response: '%2'")
                                             .arg(name, value.left(80)));
                }
            }
        }
        if (xml.hasError())
            return refused(
                path, QStringLiteral("part %1 is not well-formed XML (%2)").arg(name, xml.errorString()));
    }
    if (paragraphs != expected)
        return refused(path, QStringLiteral("the document's paragraphs are not the response's lines"));
    return {};
}

Status checkDocx(const QString &path, const QString &text, const QString &title, const QString &organisation,
                 const QStringList &forbidden)
{
    const QStringList expected = responseLines(text);
    const QStringList allowed{QStringLiteral("[Content_Types].xml"), QStringLiteral("_rels/.rels"),
                              QStringLiteral("word/document.xml"), QStringLiteral("docProps/core.xml")};
    const qint64 budget = kFixedBytes + kBytesPerTextByte * text.toUtf8().size() + 128 * expected.size();
    Result<QVector<Part>> parts = readParts(path, allowed, true, budget, forbidden);
    if (!parts)
        return parts.error();

    // What each part may hold: its elements, and the attributes that are no text of the letter.
    static const QSet<QString> typesElements{QStringLiteral("Types"), QStringLiteral("Default"),
                                             QStringLiteral("Override")};
    static const QSet<QString> relsElements{QStringLiteral("Relationships"), QStringLiteral("Relationship")};
    static const QSet<QString> documentElements{
        QStringLiteral("document"), QStringLiteral("body"), QStringLiteral("p"), QStringLiteral("r"),
        QStringLiteral("rPr"),      QStringLiteral("b"),    QStringLiteral("t"), QStringLiteral("sectPr"),
        QStringLiteral("pgSz"),     QStringLiteral("pgMar")};
    static const QSet<QString> coreElements{
        QStringLiteral("coreProperties"), QStringLiteral("title"),   QStringLiteral("creator"),
        QStringLiteral("lastModifiedBy"), QStringLiteral("created"), QStringLiteral("modified")};
    QStringList paragraphs;
    for (const Part &part : *parts) {
        const QString &name = part.name;
        const QByteArray *bytes = &part.xml;
        const bool types = name == allowed[0], rels = name == allowed[1], document = name == allowed[2];
        const QSet<QString> &elements = types      ? typesElements
                                        : rels     ? relsElements
                                        : document ? documentElements
                                                   : coreElements;
        QXmlStreamReader xml(*bytes);
        QString element;
        bool inText = false;
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (carriesUnseen(token))
                return unseenRefusal(path, name);
            if (token == QXmlStreamReader::StartElement) {
                element = xml.name().toString();
                static const QString wordMain =
                    QStringLiteral("http://schemas.openxmlformats.org/wordprocessingml/2006/main");
                if (!elements.contains(element) || (document && xml.namespaceUri() != wordMain))
                    return refused(path,
                                   QStringLiteral("part %1 holds a %2 element, which a response never has")
                                       .arg(name, xml.qualifiedName()));
                const QXmlStreamAttributes attributes = xml.attributes();
                if (rels && element == QLatin1String("Relationship")) {
                    const QString target = attributes.value(QStringLiteral("Target")).toString();
                    if (attributes.hasAttribute(QStringLiteral("TargetMode")) ||
                        (target != QLatin1String("word/document.xml") &&
                         target != QLatin1String("docProps/core.xml")))
                        return refused(path,
                                       QStringLiteral("it links to %1, outside the response").arg(target));
                }
                if (types && element == QLatin1String("Override")) {
                    const QString named = attributes.value(QStringLiteral("PartName")).toString();
                    if (named != QLatin1String("/word/document.xml") &&
                        named != QLatin1String("/docProps/core.xml"))
                        return refused(path,
                                       QStringLiteral("it names a part a response never has: %1").arg(named));
                }
                if (document && element == QLatin1String("p"))
                    paragraphs << QString();
                inText = document && element == QLatin1String("t");
            } else if (token == QXmlStreamReader::EndElement) {
                inText = false;
            } else if (token == QXmlStreamReader::Characters && !xml.isWhitespace()) {
                const QString value = xml.text().toString();
                if (inText && !paragraphs.isEmpty()) {
                    paragraphs.last() += value;
                } else if (name == QLatin1String("docProps/core.xml")) {
                    const bool person =
                        element == QLatin1String("creator") || element == QLatin1String("lastModifiedBy");
                    if (person && value != organisation)
                        return refused(
                            path,
                            QStringLiteral("the document's author is '%1', not the organisation").arg(value));
                    if (element == QLatin1String("title") && value != title)
                        return refused(
                            path, QStringLiteral("the document properties hold '%1'").arg(value.left(80)));
                    static const QRegularExpression day(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$)"));
                    if ((element == QLatin1String("created") || element == QLatin1String("modified")) &&
                        !day.match(value).hasMatch())
                        return refused(
                            path, QStringLiteral("the document properties hold '%1'").arg(value.left(80)));
                } else {
                    return refused(path, QStringLiteral("part %1 holds text outside the response: '%2'")
                                             .arg(name, value.left(80)));
                }
            } else if (token == QXmlStreamReader::Characters && inText && !paragraphs.isEmpty()) {
                paragraphs.last() += xml.text();
            }
        }
        if (xml.hasError())
            return refused(
                path, QStringLiteral("part %1 is not well-formed XML (%2)").arg(name, xml.errorString()));
    }
    if (paragraphs != expected)
        return refused(path, QStringLiteral("the document's paragraphs are not the response's lines"));
    return {};
}

Status checkText(const QString &text, const QString &fileName, const QStringList &forbidden)
{
    for (const QString &f : forbidden) {
        if (!f.isEmpty() && containsWord(text, f))
            return refused(fileName,
                           QStringLiteral("the text holds a word that must never leave the register"));
    }
    return {};
}

Status checkCsv(const QByteArray &bytes, const QString &fileName, const Expected &expected)
{
    Q_ASSERT(expected.document);
    if (!bytes.startsWith("\xEF\xBB\xBF"))
        return refused(fileName, QStringLiteral("the CSV file has no UTF-8 byte order mark"));
    const QString text = QString::fromUtf8(bytes.mid(3));
    for (const QString &f : expected.forbidden) {
        if (!f.isEmpty() && containsWord(text, f))
            return refused(fileName,
                           QStringLiteral("the CSV file holds a text that must never leave the register"));
    }
    const QSet<QString> texts = expected.document->texts();
    const QSet<qint64> numbers = expected.document->numbers();
    // Each field, read as the import reads a CSV file, a text or number of the document.
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    CsvReader reader(&buffer, fileName);
    while (reader.next()) {
        for (int i = 0; i < reader.fieldCount(); ++i) {
            const std::string_view view = reader.field(i);
            const QString f = QString::fromUtf8(view.data(), qsizetype(view.size()));
            if (f.isEmpty() || texts.contains(f))
                continue;
            bool ok = false;
            const qint64 n = f.toLongLong(&ok);
            if (ok && numbers.contains(n))
                continue;
            return refused(
                fileName,
                QStringLiteral("the CSV file holds '%1', which is not in the release").arg(f.left(80)));
        }
    }
    if (reader.error())
        return refused(fileName,
                       QStringLiteral("the CSV file cannot be read back (%1)").arg(reader.error()->message));
    return {};
}

} // namespace foi::safety
