#include "wizard/OffenceTreeModel.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace foi::ui {

namespace {

bool startsWithDigit(QStringView s)
{
    return !s.isEmpty() && s.front().isDigit();
}

qsizetype digitRunEnd(QStringView s, qsizetype from)
{
    while (from < s.size() && s[from].isDigit())
        ++from;
    return from;
}

/// Natural order of codes: runs of digits compare as numbers ("4.2" < "4.10", "11A" < "105A"), the rest
/// case-insensitively; codes without a leading number ("AF", "CIFAS") after those with one.
int compareCodes(QStringView a, QStringView b)
{
    const bool da = startsWithDigit(a), db = startsWithDigit(b);
    if (da != db)
        return da ? -1 : 1;
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            const qsizetype ie = digitRunEnd(a, i), je = digitRunEnd(b, j);
            const qulonglong na = a.mid(i, ie - i).toULongLong(), nb = b.mid(j, je - j).toULongLong();
            if (na != nb)
                return na < nb ? -1 : 1;
            i = ie;
            j = je;
            continue;
        }
        const char32_t ca = QChar::toCaseFolded(char32_t(a[i].unicode()));
        const char32_t cb = QChar::toCaseFolded(char32_t(b[j].unicode()));
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j)
        return a.size() - i < b.size() - j ? -1 : 1;
    return a.compare(b);
}

bool nameLess(const QString &a, const QString &b)
{
    const int c = QString::compare(a, b, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a < b;
}

QString folded(const QString &s)
{
    return s.toCaseFolded();
}

QSet<QString> foldedSet(const QStringList &names)
{
    QSet<QString> out;
    for (const QString &n : names)
        out.insert(folded(n));
    return out;
}

QString classesText(int n)
{
    return n == 1 ? OffenceTreeModel::tr("1 offence class")
                  : OffenceTreeModel::tr("%1 offence classes").arg(n);
}

QString stateWords(Qt::CheckState state)
{
    switch (state) {
    case Qt::Checked:
        return OffenceTreeModel::tr("checked");
    case Qt::PartiallyChecked:
        return OffenceTreeModel::tr("partly checked");
    case Qt::Unchecked:
        break;
    }
    return OffenceTreeModel::tr("not checked");
}

} // namespace

OffenceTreeModel::OffenceTreeModel(const ClassificationVersion &version, QObject *parent)
    : QAbstractItemModel(parent)
    , m_versionId(version.id)
    , m_nodes(buildNodes(version))
    , m_states(m_nodes.size(), Qt::Unchecked)
{}

QVector<OffenceTreeModel::Node> OffenceTreeModel::buildNodes(const ClassificationVersion &version)
{
    QHash<QString, QHash<QString, QVector<Offence>>> tree;
    for (const Offence &o : version.offences)
        tree[o.group][o.subgroup].append(o);

    QVector<Node> nodes(1); // the root
    auto add = [&nodes](int parent, Node node) {
        node.parent = parent;
        node.row = int(nodes[parent].children.size());
        const int id = int(nodes.size());
        nodes[parent].children.append(id);
        nodes.append(std::move(node));
        return id;
    };
    QStringList groups = tree.keys();
    std::sort(groups.begin(), groups.end(), nameLess);
    for (const QString &group : groups) {
        Node g;
        g.kind = Kind::Group;
        g.name = group;
        const int gid = add(0, g);
        const QHash<QString, QVector<Offence>> &subgroupsOf = tree[group];
        QStringList subgroups = subgroupsOf.keys();
        std::sort(subgroups.begin(), subgroups.end(), nameLess);
        for (const QString &subgroup : subgroups) {
            Node s;
            s.kind = Kind::Subgroup;
            s.name = subgroup;
            const int sid = add(gid, s);
            QVector<Offence> offences = subgroupsOf[subgroup];
            std::sort(offences.begin(), offences.end(),
                      [](const Offence &a, const Offence &b) { return compareCodes(a.code, b.code) < 0; });
            for (const Offence &o : offences) {
                Node c;
                c.kind = Kind::Class;
                c.offence = o;
                add(sid, c);
            }
        }
    }
    return nodes;
}

void OffenceTreeModel::deriveParents(const QVector<Node> &nodes, States &states, int node)
{
    const Node &n = nodes[node];
    if (n.children.isEmpty())
        return;
    bool all = true, any = false;
    for (int child : n.children) {
        deriveParents(nodes, states, child);
        const Qt::CheckState s = states[child];
        all = all && s == Qt::Checked;
        any = any || s != Qt::Unchecked;
    }
    states[node] = all ? Qt::Checked : any ? Qt::PartiallyChecked : Qt::Unchecked;
}

void OffenceTreeModel::setSubtree(const QVector<Node> &nodes, States &states, int node, Qt::CheckState state)
{
    states[node] = state;
    for (int child : nodes[node].children)
        setSubtree(nodes, states, child, state);
}

