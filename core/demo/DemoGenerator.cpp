#include "demo/DemoGenerator.h"

#include "demo/DemoRandom.h"
#include "demo/DemoText.h"
#include "demo/ExtractWriter.h"
#include "demo/GroundTruth.h"
#include "demo/OffenceMix.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace foi {

namespace {

using namespace demo;

constexpr double kPi = 3.14159265358979323846;

// The columns of source-systems.md, in its order.
namespace cms {
enum Column
{
    CrimeNo,
    DateRecorded,
    DateCommittedFrom,
    TimeCommittedFrom,
    DateCommittedTo,
    HoClass,
    HoSubclass,
    OffenceTitle,
    NominalNo,
    Surname,
    Forenames,
    Dob,
    AgeAtOffence,
    Sex,
    Involvement,
    Disposal,
    DisposalDate,
    Beat,
    MoText,
    ColumnCount,
};
constexpr const char *kHeader[ColumnCount] = {
    "CRIME_NO",
    "DATE_RECORDED",
    "DATE_COMMITTED_FROM",
    "TIME_COMMITTED_FROM",
    "DATE_COMMITTED_TO",
    "HO_CLASS",
    "HO_SUBCLASS",
    "OFFENCE_TITLE",
    "NOMINAL_NO",
    "SURNAME",
    "FORENAMES",
    "DOB",
    "AGE_AT_OFFENCE",
    "SEX",
    "INVOLVEMENT",
    "DISPOSAL",
    "DISPOSAL_DATE",
    "BEAT",
    "MO_TEXT",
};
// How the legacy system labels a role; kept apart from Role because two labels mean "offender".
enum Label : quint8
{
    Suspect,
    Offender,
    YoungOffender,
    Subject,
    Victim,
    Witness,
};
constexpr const char *kLabels[] = {"SUSPECT", "OFFENDER", "YOUNG OFFENDER", "SUBJECT", "VICTIM", "WITNESS"};
} // namespace cms

namespace connect {
enum Column
{
    OccurrenceReference,
    LegacyReference,
    RecordedOn,
    CommittedFrom,
    CommittedTo,
    HomeOfficeCode,
    OffenceTitle,
    PersonUrn,
    LegacyNominal,
    Forename,
    Surname,
    DateOfBirth,
    AgeAtCommitted,
    Gender,
    InvolvementType,
    OutcomeCode,
    OutcomeDate,
    Neighbourhood,
    Summary,
    ColumnCount,
};
constexpr const char *kHeader[ColumnCount] = {
    "OccurrenceReference", "LegacyReference", "RecordedOn",      "CommittedFrom",
    "CommittedTo",         "HomeOfficeCode",  "OffenceTitle",    "PersonUrn",
    "LegacyNominal",       "Forename",        "Surname",         "DateOfBirth",
    "AgeAtCommitted",      "Gender",          "InvolvementType", "OutcomeCode",
    "OutcomeDate",         "Neighbourhood",   "Summary",
};
enum Label : quint8
{
    Suspect,
    Offender,
    Subject,
    Victim,
    Witness,
    BelowAge,
};
constexpr const char *kLabels[] = {"Suspect", "Offender",
                                   "Subject", "Victim",
                                   "Witness", "Responsible - Below Age of Criminal Responsibility"};
constexpr const char *kGenders[] = {"Male", "Female", "Unknown"};
} // namespace connect

/// CMS disposal code of a Home Office outcome (source-systems.md); nullptr when CMS has none.
const char *cmsDisposal(int outcome)
{
    switch (outcome) {
    case 1:
        return "CHG";
    case 2:
        return "YC";
    case 3:
        return "AC";
    case 4:
        return "TIC";
    case 5:
        return "DEC";
    case 6:
        return "PND";
    case 7:
        return "CW";
    case 8:
        return "CR";
    case 9:
        return "NPI-CPS";
    case 10:
        return "NPI-POL";
    case 11:
        return "U10";
    case 12:
        return "ILL";
    case 13:
        return "WIT";
    case 14:
        return "EV-NS";
    case 15:
        return "EV-S";
    case 16:
        return "EV-VNS";
    case 17:
        return "TLE";
    case 18:
        return "NSI";
    case 20:
        return "OAB";
    case 21:
        return "NPI-INV";
    default:
        return nullptr;
    }
}

/// Outcomes after which a suspect is recorded as an offender.
bool isOffenderOutcome(int outcome)
{
    return (outcome >= 1 && outcome <= 4) || outcome == 6 || outcome == 7 || outcome == 8;
}

void appendPadded(std::string &out, quint64 value, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += digits[--n];
}

qint32 julian(const QDate &date)
{
    return qint32(date.toJulianDay());
}

int yearOf(qint32 day)
{
    int y = 0, m = 0, d = 0;
    civilDate(day, y, m, d);
    return y;
}

/// A person of the made-up force. Kept compact: the reuse pools hold a few hundred thousand.
struct Person
{
    quint32 id = 0;      ///< the world's id, the ground truth's person column
    quint32 nominal = 0; ///< CMS NOMINAL_NO, 0 until first written to CMS
    quint32 urn = 0;     ///< CONNECT PersonUrn, 0 until first in CONNECT
    qint32 dob = 0;      ///< true date of birth, Julian day
    quint16 forename = 0;
    quint16 surname = 0;
    quint8 sex = 2;        ///< 0 male, 1 female, 2 unknown
    quint8 cmsDob = 0;     ///< how CMS holds the date of birth: 0 real, 1 blank, 2 placeholder 01/01/1900
    quint8 connectDob = 0; ///< 0 real, 1 blank
    bool cmsSexUnknown = false; ///< CMS says U where CONNECT (corrected) knows better
};

/// A person in one crime, in one role, with what each system shows of the age.
struct Link
{
    Person person;
    qint32 poolSlot = -1; ///< where the person came from in the reuse pool, -1 when new
    quint8 pool = 0;
    Role role = Role::Victim;
    quint8 cmsLabel = cms::Victim;
    quint8 connectLabel = connect::Victim;
    qint16 cmsAge = -1;           ///< AGE_AT_OFFENCE as written; -1 blank
    qint16 connectAge = -1;       ///< AgeAtCommitted as written; -1 blank
    bool blank = false;           ///< no person reference at all (an unidentified witness)
    bool dobIsOffenceDay = false; ///< the date of birth field holds the offence day (a keying error)
    bool ageFromDob = false;      ///< no system age in CONNECT: the age is computed from the date of birth
};

/// One CONNECT copy of a crime.
struct ConnectCopy
{
    quint32 seq = 0;
    quint16 year = 0;
    qint32 recorded = 0;
    qint32 recordedSecs = 0;
    quint16 offence = 0;
    quint8 outcome = 0;
    qint32 outcomeDate = 0;
};

struct Crime
{
    quint32 cmsSeq = 0;
    quint16 cmsYear = 0;
    qint32 recorded = 0;
    qint32 recordedSecs = 0;
    qint32 committedFrom = 0; ///< 0: unknown
    qint32 committedTo = 0;   ///< 0: a single day or unknown
    qint32 committedSecs = 0;
    bool committedTimeKnown = true;
    quint16 offence = 0;
    quint8 subclass = 1;
    quint8 outcome = 0; ///< the world's outcome, reached on outcomeDate
    qint32 outcomeDate = 0;
    quint8 cmsOutcome = 0; ///< what CMS shows (finalised before the cutover)
    ConnectCopy copies[2];
    quint8 copyCount = 0;
    quint8 firstWritten = 0; ///< which copy comes first in the CONNECT file
    quint16 beat = 0;
    quint16 neighbourhood = 0;
    TextRecipe text;
    bool inCms = false;
    bool migrated = false;
    bool orphan = false; ///< migrated, but its CMS rows are missing from the CMS extract
    bool child = false;  ///< a child below the age of criminal responsibility is a suspect
    quint32 firstLink = 0;
    quint32 linkCount = 0;

