#include "CsvReader.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace foi {

namespace {

// Windows-1252 0x80-0x9F as Unicode; the five bytes the code page leaves undefined map to the C1 control
// of the same number, as the WHATWG Encoding Standard does, so no byte is ever lost.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void appendCp1252(std::string &out, unsigned char c)
{
    // 0xA0-0xFF are Latin-1: the byte is the code point.
    const char16_t u = c < 0xA0 ? kCp1252High[c - 0x80] : char16_t(c);
    if (u < 0x800) {
        out.push_back(char(0xC0 | (u >> 6)));
        out.push_back(char(0x80 | (u & 0x3F)));
    } else {
        out.push_back(char(0xE0 | (u >> 12)));
        out.push_back(char(0x80 | ((u >> 6) & 0x3F)));
        out.push_back(char(0x80 | (u & 0x3F)));
    }
}

// Eight bytes at a time: nearly every record of an extract is plain ASCII and needs no more work.
bool isAscii(const char *p, size_t size)
{
    constexpr quint64 highBits = 0x8080808080808080ULL;
    quint64 acc = 0;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, p + i, 8);
        acc |= word;
    }
    for (; i < size; ++i)
        acc |= static_cast<unsigned char>(p[i]);
    return (acc & highBits) == 0;
}

bool hasHighByte(const char *p, size_t size)
{
    return !isAscii(p, size);
}

// The offset of the first byte that is not part of a well-formed UTF-8 sequence (no overlongs, no
// surrogates, nothing past U+10FFFF), or size when all is well.
size_t invalidUtf8At(const char *text, size_t size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text);
    size_t i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t n = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (i + n >= size)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        }
        i += n + 1;
    }
    return size;
}

} // namespace

CsvReader::CsvReader(const QString &path, CsvOptions options)
    : m_fileName(QFileInfo(path).fileName())
    , m_options(std::move(options))
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot open the file: ") + file->errorString());
        return;
    }
    m_device = file.get();
    m_ownedDevice = std::move(file);
    init();
}

CsvReader::CsvReader(QIODevice *device, const QString &fileName, CsvOptions options)
    : m_device(device)
    , m_fileName(fileName)
    , m_options(std::move(options))
{
    if (!m_device->isOpen() && !m_device->open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot open the file: ") + m_device->errorString());
        return;
    }
    init();
}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::open(const QString &path, CsvOptions options)
{
    auto reader = std::make_unique<CsvReader>(path, std::move(options));
    if (reader->m_error)
        return *reader->m_error;
    return Result<std::unique_ptr<CsvReader>>(std::move(reader));
}

void CsvReader::init()
{
    const char d = m_options.delimiter;
    if (d == '"' || d == '\r' || d == '\n') {
        fail(QStringLiteral("the delimiter cannot be a quote or a line break"));
        return;
    }
    if (!m_options.footerPattern.isEmpty()) {
        m_footer.setPattern(QRegularExpression::anchoredPattern(m_options.footerPattern));
        if (!m_footer.isValid()) {
            fail(QStringLiteral("the footer pattern is not a valid regular expression: ") +
                 m_footer.errorString());
            return;
        }
        if (m_footer.captureCount() < 1) {
            fail(QStringLiteral("the footer pattern needs a capture group for the record count"));
            return;
        }
        m_footer.optimize();
    }
    m_options.chunkSize = std::max<qint64>(1, m_options.chunkSize);
    m_windows1252 = m_options.encoding == TextEncoding::Windows1252;
    m_special[static_cast<unsigned char>(d)] = true;
    m_special[static_cast<unsigned char>('\r')] = true;
    m_special[static_cast<unsigned char>('\n')] = true;
    m_totalBytes = m_device->isSequential() ? 0 : m_device->size();
    m_buffer.resize(static_cast<size_t>(2 * m_options.chunkSize));
}

void CsvReader::fail(const QString &message, qint64 line, const QString &field)
{
    m_error = Error(message, m_fileName, line, field);
    m_done = true;
    m_views.clear();
}

bool CsvReader::fill()
{
    // Keep only the record being parsed: the bytes before it are done with, so memory stays constant.
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_bufferOffset += static_cast<qint64>(m_begin);
        m_begin = 0;
        m_next = 0;
    }
    const auto chunk = static_cast<size_t>(m_options.chunkSize);
    // Only a record longer than the buffer (a huge quoted field) grows it.
    if (m_buffer.size() - m_end < chunk)
        m_buffer.resize(std::max(m_buffer.size() * 2, m_end + chunk));
    const qint64 got = m_device->read(m_buffer.data() + m_end, static_cast<qint64>(chunk));
    if (got < 0) {
        fail(QStringLiteral("cannot read the file: ") + m_device->errorString(), m_physicalLine);
        return false;
    }
    if (got == 0)
        m_eof = true;
    m_end += static_cast<size_t>(got);
    return true;
}

