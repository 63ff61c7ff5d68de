#include "MergeResult.h"

#include <QDate>
#include <QJsonArray>

namespace foi {

namespace {

QString isoDay(qint32 julian)
{
    return julian == 0 ? QString() : QDate::fromJulianDay(julian).toString(Qt::ISODate);
}

qint32 julianOf(const QJsonValue &v)
{
    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
    return d.isValid() ? static_cast<qint32>(d.toJulianDay()) : 0;
}

QJsonObject countsObject(const QMap<QString, qint64> &map)
{
    QJsonObject o;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QMap<QString, qint64> countsMap(const QJsonObject &o)
{
    QMap<QString, qint64> map;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        map.insert(it.key(), it.value().toInteger());
    return map;
}

} // namespace

QJsonObject MergeReport::toJson(bool withLists) const
{
    QJsonObject systemsJson;
    for (const SystemStats &s : systems) {
        systemsJson.insert(s.name, QJsonObject{
                                       {QStringLiteral("role"), s.role},
                                       {QStringLiteral("imports"), s.imports},
                                       {QStringLiteral("rows"), s.rows},
                                       {QStringLiteral("rejected"), s.rejected},
                                       {QStringLiteral("skipped"), s.skipped},
                                       {QStringLiteral("crimes"), s.crimes},
                                       {QStringLiteral("persons"), s.persons},
                                       {QStringLiteral("first_recorded"), isoDay(s.firstRecorded)},
                                       {QStringLiteral("last_recorded"), isoDay(s.lastRecorded)},
                                   });
    }
    QJsonObject o{
        {QStringLiteral("merged_at"), mergedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("systems"), systemsJson},
        {QStringLiteral("merged"),
         QJsonObject{{QStringLiteral("crimes"), crimes},
                     {QStringLiteral("links"), links},
                     {QStringLiteral("persons"), persons},
                     {QStringLiteral("persons_in_both"), personsInMoreThanOneSystem}}},
        {QStringLiteral("migrated_crimes"), migratedMatched},
        {QStringLiteral("migrated_original_missing"), migratedOriginalMissing},
        {QStringLiteral("claimed_twice"), claimedTwice},
        {QStringLiteral("recorded_days_from_legacy"), recordedDaysFromLegacy},
        {QStringLiteral("conflicts"), countsObject(conflictsByField)},
        {QStringLiteral("inconsistent_rows"), inconsistentRows},
        {QStringLiteral("ages"), QJsonObject{{QStringLiteral("unknown"), agesUnknown},
                                             {QStringLiteral("flagged_zero"), agesFlaggedZero}}},
        {QStringLiteral("rejected_rows"), rejectedRows},
        {QStringLiteral("rejected_by_reason"), countsObject(rejectsByReason)},
    };
    if (withLists) {
        QJsonArray issuesJson;
        for (const MergeIssue &i : issues) {
            QJsonObject j{{QStringLiteral("kind"), i.kind},
                          {QStringLiteral("system"), i.system},
                          {QStringLiteral("crime"), i.crimeRef}};
            if (!i.otherRef.isEmpty())
                j.insert(QStringLiteral("other"), i.otherRef);
            if (!i.field.isEmpty()) {
                j.insert(QStringLiteral("field"), i.field);
                j.insert(QStringLiteral("legacy_value"), i.legacyValue);
                j.insert(QStringLiteral("live_value"), i.liveValue);
            }
            issuesJson.append(j);
        }
        QJsonArray rejectsJson;
        for (const RejectListing &r : rejects) {
            rejectsJson.append(QJsonObject{{QStringLiteral("system"), r.system},
                                           {QStringLiteral("file"), r.file},
                                           {QStringLiteral("line"), r.line},
                                           {QStringLiteral("field"), r.field},
                                           {QStringLiteral("reason"), r.reason},
                                           {QStringLiteral("message"), r.message},
                                           {QStringLiteral("crime"), r.crimeRef}});
        }
        o.insert(QStringLiteral("issues"), issuesJson);
        o.insert(QStringLiteral("rejects"), rejectsJson);
    }
    return o;
}

MergeReport MergeReport::fromJson(const QJsonObject &o)
{
    MergeReport r;
    r.mergedAt = QDateTime::fromString(o.value(QStringLiteral("merged_at")).toString(), Qt::ISODate);
    const QJsonObject systemsJson = o.value(QStringLiteral("systems")).toObject();
    for (auto it = systemsJson.constBegin(); it != systemsJson.constEnd(); ++it) {
        const QJsonObject s = it.value().toObject();
        SystemStats st;
        st.name = it.key();
        st.role = s.value(QStringLiteral("role")).toString();
        st.imports = s.value(QStringLiteral("imports")).toInteger();
        st.rows = s.value(QStringLiteral("rows")).toInteger();
        st.rejected = s.value(QStringLiteral("rejected")).toInteger();
        st.skipped = s.value(QStringLiteral("skipped")).toInteger();
        st.crimes = s.value(QStringLiteral("crimes")).toInteger();
        st.persons = s.value(QStringLiteral("persons")).toInteger();
        st.firstRecorded = julianOf(s.value(QStringLiteral("first_recorded")));
        st.lastRecorded = julianOf(s.value(QStringLiteral("last_recorded")));
        r.systems << st;
    }
    const QJsonObject merged = o.value(QStringLiteral("merged")).toObject();
    r.crimes = merged.value(QStringLiteral("crimes")).toInteger();
    r.links = merged.value(QStringLiteral("links")).toInteger();
    r.persons = merged.value(QStringLiteral("persons")).toInteger();
    r.personsInMoreThanOneSystem = merged.value(QStringLiteral("persons_in_both")).toInteger();
    r.migratedMatched = o.value(QStringLiteral("migrated_crimes")).toInteger();
    r.migratedOriginalMissing = o.value(QStringLiteral("migrated_original_missing")).toInteger();
    r.claimedTwice = o.value(QStringLiteral("claimed_twice")).toInteger();
    r.recordedDaysFromLegacy = o.value(QStringLiteral("recorded_days_from_legacy")).toInteger();
    r.conflictsByField = countsMap(o.value(QStringLiteral("conflicts")).toObject());
    r.inconsistentRows = o.value(QStringLiteral("inconsistent_rows")).toInteger();
    const QJsonObject ages = o.value(QStringLiteral("ages")).toObject();
    r.agesUnknown = ages.value(QStringLiteral("unknown")).toInteger();
    r.agesFlaggedZero = ages.value(QStringLiteral("flagged_zero")).toInteger();
    r.rejectedRows = o.value(QStringLiteral("rejected_rows")).toInteger();
    r.rejectsByReason = countsMap(o.value(QStringLiteral("rejected_by_reason")).toObject());
    return r;
}

QString MergeReport::toText(int maxListed) const
{
    QString t;
    if (systems.isEmpty())
        return QStringLiteral("The register holds no imported extracts yet.\n");
    t += QStringLiteral("Systems\n");
    for (const SystemStats &s : systems) {
        t +=
            QStringLiteral("  %1 (%2): %3 rows kept, %4 rejected, %5 crimes, %6 persons; recorded %7 to %8\n")
                .arg(s.name, s.role)
                .arg(s.rows)
                .arg(s.rejected)
                .arg(s.crimes)
                .arg(s.persons)
                .arg(isoDay(s.firstRecorded), isoDay(s.lastRecorded));
    }
    t += QStringLiteral(
             "Merged\n  %1 crimes, %2 crime-person links, %3 distinct persons (%4 known in more than one "
             "system)\n")
             .arg(crimes)
             .arg(links)
             .arg(persons)
             .arg(personsInMoreThanOneSystem);
    t += QStringLiteral(
             "Migrated crimes\n  %1 matched in both systems and counted once; %2 took the legacy "
             "recorded day\n  %3 whose legacy original is missing; %4 legacy crimes claimed twice\n")
             .arg(migratedMatched)
             .arg(recordedDaysFromLegacy)
             .arg(migratedOriginalMissing)
             .arg(claimedTwice);
    qint64 conflicts = 0;
    for (qint64 n : conflictsByField)
        conflicts += n;
    t += QStringLiteral("Conflicts between the two copies: %1").arg(conflicts);
    if (conflicts) {
        QStringList parts;
        for (auto it = conflictsByField.constBegin(); it != conflictsByField.constEnd(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        t += QStringLiteral(" (%1); the new system's value is counted").arg(parts.join(QStringLiteral(", ")));
    }
    t += QLatin1Char('\n');
    if (inconsistentRows)
        t += QStringLiteral("Rows disagreeing with the first row of their crime: %1\n").arg(inconsistentRows);
    t +=
        QStringLiteral("Ages: %1 links with no known age, %2 recorded as 0 (shown apart, never counted as an "
                       "age)\n")
            .arg(agesUnknown)
            .arg(agesFlaggedZero);
    t += QStringLiteral("Rejected rows: %1\n").arg(rejectedRows);
    for (auto it = rejectsByReason.constBegin(); it != rejectsByReason.constEnd(); ++it)
        t += QStringLiteral("  %1: %2\n").arg(it.key()).arg(it.value());

    int listed = 0;
    if (!issues.isEmpty()) {
        t += QStringLiteral("Issues\n");
        for (const MergeIssue &i : issues) {
            if (listed++ >= maxListed) {
                t += QStringLiteral("  ... and %1 more (use --format json for all)\n")
                         .arg(issues.size() - maxListed);
                break;
            }
            if (i.kind == QStringLiteral("conflict"))
                t += QStringLiteral("  conflict: %1 %2 (legacy %3): %4 was %5 in the legacy copy, %6 now\n")
                         .arg(i.system, i.crimeRef, i.otherRef, i.field, i.legacyValue, i.liveValue);
            else
                t += QStringLiteral("  %1: %2 %3%4\n")
                         .arg(i.kind, i.system, i.crimeRef,
                              i.otherRef.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(i.otherRef));
        }
    }
    if (!rejects.isEmpty()) {
        t += QStringLiteral("Rejected rows\n");
        listed = 0;
        for (const RejectListing &r : rejects) {
            if (listed++ >= maxListed) {
                t += QStringLiteral("  ... and %1 more (use --format json for all)\n")
                         .arg(rejects.size() - maxListed);
                break;
            }
            t += QStringLiteral("  %1, line %2, field %3: %4 [%5]\n")
                     .arg(r.file)
                     .arg(r.line)
                     .arg(r.field.isEmpty() ? QStringLiteral("(row)") : r.field, r.message, r.reason);
        }
    }
    return t;
}

} // namespace foi
