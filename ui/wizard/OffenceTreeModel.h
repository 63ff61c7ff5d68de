#pragma once

#include "reference/Classification.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QVector>

namespace foi::ui {

/// Which offences a request counts, as Criteria holds them (offenceGroups, offenceSubgroups,
/// offenceClasses): canonical group and subgroup names and normalised codes. All empty means no
/// restriction. A crime matches when its class, its subgroup or its group is named.
struct OffenceSelection
{
    QStringList groups;
    QStringList subgroups;
    QStringList classes;

    bool isEmpty() const { return groups.isEmpty() && subgroups.isEmpty() && classes.isEmpty(); }
    bool operator==(const OffenceSelection &o) const
    {
        return groups == o.groups && subgroups == o.subgroups && classes == o.classes;
    }
    bool operator!=(const OffenceSelection &o) const { return !(*this == o); }
};

/// A named selection the officer can start from ("Violence and sexual offences").
struct OffencePreset
{
    QString name;        ///< "Robbery"
    QString description; ///< what it covers, for a tool tip
    OffenceSelection selection;
};

/// The Home Office offence classification of one version as a checkable tree for the request wizard's
/// Criteria page: offence group, then subgroup, then offence class ("8N Assault with injury"). Groups
/// and subgroups are in alphabetical order; classes in the natural order of their codes (1, 2, 3A, 4.1,
/// 4.2, 4.10, 5D, 8N, 11A, 105A; codes without a number, such as "CIFAS", after those with one), which
/// the files themselves do not keep.
///
/// The model propagates check states itself (it does not use Qt::ItemIsAutoTristate, a view feature):
/// checking a node checks everything under it, and a parent is Checked, PartiallyChecked or Unchecked
/// as its children are. Only Checked and Unchecked can be set; a partly checked node set to Checked
/// checks all of it.
///
/// selection() describes the checked classes in Criteria's terms, as briefly as it can. A subgroup is
/// named only when every subgroup of that name (in any group) is fully checked, because a request
/// matches subgroups by name alone.
class OffenceTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Group,
        Subgroup,
        Class,
    };

    /// The Kind of a node, as an int.
    static constexpr int KindRole = Qt::UserRole + 1;
    /// The group name, the subgroup name, or the normalised code of a class.
    static constexpr int KeyRole = Qt::UserRole + 2;
    /// The group a node belongs to (a group's own name).
    static constexpr int GroupRole = Qt::UserRole + 3;
    /// The subgroup a node belongs to (a subgroup's own name); empty for a group.
    static constexpr int SubgroupRole = Qt::UserRole + 4;
    /// The class's normalised code; empty for a group or subgroup.
    static constexpr int CodeRole = Qt::UserRole + 5;
    /// The class's description; empty for a group or subgroup.
    static constexpr int DescriptionRole = Qt::UserRole + 6;

    explicit OffenceTreeModel(const ClassificationVersion &version, QObject *parent = nullptr);

    /// Rebuilds the tree for another version (a model reset) and checks in it what the current
    /// selection() names, so that a group, subgroup or code that the new version still has stays
    /// selected; what it no longer has is dropped. Emits selectionChanged() when selection() changes.
    void setVersion(const ClassificationVersion &version);
    QString versionId() const { return m_versionId; }

    /// The checked classes in Criteria's terms: a fully checked group by its name; else each fully
    /// checked subgroup by its name (when no other subgroup of the name is left partly checked); else
    /// each checked class by its code. Every list in tree order. Nothing checked: all empty.
    OffenceSelection selection() const;
    /// Replaces the check states: checks each group, each subgroup (every subgroup of the name) and
    /// each class named, names and codes compared case-insensitively and codes normalised first. What
    /// this version does not have is ignored. Emits selectionChanged() once if anything changed.
    void setSelection(const OffenceSelection &selection);
    /// setSelection(preset.selection).
    void applyPreset(const OffencePreset &preset);
    /// How many offence classes (leaves) are checked.
    int checkedClassCount() const;
    /// How many offence classes the version has.
    int classCount() const;

    /// The presets for a version: "Violence against the person" (the group), "Violence and sexual
    /// offences" (police.uk's category: every class in it, named by group, subgroup or class as
    /// selection() would), "Robbery" (the group), "Sexual offences" (the group), "Burglary" and "Vehicle
    /// crime" (police.uk's categories). A preset that would cover nothing in the version is left out,
    /// because an empty selection means no restriction.
    static QVector<OffencePreset> presets(const ClassificationVersion &version);

    /// The index of a group, subgroup or class node by its KeyRole value (exact match), or an invalid
    /// index. A subgroup name shared by several groups gives the first.
    QModelIndex indexOf(Kind kind, const QString &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// The check states changed: once per user change or setSelection(), not once per node.
    void selectionChanged();

private:
    /// One node; node 0 is the invisible root. An index's internal id is its node's position.
    struct Node
    {
        Kind kind = Kind::Group;
        int parent = -1;
        int row = 0;
        QVector<int> children;
        QString name;    ///< group or subgroup name
        Offence offence; ///< for a class
    };
    using States = QVector<Qt::CheckState>;

    static QVector<Node> buildNodes(const ClassificationVersion &version);
    static void deriveParents(const QVector<Node> &nodes, States &states, int node = 0);
    static void setSubtree(const QVector<Node> &nodes, States &states, int node, Qt::CheckState state);
    static void checkSelection(const QVector<Node> &nodes, const OffenceSelection &selection, States &states);
    static OffenceSelection describe(const QVector<Node> &nodes, const States &states);

    int nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(int node) const;
    QString text(int node) const;
    /// Makes the states current, emitting dataChanged for each node whose state changed and then
    /// selectionChanged() once if any did.
    void applyStates(const States &states);

    QString m_versionId;
    QVector<Node> m_nodes;
    States m_states;
};

/// The search box's filter over an OffenceTreeModel: the text (setFilterFixedString) is found,
/// case-insensitively, in a node's code, description, subgroup or group. The parents of a match show
/// (recursive filtering) and so do all the children of a matching group or subgroup. An empty text
/// shows everything. Check states set through the proxy reach the model.
class OffenceFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit OffenceFilterProxy(QObject *parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

} // namespace foi::ui
