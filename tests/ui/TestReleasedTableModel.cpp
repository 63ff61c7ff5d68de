// The Preview page's table: released mode shows exactly releasedGrid() and no role of a withheld or
// rounded cell carries its true count; the officer's unprotected view shows every true count; withheld
// cells say why. Tables are made directly, with counts that no policy text (threshold 10: "from 1 to 9",
// "s.44(1)", "1992") contains as a number.

#include "ReleasedTableFixtures.h"
#include "support/TestSupport.h"
#include "wizard/ReleasedTableModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QRegularExpression>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace foi;
using test::category;
using test::kTotalCategory;
using test::kWithheld;
using test::releasedCell;

namespace {

const QString kTotal = QStringLiteral("total");

/// Offences, one-way, threshold 10 with zeros withheld: a row of each kind of withheld cell.
ReleasedTable oneWayTable()
{
    ReleasedTable t;
    t.spec.title = QStringLiteral("Crimes by offence class");
    t.spec.rows = Dimension::OffenceClass;
    t.rows = {category("28E", "Burglary"),   category("8N", "Assault with injury"),
              category("19C", "Rape", true), category("58A", "Criminal damage"),
              category("56B", "Arson"),      category("49", "Theft")};
    const QVector<qint64> counts{25, 7, 6, 12, 0, 40};
    const QVector<CellStatus> status{CellStatus::Released,  CellStatus::Threshold, CellStatus::Sensitive,
                                     CellStatus::Secondary, CellStatus::Threshold, CellStatus::Released};
    for (int i = 0; i < t.rows.size(); ++i)
        t.cells << releasedCell(t.rows[i], nullptr, counts[i], status[i]);
    t.total = releasedCell(kTotalCategory, nullptr, 90, CellStatus::Released);
    return t;
}

/// Offences by sex: inner cells withheld for each reason, a withheld row margin.
ReleasedTable twoWayTable()
{
    ReleasedTable t;
    t.spec.title = QStringLiteral("Crimes by offence class and sex of the victim");
    t.spec.rows = Dimension::OffenceClass;
    t.spec.columns = Dimension::Sex;
    t.rows = {category("28E", "Burglary"), category("8N", "Assault with injury"),
              category("19C", "Rape", true)};
    t.columns = {category("female", "Female"), category("male", "Male")};
    const Category &f = t.columns[0], &m = t.columns[1];
    const Category totalColumn = category("total", "Total");
    t.cells << releasedCell(t.rows[0], &f, 14, CellStatus::Released)
            << releasedCell(t.rows[0], &m, 20, CellStatus::Released)
            << releasedCell(t.rows[0], &totalColumn, 34, CellStatus::Released);
    t.cells << releasedCell(t.rows[1], &f, 3, CellStatus::Threshold)
            << releasedCell(t.rows[1], &m, 15, CellStatus::Secondary)
            << releasedCell(t.rows[1], &totalColumn, 18, CellStatus::Released);
    t.cells << releasedCell(t.rows[2], &f, 6, CellStatus::Sensitive)
            << releasedCell(t.rows[2], &m, 4, CellStatus::Sensitive)
            << releasedCell(t.rows[2], &totalColumn, 10, CellStatus::Sensitive);
    t.cells << releasedCell(kTotalCategory, &f, 23, CellStatus::Released)
            << releasedCell(kTotalCategory, &m, 39, CellStatus::Released);
    t.total = releasedCell(kTotalCategory, &totalColumn, 62, CellStatus::Released);
    return t;
}

/// Rounded to the nearest 5: released values differ from their counts.
ReleasedTable roundedTable()
{
    ReleasedTable t;
    t.spec.title = QStringLiteral("Crimes by offence class, rounded");
    t.spec.rows = Dimension::OffenceClass;
    t.rows = {category("28E", "Burglary"), category("49", "Theft"), category("58A", "Criminal damage"),
              category("8N", "Assault with injury")};
    t.cells << releasedCell(t.rows[0], nullptr, 12, CellStatus::Released, QStringLiteral("10"))
            << releasedCell(t.rows[1], nullptr, 23, CellStatus::Released, QStringLiteral("25"))
            << releasedCell(t.rows[2], nullptr, 37, CellStatus::Released, QStringLiteral("35"))
            << releasedCell(t.rows[3], nullptr, 4, CellStatus::Threshold);
    t.total = releasedCell(kTotalCategory, nullptr, 76, CellStatus::Released, QStringLiteral("75"));
    return t;
}

ProtectionPolicy policy(std::optional<int> round = {})
{
    ProtectionPolicy p;
    p.threshold = 10;
    p.suppressZeros = true;
    p.round = round;
    return p;
}

QString text(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}

constexpr int kLastRole = ui::ReleasedTableModel::StatusRole + 8;

/// Does the value carry the number n: as a whole number in a text, or as a number itself?
bool carries(const QVariant &value, qint64 n)
{
    switch (value.metaType().id()) {
    case QMetaType::QString: {
        const QRegularExpression number(QStringLiteral("(?<![0-9])%1(?![0-9])").arg(n));
        return number.match(value.toString()).hasMatch();
    }
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return value.toLongLong() == n;
    default:
        return false;
    }
}

/// Every role of every index whose cell's count differs from what is released: none may carry the count.
void expectNoTrueCountShown(const ui::ReleasedTableModel &model)
{
    int checked = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 1; c < model.columnCount(); ++c) {
            const QModelIndex index = model.index(r, c);
            const ReleasedCell *cell = model.cell(index);
            ASSERT_NE(cell, nullptr) << r << "," << c;
            if (cell->shown == QString::number(cell->count))
                continue;
            ++checked;
            for (int role = 0; role <= kLastRole; ++role) {
                EXPECT_FALSE(carries(model.data(index, role), cell->count))
                    << "row " << r << " column " << c << " role " << role << " shows the true count "
                    << cell->count << ": " << model.data(index, role).toString().toStdString();
            }
        }
    }
    EXPECT_GT(checked, 0) << "the table has no withheld or rounded cell to check";
}