    int usedCopy() const { return copyCount > 1 && copies[1].seq < copies[0].seq ? 1 : 0; }
};

enum class BadKind : quint8
{
    UnknownClass,
    ImpossibleDate,
    AgeBelowZero,
    AgeOver120,
    BornAfterOffence,
    CommittedAfterRecorded,
    UnknownInvolvement,
    Malformed,
    BlankReference,
    AfterCutover, ///< CMS only
};
constexpr int kBadKinds = 10;

RejectReason reasonOf(BadKind kind)
{
    switch (kind) {
    case BadKind::UnknownClass:
        return RejectReason::UnknownOffenceClass;
    case BadKind::ImpossibleDate:
        return RejectReason::ImpossibleDate;
    case BadKind::AgeBelowZero:
    case BadKind::AgeOver120:
    case BadKind::BornAfterOffence:
        return RejectReason::AgeOutOfRange;
    case BadKind::CommittedAfterRecorded:
        return RejectReason::CommittedAfterRecorded;
    case BadKind::UnknownInvolvement:
        return RejectReason::UnknownCode;
    case BadKind::Malformed:
        return RejectReason::MalformedRow;
    case BadKind::BlankReference:
        return RejectReason::MissingValue;
    case BadKind::AfterCutover:
        return RejectReason::AfterCutover;
    }
    return RejectReason::MalformedRow;
}

/// Spaces rows the import must reject through a file, and makes sure every kind appears.
struct BadRowPlan
{
    int kinds = 0;
    qint64 gap = 0;
    qint64 untilNext = 0;
    int next = 0;
    bool emitted[kBadKinds] = {};
};

class World
{
public:
    World(const DemoOptions &options, const DemoProgress &hooks, const OffenceMix &mix, const DemoText &text)
        : m_options(options)
        , m_hooks(hooks)
        , m_mix(mix)
        , m_text(text)
        , m_random(options.seed)
        , m_cms(CsvWriter::Style::Cms)
        , m_connect(CsvWriter::Style::Connect)
    {}

    Result<DemoFiles> run(const QString &outDir);

private:
    // The world
    void planDays();
    void makeCrime(qint32 day, bool beforeCutover);
    void addPeople(Crime &crime, std::vector<Link> &links);
    void chooseOutcome(Crime &crime, std::vector<Link> &links);
    void decideMigration(Crime &crime, std::vector<Link> &links);
    void renderAges(const Crime &crime, std::vector<Link> &links);
    Person newPerson(int age, qint32 onDay, int sex, bool child);
    Link pooledOrNew(int pool, double reuse, int age, qint32 onDay, int sex, const std::vector<Link> &links,
                     bool adultOnly);
    qint32 dateOfBirthForAge(int age, qint32 onDay);
    int drawAge(Role role, OffenceKind kind);
    int drawSex(Role role);
    int drawIdentifiedOutcome(OffenceKind kind, bool youth, bool victims, int except);
    qint32 timeOfDay();
    void settlePeople(const Crime &crime, std::vector<Link> &links, bool inConnect);

    // The extracts
    void writeCmsRows(const Crime &crime, const std::vector<Link> &links);
    void writeConnectRows(const Crime &crime, int copy, const Link *links, quint32 count);
    void fillCmsRecord(const Crime &crime, const Link &link);
    void fillConnectRecord(const Crime &crime, const ConnectCopy &copy, const Link &link);
    void writeConnectRecord();
    void writeMigrationBlock();
    Status finishCms();
    void maybeBadRows(SystemId system, qint64 rowsWritten, qint32 day);
    void writeBadRow(SystemId system, BadKind kind, qint32 day);

    // The ground truth
    void mergeCrime(const Crime &crime, const std::vector<Link> &links);
    void mergedLinks(const Crime &crime, std::string_view ref, SystemId system, bool migrated, int offence,
                     qint32 recorded, int outcome, const std::vector<Link> &links, const ConnectCopy *copy);

    // References
    void appendCmsRef(std::string &out, const Crime &crime) const;
    static void appendOccRef(std::string &out, const ConnectCopy &copy);
    quint32 nextCmsSeq(int year) { return ++m_cmsSeq[year]; }
    quint32 nextOccSeq(int year) { return ++m_occSeq[year]; }

    int dobShownInCms(const Crime &crime, const Link &link) const;
    int dobShownInConnect(const Crime &crime, const ConnectCopy &copy, const Link &link) const;
    KeptAge cmsAge(const Crime &crime, const Link &link) const;
    KeptAge connectAge(const Crime &crime, const ConnectCopy &copy, const Link &link) const;

    const DemoOptions &m_options;
    const DemoProgress &m_hooks;
    const OffenceMix &m_mix;
    const DemoText &m_text;
    Random m_random;

    qint32 m_first = 0;
    qint32 m_last = 0;
    qint32 m_cutover = 0;
    qint32 m_placeholderDob = 0;
    qint32 m_seedWindowFrom = 0;
    qint32 m_seedWindowTo = 0;
    std::vector<qint64> m_cumulativeCrimes; ///< crimes recorded up to and including each day
    double m_shareBeforeCutover = 1.0;

    std::map<int, quint32> m_cmsSeq;
    std::map<int, quint32> m_occSeq;
    quint32 m_nextPersonId = 0;
    quint32 m_nextNominal = 0;
    quint32 m_nextUrn = 0;
    std::vector<Person> m_pools[2]; ///< people who may turn up again: 0 suspects, 1 everyone else
    std::size_t m_poolCapacity = 0;

    std::vector<Crime> m_pendingCrimes; ///< migrated crimes, written to CONNECT on the cutover day
    std::vector<Link> m_pendingLinks;
    std::vector<Link> m_links; ///< the crime in hand

    Quota m_childInWindow{1.0 / 300.0, 1.0};
    Quota m_childInConnectWindow{1.0 / 300.0, 1.0};
    Quota m_belowAge{0.6, 1.0};
    Quota m_childOutside{1.0 / 300.0, 1.0};
    Quota m_childDamage{1.0 / 400.0, 1.0};
    Quota m_leftBehind{0.03, 7.0};
    Quota m_reopened{0.02, 3.0};
    Quota m_orphan{0.015, 3.0};
    Quota m_duplicate{0.012, 5.0};
    Quota m_ageOnMigrationDay{0.005, 2.0};
    Quota m_corrected{0.05, 4.0};
    Quota m_ageWrong{0.05, 3.0};
    Quota m_dobIsOffenceDay{0.003, 11.0};
    qint64 m_windowChildren = 0;

