// The Preview page's chart draws released values only: inner cells whose status is Released, at their
// shown (perhaps rounded) value; a withheld cell is left out, not drawn as zero, and the caption says how
// many are left out.

#include "ReleasedTableFixtures.h"
#include "support/TestSupport.h"
#include "wizard/ReleaseChart.h"

#include <QRegularExpression>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <gtest/gtest.h>

#include <memory>

using namespace foi;
using test::category;
using test::kTotalCategory;
using test::kWithheld;
using test::releasedCell;

namespace {

/// A released row, a row withheld for each reason, a withheld zero and a large released total.
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

/// Rounded to the nearest 5: every released value differs from its count.
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

/// What the chart draws, read back from the chart itself.
struct Drawn
{
    QStringList categories;
    QVector<qint64> values;
    int sets = 0;
};

Drawn drawn(const QChart &chart)
{
    Drawn out;
    const QList<QAbstractSeries *> series = chart.series();
    EXPECT_EQ(series.size(), 1);
    for (QAbstractSeries *s : series) {
        auto *bars = qobject_cast<QBarSeries *>(s);
        EXPECT_NE(bars, nullptr);
        if (!bars)
            continue;
        out.sets += int(bars->count());
        for (QBarSet *set : bars->barSets()) {
            for (int i = 0; i < set->count(); ++i)
                out.values << qint64(set->at(i));
        }
    }
    const QList<QAbstractAxis *> horizontal = chart.axes(Qt::Horizontal);
    EXPECT_EQ(horizontal.size(), 1);
    if (!horizontal.isEmpty()) {
        auto *axis = qobject_cast<QBarCategoryAxis *>(horizontal.first());
        EXPECT_NE(axis, nullptr);
        if (axis)
            out.categories = axis->categories();
    }
    return out;
}

/// The released inner cells (no margin, no grand total) in the table's order: what the chart must draw.
QVector<qint64> releasedInnerValues(const ReleasedTable &t)
{
    QVector<qint64> out;
    for (const ReleasedCell &c : t.cells) {
        if (!c.isMargin() && !c.withheld())
            out << c.shown.toLongLong();
    }
    return out;
}

} // namespace

TEST(ReleaseChart, OneWayDrawsABarPerReleasedRowOnly)
{
    const ReleasedTable table = oneWayTable();
    const ui::ChartData data = ui::chartData(table);
    EXPECT_EQ(data.categories, (QStringList{QStringLiteral("Burglary"), QStringLiteral("Theft")}));
    EXPECT_EQ(data.values, (QVector<qint64>{25, 40}));
    EXPECT_EQ(data.values, releasedInnerValues(table));
    // The four withheld rows (the withheld zero too) are left out, not drawn as zero; the total is no bar.
    EXPECT_EQ(data.leftOut, 4);
    EXPECT_FALSE(data.categories.contains(QStringLiteral("Assault with injury")));
    EXPECT_FALSE(data.categories.contains(QStringLiteral("Arson")));
    EXPECT_FALSE(data.values.contains(0));
    EXPECT_FALSE(data.values.contains(90));
    EXPECT_EQ(ui::chartCaption(table),
              QStringLiteral("Withheld counts ([c]) are not drawn: 4 rows are left out."));
}

TEST(ReleaseChart, TwoWayDrawsReleasedInnerCellsOnly)
{
    const ReleasedTable table = twoWayTable();
    const ui::ChartData data = ui::chartData(table);
    EXPECT_EQ(data.categories, (QStringList{QStringLiteral("Burglary \u2013 Female"),
                                            QStringLiteral("Burglary \u2013 Male")}));
    EXPECT_EQ(data.values, (QVector<qint64>{14, 20}));
    EXPECT_EQ(data.values, releasedInnerValues(table));
    EXPECT_EQ(data.leftOut, 4);
    // Margins and the grand total are released, but they are no bars.
    for (const qint64 margin : {34, 18, 23, 39, 62})
        EXPECT_FALSE(data.values.contains(margin)) << margin;
    for (const QString &c : data.categories)
        EXPECT_FALSE(c.contains(QStringLiteral("Total"))) << c.toStdString();
    EXPECT_EQ(ui::chartCaption(table),
              QStringLiteral("Withheld counts ([c]) are not drawn: 4 cells are left out."));
}

