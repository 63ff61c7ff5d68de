#include "DemoRegister.h"

#include "register/Register.h"

#include <QFile>
#include <QTemporaryDir>

namespace foi {

Result<ImportSummary> buildDemoRegister(const QString &registerPath, const DemoOptions &options,
                                        const std::function<void(double, const QString &)> &progress,
                                        const std::atomic_bool *cancel)
{
    QTemporaryDir folder;
    if (!folder.isValid())
        return Error(QStringLiteral("cannot make a temporary folder for the demo extracts: %1")
                         .arg(folder.errorString()));
    DemoProgress hooks;
    hooks.cancel = cancel;
    if (progress)
        hooks.progress = [&](double f) {
            progress(0.4 * f, QStringLiteral("Making up demo extracts"));
        };
    Result<DemoFiles> files = generateDemo(folder.path(), options, hooks);
    if (!files)
        return files.error();

    Result<SourceProfile> cms = SourceProfile::load(QStringLiteral("cms"));
    if (!cms)
        return cms.error();
    Result<SourceProfile> connect = SourceProfile::load(QStringLiteral("connect"));
    if (!connect)
        return connect.error();

    const bool existed = QFile::exists(registerPath);
    Result<std::unique_ptr<Register>> reg = Register::open(registerPath);
    if (!reg)
        return reg.error();
    auto report = [&](const ImportProgress &p) {
        if (!progress)
            return;
        const double fileShare = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal) : 0.0;
        const double done = p.stage == QStringLiteral("merging")
                                ? 0.95
                                : 0.4 + 0.55 * (p.fileIndex + fileShare) / p.fileCount;
        progress(done, p.stage == QStringLiteral("merging") ? QStringLiteral("Merging the two systems")
                                                            : QStringLiteral("Importing %1").arg(p.fileName));
    };
    Result<ImportSummary> summary = Importer::run(
        **reg, {ImportItem{*cms, files->cmsCsv}, ImportItem{*connect, files->connectCsv}}, report, cancel);
    if (!summary && !existed) {
        reg->reset();
        QFile::remove(registerPath);
        QFile::remove(registerPath + QStringLiteral("-wal"));
        QFile::remove(registerPath + QStringLiteral("-shm"));
    }
    if (summary && progress)
        progress(1.0, QStringLiteral("Done"));
    return summary;
}

} // namespace foi
