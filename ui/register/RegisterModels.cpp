#include "RegisterModels.h"

#include <QDate>
#include <QHeaderView>
#include <QLocale>
#include <QTableView>

namespace foi::ui {

QTableView *makeListView(QAbstractItemModel *model, const QString &name, const QString &description,
                         QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setAccessibleDescription(description);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->setTabKeyNavigation(false);
    return view;
}

namespace {

QString day(qint32 julian)
{
    return julian == 0 ? QString()
                       : QLocale().toString(QDate::fromJulianDay(julian), QStringLiteral("d MMM yyyy"));
}

QVariant number(qint64 n, int role)
{
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DisplayRole)
        return QLocale().toString(n);
    return {};
}

QVariant header(int section, Qt::Orientation orientation, int role, const QStringList &titles)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= titles.size())
        return {};
    return titles.at(section);
}

} // namespace

// SystemsModel

void SystemsModel::setSystems(const QVector<SystemStats> &systems)
{
    beginResetModel();
    m_systems = systems;
    endResetModel();
}

int SystemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_systems.size());
}

int SystemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SystemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SystemStats &s = m_systems.at(index.row());
    switch (index.column()) {
    case System:
        return role == Qt::DisplayRole ? QVariant(s.name) : QVariant();
    case Role:
        return role == Qt::DisplayRole ? QVariant(s.role) : QVariant();
    case Imports:
        return number(s.imports, role);
    case Rows:
        return number(s.rows, role);
    case Rejected:
        return number(s.rejected, role);
    case Crimes:
        return number(s.crimes, role);
    case Persons:
        return number(s.persons, role);
    case FirstRecorded:
        return role == Qt::DisplayRole ? QVariant(day(s.firstRecorded)) : QVariant();
    case LastRecorded:
        return role == Qt::DisplayRole ? QVariant(day(s.lastRecorded)) : QVariant();
    default:
        return {};
    }
}

QVariant SystemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header(section, orientation, role,
                  {tr("System"), tr("Role"), tr("Imports"), tr("Rows kept"), tr("Rows rejected"),
                   tr("Crimes"), tr("Persons"), tr("First recorded"), tr("Last recorded")});
}

// ImportsModel

void ImportsModel::setImports(const QVector<ImportBatch> &imports)
{
    beginResetModel();
    m_imports = imports;
    endResetModel();
}

int ImportsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_imports.size());
}

int ImportsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ImportBatch &b = m_imports.at(index.row());
    const bool text = role == Qt::DisplayRole;
    switch (index.column()) {
    case File:
        return text ? QVariant(b.fileName) : QVariant();
    case System:
        return text ? QVariant(b.system) : QVariant();
    case Profile:
        return text ? QVariant(b.profile) : QVariant();
    case ImportedAt:
        return text ? QVariant(
                          QLocale().toString(b.importedAt.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")))
                    : QVariant();
    case Officer:
        return text ? QVariant(b.officer) : QVariant();
    case RowsRead:
        return number(b.rowsRead, role);
    case RowsKept:
        return number(b.rowsKept, role);
    case RowsRejected:
        return number(b.rowsRejected, role);
    case RowsSkipped:
        return number(b.rowsSkipped, role);
    case Sha256:
        if (role == Qt::ToolTipRole)
            return b.fileSha256;
        return text ? QVariant(b.fileSha256.left(12)) : QVariant();
    default:
        return {};
    }
}

QVariant ImportsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header(section, orientation, role,
                  {tr("File"), tr("System"), tr("Profile"), tr("Imported"), tr("Officer"), tr("Rows read"),
                   tr("Kept"), tr("Rejected"), tr("Skipped"), tr("SHA-256")});
}

// IssuesModel

void IssuesModel::setIssues(const QVector<MergeIssue> &issues)
{
    beginResetModel();
    m_issues = issues;
    endResetModel();
}

int IssuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_issues.size());
}

int IssuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IssuesModel::describeKind(const QString &kind)
{
    if (kind == QStringLiteral("conflict"))
        return tr("The two copies disagree");
    if (kind == QStringLiteral("migrated-original-missing"))
        return tr("Migrated, but the original is missing");
    if (kind == QStringLiteral("claimed-twice"))
        return tr("Two migrated copies of one crime");
    if (kind == QStringLiteral("inconsistent-rows"))
        return tr("Rows of the crime disagree");
    return kind;
}

QVariant IssuesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole)
        return {};
    const MergeIssue &i = m_issues.at(index.row());
    switch (index.column()) {
    case Kind:
        return describeKind(i.kind);
    case System:
        return i.system;
    case Crime:
        return i.crimeRef;
    case Other:
        return i.otherRef;
    case Field:
        return i.field;
    case LegacyValue:
        return i.legacyValue;
    case CountedValue:
        return i.liveValue;
    default:
        return {};
    }
}

QVariant IssuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header(section, orientation, role,
                  {tr("What"), tr("System"), tr("Crime"), tr("Other reference"), tr("Field"),
                   tr("Legacy value"), tr("Counted value")});
}

// RejectsModel

void RejectsModel::setRejects(const QVector<RejectListing> &rejects)
{
    beginResetModel();
    m_rejects = rejects;
    endResetModel();
}

int RejectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rejects.size());
}

int RejectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RejectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RejectListing &r = m_rejects.at(index.row());
    switch (index.column()) {
    case File:
        return role == Qt::DisplayRole ? QVariant(r.file) : QVariant();
    case Line:
        return number(r.line, role);
    case Field:
        return role == Qt::DisplayRole ? QVariant(r.field) : QVariant();
    case Reason:
        return role == Qt::DisplayRole ? QVariant(r.reason) : QVariant();
    case Message:
        return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QVariant(r.message) : QVariant();
    case Crime:
        return role == Qt::DisplayRole ? QVariant(r.crimeRef) : QVariant();
    default:
        return {};
    }
}

QVariant RejectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header(section, orientation, role,
                  {tr("File"), tr("Line"), tr("Field"), tr("Reason"), tr("What is wrong"), tr("Crime")});
}

} // namespace foi::ui