TEST(ReleaseChart, TheChartDrawsChartData)
{
    for (const ReleasedTable &table : {oneWayTable(), twoWayTable(), roundedTable()}) {
        SCOPED_TRACE(table.spec.title.toStdString());
        const ui::ChartData data = ui::chartData(table);
        const std::unique_ptr<QChart> chart(ui::makeReleaseChart(table));
        ASSERT_NE(chart, nullptr);
        const Drawn bars = drawn(*chart);
        EXPECT_EQ(bars.sets, 1);
        EXPECT_EQ(bars.values, data.values);
        EXPECT_EQ(bars.categories, data.categories);
        EXPECT_EQ(chart->title(), table.spec.title);
        EXPECT_FALSE(chart->legend()->isVisible()) << "one set needs no legend";
        EXPECT_EQ(chart->animationOptions(), QChart::NoAnimation);
        ASSERT_EQ(chart->axes(Qt::Horizontal).size(), 1);
        EXPECT_FALSE(chart->axes(Qt::Horizontal).first()->titleText().isEmpty());
        const QList<QAbstractAxis *> vertical = chart->axes(Qt::Vertical);
        ASSERT_EQ(vertical.size(), 1);
        EXPECT_FALSE(vertical.first()->titleText().isEmpty());
        auto *values = qobject_cast<QValueAxis *>(vertical.first());
        ASSERT_NE(values, nullptr);
        EXPECT_EQ(values->min(), 0.0);
        for (const qint64 v : data.values)
            EXPECT_LE(qreal(v), values->max());
    }
    const std::unique_ptr<QChart> twoWay(ui::makeReleaseChart(twoWayTable()));
    EXPECT_EQ(twoWay->axes(Qt::Horizontal).first()->titleText(),
              QStringLiteral("Home Office offence class \u2013 sex"));
}

TEST(ReleaseChart, ARoundedTableDrawsItsShownValuesNeverItsCounts)
{
    const ReleasedTable table = roundedTable();
    const ui::ChartData data = ui::chartData(table);
    EXPECT_EQ(data.values, (QVector<qint64>{10, 25, 35}));
    EXPECT_EQ(data.leftOut, 1);
    const std::unique_ptr<QChart> chart(ui::makeReleaseChart(table));
    const Drawn bars = drawn(*chart);
    const QString words = ui::chartDescription(table) + ui::chartCaption(table) + data.categories.join(u' ');
    for (const qint64 count : {12, 23, 37, 4, 76}) {
        EXPECT_FALSE(data.values.contains(count)) << count;
        EXPECT_FALSE(bars.values.contains(count)) << count;
        const QRegularExpression number(QStringLiteral("(?<![0-9])%1(?![0-9])").arg(count));
        EXPECT_FALSE(number.match(words).hasMatch()) << count << ": " << words.toStdString();
    }
}

TEST(ReleaseChart, CaptionAndDescriptionSayWhatIsDrawn)
{
    // Nothing withheld: no caption, but the description still reads the chart.
    ReleasedTable all = oneWayTable();
    for (ReleasedCell &c : all.cells) {
        c.status = CellStatus::Released;
        c.shown = QString::number(c.count);
    }
    EXPECT_EQ(ui::chartData(all).leftOut, 0);
    EXPECT_EQ(ui::chartData(all).values.size(), 6);
    EXPECT_TRUE(ui::chartCaption(all).isEmpty());
    const QString whole = ui::chartDescription(all);
    EXPECT_TRUE(whole.contains(all.spec.title)) << whole.toStdString();
    EXPECT_TRUE(whole.contains(QStringLiteral("6 bars"))) << whole.toStdString();
    EXPECT_TRUE(whole.contains(QStringLiteral("the largest is Theft, 40"))) << whole.toStdString();

    // The description carries the caption, for a screen reader that cannot see the chart.
    const ReleasedTable table = oneWayTable();
    const QString description = ui::chartDescription(table);
    EXPECT_TRUE(description.endsWith(ui::chartCaption(table))) << description.toStdString();
    EXPECT_TRUE(description.contains(QStringLiteral("2 bars"))) << description.toStdString();

    // One row withheld: "1 row is".
    ReleasedTable one = all;
    one.cells[1].status = CellStatus::Threshold;
    one.cells[1].shown = kWithheld;
    EXPECT_EQ(ui::chartCaption(one),
              QStringLiteral("Withheld counts ([c]) are not drawn: 1 row is left out."));

    // Everything withheld: an empty chart, said so.
    ReleasedTable none = oneWayTable();
    for (ReleasedCell &c : none.cells) {
        c.status = CellStatus::Secondary;
        c.shown = kWithheld;
    }
    EXPECT_TRUE(ui::chartData(none).values.isEmpty());
    EXPECT_TRUE(ui::chartDescription(none).contains(QStringLiteral("no bars")));
    const std::unique_ptr<QChart> chart(ui::makeReleaseChart(none));
    EXPECT_TRUE(drawn(*chart).values.isEmpty());
}
