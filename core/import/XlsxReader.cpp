#include "XlsxReader.h"

#include "common/Zip.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace foi {

namespace {

using L1 = QLatin1String;

// The parts read whole (relationships, workbook, styles) are small; a larger one is no workbook's, or a
// zip bomb. Shared strings and the sheet are streamed.
constexpr qint64 kMaxPartBytes = 256 * 1024 * 1024;

// The last row of a sheet (Excel's limit, 2^20).
constexpr qint64 kMaxRow = 1048576;

// UTF-16 to UTF-8 without a temporary: cell text is appended straight into the row buffer.
void appendUtf8(std::string &out, QStringView text)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t u = text[i].unicode();
        if (u < 0x80) {
            out.push_back(char(u));
            continue;
        }
        if (QChar::isHighSurrogate(u) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            u = QChar::surrogateToUcs4(char16_t(u), text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(u)) {
            u = 0xFFFD;
        }
        if (u < 0x800) {
            out.push_back(char(0xC0 | (u >> 6)));
        } else if (u < 0x10000) {
            out.push_back(char(0xE0 | (u >> 12)));
            out.push_back(char(0x80 | ((u >> 6) & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (u >> 18)));
            out.push_back(char(0x80 | ((u >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((u >> 6) & 0x3F)));
        }
        out.push_back(char(0x80 | (u & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// OOXML strings escape characters XML cannot hold (control characters, mostly the CR of a line break)
// as _xHHHH_, and a literal "_x" as _x005F_x. Decodes text[from..] in place.
void decodeEscapes(std::string &text, size_t from)
{
    if (text.find("_x", from) == std::string::npos)
        return;
    std::string out;
    out.reserve(text.size() - from);
    size_t i = from;
    while (i < text.size()) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            int code = 0;
            bool ok = true;
            for (size_t k = i + 2; k < i + 6; ++k) {
                const int h = hexValue(text[k]);
                ok = ok && h >= 0;
                code = code * 16 + std::max(h, 0);
            }
            if (ok) {
                const QChar c{char16_t(code)};
                appendUtf8(out, QStringView(&c, 1));
                i += 7;
                continue;
            }
        }
        out.push_back(text[i++]);
    }
    text.replace(from, std::string::npos, out);
}

// The built-in number formats that show dates or times: 14-22 and 45-47 everywhere, 27-36 and 50-58 in
// the East Asian locales (ECMA-376 Part 1, 18.8.30).
bool isBuiltInDateFormat(int id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

// A custom format shows a date or time when it has a d, m, y, h or s outside quoted text, escaped
// characters and brackets; [h], [mm], [ss] (elapsed time) count, [Red] or [$-809] do not. "0.00" is not.
bool isDateFormatCode(QStringView code)
{
    const qsizetype n = code.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = code[i].toLower().unicode();
        if (c == u'"') {
            while (++i < n && code[i] != u'"') {
            }
        } else if (c == u'\\' || c == u'_' || c == u'*') {
            ++i;
        } else if (c == u'[') {
            const qsizetype close = code.indexOf(u']', i);
            if (close < 0)
                return false;
            const QStringView inside = code.mid(i + 1, close - i - 1);
            const QChar first = inside.isEmpty() ? QChar() : inside[0].toLower();
            bool elapsed = first == u'h' || first == u'm' || first == u's';
            for (const QChar ch : inside)
                elapsed = elapsed && ch.toLower() == first;
            if (elapsed)
                return true;
            i = close;
        } else if (c == u'd' || c == u'm' || c == u'y' || c == u'h' || c == u's') {
            return true;
        }
    }
    return false;
}

// "C12" -> 2; -1 when the reference has no column letters.
int columnOf(QStringView ref)
{
    int column = 0;
    qsizetype i = 0;
    for (; i < ref.size() && i < 3; ++i) {
        const char16_t c = ref[i].unicode();
        if (c >= u'A' && c <= u'Z')
            column = column * 26 + (c - u'A' + 1);
        else if (c >= u'a' && c <= u'z')
            column = column * 26 + (c - u'a' + 1);
        else
            break;
    }
    return i == 0 ? -1 : column - 1;
}

// 2, 7 -> "C7", for error messages.
QString cellReference(int column, qint64 row)
{
    QString letters;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        letters.prepend(QChar(u'A' + (c - 1) % 26));
    return letters + QString::number(row);
}

void appendDigits(std::string &out, int value, int width)
{
    char buffer[16];
    const int n = std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
    out.append(buffer, static_cast<size_t>(n));
}

// An Excel serial day number as ISO 8601 text; false when it is no date Excel could show.
bool appendSerialDate(std::string &out, double serial, bool date1904)
{
    if (!std::isfinite(serial) || serial < 0 || serial > 2958466.0)
        return false;
    const auto totalSeconds = static_cast<qint64>(std::llround(serial * 86400.0));
    const qint64 days = totalSeconds / 86400;
    const auto seconds = static_cast<int>(totalSeconds % 86400);
    const auto appendTime = [&] {
        appendDigits(out, seconds / 3600, 2);
        out.push_back(':');
        appendDigits(out, seconds / 60 % 60, 2);
        out.push_back(':');
        appendDigits(out, seconds % 60, 2);
    };
    if (days == 0) {
        // Day 0 is no day (the 1900 system shows it as 0 January 1900): a time-only format's value.
        appendTime();
        return true;
    }
    QDate date;
    if (date1904) {
        date = QDate(1904, 1, 1).addDays(days);
    } else if (days == 60) {
        // Excel kept Lotus 1-2-3's 29 February 1900, a day that never was: say so rather than shift it.
        out.append("1900-02-29");
    } else {
        // Serials after the fictitious day are one more than the days since 31 December 1899.
        date = days < 60 ? QDate(1899, 12, 31).addDays(days) : QDate(1899, 12, 30).addDays(days);
    }
    if (date.isValid()) {
        if (date.year() > 9999)
            return false;
        appendDigits(out, date.year(), 4);
        out.push_back('-');
        appendDigits(out, date.month(), 2);
        out.push_back('-');
        appendDigits(out, date.day(), 2);
    }
    if (seconds != 0) {
        out.push_back('T');
        appendTime();
    }
    return true;
}

// Numbers are kept as the file stores them (exact, and what Excel shows in General format), except that
// writers which store integers as "7.0" or "2.0170105E7" are brought to "7" and "20170105".
void appendNumber(std::string &out, const std::string &text)
{
    const size_t exponent = text.find_first_of("eE");
    if (exponent != std::string::npos) {
        char *end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() + text.size() && std::isfinite(v) && v == std::floor(v) &&
            std::fabs(v) < 1e15) {
            char buffer[32];
            const int n = std::snprintf(buffer, sizeof buffer, "%.0f", v);
            out.append(buffer, static_cast<size_t>(n));
            return;
        }
        out.append(text);
        return;
    }
    const size_t point = text.find('.');
    if (point != std::string::npos && text.find_first_not_of('0', point + 1) == std::string::npos) {
        const bool negativeZero = text[0] == '-' && text.find_first_not_of("-0") == point;
        out.append(negativeZero ? "0" : text.substr(0, point));
        return;
    }
    out.append(text);
}

struct Relationship
{
    QString id;
    QString type;
    QString target;
};

// A relationship's target is relative to the folder of the part that has the relationships, unless it
// starts with "/" (relative to the package root).
QString resolveTarget(const QString &folder, const QString &target)
{
    if (target.startsWith(QLatin1Char('/')))
        return QDir::cleanPath(target.mid(1));
    return QDir::cleanPath(folder.isEmpty() ? target : folder + QLatin1Char('/') + target);
}

QString folderOf(const QString &part)
{
    const qsizetype slash = part.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : part.left(slash);
}

QString relsPartOf(const QString &part)
{
    const QString folder = folderOf(part);
    const QString name = part.mid(folder.isEmpty() ? 0 : folder.size() + 1);
    return (folder.isEmpty() ? QString() : folder + QLatin1Char('/')) + QStringLiteral("_rels/") + name +
           QStringLiteral(".rels");
}

QString xmlWhere(const QXmlStreamReader &xml)
{
    return QStringLiteral("line %1, column %2").arg(xml.lineNumber()).arg(xml.columnNumber());
}

} // namespace

XlsxReader::XlsxReader(const QString &path)
    : m_fileName(QFileInfo(path).fileName())
{
    openWorkbook(path);
}

XlsxReader::~XlsxReader()
{
    // The sheet reads through the zip: close it first.
    m_xml.setDevice(nullptr);
    m_sheet.reset();
    m_zip.reset();
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(const QString &path)
{
    auto reader = std::make_unique<XlsxReader>(path);
    if (reader->m_error)
        return *reader->m_error;
    return Result<std::unique_ptr<XlsxReader>>(std::move(reader));
}

void XlsxReader::fail(const QString &message, qint64 line, const QString &field)
{
    m_error = Error(message, m_fileName, line, field);
    m_done = true;
    m_views.clear();
}

bool XlsxReader::xmlError(const QXmlStreamReader &xml, const QString &part)
{
    if (!xml.hasError())
        return false;
    fail(QStringLiteral("bad XML in %1 (%2): %3").arg(part, xmlWhere(xml), xml.errorString()));
    return true;
}

// Part names are case-insensitive in a package (OPC); a part that is not there gives no error, the caller
// decides whether it is needed.
std::unique_ptr<ZipEntryDevice> XlsxReader::openPart(const QString &part)
{
    if (!m_zip->contains(part, Qt::CaseInsensitive))
        return nullptr;
    auto entry = m_zip->openEntry(part, Qt::CaseInsensitive);
    if (!entry) {
        fail(entry.error().message);
        return nullptr;
    }
    return std::move(entry).value();
}

std::optional<QByteArray> XlsxReader::readPart(const QString &part)
{
    if (!m_zip->contains(part, Qt::CaseInsensitive))
        return std::nullopt;
    auto bytes = m_zip->read(part, kMaxPartBytes, Qt::CaseInsensitive);
    if (!bytes) {
        fail(bytes.error().message);
        return std::nullopt;
    }
    return std::move(bytes).value();
}

// Damaged data ends a part's XML early: that is the error to report, not the XML's.
bool XlsxReader::entryError(const ZipEntryDevice &entry)
{
    if (!entry.error())
        return false;
    fail(entry.error()->message);
    return true;
}

namespace {

std::vector<Relationship> parseRelationships(const QByteArray &bytes, QXmlStreamReader &xml)
{
    std::vector<Relationship> rels;
    xml.addData(bytes);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == L1("Relationship")) {
            const QXmlStreamAttributes a = xml.attributes();
            if (a.value(L1("TargetMode")) == L1("External"))
                continue;
            rels.push_back({a.value(L1("Id")).toString(), a.value(L1("Type")).toString(),
                            a.value(L1("Target")).toString()});
        }
    }
    return rels;
}

const Relationship *findByType(const std::vector<Relationship> &rels, QLatin1String typeSuffix)
{
    for (const Relationship &r : rels) {
        if (r.type.endsWith(typeSuffix))
            return &r;
    }
    return nullptr;
}

} // namespace

bool XlsxReader::openWorkbook(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        fail(QStringLiteral("cannot open the file: it does not exist"));
        return false;
    }
    auto zip = ZipReader::open(path);
    if (!zip) {
        // A file that cannot be read says so; any other is no zip (often a CSV file named .xlsx).
        fail(QFileInfo(path).isReadable()
                 ? QStringLiteral("not an XLSX workbook: the file is not a zip archive")
                 : zip.error().message);
        return false;
    }
    m_zip = std::move(zip).value();

    // The package's own relationships name the workbook part; every writer calls it xl/workbook.xml.
    QString workbookPart = QStringLiteral("xl/workbook.xml");
    if (const auto rootRels = readPart(QStringLiteral("_rels/.rels"))) {
        QXmlStreamReader xml;
        const auto rels = parseRelationships(*rootRels, xml);
        if (xmlError(xml, QStringLiteral("_rels/.rels")))
            return false;
        if (const Relationship *r = findByType(rels, L1("/officeDocument")))
            workbookPart = resolveTarget(QString(), r->target);
    }
    if (m_error)
        return false;

    const auto workbook = readPart(workbookPart);
    if (!workbook) {
        if (!m_error)
            fail(QStringLiteral("not an XLSX workbook: %1 is missing").arg(workbookPart));
        return false;
    }
    QString sheetId;
    {
        QXmlStreamReader xml(*workbook);
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == L1("workbookPr")) {
                const QStringView v = xml.attributes().value(L1("date1904"));
                m_date1904 = v == L1("1") || v == L1("true");
            } else if (xml.name() == L1("sheet") && sheetId.isNull()) {
                // r:id: whatever the prefix, it is the attribute "id" in the relationships namespace.
                for (const QXmlStreamAttribute &a : xml.attributes()) {
                    if (a.name() == L1("id") && !a.namespaceUri().isEmpty())
                        sheetId = a.value().toString();
                }
            }
        }
        if (xmlError(xml, workbookPart))
            return false;
    }
    if (sheetId.isEmpty()) {
        fail(QStringLiteral("the workbook has no sheet (%1 lists none)").arg(workbookPart));
        return false;
    }

