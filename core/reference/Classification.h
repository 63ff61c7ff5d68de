#pragma once

#include "common/Result.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace foi {

/// One Home Office offence class in one version of the classification.
struct Offence
{
    QString code;        ///< normalised: "8N", "105A", "4.1", "4.10", "1"
    QString description; ///< "Assault with injury"
    QString group;       ///< "Violence against the person"
    QString subgroup;    ///< "Violence with injury"
    QString policeUkCategory; ///< "Violence and Sexual Offences"
};

/// The Home Office offence classification as it stood for one financial year ("2017/18"), in force
/// from effectiveFrom (1 April) up to the day before the next version's effectiveFrom.
class ClassificationVersion
{
public:
    QString id;
    QDate effectiveFrom;
    QVector<Offence> offences;

    /// The offence with this normalised code, or nullptr.
    const Offence *find(const QString &code) const;

    void buildIndex();

private:
    QHash<QString, int> m_index;
};

/// The Home Office offence classification as a versioned set. Codes are recoded and subgroups moved
/// between years (burglary in 2017, subgroups in 2018), so a code resolves against the version in force
/// on a given day, and a code retired or not yet introduced still resolves through the nearest version
/// that has it. A code that no version knows is an error that names it.
class Classification
{
public:
    /// The versions compiled into the application (resources/reference/classification).
    static Result<Classification> loadBuiltIn();

    /// The built-in classification, loaded once; safe to call from any thread.
    static const Classification &builtIn();

    /// Loads versions from an index JSON file and the CSV files it names (same folder).
    static Result<Classification> loadFromIndex(const QString &indexPath);

    /// "008N" -> "8N", "004.1" -> "4.1", "001" -> "1", " 105a " -> "105A": leading zeros of the
    /// number dropped, letters upper-cased, spaces trimmed. It does not check that the code exists.
    static QString normaliseCode(QStringView raw);

    const QVector<ClassificationVersion> &versions() const { return m_versions; }

    /// The version in force on the day (the last whose effectiveFrom is on or before it; the first
    /// version for days before every version).
    const ClassificationVersion &versionAt(const QDate &day) const;

    /// The offence for a normalised code on a day: from the version in force, else from the version
    /// nearest in time that has the code. Error when no version has it:
    /// "unknown Home Office offence class '123X'".
    Result<Offence> resolve(const QString &code, const QDate &day) const;

    /// True when any version has the code.
    bool isKnown(const QString &code) const;

    /// Every group, subgroup and police.uk category name of any version, sorted and without repeats.
    QStringList groups() const;
    QStringList subgroups() const;
    QStringList policeUkCategories() const;

private:
    QVector<ClassificationVersion> m_versions; ///< ordered by effectiveFrom
};

} // namespace foi
