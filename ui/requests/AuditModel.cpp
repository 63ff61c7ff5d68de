#include "requests/AuditModel.h"

#include <QLocale>

#include <algorithm>

namespace foi::ui {

void AuditModel::setEvents(const QVector<AuditEvent> &events)
{
    beginResetModel();
    m_events = events;
    std::reverse(m_events.begin(), m_events.end());
    endResetModel();
}

QString AuditModel::actionText(const QString &action)
{
    if (action == QLatin1String("import"))
        return tr("Extract imported");
    if (action == QLatin1String("merge"))
        return tr("Systems merged");
    if (action == QLatin1String("release"))
        return tr("Release recorded");
    if (action == QLatin1String("export"))
        return tr("File exported");
    if (action == QLatin1String("request"))
        return tr("Request");
    if (action == QLatin1String("bank-holidays"))
        return tr("Bank holidays loaded");
    if (action == QLatin1String("disclosure-log"))
        return tr("Disclosure log written");
    if (action == QLatin1String("request-deleted"))
        return tr("Request deleted");
    if (action == QLatin1String("minimum-threshold"))
        return tr("Minimum threshold set");
    return action;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent &e = m_events[index.row()];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case When:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case Officer:
            return e.officer;
        case What:
            return actionText(e.action);
        case Detail:
            return e.sha256.isEmpty() ? e.detail : tr("%1 (SHA-256 %2…)").arg(e.detail, e.sha256.left(12));
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Detail && !e.sha256.isEmpty())
        return tr("SHA-256 %1").arg(e.sha256);
    if (role == Qt::UserRole && index.column() == When)
        return e.at;
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Officer:
        return tr("Officer");
    case What:
        return tr("What");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace foi::ui
