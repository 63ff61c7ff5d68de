#pragma once

#include "common/Result.h"
#include "import/Records.h"

#include <QByteArray>
#include <QVector>

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

} // namespace chunks
} // namespace foi
