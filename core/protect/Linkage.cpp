// Linkage across separate one-way tables of one population. Releasing a cross-tab as separate tables
// (the seed's "individual tables") hides which offence went with which age, but not entirely: if 10 of
// 12 crimes were assaults and 9 of 12 involved a nine-year-old, at least 7 assaults involved a
// nine-year-old (Frechet bounds). The officer sees that residual risk in plain words.

#include "protect/ReleaseProblem.h"

#include <algorithm>

namespace foi::release {

namespace {

/// What the release says of a cell: [low, high]; high -1 when unbounded.
struct Range
{
    qint64 low = 0;
    qint64 high = -1;
};

Range rangeOf(const ReleasedCell &c)
{
    return Range{c.shownLow, c.shownHigh};
}

QString categoryWords(Dimension d, const Category &c)
{
    return QStringLiteral("%1 '%2'").arg(dimensionWords(d), c.label);
}

} // namespace

void checkLinkage(const Release &release, QVector<ReleaseWarning> &warnings)
{
    QVector<const ReleasedTable *> oneWay;
    for (const ReleasedTable &t : release.tables) {
        if (!t.spec.columns)
            oneWay << &t;
    }
    if (oneWay.size() < 2)
        return;
    const CountUnit unit = release.request.unit;
    const int threshold = release.request.protection.threshold;

    // A small population: every table describes a handful of people.
    const ReleasedCell &total = oneWay.first()->total;
    if (threshold > 0 && total.count > 0 && !total.withheld() && total.shownHigh <= threshold) {
        ReleaseWarning w;
        w.kind = QStringLiteral("linkage");
        w.message =
            QStringLiteral("Only %1 %2 are counted: with so few, the separate tables read together may "
                           "describe individuals.")
                .arg(total.shown, unitNoun(unit, total.count));
        w.fix = QStringLiteral("Release the total only, or withhold the tables.");
        warnings << w;
    }

    // A table that puts everything in one category: joined with any other table, it gives the
    // cross-tabulation in full.
    for (const ReleasedTable *t : oneWay) {
        if (t->total.count <= 0 || t->cells.size() < 1)
            continue;
        const ReleasedCell *all = nullptr;
        for (const ReleasedCell &c : t->cells) {
            if (!c.withheld() && c.shownLow == c.shownHigh && c.shownLow == t->total.shownHigh &&
                !t->total.withheld() && t->total.shownLow == t->total.shownHigh)
                all = &c;
        }
        if (!all)
            continue;
        ReleaseWarning w;
        w.kind = QStringLiteral("linkage");
        w.message =
            QStringLiteral("Every one of the %1 %2 counted in '%3' is under %4, so each of the other "
                           "tables also shows them by %5.")
                .arg(t->total.shown, unitNoun(unit, t->total.count), t->spec.title,
                     categoryWords(t->spec.rows, Category{all->row, all->rowLabel, false, false, {}, {}}),
                     dimensionWords(t->spec.rows));
        w.fix = QStringLiteral("Leave out the table '%1': it says nothing the criteria do not.")
                    .arg(t->spec.title);
        warnings << w;
    }

    // Frechet bounds between each pair of tables: at least a + b - N things are in both categories.
    for (qsizetype i = 0; i < oneWay.size(); ++i) {
        for (qsizetype j = i + 1; j < oneWay.size(); ++j) {
            const ReleasedTable &a = *oneWay[i];
            const ReleasedTable &b = *oneWay[j];
            if (a.spec.rows == b.spec.rows)
                continue;
            const Range n = rangeOf(a.total);
            if (n.high < 0)
                continue; // no upper limit on the total: nothing is forced
            QStringList examples;
            int forced = 0;
            for (qsizetype r = 0; r < a.rows.size(); ++r) {
                const ReleasedCell *ca = a.find(a.rows[r].key);
                if (!ca)
                    continue;
                for (qsizetype s = 0; s < b.rows.size(); ++s) {
                    const ReleasedCell *cb = b.find(b.rows[s].key);
                    if (!cb)
                        continue;
                    const qint64 atLeast = rangeOf(*ca).low + rangeOf(*cb).low - n.high;
                    if (atLeast <= 0)
                        continue;
                    ++forced;
                    if (examples.size() < 3) {
                        const Range ra = rangeOf(*ca);
                        const Range rb = rangeOf(*cb);
                        const bool exact =
                            ra.high >= 0 && rb.high >= 0 && std::min(ra.high, rb.high) == atLeast;
                        examples << QStringLiteral(
                                        "%1 %2 of the %3 counted under %4 are also counted under %5")
                                        .arg(exact ? QStringLiteral("exactly") : QStringLiteral("at least"))
                                        .arg(atLeast)
                                        .arg(unitNoun(unit, 2), categoryWords(a.spec.rows, a.rows[r]),
                                             categoryWords(b.spec.rows, b.rows[s]));
                    }
                }
            }
            if (forced == 0)
                continue;
            ReleaseWarning w;
            w.kind = QStringLiteral("linkage");
            w.message =
                QStringLiteral("Read together, the tables '%1' and '%2' show that %3%4.")
                    .arg(
                        a.spec.title, b.spec.title, examples.join(QStringLiteral("; ")),
                        forced > examples.size()
                            ? QStringLiteral(" (and %1 more such combinations)").arg(forced - examples.size())
                            : QString());
            w.fix =
                QStringLiteral("Release one of the two tables, or use wider categories (age bands, offence "
                               "groups) so that no combination is forced.");
            warnings << w;
        }
    }
}

} // namespace foi::release
