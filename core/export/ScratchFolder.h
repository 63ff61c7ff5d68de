#pragma once

#include "common/Result.h"

#include <QString>

#include <memory>

class QLockFile;
class QTemporaryDir;

namespace foi {

/// A private folder (mode 0700) in the system's temporary folder, for the files an export makes before
/// the safety gate has read them: libxlsxwriter writes to a path, and a half-written file must never
/// lie in the folder the officer attaches files from. The folder goes, with all in it, when the object
/// does. A process killed in the middle leaves its folder behind; the next ScratchFolder removes every
/// such folder whose process is gone (each holds a lock file naming its process).
class ScratchFolder
{
public:
    static Result<std::unique_ptr<ScratchFolder>> make();
    ~ScratchFolder();

    QString filePath(const QString &name) const;
    QString path() const;

    /// The name every scratch folder starts with, in QDir::tempPath().
    static QString prefix();

private:
    ScratchFolder();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace foi