    const QString relsPart = relsPartOf(workbookPart);
    const auto relsBytes = readPart(relsPart);
    if (!relsBytes) {
        if (!m_error)
            fail(QStringLiteral("not an XLSX workbook: %1 is missing").arg(relsPart));
        return false;
    }
    QXmlStreamReader relsXml;
    const auto rels = parseRelationships(*relsBytes, relsXml);
    if (xmlError(relsXml, relsPart))
        return false;
    const QString folder = folderOf(workbookPart);
    for (const Relationship &r : rels) {
        if (r.id == sheetId)
            m_sheetPart = resolveTarget(folder, r.target);
    }
    if (m_sheetPart.isEmpty()) {
        fail(QStringLiteral("the workbook's first sheet (%1) has no target in %2").arg(sheetId, relsPart));
        return false;
    }

    const Relationship *strings = findByType(rels, L1("/sharedStrings"));
    if (!loadSharedStrings(strings ? resolveTarget(folder, strings->target)
                                   : folder + QStringLiteral("/sharedStrings.xml")))
        return false;
    const Relationship *styles = findByType(rels, L1("/styles"));
    if (!loadStyles(styles ? resolveTarget(folder, styles->target) : folder + QStringLiteral("/styles.xml")))
        return false;

    if (!m_zip->contains(m_sheetPart, Qt::CaseInsensitive)) {
        fail(QStringLiteral("not an XLSX workbook: its first sheet %1 is missing").arg(m_sheetPart));
        return false;
    }
    m_sheet = openPart(m_sheetPart);
    if (!m_sheet)
        return false;
    m_totalBytes = std::max<qint64>(0, m_zip->uncompressedSize(m_sheetPart, Qt::CaseInsensitive));
    m_xml.setDevice(m_sheet.get());
    return true;
}

