#pragma once

#include "merge/MergeResult.h"
#include "register/Register.h"

#include <QAbstractTableModel>
#include <QVector>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace foi::ui {

/// A read-only table of whole rows over a model, as the register's lists are shown: rows selected whole,
/// alternate colours, the last column stretched, no row numbers, Tab leaving the table. name is what a
/// screen reader says for it.
QTableView *makeListView(QAbstractItemModel *model, const QString &name, const QString &description,
                         QWidget *parent);

/// Rows, crimes and persons of each system in the register.
class SystemsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        System,
        Role,
        Imports,
        Rows,
        Rejected,
        Crimes,
        Persons,
        FirstRecorded,
        LastRecorded,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setSystems(const QVector<SystemStats> &systems);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<SystemStats> m_systems;
};

/// The extract files imported into the register.
class ImportsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        File,
        System,
        Profile,
        ImportedAt,
        Officer,
        RowsRead,
        RowsKept,
        RowsRejected,
        RowsSkipped,
        Sha256,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setImports(const QVector<ImportBatch> &imports);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<ImportBatch> m_imports;
};

/// What the merge found: conflicts between copies, orphans, double claims, inconsistent rows.
class IssuesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Kind,
        System,
        Crime,
        Other,
        Field,
        LegacyValue,
        CountedValue,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setIssues(const QVector<MergeIssue> &issues);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The kind in plain words ("Conflict between the two copies").
    static QString describeKind(const QString &kind);

private:
    QVector<MergeIssue> m_issues;
};

/// Rows the import rejected, with where they are and why.
class RejectsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        File,
        Line,
        Field,
        Reason,
        Message,
        Crime,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setRejects(const QVector<RejectListing> &rejects);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<RejectListing> m_rejects;
};

} // namespace foi::ui
