#include "demo/GroundTruth.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <utility>

namespace foi::demo {

namespace {

constexpr quint8 kSeenInCms = 1;
constexpr quint8 kSeenInConnect = 2;
constexpr quint8 kInMergedLink = 4;

/// `{ "a": 1, "b": 2 }` on one line, keys in the given order.
QByteArray inlineObject(std::initializer_list<std::pair<const char *, qint64>> items)
{
    QByteArray out = "{ ";
    bool first = true;
    for (const auto &[key, value] : items) {
        if (!first)
            out += ", ";
        first = false;
        out += '"';
        out += key;
        out += "\": ";
        out += QByteArray::number(value);
    }
    return out + " }";
}

} // namespace

const char *roleName(Role role)
{
    switch (role) {
    case Role::Suspect:
        return "suspect";
    case Role::Offender:
        return "offender";
    case Role::Subject:
        return "subject";
    case Role::Victim:
        return "victim";
    case Role::Witness:
        return "witness";
    }
    return "victim";
}

const char *reasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::MalformedRow:
        return "malformed-row";
    case RejectReason::MissingValue:
        return "missing-value";
    case RejectReason::UnknownOffenceClass:
        return "unknown-offence-class";
    case RejectReason::UnknownCode:
        return "unknown-code";
    case RejectReason::ImpossibleDate:
        return "impossible-date";
    case RejectReason::AgeOutOfRange:
        return "age-out-of-range";
    case RejectReason::CommittedAfterRecorded:
        return "committed-after-recorded";
    case RejectReason::AfterCutover:
        return "after-cutover";
    }
    return "malformed-row";
}

int wholeYears(qint32 dateOfBirth, qint32 day)
{
    int by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0;
    civilDate(dateOfBirth, by, bm, bd);
    civilDate(day, y, m, d);
    int years = y - by;
    if (m < bm || (m == bm && d < bd))
        years -= 1;
    return years;
}

KeptAge ageByRule(int systemAge, qint32 dateOfBirth, qint32 committedFrom, qint32 recorded)
{
    KeptAge age;
    int years = 0;
    if (systemAge >= 0)
        years = systemAge;
    else if (dateOfBirth != 0)
        years = wholeYears(dateOfBirth, committedFrom != 0 ? committedFrom : recorded);
    else
        return age;
    age.kind = years == 0 ? KeptAge::Zero : KeptAge::Years;
    age.years = years;
    return age;
}

