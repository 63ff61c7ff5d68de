#pragma once

#include "requests/RequestLists.h"

#include <QAbstractTableModel>
#include <QVector>

namespace foi::ui {

/// The request register as the main window lists it: a row per request with its due day and the time
/// left in words, so that overdue and due-soon requests show by their text (and an icon and colour on
/// top, never by colour alone).
class RequestsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Reference,
        Title,
        Received,
        Due,
        TimeLeft,
        Status,
        Officer,
        ColumnCount
    };

    /// The day a row is sorted by (a QDate; invalid when the clock is stopped) under Qt::UserRole, and
    /// under SortRole the value the column sorts by.
    static constexpr int SortRole = Qt::UserRole + 1;
    /// Working days left before a request is "due soon" (its time left is marked).
    static constexpr int kDueSoonWorkingDays = 5;

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(const QVector<RequestRow> &rows);
    const QVector<RequestRow> &rows() const { return m_rows; }

    /// The time left in words: "3 working days left", "Due today", "Overdue by 2 working days",
    /// "Clock stopped: clarification sought", "Responded in 16 working days", or why the day cannot be
    /// counted.
    static QString timeLeftText(const RequestRow &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<RequestRow> m_rows;
};

} // namespace foi::ui
