#pragma once

#include "common/Result.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVector>

namespace foi {

/// The levels of the classification above the offence code, as request criteria and tables name them.
enum class OffenceLevel
{
    Group,            ///< "Violence against the person"
    Subgroup,         ///< "Violence with injury"
    PoliceUkCategory, ///< "Violence and Sexual Offences"
};

/// "offence group", "offence subgroup", "police.uk category": for messages.
QString offenceLevelName(OffenceLevel level);

/// One Home Office offence class in one version of the classification.
struct Offence
{
    QString code;             ///< normalised: "8N", "105A", "4.1", "4.10", "1"
    QString description;      ///< "Assault with injury"
    QString group;            ///< "Violence against the person"
    QString subgroup;         ///< "Violence with injury"
    QString policeUkCategory; ///< "Violence and Sexual Offences"

    /// The group, subgroup or police.uk category.
    const QString &name(OffenceLevel level) const;
};

/// The Home Office offence classification as it stood for one financial year ("2017/18"), in force
/// from effectiveFrom (1 April) up to the day before the next version's effectiveFrom.
class ClassificationVersion final
{
public:
    QString id;
    QDate effectiveFrom;
    QString fileName; ///< the CSV file it was loaded from
    QString notes;    ///< how the version was derived, from the index
    QVector<Offence> offences;

    /// The offence with this normalised code, or nullptr.
    const Offence *find(const QString &code) const;

    /// Makes find() see the offences; call after filling or changing them.
    void buildIndex();

    /// The offences whose group, subgroup or police.uk category is the name (compared
    /// case-insensitively), in file order; empty when no offence has it.
    QVector<Offence> offencesIn(OffenceLevel level, QStringView name) const;

    /// Every group, subgroup or police.uk category name of this version, sorted, without repeats.
    QStringList names(OffenceLevel level) const;

private:
    QHash<QString, int> m_index;
};

/// The Home Office offence classification as a versioned set. Codes are recoded and subgroups moved
/// between years (burglary in 2017, subgroups in 2018), so a code resolves against the version in force
/// on a given day, and a code retired or not yet introduced still resolves through the nearest version
/// that has it. A code that no version knows is an error that names it. Loaded values are immutable,
/// so one instance can be read from any number of threads.
class Classification final
{
public:
    /// The versions compiled into the application (resources/reference/classification).
    static Result<Classification> loadBuiltIn();

    /// The built-in classification, loaded once; safe to call from any thread. The built-in files are
    /// checked by the tests, so a failure to load them is a broken build and aborts.
    static const Classification &builtIn();

    /// Loads versions from an index JSON file and the CSV files it names (same folder). Errors name the
    /// file, and the line (CSV) or key path (index).
    static Result<Classification> loadFromIndex(const QString &indexPath);

    /// "008N" -> "8N", "004.1" -> "4.1", "004.10" -> "4.10", "001" -> "1", " 105a " -> "105A": spaces
    /// trimmed; for a code that starts with a digit, the leading zeros of its number dropped (a lone
    /// "000" is "0") and letters upper-cased. Codes that do not start with a digit ("AF", "CIFAS",
    /// "UK Finance") are only trimmed. It does not check that the code exists.
    static QString normaliseCode(QStringView raw);

    /// Ordered by effectiveFrom; never empty.
    const QVector<ClassificationVersion> &versions() const { return m_versions; }

    /// The version with the id ("2017/18"), or nullptr.
    const ClassificationVersion *findVersion(QStringView id) const;

    /// The version in force on the day: the last whose effectiveFrom is on or before it; the first
    /// version for days before every version; the last version for an invalid day.
    const ClassificationVersion &versionAt(const QDate &day) const;

    /// The version a code resolves through on a day: the version in force when it has the code, else
    /// the version nearest in time to the day that has it (on a tie, the older); nullptr when no
    /// version has it. The code is normalised first.
    const ClassificationVersion *resolvingVersion(QStringView code, const QDate &day) const;

    /// The offence for a code on a day, from resolvingVersion(). Error when no version has the code:
    /// "unknown Home Office offence class '999Z'", naming the code as given (trimmed); the error has no
    /// file, line or field, which the caller knows.
    Result<Offence> resolve(QStringView code, const QDate &day) const;

    /// True when any version has the code (normalised first).
    bool isKnown(QStringView code) const;

    /// Every group, subgroup or police.uk category name of any version, sorted, without repeats.
    QStringList names(OffenceLevel level) const;
    QStringList groups() const { return names(OffenceLevel::Group); }
    QStringList subgroups() const { return names(OffenceLevel::Subgroup); }
    QStringList policeUkCategories() const { return names(OffenceLevel::PoliceUkCategory); }

    /// The name as the classification spells it, found case-insensitively in any version (a request
    /// may say "violence against the person"). Error naming it when no version has it:
    /// "unknown offence group 'Violense'".
    Result<QString> canonicalName(OffenceLevel level, QStringView name) const;

private:
    Classification() = default;

    int indexAt(const QDate &day) const;

    QVector<ClassificationVersion> m_versions; ///< ordered by effectiveFrom
};

} // namespace foi
