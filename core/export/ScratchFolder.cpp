#include "export/ScratchFolder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>

namespace foi {

namespace {

constexpr auto kLockName = "lock";

/// Removes the scratch folders of processes that are gone: their lock is stale (its process is not
/// running). A folder without a lock is only removed when old, as its process may be about to lock it.
void sweepLeftOvers()
{
    const QDir temp(QDir::tempPath());
    const QFileInfoList found =
        temp.entryInfoList({ScratchFolder::prefix() + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &folder : found) {
        if (folder.isSymLink() || !folder.isWritable())
            continue;
        const QString lockPath = QDir(folder.filePath()).filePath(QLatin1String(kLockName));
        if (!QFileInfo::exists(lockPath)) {
            if (folder.lastModified().secsTo(QDateTime::currentDateTime()) < 3600)
                continue;
        } else {
            QLockFile lock(lockPath);
            lock.setStaleLockTime(0); // stale only when its process is gone, however long it ran
            if (!lock.tryLock(0))
                continue; // a live export's
            lock.unlock();
        }
        QDir(folder.filePath()).removeRecursively();
    }
}

} // namespace

ScratchFolder::ScratchFolder() = default;

ScratchFolder::~ScratchFolder()
{
    if (m_lock)
        m_lock->unlock();
    // m_dir removes the folder and everything in it.
}

QString ScratchFolder::prefix()
{
    return QStringLiteral("foi-tables-scratch-");
}

Result<std::unique_ptr<ScratchFolder>> ScratchFolder::make()
{
    sweepLeftOvers();
    std::unique_ptr<ScratchFolder> scratch(new ScratchFolder);
    scratch->m_dir =
        std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(prefix() + QStringLiteral("XXXXXX")));
    if (!scratch->m_dir->isValid())
        return Error(
            QStringLiteral("cannot make a private folder for the export in the temporary folder: %1 "
                           "(free some space there, or set TMPDIR/TEMP to a folder you can write to)")
                .arg(scratch->m_dir->errorString()),
            QDir::tempPath());
    scratch->m_lock = std::make_unique<QLockFile>(scratch->filePath(QLatin1String(kLockName)));
    scratch->m_lock->setStaleLockTime(0);
    if (!scratch->m_lock->tryLock(0))
        return Error(QStringLiteral("cannot lock the export's private folder"), scratch->path());
    return scratch;
}

QString ScratchFolder::filePath(const QString &name) const
{
    return m_dir->filePath(name);
}

QString ScratchFolder::path() const
{
    return m_dir->path();
}

} // namespace foi
