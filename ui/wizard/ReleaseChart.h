#pragma once

#include "protect/Release.h"

#include <QString>
#include <QStringList>
#include <QVector>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace foi::ui {

/// What a release chart draws: a bar per released inner cell (never a margin or the grand total), its
/// value the released (shown, perhaps rounded) value, never the true count. A withheld cell is left out
/// altogether, not drawn as a zero bar: a zero is a value, and a gap among the bars would point at it.
/// One-way tables: a category per released row ("Burglary"). Two-way tables: one set still, a category
/// per released cell, "row – column" ("Burglary – Female"), in the table's order.
struct ChartData
{
    QStringList categories;
    QVector<qint64> values;
    int leftOut = 0; ///< inner cells not drawn because they are withheld
};

/// The bars of a table's released values (pure: reads only `shown` and `status`).
ChartData chartData(const ReleasedTable &table);

/// A bar chart of chartData(table): the table's title, both axes titled, one set and so no legend, no
/// animation. The caller owns it (a QChartView takes it over with setChart()).
QChart *makeReleaseChart(const ReleasedTable &table);

/// Shown under the chart when bars are left out: "Withheld counts ([c]) are not drawn: 3 rows are left
/// out." ("cells" for a two-way table); empty when nothing is left out.
QString chartCaption(const ReleasedTable &table);

/// The chart in words for a screen reader, which cannot read a chart view: what it draws, how many bars,
/// the largest, then chartCaption(). Set it as the accessible description of the chart view and of the
/// caption under it. Released values only.
QString chartDescription(const ReleasedTable &table);

} // namespace foi::ui
