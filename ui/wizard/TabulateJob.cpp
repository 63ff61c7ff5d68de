#include "wizard/TabulateJob.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace foi::ui {

TabulateJob::TabulateJob(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &TabulateJob::start);
}

TabulateJob::~TabulateJob()
{
    cancel();
    // The count reads the view and the request it was given (copies it holds), never this object, but the
    // watchers are this object's children: wait for the runs so that none outlives the window.
    const auto watchers = findChildren<QFutureWatcher<Result<Release>> *>();
    for (QFutureWatcher<Result<Release>> *w : watchers)
        w->waitForFinished();
}

void TabulateJob::schedule(std::shared_ptr<const RegisterView> view, const Request &request)
{
    m_view = std::move(view);
    m_request = request;
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_timer.start();
}

void TabulateJob::cancel()
{
    m_timer.stop();
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
}

void TabulateJob::start()
{
    if (!m_view)
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = m_generation;
    std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    std::shared_ptr<const RegisterView> view = m_view;
    const Request request = m_request;
    auto *watcher = new QFutureWatcher<Result<Release>>(this);
    ++m_running;
    connect(watcher, &QFutureWatcher<Result<Release>>::progressValueChanged, this,
            [this, watcher, generation](int done) {
                if (generation == m_generation)
                    emit progressChanged(done, watcher->progressMaximum());
            });
    connect(watcher, &QFutureWatcher<Result<Release>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_running;
        if (generation != m_generation || watcher->future().resultCount() == 0)
            return; // the request changed meanwhile: a newer count is on its way
        Result<Release> release = watcher->result();
        if (!release) {
            emit failed(release.error().toString());
            return;
        }
        emit finished(std::make_shared<const Release>(std::move(release).value()));
    });
    emit started();
    // Progress goes through the promise, which hands it to the watcher on the GUI thread.
    watcher->setFuture(QtConcurrent::run([view, request, cancelFlag](QPromise<Result<Release>> &promise) {
        protect::Control control;
        control.cancel = cancelFlag.get();
        control.progress = [&promise](int done, int total) {
            promise.setProgressRange(0, total);
            promise.setProgressValue(done);
        };
        promise.addResult(tabulate(view->frame, request, view->context, control));
        releaseSolverThreadState(); // the pool thread keeps no solver memory between counts
    }));
}

} // namespace foi::ui
