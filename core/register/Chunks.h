#pragma once

#include "common/Result.h"
#include "import/Records.h"

#include <QByteArray>
#include <QVector>

#include <string_view>

namespace foi {

/// The register keeps its millions of imported rows in chunks: a few thousand records
/// to a BLOB, each column packed (varints, deltas from the record before, a text repeated from the
/// record before stored once). A chunk is one row of SQL, so an import stores a million rows in a few
/// hundred inserts and reads them back as fast as memory moves, where a row per record costs
/// microseconds each in the engine. docs/register.md describes the layout byte by byte.
///
/// Decoding checks every length against the chunk's size: a damaged chunk is an error, never a crash.
namespace chunks {

/// Records per chunk that the register writes (a reader accepts any number).
inline constexpr int kRecordsPerChunk = 8192;

QByteArray encodeLinks(const LinkRecord *links, qsizetype count);
/// Appends the chunk's records to out.
Status decodeLinks(QByteArrayView data, QVector<LinkRecord> *out);

/// An imported row as a chunk holds it, its texts viewed in the chunk's bytes (valid while the chunk
/// is): the merge reads millions of rows without making a string of each.
struct LinkView
{
    qint64 line = 0;
    std::string_view crimeRef, legacyCrimeRef, offenceCode, offenceCategory; ///< UTF-8
    qint64 personKey = 0, legacyPersonKey = 0, crimeKey = 0;
    Role role = Role::None;
    Sex sex = Sex::Unknown;
    DatePrecision precision = DatePrecision::Day;
    AgeSource ageSource = AgeSource::Unknown;
    qint32 recorded = 0, committedFrom = 0, committedTo = 0;
    qint16 age = -1;
    qint8 outcome = -1;
};

/// Reads a chunk of imported rows one at a time.
///
///     LinkChunkReader reader(data);
///     LinkView row;
///     while (reader.next(&row)) use(row);
///     if (Status s = reader.status(); !s) fail(s);
class LinkChunkReader
{
public:
    explicit LinkChunkReader(QByteArrayView data);
    /// The next row; false at the end of the chunk or where it is damaged (status() tells which).
    bool next(LinkView *row);
    /// An error once a damaged chunk was found: a bad header, a value past the end, bytes left over.
    Status status() const;
    qsizetype count() const { return m_count; }

private:
    const quint8 *m_at;
    const quint8 *m_end;
    qsizetype m_count = 0;
    qsizetype m_read = 0;
    bool m_ok = true;
    LinkView m_previous;
};

} // namespace chunks
} // namespace foi
