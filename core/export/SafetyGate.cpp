#include "export/SafetyGate.h"

#include "common/Zip.h"

#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

namespace foi::safety {

namespace {

constexpr qint64 kMaxPartBytes = 64 * 1024 * 1024;

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

/// Whether text holds word as a whole word (not inside a longer one): a forbidden name is refused, a
/// word that happens to contain it is not.
bool containsWord(const QString &text, const QString &word)
{
    for (qsizetype at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const bool startsWord = at == 0 || !text[at - 1].isLetterOrNumber();
        const qsizetype end = at + word.size();
        const bool endsWord = end == text.size() || !text[end].isLetterOrNumber();
        if (startsWord && endsWord)
            return true;
    }
    return false;
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

    int worksheets = 0;
    for (const Part &part : parts) {
        // Nothing forbidden, in any form the XML may hold it.
        const QString raw = QString::fromUtf8(part.xml);
        for (const QString &f : expected.forbidden) {
            if (!f.isEmpty() && containsWord(raw, f))
                return refused(
                    path,
                    QStringLiteral("part %1 holds a text that must never leave the register").arg(part.name));
        }
        const bool worksheet = part.name.startsWith(QLatin1String("xl/worksheets/sheet"));
        worksheets += worksheet ? 1 : 0;
        const bool sharedStrings = part.name == QLatin1String("xl/sharedStrings.xml");
        const bool core = part.name == QLatin1String("docProps/core.xml");
        const bool app = part.name == QLatin1String("docProps/app.xml");
        const bool table = part.name.startsWith(QLatin1String("xl/tables/"));
        const bool workbook = part.name == QLatin1String("xl/workbook.xml");

        QXmlStreamReader xml(part.xml);
        QString cellType;
        bool inValue = false, inString = false, inFormula = false;
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
                inFormula = name == QLatin1String("f");
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
                Q_UNUSED(inFormula);
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
    // Fields as RFC 4180 writes them; each a text or number of the document.
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const QChar c = i < text.size() ? text[i] : QChar(u'\n');
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
        } else if (c == u',' || c == u'\n') {
            fields << field;
            field.clear();
        } else if (c != u'\r') {
            field += c;
        }
    }
    for (const QString &f : fields) {
        if (f.isEmpty() || texts.contains(f))
            continue;
        bool ok = false;
        const qint64 n = f.toLongLong(&ok);
        if (ok && numbers.contains(n))
            continue;
        return refused(
            fileName, QStringLiteral("the CSV file holds '%1', which is not in the release").arg(f.left(80)));
    }
    return {};
}

} // namespace foi::safety