void OffenceTreeModel::checkSelection(const QVector<Node> &nodes, const OffenceSelection &selection,
                                      States &states)
{
    states.fill(Qt::Unchecked, nodes.size());
    const QSet<QString> groups = foldedSet(selection.groups);
    const QSet<QString> subgroups = foldedSet(selection.subgroups);
    QSet<QString> classes;
    for (const QString &code : selection.classes)
        classes.insert(folded(Classification::normaliseCode(code)));
    for (int i = 1; i < nodes.size(); ++i) {
        const Node &n = nodes[i];
        const bool named = n.kind == Kind::Group      ? groups.contains(folded(n.name))
                           : n.kind == Kind::Subgroup ? subgroups.contains(folded(n.name))
                                                      : classes.contains(folded(n.offence.code));
        if (named)
            setSubtree(nodes, states, i, Qt::Checked);
    }
    deriveParents(nodes, states);
}

OffenceSelection OffenceTreeModel::describe(const QVector<Node> &nodes, const States &states)
{
    // A request matches subgroups by name alone: name one only when every subgroup of that name is
    // fully checked, or the name would count the unchecked copy too.
    QHash<QString, bool> wholeSubgroup;
    for (int i = 1; i < nodes.size(); ++i) {
        if (nodes[i].kind != Kind::Subgroup)
            continue;
        auto it = wholeSubgroup.find(folded(nodes[i].name));
        if (it == wholeSubgroup.end())
            it = wholeSubgroup.insert(folded(nodes[i].name), true);
        *it = *it && states[i] == Qt::Checked;
    }

    OffenceSelection out;
    for (int g : nodes[0].children) {
        if (states[g] == Qt::Checked) {
            out.groups << nodes[g].name;
            continue;
        }
        if (states[g] == Qt::Unchecked)
            continue;
        for (int s : nodes[g].children) {
            if (states[s] == Qt::Checked && wholeSubgroup.value(folded(nodes[s].name))) {
                if (!out.subgroups.contains(nodes[s].name))
                    out.subgroups << nodes[s].name;
                continue;
            }
            for (int c : nodes[s].children) {
                if (states[c] == Qt::Checked)
                    out.classes << nodes[c].offence.code;
            }
        }
    }
    return out;
}

void OffenceTreeModel::setVersion(const ClassificationVersion &version)
{
    const OffenceSelection before = selection();
    beginResetModel();
    m_versionId = version.id;
    m_nodes = buildNodes(version);
    checkSelection(m_nodes, before, m_states);
    endResetModel();
    if (selection() != before)
        emit selectionChanged();
}

OffenceSelection OffenceTreeModel::selection() const
{
    return describe(m_nodes, m_states);
}

void OffenceTreeModel::setSelection(const OffenceSelection &selection)
{
    States states;
    checkSelection(m_nodes, selection, states);
    applyStates(states);
}

void OffenceTreeModel::applyPreset(const OffencePreset &preset)
{
    setSelection(preset.selection);
}

int OffenceTreeModel::checkedClassCount() const
{
    int n = 0;
    for (int i = 1; i < m_nodes.size(); ++i) {
        if (m_nodes[i].kind == Kind::Class && m_states[i] == Qt::Checked)
            ++n;
    }
    return n;
}

int OffenceTreeModel::classCount() const
{
    return int(
        std::count_if(m_nodes.cbegin(), m_nodes.cend(), [](const Node &n) { return n.kind == Kind::Class; }));
}

QVector<OffencePreset> OffenceTreeModel::presets(const ClassificationVersion &version)
{
    struct Definition
    {
        QString name;
        OffenceLevel level;
        QString source;
    };
    const QVector<Definition> definitions = {
        {tr("Violence against the person"), OffenceLevel::Group,
         QStringLiteral("Violence against the person")},
        {tr("Violence and sexual offences"), OffenceLevel::PoliceUkCategory,
         QStringLiteral("Violence and Sexual Offences")},
        {tr("Robbery"), OffenceLevel::Group, QStringLiteral("Robbery")},
        {tr("Sexual offences"), OffenceLevel::Group, QStringLiteral("Sexual offences")},
        {tr("Burglary"), OffenceLevel::PoliceUkCategory, QStringLiteral("Burglary")},
        {tr("Vehicle crime"), OffenceLevel::PoliceUkCategory, QStringLiteral("Vehicle Crime")},
    };

    const QVector<Node> nodes = buildNodes(version);
    QVector<OffencePreset> out;
    for (const Definition &d : definitions) {
        const QVector<Offence> offences = version.offencesIn(d.level, d.source);
        if (offences.isEmpty())
            continue;
        QSet<QString> codes;
        for (const Offence &o : offences)
            codes.insert(o.code);
        States states(nodes.size(), Qt::Unchecked);
        for (int i = 1; i < nodes.size(); ++i) {
            if (nodes[i].kind == Kind::Class && codes.contains(nodes[i].offence.code))
                states[i] = Qt::Checked;
        }
        deriveParents(nodes, states);
        OffencePreset preset;
        preset.name = d.name;
        preset.description = tr("Every offence in the %1 \"%2\" (%3)")
                                 .arg(offenceLevelName(d.level), offences.first().name(d.level),
                                      classesText(int(offences.size())));
        preset.selection = describe(nodes, states);
        out << preset;
    }
    return out;
}

