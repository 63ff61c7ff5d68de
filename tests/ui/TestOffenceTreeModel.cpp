// The offence tree of the request wizard's Criteria page, over the built-in Home Office classification:
// its shape, the check states it propagates and signals, the selection it gives the request (checked
// against what a request would count, the way the counter matches offences), its presets and its search.
// Every model and proxy runs under QAbstractItemModelTester.

#include "support/Printers.h"
#include "wizard/OffenceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>

static inline void PrintTo(const QSet<QString> &set, std::ostream *out)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    PrintTo(list, out);
}

namespace foi::ui {

static inline void PrintTo(const OffenceSelection &s, std::ostream *out)
{
    *out << "{groups: ";
    ::PrintTo(s.groups, out);
    *out << ", subgroups: ";
    ::PrintTo(s.subgroups, out);
    *out << ", classes: ";
    ::PrintTo(s.classes, out);
    *out << '}';
}

} // namespace foi::ui

using namespace foi;
using foi::ui::OffenceFilterProxy;
using foi::ui::OffencePreset;
using foi::ui::OffenceSelection;
using foi::ui::OffenceTreeModel;
using Kind = OffenceTreeModel::Kind;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

const ClassificationVersion &builtIn(const char *id)
{
    const ClassificationVersion *v = Classification::builtIn().findVersion(QString::fromLatin1(id));
    if (!v)
        qFatal("no built-in classification version %s", id);
    return *v;
}

QString violence()
{
    return QStringLiteral("Violence against the person");
}

QString withInjury()
{
    return QStringLiteral("Violence with injury");
}

QSet<QString> codesOf(const QVector<Offence> &offences)
{
    QSet<QString> out;
    for (const Offence &o : offences)
        out.insert(o.code);
    return out;
}

QSet<QString> setOf(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

/// What a request with the selection counts: the classes of the version it names, matched as the
/// counter matches them (an offence is in when its code, group or subgroup is listed, exactly).
QSet<QString> codesCounted(const ClassificationVersion &version, const OffenceSelection &s)
{
    QSet<QString> out;
    for (const Offence &o : version.offences) {
        if (s.classes.contains(o.code) || s.groups.contains(o.group) || s.subgroups.contains(o.subgroup))
            out.insert(o.code);
    }
    return out;
}

Qt::CheckState stateOf(const QAbstractItemModel &m, const QModelIndex &index)
{
    return Qt::CheckState(m.data(index, Qt::CheckStateRole).toInt());
}

/// Every index of the model below the parent, depth first.
QVector<QModelIndex> descendants(const QAbstractItemModel &m, const QModelIndex &parent = {})
{
    QVector<QModelIndex> out;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex child = m.index(r, 0, parent);
        out << child;
        out << descendants(m, child);
    }
    return out;
}

/// The codes of the classes (leaves) that the model shows, or shows checked.
QSet<QString> leafCodes(const QAbstractItemModel &m, bool checkedOnly)
{
    QSet<QString> out;
    for (const QModelIndex &i : descendants(m)) {
        if (i.data(OffenceTreeModel::KindRole).toInt() == int(Kind::Class) &&
            (!checkedOnly || stateOf(m, i) == Qt::Checked))
            out.insert(i.data(OffenceTreeModel::CodeRole).toString());
    }
    return out;
}

QSet<QString> checkedCodes(const OffenceTreeModel &m)
{
    return leafCodes(m, true);
}

/// "kind:key": a node of the tree, whatever its row.
QString keyOf(const QModelIndex &i)
{
    return QString::number(i.data(OffenceTreeModel::KindRole).toInt()) + QLatin1Char(':') +
           i.data(OffenceTreeModel::KeyRole).toString();
}

/// "kind:key" of each index whose check state a dataChanged signal in the spy announced.
QSet<QString> announced(const QSignalSpy &spy)
{
    QSet<QString> out;
    for (const QList<QVariant> &args : spy) {
        const QModelIndex from = args.at(0).value<QModelIndex>(), to = args.at(1).value<QModelIndex>();
        const QList<int> roles = args.at(2).value<QList<int>>();
        if (!roles.isEmpty() && !roles.contains(Qt::CheckStateRole))
            continue;
        for (int r = from.row(); r <= to.row(); ++r) {
            out.insert(keyOf(from.siblingAtRow(r)));
        }
    }
    return out;
}

QSet<QString> keysOf(const QVector<QModelIndex> &indexes)
{
    QSet<QString> out;
    for (const QModelIndex &i : indexes)
        out.insert(keyOf(i));
    return out;
}

