#pragma once

#include "count/Request.h"
#include "protect/Release.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

namespace foi::ui {

/// One released table as the Preview page shows it: the same lines and cells as
/// ReleasedTable::releasedGrid() (its first line is the horizontal header, then a row per row category
/// with the label in column 0, the totals last).
///
/// Released mode (the default) shows only what is released ("12", "[c]"): no role of a withheld or
/// rounded cell carries its true count. Unprotected mode is the officer's own view and shows every true
/// count, a withheld one as "3 (withheld)". A withheld cell's tooltip says in plain words why it is
/// withheld; AccessibleTextRole reads the row, the column and the value together.
class ReleasedTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// cellStatusName() of the cell ("released", "threshold", "sensitive", "secondary"); none for the label
    /// column. Safe in either mode: it says why, never how many.
    static constexpr int StatusRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setTable(const ReleasedTable &table);
    const ReleasedTable &table() const { return m_table; }

    /// The policy the table was protected under: only the tooltips use it (the threshold they name, zeros
    /// withheld, the rounding base). Without it the tooltips say the same in general words.
    void setPolicy(const ProtectionPolicy &policy);

    /// Shows the true counts (the officer's view, never the default). Emits dataChanged for every value
    /// cell and unprotectedChanged when the mode changes.
    void setUnprotected(bool unprotected);
    bool unprotected() const { return m_unprotected; }

    /// The cell behind an index: nullptr for the label column and for an index outside the table.
    const ReleasedCell *cell(const QModelIndex &index) const;
    /// The row of the totals line (the last), -1 without a table.
    int totalsRow() const { return static_cast<int>(m_cells.size()) - 1; }

    /// Why a withheld cell is withheld, in plain words; empty for a released one. With revealZero (the
    /// unprotected view) a withheld zero is named as such; without it the words fit any count the cell
    /// could hold, so that they give nothing away.
    static QString withheldReason(const ReleasedCell &cell, const ProtectionPolicy &policy, bool revealZero);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void unprotectedChanged(bool unprotected);

private:
    QString valueText(const ReleasedCell *cell) const;
    QString accessibleValue(const ReleasedCell *cell) const;
    QString toolTip(const ReleasedCell &cell) const;

    ReleasedTable m_table;
    ProtectionPolicy m_policy;
    bool m_unprotected = false;
    QStringList m_header;        ///< releasedGrid()'s first line
    QVector<QStringList> m_grid; ///< releasedGrid()'s other lines: exactly what is released
    /// Per line, the cells behind its value columns (into m_table, which only setTable changes).
    QVector<QVector<const ReleasedCell *>> m_cells;
};

} // namespace foi::ui
