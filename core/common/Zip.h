#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

// Zip containers (XLSX and ODS are zips) through Debian's system minizip, the very library libxlsxwriter
// uses: one copy of minizip's zip*/unz* symbols in the process (docs/decisions.md says why it matters).
// The minizip headers stay in Zip.cpp.

namespace foi {

namespace detail {
struct UnzipArchive;
} // namespace detail

/// The decompressed bytes of one zip entry, from ZipReader::openEntry: read-only and sequential, so that
/// QXmlStreamReader can parse a huge sheet as it is decompressed.
///
/// pos() counts the bytes read so far (QIODevice's own pos() stays 0 on sequential devices), and
/// bytesAvailable() is what is left of the size the zip's directory gives, so size() is the whole entry
/// until the first read. A read returns -1 at the end of the data and after a failure; error() tells them
/// apart. The checksum is verified when the end is read, so only a device read to its end has been checked.
/// The device keeps the zip file open: it may outlive its ZipReader.
class ZipEntryDevice final : public QIODevice
{
    Q_OBJECT

public:
    ~ZipEntryDevice() override;

    ZipEntryDevice(const ZipEntryDevice &) = delete;
    ZipEntryDevice &operator=(const ZipEntryDevice &) = delete;

    QString entryName() const { return m_name; }
    /// Why the data stopped before its end: damaged compressed data, a checksum or size that does not
    /// match the zip's directory, a read error. Empty while all is well.
    const std::optional<Error> &error() const { return m_error; }

    bool isSequential() const override { return true; }
    qint64 pos() const override;
    qint64 bytesAvailable() const override;
    bool atEnd() const override;
    /// Ends the entry, so that its ZipReader can open another one. Destroying the device closes it.
    void close() override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    friend class ZipReader;
    ZipEntryDevice(std::shared_ptr<detail::UnzipArchive> archive, QString name, qint64 size);
    void failWith(const QString &reason);
    void endEntry();

    std::shared_ptr<detail::UnzipArchive> m_archive;
    QString m_name;
    qint64 m_size = 0;      // uncompressed, as the directory says
    qint64 m_delivered = 0; // bytes returned by readData
    bool m_entryOpen = false;
    std::optional<Error> m_error;
};

/// Reads a zip file: its entry names, and an entry's data, whole or streamed.
///
/// Names are as stored, decoded from UTF-8 (or, without the UTF-8 flag and when they are not valid UTF-8,
/// from code page 437 as the zip format says). Lookups are exact unless asked to ignore case (OOXML part
/// names are case-insensitive; ODF's are not).
///
/// A reader decompresses one entry at a time: while the device from openEntry() is open, read() and
/// openEntry() refuse with an error; close or destroy the device first. Not thread-safe.
/// Errors name the zip file (Error::file, its file name) and the entry.
class ZipReader final
{
public:
    /// The reader for the zip at path, with its directory read; or why it cannot be read.
    static Result<std::unique_ptr<ZipReader>> open(const QString &path);
    ~ZipReader();

    ZipReader(const ZipReader &) = delete;
    ZipReader &operator=(const ZipReader &) = delete;

    /// Every entry's name (folders end in '/'), in the order of the zip's directory.
    QStringList entries() const;
    bool contains(const QString &name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const;
    /// The entry's uncompressed size as the zip's directory gives it; -1 when there is no such entry.
    qint64 uncompressedSize(const QString &name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const;

    /// The entry's data, decompressed and checked. An entry whose uncompressed size is over maxBytes is
    /// refused before anything is decompressed (a guard against zip bombs).
    Result<QByteArray> read(const QString &name, qint64 maxBytes, Qt::CaseSensitivity cs = Qt::CaseSensitive);

    /// A device streaming the entry's data as it is decompressed; see ZipEntryDevice. One at a time.
    Result<std::unique_ptr<ZipEntryDevice>> openEntry(const QString &name,
                                                      Qt::CaseSensitivity cs = Qt::CaseSensitive);

private:
    // One entry of the zip's directory.
    struct Entry
    {
        QString name;
        quint64 directoryOffset = 0; // where minizip finds it again (unz64_file_pos)
        quint64 number = 0;
        qint64 uncompressedSize = 0;
        int method = 0;
        bool encrypted = false;
    };

    ZipReader() = default;
    const Entry *find(const QString &name, Qt::CaseSensitivity cs) const;
    Error error(const QString &message) const;

    std::shared_ptr<detail::UnzipArchive> m_archive;
    std::vector<Entry> m_entries;
    QHash<QString, size_t> m_byName;
    QHash<QString, size_t> m_byFoldedName;
};

/// Writes a new zip file, entry by entry, each entry's data given whole.
///
/// Entries may be deflated or stored (ODF wants its "mimetype" entry first and stored, which puts the
/// media type at byte 30 of the file). Names are written as UTF-8, with the UTF-8 flag when they are not
/// plain ASCII. Entries larger than 4 GiB get zip64 headers; smaller ones get none, so their local
/// headers have no extra field. Writes straight to path; close() says whether everything was written.
class ZipWriter final
{
public:
    /// Creates (or truncates) the zip file at path.
    static Result<std::unique_ptr<ZipWriter>> open(const QString &path);
    /// Closes the zip if close() was not called, ignoring errors.
    ~ZipWriter();

    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    /// The modification time written for the entries added from now on; by default the time of open().
    /// A fixed time makes the output the same byte for byte. Zip times have no time zone: the date and
    /// time the QDateTime shows are written, to 2 seconds, clamped to 1980..2107.
    void setTimestamp(const QDateTime &when);

    /// Adds an entry: deflated when compress, else stored as is. Names must be unique and not empty.
    Status add(const QString &name, const QByteArray &data, bool compress = true);

    /// Writes the zip's directory and closes the file. After a failed add() the zip is incomplete: close()
    /// closes it and returns that failure.
    Status close();

private:
    ZipWriter() = default;
    Error error(const QString &message) const;

    void *m_zip = nullptr; // zipFile
    QString m_fileName;
    quint32 m_dosTime = 0;
    QSet<QString> m_names;
    std::optional<Error> m_failed;
};

} // namespace foi
