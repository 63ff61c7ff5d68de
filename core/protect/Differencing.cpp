// Differencing: two releases of one population whose criteria nest (January to December, then January
// to November) let anyone subtract one from the other; a difference from 1 to threshold-1 is a small
// count released after all. And a count withheld now that an earlier release of the same population
// showed undoes the suppression.

#include "protect/ReleaseProblem.h"
#include "reference/Classification.h"

#include <QSet>

#include <algorithm>

namespace foi::release {

namespace {

/// The offence classes criteria match, per classification version ("version|code"); empty set with
/// `all` true when the criteria name no offence.
struct OffenceSet
{
    bool all = true;
    QSet<QString> codes;
};

OffenceSet offencesOf(const Criteria &c)
{
    OffenceSet s;
    if (!c.hasOffenceLimit())
        return s;
    s.all = false;
    for (const ClassificationVersion &v : Classification::builtIn().versions()) {
        for (const Offence &o : v.offences) {
            if (c.offenceClasses.contains(o.code) || c.offenceGroups.contains(o.group) ||
                c.offenceSubgroups.contains(o.subgroup))
                s.codes.insert(v.id + QLatin1Char('|') + o.code);
        }
    }
    return s;
}

template<typename T>
bool listNested(const QVector<T> &inner, const QVector<T> &outer)
{
    if (outer.isEmpty())
        return true;
    if (inner.isEmpty())
        return false;
    return std::all_of(inner.begin(), inner.end(), [&](const T &v) { return outer.contains(v); });
}

bool sameTableShape(const TableSpec &a, const TableSpec &b)
{
    return a.rows == b.rows && a.columns == b.columns;
}

bool exact(const ReleasedCell &c)
{
    return !c.withheld() && c.shownLow == c.shownHigh;
}

QVector<const ReleasedCell *> allCells(const ReleasedTable &t)
{
    QVector<const ReleasedCell *> out;
    for (const ReleasedCell &c : t.cells)
        out << &c;
    out << &t.total;
    return out;
}

QString cellWords(const ReleasedTable &t, const ReleasedCell &c)
{
    if (c.row == QLatin1String("total") && (c.column.isEmpty() || c.column == QLatin1String("total")))
        return QStringLiteral("the total of '%1'").arg(t.spec.title);
    QString words = QStringLiteral("'%1'").arg(c.row == QLatin1String("total") ? c.columnLabel : c.rowLabel);
    if (!c.column.isEmpty() && c.column != QLatin1String("total") && c.row != QLatin1String("total"))
        words += QStringLiteral(" / '%1'").arg(c.columnLabel);
    return words + QStringLiteral(" in '%1'").arg(t.spec.title);
}

} // namespace

bool criteriaNestedIn(const Criteria &inner, const Criteria &outer)
{
    if (inner.dateBasis != outer.dateBasis &&
        (inner.from.isValid() || inner.to.isValid() || outer.from.isValid() || outer.to.isValid()))
        return false;
    if (outer.from.isValid() && (!inner.from.isValid() || inner.from < outer.from))
        return false;
    if (outer.to.isValid() && (!inner.to.isValid() || inner.to > outer.to))
        return false;
    if (outer.hasAgeLimit()) {
        if (!inner.hasAgeLimit())
            return false;
        if (outer.ageMin && inner.ageMin.value_or(0) < *outer.ageMin)
            return false;
        if (outer.ageMax && (!inner.ageMax || *inner.ageMax > *outer.ageMax))
            return false;
    }
    if (!listNested(inner.roles, outer.roles) || !listNested(inner.outcomes, outer.outcomes))
        return false;
    if (!listNested(QVector<QString>(inner.systems.begin(), inner.systems.end()),
                    QVector<QString>(outer.systems.begin(), outer.systems.end())))
        return false;
    const OffenceSet in = offencesOf(inner);
    const OffenceSet out = offencesOf(outer);
    if (!out.all) {
        if (in.all)
            return false;
        QSet<QString> rest = in.codes;
        if (!rest.subtract(out.codes).isEmpty())
            return false;
    }
    return true;
}

void checkDifferencing(const Release &release, const QVector<EarlierRelease> &earlier,
                       QVector<ReleaseWarning> &warnings)
{
    const Request &now = release.request;
    const int threshold = now.protection.threshold;
    for (const EarlierRelease &e : earlier) {
        if (e.request.unit != now.unit || e.reference == now.reference)
            continue;
        const bool nowInside = criteriaNestedIn(now.criteria, e.request.criteria);
        const bool earlierInside = criteriaNestedIn(e.request.criteria, now.criteria);
        if (!nowInside && !earlierInside)
            continue;
        const bool same = nowInside && earlierInside;
        QStringList found;
        int count = 0;
        QStringList revealed; // shown now, withheld by the earlier release of the same population
        int revealedCount = 0;
        for (const ReleasedTable &t : release.tables) {
            for (const ReleasedTable &et : e.tables) {
                if (!sameTableShape(t.spec, et.spec))
                    continue;
                for (const ReleasedCell *c : allCells(t)) {
                    const ReleasedCell *ec = et.find(c->row, c->column);
                    if (!ec)
                        continue;
                    if (same) {
                        // The same population: a count shown now that was withheld then, whatever the
                        // threshold either used; what a release withheld stays withheld.
                        if (!c->withheld() && c->status != CellStatus::NotApplicable && ec->withheld()) {
                            ++revealedCount;
                            if (revealed.size() < 3)
                                revealed
                                    << QStringLiteral("%1 is shown as %2").arg(cellWords(t, *c), c->shown);
                        }
                        // A count withheld now that was shown then.
                        if (c->withheld() && exact(*ec)) {
                            ++count;
                            if (found.size() < 3)
                                found
                                    << QStringLiteral("%1 was shown as %2").arg(cellWords(t, *c), ec->shown);
                        }
                        continue;
                    }
                    if (!exact(*c) || !exact(*ec))
                        continue;
                    const qint64 difference =
                        nowInside ? ec->shownLow - c->shownLow : c->shownLow - ec->shownLow;
                    if (threshold > 0 && difference >= 1 && difference < threshold) {
                        ++count;
                        if (found.size() < 3)
                            found << QStringLiteral("%1 differs by %2").arg(cellWords(t, *c)).arg(difference);
                    }
                }
            }
        }
        if (revealedCount > 0) {
            ReleaseWarning w;
            w.kind = QStringLiteral("reveals-withheld");
            w.earlier = e.reference;
            w.message =
                QStringLiteral("Release %1 (%2) counted the same records and withheld counts that this "
                               "release shows: %3%4.")
                    .arg(e.reference, e.releasedAt.date().toString(Qt::ISODate),
                         revealed.join(QStringLiteral("; ")),
                         revealedCount > revealed.size()
                             ? QStringLiteral(" (and %1 more)").arg(revealedCount - revealed.size())
                             : QString());
            w.fix = QStringLiteral("Use the threshold and policy of release %1, or record why its withheld "
                                   "counts may now be shown (the earlier release was wrong, say).")
                        .arg(e.reference);
            warnings << w;
        }
        if (count == 0)
            continue;
        ReleaseWarning w;
        w.kind = QStringLiteral("differencing");
        w.earlier = e.reference;
        if (same) {
            w.message =
                QStringLiteral("Release %1 (%2) counted the same records and showed what this release "
                               "withholds: %3%4.")
                    .arg(e.reference, e.releasedAt.date().toString(Qt::ISODate),
                         found.join(QStringLiteral("; ")),
                         count > found.size() ? QStringLiteral(" (and %1 more)").arg(count - found.size())
                                              : QString());
            w.fix = QStringLiteral("Withhold the same cells as release %1, or refer the requester to it.")
                        .arg(e.reference);
        } else {
            w.message =
                QStringLiteral("Release %1 (%2) counted %3 the records of this one; subtracting one from "
                               "the other gives counts below %4: %5%6.")
                    .arg(e.reference, e.releasedAt.date().toString(Qt::ISODate),
                         nowInside ? QStringLiteral("more than") : QStringLiteral("some of"))
                    .arg(threshold)
                    .arg(found.join(QStringLiteral("; ")),
                         count > found.size() ? QStringLiteral(" (and %1 more)").arg(count - found.size())
                                              : QString());
            w.fix = QStringLiteral("Use the same criteria as release %1, or withhold the cells named.")
                        .arg(e.reference);
        }
        warnings << w;
    }
}

} // namespace foi::release
