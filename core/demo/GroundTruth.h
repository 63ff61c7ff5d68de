#pragma once

#include "common/Result.h"
#include "demo/ExtractWriter.h"

#include <QByteArray>
#include <QFile>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace foi::demo {

enum class Role : quint8
{
    Suspect,
    Offender,
    Subject,
    Victim,
    Witness,
};

enum class SystemId : quint8
{
    Cms,
    Connect,
};

/// The reasons of docs/merge-rules.md §1, in its order.
enum class RejectReason : quint8
{
    MalformedRow,
    MissingValue,
    UnknownOffenceClass,
    UnknownCode,
    ImpossibleDate,
    AgeOutOfRange,
    CommittedAfterRecorded,
    AfterCutover,
};
constexpr int kRejectReasons = 8;

const char *roleName(Role role);
const char *reasonName(RejectReason reason);

/// An age as the import keeps it (merge-rules.md §1, the age rule).
struct KeptAge
{
    enum Kind : quint8
    {
        Unknown,
        Zero, ///< given or computed as 0: flagged, never counted as "aged 0"
        Years,
    };
    Kind kind = Unknown;
    int years = 0;

    bool operator==(const KeptAge &other) const { return kind == other.kind && years == other.years; }
    bool operator!=(const KeptAge &other) const { return !(*this == other); }
};

/// Whole years from the date of birth to the day (negative when born after it). Julian days.
int wholeYears(qint32 dateOfBirth, qint32 day);

/// The age rule: the system's age when given (-1: blank), else from the date of birth (0: blank or the
/// placeholder) on the first committed day (0: unknown), else on the recorded day, else unknown.
KeptAge ageByRule(int systemAge, qint32 dateOfBirth, qint32 committedFrom, qint32 recorded);

/// One link of the merged register, as ground-truth-links.csv lists it.
struct MergedLink
{
    std::string_view crime;
    SystemId system = SystemId::Cms;
    bool migrated = false;
    std::string_view offenceClass;
    qint32 recorded = 0;
    qint32 committedFrom = 0; ///< 0: unknown
    int outcome = 0;          ///< 0: none yet
    quint32 person = 0;       ///< the world's person id; 0: the row has no person reference
    Role role = Role::Victim;
    KeptAge age;
    quint8 sex = 2; ///< 0 male, 1 female, 2 unknown
};

/// Counts the generator keeps besides the merge report: how often each trap was laid.
struct TrapCounts
{
    qint64 migrationDayRecorded = 0;         ///< matched crimes whose CONNECT RecordedOn is the cutover day
    qint64 ageOnMigrationDay = 0;            ///< merged links whose age came from the CMS copy (§3)
    qint64 outcomeFinalisedInConnect = 0;    ///< matched crimes with no CMS disposal and a CONNECT outcome
    qint64 cmsAgeWrong = 0;                  ///< CMS AGE_AT_OFFENCE deliberately wrong, CONNECT right
    qint64 connectOnlyCrimes = 0;            ///< crimes recorded on or after the cutover
    qint64 cmsPersonsInNewConnectCrimes = 0; ///< links of new CONNECT crimes to a person known in CMS
    qint64 leftBehindOpen = 0;               ///< CMS crimes open at cutover but not migrated
    qint64 reopenedAfterCutover = 0;         ///< CMS crimes finalised, migrated and finalised again
    qint64 agesGivenZero = 0;                ///< rows with AGE_AT_OFFENCE / AgeAtCommitted 0
    qint64 dateOfBirthIsOffenceDay = 0;      ///< rows whose date of birth is the offence day
    qint64 placeholderDateOfBirth = 0;       ///< CMS rows with DOB 01/01/1900
    qint64 blankPersonLinks = 0;             ///< rows without a person reference
    qint64 childSuspectCrimes = 0;           ///< violent crimes with outcome 11 and a suspect aged 1-9
    qint64 childSuspectCrimesTwoChildren = 0;
};

/// What import and merge must produce from the demo extracts, accumulated while the world is written:
/// the merge report (ground-truth.json) and every merged link (ground-truth-links.csv). Links are
/// written ordered by recorded day, then by the bytes of their line, buffering only the days that are
/// still open, so the file streams like the extracts.
class GroundTruth
{
public:
    Status openLinks(const QString &path);

    void keptRow(SystemId system, quint32 person);
    void rejectedRow(SystemId system, RejectReason reason);
    void systemCrime(SystemId system) { m_systems[int(system)].crimes += 1; }

    void mergedCrime() { m_mergedCrimes += 1; }
    void mergedLink(const MergedLink &link);
    /// Writes every buffered day before `day`; links for those days must not arrive later.
    void flushDaysBefore(qint32 day);

    qint64 migratedCrimes = 0;
    qint64 migratedOriginalMissing = 0;
    qint64 claimedTwice = 0;
    qint64 conflictOffenceClass = 0;
    qint64 conflictOutcome = 0;
    qint64 conflictAge = 0;
    TrapCounts traps;

    /// Flushes the links and closes the file.
    Status closeLinks();
    /// ground-truth.json; `generator` is the JSON object describing the options, written first.
    QByteArray json(const QByteArray &generator) const;

    qint64 rowsKept(SystemId system) const { return m_systems[int(system)].rows; }
    qint64 rowsRejected(SystemId system) const { return m_systems[int(system)].rejected; }

private:
    struct SystemCounts
    {
        qint64 rows = 0;
        qint64 rejected = 0;
        qint64 crimes = 0;
        qint64 persons = 0;
    };

    quint8 &personFlags(quint32 person);
    void writeDay(std::vector<std::string> &lines);

    SystemCounts m_systems[2];
    qint64 m_rejectedByReason[kRejectReasons] = {};
    qint64 m_mergedCrimes = 0;
    qint64 m_mergedLinks = 0;
    qint64 m_mergedPersons = 0;
    qint64 m_unknownAges = 0;
    qint64 m_zeroAges = 0;
    std::vector<quint8> m_personFlags; ///< per world person: seen in CMS, in CONNECT, in a merged link
    std::map<qint32, std::vector<std::string>> m_days;
    QFile m_links;
    std::string m_buffer;
    QString m_error;
};

} // namespace foi::demo
