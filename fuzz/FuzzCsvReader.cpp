// libFuzzer target: CsvReader, with the importer's header and footer checks and row normalisation.
//
// The input is an extract file. It is read with each of three real profiles (CMS: Windows-1252, a footer
// line; CONNECT: UTF-8; police.uk: a month, categories and a skip rule), as Importer::run reads it: the
// first record is the header that the profile's columns are found in, every later record is copied
// into a RecordBatch and normalised, and the footer line is looked for. With the CMS profile the file is
// read once more in chunks of a few bytes: records, lines, errors and the footer must not depend on
// where the reads fall (CsvReader's own promise).

#include "FuzzSupport.h"
#include "import/CsvReader.h"

#include <QBuffer>

#include <string>
#include <vector>

namespace {

using namespace foi;

const QString kFileName = QStringLiteral("fuzz.csv");

struct Profiles
{
    SourceProfile cms = fuzz::loadProfile(QStringLiteral("cms"));
    SourceProfile connect = fuzz::loadProfile(QStringLiteral("connect"));
    SourceProfile policeUk =
        fuzz::loadProfile(QStringLiteral(FOI_SOURCE_DIR "/docs/profiles/police-uk-street.json"));
};

const Profiles &profiles()
{
    static const Profiles p;
    return p;
}

/// Everything a read gave, to compare two reads of one file.
struct Read
{
    std::vector<std::vector<std::string>> records;
    std::vector<qint64> lines;
    std::optional<Error> error;
    std::optional<qint64> footer;
};

bool sameError(const std::optional<Error> &a, const std::optional<Error> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a ||
           (a->message == b->message && a->file == b->file && a->line == b->line && a->field == b->field);
}

Read readCsv(const QByteArray &bytes, const SourceProfile &profile, qint64 chunkSize)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvOptions options;
    options.delimiter = profile.delimiter;
    options.encoding = profile.encoding;
    options.footerPattern = profile.footerPattern;
    options.chunkSize = chunkSize;
    CsvReader reader(&buffer, kFileName, options);

    Read read;
    std::optional<RowNormaliser> normaliser;
    RecordBatch batch;
    while (reader.next()) {
        fuzz::check(reader.fieldCount() >= 1, "a record has a field");
        fuzz::check(read.lines.empty() || reader.line() > read.lines.back(), "records start on later lines");
        fuzz::check(reader.bytesRead() <= reader.totalBytes(), "no more bytes read than the file has");
        std::vector<std::string> record;
        for (int i = 0; i < reader.fieldCount(); ++i)
            record.emplace_back(reader.field(i));
        fuzz::check(reader.field(reader.fieldCount()).empty(), "a field past the end is empty");
        read.records.push_back(std::move(record));
        read.lines.push_back(reader.line());

        if (read.records.size() == 1) {
            normaliser = fuzz::normaliserFor(profile, reader, kFileName, false);
            continue;
        }
        if (!normaliser)
            continue;
        batch.append(reader);
        if (batch.size() == 64) {
            fuzz::normaliseAll(*normaliser, batch);
            batch.clear();
        }
    }
    if (normaliser)
        fuzz::normaliseAll(*normaliser, batch);
    fuzz::check(!reader.next(), "a reader at its end stays there");
    read.error = reader.error();
    read.footer = reader.footerCount();
    fuzz::checkError(read.error, kFileName);
    if (!read.error)
        fuzz::check(reader.bytesRead() == reader.totalBytes(), "a file read to its end was read whole");
    if (read.footer)
        fuzz::check(!profile.footerPattern.isEmpty(), "only a profile with a footer finds one");
    return read;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    const Profiles &p = profiles();
    // One read takes the whole file (a chunk as large as the importer's would allocate megabytes for
    // every input, and slow the fuzzing down tenfold).
    const qint64 whole = bytes.size() + 1;
    const Read once = readCsv(bytes, p.cms, whole);
    readCsv(bytes, p.connect, whole);
    readCsv(bytes, p.policeUk, whole);

    // Reads that end mid-record, mid-quote, mid-CRLF and mid-byte order mark give the same result.
    const Read pieces = readCsv(bytes, p.cms, 3);
    fuzz::check(pieces.records == once.records, "the records do not depend on the chunk size");
    fuzz::check(pieces.lines == once.lines, "the lines do not depend on the chunk size");
    fuzz::check(sameError(pieces.error, once.error), "the error does not depend on the chunk size");
    fuzz::check(pieces.footer == once.footer, "the footer does not depend on the chunk size");
    return 0;
}