CsvReader::Scan CsvReader::endRecord(size_t pos)
{
    const char *base = m_buffer.data() + m_begin;
    ++m_physicalLine;
    m_skipLf = base[pos] == '\r';
    m_next = m_begin + pos + 1;
    m_inRecord = false;
    return Scan::Record;
}

CsvReader::Scan CsvReader::scan()
{
    // Skip what lies between records: the LF of a CRLF and empty lines.
    while (!m_inRecord) {
        if (m_begin == m_end)
            return m_eof ? Scan::EndOfData : Scan::NeedMore;
        const char c = m_buffer[m_begin];
        if (m_skipLf) {
            m_skipLf = false;
            if (c == '\n') {
                ++m_begin;
                continue;
            }
        }
        if (c == '\r' || c == '\n') {
            ++m_physicalLine;
            ++m_begin;
            m_skipLf = c == '\r';
            continue;
        }
        m_inRecord = true;
        m_recordLine = m_physicalLine;
        m_state = State::FieldStart;
        m_pos = 0;
        m_spans.clear();
        m_recordRaw = false;
    }

    const char *base = m_buffer.data() + m_begin;
    const size_t size = m_end - m_begin;
    const char delimiter = m_options.delimiter;
    size_t pos = m_pos;
    while (pos < size) {
        switch (m_state) {
        case State::FieldStart:
            m_fieldRaw = false;
            if (base[pos] == '"') {
                m_fieldBegin = ++pos;
                m_state = State::Quoted;
                break;
            }
            m_fieldBegin = pos;
            m_state = State::Unquoted;
            break;
        case State::Unquoted:
        case State::AfterQuoted: {
            while (pos < size && !m_special[static_cast<unsigned char>(base[pos])])
                ++pos;
            if (pos == size)
                break;
            if (m_state == State::Unquoted)
                m_spans.push_back({m_fieldBegin, pos, false});
            else
                m_spans.push_back({m_fieldBegin - 1, pos, true});
            if (base[pos] != delimiter)
                return endRecord(pos);
            ++pos;
            m_state = State::FieldStart;
            break;
        }
        case State::Quoted:
            while (pos < size) {
                const char c = base[pos];
                if (c == '"')
                    break;
                // A quoted line break is data, but still a physical line for the numbers of later records.
                if (c == '\r' || (c == '\n' && base[pos - 1] != '\r'))
                    ++m_physicalLine;
                ++pos;
            }
            if (pos == size)
                break;
            ++pos;
            m_state = State::QuoteInQuoted;
            break;
        case State::QuoteInQuoted: {
            const char c = base[pos];
            if (c == '"') {
                m_fieldRaw = m_recordRaw = true;
                ++pos;
                m_state = State::Quoted;
                break;
            }
            if (c == delimiter || c == '\r' || c == '\n') {
                if (m_fieldRaw)
                    m_spans.push_back({m_fieldBegin - 1, pos, true});
                else
                    m_spans.push_back({m_fieldBegin, pos - 1, false});
                if (c != delimiter)
                    return endRecord(pos);
                ++pos;
                m_state = State::FieldStart;
                break;
            }
            m_fieldRaw = m_recordRaw = true;
            m_state = State::AfterQuoted;
            break;
        }
        }
    }
    m_pos = pos;
    if (!m_eof)
        return Scan::NeedMore;

    // The last record has no line break after it.
    switch (m_state) {
    case State::FieldStart:
        m_spans.push_back({pos, pos, false});
        break;
    case State::Unquoted:
        m_spans.push_back({m_fieldBegin, pos, false});
        break;
    case State::AfterQuoted:
        m_spans.push_back({m_fieldBegin - 1, pos, true});
        break;
    case State::QuoteInQuoted:
        if (m_fieldRaw)
            m_spans.push_back({m_fieldBegin - 1, pos, true});
        else
            m_spans.push_back({m_fieldBegin, pos - 1, false});
        break;
    case State::Quoted:
        return Scan::Unterminated;
    }
    m_next = m_end;
    m_inRecord = false;
    return Scan::Record;
}

CsvReader::Parse CsvReader::parseRecord()
{
    m_begin = m_next;
    for (;;) {
        switch (scan()) {
        case Scan::Record:
            return finishRecord() ? Parse::Record : Parse::Failed;
        case Scan::EndOfData:
            m_next = m_end;
            return Parse::EndOfData;
        case Scan::Unterminated:
            fail(QStringLiteral("quoted field never closed: the file may be truncated"), m_recordLine,
                 QString::number(m_spans.size() + 1));
            return Parse::Failed;
        case Scan::NeedMore:
            if (!fill())
                return Parse::Failed;
            break;
        }
    }
}

