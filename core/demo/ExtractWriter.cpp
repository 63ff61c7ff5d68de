#include "demo/ExtractWriter.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

namespace foi::demo {

namespace {

constexpr std::size_t kFlushAt = 1 << 20;
constexpr quint32 kExcelMaxRows = 1048576;

void appendTwoDigits(std::string &out, int value)
{
    out += char('0' + value / 10);
    out += char('0' + value % 10);
}

void appendFourDigits(std::string &out, int value)
{
    appendTwoDigits(out, value / 100);
    appendTwoDigits(out, value % 100);
}

bool needsQuotes(std::string_view text)
{
    for (const char c : text) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            return true;
    }
    return false;
}

} // namespace

void Record::reset(int fields)
{
    m_fields.assign(std::size_t(fields), Field());
    m_text.clear();
}

void Record::resize(int fields)
{
    m_fields.resize(std::size_t(fields));
}

void Record::setText(int index, std::string_view bytes)
{
    const std::size_t start = m_text.size();
    m_text.append(bytes);
    setTextSince(index, start);
}

void Record::setTextSince(int index, std::size_t start)
{
    Field &f = m_fields[std::size_t(index)];
    f = Field();
    f.kind = Kind::Text;
    f.offset = start;
    f.length = m_text.size() - start;
}

void Record::setInteger(int index, qint64 value)
{
    Field &f = m_fields[std::size_t(index)];
    f = Field();
    f.kind = Kind::Integer;
    f.number = value;
}

void Record::setDate(int index, qint32 julianDay)
{
    Field &f = m_fields[std::size_t(index)];
    f = Field();
    f.kind = Kind::Date;
    f.day = julianDay;
}

void Record::setDateTime(int index, qint32 julianDay, qint32 secs)
{
    Field &f = m_fields[std::size_t(index)];
    f = Field();
    f.kind = Kind::DateTime;
    f.day = julianDay;
    f.secs = secs;
}

