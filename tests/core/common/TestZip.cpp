#include "common/Zip.h"
#include "support/TestSupport.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using foi::ZipReader;
using foi::ZipWriter;

namespace {

std::string text(const foi::Error &e)
{
    return e.toString().toStdString();
}

quint16 u16(const QByteArray &bytes, qsizetype at)
{
    return static_cast<quint16>(static_cast<uchar>(bytes[at]) | static_cast<uchar>(bytes[at + 1]) << 8);
}

quint32 u32(const QByteArray &bytes, qsizetype at)
{
    return u16(bytes, at) | static_cast<quint32>(u16(bytes, at + 2)) << 16;
}

void setU16(QByteArray &bytes, qsizetype at, quint16 value)
{
    bytes[at] = static_cast<char>(value & 0xFF);
    bytes[at + 1] = static_cast<char>(value >> 8);
}

// Where the local headers ("PK\3\4") and the central directory headers ("PK\1\2") are.
std::vector<qsizetype> offsetsOf(const QByteArray &bytes, const QByteArray &signature)
{
    std::vector<qsizetype> offsets;
    for (qsizetype at = bytes.indexOf(signature); at >= 0; at = bytes.indexOf(signature, at + 1))
        offsets.push_back(at);
    return offsets;
}

const QByteArray kLocal("PK\x03\x04", 4);
const QByteArray kCentral("PK\x01\x02", 4);

using Entries = std::vector<std::pair<QString, QByteArray>>;

// Writes the entries, deflated unless their name starts with "stored".
void writeZip(const QString &path, const Entries &entries, const QDateTime &when = {})
{
    auto zip = ZipWriter::open(path);
    ASSERT_TRUE(zip.ok()) << text(zip.error());
    if (when.isValid())
        (*zip)->setTimestamp(when);
    for (const auto &[name, data] : entries) {
        const foi::Status added = (*zip)->add(name, data, !name.startsWith(QStringLiteral("stored")));
        ASSERT_TRUE(added.ok()) << text(added.error());
    }
    const foi::Status closed = (*zip)->close();
    ASSERT_TRUE(closed.ok()) << text(closed.error());
}

std::unique_ptr<ZipReader> openZip(const QString &path)
{
    auto zip = ZipReader::open(path);
    EXPECT_TRUE(zip.ok()) << text(zip.error());
    return zip.ok() ? std::move(zip).value() : nullptr;
}

QByteArray lines(int count)
{
    QByteArray data;
    for (int i = 0; i < count; ++i)
        data += "row " + QByteArray::number(i) + ", some text that repeats\n";
    return data;
}

const QByteArray kOdsMimetype("application/vnd.oasis.opendocument.spreadsheet");

} // namespace

TEST(ZipWriter, EntriesReadBackWithZipReader)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("round.zip"));
    const Entries entries{
        {QStringLiteral("stored-mimetype"), kOdsMimetype},
        {QStringLiteral("content.xml"), lines(5000)},
        {QStringLiteral("empty.txt"), QByteArray()},
        {QStringLiteral("stored-empty"), QByteArray()},
        {QStringLiteral("données/été.txt"), "les données"},
        {QStringLiteral("binary.bin"), QByteArray("\0\1\2\xff\xfe", 5)},
    };
    writeZip(path, entries);

    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    QStringList names;
    for (const auto &entry : entries)
        names << entry.first;
    EXPECT_EQ(zip->entries(), names);
    for (const auto &[name, data] : entries) {
        EXPECT_TRUE(zip->contains(name));
        EXPECT_EQ(zip->uncompressedSize(name), data.size());
        const auto read = zip->read(name, data.size());
        ASSERT_TRUE(read.ok()) << text(read.error());
        EXPECT_EQ(*read, data) << name.toStdString();
    }
    EXPECT_FALSE(zip->contains(QStringLiteral("CONTENT.XML")));
    EXPECT_TRUE(zip->contains(QStringLiteral("CONTENT.XML"), Qt::CaseInsensitive));
    EXPECT_TRUE(zip->contains(QStringLiteral("DONNÉES/ÉTÉ.TXT"), Qt::CaseInsensitive));
    EXPECT_EQ(zip->uncompressedSize(QStringLiteral("none")), -1);
    const auto insensitive = zip->read(QStringLiteral("Content.Xml"), 1 << 20, Qt::CaseInsensitive);
    ASSERT_TRUE(insensitive.ok());
    EXPECT_EQ(*insensitive, lines(5000));
}

