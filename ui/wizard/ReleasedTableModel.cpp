#include "wizard/ReleasedTableModel.h"

#include <QFont>

namespace foi::ui {

namespace {

const QString kTotalKey = QStringLiteral("total");

} // namespace

void ReleasedTableModel::setTable(const ReleasedTable &table)
{
    beginResetModel();
    m_table = table;
    m_header.clear();
    m_grid = m_table.releasedGrid();
    if (!m_grid.isEmpty())
        m_header = m_grid.takeFirst();
    // The cells in the order releasedGrid() writes them, so that each value column shows its own cell.
    m_cells.clear();
    const bool twoWay = m_table.spec.columns.has_value();
    for (const Category &r : std::as_const(m_table.rows)) {
        QVector<const ReleasedCell *> line;
        if (twoWay) {
            for (const Category &c : std::as_const(m_table.columns))
                line << m_table.find(r.key, c.key);
            line << m_table.find(r.key, kTotalKey);
        } else {
            line << m_table.find(r.key);
        }
        m_cells << line;
    }
    QVector<const ReleasedCell *> totals;
    if (twoWay) {
        for (const Category &c : std::as_const(m_table.columns))
            totals << m_table.find(kTotalKey, c.key);
    }
    totals << &m_table.total;
    m_cells << totals;
    Q_ASSERT(m_cells.size() == m_grid.size());
    endResetModel();
}

void ReleasedTableModel::setPolicy(const ProtectionPolicy &policy)
{
    m_policy = policy;
    if (rowCount() > 0 && columnCount() > 1)
        emit dataChanged(index(0, 1), index(rowCount() - 1, columnCount() - 1), {Qt::ToolTipRole});
}

void ReleasedTableModel::setUnprotected(bool unprotected)
{
    if (unprotected == m_unprotected)
        return;
    m_unprotected = unprotected;
    if (rowCount() > 0 && columnCount() > 1)
        emit dataChanged(index(0, 1), index(rowCount() - 1, columnCount() - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
    emit unprotectedChanged(m_unprotected);
}

const ReleasedCell *ReleasedTableModel::cell(const QModelIndex &index) const
{
    // An invalid index is a normal question here (no cell), not a misuse for checkIndex to warn of.
    if (!index.isValid() || index.column() == 0 ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return nullptr;
    const QVector<const ReleasedCell *> &line = m_cells.at(index.row());
    return index.column() - 1 < line.size() ? line.at(index.column() - 1) : nullptr;
}

int ReleasedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_grid.size());
}

int ReleasedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_header.size());
}

QString ReleasedTableModel::withheldReason(const ReleasedCell &cell, const ProtectionPolicy &policy,
                                           bool revealZero)
{
    switch (cell.status) {
    case CellStatus::Released:
    case CellStatus::NotApplicable:
        return {};
    case CellStatus::Threshold: {
        if (revealZero && cell.count == 0)
            return tr("Withheld: a zero, and this policy withholds zeros.");
        QString range;
        if (policy.threshold > 2)
            range = tr("Withheld: a count from 1 to %1 is too small to release, as it could identify someone")
                        .arg(policy.threshold - 1);
        else if (policy.threshold == 2)
            range = tr("Withheld: a count of 1 is too small to release, as it could identify someone");
        else
            range =
                tr("Withheld: the count is below the threshold for release, so it could identify someone");
        // The unprotected view knows the count is not a zero; the released one must not tell.
        if (!revealZero && policy.suppressZeros)
            range += tr(" (or it is a zero, and this policy withholds zeros)");
        return range + QLatin1Char('.');
    }
    case CellStatus::Sensitive:
        return tr("Withheld: a sexual offence, exempt under s.44(1) (the Sexual Offences (Amendment) Act "
                  "1992 protects the anonymity of victims).");
    case CellStatus::Secondary:
        return tr("Withheld so that the other withheld counts cannot be worked out from the totals.");
    }
    return {};
}

QString ReleasedTableModel::valueText(const ReleasedCell *c) const
{
    if (!c)
        return {};
    if (c->withheld())
        return tr("%1 (withheld)").arg(c->count);
    const QString count = QString::number(c->count);
    return c->shown == count ? count : tr("%1 (released as %2)").arg(count, c->shown);
}

QString ReleasedTableModel::accessibleValue(const ReleasedCell *c) const
{
    if (!c)
        return tr("blank");
    if (c->status == CellStatus::NotApplicable)
        return tr("not applicable");
    if (!m_unprotected)
        return c->withheld() ? tr("withheld %1").arg(c->shown) : c->shown;
    return c->withheld() ? tr("%1, withheld %2").arg(QString::number(c->count), c->shown) : valueText(c);
}

QString ReleasedTableModel::toolTip(const ReleasedCell &c) const
{
    if (c.withheld())
        return withheldReason(c, m_policy, m_unprotected);
    if (c.status == CellStatus::NotApplicable)
        return tr("Not applicable: no record can fall in this cell (a class outside its own subgroup, a "
                  "month outside its year).");
    if (m_unprotected && c.shown != QString::number(c.count))
        return tr("Released as %1.").arg(c.shown);
    if (!m_unprotected && m_policy.round && *m_policy.round > 1)
        return tr("Rounded to the nearest %1.").arg(*m_policy.round);
    return {};
}

QVariant ReleasedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row(), column = index.column();
    const QStringList &line = m_grid.at(row);
    const QString text = column < line.size() ? line.at(column) : QString();
    const ReleasedCell *c = cell(index);
    switch (role) {
    case Qt::DisplayRole:
        // Released mode shows releasedGrid() itself: what the officer sees is what goes out.
        return column > 0 && m_unprotected && c ? valueText(c) : text;
    case Qt::AccessibleTextRole:
        if (column == 0)
            return text;
        return tr("%1, %2: %3").arg(line.value(0), m_header.value(column), accessibleValue(c));
    case Qt::ToolTipRole: {
        const QString tip = c ? toolTip(*c) : QString();
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        return column == 0 ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (row == totalsRow()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case StatusRole:
        return c ? QVariant(cellStatusName(c->status)) : QVariant();
    default:
        return {};
    }
}

QVariant ReleasedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_header.size())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return m_header.at(section);
    case Qt::TextAlignmentRole:
        return section == 0 ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace foi::ui
