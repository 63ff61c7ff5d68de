#include "wizard/ReleaseChart.h"

#include "protect/ReleaseProblem.h"

#include <QCoreApplication>
#include <QSet>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace foi::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("foi::ui::ReleaseChart", text);
}

QString capitalised(QString words)
{
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

bool twoWay(const ReleasedTable &table)
{
    return table.spec.columns.has_value();
}

/// A tick step of 1, 2 or 5 times a power of ten giving about five whole-number ticks up to top.
qint64 tickStep(qint64 top)
{
    qint64 step = 1;
    for (;;) {
        for (const qint64 factor : {qint64(1), qint64(2), qint64(5)}) {
            if (top <= step * factor * 5)
                return step * factor;
        }
        step *= 10;
    }
}

} // namespace

ChartData chartData(const ReleasedTable &table)
{
    ChartData out;
    QSet<QString> seen;
    auto add = [&](const ReleasedCell *cell, QString category) {
        if (!cell)
            return;
        bool number = false;
        const qint64 value = cell->shown.toLongLong(&number);
        // Only what the release shows as a number is drawn; a withheld cell is left out, not drawn as 0.
        if (cell->withheld() || !number) {
            ++out.leftOut;
            return;
        }
        // The category axis keeps one of equal labels: two rows of the same words would shift the bars.
        const QString base = category;
        for (int n = 2; seen.contains(category); ++n)
            category = QStringLiteral("%1 (%2)").arg(base).arg(n);
        seen.insert(category);
        out.categories << category;
        out.values << value;
    };
    for (const Category &r : table.rows) {
        if (!twoWay(table)) {
            add(table.find(r.key), r.label);
            continue;
        }
        for (const Category &c : table.columns)
            add(table.find(r.key, c.key), r.label + QStringLiteral(" \u2013 ") + c.label);
    }
    return out;
}

QChart *makeReleaseChart(const ReleasedTable &table)
{
    const ChartData data = chartData(table);
    auto *chart = new QChart;
    chart->setTitle(table.spec.title);
    chart->setAnimationOptions(QChart::NoAnimation);

    auto *set = new QBarSet(tr("Released count"));
    for (const qint64 value : data.values)
        set->append(qreal(value));
    auto *series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);

    auto *categories = new QBarCategoryAxis;
    categories->append(data.categories);
    QString dimensions = capitalised(release::dimensionWords(table.spec.rows));
    if (table.spec.columns)
        dimensions += QStringLiteral(" \u2013 ") + release::dimensionWords(*table.spec.columns);
    categories->setTitleText(dimensions);
    // Long labels ("Assault with injury") are turned, so that they are read whole, not cut to "Assault w...".
    const bool longLabels = std::any_of(data.categories.cbegin(), data.categories.cend(),
                                        [](const QString &label) { return label.size() > 10; });
    if (longLabels || data.categories.size() > 6)
        categories->setLabelsAngle(-60);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);

    // Whole-number ticks from zero: a count axis with 0.5 steps would say nothing true.
    const qint64 largest =
        data.values.isEmpty() ? 0 : *std::max_element(data.values.cbegin(), data.values.cend());
    const qint64 step = tickStep(std::max<qint64>(largest, 1));
    const qint64 top = std::max<qint64>((largest + step - 1) / step, 1) * step;
    auto *values = new QValueAxis;
    values->setTitleText(tr("Released count"));
    values->setLabelFormat(QStringLiteral("%d"));
    values->setRange(0, qreal(top));
    values->setTickType(QValueAxis::TicksDynamic);
    values->setTickAnchor(0);
    values->setTickInterval(qreal(step));
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);

    // One set: a legend would only repeat the axis title.
    chart->legend()->setVisible(series->count() > 1);
    return chart;
}

QString chartCaption(const ReleasedTable &table)
{
    const int n = chartData(table).leftOut;
    if (n == 0)
        return {};
    if (twoWay(table))
        return n == 1 ? tr("Withheld counts ([c]) are not drawn: 1 cell is left out.")
                      : tr("Withheld counts ([c]) are not drawn: %1 cells are left out.").arg(n);
    return n == 1 ? tr("Withheld counts ([c]) are not drawn: 1 row is left out.")
                  : tr("Withheld counts ([c]) are not drawn: %1 rows are left out.").arg(n);
}

QString chartDescription(const ReleasedTable &table)
{
    const ChartData data = chartData(table);
    QString text;
    if (data.values.isEmpty()) {
        text = tr("Bar chart of the released counts in \"%1\": no count is released, so there are no bars.")
                   .arg(table.spec.title);
    } else {
        const qsizetype largest =
            std::max_element(data.values.cbegin(), data.values.cend()) - data.values.cbegin();
        const QString per =
            twoWay(table) ? tr("one bar per released cell, row and column") : tr("one bar per released row");
        const QString bars = data.values.size() == 1 ? tr("1 bar") : tr("%1 bars").arg(data.values.size());
        text = tr("Bar chart of the released counts in \"%1\", %2 (%3); the largest is %4, %5. The table "
                  "gives the same values.")
                   .arg(table.spec.title, per, bars, data.categories.at(largest),
                        QString::number(data.values.at(largest)));
    }
    const QString caption = chartCaption(table);
    return caption.isEmpty() ? text : text + QLatin1Char(' ') + caption;
}

} // namespace foi::ui