/// Everything released mode shows, every index and role, as text.
QStringList everything(const ui::ReleasedTableModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 0; c < model.columnCount(); ++c) {
            for (int role = 0; role <= kLastRole; ++role)
                out << model.data(model.index(r, c), role).toString();
        }
    }
    return out;
}

} // namespace

TEST(ReleasedTableModel, ShowsExactlyTheReleasedGrid)
{
    ui::ReleasedTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_FALSE(model.unprotected()) << "the officer's view must never be the default";
    EXPECT_EQ(model.rowCount(), 0);

    for (const ReleasedTable &table : {oneWayTable(), twoWayTable(), roundedTable()}) {
        model.setTable(table);
        const QVector<QStringList> grid = table.releasedGrid();
        ASSERT_EQ(model.columnCount(), grid.first().size());
        ASSERT_EQ(model.rowCount(), grid.size() - 1);
        QStringList header;
        for (int c = 0; c < model.columnCount(); ++c)
            header << model.headerData(c, Qt::Horizontal).toString();
        EXPECT_EQ(header, grid.first());
        for (int r = 0; r < model.rowCount(); ++r) {
            QStringList line;
            for (int c = 0; c < model.columnCount(); ++c)
                line << text(model, r, c);
            EXPECT_EQ(line, grid.at(r + 1)) << "row " << r;
        }
        EXPECT_EQ(text(model, model.rowCount() - 1, 0), QStringLiteral("Total"));
        EXPECT_EQ(model.totalsRow(), model.rowCount() - 1);
        // The mode switch is checked by the tester too.
        model.setUnprotected(true);
        model.setUnprotected(false);
    }
    // Two-way: the row margin and the column margins where releasedGrid() puts them.
    model.setTable(twoWayTable());
    EXPECT_EQ(text(model, 0, 3), QStringLiteral("34"));
    EXPECT_EQ(text(model, 1, 1), kWithheld);
    EXPECT_EQ(text(model, 3, 2), QStringLiteral("39"));
    EXPECT_EQ(text(model, 3, 3), QStringLiteral("62"));
}

TEST(ReleasedTableModel, ReleasedModeNeverShowsATrueCountThatIsNotReleased)
{
    ui::ReleasedTableModel model;
    for (const ReleasedTable &table : {oneWayTable(), twoWayTable(), roundedTable()}) {
        for (const std::optional<int> round : {std::optional<int>(), std::optional<int>(5)}) {
            SCOPED_TRACE(table.spec.title.toStdString());
            model.setTable(table);
            model.setPolicy(policy(round));
            expectNoTrueCountShown(model);
            // Back from the officer's view, nothing of it stays.
            model.setUnprotected(true);
            model.setUnprotected(false);
            expectNoTrueCountShown(model);
        }
    }
}

