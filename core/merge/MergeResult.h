#pragma once

#include "import/Records.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVector>

namespace foi {

/// A crime as it is counted: once, whichever systems hold a copy of it (docs/merge-rules.md).
struct MergedCrime
{
    qint64 id = 0;
    QString system;         ///< where it was recorded (a matched migrated crime: the legacy system)
    QString crimeRef;       ///< the reference of the copy counted (the live record)
    QString legacyCrimeRef; ///< a migrated crime's legacy reference
    bool migrated = false;  ///< matched in both systems
    QString offenceCode;
    QString offenceCategory;
    qint32 recorded = 0;
    qint32 committedFrom = 0;
    DatePrecision precision = DatePrecision::Day;
    qint8 outcome = -1;
    qint64 recordKey =
        0; ///< the crime's record key for cell-key perturbation; 0: none (merged before schema 3)
};

} // namespace foi
// Its members move by memcpy: a vector of millions of them grows without copying each one.
Q_DECLARE_TYPEINFO(foi::MergedCrime, Q_RELOCATABLE_TYPE);
namespace foi {

/// A person in a counted crime, in one role.
struct MergedLink
{
    qint64 crimeId = 0;
    qint64 personId = 0; ///< 0 for a row of a system without people
    Role role = Role::None;
    qint16 age = -1;
    AgeSource ageSource = AgeSource::Unknown;
    Sex sex = Sex::Unknown;
    qint64 linkId = 0; ///< the imported row it came from
    /// The person's pseudonymous key, the same in every link of the person (the least of the keys the
    /// person has in the systems), from which their record key is made; 0 for a row without a person
    /// reference.
    qint64 personKey = 0;
};

/// Something the merge found that the data returns staff should look at.
struct MergeIssue
{
    QString kind;   ///< "conflict", "migrated-original-missing", "claimed-twice", "inconsistent-rows"
    QString system; ///< the system of crimeRef
    QString crimeRef;
    QString otherRef;    ///< the other copy's reference (the legacy crime, the other claimant)
    QString field;       ///< conflicts: "offence_class", "outcome", "age"
    QString legacyValue; ///< conflicts: the legacy copy's value
    QString liveValue;   ///< conflicts: the counted (new-system) value
};

/// A rejected row as the report lists it.
struct RejectListing
{
    QString system;
    QString file;
    qint64 line = 0;
    QString field;
    QString reason;
    QString message;
    QString crimeRef;
};

/// Rows, crimes and persons of one system.
struct SystemStats
{
    QString name;
    QString role;
    qint64 imports = 0;
    qint64 rows = 0; ///< rows kept
    qint64 rejected = 0;
    qint64 skipped = 0;
    qint64 crimes = 0;
    qint64 persons = 0;
    qint32 firstRecorded = 0; ///< Julian days, 0 when no rows
    qint32 lastRecorded = 0;
};

/// What the merge did, for the officer and for the data returns staff.
struct MergeReport
{
    QDateTime mergedAt;
    QVector<SystemStats> systems;
    qint64 crimes = 0;
    qint64 links = 0;
    qint64 persons = 0;
    qint64 personsInMoreThanOneSystem = 0;
    qint64 migratedMatched = 0;
    qint64 migratedOriginalMissing = 0;
    qint64 claimedTwice = 0;
    qint64 recordedDaysFromLegacy = 0; ///< matched crimes whose new-system recorded day differed
    QMap<QString, qint64> conflictsByField;
    qint64 inconsistentRows = 0;
    qint64 agesUnknown = 0;
    qint64 agesFlaggedZero = 0;
    qint64 rejectedRows = 0;
    QMap<QString, qint64> rejectsByReason;
    QVector<MergeIssue> issues;
    QVector<RejectListing> rejects;

    /// The counts as JSON (merge-report --format json): rejected_rows, migrated_crimes, systems.{name}.rows
    /// ...
    QJsonObject toJson(bool withLists = true) const;
    static MergeReport fromJson(const QJsonObject &json);
    /// The report in plain words for a terminal.
    QString toText(int maxListed = 50) const;
};

/// Everything the merge writes into the register.
struct MergeResult
{
    QVector<MergedCrime> crimes;
    QVector<MergedLink> links;
    MergeReport report;
};

} // namespace foi
