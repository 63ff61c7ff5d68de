#pragma once

#include <QString>
#include <QTypeInfo>

#include <cstdint>

namespace foi {

/// The role a person plays in a crime, as counting criteria name it. None: a row of a system without
/// people (police.uk), which records a crime and nobody in it.
enum class Role : std::uint8_t
{
    None = 0,
    Suspect = 1,
    Offender = 2,
    Subject = 3,
    Victim = 4,
    Witness = 5,
};

enum class Sex : std::uint8_t
{
    Unknown = 0,
    Male = 1,
    Female = 2,
};

/// Where a link's age came from (docs/merge-rules.md, the age rule).
enum class AgeSource : std::uint8_t
{
    Unknown = 0,          ///< no age and no usable date of birth
    System = 1,           ///< the system's own age field
    BirthAtCommitted = 2, ///< from the date of birth on the first committed day
    BirthAtRecorded = 3,  ///< from the date of birth on the recorded day
};

/// How precise a system's dates are: police.uk publishes months, the crime systems days.
enum class DatePrecision : std::uint8_t
{
    Day = 0,
    Month = 1,
};

/// One crime-person link as the register keeps it: only what counting needs. No names, no dates of
/// birth, no free text; person references are pseudonymous keys (see Pseudonymiser).
struct LinkRecord
{
    qint64 line = 0;            ///< line of the extract the row started on
    QString crimeRef;           ///< the system's crime reference
    QString legacyCrimeRef;     ///< new system only: the legacy crime number of a migrated crime
    qint64 personKey = 0;       ///< 0: no person reference
    qint64 legacyPersonKey = 0; ///< new system only: the key of the person's legacy reference
    /// The crime's record key for cell-key perturbation: a keyed hash of the crime's first identity (the
    /// legacy system and reference for a migrated crime), so both copies of a migrated crime, and every
    /// later import of the same crime, carry the same key (Pseudonymiser::recordKey).
    qint64 crimeKey = 0;
    Role role = Role::None;
    QString offenceCode; ///< normalised Home Office class ("8N"); empty when the system gives only a category
    QString offenceCategory;  ///< police.uk category, when the system gives one instead of a class
    qint32 recorded = 0;      ///< Julian day
    qint32 committedFrom = 0; ///< Julian day, 0 when unknown
    qint32 committedTo = 0;   ///< Julian day, 0 when unknown
    DatePrecision precision = DatePrecision::Day;
    qint16 age = -1; ///< whole years; -1 unknown; 0 is kept but flagged, never counted as an age
    AgeSource ageSource = AgeSource::Unknown;
    Sex sex = Sex::Unknown;
    qint8 outcome = -1; ///< Home Office outcome number, -1 none yet
};

} // namespace foi
// Its members move by memcpy: a vector of thousands of them grows without copying each one.
Q_DECLARE_TYPEINFO(foi::LinkRecord, Q_RELOCATABLE_TYPE);
namespace foi {

/// Why a row was rejected (docs/merge-rules.md); the names are stable and appear in reports.
namespace reject {
inline constexpr const char *MalformedRow = "malformed-row";
inline constexpr const char *MissingValue = "missing-value";
inline constexpr const char *UnknownOffenceClass = "unknown-offence-class";
inline constexpr const char *UnknownCode = "unknown-code";
inline constexpr const char *ImpossibleDate = "impossible-date";
inline constexpr const char *AgeOutOfRange = "age-out-of-range";
inline constexpr const char *CommittedAfterRecorded = "committed-after-recorded";
inline constexpr const char *AfterCutover = "after-cutover";
inline constexpr const char *UnreadableValue = "unreadable-value";
} // namespace reject

/// A row that was not kept, with what a person needs to find and fix it. The row itself is not stored;
/// the message never quotes a personal value (a date of birth is described, not shown).
struct RejectRecord
{
    qint64 line = 0;
    QString field;    ///< the column at fault, as the extract names it
    QString reason;   ///< one of the reject:: names
    QString message;  ///< plain words: "impossible date '31/02/2017'"
    QString crimeRef; ///< the row's crime reference when it had one
};

QString roleName(Role role); ///< "suspect" ...; "none"
QString sexName(Sex sex);    ///< "male", "female", "unknown"
bool roleFromName(const QString &name, Role *role);
bool sexFromName(const QString &name, Sex *sex);

} // namespace foi
