#pragma once

#include "common/Result.h"
#include "import/DateFormat.h"
#include "import/RecordSource.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>
#include <string_view>

namespace foi {

/// Where a system stands in the force's history: the legacy system frozen at its cutover day, the new
/// one that holds the open crimes migrated from it, or a system that stands on its own.
enum class SystemRole
{
    Legacy,
    New,
    Standalone,
};

QString systemRoleName(SystemRole role);

/// A crime recording system as the register knows it.
struct SystemInfo
{
    QString name;  ///< "cms", "connect", "police-uk"
    QString title; ///< "CMS (legacy crime management system)"
    SystemRole role = SystemRole::Standalone;
    QString legacySystem; ///< for the new system: the legacy system it migrated from
    QDate cutover;        ///< legacy and new systems: the cutover day
};

/// A code list of a source profile: the values a system writes in a column and what each means.
/// Values are matched after trimming spaces, and ignoring case when the profile says so.
class CodeList
{
public:
    void insert(const QString &code, int value);
    void setIgnoreCase(bool ignore) { m_ignoreCase = ignore; }
    /// The meaning of a value, or nothing when the list does not have it.
    std::optional<int> find(std::string_view utf8) const;
    bool isEmpty() const { return m_codes.isEmpty(); }
    QStringList codes() const;

private:
    QHash<QByteArray, int> m_codes;
    bool m_ignoreCase = false;
};

/// A declared source system: how to read its extract and which column feeds which canonical field.
/// Loaded from JSON (docs/source-profiles.md); `cms` and `connect` are built in, an administrator
/// adds a system by writing one, with no code change.
struct SourceProfile
{
    enum class FileType
    {
        Auto, ///< by the file name: .xlsx is a workbook, anything else CSV
        Csv,
        Xlsx,
    };

    enum class OffenceScheme
    {
        HomeOfficeClass,  ///< a Home Office class, with or without its subclass
        PoliceUkCategory, ///< a police.uk crime category ("Violence and sexual offences")
    };

    struct Column
    {
        QString column; ///< the header name; empty when the system has no such field
        QString key;    ///< the profile key path, for messages ("fields.age")
        bool present() const { return !column.isEmpty(); }
    };

    struct DateField : Column
    {
        DateFormats formats;
        QStringList unknownValues; ///< values that mean unknown, e.g. the legacy placeholder 01/01/1900
    };

    struct CodedField : Column
    {
        CodeList codes;
    };

    struct OffenceField : Column
    {
        OffenceScheme scheme = OffenceScheme::HomeOfficeClass;
        QString separator;      ///< "/" when class and subclass share the field ("8N/01")
        QString subclassColumn; ///< the subclass column, when apart ("HO_SUBCLASS"); not needed for counting
        QHash<QString, QString> categoryNames; ///< police.uk: the system's words -> classification category
    };

    struct OutcomeField : Column
    {
        CodeList codes;             ///< value -> outcome number, -1 for "no outcome yet"
        QRegularExpression pattern; ///< or a pattern whose first group is the number ("^OC(\d+)$")
    };

    struct SkipRule
    {
        QString column;
        QStringList equals;
        QString reason;
    };

    QString name; ///< "cms"
    QString title;
    QString origin; ///< the file it came from, or ":/profiles/cms.json"
    QByteArray sha256;
    SystemInfo system;

    FileType fileType = FileType::Auto;
    TextEncoding encoding = TextEncoding::Utf8;
    char delimiter = ',';
    QString footerPattern; ///< a footer line with the record count; empty when the system writes none

    Column crimeRef;
    Column legacyCrimeRef;
    Column personRef;
    Column legacyPersonRef;
    Column age;
    DateField recorded;
    DateField committedFrom;
    DateField committedTo;
    DateField dateOfBirth;
    OffenceField offence;
    CodedField sex;  ///< values: Sex
    CodedField role; ///< values: Role
    OutcomeField outcome;
    QVector<SkipRule> skip;

    /// True when rows of this system are people in crimes (a role column); police.uk has none.
    bool hasPersons() const { return role.present(); }

    /// Every column the profile reads, with the key that names it.
    QVector<const Column *> columns() const;

    /// Parses a profile; errors name the file and the key path.
    static Result<SourceProfile> fromJson(const QByteArray &json, const QString &origin);
    /// A built-in profile by name ("cms"), or a profile file by path.
    static Result<SourceProfile> load(const QString &nameOrPath);
    static QStringList builtInNames();
};

} // namespace foi
