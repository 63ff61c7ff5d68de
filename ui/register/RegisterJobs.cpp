#include "register/RegisterJobs.h"

#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace foi::ui {

RegisterViewJob::RegisterViewJob(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result<RegisterView>>::finished, this, [this] {
        if (!m_pending.isEmpty()) {
            start(std::exchange(m_pending, QString())); // the register asked for since
            return;
        }
        if (m_watcher.future().resultCount() == 0)
            return;
        Result<RegisterView> view = m_watcher.result();
        if (!view) {
            emit failed(view.error().toString());
            return;
        }
        emit loaded(std::make_shared<const RegisterView>(std::move(view).value()));
    });
}

RegisterViewJob::~RegisterViewJob()
{
    m_watcher.waitForFinished();
}

void RegisterViewJob::start(const QString &location)
{
    if (m_watcher.isRunning()) {
        // The load running cannot be interrupted (it is a read): this one starts when it ends.
        m_pending = location;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([location]() -> Result<RegisterView> {
        Register::OpenOptions options;
        options.createIfMissing = false;
        Result<std::unique_ptr<Register>> reg = Register::open(location, options);
        if (!reg)
            return reg.error();
        return loadRegisterView(**reg);
    }));
}

ImportJob::ImportJob(QString registerLocation, QVector<ImportItem> items, QObject *parent)
    : QObject(parent)
    , m_location(std::move(registerLocation))
    , m_items(std::move(items))
{
    connect(&m_watcher, &QFutureWatcher<Result<ImportSummary>>::progressTextChanged, this,
            [this](const QString &text) { emit progressChanged(m_watcher.progressValue(), text); });
    connect(&m_watcher, &QFutureWatcher<Result<ImportSummary>>::progressValueChanged, this,
            [this](int value) { emit progressChanged(value, m_watcher.progressText()); });
    connect(&m_watcher, &QFutureWatcher<Result<ImportSummary>>::finished, this, [this] {
        if (m_watcher.future().resultCount() == 0) {
            emit failed(tr("The import stopped before it finished; the register holds what it held."));
            return;
        }
        Result<ImportSummary> summary = m_watcher.result();
        if (!summary) {
            emit failed(m_cancel.load()
                            ? tr("The import was cancelled; the register holds what it held before.")
                            : summary.error().toString());
            return;
        }
        emit succeeded(*summary);
    });
}

ImportJob::~ImportJob()
{
    cancel();
    m_watcher.waitForFinished();
}

void ImportJob::cancel()
{
    m_cancel.store(true);
}

void ImportJob::start()
{
    m_cancel.store(false);
    const QString location = m_location;
    const QVector<ImportItem> items = m_items;
    std::atomic_bool *cancel = &m_cancel;
    m_watcher.setFuture(
        QtConcurrent::run([location, items, cancel](QPromise<Result<ImportSummary>> &promise) {
            promise.setProgressRange(0, 100);
            Result<std::unique_ptr<Register>> reg = Register::open(location);
            if (!reg) {
                promise.addResult(Result<ImportSummary>(reg.error()));
                return;
            }
            auto progress = [&promise](const ImportProgress &p) {
                const int percent = p.bytesTotal > 0 ? static_cast<int>(100 * p.bytesDone / p.bytesTotal) : 0;
                QString stage;
                if (p.stage == QLatin1String("reading"))
                    stage = ImportJob::tr("Reading %1 (file %2 of %3): %4 rows")
                                .arg(p.fileName)
                                .arg(p.fileIndex + 1)
                                .arg(p.fileCount)
                                .arg(p.rows);
                else if (p.stage == QLatin1String("checking"))
                    stage = ImportJob::tr("Checking %1").arg(p.fileName);
                else
                    stage = ImportJob::tr("Merging the systems");
                promise.setProgressValueAndText(percent, stage);
            };
            promise.addResult(Importer::run(**reg, items, progress, cancel));
        }));
}

} // namespace foi::ui
