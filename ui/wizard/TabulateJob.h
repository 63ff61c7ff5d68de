#pragma once

#include "count/Request.h"
#include "protect/Release.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace foi::ui {

/// Works out a release off the GUI thread (core's tabulate on the thread pool), a short pause after the
/// last change so that typing a threshold does not start a count per key. A newer request cancels the
/// one running, whose result is dropped; the window never waits for the solver.
class TabulateJob final : public QObject
{
    Q_OBJECT

public:
    explicit TabulateJob(QObject *parent = nullptr);
    ~TabulateJob() override; ///< cancels the count running and waits for it

    /// The pause after the last change before counting (ms; 0: count at once).
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    void schedule(std::shared_ptr<const RegisterView> view, const Request &request);
    void cancel();
    bool isBusy() const { return m_timer.isActive() || m_running > 0; }

signals:
    void started();
    void progressChanged(int done, int total);
    void finished(std::shared_ptr<const foi::Release> release);
    void failed(const QString &message);

private:
    void start();

    QTimer m_timer;
    std::shared_ptr<const RegisterView> m_view;
    Request m_request;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace foi::ui