QModelIndex OffenceTreeModel::indexOf(Kind kind, const QString &key) const
{
    for (int i = 1; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        if (n.kind == kind && (kind == Kind::Class ? n.offence.code : n.name) == key)
            return indexOfNode(i);
    }
    return {};
}

int OffenceTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : 0;
}

QModelIndex OffenceTreeModel::indexOfNode(int node) const
{
    return node <= 0 ? QModelIndex() : createIndex(m_nodes[node].row, 0, quintptr(node));
}

QString OffenceTreeModel::text(int node) const
{
    const Node &n = m_nodes[node];
    return n.kind == Kind::Class ? n.offence.code + QLatin1Char(' ') + n.offence.description : n.name;
}

QModelIndex OffenceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return indexOfNode(m_nodes[nodeOf(parent)].children[row]);
}

QModelIndex OffenceTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(m_nodes[nodeOf(child)].parent);
}

int OffenceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(m_nodes[nodeOf(parent)].children.size());
}

int OffenceTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant OffenceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int node = nodeOf(index);
    const Node &n = m_nodes[node];
    const Node &up = m_nodes[n.parent];
    switch (role) {
    case Qt::DisplayRole:
        return text(node);
    case Qt::CheckStateRole:
        return int(m_states[node]);
    case Qt::AccessibleTextRole:
        return QString(text(node) + QStringLiteral(", ") + stateWords(m_states[node]));
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        switch (n.kind) {
        case Kind::Group: {
            int classes = 0;
            for (int s : n.children)
                classes += int(m_nodes[s].children.size());
            const int subgroups = int(n.children.size());
            return tr("Offence group: %1, %2")
                .arg(subgroups == 1 ? tr("1 subgroup") : tr("%1 subgroups").arg(subgroups),
                     classesText(classes));
        }
        case Kind::Subgroup:
            return tr("Offence subgroup of %1: %2").arg(up.name, classesText(int(n.children.size())));
        case Kind::Class:
            return tr("Group: %1\nSubgroup: %2\npolice.uk category: %3")
                .arg(n.offence.group, n.offence.subgroup, n.offence.policeUkCategory);
        }
        return {};
    case KindRole:
        return int(n.kind);
    case KeyRole:
        return n.kind == Kind::Class ? n.offence.code : n.name;
    case GroupRole:
        return n.kind == Kind::Group ? n.name : n.kind == Kind::Subgroup ? up.name : n.offence.group;
    case SubgroupRole:
        return n.kind == Kind::Group ? QString() : n.kind == Kind::Subgroup ? n.name : n.offence.subgroup;
    case CodeRole:
        return n.offence.code;
    case DescriptionRole:
        return n.offence.description;
    default:
        return {};
    }
}

bool OffenceTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || (v != Qt::Checked && v != Qt::Unchecked))
        return false;
    States states = m_states;
    setSubtree(m_nodes, states, nodeOf(index), Qt::CheckState(v));
    deriveParents(m_nodes, states);
    applyStates(states);
    return true;
}

void OffenceTreeModel::applyStates(const States &states)
{
    QVector<int> changed;
    for (int i = 1; i < m_nodes.size(); ++i) {
        if (states[i] != m_states[i])
            changed << i;
    }
    m_states = states;
    if (changed.isEmpty())
        return;
    const QList<int> roles = {Qt::CheckStateRole, Qt::AccessibleTextRole};
    for (int i : changed) {
        const QModelIndex idx = indexOfNode(i);
        emit dataChanged(idx, idx, roles);
    }
    emit selectionChanged();
}

Qt::ItemFlags OffenceTreeModel::flags(const QModelIndex &index) const
{
    // The root's flags are asked for (QAbstractItemModelTester does): none, without a warning.
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
    if (m_nodes[nodeOf(index)].kind == Kind::Class)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant OffenceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Offence");
    return {};
}

OffenceFilterProxy::OffenceFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
}

bool OffenceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QRegularExpression re = filterRegularExpression();
    if (re.pattern().isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    for (int role : {OffenceTreeModel::CodeRole, OffenceTreeModel::DescriptionRole,
                     OffenceTreeModel::SubgroupRole, OffenceTreeModel::GroupRole}) {
        const QString s = index.data(role).toString();
        if (!s.isEmpty() && re.match(s).hasMatch())
            return true;
    }
    return false;
}

} // namespace foi::ui