void CsvReader::appendUnquoted(const char *raw, size_t size, bool transcode)
{
    // raw starts with the opening quote; the scanner accepted it, so it is well formed by its rules.
    bool quoted = true;
    for (size_t i = 1; i < size; ++i) {
        const char c = raw[i];
        if (quoted && c == '"') {
            if (i + 1 < size && raw[i + 1] == '"') {
                m_scratch.push_back('"');
                ++i;
            } else {
                quoted = false;
            }
            continue;
        }
        if (transcode && static_cast<unsigned char>(c) >= 0x80)
            appendCp1252(m_scratch, static_cast<unsigned char>(c));
        else
            m_scratch.push_back(c);
    }
}

bool CsvReader::finishRecord()
{
    const char *base = m_buffer.data() + m_begin;
    m_views.clear();
    const bool ascii = isAscii(base, m_next - m_begin);
    if (ascii && !m_recordRaw) {
        for (const FieldSpan &s : m_spans)
            m_views.emplace_back(base + s.begin, s.end - s.begin);
        return true;
    }

    // The slow path: a record with non-ASCII bytes or with fields to unquote.
    m_scratch.clear();
    m_pieces.clear();
    for (size_t i = 0; i < m_spans.size(); ++i) {
        const FieldSpan &s = m_spans[i];
        const char *p = base + s.begin;
        const size_t size = s.end - s.begin;
        const bool high = !ascii && hasHighByte(p, size);
        if (high && !m_windows1252) {
            const size_t at = invalidUtf8At(p, size);
            if (at < size) {
                const QString byte = QString::number(static_cast<unsigned char>(p[at]), 16).toUpper();
                fail(QStringLiteral("not valid UTF-8 (byte 0x%1): is the file Windows-1252? check the "
                                    "profile's encoding")
                         .arg(byte),
                     m_recordLine, QString::number(i + 1));
                return false;
            }
        }
        const bool transcode = high && m_windows1252;
        if (!s.raw && !transcode) {
            m_pieces.push_back({s.begin, size, false});
            continue;
        }
        const size_t offset = m_scratch.size();
        if (s.raw) {
            appendUnquoted(p, size, transcode);
        } else {
            for (size_t k = 0; k < size; ++k) {
                const auto c = static_cast<unsigned char>(p[k]);
                if (c >= 0x80)
                    appendCp1252(m_scratch, c);
                else
                    m_scratch.push_back(char(c));
            }
        }
        m_pieces.push_back({offset, m_scratch.size() - offset, true});
    }
    // Views into the scratch buffer are made last: appending may have moved it.
    for (const Piece &piece : m_pieces)
        m_views.emplace_back((piece.inScratch ? m_scratch.data() : base) + piece.offset, piece.size);
    return true;
}

bool CsvReader::checkFooter()
{
    const std::string_view text = m_views.front();
    const QRegularExpressionMatch match =
        m_footer.match(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
    if (!match.hasMatch())
        return false;
    const qint64 footerLine = m_recordLine;
    bool ok = false;
    const qint64 count = match.captured(1).toLongLong(&ok);
    if (!ok) {
        fail(QStringLiteral("the footer's record count '%1' is not a number").arg(match.captured(1)),
             footerLine);
        return true;
    }
    m_footerCount = count;
    // The footer must be the end of the file: a record after it means two reports were joined or the
    // file was edited, and its records would be counted without being covered by the footer's count.
    switch (parseRecord()) {
    case Parse::Record:
        fail(QStringLiteral("data after the footer line (line %1)").arg(footerLine), m_recordLine);
        break;
    case Parse::EndOfData:
        m_done = true;
        m_views.clear();
        m_recordLine = footerLine;
        break;
    case Parse::Failed:
        break;
    }
    return true;
}

bool CsvReader::next()
{
    if (m_done)
        return false;
    if (!m_started) {
        m_started = true;
        while (m_end < 3 && !m_eof) {
            if (!fill())
                return false;
        }
        // A byte order mark is unambiguous, and wins over the profile.
        if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
            m_next = 3;
            m_windows1252 = false;
        }
    }
    switch (parseRecord()) {
    case Parse::Record:
        break;
    case Parse::EndOfData:
        m_done = true;
        m_views.clear();
        return false;
    case Parse::Failed:
        return false;
    }
    if (m_views.size() == 1 && !m_options.footerPattern.isEmpty() && checkFooter())
        return false;
    return true;
}

} // namespace foi