TEST(ZipWriter, StoredMimetypeFirstAsOdfRequires)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("doc.ods"));
    {
        auto zip = ZipWriter::open(path);
        ASSERT_TRUE(zip.ok());
        ASSERT_TRUE((*zip)->add(QStringLiteral("mimetype"), kOdsMimetype, false).ok());
        ASSERT_TRUE((*zip)->add(QStringLiteral("content.xml"), lines(200)).ok());
        ASSERT_TRUE((*zip)->close().ok());
    }
    const QByteArray bytes = foi::test::readAll(path);
    ASSERT_EQ(bytes.left(4), kLocal);
    EXPECT_EQ(u16(bytes, 6) & 0x0808, 0);      // no data descriptor, no UTF-8 flag
    EXPECT_EQ(u16(bytes, 8), 0);               // method: stored
    EXPECT_EQ(u32(bytes, 18), u32(bytes, 22)); // compressed size == uncompressed size
    EXPECT_EQ(u32(bytes, 22), static_cast<quint32>(kOdsMimetype.size()));
    EXPECT_EQ(u16(bytes, 26), 8); // name length
    EXPECT_EQ(u16(bytes, 28), 0); // no extra field
    EXPECT_EQ(bytes.mid(30, 8 + kOdsMimetype.size()), QByteArray("mimetype" + kOdsMimetype));

    const qsizetype second = 30 + 8 + kOdsMimetype.size();
    ASSERT_EQ(bytes.mid(second, 4), kLocal);
    EXPECT_EQ(u16(bytes, second + 8), 8); // method: deflated
    EXPECT_LT(u32(bytes, second + 18), u32(bytes, second + 22));
}

TEST(ZipWriter, AFixedTimestampGivesTheSameBytes)
{
    QTemporaryDir dir;
    const QDateTime when(QDate(2024, 3, 9), QTime(13, 45, 31));
    const Entries entries{{QStringLiteral("stored-a"), "a"}, {QStringLiteral("b"), lines(100)}};
    const QString one = dir.filePath(QStringLiteral("one.zip"));
    const QString two = dir.filePath(QStringLiteral("two.zip"));
    writeZip(one, entries, when);
    writeZip(two, entries, when);
    const QByteArray bytes = foi::test::readAll(one);
    EXPECT_EQ(bytes, foi::test::readAll(two));

    // MS-DOS time and date, to 2 seconds, in every local and central header.
    const quint16 time = (13 << 11) | (45 << 5) | (31 / 2);
    const quint16 date = ((2024 - 1980) << 9) | (3 << 5) | 9;
    for (const qsizetype at : offsetsOf(bytes, kLocal)) {
        EXPECT_EQ(u16(bytes, at + 10), time);
        EXPECT_EQ(u16(bytes, at + 12), date);
    }
    const auto central = offsetsOf(bytes, kCentral);
    ASSERT_EQ(central.size(), 2U);
    for (const qsizetype at : central) {
        EXPECT_EQ(u16(bytes, at + 12), time);
        EXPECT_EQ(u16(bytes, at + 14), date);
    }

    // Before 1980 is 1 January 1980.
    const QString old = dir.filePath(QStringLiteral("old.zip"));
    writeZip(old, entries, QDateTime(QDate(1970, 1, 1), QTime(0, 0)));
    const QByteArray oldBytes = foi::test::readAll(old);
    EXPECT_EQ(u16(oldBytes, 10), 0);
    EXPECT_EQ(u16(oldBytes, 12), (1 << 5) | 1);
}

TEST(ZipWriter, NamesAreUtf8FlaggedWhenNotAscii)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("names.zip"));
    writeZip(path, {{QStringLiteral("plain.txt"), "x"}, {QStringLiteral("café.txt"), "y"}});
    const QByteArray bytes = foi::test::readAll(path);
    const auto local = offsetsOf(bytes, kLocal);
    ASSERT_EQ(local.size(), 2U);
    EXPECT_EQ(u16(bytes, local[0] + 6) & 0x0800, 0);
    EXPECT_EQ(u16(bytes, local[1] + 6) & 0x0800, 0x0800);
    EXPECT_EQ(bytes.mid(local[1] + 30, u16(bytes, local[1] + 26)), QStringLiteral("café.txt").toUtf8());
}

