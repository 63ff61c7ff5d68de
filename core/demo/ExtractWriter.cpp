#include "demo/ExtractWriter.h"

#include <xlsxwriter.h>

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

XlsxWriter::XlsxWriter() = default;

XlsxWriter::~XlsxWriter()
{
    if (m_workbook)
        workbook_close(m_workbook);
}

Status XlsxWriter::open(const QString &path, const std::vector<std::string> &header,
                        const std::vector<bool> &dateColumns, const QDateTime &modified)
{
    m_path = path;
    m_dateColumns = dateColumns;
    const QByteArray encoded = QFile::encodeName(path);
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    m_workbook = workbook_new_opt(encoded.constData(), &options);
    if (!m_workbook)
        return Error(QStringLiteral("cannot create the workbook"), path);
    lxw_doc_properties properties{};
    properties.created = static_cast<time_t>(modified.toSecsSinceEpoch());
    workbook_set_properties(m_workbook, &properties);
    m_sheet = workbook_add_worksheet(m_workbook, "CONNECT");
    m_dateFormat = workbook_add_format(m_workbook);
    format_set_num_format(m_dateFormat, "yyyy-mm-dd");
    m_dateTimeFormat = workbook_add_format(m_workbook);
    format_set_num_format(m_dateTimeFormat, "yyyy-mm-dd hh:mm:ss");
    if (!m_sheet || !m_dateFormat || !m_dateTimeFormat)
        return Error(QStringLiteral("cannot create the workbook's sheet"), path);
    Record names;
    names.reset(int(header.size()));
    for (std::size_t i = 0; i < header.size(); ++i)
        names.setText(int(i), header[i]);
    write(names);
    return failed() ? Status(Error(m_error, path)) : Status();
}

void XlsxWriter::writeCell(int column, const Record &record)
{
    const Record::Field &f = record.field(column);
    const auto col = static_cast<lxw_col_t>(column);
    lxw_error rc = LXW_NO_ERROR;
    switch (f.kind) {
    case Record::Kind::Blank:
        return;
    case Record::Kind::Text:
        m_scratch.assign(record.text(column)); // libxlsxwriter wants a terminated string
        rc = worksheet_write_string(m_sheet, m_row, col, m_scratch.c_str(), nullptr);
        break;
    case Record::Kind::Integer:
        rc = worksheet_write_number(m_sheet, m_row, col, double(f.number), nullptr);
        break;
    case Record::Kind::Date:
    case Record::Kind::DateTime: {
        const bool withTime = f.kind == Record::Kind::DateTime;
        const bool dateCell =
            std::size_t(column) < m_dateColumns.size() && m_dateColumns[std::size_t(column)];
        if (!dateCell) {
            m_scratch.clear();
            if (withTime)
                appendIsoDateTime(m_scratch, f.day, f.secs);
            else
                appendIsoDate(m_scratch, f.day);
            rc = worksheet_write_string(m_sheet, m_row, col, m_scratch.c_str(), nullptr);
            break;
        }
        int year = 0, month = 0, day = 0;
        civilDate(f.day, year, month, day);
        lxw_datetime when{};
        when.year = year;
        when.month = month;
        when.day = day;
        when.hour = f.secs / 3600;
        when.min = (f.secs / 60) % 60;
        when.sec = f.secs % 60;
        rc = worksheet_write_datetime(m_sheet, m_row, col, &when, withTime ? m_dateTimeFormat : m_dateFormat);
        break;
    }
    }
    if (rc != LXW_NO_ERROR)
        m_error = QStringLiteral("cannot write row %1 of the worksheet: %2")
                      .arg(m_row + 1)
                      .arg(QString::fromUtf8(lxw_strerror(rc)));
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
    for (int i = 0; i < record.size() && !failed(); ++i)
        writeCell(i, record);
    ++m_row;
}

Status XlsxWriter::close()
{
    if (!m_workbook)
        return {};
    const lxw_error rc = workbook_close(m_workbook);
    m_workbook = nullptr;
    m_sheet = nullptr;
    if (rc != LXW_NO_ERROR && !failed())
        m_error = QString::fromUtf8(lxw_strerror(rc));
    if (failed())
        return Error(QStringLiteral("cannot write the workbook: %1").arg(m_error), m_path);
    return {};
}

} // namespace foi::demo
