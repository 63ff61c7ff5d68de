#pragma once

#include "demo/DemoGenerator.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>

namespace foi::ui {

/// Builds the demo register off the GUI thread (core's buildDemoRegister on the thread pool) and reports
/// progress; cancel() stops it, leaving no register file behind.
class DemoRegisterJob final : public QObject
{
    Q_OBJECT

public:
    DemoRegisterJob(QString registerPath, DemoOptions options, QObject *parent = nullptr);
    ~DemoRegisterJob() override;

    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progressChanged(int percent, const QString &stage);
    void succeeded();
    void failed(const QString &message);

private:
    QString m_path;
    DemoOptions m_options;
    std::atomic_bool m_cancel{false};
    QFutureWatcher<QString> m_watcher;
};

} // namespace foi::ui
