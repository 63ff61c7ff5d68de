#include "Chunks.h"

#include <cstring>

namespace foi::chunks {

namespace {

// Each kind of chunk starts with its own four bytes: three letters and the layout's version.
constexpr char kLinksMagic[4] = {'F', 'L', 'K', 1};

quint64 zigzag(qint64 v)
{
    return (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
}

qint64 unzigzag(quint64 v)
{
    return static_cast<qint64>(v >> 1) ^ -static_cast<qint64>(v & 1);
}

class Writer
{
public:
    explicit Writer(const char (&magic)[4], qsizetype count, qsizetype bytesPerRecord)
    {
        m_out.reserve(16 + count * bytesPerRecord);
        m_out.append(magic, 4);
        varint(static_cast<quint64>(count));
    }

    void byte(quint8 v) { m_out.append(static_cast<char>(v)); }
    void varint(quint64 v)
    {
        char buffer[10];
        int n = 0;
        while (v >= 0x80) {
            buffer[n++] = static_cast<char>((v & 0x7f) | 0x80);
            v >>= 7;
        }
        buffer[n++] = static_cast<char>(v);
        m_out.append(buffer, n);
    }
    void signedVarint(qint64 v) { varint(zigzag(v)); }
    void fixed64(quint64 v)
    {
        char buffer[8];
        for (int i = 0; i < 8; ++i)
            buffer[i] = static_cast<char>(v >> (8 * i));
        m_out.append(buffer, 8);
    }
    /// 0: empty; 1: the same as the record before; n + 2: n bytes of UTF-8 follow.
    void text(const QString &value, QString &previous)
    {
        if (value.isEmpty()) {
            varint(0);
        } else if (value == previous) {
            varint(1);
        } else {
            const QByteArray utf8 = value.toUtf8();
            varint(static_cast<quint64>(utf8.size()) + 2);
            m_out.append(utf8);
        }
        previous = value;
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

class Reader
{
public:
    explicit Reader(QByteArrayView data)
        : m_at(reinterpret_cast<const quint8 *>(data.data()))
        , m_end(m_at + data.size())
    {}
    Reader(const quint8 *at, const quint8 *end)
        : m_at(at)
        , m_end(end)
    {}
    const quint8 *position() const { return m_at; }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_end; }

    bool magic(const char (&expected)[4])
    {
        if (m_end - m_at < 4 || std::memcmp(m_at, expected, 4) != 0)
            return m_ok = false;
        m_at += 4;
        return true;
    }
    quint8 byte()
    {
        if (m_at == m_end) {
            m_ok = false;
            return 0;
        }
        return *m_at++;
    }
    quint64 varint()
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at == m_end)
                break;
            const quint8 b = *m_at++;
            v |= static_cast<quint64>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        m_ok = false;
        return 0;
    }
    qint64 signedVarint() { return unzigzag(varint()); }
    quint64 fixed64()
    {
        if (m_end - m_at < 8) {
            m_ok = false;
            return 0;
        }
        quint64 v = 0;
        for (int i = 7; i >= 0; --i)
            v = (v << 8) | m_at[i];
        m_at += 8;
        return v;
    }
    /// A text as a view of the chunk's bytes; "the same as before" is the view before.
    std::string_view textView(std::string_view previous)
    {
        const quint64 code = varint();
        if (code == 0)
            return {};
        if (code == 1)
            return previous;
        const quint64 size = code - 2;
        if (static_cast<quint64>(m_end - m_at) < size) {
            m_ok = false;
            return {};
        }
        const std::string_view v(reinterpret_cast<const char *>(m_at), size_t(size));
        m_at += size;
        return v;
    }
    /// A record count no larger than the bytes left could hold (every record takes at least one).
    qsizetype count()
    {
        const quint64 n = varint();
        if (n > static_cast<quint64>(m_end - m_at)) {
            m_ok = false;
            return 0;
        }
        return static_cast<qsizetype>(n);
    }

private:
    const quint8 *m_at;
    const quint8 *m_end;
    bool m_ok = true;
};

Error damaged(const char *what)
{
    return Error(QStringLiteral("a chunk of %1 in the register is damaged: restore the register from a "
                                "backup, or make a new one and import the extracts again")
                     .arg(QLatin1String(what)));
}

// Small enumerations share a byte; each must fit its bits.
template<typename E>
quint8 bits(E e)
{
    return static_cast<quint8>(e);
}

} // namespace

QByteArray encodeLinks(const LinkRecord *links, qsizetype count)
{
    Writer w(kLinksMagic, count, 48);
    qint64 line = 0;
    qint32 recorded = 0;
    qint64 crimeKey = 0;
    QString crimeRef, legacyCrimeRef, offenceCode, offenceCategory;
    for (qsizetype i = 0; i < count; ++i) {
        const LinkRecord &l = links[i];
        w.signedVarint(l.line - line);
        line = l.line;
        w.text(l.crimeRef, crimeRef);
        w.text(l.legacyCrimeRef, legacyCrimeRef);
        w.text(l.offenceCode, offenceCode);
        w.text(l.offenceCategory, offenceCategory);
        const bool sameKey = l.crimeKey == crimeKey;
        w.byte(quint8((l.personKey != 0) | (l.legacyPersonKey != 0) << 1 | sameKey << 2));
        if (l.personKey != 0)
            w.fixed64(static_cast<quint64>(l.personKey));
        if (l.legacyPersonKey != 0)
            w.fixed64(static_cast<quint64>(l.legacyPersonKey));
        if (!sameKey)
            w.fixed64(static_cast<quint64>(l.crimeKey));
        crimeKey = l.crimeKey;
        // role: 3 bits, sex: 2, precision: 1, age source: 2.
        w.byte(quint8(bits(l.role) | bits(l.sex) << 3 | bits(l.precision) << 5 | bits(l.ageSource) << 6));
        w.signedVarint(qint64(l.recorded) - recorded);
        recorded = l.recorded;
        w.varint(l.committedFrom == 0 ? 0 : zigzag(qint64(l.committedFrom) - l.recorded) + 1);
        w.varint(l.committedTo == 0 ? 0 : zigzag(qint64(l.committedTo) - l.recorded) + 1);
        w.varint(quint64(qint64(l.age) + 1));
        w.byte(quint8(l.outcome + 1));
    }
    return w.take();
}

LinkChunkReader::LinkChunkReader(QByteArrayView data)
    : m_at(reinterpret_cast<const quint8 *>(data.data()))
    , m_end(m_at + data.size())
{
    Reader r(m_at, m_end);
    if (!r.magic(kLinksMagic)) {
        m_ok = false;
        return;
    }
    m_count = r.count();
    m_ok = r.ok();
    m_at = r.position();
}

bool LinkChunkReader::next(LinkView *row)
{
    if (!m_ok || m_read == m_count)
        return false;
    Reader r(m_at, m_end);
    LinkView &p = m_previous;
    LinkView l;
    l.line = p.line + r.signedVarint();
    l.crimeRef = r.textView(p.crimeRef);
    l.legacyCrimeRef = r.textView(p.legacyCrimeRef);
    l.offenceCode = r.textView(p.offenceCode);
    l.offenceCategory = r.textView(p.offenceCategory);
    const quint8 flags = r.byte();
    if (flags & 1)
        l.personKey = static_cast<qint64>(r.fixed64());
    if (flags & 2)
        l.legacyPersonKey = static_cast<qint64>(r.fixed64());
    l.crimeKey = (flags & 4) ? p.crimeKey : static_cast<qint64>(r.fixed64());
    const quint8 packed = r.byte();
    l.role = static_cast<Role>(packed & 7);
    l.sex = static_cast<Sex>((packed >> 3) & 3);
    l.precision = static_cast<DatePrecision>((packed >> 5) & 1);
    l.ageSource = static_cast<AgeSource>(packed >> 6);
    l.recorded = static_cast<qint32>(p.recorded + r.signedVarint());
    const quint64 from = r.varint();
    l.committedFrom = from == 0 ? 0 : static_cast<qint32>(l.recorded + unzigzag(from - 1));
    const quint64 to = r.varint();
    l.committedTo = to == 0 ? 0 : static_cast<qint32>(l.recorded + unzigzag(to - 1));
    l.age = static_cast<qint16>(qint64(r.varint()) - 1);
    l.outcome = static_cast<qint8>(int(r.byte()) - 1);
    if (!r.ok() || l.role > Role::Witness || l.sex > Sex::Female) {
        m_ok = false;
        return false;
    }
    m_at = r.position();
    ++m_read;
    p = l;
    *row = l;
    return true;
}

Status LinkChunkReader::status() const
{
    if (!m_ok || (m_read == m_count && m_at != m_end))
        return damaged("imported rows");
    return {};
}

Status decodeLinks(QByteArrayView data, QVector<LinkRecord> *out)
{
    LinkChunkReader reader(data);
    out->reserve(out->size() + reader.count());
    LinkView v, previous;
    LinkRecord last;
    // A text repeated from the row before shares that row's string.
    auto text = [](std::string_view now, std::string_view before, const QString &beforeText) {
        if (now.data() == before.data() && now.size() == before.size() && !now.empty())
            return beforeText;
        return QString::fromUtf8(now.data(), qsizetype(now.size()));
    };
    while (reader.next(&v)) {
        LinkRecord l;
        l.line = v.line;
        l.crimeRef = text(v.crimeRef, previous.crimeRef, last.crimeRef);
        l.legacyCrimeRef = text(v.legacyCrimeRef, previous.legacyCrimeRef, last.legacyCrimeRef);
        l.offenceCode = text(v.offenceCode, previous.offenceCode, last.offenceCode);
        l.offenceCategory = text(v.offenceCategory, previous.offenceCategory, last.offenceCategory);
        l.personKey = v.personKey;
        l.legacyPersonKey = v.legacyPersonKey;
        l.crimeKey = v.crimeKey;
        l.role = v.role;
        l.sex = v.sex;
        l.precision = v.precision;
        l.ageSource = v.ageSource;
        l.recorded = v.recorded;
        l.committedFrom = v.committedFrom;
        l.committedTo = v.committedTo;
        l.age = v.age;
        l.outcome = v.outcome;
        previous = v;
        last = l;
        out->append(std::move(l));
    }
    if (Status s = reader.status(); !s)
        return s;
    if (reader.count() == 0 && data.size() < 5)
        return damaged("imported rows");
    return {};
}

} // namespace foi::chunks