TEST(ZipWriter, RefusesBadNamesAndAddsAfterClose)
{
    QTemporaryDir dir;
    auto zip = ZipWriter::open(dir.filePath(QStringLiteral("bad.zip")));
    ASSERT_TRUE(zip.ok());
    ZipWriter &writer = **zip;
    EXPECT_FALSE(writer.add(QString(), "x").ok());
    ASSERT_TRUE(writer.add(QStringLiteral("a"), "x").ok());
    const foi::Status twice = writer.add(QStringLiteral("a"), "y");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().message, QStringLiteral("entry a is already in the zip"));
    EXPECT_EQ(twice.error().file, QStringLiteral("bad.zip"));
    ASSERT_TRUE(writer.close().ok());
    EXPECT_FALSE(writer.add(QStringLiteral("b"), "x").ok());

    const auto zipped = openZip(dir.filePath(QStringLiteral("bad.zip")));
    ASSERT_TRUE(zipped);
    EXPECT_EQ(zipped->entries(), QStringList{QStringLiteral("a")});
}

TEST(ZipWriter, CannotCreateInAMissingFolder)
{
    QTemporaryDir dir;
    const auto zip = ZipWriter::open(dir.filePath(QStringLiteral("no/such/folder/out.zip")));
    ASSERT_FALSE(zip.ok());
    EXPECT_EQ(zip.error().file, QStringLiteral("out.zip"));
    EXPECT_TRUE(zip.error().message.startsWith(QStringLiteral("cannot create the file")))
        << text(zip.error());
}

TEST(ZipWriter, AnEmptyZipIsAZip)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.zip"));
    writeZip(path, {});
    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    EXPECT_TRUE(zip->entries().isEmpty());
    EXPECT_FALSE(zip->contains(QStringLiteral("mimetype")));
}

TEST(ZipReader, NotAZipOrNoFile)
{
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("fake.xlsx"));
    foi::test::writeAll(fake, "OccurrenceReference,RecordedOn\n");
    auto zip = ZipReader::open(fake);
    ASSERT_FALSE(zip.ok());
    EXPECT_EQ(zip.error().file, QStringLiteral("fake.xlsx"));
    EXPECT_EQ(zip.error().message, QStringLiteral("not a zip file (an XLSX or ODS file is a zip)"));

    const QString empty = dir.filePath(QStringLiteral("empty.ods"));
    foi::test::writeAll(empty, QByteArray());
    EXPECT_FALSE(ZipReader::open(empty).ok());

    zip = ZipReader::open(dir.filePath(QStringLiteral("none.xlsx")));
    ASSERT_FALSE(zip.ok());
    EXPECT_EQ(zip.error().file, QStringLiteral("none.xlsx"));
    EXPECT_TRUE(zip.error().message.startsWith(QStringLiteral("cannot open the file: ")))
        << text(zip.error());
}

TEST(ZipReader, AMissingEntryIsNamed)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("book.xlsx"));
    writeZip(path, {{QStringLiteral("hello.txt"), "hello"}});
    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    const auto read = zip->read(QStringLiteral("xl/workbook.xml"), 1000);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().toString(), QStringLiteral("book.xlsx: entry xl/workbook.xml is missing"));
    EXPECT_FALSE(zip->openEntry(QStringLiteral("xl/workbook.xml")).ok());
}

TEST(ZipReader, RefusesAnEntryLargerThanAllowed)
{
    // 16 MiB of zeros deflate to a few kilobytes: a zip bomb in the small.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bomb.zip"));
    const QByteArray zeros(16 * 1024 * 1024, '\0');
    writeZip(path, {{QStringLiteral("zeros"), zeros}});
    EXPECT_LT(QFileInfo(path).size(), 100 * 1024);
    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    const auto refused = zip->read(QStringLiteral("zeros"), 1024 * 1024);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message,
              QStringLiteral("entry zeros is too large: 16777216 bytes uncompressed, "
                             "more than the 1048576 allowed (a guard against zip bombs)"));
    const auto allowed = zip->read(QStringLiteral("zeros"), zeros.size());
    ASSERT_TRUE(allowed.ok()) << text(allowed.error());
    EXPECT_EQ(*allowed, zeros);
}