/// The distinct subgroups of a group in the version.
QSet<QString> subgroupsOf(const ClassificationVersion &version, const QString &group)
{
    QSet<QString> out;
    for (const Offence &o : version.offencesIn(OffenceLevel::Group, group))
        out.insert(o.subgroup);
    return out;
}

/// The groups in which a subgroup name occurs in the version.
QSet<QString> groupsHaving(const ClassificationVersion &version, const QString &subgroup)
{
    QSet<QString> out;
    for (const Offence &o : version.offencesIn(OffenceLevel::Subgroup, subgroup))
        out.insert(o.group);
    return out;
}

Offence offence(const char *code, const char *group, const char *subgroup)
{
    Offence o;
    o.code = QLatin1String(code);
    o.description = QStringLiteral("Offence ") + o.code;
    o.group = QLatin1String(group);
    o.subgroup = QLatin1String(subgroup);
    o.policeUkCategory = QStringLiteral("Other crime");
    return o;
}

/// Two groups that both have a subgroup called "Other", as a classification could have.
ClassificationVersion sharedSubgroupVersion()
{
    ClassificationVersion v;
    v.id = QStringLiteral("test");
    v.effectiveFrom = QDate(2017, 4, 1);
    v.offences = {offence("1A", "Alpha", "Other"), offence("1B", "Alpha", "Other"),
                  offence("2A", "Alpha", "Own"), offence("3A", "Beta", "Other"),
                  offence("4A", "Beta", "Rest")};
    v.buildIndex();
    return v;
}

OffenceSelection selectionOf(const QStringList &groups, const QStringList &subgroups,
                             const QStringList &classes)
{
    OffenceSelection s;
    s.groups = groups;
    s.subgroups = subgroups;
    s.classes = classes;
    return s;
}

} // namespace

TEST(OffenceTreeModel, HasTheShapeOfEachBuiltInVersion)
{
    for (const ClassificationVersion &v : Classification::builtIn().versions()) {
        SCOPED_TRACE(v.id.toStdString());
        OffenceTreeModel model(v);
        QAbstractItemModelTester tester(&model, kFatal);
        EXPECT_EQ(model.versionId(), v.id);
        EXPECT_EQ(model.columnCount(), 1);

        const QStringList groups = v.names(OffenceLevel::Group);
        ASSERT_EQ(model.rowCount(), groups.size());
        QSet<QString> groupsSeen, subgroupsSeen;
        int classes = 0;
        QString previousGroup;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex gi = model.index(g, 0);
            const QString group = gi.data().toString();
            EXPECT_EQ(gi.data(OffenceTreeModel::KindRole).toInt(), int(Kind::Group));
            EXPECT_TRUE(groups.contains(group)) << group.toStdString();
            if (g > 0) {
                EXPECT_LT(QString::compare(previousGroup, group, Qt::CaseInsensitive), 0);
            }
            previousGroup = group;
            groupsSeen.insert(group);

            const QSet<QString> expectedSubgroups = subgroupsOf(v, group);
            ASSERT_EQ(model.rowCount(gi), expectedSubgroups.size()) << group.toStdString();
            for (int s = 0; s < model.rowCount(gi); ++s) {
                const QModelIndex si = model.index(s, 0, gi);
                const QString subgroup = si.data().toString();
                EXPECT_TRUE(expectedSubgroups.contains(subgroup)) << subgroup.toStdString();
                subgroupsSeen.insert(subgroup);
                QSet<QString> expectedClasses;
                for (const Offence &o : v.offencesIn(OffenceLevel::Subgroup, subgroup)) {
                    if (o.group == group)
                        expectedClasses.insert(o.code);
                }
                QSet<QString> classesSeen;
                for (int c = 0; c < model.rowCount(si); ++c) {
                    const QModelIndex ci = model.index(c, 0, si);
                    const Offence *o = v.find(ci.data(OffenceTreeModel::CodeRole).toString());
                    ASSERT_NE(o, nullptr);
                    EXPECT_EQ(ci.data().toString(), o->code + QLatin1Char(' ') + o->description);
                    EXPECT_EQ(model.rowCount(ci), 0);
                    EXPECT_TRUE(ci.data(Qt::ToolTipRole).toString().contains(group));
                    EXPECT_TRUE(ci.data(Qt::ToolTipRole).toString().contains(subgroup));
                    classesSeen.insert(o->code);
                }
                EXPECT_EQ(classesSeen, expectedClasses) << subgroup.toStdString();
                classes += model.rowCount(si);
            }
        }
        EXPECT_EQ(groupsSeen, setOf(groups));
        EXPECT_EQ(subgroupsSeen, setOf(v.names(OffenceLevel::Subgroup)));
        EXPECT_EQ(classes, v.offences.size());
        EXPECT_EQ(model.classCount(), v.offences.size());
        EXPECT_EQ(model.checkedClassCount(), 0);
        EXPECT_TRUE(model.selection().isEmpty());
    }
}

