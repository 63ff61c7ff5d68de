// What the counts can say at all. A period beyond the records held, or criteria that match nothing, give
// tables of zeros that look like an answer: "0 crimes, the audit passes". The officer is told why before
// the letter goes out, and the letter says what was there to search.

#include "protect/ReleaseProblem.h"

namespace foi::release {

namespace {

/// "1 January 2024 to 31 December 2026", "from 1 January 2024", "up to 31 March 2010".
QString periodWords(const Criteria &c)
{
    if (c.from.isValid() && c.to.isValid())
        return QStringLiteral("%1 to %2").arg(dayWords(c.from), dayWords(c.to));
    if (c.from.isValid())
        return QStringLiteral("from %1").arg(dayWords(c.from));
    return QStringLiteral("up to %1").arg(dayWords(c.to));
}

} // namespace

PeriodBeyondRecords periodBeyondRecords(const Criteria &criteria, const DaySpan &records)
{
    PeriodBeyondRecords out;
    if (records.isEmpty())
        return out;
    out.before = criteria.from.isValid() && criteria.from < records.first;
    out.after = criteria.to.isValid() && criteria.to > records.last;
    out.wholly = (criteria.to.isValid() && criteria.to < records.first) ||
                 (criteria.from.isValid() && criteria.from > records.last);
    return out;
}

void checkCoverage(const Release &release, QVector<ReleaseWarning> &warnings)
{
    const Criteria &c = release.request.criteria;
    const DaySpan &records = release.recordsSpan;
    const PeriodBeyondRecords beyond = periodBeyondRecords(c, records);
    const QString held = QStringLiteral("%1 to %2").arg(dayWords(records.first), dayWords(records.last));
    if (beyond.wholly) {
        ReleaseWarning w;
        w.kind = QStringLiteral("outside-data");
        w.message =
            QStringLiteral("The period asked about, %1, lies outside the records held, which run from "
                           "%2: every count is 0.")
                .arg(periodWords(c), held);
        w.fix = QStringLiteral("Check the dates with the request. If the records should reach the period, "
                               "import a newer extract and merge; if not, say in the response that the "
                               "records held run from %1.")
                    .arg(held);
        warnings << w;
    } else if (beyond.any()) {
        QStringList ends;
        QStringList uncounted;
        if (beyond.before) {
            ends << QStringLiteral("starts on %1").arg(dayWords(c.from));
            uncounted << QStringLiteral("before %1").arg(dayWords(records.first));
        }
        if (beyond.after) {
            ends << QStringLiteral("ends on %1").arg(dayWords(c.to));
            uncounted << QStringLiteral("after %1").arg(dayWords(records.last));
        }
        ReleaseWarning w;
        w.kind = QStringLiteral("outside-data");
        w.message =
            QStringLiteral("The records held run from %1; the period asked about %2: nothing is "
                           "counted %3.")
                .arg(held, ends.join(QStringLiteral(" and ")), uncounted.join(QStringLiteral(" or ")));
        w.fix = QStringLiteral("If the records should reach further, import a newer extract and merge; if "
                               "not, the response says what the records searched cover (the search "
                               "paragraph does).");
        warnings << w;
    }
    // A period wholly outside already says why every count is 0.
    if (release.matched() == 0 && !beyond.wholly) {
        ReleaseWarning w;
        w.kind = QStringLiteral("nothing-matched");
        w.message = QStringLiteral("No %1 match the criteria: every count in the tables is 0.")
                        .arg(unitNoun(release.request.unit, 0));
        w.fix = QStringLiteral("Check the criteria (period, offences, ages, roles, outcomes and systems) "
                               "against the request. If they are right, the answer is that no such records "
                               "are held.");
        warnings << w;
    }
}

} // namespace foi::release
