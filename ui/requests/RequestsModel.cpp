#include "requests/RequestsModel.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QStyle>

#include <limits>

namespace foi::ui {

namespace {

QString dayText(const QDate &day)
{
    return day.isValid() ? QLocale().toString(day, QStringLiteral("ddd d MMM yyyy")) : QString();
}

/// "1 working day", "3 working days".
QString workingDays(int n)
{
    return n == 1 ? RequestsModel::tr("1 working day") : RequestsModel::tr("%1 working days").arg(n);
}

bool dueSoon(const RequestRow &row)
{
    return !row.timing.overdue && row.timing.workingDaysLeft &&
           *row.timing.workingDaysLeft <= RequestsModel::kDueSoonWorkingDays;
}

} // namespace

void RequestsModel::setRows(const QVector<RequestRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int RequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RequestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestsModel::timeLeftText(const RequestRow &row)
{
    const RequestTiming &t = row.timing;
    const bool open = isOpenStatus(row.request.status);
    if (!open && t.workingDaysTaken)
        return t.late ? tr("Responded late, in %1").arg(workingDays(*t.workingDaysTaken))
                      : tr("Responded in %1").arg(workingDays(*t.workingDaysTaken));
    if (!open)
        return tr("Closed");
    if (t.clockStopped)
        return tr("Clock stopped: clarification sought");
    if (!t.problem.isEmpty() && !t.workingDaysLeft)
        return tr("Not counted: %1").arg(t.problem);
    if (t.overdue)
        return t.workingDaysLeft && *t.workingDaysLeft < 0
                   ? tr("Overdue by %1").arg(workingDays(-*t.workingDaysLeft))
                   : tr("Overdue: the due day has passed");
    if (!t.workingDaysLeft)
        return QString();
    if (*t.workingDaysLeft == 0)
        return tr("Due today");
    return dueSoon(row) ? tr("Due soon: %1 left").arg(workingDays(*t.workingDaysLeft))
                        : tr("%1 left").arg(workingDays(*t.workingDaysLeft));
}

QVariant RequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RequestRow &row = m_rows.at(index.row());
    const FoiRequestRecord &r = row.request;
    const QDate due = listedDue(row);
    if (role == Qt::UserRole)
        return due;
    if (role == SortRole) {
        switch (index.column()) {
        case Received:
            return r.received;
        case Due:
        case TimeLeft:
            // Stopped clocks and uncounted days after every dated request.
            return due.isValid() ? QVariant(due.toJulianDay()) : QVariant(std::numeric_limits<qint64>::max());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Reference:
            return r.reference;
        case Title:
            return r.title;
        case Received:
            return dayText(r.received);
        case Due:
            if (row.request.status == RequestStatus::InternalReview && due.isValid())
                return tr("%1 (review)").arg(dayText(due));
            return dayText(due);
        case TimeLeft:
            return timeLeftText(row);
        case Status:
            return requestStatusName(r.status);
        case Officer:
            return r.officer;
        default:
            return {};
        }
    }
    if (index.column() != TimeLeft)
        return {};
    // Overdue and due soon are said by the text; the icon and colour only repeat it.
    if (role == Qt::DecorationRole && isOpenStatus(r.status) && (row.timing.overdue || dueSoon(row)))
        return QApplication::style()->standardIcon(row.timing.overdue ? QStyle::SP_MessageBoxCritical
                                                                      : QStyle::SP_MessageBoxWarning);
    if (role == Qt::ForegroundRole && isOpenStatus(r.status) && row.timing.overdue)
        return QBrush(QColor(0xb0, 0x00, 0x20)); // dark red: readable on light backgrounds
    if (role == Qt::FontRole && isOpenStatus(r.status) && row.timing.overdue) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant RequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Reference:
        return tr("Reference");
    case Title:
        return tr("Title");
    case Received:
        return tr("Received");
    case Due:
        return tr("Due");
    case TimeLeft:
        return tr("Time left");
    case Status:
        return tr("Status");
    case Officer:
        return tr("Officer");
    default:
        return {};
    }
}

} // namespace foi::ui