void civilDate(qint32 julianDay, int &year, int &month, int &day)
{
    // Howard Hinnant's civil_from_days, counted from 1 March 0000 so that leap days fall at the end.
    const qint64 z = qint64(julianDay) - 2440588 + 719468; // Julian day 2440588 is 1970-01-01
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

qint32 julianDayOf(int year, int month, int day)
{
    // Howard Hinnant's days_from_civil.
    const qint64 y = qint64(year) - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint32(era * 146097 + doe - 719468 + 2440588);
}

void appendDayMonthYear(std::string &out, qint32 julianDay)
{
    int y = 0, m = 0, d = 0;
    civilDate(julianDay, y, m, d);
    appendTwoDigits(out, d);
    out += '/';
    appendTwoDigits(out, m);
    out += '/';
    appendFourDigits(out, y);
}

void appendIsoDate(std::string &out, qint32 julianDay)
{
    int y = 0, m = 0, d = 0;
    civilDate(julianDay, y, m, d);
    appendFourDigits(out, y);
    out += '-';
    appendTwoDigits(out, m);
    out += '-';
    appendTwoDigits(out, d);
}

void appendIsoDateTime(std::string &out, qint32 julianDay, qint32 secs)
{
    appendIsoDate(out, julianDay);
    out += 'T';
    appendTwoDigits(out, secs / 3600);
    out += ':';
    appendTwoDigits(out, secs / 60 % 60);
    out += ':';
    appendTwoDigits(out, secs % 60);
}

void appendInteger(std::string &out, qint64 value)
{
    char digits[24];
    int n = 0;
    const bool negative = value < 0;
    quint64 v = negative ? quint64(-(value + 1)) + 1 : quint64(value);
    do {
        digits[n++] = char('0' + v % 10);
        v /= 10;
    } while (v != 0);
    if (negative)
        out += '-';
    while (n > 0)
        out += digits[--n];
}

Status CsvWriter::open(const QString &path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(QStringLiteral("cannot write the file: %1").arg(m_file.errorString()), path);
    m_buffer.reserve(kFlushAt + 65536);
    return {};
}

void CsvWriter::write(const Record &record)
{
    const bool cms = m_style == Style::Cms;
    for (int i = 0; i < record.size(); ++i) {
        if (i > 0)
            m_buffer += ',';
        const Record::Field &f = record.field(i);
        switch (f.kind) {
        case Record::Kind::Blank:
            break;
        case Record::Kind::Text: {
            const std::string_view text = record.text(i);
            if (!needsQuotes(text)) {
                m_buffer.append(text);
                break;
            }
            m_buffer += '"';
            for (const char c : text) {
                if (c == '"')
                    m_buffer += '"';
                m_buffer += c;
            }
            m_buffer += '"';
            break;
        }
        case Record::Kind::Integer:
            appendInteger(m_buffer, f.number);
            break;
        case Record::Kind::Date:
            if (cms)
                appendDayMonthYear(m_buffer, f.day);
            else
                appendIsoDate(m_buffer, f.day);
            break;
        case Record::Kind::DateTime:
            if (cms)
                appendDayMonthYear(m_buffer, f.day); // CMS keeps times in columns of their own
            else
                appendIsoDateTime(m_buffer, f.day, f.secs);
            break;
        }
    }
    m_buffer += cms ? "\r\n" : "\n";
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void CsvWriter::writeRaw(std::string_view bytes)
{
    m_buffer.append(bytes);
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void CsvWriter::flush()
{
    if (m_buffer.empty() || failed())
        return;
    if (m_file.write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
        m_error = m_file.errorString();
    m_buffer.clear();
}

Status CsvWriter::close()
{
    flush();
    if (m_file.isOpen())
        m_file.close();
    if (failed())
        return Error(QStringLiteral("cannot write the file: %1").arg(m_error), m_file.fileName());
    return {};
}

namespace {

const char kContentTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";

const char kRootRels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

const char kWorkbook[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                         "<sheets><sheet name=\"CONNECT\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

const char kWorkbookRels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";

// Cell style 1: date and time; 2: date.
const char kStyles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

const char kSheetStart[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                           "<sheetData>";
const char kSheetEnd[] = "</sheetData></worksheet>";

/// Excel counts days from 30 December 1899 (Julian day 2415019), for every date after February 1900.
constexpr qint32 kExcelEpoch = 2415019;

void appendColumnName(std::string &out, int column)
{
    char letters[4];
    int n = 0;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = char('A' + (c - 1) % 26);
    while (n > 0)
        out += letters[--n];
}

void appendXmlText(std::string &out, std::string_view text)
{
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
}

} // namespace

XlsxWriter::XlsxWriter() = default;

XlsxWriter::~XlsxWriter()
{
    if (m_sheet && m_sheet->isOpen())
        m_sheet->close();
    if (m_zip && m_zip->isOpen())
        m_zip->close();
}

bool XlsxWriter::writePart(const char *name, const QByteArray &xml)
{
    QuaZipFile part(m_zip.get());
    QuaZipNewInfo info(QString::fromLatin1(name));
    info.dateTime = m_modified;
    if (!part.open(QIODevice::WriteOnly, info) || part.write(xml) != xml.size()) {
        m_error = QStringLiteral("cannot write %1 into the workbook").arg(QString::fromLatin1(name));
        return false;
    }
    part.close();
    return part.getZipError() == 0;
}

Status XlsxWriter::open(const QString &path, const std::vector<std::string> &header,
                        const std::vector<bool> &dateColumns, const QDateTime &modified)
{
    m_path = path;
    m_modified = modified;
    m_dateColumns = dateColumns;
    m_zip = std::make_unique<QuaZip>(path);
    if (!m_zip->open(QuaZip::mdCreate))
        return Error(QStringLiteral("cannot create the workbook (zip error %1)").arg(m_zip->getZipError()),
                     path);
    if (!writePart("[Content_Types].xml", kContentTypes) || !writePart("_rels/.rels", kRootRels) ||
        !writePart("xl/workbook.xml", kWorkbook) || !writePart("xl/_rels/workbook.xml.rels", kWorkbookRels) ||
        !writePart("xl/styles.xml", kStyles))
        return Error(m_error, path);

    m_sheet = std::make_unique<QuaZipFile>(m_zip.get());
    QuaZipNewInfo info(QStringLiteral("xl/worksheets/sheet1.xml"));
    info.dateTime = m_modified;
    if (!m_sheet->open(QIODevice::WriteOnly, info))
        return Error(QStringLiteral("cannot write the worksheet into the workbook"), path);
    m_buffer.reserve(kFlushAt + 65536);
    m_buffer = kSheetStart;
    Record names;
    names.reset(int(header.size()));
    for (std::size_t i = 0; i < header.size(); ++i)
        names.setText(int(i), header[i]);
    write(names);
    return {};
}

void XlsxWriter::appendCell(int column, const Record &record, int index)
{
    const Record::Field &f = record.field(index);
    if (f.kind == Record::Kind::Blank)
        return;
    const bool dateCell = std::size_t(column) < m_dateColumns.size() && m_dateColumns[std::size_t(column)];
    std::string &out = m_buffer;
    out += "<c r=\"";
    appendColumnName(out, column);
    appendInteger(out, m_row);
    out += '"';
    switch (f.kind) {
    case Record::Kind::Blank:
        break;
    case Record::Kind::Text:
        out += " t=\"inlineStr\"><is><t xml:space=\"preserve\">";
        appendXmlText(out, record.text(index));
        out += "</t></is></c>";
        break;
    case Record::Kind::Integer:
        out += "><v>";
        appendInteger(out, f.number);
        out += "</v></c>";
        break;
    case Record::Kind::Date:
    case Record::Kind::DateTime: {
        const bool withTime = f.kind == Record::Kind::DateTime;
        if (!dateCell) {
            out += " t=\"inlineStr\"><is><t>";
            if (withTime)
                appendIsoDateTime(out, f.day, f.secs);
            else
                appendIsoDate(out, f.day);
            out += "</t></is></c>";
            break;
        }
        out += withTime ? " s=\"1\"><v>" : " s=\"2\"><v>";
        appendInteger(out, f.day - kExcelEpoch);
        if (withTime && f.secs != 0) {
            // The time as a fraction of the day, to ten places (well under a second): exact digits
            // from integers, so that the bytes do not depend on a platform's float formatting.
            const qint64 fraction = (qint64(f.secs) * 10000000000LL + 43200) / 86400;
            out += '.';
            std::string digits;
            appendInteger(digits, fraction);
            out.append(10 - digits.size(), '0');
            out += digits;
        }
        out += "</v></c>";
        break;
    }
    }
}

void XlsxWriter::write(const Record &record)
{
    if (failed() || !m_sheet)
        return;
    if (m_row >= kExcelMaxRows) {
        m_error = QStringLiteral("the CONNECT extract has more rows than an Excel worksheet holds (%1)")
                      .arg(kExcelMaxRows);
        return;
    }
    ++m_row;
    m_buffer += "<row r=\"";
    appendInteger(m_buffer, m_row);
    m_buffer += "\">";
    for (int i = 0; i < record.size(); ++i)
        appendCell(i, record, i);
    m_buffer += "</row>";
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void XlsxWriter::flush()
{
    if (m_buffer.empty() || failed())
        return;
    if (m_sheet->write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
        m_error = QStringLiteral("cannot write the worksheet: %1").arg(m_sheet->errorString());
    m_buffer.clear();
}

Status XlsxWriter::close()
{
    if (!m_zip)
        return {};
    if (m_sheet && m_sheet->isOpen()) {
        m_buffer += kSheetEnd;
        flush();
        m_sheet->close();
        if (m_sheet->getZipError() != 0 && !failed())
            m_error = QStringLiteral("cannot write the worksheet (zip error %1)").arg(m_sheet->getZipError());
    }
    m_sheet.reset();
    m_zip->close();
    if (m_zip->getZipError() != 0 && !failed())
        m_error = QStringLiteral("cannot finish the workbook (zip error %1)").arg(m_zip->getZipError());
    m_zip.reset();
    if (failed())
        return Error(QStringLiteral("cannot write the workbook: %1").arg(m_error), m_path);
    return {};
}

} // namespace foi::demo