TEST(ReleasedTableModel, ReleasedModeDoesNotDependOnWithheldCounts)
{
    // Whatever a withheld cell holds, released mode shows the same: not even a zero is told apart.
    for (const ReleasedTable &table : {oneWayTable(), twoWayTable()}) {
        ReleasedTable other = table;
        for (ReleasedCell &c : other.cells) {
            if (c.withheld())
                c.count += 100;
        }
        ui::ReleasedTableModel a, b;
        a.setPolicy(policy());
        b.setPolicy(policy());
        a.setTable(table);
        b.setTable(other);
        EXPECT_EQ(everything(a), everything(b)) << table.spec.title.toStdString();
        a.setUnprotected(true);
        b.setUnprotected(true);
        EXPECT_NE(everything(a), everything(b)) << "the unprotected view shows the counts";
    }
}

TEST(ReleasedTableModel, UnprotectedModeShowsEveryTrueCount)
{
    ui::ReleasedTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTable(oneWayTable());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy mode(&model, &ui::ReleasedTableModel::unprotectedChanged);

    model.setUnprotected(true);
    EXPECT_TRUE(model.unprotected());
    ASSERT_EQ(changed.count(), 1);
    ASSERT_EQ(mode.count(), 1);
    EXPECT_TRUE(mode.at(0).at(0).toBool());
    const QModelIndex from = changed.at(0).at(0).toModelIndex(), to = changed.at(0).at(1).toModelIndex();
    EXPECT_EQ(from, model.index(0, 1));
    EXPECT_EQ(to, model.index(model.rowCount() - 1, model.columnCount() - 1));
    EXPECT_TRUE(changed.at(0).at(2).value<QList<int>>().contains(Qt::DisplayRole));

    EXPECT_EQ(text(model, 0, 1), QStringLiteral("25"));
    EXPECT_EQ(text(model, 1, 1), QStringLiteral("7 (withheld)"));
    EXPECT_EQ(text(model, 2, 1), QStringLiteral("6 (withheld)"));
    EXPECT_EQ(text(model, 3, 1), QStringLiteral("12 (withheld)"));
    EXPECT_EQ(text(model, 4, 1), QStringLiteral("0 (withheld)"));
    EXPECT_EQ(text(model, 6, 1), QStringLiteral("90"));
    EXPECT_EQ(text(model, 1, 1, Qt::AccessibleTextRole),
              QStringLiteral("Assault with injury, Count: 7, withheld [c]"));
    // The officer's view names a withheld zero; the released one cannot.
    EXPECT_TRUE(text(model, 4, 1, Qt::ToolTipRole).contains(QStringLiteral("a zero, and this policy")));

    // Setting the same mode again says nothing.
    model.setUnprotected(true);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(mode.count(), 1);
    model.setUnprotected(false);
    EXPECT_EQ(changed.count(), 2);
    ASSERT_EQ(mode.count(), 2);
    EXPECT_FALSE(mode.at(1).at(0).toBool());
    EXPECT_EQ(text(model, 1, 1), kWithheld);

    model.setTable(roundedTable());
    model.setUnprotected(true);
    EXPECT_EQ(text(model, 0, 1), QStringLiteral("12 (released as 10)"));
    EXPECT_EQ(text(model, 3, 1), QStringLiteral("4 (withheld)"));
    EXPECT_EQ(text(model, 4, 1), QStringLiteral("76 (released as 75)"));
    EXPECT_EQ(text(model, 0, 1, Qt::ToolTipRole), QStringLiteral("Released as 10."));

    model.setTable(twoWayTable());
    EXPECT_TRUE(model.unprotected()) << "a new table keeps the mode";
    EXPECT_EQ(text(model, 1, 2), QStringLiteral("15 (withheld)"));
    EXPECT_EQ(text(model, 2, 3), QStringLiteral("10 (withheld)"));
    EXPECT_EQ(text(model, 3, 3), QStringLiteral("62"));
}

