#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QFile>
#include <QString>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace foi::demo {

/// One extract record being built, with typed fields so that each writer formats a date its own way
/// (dd/mm/yyyy, ISO 8601, an Excel date cell) from the same values. Text fields hold bytes already in
/// the target file's encoding. Reused from row to row to avoid allocating per row.
class Record
{
public:
    enum class Kind : quint8
    {
        Blank,
        Text,
        Integer,
        Date,
        DateTime,
    };

    struct Field
    {
        Kind kind = Kind::Blank;
        qint32 day = 0;  ///< Julian day
        qint32 secs = 0; ///< seconds into the day
        qint64 number = 0;
        std::size_t offset = 0;
        std::size_t length = 0;
    };

    /// Starts a record of `fields` blank fields.
    void reset(int fields);
    /// Changes the number of fields (a malformed row); new fields are blank.
    void resize(int fields);
    int size() const { return int(m_fields.size()); }

    void setText(int index, std::string_view bytes);
    void setInteger(int index, qint64 value);
    void setDate(int index, qint32 julianDay);
    void setDateTime(int index, qint32 julianDay, qint32 secs);
    void setBlank(int index) { m_fields[std::size_t(index)] = Field(); }

    /// For text built in place: append to textBuffer(), then call setTextSince with the size it had before.
    std::string &textBuffer() { return m_text; }
    void setTextSince(int index, std::size_t start);

    const Field &field(int index) const { return m_fields[std::size_t(index)]; }
    std::string_view text(int index) const
    {
        const Field &f = field(index);
        return std::string_view(m_text).substr(f.offset, f.length);
    }

private:
    std::vector<Field> m_fields;
    std::string m_text;
};

/// Year, month and day of a Julian day in the proleptic Gregorian calendar, as QDate gives them but
/// without its calendar machinery: millions of rows format dates, and QDate was a tenth of the run time.
void civilDate(qint32 julianDay, int &year, int &month, int &day);
/// The Julian day of a proleptic Gregorian date (the inverse of civilDate).
qint32 julianDayOf(int year, int month, int day);

/// Appends the date in the given style; separators and order follow the style.
void appendDayMonthYear(std::string &out, qint32 julianDay);             ///< 14/03/2016
void appendIsoDate(std::string &out, qint32 julianDay);                  ///< 2016-03-14
void appendIsoDateTime(std::string &out, qint32 julianDay, qint32 secs); ///< 2016-03-14T23:15:00
void appendInteger(std::string &out, qint64 value);

/// Buffered CSV writer with RFC 4180 quoting: a field holding a comma, a quote, CR or LF is quoted and
/// its quotes doubled. Dates are written dd/mm/yyyy (CMS) or ISO 8601 (CONNECT).
class CsvWriter
{
public:
    enum class Style
    {
        Cms,
        Connect,
    };

    explicit CsvWriter(Style style)
        : m_style(style)
    {}

    Status open(const QString &path);
    void write(const Record &record);
    /// Bytes written as they are (the byte order mark, the CMS footer).
    void writeRaw(std::string_view bytes);
    /// Flushes and closes; the first write error, if any.
    Status close();
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    void flush();

    Style m_style;
    QFile m_file;
    std::string m_buffer;
    QString m_error;
};

/// The CONNECT extract as an .xlsx workbook (first sheet), through libxlsxwriter in constant-memory
/// mode: rows are streamed to disk as they come, strings are written inline. The columns marked in
/// `dateColumns` become real Excel date cells with a date format; other dates are written as ISO text,
/// as CONNECT's export does for them.
class XlsxWriter
{
public:
    XlsxWriter();
    ~XlsxWriter();
    XlsxWriter(const XlsxWriter &) = delete;
    XlsxWriter &operator=(const XlsxWriter &) = delete;

    /// `modified` is the workbook's creation time in its properties, so that the same rows always give
    /// the same workbook.
    Status open(const QString &path, const std::vector<std::string> &header,
                const std::vector<bool> &dateColumns, const QDateTime &modified);
    void write(const Record &record);
    Status close();
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    void writeCell(int column, const Record &record);

    QString m_path;
    lxw_workbook *m_workbook = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_dateFormat = nullptr;
    lxw_format *m_dateTimeFormat = nullptr;
    std::vector<bool> m_dateColumns;
    quint32 m_row = 0;
    std::string m_scratch;
    QString m_error;
};

} // namespace foi::demo
