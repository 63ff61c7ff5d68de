#pragma once

#include "common/Result.h"
#include "import/RecordSource.h"

#include <QRegularExpression>
#include <QString>

#include <memory>
#include <string>
#include <vector>

class QIODevice;

namespace foi {

/// How a CSV extract is laid out, beyond RFC 4180.
struct CsvOptions
{
    char delimiter = ',';
    TextEncoding encoding = TextEncoding::Utf8; ///< a UTF-8 byte order mark overrides it
    /// A regular expression with one capture group for the record count, matched against the whole of a
    /// one-field record; that record is the report tool's footer, not data. Empty: the file has no footer.
    QString footerPattern;
    /// Bytes asked of the device per read. Tests set it to a few bytes to make records straddle reads.
    qint64 chunkSize = 1 << 20;
};

/// Streams the records of a CSV extract (RFC 4180, made lenient the way Excel is), as UTF-8 fields.
///
/// Reads in chunks into one reusable buffer: fields point into that buffer, and only fields that must
/// change (doubled quotes, text after a closing quote, Windows-1252 bytes) are copied into a per-record
/// scratch buffer, so memory stays constant however large the file. Leniency, chosen because the
/// extracts come from report tools and from Excel:
/// - a quote inside an unquoted field is kept as it is (`ab"c` is `ab"c`);
/// - text after a closing quote is appended (`"ab"c` is `abc`, and quotes after it are kept);
/// - records end at LF, CRLF or a lone CR (old Mac exports); a line break inside quotes is kept as is;
/// - completely empty lines are skipped, though counted in line numbers.
/// Not lenient: invalid UTF-8 (a wrong encoding in the profile would corrupt every name silently), a quote
/// never closed (a truncated file) and anything but empty lines after the footer. Errors name the file,
/// the line the record starts on and, for a field, its 1-based number ("3": the reader knows no header
/// names; Error::toString() reads "field 3"). The reader only reports the footer's count: comparing it with
/// the records read is the caller's job, since only the caller knows whether the first record is a header.
class CsvReader final : public RecordSource
{
public:
    /// Opens the file itself; when it cannot, the first next() returns false and error() says why.
    explicit CsvReader(const QString &path, CsvOptions options = {});
    /// Reads from an open (or openable) device it does not own; fileName is for error messages.
    CsvReader(QIODevice *device, const QString &fileName, CsvOptions options = {});
    ~CsvReader() override;

    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    /// The reader for path, or the reason it cannot be read (missing file, bad footer pattern).
    static Result<std::unique_ptr<CsvReader>> open(const QString &path, CsvOptions options = {});

    bool next() override;
    int fieldCount() const override { return static_cast<int>(m_views.size()); }
    std::string_view field(int index) const override
    {
        return index >= 0 && index < fieldCount() ? m_views[static_cast<size_t>(index)] : std::string_view();
    }
    qint64 line() const override { return m_recordLine; }
    std::optional<Error> error() const override { return m_error; }
    qint64 bytesRead() const override { return m_bufferOffset + static_cast<qint64>(m_next); }
    qint64 totalBytes() const override { return m_totalBytes; }
    std::optional<qint64> footerCount() const override { return m_footerCount; }

private:
    // Where the scanner is inside the record being parsed; kept between reads so that a record
    // straddling two chunks resumes where it stopped instead of being scanned again.
    enum class State
    {
        FieldStart,    // before the first byte of a field
        Unquoted,      // inside a field that did not start with a quote
        Quoted,        // inside quotes
        QuoteInQuoted, // just after a quote inside quotes: a doubled quote or the closing one
        AfterQuoted,   // text after the closing quote, appended leniently
    };

    // A field of the record in hand, as offsets from the record's first byte in the buffer.
    struct FieldSpan
    {
        size_t begin = 0;
        size_t end = 0;
        bool raw = false; // [begin, end) still holds the quotes: must be unquoted into the scratch buffer
    };

    // Where a field of the record in hand ended up: in the buffer or in the scratch buffer.
    struct Piece
    {
        size_t offset = 0;
        size_t size = 0;
        bool inScratch = false;
    };

    enum class Scan
    {
        Record,
        NeedMore,
        EndOfData,
        Unterminated,
    };

    enum class Parse
    {
        Record,
        EndOfData,
        Failed,
    };

    void init();
    Parse parseRecord();
    Scan scan();
    Scan endRecord(size_t pos);
    bool fill();
    bool finishRecord();
    bool checkFooter();
    void appendUnquoted(const char *raw, size_t size, bool transcode);
    void fail(const QString &message, qint64 line = 0, const QString &field = {});

    std::unique_ptr<QIODevice> m_ownedDevice;
    QIODevice *m_device = nullptr;
    QString m_fileName;
    CsvOptions m_options;
    QRegularExpression m_footer;
    bool m_windows1252 = false;
    bool m_special[256] = {}; // bytes that end an unquoted field: the delimiter, CR and LF

    std::vector<char> m_buffer;
    size_t m_begin = 0;        // first byte of the record in hand, or of the one being parsed
    size_t m_next = 0;         // first byte after the record in hand
    size_t m_end = 0;          // end of the bytes read into the buffer
    qint64 m_bufferOffset = 0; // file offset of m_buffer[0]
    qint64 m_totalBytes = 0;
    bool m_eof = false;
    bool m_started = false;
    bool m_done = false;

    bool m_inRecord = false; // the scanner has seen the first byte of a record
    State m_state = State::FieldStart;
    size_t m_pos = 0;        // scan position, from m_begin
    size_t m_fieldBegin = 0; // from m_begin
    bool m_fieldRaw = false;
    bool m_recordRaw = false;  // some field of the record must be unquoted into the scratch buffer
    bool m_skipLf = false;     // the previous record ended with CR: an LF right after it belongs to it
    qint64 m_physicalLine = 1; // line the scan position is on
    qint64 m_recordLine = 0;

    std::vector<FieldSpan> m_spans;
    std::vector<std::string_view> m_views;
    std::vector<Piece> m_pieces;
    std::string m_scratch;

    std::optional<Error> m_error;
    std::optional<qint64> m_footerCount;
};

} // namespace foi