TEST(OffenceTreeModel, OrdersClassesByTheNumbersInTheirCodes)
{
    OffenceTreeModel model(builtIn("2017/18"));
    // The file lists homicide as 1, 4.1, 4.10, 4.2; the tree puts corporate manslaughter (4.10) last.
    const QModelIndex homicide = model.indexOf(Kind::Subgroup, QStringLiteral("Homicide"));
    ASSERT_TRUE(homicide.isValid());
    QStringList codes;
    for (int r = 0; r < model.rowCount(homicide); ++r)
        codes << model.index(r, 0, homicide).data(OffenceTreeModel::CodeRole).toString();
    EXPECT_EQ(codes, (QStringList{QStringLiteral("1"), QStringLiteral("4.1"), QStringLiteral("4.2"),
                                  QStringLiteral("4.10")}));
    const QModelIndex without = model.indexOf(Kind::Subgroup, QStringLiteral("Violence without injury"));
    ASSERT_TRUE(without.isValid());
    codes.clear();
    for (int r = 0; r < model.rowCount(without); ++r)
        codes << model.index(r, 0, without).data(OffenceTreeModel::CodeRole).toString();
    // 3A before 11A before 104 before 105A.
    EXPECT_LT(codes.indexOf(QStringLiteral("3A")), codes.indexOf(QStringLiteral("11A")));
    EXPECT_LT(codes.indexOf(QStringLiteral("11A")), codes.indexOf(QStringLiteral("104")));
    EXPECT_LT(codes.indexOf(QStringLiteral("104")), codes.indexOf(QStringLiteral("105A")));
    EXPECT_EQ(model.indexOf(Kind::Class, QStringLiteral("8N")).data().toString(),
              QStringLiteral("8N Assault with injury"));
}