bool XlsxReader::loadSharedStrings(const QString &part)
{
    // Streamed: of a large shared strings part only the packed strings are kept, not its XML.
    const std::unique_ptr<ZipEntryDevice> file = openPart(part);
    if (!file)
        return !m_error; // a workbook without strings has no shared strings part
    QXmlStreamReader xml(file.get());
    std::string text;
    bool inItem = false;
    bool inText = false;
    bool inPhonetic = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement:
            if (xml.name() == L1("si")) {
                inItem = true;
                text.clear();
            } else if (xml.name() == L1("rPh")) {
                inPhonetic = true; // a phonetic reading of East Asian text, not part of the value
            } else if (xml.name() == L1("t")) {
                inText = inItem && !inPhonetic;
            }
            break;
        case QXmlStreamReader::Characters:
            if (inText)
                appendUtf8(text, xml.text());
            break;
        case QXmlStreamReader::EndElement:
            if (xml.name() == L1("t")) {
                inText = false;
            } else if (xml.name() == L1("rPh")) {
                inPhonetic = false;
            } else if (xml.name() == L1("si")) {
                inItem = false;
                decodeEscapes(text, 0);
                m_strings.append(text.data(), static_cast<qsizetype>(text.size()));
                m_stringEnds.push_back(m_strings.size());
            }
            break;
        default:
            break;
        }
    }
    // The parser read to the end of the part, where its checksum is checked.
    return !entryError(*file) && !xmlError(xml, part);
}

