#pragma once

#include "import/Importer.h"
#include "protect/Release.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace foi::ui {

/// Loads what counting needs from a register (core's loadRegisterView: the counting frame, the systems,
/// the earlier releases) off the GUI thread, on a connection of its own (a Qt Sql connection belongs to
/// the thread that opened it).
class RegisterViewJob final : public QObject
{
    Q_OBJECT

public:
    explicit RegisterViewJob(QObject *parent = nullptr);
    ~RegisterViewJob() override;

    /// Loads the register at a location; a load still running is let finish, its result dropped, and this
    /// one started after it.
    void start(const QString &location);
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void loaded(std::shared_ptr<const foi::RegisterView> view);
    void failed(const QString &message);

private:
    QFutureWatcher<Result<RegisterView>> m_watcher;
    QString m_pending; ///< a register to load once the load running ends
};

/// Imports extracts into a register and merges them off the GUI thread (core's Importer, one
/// transaction), reporting progress; cancel() stops it and the register keeps exactly what it held.
class ImportJob final : public QObject
{
    Q_OBJECT

public:
    ImportJob(QString registerLocation, QVector<ImportItem> items, QObject *parent = nullptr);
    ~ImportJob() override; ///< cancels and waits

    void start();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    bool wasCancelled() const { return m_cancel.load(); }

signals:
    /// percent of the file being read, and what is happening in words.
    void progressChanged(int percent, const QString &stage);
    void succeeded(const foi::ImportSummary &summary);
    void failed(const QString &message);

private:
    QString m_location;
    QVector<ImportItem> m_items;
    std::atomic_bool m_cancel{false};
    QFutureWatcher<Result<ImportSummary>> m_watcher;
};

} // namespace foi::ui