TEST(OffenceTreeModel, CheckingAGroupChecksAndAnnouncesEveryDescendant)
{
    const ClassificationVersion &v = builtIn("2017/18");
    OffenceTreeModel model(v);
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy selectionChanged(&model, &OffenceTreeModel::selectionChanged);

    const QModelIndex group = model.indexOf(Kind::Group, violence());
    ASSERT_TRUE(group.isValid());
    ASSERT_TRUE(model.setData(group, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(selectionChanged.count(), 1);
    const QVector<QModelIndex> under = descendants(model, group);
    for (const QModelIndex &i : under)
        EXPECT_EQ(stateOf(model, i), Qt::Checked) << i.data().toString().toStdString();
    EXPECT_EQ(announced(changed), keysOf(under) + QSet<QString>{keyOf(group)});
    EXPECT_EQ(checkedCodes(model), codesOf(v.offencesIn(OffenceLevel::Group, violence())));
    EXPECT_EQ(model.checkedClassCount(), v.offencesIn(OffenceLevel::Group, violence()).size());
    EXPECT_EQ(model.selection(), selectionOf({violence()}, {}, {}));

    // Unchecking one class changes it and its two ancestors, nothing else.
    changed.clear();
    selectionChanged.clear();
    const QModelIndex assault = model.indexOf(Kind::Class, QStringLiteral("8N"));
    const QModelIndex subgroup = model.indexOf(Kind::Subgroup, withInjury());
    ASSERT_EQ(assault.parent(), subgroup);
    ASSERT_TRUE(model.setData(assault, Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(announced(changed), (QSet<QString>{keyOf(assault), keyOf(subgroup), keyOf(group)}));
    EXPECT_EQ(stateOf(model, assault), Qt::Unchecked);
    EXPECT_EQ(stateOf(model, subgroup), Qt::PartiallyChecked);
    EXPECT_EQ(stateOf(model, group), Qt::PartiallyChecked);

    // The minimal form: the other subgroups by name, the rest of "Violence with injury" by code.
    const OffenceSelection s = model.selection();
    EXPECT_TRUE(s.groups.isEmpty());
    EXPECT_EQ(setOf(s.subgroups), subgroupsOf(v, violence()) - QSet<QString>{withInjury()});
    EXPECT_EQ(setOf(s.classes), codesOf(v.offencesIn(OffenceLevel::Subgroup, withInjury())) -
                                    QSet<QString>{QStringLiteral("8N")});
    EXPECT_EQ(codesCounted(v, s), checkedCodes(model));

    // A partly checked node set to Checked checks all of it; PartiallyChecked cannot be set.
    EXPECT_FALSE(model.setData(group, Qt::PartiallyChecked, Qt::CheckStateRole));
    EXPECT_FALSE(model.setData(group, QStringLiteral("yes"), Qt::CheckStateRole));
    EXPECT_FALSE(model.setData(group, Qt::Checked, Qt::DisplayRole));
    ASSERT_TRUE(model.setData(subgroup, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(stateOf(model, group), Qt::Checked);
    EXPECT_EQ(model.selection(), selectionOf({violence()}, {}, {}));

    // Setting the state a node already has changes nothing and says nothing.
    changed.clear();
    selectionChanged.clear();
    ASSERT_TRUE(model.setData(subgroup, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(selectionChanged.count(), 0);

    // Unchecking the group clears it all.
    ASSERT_TRUE(model.setData(group, Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(model.checkedClassCount(), 0);
    EXPECT_TRUE(model.selection().isEmpty());
    for (const QModelIndex &i : descendants(model))
        EXPECT_EQ(stateOf(model, i), Qt::Unchecked);
}

TEST(OffenceTreeModel, NamesASubgroupOrAGroupOnceAllOfItIsChecked)
{
    const ClassificationVersion &v = builtIn("2017/18");
    OffenceTreeModel model(v);
    QAbstractItemModelTester tester(&model, kFatal);
    const QString robbery = QStringLiteral("Robbery");
    const QString business = QStringLiteral("Robbery of business property");
    // Each robbery subgroup has one class, so checking the class completes the subgroup.
    ASSERT_EQ(v.offencesIn(OffenceLevel::Subgroup, business).size(), 1);
    ASSERT_EQ(subgroupsOf(v, robbery).size(), 2);
    const QString businessCode = v.offencesIn(OffenceLevel::Subgroup, business).first().code;

    ASSERT_TRUE(model.setData(model.indexOf(Kind::Class, businessCode), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(stateOf(model, model.indexOf(Kind::Subgroup, business)), Qt::Checked);
    EXPECT_EQ(stateOf(model, model.indexOf(Kind::Group, robbery)), Qt::PartiallyChecked);
    EXPECT_EQ(model.selection(), selectionOf({}, {business}, {}));

    for (const QString &sub : subgroupsOf(v, robbery))
        ASSERT_TRUE(model.setData(model.indexOf(Kind::Subgroup, sub), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(stateOf(model, model.indexOf(Kind::Group, robbery)), Qt::Checked);
    EXPECT_EQ(model.selection(), selectionOf({robbery}, {}, {}));

    // One class elsewhere is listed by its code alongside the group.
    ASSERT_TRUE(
        model.setData(model.indexOf(Kind::Class, QStringLiteral("8N")), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(model.selection(), selectionOf({robbery}, {}, {QStringLiteral("8N")}));
    EXPECT_EQ(model.checkedClassCount(), v.offencesIn(OffenceLevel::Group, robbery).size() + 1);
}

TEST(OffenceTreeModel, SelectionCountsWhatIsCheckedInEveryBuiltInVersion)
{
    for (const ClassificationVersion &v : Classification::builtIn().versions()) {
        SCOPED_TRACE(v.id.toStdString());
        OffenceTreeModel model(v);
        QAbstractItemModelTester tester(&model, kFatal);
        const QVector<QModelIndex> all = descendants(model);

        // Each subgroup alone: its group when it is the group's only subgroup, its name when no other
        // group has a subgroup of that name, else its classes.
        for (const QModelIndex &si : all) {
            if (si.data(OffenceTreeModel::KindRole).toInt() != int(Kind::Subgroup))
                continue;
            const QString subgroup = si.data().toString(), group = si.parent().data().toString();
            SCOPED_TRACE(subgroup.toStdString());
            model.setSelection({});
            ASSERT_TRUE(model.setData(si, Qt::Checked, Qt::CheckStateRole));
            const OffenceSelection s = model.selection();
            if (subgroupsOf(v, group).size() == 1) {
                EXPECT_EQ(s, selectionOf({group}, {}, {}));
            } else if (groupsHaving(v, subgroup).size() == 1) {
                EXPECT_EQ(s, selectionOf({}, {subgroup}, {}));
            } else {
                EXPECT_TRUE(s.subgroups.isEmpty() && s.groups.isEmpty());
            }
            EXPECT_EQ(codesCounted(v, s), checkedCodes(model));
        }

        // Patterns of single classes, which complete some subgroups and groups and not others.
        for (int step : {1, 2, 3, 5, 7}) {
            SCOPED_TRACE(step);
            model.setSelection({});
            int n = 0;
            for (const QModelIndex &i : all) {
                if (i.data(OffenceTreeModel::KindRole).toInt() == int(Kind::Class) && n++ % step == 0) {
                    ASSERT_TRUE(model.setData(i, Qt::Checked, Qt::CheckStateRole));
                }
            }
            const OffenceSelection s = model.selection();
            EXPECT_EQ(codesCounted(v, s), checkedCodes(model));
            // Minimal: nothing is named twice over, no class inside a named subgroup or group.
            for (const QString &code : s.classes) {
                const Offence *o = v.find(code);
                ASSERT_NE(o, nullptr);
                EXPECT_FALSE(s.groups.contains(o->group) || s.subgroups.contains(o->subgroup))
                    << code.toStdString();
            }
            for (const QString &subgroup : s.subgroups) {
                const QSet<QString> groups = groupsHaving(v, subgroup);
                if (groups.size() == 1) {
                    EXPECT_FALSE(s.groups.contains(*groups.cbegin())) << subgroup.toStdString();
                }
            }
            // The selection reads back as the same check states.
            const QSet<QString> checked = checkedCodes(model);
            OffenceTreeModel copy(v);
            copy.setSelection(s);
            EXPECT_EQ(checkedCodes(copy), checked);
            EXPECT_EQ(copy.selection(), s);
        }
    }
}

TEST(OffenceTreeModel, DoesNotNameASubgroupThatAnotherGroupSharesUnlessBothAreChecked)
{
    const ClassificationVersion v = sharedSubgroupVersion();
    OffenceTreeModel model(v);
    QAbstractItemModelTester tester(&model, kFatal);
    const QString other = QStringLiteral("Other");
    QModelIndex alphaOther, betaOther;
    for (const QModelIndex &i : descendants(model)) {
        if (i.data(OffenceTreeModel::KindRole).toInt() == int(Kind::Subgroup) && i.data().toString() == other)
            (i.parent().data().toString() == QStringLiteral("Alpha") ? alphaOther : betaOther) = i;
    }
    ASSERT_TRUE(alphaOther.isValid() && betaOther.isValid());

    // Alpha's "Other" alone: by name, a request would count Beta's "Other" too.
    ASSERT_TRUE(model.setData(alphaOther, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(model.selection(), selectionOf({}, {}, {QStringLiteral("1A"), QStringLiteral("1B")}));
    EXPECT_EQ(codesCounted(v, model.selection()), checkedCodes(model));

    // Both copies: the name says it.
    ASSERT_TRUE(model.setData(betaOther, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(model.selection(), selectionOf({}, {other}, {}));
    EXPECT_EQ(codesCounted(v, model.selection()), checkedCodes(model));

    // Alpha's copy partly checked: Beta's copy goes back to its class.
    ASSERT_TRUE(
        model.setData(model.indexOf(Kind::Class, QStringLiteral("1B")), Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_EQ(model.selection(), selectionOf({}, {}, {QStringLiteral("1A"), QStringLiteral("3A")}));
    EXPECT_EQ(codesCounted(v, model.selection()), checkedCodes(model));

    // Alpha whole and Beta's "Other": the group, and the name for Beta's copy.
    ASSERT_TRUE(model.setData(alphaOther.parent(), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(model.selection(), selectionOf({QStringLiteral("Alpha")}, {other}, {}));
    EXPECT_EQ(codesCounted(v, model.selection()), checkedCodes(model));

    // A name given (in any case) checks every subgroup of that name.
    model.setSelection(selectionOf({}, {QStringLiteral("OTHER")}, {}));
    EXPECT_EQ(checkedCodes(model),
              (QSet<QString>{QStringLiteral("1A"), QStringLiteral("1B"), QStringLiteral("3A")}));
    EXPECT_EQ(stateOf(model, alphaOther), Qt::Checked);
    EXPECT_EQ(stateOf(model, betaOther), Qt::Checked);
    EXPECT_EQ(stateOf(model, alphaOther.parent()), Qt::PartiallyChecked);
}

TEST(OffenceTreeModel, SetSelectionReadsNamesAndCodesAsARequestGivesThem)
{
    const ClassificationVersion &v = builtIn("2017/18");
    OffenceTreeModel model(v);
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy selectionChanged(&model, &OffenceTreeModel::selectionChanged);

    model.setSelection(selectionOf(
        {QStringLiteral("robbery"), QStringLiteral("No such group")},
        {QStringLiteral("violence WITH injury")},
        {QStringLiteral("008n"), QStringLiteral(" 105a "), QStringLiteral("058A"), QStringLiteral("999Z")}));
    EXPECT_EQ(selectionChanged.count(), 1);
    // Canonical spellings, tree order, 8N folded into its subgroup, the unknown left out.
    const OffenceSelection expected = selectionOf({QStringLiteral("Robbery")}, {withInjury()},
                                                  {QStringLiteral("58A"), QStringLiteral("105A")});
    EXPECT_EQ(model.selection(), expected);
    const QSet<QString> counted = codesCounted(v, expected);
    EXPECT_EQ(checkedCodes(model), counted);
    EXPECT_EQ(model.checkedClassCount(), counted.size());
    EXPECT_EQ(counted.size(), v.offencesIn(OffenceLevel::Group, QStringLiteral("Robbery")).size() +
                                  v.offencesIn(OffenceLevel::Subgroup, withInjury()).size() + 2);

    // The same selection again changes nothing.
    selectionChanged.clear();
    model.setSelection(model.selection());
    EXPECT_EQ(selectionChanged.count(), 0);
    EXPECT_EQ(model.selection(), expected);

    // Replacing, not adding.
    model.setSelection(selectionOf({}, {}, {QStringLiteral("8N")}));
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(checkedCodes(model), QSet<QString>{QStringLiteral("8N")});
    model.setSelection({});
    EXPECT_EQ(selectionChanged.count(), 2);
    EXPECT_EQ(model.checkedClassCount(), 0);
}

TEST(OffenceTreeModel, SaysTheCheckStateToScreenReaders)
{
    OffenceTreeModel model(builtIn("2017/18"));
    QAbstractItemModelTester tester(&model, kFatal);
    const QModelIndex assault = model.indexOf(Kind::Class, QStringLiteral("8N"));
    const QModelIndex subgroup = model.indexOf(Kind::Subgroup, withInjury());
    EXPECT_EQ(assault.data(Qt::AccessibleTextRole).toString(),
              QStringLiteral("8N Assault with injury, not checked"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ASSERT_TRUE(model.setData(assault, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(assault.data(Qt::AccessibleTextRole).toString(),
              QStringLiteral("8N Assault with injury, checked"));
    EXPECT_EQ(subgroup.data(Qt::AccessibleTextRole).toString(),
              QStringLiteral("Violence with injury, partly checked"));
    for (const QList<QVariant> &args : changed)
        EXPECT_TRUE(args.at(2).value<QList<int>>().contains(Qt::AccessibleTextRole));
    const QString tip = assault.data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(violence())) << tip.toStdString();
    EXPECT_TRUE(tip.contains(withInjury())) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Violence and Sexual Offences"))) << tip.toStdString();
    EXPECT_FALSE(model.flags(assault).testFlag(Qt::ItemIsAutoTristate));
    EXPECT_TRUE(model.flags(subgroup).testFlag(Qt::ItemIsUserCheckable));
}

TEST(OffenceTreeModel, PresetsSelectExactlyTheirClasses)
{
    struct Expected
    {
        QString name;
        OffenceLevel level;
        QString source;
    };
    const QVector<Expected> expected = {
        {QStringLiteral("Violence against the person"), OffenceLevel::Group, violence()},
        {QStringLiteral("Violence and sexual offences"), OffenceLevel::PoliceUkCategory,
         QStringLiteral("Violence and Sexual Offences")},
        {QStringLiteral("Robbery"), OffenceLevel::Group, QStringLiteral("Robbery")},
        {QStringLiteral("Sexual offences"), OffenceLevel::Group, QStringLiteral("Sexual offences")},
        {QStringLiteral("Burglary"), OffenceLevel::PoliceUkCategory, QStringLiteral("Burglary")},
        {QStringLiteral("Vehicle crime"), OffenceLevel::PoliceUkCategory, QStringLiteral("Vehicle Crime")},
    };
    for (const ClassificationVersion &v : Classification::builtIn().versions()) {
        SCOPED_TRACE(v.id.toStdString());
        const QVector<OffencePreset> presets = OffenceTreeModel::presets(v);
        ASSERT_EQ(presets.size(), expected.size());
        OffenceTreeModel model(v);
        QAbstractItemModelTester tester(&model, kFatal);
        for (int i = 0; i < expected.size(); ++i) {
            const OffencePreset &p = presets[i];
            SCOPED_TRACE(p.name.toStdString());
            EXPECT_EQ(p.name, expected[i].name);
            EXPECT_FALSE(p.description.isEmpty());
            const QSet<QString> classes = codesOf(v.offencesIn(expected[i].level, expected[i].source));
            ASSERT_FALSE(classes.isEmpty());
            EXPECT_EQ(codesCounted(v, p.selection), classes);
            model.applyPreset(p);
            EXPECT_EQ(checkedCodes(model), classes);
            EXPECT_EQ(model.selection(), p.selection);
        }
        // The forms, as the classification makes them: police.uk's violence and sexual offences are two
        // whole groups, its burglary and vehicle crime whole subgroups of theft.
        EXPECT_EQ(presets[0].selection, selectionOf({violence()}, {}, {}));
        EXPECT_EQ(presets[1].selection, selectionOf({QStringLiteral("Sexual offences"), violence()}, {}, {}));
        EXPECT_EQ(presets[2].selection, selectionOf({QStringLiteral("Robbery")}, {}, {}));
        EXPECT_EQ(presets[3].selection, selectionOf({QStringLiteral("Sexual offences")}, {}, {}));
        EXPECT_EQ(presets[4].selection,
                  selectionOf({},
                              {QStringLiteral("Domestic burglary"), QStringLiteral("Non-domestic burglary")},
                              {}));
        EXPECT_EQ(
            setOf(presets[5].selection.subgroups),
            (QSet<QString>{QStringLiteral("Theft from a vehicle"), QStringLiteral("Theft of a motor vehicle"),
                           QStringLiteral("Vehicle interference")}));
    }

    // A preset that would cover nothing is left out: an empty selection would mean every offence.
    const QVector<OffencePreset> none = OffenceTreeModel::presets(sharedSubgroupVersion());
    EXPECT_TRUE(none.isEmpty());
}

TEST(OffenceTreeModel, PresetsNameClassesWhenTheyCoverPartOfASubgroup)
{
    ClassificationVersion v = sharedSubgroupVersion();
    v.offences[0].policeUkCategory = QStringLiteral("Burglary"); // 1A, one of Alpha's "Other"
    v.offences.append(offence("5A", "Robbery", "Robbery of personal property"));
    v.buildIndex();
    const QVector<OffencePreset> presets = OffenceTreeModel::presets(v);
    ASSERT_EQ(presets.size(), 2);
    EXPECT_EQ(presets[0].name, QStringLiteral("Robbery"));
    EXPECT_EQ(presets[0].selection, selectionOf({QStringLiteral("Robbery")}, {}, {}));
    EXPECT_EQ(presets[1].name, QStringLiteral("Burglary"));
    EXPECT_EQ(presets[1].selection, selectionOf({}, {}, {QStringLiteral("1A")}));
}

TEST(OffenceTreeModel, SearchFindsCodesAndDescriptionsAndShowsTheirAncestors)
{
    const ClassificationVersion &v = builtIn("2017/18");
    OffenceTreeModel model(v);
    OffenceFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, kFatal);
    QAbstractItemModelTester proxyTester(&proxy, kFatal);

    // What the search should show: the classes with the text in their code, description, subgroup or group.
    auto expectedFor = [&v](const QString &text) {
        QSet<QString> out;
        for (const Offence &o : v.offences) {
            for (const QString &field : {o.code, o.description, o.subgroup, o.group}) {
                if (field.contains(text, Qt::CaseInsensitive))
                    out.insert(o.code);
            }
        }
        return out;
    };

    EXPECT_EQ(leafCodes(proxy, false), codesOf(v.offences));
    EXPECT_EQ(proxy.rowCount(), model.rowCount());

    proxy.setFilterFixedString(QStringLiteral("8N"));
    EXPECT_EQ(leafCodes(proxy, false), QSet<QString>{QStringLiteral("8N")});
    EXPECT_EQ(leafCodes(proxy, false), expectedFor(QStringLiteral("8N")));
    ASSERT_EQ(proxy.rowCount(), 1);
    const QModelIndex group = proxy.index(0, 0);
    EXPECT_EQ(group.data().toString(), violence());
    ASSERT_EQ(proxy.rowCount(group), 1);
    const QModelIndex subgroup = proxy.index(0, 0, group);
    EXPECT_EQ(subgroup.data().toString(), withInjury());
    ASSERT_EQ(proxy.rowCount(subgroup), 1);
    EXPECT_EQ(proxy.index(0, 0, subgroup).data().toString(), QStringLiteral("8N Assault with injury"));

    proxy.setFilterFixedString(QStringLiteral("assault with injury"));
    EXPECT_EQ(leafCodes(proxy, false), expectedFor(QStringLiteral("assault with injury")));
    EXPECT_EQ(leafCodes(proxy, false),
              (QSet<QString>{QStringLiteral("8N"), QStringLiteral("8P"), QStringLiteral("8S")}));

    // A matching subgroup shows all its classes, whose own text does not match.
    proxy.setFilterFixedString(QStringLiteral("homicide"));
    EXPECT_EQ(leafCodes(proxy, false),
              codesOf(v.offencesIn(OffenceLevel::Subgroup, QStringLiteral("Homicide"))));
    EXPECT_EQ(leafCodes(proxy, false), expectedFor(QStringLiteral("homicide")));

    // A matching group shows all of it.
    proxy.setFilterFixedString(QStringLiteral("ROBBERY"));
    EXPECT_EQ(leafCodes(proxy, false), codesOf(v.offencesIn(OffenceLevel::Group, QStringLiteral("Robbery"))));

    proxy.setFilterFixedString(QStringLiteral("no offence is called this"));
    EXPECT_EQ(proxy.rowCount(), 0);

    proxy.setFilterFixedString(QString());
    EXPECT_EQ(leafCodes(proxy, false), codesOf(v.offences));
}

TEST(OffenceTreeModel, ChecksThroughTheSearchReachTheModel)
{
    const ClassificationVersion &v = builtIn("2017/18");
    OffenceTreeModel model(v);
    OffenceFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, kFatal);
    QAbstractItemModelTester proxyTester(&proxy, kFatal);
    QSignalSpy selectionChanged(&model, &OffenceTreeModel::selectionChanged);
    QSignalSpy proxyChanged(&proxy, &QAbstractItemModel::dataChanged);

    proxy.setFilterFixedString(QStringLiteral("assault with injury"));
    QModelIndex assault;
    for (const QModelIndex &i : descendants(proxy)) {
        if (i.data(OffenceTreeModel::CodeRole).toString() == QStringLiteral("8N"))
            assault = i;
    }
    ASSERT_TRUE(assault.isValid());
    ASSERT_TRUE(proxy.setData(assault, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(checkedCodes(model), QSet<QString>{QStringLiteral("8N")});
    EXPECT_EQ(stateOf(proxy, assault), Qt::Checked);
    EXPECT_EQ(stateOf(proxy, assault.parent()), Qt::PartiallyChecked);
    EXPECT_EQ(stateOf(proxy, assault.parent().parent()), Qt::PartiallyChecked);
    EXPECT_GE(proxyChanged.count(), 3); // the class and its two ancestors, as the proxy shows them
    EXPECT_EQ(model.selection(), selectionOf({}, {}, {QStringLiteral("8N")}));

    // Checking a group through the search checks all of it, the classes the search hides as well.
    ASSERT_TRUE(proxy.setData(assault.parent().parent(), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(checkedCodes(model), codesOf(v.offencesIn(OffenceLevel::Group, violence())));
    EXPECT_EQ(model.selection(), selectionOf({violence()}, {}, {}));
}

TEST(OffenceTreeModel, SetVersionKeepsWhatTheNewVersionStillHas)
{
    const ClassificationVersion &v17 = builtIn("2017/18");
    const ClassificationVersion &v18 = builtIn("2018/19");
    // 28A (outcome only in 2017/18) is gone from 2018/19; the rest is in both.
    ASSERT_NE(v17.find(QStringLiteral("28A")), nullptr);
    ASSERT_EQ(v18.find(QStringLiteral("28A")), nullptr);
    ASSERT_NE(v18.find(QStringLiteral("58A")), nullptr);

    OffenceTreeModel model(v17);
    QAbstractItemModelTester tester(&model, kFatal);
    model.setSelection(selectionOf({QStringLiteral("Robbery")}, {withInjury()},
                                   {QStringLiteral("28A"), QStringLiteral("58A")}));
    const OffenceSelection before = model.selection();
    ASSERT_EQ(before, selectionOf({QStringLiteral("Robbery")}, {withInjury()},
                                  {QStringLiteral("58A"), QStringLiteral("28A")}));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy selectionChanged(&model, &OffenceTreeModel::selectionChanged);

    model.setVersion(v18);
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(model.versionId(), v18.id);
    EXPECT_EQ(model.classCount(), v18.offences.size());
    const OffenceSelection after =
        selectionOf({QStringLiteral("Robbery")}, {withInjury()}, {QStringLiteral("58A")});
    EXPECT_EQ(model.selection(), after);
    EXPECT_EQ(checkedCodes(model), codesCounted(v18, after));
    // The subgroup is kept by its name, so what moved out of it in 2018/19 is not checked.
    EXPECT_EQ(stateOf(model, model.indexOf(Kind::Class, QStringLiteral("4.4"))), Qt::Unchecked);
    EXPECT_EQ(model.rowCount(model.indexOf(Kind::Group, violence())), subgroupsOf(v18, violence()).size());

    // Back again: nothing more is lost, and nothing is said.
    model.setVersion(v17);
    EXPECT_EQ(reset.count(), 2);
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(model.selection(), after);
    EXPECT_EQ(checkedCodes(model), codesCounted(v17, after));
}
