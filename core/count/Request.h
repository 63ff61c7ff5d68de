#pragma once

#include "common/Result.h"
#include "import/Records.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace foi {

/// What is counted (../shared/spec/request-format.md, `unit`).
enum class CountUnit
{
    Crimes, ///< each crime once, however many people in it match
    Links,  ///< crime-person links: each person in each crime once, whatever their roles
    Persons ///< distinct persons across systems
};

/// The dimensions a table can be broken down by.
enum class Dimension
{
    OffenceGroup,
    OffenceSubgroup,
    OffenceClass,
    Age,
    Sex,
    Year,
    Month,
    System,
};

/// "crimes", "links", "persons"; "offence_group", "age", ... as the request file spells them.
QString unitName(CountUnit unit);
std::optional<CountUnit> unitFromName(const QString &name);
QString dimensionName(Dimension dimension);
std::optional<Dimension> dimensionFromName(const QString &name);
QString roleName(Role role); ///< "suspect", ...
std::optional<Role> roleFromName(const QString &name);

/// Which records a request counts. Every list empty means "no restriction".
struct Criteria
{
    enum class DateBasis
    {
        Committed, ///< the first committed day (the recorded day when it is unknown)
        Recorded,
    };
    QDate from; ///< inclusive; null: no lower limit
    QDate to;   ///< inclusive; null: no upper limit
    DateBasis dateBasis = DateBasis::Committed;
    std::optional<int> ageMin; ///< inclusive; with either limit set, an unknown age never matches
    std::optional<int> ageMax;
    QVector<Role> roles;
    QVector<int> outcomes;        ///< Home Office outcome numbers
    QStringList offenceGroups;    ///< canonical names
    QStringList offenceSubgroups; ///< canonical names
    QStringList offenceClasses;   ///< normalised codes
    QStringList systems;

    bool hasAgeLimit() const { return ageMin.has_value() || ageMax.has_value(); }
    bool hasOffenceLimit() const
    {
        return !offenceGroups.isEmpty() || !offenceSubgroups.isEmpty() || !offenceClasses.isEmpty();
    }
};

/// One table of a request: one dimension down, optionally one across.
struct TableSpec
{
    QString title;
    Dimension rows = Dimension::OffenceClass;
    std::optional<Dimension> columns;
};

/// How the release is protected (request-format.md `protection`, plus the application's own fields).
struct ProtectionPolicy
{
    enum class Order
    {
        Alphabetical, ///< labels A-Z, ages and dates ascending
        Count,        ///< largest released count first; withheld cells last, alphabetical
    };
    enum class Sensitive
    {
        Suppress, ///< every cell of a sexual offence is withheld, whatever its count
        Combine,  ///< the sexual offences are released as one combined row
        /// Counted and protected like every other count (threshold and complementary suppression), as
        /// forces release them: s.44(1) protects the identity of victims, not aggregate counts.
        Protect,
    };
    int threshold = 0; ///< counts 1..threshold-1 are withheld; 0 turns the rule off
    bool secondary = true;
    Order order = Order::Alphabetical;
    std::optional<int> round;   ///< base to round released counts to (5, 10)
    bool suppressZeros = false; ///< withhold true zeros as well (application field `zeros: "suppress"`)
    Sensitive sensitive = Sensitive::Protect;
    /// Split each two-way table into its two one-way tables, as the seed did (application field).
    bool separateTables = false;
    /// The audit's protection range: how many whole numbers the interval anyone can derive for a
    /// withheld count must hold (application field `audit_range`); 0: the default, threshold - 1.
    int auditRange = 0;
    /// Age bands to count in instead of single years, as [min, max] pairs (application field).
    QVector<QPair<int, int>> ageBands;
    /// Merge categories whose count is below the threshold into one "Other" row (application field).
    bool mergeSmall = false;
    /// Cell-key perturbation (application field `perturbation`, docs/protection.md): counts are shown
    /// moved by a small change that the records in each cell fix, instead of withheld when small.
    struct Perturbation
    {
        int maxChange = 0;   ///< `max_change`: 0 means the default, max(2, threshold - 1)
        double variance = 1; ///< `variance`
        bool operator==(const Perturbation &o) const
        {
            return maxChange == o.maxChange && variance == o.variance;
        }
        bool operator!=(const Perturbation &o) const { return !(*this == o); }
    };
    std::optional<Perturbation> perturbation;
    /// Why the threshold is below the usual kUsualThreshold (application field `threshold_reason`): a
    /// release with a lower threshold and no reason fails its audit. Recorded with the release.
    QString thresholdReason;
    /// Why counts that an earlier release of the same population withheld may now be shown (application
    /// field `reveal_reason`, e.g. "the earlier release was wrong"); without it such a release fails.
    QString revealReason;
    /// The threshold forces usually apply; lower ones ask for a reason.
    static constexpr int kUsualThreshold = 5;
    /// The change the perturbation table allows: max_change, or its default.
    int perturbationMaxChange() const
    {
        if (!perturbation)
            return 0;
        return perturbation->maxChange > 0 ? perturbation->maxChange : std::max(2, threshold - 1);
    }
};

/// A request file: everything needed to reproduce a disclosure (../shared/spec/request-format.md).
struct Request
{
    QString reference;
    QDate received;
    QString title;
    QString requestText; ///< the requester's words, verbatim (`request`)
    Criteria criteria;
    CountUnit unit = CountUnit::Crimes;
    QVector<TableSpec> tables;
    ProtectionPolicy protection;

    /// Reads a request file; every error names the file, the field path (`criteria.age.min`) and the
    /// reason. Offence names are checked against the built-in classification and stored canonical.
    static Result<Request> fromJson(const QByteArray &json, const QString &fileName);
    static Result<Request> load(const QString &path);
    /// The file the wizard writes: every field of the contract and the application's own; reading it
    /// back gives the same request.
    QByteArray toJson() const;
    Status save(const QString &path) const;
};

/// Field-by-field equality: what reading back a written request must give.
bool operator==(const Criteria &a, const Criteria &b);
bool operator==(const TableSpec &a, const TableSpec &b);
bool operator==(const ProtectionPolicy &a, const ProtectionPolicy &b);
bool operator==(const Request &a, const Request &b);
inline bool operator!=(const Criteria &a, const Criteria &b)
{
    return !(a == b);
}
inline bool operator!=(const TableSpec &a, const TableSpec &b)
{
    return !(a == b);
}
inline bool operator!=(const ProtectionPolicy &a, const ProtectionPolicy &b)
{
    return !(a == b);
}
inline bool operator!=(const Request &a, const Request &b)
{
    return !(a == b);
}

} // namespace foi