bool XlsxReader::loadStyles(const QString &part)
{
    const auto bytes = readPart(part);
    if (!bytes)
        return !m_error; // no styles: no dates, every number is a number
    QXmlStreamReader xml(*bytes);
    std::vector<int> cellFormats;
    std::vector<std::pair<int, bool>> customFormats;
    int inCellXfs = 0;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = xml.name();
            if (name == L1("cellXfs")) {
                inCellXfs = 1;
            } else if (name == L1("numFmt")) {
                const QXmlStreamAttributes a = xml.attributes();
                customFormats.emplace_back(a.value(L1("numFmtId")).toInt(),
                                           isDateFormatCode(a.value(L1("formatCode"))));
            } else if (name == L1("xf") && inCellXfs) {
                // cellStyleXfs holds xf elements too: only those of cellXfs are the s="" of cells.
                cellFormats.push_back(xml.attributes().value(L1("numFmtId")).toInt());
            }
        } else if (token == QXmlStreamReader::EndElement && xml.name() == L1("cellXfs")) {
            inCellXfs = 0;
        }
    }
    if (xmlError(xml, part))
        return false;
    m_dateStyles.reserve(cellFormats.size());
    for (const int id : cellFormats) {
        bool date = isBuiltInDateFormat(id);
        for (const auto &[customId, customDate] : customFormats) {
            if (customId == id)
                date = customDate; // a workbook may redefine a built-in id
        }
        m_dateStyles.push_back(date);
    }
    return true;
}