TEST(ZipReader, StreamsAnEntryIntoQXmlStreamReader)
{
    QByteArray xml = "<?xml version=\"1.0\"?><sheetData>";
    for (int i = 0; i < 100000; ++i)
        xml += "<row r=\"" + QByteArray::number(i + 1) + "\"><c><v>" + QByteArray::number(i * 7) +
               "</v></c></row>";
    xml += "</sheetData>";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sheet.zip"));
    writeZip(path, {{QStringLiteral("sheet.xml"), xml}});

    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    auto opened = zip->openEntry(QStringLiteral("sheet.xml"));
    ASSERT_TRUE(opened.ok()) << text(opened.error());
    foi::ZipEntryDevice &device = **opened;
    EXPECT_TRUE(device.isSequential());
    EXPECT_TRUE(device.isReadable());
    EXPECT_FALSE(device.isWritable());
    EXPECT_EQ(device.entryName(), QStringLiteral("sheet.xml"));
    EXPECT_EQ(device.pos(), 0);
    EXPECT_EQ(device.bytesAvailable(), xml.size());
    EXPECT_EQ(device.size(), xml.size());

    QXmlStreamReader reader(&device);
    qint64 rows = 0;
    qint64 lastPos = 0;
    qint64 posAtRow1000 = 0;
    bool grew = true;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("row")) {
            ++rows;
            grew = grew && device.pos() >= lastPos;
            lastPos = device.pos();
            if (rows == 1000)
                posAtRow1000 = device.pos();
        }
    }
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    EXPECT_EQ(rows, 100000);
    EXPECT_TRUE(grew);
    // Decompressed as it was parsed, not all at once.
    EXPECT_GT(posAtRow1000, 0);
    EXPECT_LT(posAtRow1000, xml.size() / 10);
    EXPECT_EQ(device.pos(), xml.size());
    EXPECT_TRUE(device.atEnd());
    EXPECT_FALSE(device.error().has_value());
}

TEST(ZipReader, ReadsOneEntryAtATime)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.zip"));
    writeZip(path, {{QStringLiteral("a"), "alpha"}, {QStringLiteral("b"), "beta"}});
    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    auto a = zip->openEntry(QStringLiteral("a"));
    ASSERT_TRUE(a.ok());
    const auto b = zip->openEntry(QStringLiteral("b"));
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().message,
              QStringLiteral(
                  "cannot read entry b while entry a is still open (a zip is read one entry at a time)"));
    EXPECT_FALSE(zip->read(QStringLiteral("b"), 100).ok());
    EXPECT_EQ((*a)->readAll(), QByteArray("alpha"));
    EXPECT_TRUE((*a)->atEnd());

    // Read to its end, the entry is done: another may be opened while the device lives on.
    const auto bWhole = zip->read(QStringLiteral("b"), 100);
    ASSERT_TRUE(bWhole.ok()) << text(bWhole.error());
    EXPECT_EQ(*bWhole, QByteArray("beta"));

    // Part read, it holds the reader until it is closed or destroyed.
    auto again = zip->openEntry(QStringLiteral("a"));
    ASSERT_TRUE(again.ok());
    char c = 0;
    ASSERT_TRUE((*again)->getChar(&c));
    EXPECT_EQ(c, 'a');
    EXPECT_FALSE(zip->openEntry(QStringLiteral("b")).ok());
    (*again)->close();
    EXPECT_FALSE((*again)->isOpen());
    auto third = zip->openEntry(QStringLiteral("b"));
    ASSERT_TRUE(third.ok());
    third.value().reset();
    EXPECT_TRUE(zip->openEntry(QStringLiteral("a")).ok());
}

TEST(ZipReader, ADeviceMayOutliveItsReader)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("one.zip"));
    writeZip(path, {{QStringLiteral("a"), lines(1000)}});
    std::unique_ptr<foi::ZipEntryDevice> device;
    {
        auto zip = openZip(path);
        ASSERT_TRUE(zip);
        auto opened = zip->openEntry(QStringLiteral("a"));
        ASSERT_TRUE(opened.ok());
        device = std::move(opened).value();
    }
    EXPECT_EQ(device->readAll(), lines(1000));
    EXPECT_FALSE(device->error().has_value());
}

