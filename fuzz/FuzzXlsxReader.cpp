// libFuzzer target: XlsxReader (and the zip reading under it), with the importer's header check and row
// normalisation.
//
// An input is one of two things:
// - a zip file (it starts with "PK"): written as it is and read as a workbook. This finds what damaged
//   zips do, but a mutation inside deflated data rarely survives the checksum;
// - otherwise, the parts of a package: each part is its name, a line break and its bytes, and parts are
//   separated by a NUL byte (which XML cannot hold). They are written into a zip of stored entries with
//   ZipWriter, so that the mutations reach the XML of the workbook, its relationships, shared strings,
//   styles and sheet instead of dying at the zip's checksums.
// The first row is the header the CONNECT and police.uk profiles' columns are found in (as for an .xlsx
// extract, rows may be shorter than the header); every later row is normalised.

#include "FuzzSupport.h"
#include "common/Zip.h"
#include "import/XlsxReader.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

namespace {

using namespace foi;

const QString kFileName = QStringLiteral("fuzz.xlsx");

struct Fixture
{
    SourceProfile connect = fuzz::loadProfile(QStringLiteral("connect"));
    SourceProfile policeUk =
        fuzz::loadProfile(QStringLiteral(FOI_SOURCE_DIR "/docs/profiles/police-uk-street.json"));
    QTemporaryDir dir;
    QString path = dir.filePath(kFileName);
};

Fixture &fixture()
{
    static Fixture f;
    fuzz::check(f.dir.isValid(), "a temporary folder for the workbook");
    return f;
}

bool writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size() &&
           file.flush();
}

/// The parts of the input, as a zip of stored entries; false when no zip could be written (a part whose
/// name ZipWriter refuses is left out, as a damaged package would lack it).
bool writeParts(const QString &path, const QByteArray &bytes)
{
    auto zip = ZipWriter::open(path);
    if (!zip)
        return false;
    QSet<QString> names;
    for (const QByteArray &part : bytes.split('\0')) {
        const qsizetype newline = part.indexOf('\n');
        const QString name = QString::fromUtf8(newline < 0 ? part : part.left(newline));
        if (name.isEmpty() || names.contains(name))
            continue;
        names.insert(name);
        if (!(*zip)->add(name, newline < 0 ? QByteArray() : part.mid(newline + 1), false))
            return false;
    }
    return (*zip)->close().ok();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fixture &f = fixture();
    const QByteArray bytes = fuzz::bytesOf(data, size);
    const bool written = bytes.startsWith("PK") ? writeRaw(f.path, bytes) : writeParts(f.path, bytes);
    if (!written)
        return 0;

    XlsxReader reader(f.path);
    RecordBatch header;
    RecordBatch rows;
    while (reader.next()) {
        fuzz::check(reader.fieldCount() >= 1, "a row has a cell");
        bool any = false;
        for (int i = 0; i < reader.fieldCount(); ++i)
            any = any || !reader.field(i).empty();
        fuzz::check(any, "rows with nothing in them are skipped");
        fuzz::check(reader.field(reader.fieldCount()).empty(), "a field past the end is empty");
        fuzz::check(reader.field(-1).empty(), "a field before the first is empty");
        if (header.size() == 0)
            header.append(reader);
        else
            rows.append(reader);
    }
    fuzz::check(!reader.next(), "a reader at its end stays there");
    fuzz::checkError(reader.error(), kFileName);
    if (!header.next())
        return 0;
    for (const SourceProfile *profile : {&f.connect, &f.policeUk}) {
        if (const std::optional<RowNormaliser> n = fuzz::normaliserFor(*profile, header, kFileName, true))
            fuzz::normaliseAll(*n, rows);
    }
    return 0;
}