qint64 XlsxReader::bytesRead() const
{
    return m_sheet && m_sheet->isOpen() ? std::max<qint64>(0, m_sheet->pos()) : m_totalBytes;
}

bool XlsxReader::endCell()
{
    const size_t offset = m_row.size();
    switch (m_cellType) {
    case CellType::SharedString: {
        bool ok = false;
        const qint64 index =
            QByteArray::fromRawData(m_value.data(), qsizetype(m_value.size())).toLongLong(&ok);
        if (!ok || index < 0 || index >= qint64(m_stringEnds.size())) {
            if (m_value.empty())
                break;
            fail(QStringLiteral("the cell refers to shared string %1, which does not exist")
                     .arg(QString::fromStdString(m_value)),
                 m_rowNumber, cellReference(m_column, m_rowNumber));
            return false;
        }
        const qint64 begin = index == 0 ? 0 : m_stringEnds[size_t(index - 1)];
        m_row.append(m_strings.constData() + begin, size_t(m_stringEnds[size_t(index)] - begin));
        break;
    }
    case CellType::InlineString:
        m_row.append(m_inline.empty() ? m_value : m_inline);
        decodeEscapes(m_row, offset);
        break;
    case CellType::FormulaString:
        m_row.append(m_value);
        decodeEscapes(m_row, offset);
        break;
    case CellType::Boolean:
        if (!m_value.empty())
            m_row.append(m_value == "0" ? "FALSE" : "TRUE");
        break;
    case CellType::Error:
        m_row.append(m_value);
        break;
    case CellType::Date:
        m_row.append(m_value); // t="d": already ISO 8601
        break;
    case CellType::Number:
        if (m_value.empty())
            break;
        if (m_cellDate) {
            char *end = nullptr;
            const double serial = std::strtod(m_value.c_str(), &end);
            if (end == m_value.c_str() + m_value.size() && appendSerialDate(m_row, serial, m_date1904))
                break;
        }
        appendNumber(m_row, m_value);
        break;
    }
    const Span span{offset, m_row.size() - offset};
    const auto column = static_cast<size_t>(m_column);
    if (column >= m_cells.size())
        m_cells.resize(column + 1);
    m_cells[column] = span;
    ++m_column;
    return true;
}

