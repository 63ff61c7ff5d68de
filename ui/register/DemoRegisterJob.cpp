#include "DemoRegisterJob.h"

#include "demo/DemoRegister.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace foi::ui {

DemoRegisterJob::DemoRegisterJob(QString registerPath, DemoOptions options, QObject *parent)
    : QObject(parent)
    , m_path(std::move(registerPath))
    , m_options(options)
{
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher.result();
        if (error.isEmpty())
            emit succeeded();
        else
            emit failed(error);
    });
}

DemoRegisterJob::~DemoRegisterJob()
{
    m_cancel = true;
    m_watcher.waitForFinished();
}

void DemoRegisterJob::start()
{
    m_cancel = false;
    QPointer<DemoRegisterJob> self(this);
    auto report = [self](double fraction, const QString &stage) {
        // Called on the worker thread: hand the progress to the GUI thread.
        const int percent = static_cast<int>(fraction * 100);
        QMetaObject::invokeMethod(
            self.data(),
            [self, percent, stage] {
                if (self)
                    emit self->progressChanged(percent, stage);
            },
            Qt::QueuedConnection);
    };
    m_watcher.setFuture(QtConcurrent::run([path = m_path, options = m_options, report, cancel = &m_cancel]() {
        Result<ImportSummary> r = buildDemoRegister(path, options, report, cancel);
        return r.ok() ? QString() : r.error().toString();
    }));
}

void DemoRegisterJob::cancel()
{
    m_cancel = true;
}

bool DemoRegisterJob::isRunning() const
{
    return m_watcher.isRunning();
}

} // namespace foi::ui
