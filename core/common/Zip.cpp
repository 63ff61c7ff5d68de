#include "Zip.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <unzip.h>
#include <zip.h>

#include <algorithm>
#include <limits>

namespace foi {

namespace detail {

// The open zip file, shared by a ZipReader and the device of the entry being read, so that either may be
// destroyed first.
struct UnzipArchive
{
    unzFile handle = nullptr;
    QString fileName;  // for errors
    QString openEntry; // the entry a device is reading; null when none

    UnzipArchive() = default;
    UnzipArchive(const UnzipArchive &) = delete;
    UnzipArchive &operator=(const UnzipArchive &) = delete;
    ~UnzipArchive()
    {
        if (handle)
            unzClose(handle);
    }
};

} // namespace detail

namespace {

constexpr quint32 kUtf8NameFlag = 1U << 11; // general purpose bit 11: the name is UTF-8
constexpr quint32 kEncryptedFlag = 1U << 0;
constexpr qint64 kChunk = 1 << 30; // minizip reads and writes take an unsigned length

// Code page 437, 0x80 to 0xFF: what a zip name without the UTF-8 flag is, says the zip format.
constexpr char16_t kCp437High[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
    0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
    0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

// Names flagged UTF-8 are UTF-8. Unflagged ones are code page 437 by the format, but many tools write
// UTF-8 without the flag: valid UTF-8 is taken as UTF-8 (plain ASCII is both).
QString decodeName(const QByteArray &raw, bool utf8Flag)
{
    if (utf8Flag)
        return QString::fromUtf8(raw);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString name = utf8(raw);
    if (!utf8.hasError())
        return name;
    name.clear();
    name.reserve(raw.size());
    for (const char c : raw) {
        const auto byte = static_cast<uchar>(c);
        name.append(QChar(byte < 0x80 ? char16_t(byte) : kCp437High[byte - 0x80]));
    }
    return name;
}

// The MS-DOS date and time of a zip header: the date and time when shows, to 2 seconds, in 1980..2107.
quint32 dosDateTime(const QDateTime &when)
{
    const QDate date = when.date();
    const QTime time = when.time();
    if (!when.isValid() || date.year() < 1980)
        return (1U << 21) | (1U << 16); // 1 January 1980, 00:00:00
    if (date.year() > 2107)
        return (127U << 25) | (12U << 21) | (31U << 16) | (23U << 11) | (59U << 5) | 29U;
    return (static_cast<quint32>(date.year() - 1980) << 25) | (static_cast<quint32>(date.month()) << 21) |
           (static_cast<quint32>(date.day()) << 16) | (static_cast<quint32>(time.hour()) << 11) |
           (static_cast<quint32>(time.minute()) << 5) | static_cast<quint32>(time.second() / 2);
}

// minizip cannot open a zip without entries, which is its end record alone: it never looks for that record
// at offset 0. Such a zip is recognised here.
bool isEmptyZip(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() < 22 || file.size() > 22 + 0xFFFF)
        return false;
    const QByteArray record = file.readAll();
    const auto u16 = [&record](qsizetype at) {
        return static_cast<uint>(static_cast<uchar>(record[at]) | static_cast<uchar>(record[at + 1]) << 8);
    };
    return record.startsWith(QByteArray("PK\x05\x06", 4)) && u16(8) == 0 && u16(10) == 0 &&
           record.size() == 22 + static_cast<qsizetype>(u16(20));
}

zlib_filefunc64_def fileFunctions()
{
    // minizip's own stdio functions, fopen64 and fseeko64: zips over 4 GiB work.
    zlib_filefunc64_def functions{};
    fill_fopen64_filefunc(&functions);
    return functions;
}

} // namespace

// ZipEntryDevice

ZipEntryDevice::ZipEntryDevice(std::shared_ptr<detail::UnzipArchive> archive, QString name, qint64 size)
    : m_archive(std::move(archive))
    , m_name(std::move(name))
    , m_size(size)
{}

ZipEntryDevice::~ZipEntryDevice()
{
    endEntry();
}

qint64 ZipEntryDevice::pos() const
{
    return m_delivered - QIODevice::bytesAvailable();
}

qint64 ZipEntryDevice::bytesAvailable() const
{
    return QIODevice::bytesAvailable() + (m_entryOpen ? std::max<qint64>(0, m_size - m_delivered) : 0);
}

bool ZipEntryDevice::atEnd() const
{
    // At the end once the end was read (and checked), or reading failed; not merely when the size the
    // directory gives has been read.
    return !isOpen() || (QIODevice::bytesAvailable() == 0 && !m_entryOpen);
}

void ZipEntryDevice::close()
{
    endEntry();
    QIODevice::close();
}

void ZipEntryDevice::endEntry()
{
    if (!m_entryOpen)
        return;
    unzCloseCurrentFile(m_archive->handle);
    m_entryOpen = false;
    m_archive->openEntry = QString();
}

void ZipEntryDevice::failWith(const QString &reason)
{
    m_error = Error(QStringLiteral("entry %1 is damaged: %2").arg(m_name, reason), m_archive->fileName);
    setErrorString(m_error->toString());
    endEntry();
}

qint64 ZipEntryDevice::readData(char *data, qint64 maxSize)
{
    if (!m_entryOpen || m_error)
        return -1;
    if (maxSize <= 0)
        return 0;
    const int n =
        unzReadCurrentFile(m_archive->handle, data, static_cast<unsigned>(std::min(maxSize, kChunk)));
    if (n > 0) {
        m_delivered += n;
        return n;
    }
    if (n < 0) {
        failWith(n == UNZ_ERRNO ? QStringLiteral("the file cannot be read")
                                : QStringLiteral("its compressed data is corrupt (zip error %1)").arg(n));
        return -1;
    }
    // The end of the data: now its checksum and size can be checked.
    const int closed = unzCloseCurrentFile(m_archive->handle);
    m_entryOpen = false;
    m_archive->openEntry = QString();
    if (closed == UNZ_CRCERROR)
        failWith(QStringLiteral("its data does not match its checksum (CRC)"));
    else if (closed != UNZ_OK)
        failWith(QStringLiteral("zip error %1 at its end").arg(closed));
    else if (m_delivered != m_size)
        failWith(QStringLiteral("it holds %1 bytes where the zip's directory says %2")
                     .arg(m_delivered)
                     .arg(m_size));
    return -1;
}

qint64 ZipEntryDevice::writeData(const char *, qint64)
{
    return -1;
}

// ZipReader

ZipReader::~ZipReader() = default;

Result<std::unique_ptr<ZipReader>> ZipReader::open(const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    {
        // minizip says only that it failed: ask Qt why a file cannot be opened.
        QFile probe(path);
        if (!probe.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("cannot open the file: %1").arg(probe.errorString()), fileName);
    }
    zlib_filefunc64_def functions = fileFunctions();
    const QByteArray localPath = QFile::encodeName(path);
    const unzFile handle = unzOpen2_64(localPath.constData(), &functions);
    std::unique_ptr<ZipReader> reader(new ZipReader());
    reader->m_archive = std::make_shared<detail::UnzipArchive>();
    reader->m_archive->handle = handle;
    reader->m_archive->fileName = fileName;
    if (!handle) {
        if (isEmptyZip(path))
            return Result<std::unique_ptr<ZipReader>>(std::move(reader));
        return Error(QStringLiteral("not a zip file (an XLSX or ODS file is a zip)"), fileName);
    }

    unz_global_info64 global{};
    int rc = unzGetGlobalInfo64(handle, &global);
    if (rc == UNZ_OK && global.number_entry > 0)
        rc = unzGoToFirstFile(handle);
    else if (rc == UNZ_OK)
        rc = UNZ_END_OF_LIST_OF_FILE;
    std::vector<char> nameBuffer(0x10000 + 1); // names are at most 65535 bytes
    while (rc == UNZ_OK) {
        unz_file_info64 info{};
        rc = unzGetCurrentFileInfo64(handle, &info, nameBuffer.data(), static_cast<uLong>(nameBuffer.size()),
                                     nullptr, 0, nullptr, 0);
        unz64_file_pos position{};
        if (rc == UNZ_OK)
            rc = unzGetFilePos64(handle, &position);
        if (rc != UNZ_OK)
            break;
        Entry entry;
        const QByteArray raw(nameBuffer.data(),
                             static_cast<qsizetype>(std::min<uLong>(info.size_filename, 0xFFFF)));
        entry.name = decodeName(raw, (info.flag & kUtf8NameFlag) != 0);
        entry.directoryOffset = position.pos_in_zip_directory;
        entry.number = position.num_of_file;
        entry.uncompressedSize = static_cast<qint64>(
            std::min<ZPOS64_T>(info.uncompressed_size, std::numeric_limits<qint64>::max()));
        entry.method = static_cast<int>(info.compression_method);
        entry.encrypted = (info.flag & kEncryptedFlag) != 0;
        // When a name is there twice, the first is the one found, as unzip finds it.
        const size_t index = reader->m_entries.size();
        if (!reader->m_byName.contains(entry.name))
            reader->m_byName.insert(entry.name, index);
        const QString folded = entry.name.toCaseFolded();
        if (!reader->m_byFoldedName.contains(folded))
            reader->m_byFoldedName.insert(folded, index);
        reader->m_entries.push_back(std::move(entry));
        rc = unzGoToNextFile(handle);
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE)
        return Error(QStringLiteral("the zip's list of entries is damaged (zip error %1)").arg(rc), fileName);
    return Result<std::unique_ptr<ZipReader>>(std::move(reader));
}

QStringList ZipReader::entries() const
{
    QStringList names;
    names.reserve(static_cast<qsizetype>(m_entries.size()));
    for (const Entry &entry : m_entries)
        names.append(entry.name);
    return names;
}

const ZipReader::Entry *ZipReader::find(const QString &name, Qt::CaseSensitivity cs) const
{
    if (const auto it = m_byName.constFind(name); it != m_byName.cend())
        return &m_entries[*it];
    if (cs == Qt::CaseInsensitive) {
        if (const auto it = m_byFoldedName.constFind(name.toCaseFolded()); it != m_byFoldedName.cend())
            return &m_entries[*it];
    }
    return nullptr;
}

bool ZipReader::contains(const QString &name, Qt::CaseSensitivity cs) const
{
    return find(name, cs) != nullptr;
}

qint64 ZipReader::uncompressedSize(const QString &name, Qt::CaseSensitivity cs) const
{
    const Entry *entry = find(name, cs);
    return entry ? entry->uncompressedSize : -1;
}

Error ZipReader::error(const QString &message) const
{
    return Error(message, m_archive->fileName);
}

Result<std::unique_ptr<ZipEntryDevice>> ZipReader::openEntry(const QString &name, Qt::CaseSensitivity cs)
{
    const Entry *entry = find(name, cs);
    if (!entry)
        return error(QStringLiteral("entry %1 is missing").arg(name));
    if (!m_archive->openEntry.isNull())
        return error(QStringLiteral("cannot read entry %1 while entry %2 is still open (a zip is read one "
                                    "entry at a time)")
                         .arg(entry->name, m_archive->openEntry));
    if (entry->encrypted)
        return error(QStringLiteral("entry %1 is encrypted, which is not supported").arg(entry->name));
    if (entry->method != 0 && entry->method != Z_DEFLATED)
        return error(QStringLiteral("entry %1 is compressed with method %2, which is not supported (only "
                                    "stored and deflated entries are)")
                         .arg(entry->name)
                         .arg(entry->method));
    unz64_file_pos position{entry->directoryOffset, entry->number};
    int rc = unzGoToFilePos64(m_archive->handle, &position);
    if (rc == UNZ_OK)
        rc = unzOpenCurrentFile(m_archive->handle);
    if (rc != UNZ_OK)
        return error(QStringLiteral("entry %1 is damaged: its header cannot be read (zip error %2)")
                         .arg(entry->name)
                         .arg(rc));
    m_archive->openEntry = entry->name;
    std::unique_ptr<ZipEntryDevice> device(
        new ZipEntryDevice(m_archive, entry->name, entry->uncompressedSize));
    device->m_entryOpen = true;
    // Unbuffered: reads go straight to minizip, so pos() is what was decompressed.
    device->QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    return Result<std::unique_ptr<ZipEntryDevice>>(std::move(device));
}

Result<QByteArray> ZipReader::read(const QString &name, qint64 maxBytes, Qt::CaseSensitivity cs)
{
    const Entry *entry = find(name, cs);
    if (!entry)
        return error(QStringLiteral("entry %1 is missing").arg(name));
    if (entry->uncompressedSize > maxBytes)
        return error(
            QStringLiteral("entry %1 is too large: %2 bytes uncompressed, more than the %3 allowed (a "
                           "guard against zip bombs)")
                .arg(entry->name)
                .arg(entry->uncompressedSize)
                .arg(maxBytes));
    auto opened = openEntry(entry->name, Qt::CaseSensitive);
    if (!opened)
        return opened.error();
    ZipEntryDevice &device = **opened;
    const qint64 size = entry->uncompressedSize;
    QByteArray bytes(static_cast<qsizetype>(size), Qt::Uninitialized);
    qint64 got = 0;
    while (got < size) {
        const qint64 n = device.read(bytes.data() + got, size - got);
        if (n <= 0)
            break;
        got += n;
    }
    if (got == size) {
        char beyond = 0;
        device.read(&beyond, 1); // reads the end, where the checksum is checked
    }
    if (device.error())
        return *device.error();
    if (got != size) // cannot happen: the device fails when the data ends early
        return error(QStringLiteral("entry %1 is damaged: it ends early").arg(entry->name));
    return bytes;
}

// ZipWriter

ZipWriter::~ZipWriter()
{
    if (m_zip)
        zipClose(m_zip, nullptr);
}

Error ZipWriter::error(const QString &message) const
{
    return Error(message, m_fileName);
}

Result<std::unique_ptr<ZipWriter>> ZipWriter::open(const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    {
        // minizip says only that it failed: ask Qt why a file cannot be created.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly))
            return Error(QStringLiteral("cannot create the file: %1").arg(probe.errorString()), fileName);
    }
    zlib_filefunc64_def functions = fileFunctions();
    const QByteArray localPath = QFile::encodeName(path);
    const zipFile zip = zipOpen2_64(localPath.constData(), APPEND_STATUS_CREATE, nullptr, &functions);
    if (!zip)
        return Error(QStringLiteral("cannot create the zip file"), fileName);
    std::unique_ptr<ZipWriter> writer(new ZipWriter());
    writer->m_zip = zip;
    writer->m_fileName = fileName;
    writer->m_dosTime = dosDateTime(QDateTime::currentDateTime());
    return Result<std::unique_ptr<ZipWriter>>(std::move(writer));
}

void ZipWriter::setTimestamp(const QDateTime &when)
{
    m_dosTime = dosDateTime(when);
}

Status ZipWriter::add(const QString &name, const QByteArray &data, bool compress)
{
    if (!m_zip)
        return error(QStringLiteral("cannot add entry %1: the zip is closed").arg(name));
    if (m_failed)
        return error(
            QStringLiteral("cannot add entry %1: an earlier entry failed (%2)").arg(name, m_failed->message));
    if (name.isEmpty() || name.contains(QChar(0)))
        return error(QStringLiteral("a zip entry needs a name, without NUL characters"));
    if (m_names.contains(name))
        return error(QStringLiteral("entry %1 is already in the zip").arg(name));
    const QByteArray encoded = name.toUtf8();
    if (encoded.size() > 0xFFFF)
        return error(QStringLiteral("entry %1 has a name over 65535 bytes").arg(name.left(40)));
    const bool ascii =
        std::all_of(encoded.cbegin(), encoded.cend(), [](char c) { return static_cast<uchar>(c) < 0x80; });

    zip_fileinfo info{};
    info.dosDate = m_dosTime;
    // zip64 headers only where needed: without them a small entry's local header has no extra field,
    // which ODF requires of its mimetype entry.
    const int zip64 = data.size() >= qint64(0xFFFFFFFF) ? 1 : 0;
    int rc = zipOpenNewFileInZip4_64(m_zip, encoded.constData(), &info, nullptr, 0, nullptr, 0, nullptr,
                                     compress ? Z_DEFLATED : 0, compress ? Z_DEFAULT_COMPRESSION : 0, 0,
                                     -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, nullptr, 0, 0,
                                     ascii ? 0 : kUtf8NameFlag, zip64);
    if (rc == ZIP_OK) {
        for (qint64 offset = 0; offset < data.size() && rc == ZIP_OK; offset += kChunk) {
            const qint64 chunk = std::min(kChunk, data.size() - offset);
            rc = zipWriteInFileInZip(m_zip, data.constData() + offset, static_cast<unsigned>(chunk));
        }
        const int closed = zipCloseFileInZip(m_zip);
        if (rc == ZIP_OK)
            rc = closed;
    }
    if (rc != ZIP_OK) {
        m_failed = error(rc == ZIP_ERRNO
                             ? QStringLiteral("cannot write entry %1: the file cannot be written").arg(name)
                             : QStringLiteral("cannot write entry %1 (zip error %2)").arg(name).arg(rc));
        return *m_failed;
    }
    m_names.insert(name);
    return {};
}

Status ZipWriter::close()
{
    if (!m_zip)
        return m_failed ? Status(*m_failed) : Status();
    const int rc = zipClose(m_zip, nullptr);
    m_zip = nullptr;
    if (m_failed)
        return *m_failed;
    if (rc != ZIP_OK) {
        m_failed = error(QStringLiteral("cannot finish the zip file (zip error %1)").arg(rc));
        return *m_failed;
    }
    return {};
}

} // namespace foi