bool XlsxReader::next()
{
    if (m_done || m_error)
        return false;
    bool inRow = false;
    bool inCell = false;
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            const QStringView name = m_xml.name();
            if (name == L1("c") && inRow) {
                const QXmlStreamAttributes a = m_xml.attributes();
                const QStringView ref = a.value(L1("r"));
                const int column = columnOf(ref);
                if (column >= 0)
                    m_column = column;
                const QStringView t = a.value(L1("t"));
                if (t.isEmpty() || t == L1("n"))
                    m_cellType = CellType::Number;
                else if (t == L1("s"))
                    m_cellType = CellType::SharedString;
                else if (t == L1("inlineStr"))
                    m_cellType = CellType::InlineString;
                else if (t == L1("str"))
                    m_cellType = CellType::FormulaString;
                else if (t == L1("b"))
                    m_cellType = CellType::Boolean;
                else if (t == L1("e"))
                    m_cellType = CellType::Error;
                else if (t == L1("d"))
                    m_cellType = CellType::Date;
                else
                    m_cellType = CellType::FormulaString;
                const QStringView s = a.value(L1("s"));
                const int style = s.isEmpty() ? 0 : s.toInt();
                m_cellDate = style >= 0 && size_t(style) < m_dateStyles.size() && m_dateStyles[size_t(style)];
                m_value.clear();
                m_inline.clear();
                m_inPhonetic = false;
                inCell = true;
            } else if (name == L1("v") && inCell) {
                m_capture = 1;
            } else if (name == L1("t") && inCell && !m_inPhonetic) {
                m_capture = 2; // in <is>, directly or in a rich text run
            } else if (name == L1("rPh")) {
                m_inPhonetic = true;
            } else if (name == L1("row")) {
                inRow = true;
                // A row without its number, or with one no sheet can have, follows the previous row; so
                // the count never runs past what the rows of the file could make it.
                const QStringView r = m_xml.attributes().value(L1("r"));
                bool ok = false;
                const qint64 number = r.toLongLong(&ok);
                m_rowNumber = ok && number >= 1 && number <= kMaxRow ? number : m_rowNumber + 1;
                m_row.clear();
                m_cells.clear();
                m_column = 0;
            }
            break;
        }
        case QXmlStreamReader::Characters:
            if (m_capture == 1)
                appendUtf8(m_value, m_xml.text());
            else if (m_capture == 2)
                appendUtf8(m_inline, m_xml.text());
            break;
        case QXmlStreamReader::EndElement: {
            const QStringView name = m_xml.name();
            if (name == L1("v") || name == L1("t")) {
                m_capture = 0;
            } else if (name == L1("rPh")) {
                m_inPhonetic = false;
            } else if (name == L1("c") && inCell) {
                inCell = false;
                if (!endCell())
                    return false;
            } else if (name == L1("row") && inRow) {
                inRow = false;
                bool any = false;
                for (const Span &span : m_cells)
                    any = any || span.size > 0;
                if (!any)
                    break; // a row with nothing in it, often only formatted
                m_views.clear();
                for (const Span &span : m_cells)
                    m_views.emplace_back(m_row.data() + span.offset, span.size);
                return true;
            } else if (name == L1("sheetData")) {
                // Read the rest of the part, so that its checksum is checked too.
                char rest[4096];
                while (m_sheet->read(rest, sizeof rest) > 0) {
                }
                if (entryError(*m_sheet))
                    return false;
                m_done = true;
                m_views.clear();
                return false;
            }
            break;
        }
        default:
            break;
        }
    }
    if (entryError(*m_sheet) || xmlError(m_xml, m_sheetPart))
        return false;
    m_done = true;
    m_views.clear();
    return false;
}

} // namespace foi
