#pragma once

#include "requests/FoiRequest.h"

#include <QAbstractTableModel>
#include <QVector>

namespace foi::ui {

/// A request's history as the main window shows it: the lines of the audit trail that name it (the
/// request added and changed, releases, exported files), newest first.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        When,
        Officer,
        What,
        Detail,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    /// The events, oldest first as the register gives them; shown newest first.
    void setEvents(const QVector<AuditEvent> &events);
    const QVector<AuditEvent> &events() const { return m_events; }

    /// "request" -> "Request", "export" -> "File exported", ...
    static QString actionText(const QString &action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<AuditEvent> m_events; ///< newest first
};

} // namespace foi::ui