TEST(ZipReader, DamagedDataIsAnError)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.zip"));
    const QByteArray deflated = lines(2000);
    writeZip(path, {{QStringLiteral("stored-a"), "the stored text"}, {QStringLiteral("b"), deflated}});
    QByteArray bytes = foi::test::readAll(path);

    // One letter of the stored entry: only its checksum tells.
    QByteArray damaged = bytes;
    damaged[damaged.indexOf("stored text") + 2] = 'X';
    foi::test::writeAll(path, damaged);
    {
        const auto zip = openZip(path);
        ASSERT_TRUE(zip);
        const auto read = zip->read(QStringLiteral("stored-a"), 100);
        ASSERT_FALSE(read.ok());
        EXPECT_EQ(read.error().toString(),
                  QStringLiteral(
                      "damaged.zip: entry stored-a is damaged: its data does not match its checksum (CRC)"));
        auto device = zip->openEntry(QStringLiteral("stored-a"));
        ASSERT_TRUE(device.ok());
        EXPECT_EQ((*device)->readAll().size(), 15);
        ASSERT_TRUE((*device)->error().has_value());
        EXPECT_EQ((*device)->errorString(), read.error().toString());
        EXPECT_TRUE((*device)->atEnd());
        EXPECT_EQ((*device)->read(1), QByteArray());
    }

    // The middle of the deflated entry overwritten: bad compressed data, or a bad checksum.
    damaged = bytes;
    const auto local = offsetsOf(damaged, kLocal);
    ASSERT_EQ(local.size(), 2U);
    const qsizetype data = local[1] + 30 + 1;
    const qsizetype compressed = u32(damaged, local[1] + 18);
    for (qsizetype i = data + compressed / 3; i < data + compressed / 3 + 40; ++i)
        damaged[i] = static_cast<char>(0xA5 ^ i);
    foi::test::writeAll(path, damaged);
    {
        const auto zip = openZip(path);
        ASSERT_TRUE(zip);
        const auto read = zip->read(QStringLiteral("b"), deflated.size());
        ASSERT_FALSE(read.ok());
        EXPECT_TRUE(read.error().message.startsWith(QStringLiteral("entry b is damaged: ")))
            << text(read.error());
        // The reader is usable after a failed entry.
        EXPECT_TRUE(zip->openEntry(QStringLiteral("stored-a")).ok());
    }
}

TEST(ZipReader, RefusesEncryptedEntriesAndUnknownMethods)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("odd.zip"));
    writeZip(
        path,
        {{QStringLiteral("secret"), "x"}, {QStringLiteral("bzip2"), "y"}, {QStringLiteral("fine"), "z"}});
    QByteArray bytes = foi::test::readAll(path);
    const auto central = offsetsOf(bytes, kCentral);
    ASSERT_EQ(central.size(), 3U);
    setU16(bytes, central[0] + 8, u16(bytes, central[0] + 8) | 1); // encrypted
    setU16(bytes, central[1] + 10, 12);                            // bzip2
    foi::test::writeAll(path, bytes);

    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    const auto secret = zip->read(QStringLiteral("secret"), 10);
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.error().message, QStringLiteral("entry secret is encrypted, which is not supported"));
    const auto bzip2 = zip->openEntry(QStringLiteral("bzip2"));
    ASSERT_FALSE(bzip2.ok());
    EXPECT_EQ(bzip2.error().message, QStringLiteral("entry bzip2 is compressed with method 12, which is not "
                                                    "supported (only stored and deflated entries are)"));
    const auto fine = zip->read(QStringLiteral("fine"), 10);
    ASSERT_TRUE(fine.ok());
    EXPECT_EQ(*fine, QByteArray("z"));
}

TEST(ZipReader, NamesWithoutTheUtf8Flag)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("legacy.zip"));
    writeZip(path, {{QStringLiteral("xA.txt"), "dos"}, {QStringLiteral("né.txt"), "unix"}});
    QByteArray bytes = foi::test::readAll(path);
    // A name in code page 437, as old Windows tools write them: 0x82 is é.
    for (const qsizetype at : offsetsOf(bytes, "xA.txt"))
        bytes[at + 1] = static_cast<char>(0x82);
    // UTF-8 without the flag, as Info-ZIP on Unix writes it.
    for (const qsizetype at : offsetsOf(bytes, kCentral))
        setU16(bytes, at + 8, u16(bytes, at + 8) & ~0x0800);
    foi::test::writeAll(path, bytes);

    const auto zip = openZip(path);
    ASSERT_TRUE(zip);
    EXPECT_EQ(zip->entries(), (QStringList{QStringLiteral("xé.txt"), QStringLiteral("né.txt")}));
    const auto dos = zip->read(QStringLiteral("xé.txt"), 10);
    ASSERT_TRUE(dos.ok()) << text(dos.error());
    EXPECT_EQ(*dos, QByteArray("dos"));
}