Status GroundTruth::openLinks(const QString &path)
{
    m_links.setFileName(path);
    if (!m_links.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(QStringLiteral("cannot write the file: %1").arg(m_links.errorString()), path);
    m_buffer = "crime,system,migrated,offence_class,recorded,committed_from,outcome,person,role,age,sex\n";
    return {};
}

quint8 &GroundTruth::personFlags(quint32 person)
{
    if (person >= m_personFlags.size())
        m_personFlags.resize(std::max<std::size_t>(person + 1, m_personFlags.size() * 3 / 2 + 1024), 0);
    return m_personFlags[person];
}

void GroundTruth::keptRow(SystemId system, quint32 person)
{
    SystemCounts &counts = m_systems[int(system)];
    counts.rows += 1;
    if (person == 0)
        return;
    quint8 &flags = personFlags(person);
    const quint8 bit = system == SystemId::Cms ? kSeenInCms : kSeenInConnect;
    if (!(flags & bit)) {
        flags |= bit;
        counts.persons += 1;
    }
}

void GroundTruth::rejectedRow(SystemId system, RejectReason reason)
{
    m_systems[int(system)].rejected += 1;
    m_rejectedByReason[int(reason)] += 1;
}

void GroundTruth::mergedLink(const MergedLink &link)
{
    m_mergedLinks += 1;
    if (link.person == 0) {
        m_mergedPersons += 1; // a link without a person reference is a person of its own
    } else {
        quint8 &flags = personFlags(link.person);
        if (!(flags & kInMergedLink)) {
            flags |= kInMergedLink;
            m_mergedPersons += 1;
        }
    }
    if (link.age.kind == KeptAge::Unknown)
        m_unknownAges += 1;
    else if (link.age.kind == KeptAge::Zero)
        m_zeroAges += 1;

    std::string line;
    line.reserve(96);
    line.append(link.crime);
    line += link.system == SystemId::Cms ? ",cms," : ",connect,";
    line += link.migrated ? "1," : "0,";
    line.append(link.offenceClass);
    line += ',';
    appendIsoDate(line, link.recorded);
    line += ',';
    if (link.committedFrom != 0)
        appendIsoDate(line, link.committedFrom);
    line += ',';
    if (link.outcome != 0)
        appendInteger(line, link.outcome);
    line += ',';
    if (link.person != 0)
        appendInteger(line, link.person);
    line += ',';
    line += roleName(link.role);
    line += ',';
    if (link.age.kind == KeptAge::Unknown)
        line += "unknown";
    else if (link.age.kind == KeptAge::Zero)
        line += "zero";
    else
        appendInteger(line, link.age.years);
    line += link.sex == 0 ? ",male\n" : link.sex == 1 ? ",female\n" : ",unknown\n";
    m_days[link.recorded].push_back(std::move(line));
}

void GroundTruth::writeDay(std::vector<std::string> &lines)
{
    std::sort(lines.begin(), lines.end());
    for (const std::string &line : lines)
        m_buffer += line;
    if (m_buffer.size() >= (1 << 20) && m_error.isEmpty()) {
        if (m_links.write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
            m_error = m_links.errorString();
        m_buffer.clear();
    }
}

void GroundTruth::flushDaysBefore(qint32 day)
{
    while (!m_days.empty() && m_days.begin()->first < day) {
        writeDay(m_days.begin()->second);
        m_days.erase(m_days.begin());
    }
}

Status GroundTruth::closeLinks()
{
    for (auto &day : m_days)
        writeDay(day.second);
    m_days.clear();
    if (m_error.isEmpty() && !m_buffer.empty() &&
        m_links.write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
        m_error = m_links.errorString();
    m_buffer.clear();
    m_links.close();
    if (!m_error.isEmpty())
        return Error(QStringLiteral("cannot write the file: %1").arg(m_error), m_links.fileName());
    return {};
}

QByteArray GroundTruth::json(const QByteArray &generator) const
{
    qint64 inBoth = 0;
    for (const quint8 flags : m_personFlags) {
        if ((flags & kSeenInCms) && (flags & kSeenInConnect))
            inBoth += 1;
    }
    qint64 rejected = 0;
    for (const qint64 n : m_rejectedByReason)
        rejected += n;

    QByteArray reasons = "{ ";
    for (int r = 0; r < kRejectReasons; ++r) {
        reasons += QByteArray(r ? ", \"" : "\"") + reasonName(RejectReason(r)) + "\": ";
        reasons += QByteArray::number(m_rejectedByReason[r]);
    }
    reasons += " }";
    const auto system = [this](SystemId id) {
        const SystemCounts &c = m_systems[int(id)];
        return inlineObject(
            {{"rows", c.rows}, {"rejected", c.rejected}, {"crimes", c.crimes}, {"persons", c.persons}});
    };

    QByteArray json = "{\n";
    json += "  \"generator\": " + generator + ",\n";
    json += "  \"systems\": {\n";
    json += "    \"cms\": " + system(SystemId::Cms) + ",\n";
    json += "    \"connect\": " + system(SystemId::Connect) + "\n";
    json += "  },\n";
    json += "  \"rejected_rows\": " + QByteArray::number(rejected) + ",\n";
    json += "  \"rejected_by_reason\": " + reasons + ",\n";
    json += "  \"migrated_crimes\": " + QByteArray::number(migratedCrimes) + ",\n";
    json += "  \"migrated_original_missing\": " + QByteArray::number(migratedOriginalMissing) + ",\n";
    json += "  \"claimed_twice\": " + QByteArray::number(claimedTwice) + ",\n";
    json +=
        "  \"conflicts\": " +
        inlineObject(
            {{"offence_class", conflictOffenceClass}, {"outcome", conflictOutcome}, {"age", conflictAge}}) +
        ",\n";
    json += "  \"merged\": " +
            inlineObject({{"crimes", m_mergedCrimes},
                          {"links", m_mergedLinks},
                          {"persons", m_mergedPersons},
                          {"persons_in_both", inBoth}}) +
            ",\n";
    json += "  \"ages\": " + inlineObject({{"unknown", m_unknownAges}, {"flagged_zero", m_zeroAges}}) + ",\n";
    // Not part of the merge report: how often the generator laid each trap, for tests and for the curious.
    json += "  \"traps\": {\n";
    const std::pair<const char *, qint64> laid[] = {
        {"migration_day_recorded", traps.migrationDayRecorded},
        {"age_on_migration_day", traps.ageOnMigrationDay},
        {"outcome_finalised_in_connect", traps.outcomeFinalisedInConnect},
        {"cms_age_wrong", traps.cmsAgeWrong},
        {"connect_only_crimes", traps.connectOnlyCrimes},
        {"cms_persons_in_new_connect_crimes", traps.cmsPersonsInNewConnectCrimes},
        {"left_behind_open", traps.leftBehindOpen},
        {"reopened_after_cutover", traps.reopenedAfterCutover},
        {"ages_given_zero", traps.agesGivenZero},
        {"date_of_birth_is_offence_day", traps.dateOfBirthIsOffenceDay},
        {"placeholder_date_of_birth", traps.placeholderDateOfBirth},
        {"blank_person_links", traps.blankPersonLinks},
        {"child_suspect_crimes", traps.childSuspectCrimes},
        {"child_suspect_crimes_two_children", traps.childSuspectCrimesTwoChildren},
    };
    for (std::size_t i = 0; i < std::size(laid); ++i) {
        json += "    \"" + QByteArray(laid[i].first) + "\": " + QByteArray::number(laid[i].second);
        json += i + 1 < std::size(laid) ? ",\n" : "\n";
    }
    json += "  }\n}\n";
    return json;
}

} // namespace foi::demo