TEST(ReleasedTableModel, WithheldCellsSayWhyInPlainWords)
{
    ui::ReleasedTableModel model;
    model.setTable(twoWayTable());
    // Without the policy, the words are general.
    EXPECT_TRUE(text(model, 1, 1, Qt::ToolTipRole).contains(QStringLiteral("below the threshold")));
    model.setPolicy(policy());
    const QString threshold = text(model, 1, 1, Qt::ToolTipRole);
    EXPECT_TRUE(threshold.contains(QStringLiteral("from 1 to 9"))) << threshold.toStdString();
    EXPECT_TRUE(threshold.contains(QStringLiteral("or it is a zero"))) << threshold.toStdString();
    EXPECT_TRUE(
        text(model, 1, 2, Qt::ToolTipRole).contains(QStringLiteral("cannot be worked out from the totals")));
    EXPECT_TRUE(text(model, 2, 1, Qt::ToolTipRole).contains(QStringLiteral("sexual offence")));
    EXPECT_TRUE(text(model, 2, 3, Qt::ToolTipRole).contains(QStringLiteral("s.44(1)")));
    EXPECT_FALSE(model.data(model.index(0, 1), Qt::ToolTipRole).isValid()) << "a released count needs no why";
    EXPECT_FALSE(model.data(model.index(0, 0), Qt::ToolTipRole).isValid());

    EXPECT_EQ(text(model, 2, 3, Qt::AccessibleTextRole), QStringLiteral("Rape, Total: withheld [c]"));
    EXPECT_EQ(text(model, 1, 1, Qt::AccessibleTextRole),
              QStringLiteral("Assault with injury, Female: withheld [c]"));
    EXPECT_EQ(text(model, 0, 2, Qt::AccessibleTextRole), QStringLiteral("Burglary, Male: 20"));
    EXPECT_EQ(text(model, 3, 3, Qt::AccessibleTextRole), QStringLiteral("Total, Total: 62"));
    EXPECT_EQ(text(model, 0, 0, Qt::AccessibleTextRole), QStringLiteral("Burglary"));

    // Rounding is said on released cells, without the counts.
    model.setTable(roundedTable());
    model.setPolicy(policy(5));
    EXPECT_EQ(text(model, 0, 1, Qt::ToolTipRole), QStringLiteral("Rounded to the nearest 5."));
    // A withheld zero is not told apart from the other threshold cells.
    model.setTable(oneWayTable());
    model.setPolicy(policy());
    EXPECT_EQ(text(model, 4, 1, Qt::ToolTipRole), text(model, 1, 1, Qt::ToolTipRole));
}

TEST(ReleasedTableModel, AlignsNumbersBoldsTotalsAndGivesEachIndexItsCell)
{
    ui::ReleasedTableModel model;
    const ReleasedTable table = twoWayTable();
    model.setTable(table);
    const int right = int(Qt::AlignRight | Qt::AlignVCenter), left = int(Qt::AlignLeft | Qt::AlignVCenter);
    for (int r = 0; r < model.rowCount(); ++r) {
        EXPECT_EQ(model.data(model.index(r, 0), Qt::TextAlignmentRole).toInt(), left);
        for (int c = 1; c < model.columnCount(); ++c)
            EXPECT_EQ(model.data(model.index(r, c), Qt::TextAlignmentRole).toInt(), right);
        const QVariant font = model.data(model.index(r, 1), Qt::FontRole);
        EXPECT_EQ(font.isValid() && font.value<QFont>().bold(), r == model.totalsRow()) << "row " << r;
    }
    EXPECT_TRUE(model.data(model.index(model.totalsRow(), 0), Qt::FontRole).value<QFont>().bold());
    EXPECT_EQ(model.headerData(2, Qt::Horizontal, Qt::TextAlignmentRole).toInt(), right);

    EXPECT_EQ(model.cell(model.index(0, 0)), nullptr);
    EXPECT_EQ(model.cell(QModelIndex()), nullptr);
    const ReleasedCell *cell = model.cell(model.index(1, 2));
    ASSERT_NE(cell, nullptr);
    EXPECT_EQ(cell->row, QStringLiteral("8N"));
    EXPECT_EQ(cell->column, QStringLiteral("male"));
    EXPECT_EQ(cell->status, CellStatus::Secondary);
    EXPECT_EQ(model.data(model.index(1, 2), ui::ReleasedTableModel::StatusRole).toString(),
              QStringLiteral("secondary"));
    EXPECT_FALSE(model.data(model.index(1, 0), ui::ReleasedTableModel::StatusRole).isValid());
    ASSERT_NE(model.cell(model.index(1, 3)), nullptr);
    EXPECT_EQ(model.cell(model.index(1, 3))->column, kTotal);
    ASSERT_NE(model.cell(model.index(3, 1)), nullptr);
    EXPECT_EQ(model.cell(model.index(3, 1))->row, kTotal);
    EXPECT_EQ(model.cell(model.index(3, 1))->column, QStringLiteral("female"));
    EXPECT_EQ(model.cell(model.index(3, 3)), &model.table().total);
}