    CsvWriter m_cms;
    CsvWriter m_connect;
    XlsxWriter m_xlsx;
    bool m_xlsxOpen = false;
    qint64 m_cmsRecords = 0;
    qint64 m_connectRecords = 0;
    BadRowPlan m_bad[2];
    Record m_record;
    GroundTruth m_truth;
    std::string m_scratch;
};

// ---------------------------------------------------------------------------------------------
// The world

void World::planDays()
{
    // Crime follows the seasons (more in summer) and the week (more at weekends); the day's share of
    // the total decides how many crimes are recorded on it, rounded so that the total is exact.
    const qint64 days = m_last - m_first + 1;
    std::vector<double> weight(std::size_t(days), 0.0);
    double total = 0.0;
    double before = 0.0;
    for (qint64 i = 0; i < days; ++i) {
        const QDate day = QDate::fromJulianDay(m_first + i);
        const double season = std::sin(2.0 * kPi * (day.dayOfYear() - 100) / 365.25);
        const double w = 1.0 + 0.15 * season + (day.dayOfWeek() >= 5 ? 0.12 : 0.0);
        weight[std::size_t(i)] = w;
        total += w;
        if (m_first + i < m_cutover)
            before += w;
    }
    m_shareBeforeCutover = before / total;
    m_cumulativeCrimes.resize(std::size_t(days));
    double running = 0.0;
    for (qint64 i = 0; i < days; ++i) {
        running += weight[std::size_t(i)];
        m_cumulativeCrimes[std::size_t(i)] = qint64(std::llround(double(m_options.crimes) * running / total));
    }
    m_cumulativeCrimes.back() = m_options.crimes;
}

qint32 World::timeOfDay()
{
    // Minutes only, as both systems record them; most reports come in by day.
    const qint32 minute =
        m_random.chance(0.8) ? qint32(6 * 60 + m_random.below(17 * 60)) : qint32(m_random.below(24 * 60));
    return minute * 60;
}

qint32 World::dateOfBirthForAge(int age, qint32 onDay)
{
    // Any day of the year that gives exactly `age` whole years on the day; never 29 February, whose
    // birthdays fall on different days in different systems.
    int y = 0, m = 0, d = 0;
    civilDate(onDay, y, m, d);
    if (m == 2 && d == 29)
        d = 28;
    const qint32 latest = julianDayOf(y - age, m, d);
    const qint32 earliest = julianDayOf(y - age - 1, m, d) + 1;
    for (int attempt = 0; attempt < 16; ++attempt) {
        const qint32 dob = earliest + qint32(m_random.below(quint64(latest - earliest + 1)));
        int by = 0, bm = 0, bd = 0;
        civilDate(dob, by, bm, bd);
        if (!(bm == 2 && bd == 29) && wholeYears(dob, onDay) == age)
            return dob;
    }
    return latest - 1;
}

int World::drawSex(Role role)
{
    const double r = m_random.uniform();
    if (role == Role::Suspect || role == Role::Offender)
        return r < 0.80 ? 0 : r < 0.98 ? 1 : 2;
    return r < 0.48 ? 0 : r < 0.98 ? 1 : 2;
}

int World::drawAge(Role role, OffenceKind kind)
{
    const double r = m_random.uniform();
    switch (role) {
    case Role::Suspect:
    case Role::Offender:
        if (r < 0.14)
            return m_random.between(10, 17);
        if (r < 0.40)
            return m_random.between(18, 24);
        if (r < 0.68)
            return m_random.between(25, 34);
        if (r < 0.90)
            return m_random.between(35, 49);
        return m_random.between(50, 79);
    case Role::Victim: {
        const bool personal = kind == OffenceKind::Violence || kind == OffenceKind::Sexual;
        if (r < (personal ? 0.05 : 0.01))
            return m_random.between(0, 9);
        if (r < (personal ? 0.18 : 0.07))
            return m_random.between(10, 17);
        return m_random.between(18, 85);
    }
    case Role::Witness:
        return r < 0.06 ? m_random.between(12, 17) : m_random.between(18, 80);
    case Role::Subject:
        return r < 0.5 ? m_random.between(0, 17) : m_random.between(18, 80);
    }
    return 30;
}

Person World::newPerson(int age, qint32 onDay, int sex, bool child)
{
    Person p;
    p.id = ++m_nextPersonId;
    p.sex = quint8(sex);
    p.forename = quint16(m_text.drawForename(sex, m_random));
    p.surname = quint16(m_text.drawSurname(m_random));
    p.dob = dateOfBirthForAge(age, onDay);
    // CMS lost dates of birth, or keyed its placeholder; CONNECT cleaned some of them up.
    const double r = m_random.uniform();
    const double realShare = child ? 0.95 : 0.88;
    p.cmsDob = r < realShare ? 0 : r < realShare + (1.0 - realShare) / 2 ? 1 : 2;
    p.connectDob = p.cmsDob == 0 ? (m_random.chance(0.97) ? 0 : 1) : (m_random.chance(0.6) ? 0 : 1);
    p.cmsSexUnknown = sex != 2 && m_random.chance(0.03);
    return p;
}

Link World::pooledOrNew(int pool, double reuse, int age, qint32 onDay, int sex,
                        const std::vector<Link> &links, bool adultOnly)
{
    Link link;
    std::vector<Person> &people = m_pools[pool];
    if (!people.empty() && m_random.chance(reuse)) {
        const auto slot = qint32(m_random.below(people.size()));
        const Person &candidate = people[std::size_t(slot)];
        const int years = wholeYears(candidate.dob, onDay);
        bool clash = years < (adultOnly ? 10 : 0);
        for (const Link &other : links)
            clash = clash || (!other.blank && other.person.id == candidate.id);
        if (!clash) {
            link.person = candidate;
            link.poolSlot = slot;
            link.pool = quint8(pool);
            return link;
        }
    }
    link.person = newPerson(age, onDay, sex, false);
    return link;
}

void World::addPeople(Crime &crime, std::vector<Link> &links)
{
    const DemoOffence &offence = m_mix.at(crime.offence);
    const OffenceKind kind = offence.kind;
    const qint32 onDay = crime.committedFrom != 0 ? crime.committedFrom : crime.recorded;

    int victims = 1;
    switch (kind) {
    case OffenceKind::Violence:
        victims = m_random.chance(0.02) ? 0 : m_random.chance(0.1) ? 2 : 1;
        break;
    case OffenceKind::Robbery:
    case OffenceKind::Burglary:
        victims = m_random.chance(0.07) ? 2 : 1;
        break;
    case OffenceKind::Drugs:
    case OffenceKind::Weapons:
        victims = 0;
        break;
    case OffenceKind::PublicOrder:
        victims = m_random.chance(0.6) ? 1 : 0;
        break;
    case OffenceKind::Miscellaneous:
        victims = m_random.chance(0.4) ? 1 : 0;
        break;
    default:
        break;
    }
    if (crime.child)
        victims = 1;
    for (int i = 0; i < victims; ++i) {
        const int age = drawAge(Role::Victim, kind);
        Link link = pooledOrNew(1, 0.08, age, onDay, drawSex(Role::Victim), links, false);
        link.role = Role::Victim;
        links.push_back(link);
    }

    if (crime.child) {
        // The seed request's children: one, or two of different ages (always the first in its period, so that
        // every world has the case), mostly the older years.
        static constexpr int kChildAgeWeights[10] = {0, 2, 2, 3, 5, 7, 9, 14, 22, 30};
        const bool inWindow = crime.recorded >= m_seedWindowFrom && crime.recorded <= m_seedWindowTo;
        const bool two = (inWindow && m_windowChildren == 1) || m_random.chance(0.15);
        int firstAge = 0;
        for (int c = 0; c < (two ? 2 : 1); ++c) {
            int age = 0;
            do {
                int r = int(m_random.below(94));
                age = 1;
                while (r >= kChildAgeWeights[age]) {
                    r -= kChildAgeWeights[age];
                    ++age;
                }
            } while (age == firstAge);
            firstAge = age;
            Link link;
            link.person = newPerson(age, onDay, m_random.chance(0.75) ? 0 : 1, true);
            if (two) {
                // Two children of different ages in one crime is the case the counting unit turns on:
                // both ages are known, so that it is there to be counted.
                link.person.cmsDob = 0;
                link.person.connectDob = 0;
            }
            link.role = Role::Suspect;
            links.push_back(link);
        }
    } else {
        static constexpr double kIdentified[] = {0.75, 0.6, 0.3, 0.15, 0.3, 0.25, 0.98, 0.95, 0.7, 0.8};
        if (m_random.chance(kIdentified[int(kind)])) {
            const double r = m_random.uniform();
            const int suspects = r < 0.75 ? 1 : r < 0.93 ? 2 : 3;
            for (int i = 0; i < suspects; ++i) {
                const int age = drawAge(Role::Suspect, kind);
                const double reuse = m_random.chance(0.05) ? 1.0 : 0.3;
                Link link = pooledOrNew(reuse >= 1.0 ? 1 : 0, reuse >= 1.0 ? 0.05 : 0.3, age, onDay,
                                        drawSex(Role::Suspect), links, true);
                link.role = Role::Suspect;
                links.push_back(link);
            }
        }
    }

    const double w = m_random.uniform();
    const int witnesses = w < 0.45 ? 0 : w < 0.8 ? 1 : 2;
    for (int i = 0; i < witnesses; ++i) {
        Link link =
            pooledOrNew(1, 0.05, drawAge(Role::Witness, kind), onDay, drawSex(Role::Witness), links, false);
        link.role = Role::Witness;
        links.push_back(link);
    }
    if (m_random.chance(0.02)) {
        Link link =
            pooledOrNew(1, 0.05, drawAge(Role::Subject, kind), onDay, drawSex(Role::Subject), links, false);
        link.role = Role::Subject;
        links.push_back(link);
    }
    if (links.empty()) {
        // A crime is only in an extract through its rows: one without anybody would not exist there.
        // Victimless offences (possession) always have the person found in possession.
        const bool victimless = kind == OffenceKind::Drugs || kind == OffenceKind::Weapons;
        const Role role = victimless ? Role::Suspect : Role::Victim;
        Link link = pooledOrNew(victimless ? 0 : 1, 0.1, drawAge(role, kind), onDay, drawSex(role), links,
                                victimless);
        link.role = role;
        links.push_back(link);
    }
}

int World::drawIdentifiedOutcome(OffenceKind kind, bool youth, bool victims, int except)
{
    // Outcomes of crimes with a named suspect, roughly as forces report them. Crimes without a victim
    // (possession of drugs or weapons) are rarely dropped for lack of the victim's support.
    struct Weighted
    {
        int outcome;
        int weight;
    };
    const bool drugs = kind == OffenceKind::Drugs;
    const Weighted table[] = {
        {1, 22},
        {youth ? 2 : 3, 8},
        {4, 1},
        {5, 1},
        {6, 1},
        {7, drugs ? 25 : 0},
        {8, 10},
        {9, 1},
        {10, 2},
        {12, 1},
        {13, 1},
        {15, victims ? 20 : 8},
        {16, victims ? 25 : 1},
        {17, 1},
        {20, 2},
        {21, 2},
    };
    int total = 0;
    for (const Weighted &w : table)
        total += w.outcome == except ? 0 : w.weight;
    int r = int(m_random.below(quint64(total)));
    for (const Weighted &w : table) {
        if (w.outcome == except)
            continue;
        r -= w.weight;
        if (r < 0)
            return w.outcome;
    }
    return 1;
}

void World::chooseOutcome(Crime &crime, std::vector<Link> &links)
{
    const OffenceKind kind = m_mix.at(crime.offence).kind;
    const qint32 onDay = crime.committedFrom != 0 ? crime.committedFrom : crime.recorded;
    bool suspects = false;
    bool youth = false;
    bool victims = false;
    for (const Link &link : links) {
        if (link.role == Role::Suspect) {
            suspects = true;
            const int age = wholeYears(link.person.dob, onDay);
            youth = youth || (age >= 10 && age <= 17);
        }
        victims = victims || link.role == Role::Victim;
    }
    if (crime.child)
        crime.outcome = 11;
    else if (suspects)
        crime.outcome = quint8(drawIdentifiedOutcome(kind, youth, victims, 0));
    else
        crime.outcome = victims && m_random.chance(0.35) ? 14 : 18;

    qint32 delay = 0;
    const double r = m_random.uniform();
    if (crime.child)
        delay = 10 + qint32(m_random.below(80));
    else if (r < 0.55)
        delay = 1 + qint32(m_random.below(45));
    else if (r < 0.85)
        delay = 30 + qint32(m_random.below(150));
    else if (r < 0.97)
        delay = 120 + qint32(m_random.below(400));
    else
        delay = 400 + qint32(m_random.below(600));
    crime.outcomeDate = crime.recorded + delay;

    for (Link &link : links) {
        const int age = wholeYears(link.person.dob, onDay);
        switch (link.role) {
        case Role::Suspect:
            // CONNECT records a child below the age of criminal responsibility as responsible, an offender.
            if (crime.child ? (crime.recorded >= m_cutover || m_random.chance(0.5))
                            : isOffenderOutcome(crime.outcome))
                link.role = Role::Offender;
            if (link.role == Role::Suspect) {
                link.cmsLabel = cms::Suspect;
                link.connectLabel = connect::Suspect;
            } else {
                const bool young = age < 18 && m_random.chance(crime.child ? 0.4 : 0.7);
                link.cmsLabel = young ? cms::YoungOffender : cms::Offender;
                // The quota is spent only where the label is sure to be seen: in crimes recorded in CONNECT.
                const bool belowAge =
                    crime.child && age < 10 &&
                    (crime.recorded >= m_cutover ? m_belowAge.take(m_random) : m_random.chance(0.6));
                link.connectLabel = belowAge ? connect::BelowAge : connect::Offender;
            }
            break;
        case Role::Offender:
            break;
        case Role::Subject:
            link.cmsLabel = cms::Subject;
            link.connectLabel = connect::Subject;
            break;
        case Role::Victim:
            link.cmsLabel = cms::Victim;
            link.connectLabel = connect::Victim;
            break;
        case Role::Witness:
            link.cmsLabel = cms::Witness;
            link.connectLabel = connect::Witness;
            break;
        }
    }
}

void World::decideMigration(Crime &crime, std::vector<Link> &links)
{
    crime.inCms = true;
    const bool finalised = crime.outcomeDate < m_cutover;
    crime.cmsOutcome = finalised ? crime.outcome : 0;
    bool reopened = false;
    if (!finalised) {
        crime.migrated = crime.child || !m_leftBehind.take(m_random);
        if (!crime.migrated)
            m_truth.traps.leftBehindOpen += 1;
    } else if (!crime.child && crime.outcomeDate >= m_cutover - 60 && m_last > m_cutover &&
               m_reopened.take(m_random)) {
        // Finalised in CMS, reopened in CONNECT and finalised again differently: an outcome conflict.
        crime.migrated = true;
        reopened = true;
    }
    if (!crime.migrated)
        return;

    crime.orphan = m_orphan.take(m_random);
    const bool duplicate = !crime.orphan && !crime.child && m_duplicate.take(m_random);
    const bool forcedAgeCase =
        !crime.orphan && !duplicate && !crime.child && m_ageOnMigrationDay.take(m_random);
    bool migrationDay = m_random.chance(0.25) || forcedAgeCase;

    if (forcedAgeCase) {
        // Merge-rules §3, "age on the migration day": no committed day, RecordedOn moved to the cutover,
        // and a witness whose birthday falls between the true recorded day and the cutover, so that the
        // age computed in CONNECT is one more than the true one.
        crime.committedFrom = 0;
        crime.committedTo = 0;
        Link link;
        for (int attempt = 0; attempt < 16; ++attempt) {
            const qint32 birthday =
                crime.recorded + 1 + qint32(m_random.below(quint64(m_cutover - crime.recorded)));
            const QDate b = QDate::fromJulianDay(birthday);
            if (b.month() == 2 && b.day() == 29)
                continue;
            const int years = m_random.between(20, 60);
            link.person = newPerson(years, m_cutover, m_random.chance(0.5) ? 0 : 1, false);
            link.person.dob = julian(b.addYears(-years));
            link.person.cmsDob = 0;
            link.person.connectDob = 0;
            link.ageFromDob = true;
            break;
        }
        if (link.person.id != 0) {
            link.role = Role::Witness;
            link.cmsLabel = cms::Witness;
            link.connectLabel = connect::Witness;
            links.push_back(link);
        }
    }

    ConnectCopy &copy = crime.copies[0];
    copy.year = quint16(yearOf(m_cutover));
    copy.recorded = migrationDay ? m_cutover : crime.recorded;
    copy.recordedSecs = migrationDay ? qint32(60 * (60 + m_random.below(300))) : crime.recordedSecs;
    copy.offence = crime.offence;
    if (!crime.orphan && m_corrected.take(m_random))
        copy.offence = quint16(m_mix.drawOtherOfKind(crime.offence, m_random));
    if (reopened) {
        const bool suspects = std::any_of(links.begin(), links.end(), [](const Link &l) {
            return l.role == Role::Suspect || l.role == Role::Offender;
        });
        const bool victims =
            std::any_of(links.begin(), links.end(), [](const Link &l) { return l.role == Role::Victim; });
        copy.outcome = quint8(
            suspects ? drawIdentifiedOutcome(m_mix.at(crime.offence).kind, false, victims, crime.outcome)
                     : (crime.outcome == 18 ? 14 : 18));
        copy.outcomeDate =
            m_cutover + 1 + qint32(m_random.below(quint64(std::min<qint32>(120, m_last - m_cutover))));
        m_truth.traps.reopenedAfterCutover += 1;
    } else if (crime.outcomeDate <= m_last) {
        copy.outcome = crime.outcome;
        copy.outcomeDate = crime.outcomeDate;
    }
    copy.seq = nextOccSeq(copy.year);
    crime.copyCount = 1;
    if (duplicate) {
        // Migrated twice: a stale second occurrence on the migration day, never updated since. Which of
        // the two has the smaller reference, and so is counted, and which comes first in the file, vary.
        ConnectCopy &stale = crime.copies[1];
        stale = copy;
        stale.recorded = m_cutover;
        stale.recordedSecs = qint32(60 * (60 + m_random.below(300)));
        stale.offence = crime.offence;
        stale.outcome = 0;
        stale.outcomeDate = 0;
        stale.seq = nextOccSeq(copy.year);
        if (m_random.chance(0.5))
            std::swap(stale.seq, copy.seq);
        crime.copyCount = 2;
        crime.firstWritten = quint8(m_random.below(2));
    }
}

void World::renderAges(const Crime &crime, std::vector<Link> &links)
{
    const qint32 onDay = crime.committedFrom != 0 ? crime.committedFrom : crime.recorded;
    const bool inConnect = crime.migrated || !crime.inCms;
    const bool matched = crime.migrated && !crime.orphan;
    for (Link &link : links) {
        if (link.blank)
            continue;
        const Person &p = link.person;
        const int years = wholeYears(p.dob, onDay);
        if (crime.inCms && !crime.orphan) {
            if (p.cmsDob != 0 && !crime.migrated && m_random.chance(0.25))
                link.cmsAge = 0; // the legacy system wrote 0 where it had no date of birth
            else if (p.cmsDob == 0 && m_random.chance(0.3))
                link.cmsAge = qint16(years);
        }
        if (inConnect) {
            // A migrated crime carries its ages from CMS's days, so only the deliberate traps differ.
            if (link.ageFromDob)
                link.connectAge = -1;
            else if (p.connectDob == 0 && m_random.chance(0.25))
                link.connectAge = qint16(years);
            else if (p.connectDob != 0 && !crime.migrated && m_random.chance(0.1))
                link.connectAge = 0;
            else if (p.connectDob != 0 && m_random.chance(0.2))
                link.connectAge = qint16(years);
        }
        if (matched && p.cmsDob == 0 && p.connectDob == 0 && crime.committedFrom != 0 && years >= 1 &&
            m_ageWrong.take(m_random)) {
            static constexpr int kDelta[] = {-2, -1, 1, 2, 10};
            int wrong = years + kDelta[m_random.below(5)];
            if (wrong < 1 || wrong > 120)
                wrong = years + 1;
            link.cmsAge = qint16(wrong);
            link.connectAge = qint16(years);
            m_truth.traps.cmsAgeWrong += 1;
        }
        if (!crime.migrated && !crime.child && m_dobIsOffenceDay.take(m_random)) {
            link.dobIsOffenceDay = true;
            link.cmsAge = -1;
            link.connectAge = -1;
        }
    }

    if (!matched || crime.committedFrom != 0)
        return;
    bool recordedDiffers = false;
    for (int c = 0; c < crime.copyCount; ++c)
        recordedDiffers = recordedDiffers || crime.copies[c].recorded != crime.recorded;
    if (!recordedDiffers)
        return;
    // Where the rule of "age on the migration day" would take the CMS age but CMS has none (or only a
    // flagged 0), CONNECT carries the age itself: the rule then has nothing to decide, and no reading of
    // "when there is one" can change the count.
    for (Link &link : links) {
        if (link.blank || link.connectAge >= 0 || link.person.connectDob != 0)
            continue;
        if (cmsAge(crime, link).kind != KeptAge::Years)
            link.connectAge = qint16(std::max(0, wholeYears(link.person.dob, crime.recorded)));
    }
}

void World::settlePeople(const Crime &crime, std::vector<Link> &links, bool inConnect)
{
    const bool inCms = crime.inCms && !crime.orphan;
    for (Link &link : links) {
        if (link.blank)
            continue;
        Person &p = link.person;
        if (inCms && p.nominal == 0) {
            m_nextNominal += 1 + quint32(m_random.below(3));
            p.nominal = m_nextNominal;
        }
        if (inConnect && p.urn == 0) {
            m_nextUrn += 1 + quint32(m_random.below(3));
            p.urn = m_nextUrn;
        }
        if (link.poolSlot >= 0)
            m_pools[link.pool][std::size_t(link.poolSlot)] = p;
    }
    // New people join a pool after the write-backs, so that no slot read by this crime is replaced first.
    for (Link &link : links) {
        if (link.blank || link.poolSlot >= 0)
            continue;
        const Person &p = link.person;
        // Someone only in an orphaned crime has no CMS nominal; if they came back in CMS they would be
        // two people to the merge (no LegacyNominal joins them) but one to the world.
        if (crime.orphan && p.nominal == 0)
            continue;
        if (wholeYears(p.dob, crime.recorded) < 10 && crime.child)
            continue; // the children of the seed request do not come back as adult offenders
        std::vector<Person> &pool =
            m_pools[link.role == Role::Suspect || link.role == Role::Offender ? 0 : 1];
        if (pool.size() < m_poolCapacity)
            pool.push_back(p);
        else
            pool[std::size_t(m_random.below(pool.size()))] = p;
    }
}

void World::makeCrime(qint32 day, bool beforeCutover)
{
    Crime crime;
    crime.recorded = day;
    crime.recordedSecs = timeOfDay();
    crime.offence = quint16(m_mix.draw(m_random));
    const OffenceKind kind = m_mix.at(crime.offence).kind;
    if (kind == OffenceKind::Violence) {
        const bool inWindow = day >= m_seedWindowFrom && day <= m_seedWindowTo;
        Quota &quota = !inWindow         ? m_childOutside
                       : day < m_cutover ? m_childInWindow
                                         : m_childInConnectWindow;
        crime.child = quota.take(m_random);
        if (crime.child && inWindow)
            m_windowChildren += 1;
    } else if (kind == OffenceKind::Damage) {
        crime.child = m_childDamage.take(m_random); // children in criminal damage: not violent, not counted
    }

    if (!crime.child && m_random.chance(0.04)) {
        crime.committedFrom = 0;
    } else {
        const double r = m_random.uniform();
        qint32 delay = 0;
        if (crime.child)
            delay = qint32(m_random.below(3));
        else if (r < 0.6)
            delay = 0;
        else if (r < 0.85)
            delay = 1 + qint32(m_random.below(3));
        else
            delay = 4 + qint32(m_random.below(57));
        crime.committedFrom = day - delay;
        if (delay > 0 && m_random.chance(0.4))
            crime.committedTo = crime.committedFrom + 1 + qint32(m_random.below(quint64(delay)));
        crime.committedSecs = timeOfDay();
        crime.committedTimeKnown = m_random.chance(0.9);
    }
    crime.subclass = quint8(m_random.chance(0.7) ? 1 : m_random.chance(0.7) ? 0 : 2 + m_random.below(2));
    crime.beat = quint16(m_random.below(800));
    crime.neighbourhood = quint16(m_random.below(1000));

    std::vector<Link> &links = m_links;
    links.clear();
    addPeople(crime, links);
    chooseOutcome(crime, links);

    if (beforeCutover) {
        decideMigration(crime, links);
        crime.cmsYear = quint16(yearOf(day));
        crime.cmsSeq = nextCmsSeq(crime.cmsYear);
    } else {
        ConnectCopy &copy = crime.copies[0];
        copy.year = quint16(yearOf(day));
        copy.seq = nextOccSeq(copy.year);
        copy.recorded = day;
        copy.recordedSecs = crime.recordedSecs;
        copy.offence = crime.offence;
        if (crime.outcomeDate <= m_last) {
            copy.outcome = crime.outcome;
            copy.outcomeDate = crime.outcomeDate;
        }
        crime.copyCount = 1;
    }
    crime.text = m_text.drawText(m_random, crime.inCms);

    // An unidentified witness has no person reference. Only in crimes held by one system: whether such a
    // row of a migrated crime would be one person or two is not something the merge rules settle.
    if (!crime.migrated) {
        for (Link &link : links) {
            if (link.role == Role::Witness && link.poolSlot < 0 && m_random.chance(0.03)) {
                link.blank = true;
                link.person = Person();
            }
        }
    }
    renderAges(crime, links);
    const bool inConnect = crime.migrated || !beforeCutover;
    settlePeople(crime, links, inConnect);

    if (crime.inCms && !crime.orphan)
        writeCmsRows(crime, links);
    if (crime.migrated) {
        crime.firstLink = quint32(m_pendingLinks.size());
        crime.linkCount = quint32(links.size());
        m_pendingLinks.insert(m_pendingLinks.end(), links.begin(), links.end());
        m_pendingCrimes.push_back(crime);
    } else if (!beforeCutover) {
        m_truth.traps.connectOnlyCrimes += 1;
        for (const Link &link : links) {
            if (!link.blank && link.person.nominal != 0)
                m_truth.traps.cmsPersonsInNewConnectCrimes += 1;
        }
        writeConnectRows(crime, 0, links.data(), quint32(links.size()));
    }
    mergeCrime(crime, links);
}

// ---------------------------------------------------------------------------------------------
// The extracts

void World::appendCmsRef(std::string &out, const Crime &crime) const
{
    out += "CR/";
    appendPadded(out, crime.cmsSeq, 7);
    out += '/';
    appendPadded(out, crime.cmsYear % 100, 2);
}

void World::appendOccRef(std::string &out, const ConnectCopy &copy)
{
    out += "OCC-";
    appendPadded(out, copy.year, 4);
    out += '-';
    appendPadded(out, copy.seq, 7);
}

int World::dobShownInCms(const Crime &crime, const Link &link) const
{
    if (link.blank)
        return 0;
    if (link.dobIsOffenceDay)
        return crime.committedFrom != 0 ? crime.committedFrom : crime.recorded;
    return link.person.cmsDob == 0 ? link.person.dob : 0;
}

int World::dobShownInConnect(const Crime &crime, const ConnectCopy &copy, const Link &link) const
{
    if (link.blank)
        return 0;
    if (link.dobIsOffenceDay)
        return crime.committedFrom != 0 ? crime.committedFrom : copy.recorded;
    return link.person.connectDob == 0 ? link.person.dob : 0;
}

KeptAge World::cmsAge(const Crime &crime, const Link &link) const
{
    return ageByRule(link.cmsAge, dobShownInCms(crime, link), crime.committedFrom, crime.recorded);
}

KeptAge World::connectAge(const Crime &crime, const ConnectCopy &copy, const Link &link) const
{
    return ageByRule(link.connectAge, dobShownInConnect(crime, copy, link), crime.committedFrom,
                     copy.recorded);
}

void World::fillCmsRecord(const Crime &crime, const Link &link)
{
    Record &r = m_record;
    r.reset(cms::ColumnCount);
    std::string &text = r.textBuffer();
    std::size_t start = text.size();
    appendCmsRef(text, crime);
    r.setTextSince(cms::CrimeNo, start);
    r.setDate(cms::DateRecorded, crime.recorded);
    if (crime.committedFrom != 0) {
        r.setDate(cms::DateCommittedFrom, crime.committedFrom);
        if (crime.committedTimeKnown) {
            start = text.size();
            appendPadded(text, quint64(crime.committedSecs / 3600), 2);
            text += ':';
            appendPadded(text, quint64(crime.committedSecs / 60 % 60), 2);
            r.setTextSince(cms::TimeCommittedFrom, start);
        }
    }
    if (crime.committedTo != 0)
        r.setDate(cms::DateCommittedTo, crime.committedTo);
    const DemoOffence &offence = m_mix.at(crime.offence);
    r.setText(cms::HoClass,
              std::string_view(offence.cmsClass.constData(), std::size_t(offence.cmsClass.size())));
    start = text.size();
    appendPadded(text, crime.subclass, 2);
    r.setTextSince(cms::HoSubclass, start);
    r.setText(cms::OffenceTitle,
              std::string_view(offence.cmsTitle.constData(), std::size_t(offence.cmsTitle.size())));
    if (!link.blank) {
        const Person &p = link.person;
        start = text.size();
        text += 'N';
        appendPadded(text, p.nominal, 9);
        r.setTextSince(cms::NominalNo, start);
        r.setText(cms::Surname, m_text.surname(p.surname).cms);
        r.setText(cms::Forenames, m_text.forename(p.forename).cms);
        if (const int dob = dobShownInCms(crime, link); dob != 0)
            r.setDate(cms::Dob, dob);
        else if (p.cmsDob == 2)
            r.setDate(cms::Dob, m_placeholderDob);
        if (link.cmsAge >= 0)
            r.setInteger(cms::AgeAtOffence, link.cmsAge);
        const int sex = p.cmsSexUnknown ? 2 : p.sex;
        r.setText(cms::Sex, sex == 0 ? "M" : sex == 1 ? "F" : "U");
    } else {
        r.setText(cms::Sex, "U");
    }
    r.setText(cms::Involvement, cms::kLabels[link.cmsLabel]);
    if (crime.cmsOutcome != 0) {
        r.setText(cms::Disposal, cmsDisposal(crime.cmsOutcome));
        r.setDate(cms::DisposalDate, crime.outcomeDate);
    }
    start = text.size();
    text += char('A' + crime.beat / 100);
    appendPadded(text, crime.beat % 100, 2);
    r.setTextSince(cms::Beat, start);
    start = text.size();
    m_text.appendCms(text, crime.text);
    r.setTextSince(cms::MoText, start);
}

void World::writeCmsRows(const Crime &crime, const std::vector<Link> &links)
{
    for (const Link &link : links) {
        fillCmsRecord(crime, link);
        m_cms.write(m_record);
        m_cmsRecords += 1;
        m_truth.keptRow(SystemId::Cms, link.blank ? 0 : link.person.id);
        if (!link.blank && link.person.cmsDob == 2 && !link.dobIsOffenceDay)
            m_truth.traps.placeholderDateOfBirth += 1;
        if (link.cmsAge == 0)
            m_truth.traps.agesGivenZero += 1;
        if (link.dobIsOffenceDay)
            m_truth.traps.dateOfBirthIsOffenceDay += 1;
        if (link.blank)
            m_truth.traps.blankPersonLinks += 1;
    }
    m_truth.systemCrime(SystemId::Cms);
    maybeBadRows(SystemId::Cms, qint64(links.size()), crime.recorded);
}

void World::fillConnectRecord(const Crime &crime, const ConnectCopy &copy, const Link &link)
{
    Record &r = m_record;
    r.reset(connect::ColumnCount);
    std::string &text = r.textBuffer();
    std::size_t start = text.size();
    appendOccRef(text, copy);
    r.setTextSince(connect::OccurrenceReference, start);
    if (crime.migrated) {
        start = text.size();
        appendCmsRef(text, crime);
        r.setTextSince(connect::LegacyReference, start);
    }
    r.setDateTime(connect::RecordedOn, copy.recorded, copy.recordedSecs);
    if (crime.committedFrom != 0)
        r.setDateTime(connect::CommittedFrom, crime.committedFrom,
                      crime.committedTimeKnown ? crime.committedSecs : 0);
    if (crime.committedTo != 0)
        r.setDateTime(connect::CommittedTo, crime.committedTo, 23 * 3600 + 59 * 60);
    const DemoOffence &offence = m_mix.at(copy.offence);
    start = text.size();
    text.append(offence.code.constData(), std::size_t(offence.code.size()));
    text += '/';
    appendPadded(text, crime.subclass, 2);
    r.setTextSince(connect::HomeOfficeCode, start);
    r.setText(connect::OffenceTitle,
              std::string_view(offence.title.constData(), std::size_t(offence.title.size())));
    if (!link.blank) {
        const Person &p = link.person;
        start = text.size();
        text += "P-";
        appendPadded(text, p.urn, 8);
        r.setTextSince(connect::PersonUrn, start);
        if (p.nominal != 0) {
            start = text.size();
            text += 'N';
            appendPadded(text, p.nominal, 9);
            r.setTextSince(connect::LegacyNominal, start);
        }
        r.setText(connect::Forename, m_text.forename(p.forename).connect);
        r.setText(connect::Surname, m_text.surname(p.surname).connect);
        if (const int dob = dobShownInConnect(crime, copy, link); dob != 0)
            r.setDate(connect::DateOfBirth, dob);
        if (link.connectAge >= 0)
            r.setInteger(connect::AgeAtCommitted, link.connectAge);
        r.setText(connect::Gender, connect::kGenders[p.sex]);
    } else {
        r.setText(connect::Gender, connect::kGenders[2]);
    }
    r.setText(connect::InvolvementType, connect::kLabels[link.connectLabel]);
    if (copy.outcome != 0) {
        start = text.size();
        text += "OC";
        appendPadded(text, copy.outcome, 1);
        r.setTextSince(connect::OutcomeCode, start);
        r.setDate(connect::OutcomeDate, copy.outcomeDate);
    }
    start = text.size();
    text += "NH-";
    appendPadded(text, crime.neighbourhood, 4);
    r.setTextSince(connect::Neighbourhood, start);
    start = text.size();
    m_text.appendConnect(text, crime.text);
    r.setTextSince(connect::Summary, start);
}

void World::writeConnectRecord()
{
    m_connect.write(m_record);
    if (m_xlsxOpen)
        m_xlsx.write(m_record);
    m_connectRecords += 1;
}

void World::writeConnectRows(const Crime &crime, int copy, const Link *links, quint32 count)
{
    for (quint32 i = 0; i < count; ++i) {
        const Link &link = links[i];
        fillConnectRecord(crime, crime.copies[copy], link);
        writeConnectRecord();
        m_truth.keptRow(SystemId::Connect, link.blank ? 0 : link.person.id);
        if (!crime.inCms) {
            if (link.connectAge == 0)
                m_truth.traps.agesGivenZero += 1;
            if (link.dobIsOffenceDay)
                m_truth.traps.dateOfBirthIsOffenceDay += 1;
            if (link.blank)
                m_truth.traps.blankPersonLinks += 1;
        }
    }
    m_truth.systemCrime(SystemId::Connect);
    maybeBadRows(SystemId::Connect, qint64(count), std::max(crime.copies[copy].recorded, m_cutover));
}

void World::writeMigrationBlock()
{
    for (const Crime &crime : m_pendingCrimes) {
        const Link *links = m_pendingLinks.data() + crime.firstLink;
        for (int i = 0; i < crime.copyCount; ++i)
            writeConnectRows(crime, (crime.firstWritten + i) % crime.copyCount, links, crime.linkCount);
    }
    m_pendingCrimes.clear();
    m_pendingCrimes.shrink_to_fit();
    m_pendingLinks.clear();
    m_pendingLinks.shrink_to_fit();
}

void World::maybeBadRows(SystemId system, qint64 rowsWritten, qint32 day)
{
    BadRowPlan &plan = m_bad[int(system)];
    if (plan.kinds == 0)
        return;
    plan.untilNext -= rowsWritten;
    while (plan.untilNext <= 0) {
        writeBadRow(system, BadKind(plan.next), day);
        plan.next = (plan.next + 1) % plan.kinds;
        plan.untilNext += plan.gap / 2 + qint64(m_random.below(quint64(plan.gap)));
    }
}

void World::writeBadRow(SystemId system, BadKind kind, qint32 day)
{
    // An extra made-up crime of a single row with exactly one defect: it has its own reference, so that
    // rejecting it changes nothing in the ground truth.
    const bool isCms = system == SystemId::Cms;
    Crime crime;
    crime.recorded = kind == BadKind::AfterCutover ? m_cutover + 1 + qint32(m_random.below(30)) : day;
    crime.recordedSecs = timeOfDay();
    crime.committedFrom = crime.recorded - qint32(m_random.below(3));
    crime.committedSecs = timeOfDay();
    crime.offence = quint16(m_mix.draw(m_random));
    crime.beat = quint16(m_random.below(800));
    crime.neighbourhood = quint16(m_random.below(1000));
    crime.text = m_text.drawText(m_random, true);
    crime.inCms = isCms;
    crime.cmsYear = quint16(yearOf(crime.recorded));
    crime.copies[0].year = crime.cmsYear;
    crime.copies[0].recorded = crime.recorded;
    crime.copies[0].recordedSecs = crime.recordedSecs;
    crime.copies[0].offence = crime.offence;
    crime.copyCount = 1;
    if (isCms)
        crime.cmsSeq = nextCmsSeq(crime.cmsYear);
    else
        crime.copies[0].seq = nextOccSeq(crime.copies[0].year);

    Link link;
    const bool suspect = m_random.chance(0.5);
    link.role = suspect ? Role::Suspect : Role::Victim;
    link.cmsLabel = suspect ? cms::Suspect : cms::Victim;
    link.connectLabel = suspect ? connect::Suspect : connect::Victim;
    const qint32 onDay = crime.committedFrom;
    link.person.sex = quint8(drawSex(link.role));
    link.person.forename = quint16(m_text.drawForename(link.person.sex, m_random));
    link.person.surname = quint16(m_text.drawSurname(m_random));
    link.person.dob = dateOfBirthForAge(m_random.between(18, 60), onDay);
    m_nextNominal += 1;
    m_nextUrn += 1;
    link.person.nominal = isCms ? m_nextNominal : 0;
    link.person.urn = m_nextUrn;

    if (isCms)
        fillCmsRecord(crime, link);
    else
        fillConnectRecord(crime, crime.copies[0], link);
    Record &r = m_record;
    const bool impossibleDob = kind == BadKind::ImpossibleDate && m_random.chance(0.34);
    const bool impossibleCommitted =
        kind == BadKind::ImpossibleDate && !impossibleDob && m_random.chance(0.5);
    switch (kind) {
    case BadKind::UnknownClass:
        r.setText(isCms ? int(cms::HoClass) : int(connect::HomeOfficeCode), isCms ? "999Z" : "999Z/01");
        break;
    case BadKind::ImpossibleDate:
        if (impossibleDob) {
            r.setText(isCms ? int(cms::Dob) : int(connect::DateOfBirth), isCms ? "31/04/2009" : "2009-04-31");
            r.setBlank(isCms ? int(cms::AgeAtOffence) : int(connect::AgeAtCommitted));
        } else if (impossibleCommitted) {
            r.setText(isCms ? int(cms::DateCommittedFrom) : int(connect::CommittedFrom),
                      isCms ? "30/02/2016" : "2018-02-30T09:00:00");
        } else {
            r.setText(isCms ? int(cms::DateRecorded) : int(connect::RecordedOn),
                      isCms ? "31/02/2017" : "2017-13-01T10:00:00");
        }
        break;
    case BadKind::AgeBelowZero:
        r.setInteger(isCms ? int(cms::AgeAtOffence) : int(connect::AgeAtCommitted), -3);
        break;
    case BadKind::AgeOver120:
        r.setInteger(isCms ? int(cms::AgeAtOffence) : int(connect::AgeAtCommitted), 135);
        break;
    case BadKind::BornAfterOffence:
        r.setDate(isCms ? int(cms::Dob) : int(connect::DateOfBirth),
                  onDay + 30 + qint32(m_random.below(300)));
        r.setBlank(isCms ? int(cms::AgeAtOffence) : int(connect::AgeAtCommitted));
        break;
    case BadKind::CommittedAfterRecorded:
        if (m_random.chance(0.5)) {
            const qint32 from = crime.recorded + 1 + qint32(m_random.below(10));
            if (isCms) {
                r.setDate(cms::DateCommittedFrom, from);
            } else {
                r.setDateTime(connect::CommittedFrom, from, crime.committedSecs);
            }
        } else {
            // The last committed day before the first.
            const qint32 from = crime.recorded - 5;
            const qint32 to = from - 3;
            if (isCms) {
                r.setDate(cms::DateCommittedFrom, from);
                r.setDate(cms::DateCommittedTo, to);
            } else {
                r.setDateTime(connect::CommittedFrom, from, crime.committedSecs);
                r.setDateTime(connect::CommittedTo, to, 23 * 3600 + 59 * 60);
            }
        }
        break;
    case BadKind::UnknownInvolvement:
        r.setText(isCms ? int(cms::Involvement) : int(connect::InvolvementType),
                  isCms ? "INFORMANT" : "Complainant");
        break;
    case BadKind::Malformed:
        if (isCms) {
            r.resize(cms::ColumnCount - 3); // a row cut short by the report tool
        } else {
            // An unquoted comma in the summary split it into two fields.
            r.setText(connect::Summary, "Victim says");
            r.resize(connect::ColumnCount + 1);
            r.setText(connect::ColumnCount, " phone taken");
        }
        break;
    case BadKind::BlankReference:
        r.setBlank(isCms ? int(cms::CrimeNo) : int(connect::OccurrenceReference));
        break;
    case BadKind::AfterCutover:
        break;
    }
    if (isCms) {
        m_cms.write(r);
        m_cmsRecords += 1;
    } else {
        writeConnectRecord();
    }
    m_truth.rejectedRow(system, reasonOf(kind));
    m_bad[int(system)].emitted[int(kind)] = true;
}

Status World::finishCms()
{
    BadRowPlan &plan = m_bad[int(SystemId::Cms)];
    for (int k = 0; k < plan.kinds; ++k) {
        if (!plan.emitted[k])
            writeBadRow(SystemId::Cms, BadKind(k), m_cutover - 1);
    }
    std::string footer = "*** END OF REPORT - ";
    appendInteger(footer, m_cmsRecords);
    footer += " RECORDS ***\r\n";
    m_cms.writeRaw(footer);
    return m_cms.close();
}

// ---------------------------------------------------------------------------------------------
// The ground truth

void World::mergedLinks(const Crime &crime, std::string_view ref, SystemId system, bool migrated, int offence,
                        qint32 recorded, int outcome, const std::vector<Link> &links, const ConnectCopy *copy)
{
    const DemoOffence &o = m_mix.at(offence);
    const std::string_view code(o.code.constData(), std::size_t(o.code.size()));
    const bool matched = migrated;
    int children = 0;
    for (const Link &link : links) {
        MergedLink m;
        m.crime = ref;
        m.system = system;
        m.migrated = migrated;
        m.offenceClass = code;
        m.recorded = recorded;
        m.committedFrom = crime.committedFrom;
        m.outcome = outcome;
        m.person = link.blank ? 0 : link.person.id;
        m.role = link.role;
        if (copy == nullptr) {
            m.age = cmsAge(crime, link);
            m.sex = link.blank ? 2 : link.person.cmsSexUnknown ? 2 : link.person.sex;
        } else {
            m.age = connectAge(crime, *copy, link);
            m.sex = link.blank ? 2 : link.person.sex;
        }
        if (matched && !link.blank) {
            const KeptAge legacy = cmsAge(crime, link);
            // Merge-rules §3: an age CONNECT computed from the date of birth on a recorded day that is
            // not the true one gives way to the CMS copy's age.
            if (link.connectAge < 0 && dobShownInConnect(crime, *copy, link) != 0 &&
                crime.committedFrom == 0 && copy->recorded != crime.recorded &&
                legacy.kind != KeptAge::Unknown) {
                m.age = legacy;
                m_truth.traps.ageOnMigrationDay += 1;
            }
            if (legacy.kind != KeptAge::Unknown && m.age.kind != KeptAge::Unknown && legacy != m.age)
                m_truth.conflictAge += 1;
        }
        if ((m.role == Role::Suspect || m.role == Role::Offender) && m.age.kind == KeptAge::Years &&
            m.age.years >= 1 && m.age.years <= 9)
            children += 1;
        m_truth.mergedLink(m);
    }
    if (children > 0 && outcome == 11 && o.kind == OffenceKind::Violence) {
        m_truth.traps.childSuspectCrimes += 1;
        if (children > 1)
            m_truth.traps.childSuspectCrimesTwoChildren += 1;
    }
}

void World::mergeCrime(const Crime &crime, const std::vector<Link> &links)
{
    m_truth.mergedCrime();
    std::string &ref = m_scratch;
    ref.clear();
    if (crime.inCms && !crime.migrated) {
        appendCmsRef(ref, crime);
        mergedLinks(crime, ref, SystemId::Cms, false, crime.offence, crime.recorded, crime.cmsOutcome, links,
                    nullptr);
        return;
    }
    const ConnectCopy &used = crime.copies[crime.usedCopy()];
    appendOccRef(ref, used);
    if (!crime.inCms || crime.orphan) {
        if (crime.orphan)
            m_truth.migratedOriginalMissing += 1;
        mergedLinks(crime, ref, SystemId::Connect, false, used.offence, used.recorded, used.outcome, links,
                    &used);
        return;
    }
    m_truth.migratedCrimes += 1;
    if (crime.copyCount > 1)
        m_truth.claimedTwice += 1;
    if (used.offence != crime.offence)
        m_truth.conflictOffenceClass += 1;
    if (crime.cmsOutcome != 0 && used.outcome != 0 && crime.cmsOutcome != used.outcome)
        m_truth.conflictOutcome += 1;
    if (crime.cmsOutcome == 0 && used.outcome != 0)
        m_truth.traps.outcomeFinalisedInConnect += 1;
    if (used.recorded != crime.recorded)
        m_truth.traps.migrationDayRecorded += 1;
    mergedLinks(crime, ref, SystemId::Cms, true, used.offence, crime.recorded, used.outcome, links, &used);
}

// ---------------------------------------------------------------------------------------------

Result<DemoFiles> World::run(const QString &outDir)
{
    m_first = julian(m_options.firstRecorded);
    m_last = julian(m_options.lastRecorded);
    m_cutover = julian(m_options.cutover);
    m_placeholderDob = julian(QDate(1900, 1, 1));
    // The seed request's period, Jan 2016 to Jan 2018 by committed day: its children are placed so that
    // a crime committed up to three days before it was recorded still falls inside.
    m_seedWindowFrom = julian(QDate(2016, 1, 4));
    m_seedWindowTo = julian(QDate(2018, 1, 31));
    planDays();

    // The reuse pools bound the world's memory: people drop out of them at random once they are full.
    m_poolCapacity = std::size_t(std::clamp<qint64>(m_options.crimes / 4, 256, 1 << 17));
    // Children inside the seed window start early, so that even a small world answers the request.
    m_childInWindow = Quota(1.0 / 300.0, 1.0 + double(m_random.below(120)));
    // ... and so do those recorded in CONNECT inside it (from the cutover to January 2018).
    m_childInConnectWindow = Quota(1.0 / 300.0, 1.0 + double(m_random.below(10)));
    m_childOutside = Quota(1.0 / 300.0, 1.0 + double(m_random.below(300)));

    if (m_options.badRows) {
        const double rows = 2.4 * double(m_options.crimes);
        const double cmsRows = rows * m_shareBeforeCutover;
        const double connectRows = rows * (1.0 - m_shareBeforeCutover + 0.1 * m_shareBeforeCutover);
        m_bad[0].kinds = kBadKinds;
        m_bad[1].kinds = kBadKinds - 1; // CONNECT is not frozen: no after-cutover rows
        const double sizes[2] = {cmsRows, connectRows};
        for (int s = 0; s < 2; ++s) {
            m_bad[s].gap = std::clamp<qint64>(qint64(sizes[s] / (2.0 * m_bad[s].kinds)), 20, 200);
            m_bad[s].untilNext = m_bad[s].gap / 2 + qint64(m_random.below(quint64(m_bad[s].gap)));
            m_bad[s].next = int(m_random.below(quint64(m_bad[s].kinds)));
        }
    }

    DemoFiles files;
    const QDir dir(outDir);
    files.cmsCsv = dir.filePath(QStringLiteral("cms.csv"));
    files.connectCsv = dir.filePath(QStringLiteral("connect.csv"));
    files.groundTruth = dir.filePath(QStringLiteral("ground-truth.json"));
    files.groundTruthLinks = dir.filePath(QStringLiteral("ground-truth-links.csv"));
    if (m_options.connectXlsx)
        files.connectXlsx = dir.filePath(QStringLiteral("connect.xlsx"));

    if (Status s = m_cms.open(files.cmsCsv); !s)
        return s.error();
    if (Status s = m_connect.open(files.connectCsv); !s)
        return s.error();
    if (Status s = m_truth.openLinks(files.groundTruthLinks); !s)
        return s.error();
    std::string header;
    for (int c = 0; c < cms::ColumnCount; ++c)
        header += (c ? "," : "") + std::string(cms::kHeader[c]);
    m_cms.writeRaw(header + "\r\n");
    header = "\xEF\xBB\xBF";
    std::vector<std::string> connectHeader;
    for (int c = 0; c < connect::ColumnCount; ++c) {
        header += (c ? "," : "") + std::string(connect::kHeader[c]);
        connectHeader.emplace_back(connect::kHeader[c]);
    }
    m_connect.writeRaw(header + "\n");
    if (m_options.connectXlsx) {
        std::vector<bool> dateColumns(connect::ColumnCount, false);
        for (const int c :
             {connect::RecordedOn, connect::CommittedFrom, connect::DateOfBirth, connect::OutcomeDate})
            dateColumns[std::size_t(c)] = true;
        // Dated the day after the last crime, when the extract was taken: the same files on every run.
        const QDateTime taken(m_options.lastRecorded.addDays(1), QTime(6, 0), QTimeZone::utc());
        if (Status s = m_xlsx.open(files.connectXlsx, connectHeader, dateColumns, taken); !s)
            return s.error();
        m_xlsxOpen = true;
    }

    qint64 made = 0;
    for (qint32 day = m_first; day <= m_last; ++day) {
        m_truth.flushDaysBefore(day);
        if (day == m_cutover) {
            if (Status s = finishCms(); !s)
                return s.error();
            writeMigrationBlock();
        }
        const std::size_t index = std::size_t(day - m_first);
        const qint64 today = m_cumulativeCrimes[index] - (index > 0 ? m_cumulativeCrimes[index - 1] : 0);
        for (qint64 i = 0; i < today; ++i) {
            if (m_hooks.cancel && m_hooks.cancel->load())
                return Error(QStringLiteral("the demo generation was cancelled"));
            makeCrime(day, day < m_cutover);
            made += 1;
            if (m_hooks.progress && (made & 4095) == 0)
                m_hooks.progress(double(made) / double(m_options.crimes));
        }
        if (m_cms.failed() || m_connect.failed() || (m_xlsxOpen && m_xlsx.failed()))
            break;
    }

    BadRowPlan &plan = m_bad[int(SystemId::Connect)];
    for (int k = 0; k < plan.kinds; ++k) {
        if (!plan.emitted[k])
            writeBadRow(SystemId::Connect, BadKind(k), m_last);
    }
    if (Status s = m_connect.close(); !s)
        return s.error();
    if (m_xlsxOpen) {
        m_xlsxOpen = false;
        if (Status s = m_xlsx.close(); !s)
            return s.error();
    }
    if (Status s = m_truth.closeLinks(); !s)
        return s.error();

    QByteArray generator = "{ \"crimes\": " + QByteArray::number(m_options.crimes) +
                           ", \"seed\": " + QByteArray::number(m_options.seed) + ", \"cutover\": \"" +
                           m_options.cutover.toString(Qt::ISODate).toLatin1() + "\", \"first_recorded\": \"" +
                           m_options.firstRecorded.toString(Qt::ISODate).toLatin1() +
                           "\", \"last_recorded\": \"" +
                           m_options.lastRecorded.toString(Qt::ISODate).toLatin1() +
                           "\", \"bad_rows\": " + (m_options.badRows ? "true" : "false") + " }";
    QFile json(files.groundTruth);
    const QByteArray bytes = m_truth.json(generator);
    if (!json.open(QIODevice::WriteOnly | QIODevice::Truncate) || json.write(bytes) != bytes.size())
        return Error(QStringLiteral("cannot write the file: %1").arg(json.errorString()), files.groundTruth);
    if (m_hooks.progress)
        m_hooks.progress(1.0);
    return files;
}

Status validate(const DemoOptions &options)
{
    if (options.crimes < 1 || options.crimes > 50'000'000)
        return Error(QStringLiteral("the number of crimes must be between 1 and 50,000,000, not %1")
                         .arg(options.crimes));
    if (!options.firstRecorded.isValid() || !options.lastRecorded.isValid() || !options.cutover.isValid())
        return Error(QStringLiteral("the first and last recorded days and the cutover must be valid dates"));
    if (options.firstRecorded.year() < 1990 || options.lastRecorded.year() > 2200)
        return Error(QStringLiteral("the recorded days must fall between 1990 and 2200"));
    if (!(options.firstRecorded < options.cutover && options.cutover <= options.lastRecorded))
        return Error(
            QStringLiteral("the cutover must fall after the first recorded day and no later than the "
                           "last: CMS and CONNECT must both hold crimes"));
    return {};
}

} // namespace

Result<DemoFiles> generateDemo(const QString &outDir, const DemoOptions &options, const DemoProgress &hooks)
{
    if (Status s = validate(options); !s)
        return s.error();
    if (!QDir().mkpath(outDir))
        return Error(QStringLiteral("cannot create the output folder"), outDir);
    const auto mix = OffenceMix::loadBuiltIn();
    if (!mix)
        return mix.error();
    const auto text = DemoText::build();
    if (!text)
        return text.error();

    // The world holds a few large buffers; it lives on the heap, not the caller's stack.
    auto world = std::make_unique<World>(options, hooks, *mix, *text);
    Result<DemoFiles> files = world->run(outDir);
    world.reset();
    if (!files.ok()) {
        // Half-written extracts must not be mistaken for a demo set.
        const QDir dir(outDir);
        for (const char *name :
             {"cms.csv", "connect.csv", "connect.xlsx", "ground-truth.json", "ground-truth-links.csv"})
            QFile::remove(dir.filePath(QString::fromLatin1(name)));
    }
    return files;
}

} // namespace foi
