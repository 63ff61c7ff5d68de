#include "Request.h"

#include "common/StrictJson.h"
#include "reference/Classification.h"
#include "reference/OutcomeTypes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace foi {

namespace {

const QVector<CountUnit> kUnits{CountUnit::Crimes, CountUnit::Links, CountUnit::Persons};
const QVector<Dimension> kDimensions{Dimension::OffenceGroup, Dimension::OffenceSubgroup,
                                     Dimension::OffenceClass, Dimension::Age,
                                     Dimension::Sex,          Dimension::Year,
                                     Dimension::Month,        Dimension::System};
const QVector<Role> kRoles{Role::Suspect, Role::Offender, Role::Subject, Role::Victim, Role::Witness};

/// "a, b or c"
QString orList(const QStringList &names)
{
    if (names.size() < 2)
        return names.join(QString());
    return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + names.last();
}

template<typename T>
QStringList namesOf(const QVector<T> &values, QString (*name)(T))
{
    QStringList out;
    for (T v : values)
        out << name(v);
    return out;
}

} // namespace

QString unitName(CountUnit unit)
{
    switch (unit) {
    case CountUnit::Crimes:
        break;
    case CountUnit::Links:
        return QStringLiteral("links");
    case CountUnit::Persons:
        return QStringLiteral("persons");
    }
    return QStringLiteral("crimes");
}

std::optional<CountUnit> unitFromName(const QString &name)
{
    for (CountUnit u : kUnits) {
        if (name == unitName(u))
            return u;
    }
    return std::nullopt;
}

QString dimensionName(Dimension dimension)
{
    switch (dimension) {
    case Dimension::OffenceGroup:
        return QStringLiteral("offence_group");
    case Dimension::OffenceSubgroup:
        return QStringLiteral("offence_subgroup");
    case Dimension::OffenceClass:
        break;
    case Dimension::Age:
        return QStringLiteral("age");
    case Dimension::Sex:
        return QStringLiteral("sex");
    case Dimension::Year:
        return QStringLiteral("year");
    case Dimension::Month:
        return QStringLiteral("month");
    case Dimension::System:
        return QStringLiteral("system");
    }
    return QStringLiteral("offence_class");
}

std::optional<Dimension> dimensionFromName(const QString &name)
{
    for (Dimension d : kDimensions) {
        if (name == dimensionName(d))
            return d;
    }
    return std::nullopt;
}

// roleName(Role) is defined with the records (import/Records.cpp).

std::optional<Role> roleFromName(const QString &name)
{
    Role role = Role::None;
    if (roleFromName(name, &role))
        return role;
    return std::nullopt;
}

bool operator==(const Criteria &a, const Criteria &b)
{
    return a.from == b.from && a.to == b.to && a.dateBasis == b.dateBasis && a.ageMin == b.ageMin &&
           a.ageMax == b.ageMax && a.roles == b.roles && a.outcomes == b.outcomes &&
           a.offenceGroups == b.offenceGroups && a.offenceSubgroups == b.offenceSubgroups &&
           a.offenceClasses == b.offenceClasses && a.systems == b.systems;
}

bool operator==(const TableSpec &a, const TableSpec &b)
{
    return a.title == b.title && a.rows == b.rows && a.columns == b.columns;
}

bool operator==(const ProtectionPolicy &a, const ProtectionPolicy &b)
{
    return a.threshold == b.threshold && a.secondary == b.secondary && a.order == b.order &&
           a.round == b.round && a.suppressZeros == b.suppressZeros && a.sensitive == b.sensitive &&
           a.separateTables == b.separateTables && a.auditRange == b.auditRange && a.ageBands == b.ageBands &&
           a.mergeSmall == b.mergeSmall && a.perturbation == b.perturbation &&
           a.thresholdReason == b.thresholdReason && a.revealReason == b.revealReason;
}

bool operator==(const Request &a, const Request &b)
{
    return a.reference == b.reference && a.received == b.received && a.title == b.title &&
           a.requestText == b.requestText && a.criteria == b.criteria && a.unit == b.unit &&
           a.tables == b.tables && a.protection == b.protection;
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Reading

constexpr int kMaxAge = 120;
constexpr int kMaxThreshold = 1000;
constexpr int kMaxPerturbation = 50; // as protect::PerturbationTable allows

/// Levenshtein distance, ignoring case: cheap enough for the few dozen names of the classification.
int editDistance(const QString &a, const QString &b)
{
    const QString x = a.toCaseFolded();
    const QString y = b.toCaseFolded();
    QVector<int> row(y.size() + 1);
    for (qsizetype j = 0; j <= y.size(); ++j)
        row[j] = static_cast<int>(j);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x.at(i - 1) == y.at(j - 1) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[y.size()];
}

/// The candidate closest to a misspelt name, when it is close enough to be what was meant.
QString closest(const QString &wanted, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::max(1, std::min(3, static_cast<int>(wanted.size()) / 3)) + 1;
    for (const QString &c : candidates) {
        const int d = editDistance(wanted, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("%1").arg(v.toDouble());
    case QJsonValue::String:
        return QStringLiteral("'%1'").arg(v.toString());
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

/// The whole number a JSON value holds, if it holds one in [min, max].
std::optional<int> wholeNumber(const QJsonValue &v, int min, int max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (std::floor(d) != d || d < min || d > max)
        return std::nullopt;
    return static_cast<int>(d);
}

QString item(const char *key, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(index);
}

class RequestParser
{
public:
    RequestParser(StrictJson &json, Request &request)
        : m_json(json)
        , m_r(request)
    {}

    void parse()
    {
        StrictJson::Object root = m_json.root();
        root.rejectUnknownKeys({QStringLiteral("reference"), QStringLiteral("received"),
                                QStringLiteral("title"), QStringLiteral("request"),
                                QStringLiteral("criteria"), QStringLiteral("unit"), QStringLiteral("tables"),
                                QStringLiteral("protection")});
        m_r.reference = root.string("reference", true);
        if (!failed() && m_r.reference.trimmed().isEmpty())
            root.fail(QStringLiteral("reference"),
                      QStringLiteral("the reference is empty: give the force's FOI reference"));
        m_r.received = day(root, "received");
        m_r.title = root.string("title");
        m_r.requestText = root.string("request");
        parseCriteria(root.object("criteria"));
        parseUnit(root);
        parseTables(root);
        parseProtection(root.object("protection"));
    }

private:
    bool failed() const { return m_json.error().has_value(); }

    /// An optional `yyyy-mm-dd` day; null when absent.
    QDate day(StrictJson::Object &o, const char *key)
    {
        if (!o.has(key))
            return {};
        const QString text = o.string(key);
        if (failed())
            return {};
        static const QRegularExpression form(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
        const QRegularExpressionMatch m = form.match(text);
        if (!m.hasMatch()) {
            o.fail(QLatin1String(key), QStringLiteral("'%1' is not a day written yyyy-mm-dd").arg(text));
            return {};
        }
        const int year = m.captured(1).toInt();
        const int month = m.captured(2).toInt();
        const QDate date(year, month, m.captured(3).toInt());
        if (!date.isValid()) {
            const QDate first(year, month, 1);
            QString why = QStringLiteral("'%1' is an impossible date").arg(text);
            if (month < 1 || month > 12)
                why += QStringLiteral(": there is no month %1").arg(month);
            else if (first.isValid())
                why += QStringLiteral(": %1 %2 has %3 days")
                           .arg(QLocale::c().monthName(month))
                           .arg(year)
                           .arg(first.daysInMonth());
            o.fail(QLatin1String(key), why);
            return {};
        }
        return date;
    }

    /// Reports a value listed twice in a list.
    template<typename T>
    bool duplicate(StrictJson::Object &o, const char *key, const QVector<T> &seen, const T &value,
                   qsizetype index, const QString &shown)
    {
        const qsizetype first = seen.indexOf(value);
        if (first < 0)
            return false;
        o.fail(item(key, index), QStringLiteral("%1 is listed twice (also at %2): give each once")
                                     .arg(shown, o.pathOf(item(key, first))));
        return true;
    }

    void parseCriteria(StrictJson::Object c)
    {
        c.rejectUnknownKeys({QStringLiteral("period"), QStringLiteral("age"), QStringLiteral("roles"),
                             QStringLiteral("outcomes"), QStringLiteral("offences"),
                             QStringLiteral("systems")});
        parsePeriod(c.object("period"));
        parseAge(c.object("age"));
        parseRoles(c);
        parseOutcomes(c);
        parseOffences(c.object("offences"));
        parseSystems(c);
    }

    void parsePeriod(StrictJson::Object p)
    {
        p.rejectUnknownKeys({QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("date")});
        Criteria &k = m_r.criteria;
        k.from = day(p, "from");
        k.to = day(p, "to");
        const QString basis = p.string("date", false, QStringLiteral("committed"));
        if (basis == QStringLiteral("committed"))
            k.dateBasis = Criteria::DateBasis::Committed;
        else if (basis == QStringLiteral("recorded"))
            k.dateBasis = Criteria::DateBasis::Recorded;
        else
            p.fail(QStringLiteral("date"),
                   QStringLiteral("'%1' is not a date to select by: use committed (the first committed "
                                  "day) or recorded")
                       .arg(basis));
        if (!failed() && k.from.isValid() && k.to.isValid() && k.from > k.to)
            p.fail(QString(), QStringLiteral("the period runs backwards: from %1 is after to %2")
                                  .arg(k.from.toString(Qt::ISODate), k.to.toString(Qt::ISODate)));
    }

    void parseAge(StrictJson::Object a)
    {
        a.rejectUnknownKeys({QStringLiteral("min"), QStringLiteral("max")});
        Criteria &k = m_r.criteria;
        if (a.has("min"))
            k.ageMin = static_cast<int>(a.integer("min", 0, kMaxAge));
        if (a.has("max"))
            k.ageMax = static_cast<int>(a.integer("max", 0, kMaxAge));
        if (!failed() && k.ageMin && k.ageMax && *k.ageMin > *k.ageMax)
            a.fail(QString(), QStringLiteral("the age range runs backwards: min %1 is above max %2")
                                  .arg(*k.ageMin)
                                  .arg(*k.ageMax));
    }

    void parseRoles(StrictJson::Object &c)
    {
        const QStringList roles = c.stringList("roles");
        for (qsizetype i = 0; i < roles.size() && !failed(); ++i) {
            const std::optional<Role> role = roleFromName(roles.at(i));
            if (!role) {
                c.fail(item("roles", i), QStringLiteral("'%1' is not a role (%2)")
                                             .arg(roles.at(i), orList(namesOf(kRoles, &roleName))));
                return;
            }
            if (duplicate(c, "roles", m_r.criteria.roles, *role, i, QStringLiteral("'%1'").arg(roles.at(i))))
                return;
            m_r.criteria.roles << *role;
        }
    }

    void parseOutcomes(StrictJson::Object &c)
    {
        const QVector<OutcomeType> &types = OutcomeTypes::builtIn().all();
        const QString range = QStringLiteral("%1 to %2").arg(types.front().number).arg(types.back().number);
        const QJsonArray outcomes = c.rawArray("outcomes");
        for (qsizetype i = 0; i < outcomes.size() && !failed(); ++i) {
            const QJsonValue v = outcomes.at(i);
            const std::optional<int> n = wholeNumber(v, 0, 1000);
            if (!n || !OutcomeTypes::builtIn().find(*n)) {
                c.fail(item("outcomes", i),
                       QStringLiteral("%1 is not a Home Office outcome number (%2)").arg(describe(v), range));
                return;
            }
            if (duplicate(c, "outcomes", m_r.criteria.outcomes, *n, i, QString::number(*n)))
                return;
            m_r.criteria.outcomes << *n;
        }
    }

    void parseOffenceNames(StrictJson::Object &o, const char *key, OffenceLevel level, QStringList &out)
    {
        const Classification &classification = Classification::builtIn();
        const QStringList names = o.stringList(key);
        for (qsizetype i = 0; i < names.size() && !failed(); ++i) {
            const Result<QString> canonical = classification.canonicalName(level, names.at(i));
            if (!canonical) {
                const QStringList known = classification.names(level);
                const QString guess = closest(names.at(i).trimmed(), known);
                o.fail(item(key, i),
                       canonical.error().message +
                           (guess.isEmpty()
                                ? QStringLiteral(" (the classification's %1s: %2)")
                                      .arg(offenceLevelName(level), known.join(QStringLiteral(", ")))
                                : QStringLiteral(" (did you mean '%1'?)").arg(guess)));
                return;
            }
            if (duplicate(o, key, out, *canonical, i, QStringLiteral("'%1'").arg(*canonical)))
                return;
            out << *canonical;
        }
    }

    void parseOffences(StrictJson::Object o)
    {
        o.rejectUnknownKeys(
            {QStringLiteral("groups"), QStringLiteral("subgroups"), QStringLiteral("classes")});
        Criteria &k = m_r.criteria;
        parseOffenceNames(o, "groups", OffenceLevel::Group, k.offenceGroups);
        parseOffenceNames(o, "subgroups", OffenceLevel::Subgroup, k.offenceSubgroups);
        const QStringList classes = o.stringList("classes");
        for (qsizetype i = 0; i < classes.size() && !failed(); ++i) {
            const QString code = Classification::normaliseCode(classes.at(i));
            if (!Classification::builtIn().isKnown(code)) {
                o.fail(item("classes", i),
                       QStringLiteral("unknown Home Office offence class '%1'").arg(classes.at(i).trimmed()));
                return;
            }
            if (duplicate(o, "classes", k.offenceClasses, code, i, QStringLiteral("class '%1'").arg(code)))
                return;
            k.offenceClasses << code;
        }
    }

    void parseSystems(StrictJson::Object &c)
    {
        // The systems are those of the source profiles, which an administrator may add to: any profile's
        // system name is acceptable, so only its form is checked.
        static const QRegularExpression form(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
        const QStringList systems = c.stringList("systems");
        for (qsizetype i = 0; i < systems.size() && !failed(); ++i) {
            const QString &name = systems.at(i);
            if (!form.match(name).hasMatch()) {
                c.fail(item("systems", i),
                       QStringLiteral("'%1' is not a system name: systems are named as their source "
                                      "profiles name them, in lower case (cms, connect)")
                           .arg(name));
                return;
            }
            if (duplicate(c, "systems", m_r.criteria.systems, name, i, QStringLiteral("'%1'").arg(name)))
                return;
            m_r.criteria.systems << name;
        }
    }

    void parseUnit(StrictJson::Object &root)
    {
        const QString allowed = orList(namesOf(kUnits, &unitName));
        if (!root.has("unit")) {
            root.fail(
                QStringLiteral("unit"),
                QStringLiteral("required key 'unit' is missing: say what is counted (%1)").arg(allowed));
            return;
        }
        const QString name = root.string("unit");
        if (failed())
            return;
        const std::optional<CountUnit> unit = unitFromName(name);
        if (!unit) {
            root.fail(QStringLiteral("unit"), QStringLiteral("'%1' is not a unit (%2)").arg(name, allowed));
            return;
        }
        m_r.unit = *unit;
    }

    std::optional<Dimension> dimension(StrictJson::Object &t, const char *key, bool required)
    {
        const QString name = t.string(key, required);
        if (failed() || !t.has(key))
            return std::nullopt;
        const std::optional<Dimension> d = dimensionFromName(name);
        if (!d)
            t.fail(QLatin1String(key), QStringLiteral("'%1' is not a dimension (%2)")
                                           .arg(name, orList(namesOf(kDimensions, &dimensionName))));
        return d;
    }

    void parseTables(StrictJson::Object &root)
    {
        if (!failed() && !root.has("tables")) {
            root.fail(QStringLiteral("tables"),
                      QStringLiteral("required key 'tables' is missing: give at least one table"));
            return;
        }
        const QVector<StrictJson::Object> tables = root.objectList("tables");
        if (!failed() && tables.isEmpty())
            root.fail(QStringLiteral("tables"),
                      QStringLiteral("the list of tables is empty: give at least one"));
        for (StrictJson::Object t : tables) {
            if (failed())
                return;
            t.rejectUnknownKeys({QStringLiteral("title"), QStringLiteral("rows"), QStringLiteral("columns")});
            TableSpec spec;
            spec.title = t.string("title", true);
            if (!failed() && spec.title.trimmed().isEmpty())
                t.fail(QStringLiteral("title"), QStringLiteral("the table's title is empty"));
            spec.rows = dimension(t, "rows", true).value_or(spec.rows);
            if (!t.isNull("columns"))
                spec.columns = dimension(t, "columns", false);
            if (!failed() && spec.columns == spec.rows)
                t.fail(QStringLiteral("columns"),
                       QStringLiteral("the table has %1 both as rows and as columns: choose another "
                                      "dimension for the columns, or leave them out")
                           .arg(dimensionName(spec.rows)));
            m_r.tables << spec;
        }
    }

    /// `unlisted`: names still read (an older name) but left out of the error's list.
    template<typename T>
    T choice(StrictJson::Object &p, const char *key, const QVector<QPair<QString, T>> &choices, T fallback,
             const QString &what, const QStringList &unlisted = {})
    {
        if (!p.has(key))
            return fallback;
        const QString name = p.string(key);
        if (failed())
            return fallback;
        QStringList names;
        for (const auto &c : choices) {
            if (c.first == name)
                return c.second;
            if (!unlisted.contains(c.first))
                names << c.first;
        }
        p.fail(QLatin1String(key), QStringLiteral("'%1' is not %2 (%3)").arg(name, what, orList(names)));
        return fallback;
    }

    void parseProtection(StrictJson::Object p)
    {
        p.rejectUnknownKeys({QStringLiteral("threshold"), QStringLiteral("secondary"),
                             QStringLiteral("order"), QStringLiteral("round"), QStringLiteral("zeros"),
                             QStringLiteral("sensitive"), QStringLiteral("separate_tables"),
                             QStringLiteral("audit_range"), QStringLiteral("age_bands"),
                             QStringLiteral("merge_small"), QStringLiteral("perturbation"),
                             QStringLiteral("threshold_reason"), QStringLiteral("reveal_reason")});
        ProtectionPolicy &pp = m_r.protection;
        pp.threshold = static_cast<int>(p.integer("threshold", 0, kMaxThreshold, false, pp.threshold));
        pp.secondary = p.boolean("secondary", pp.secondary);
        using Order = ProtectionPolicy::Order;
        pp.order = choice<Order>(
            p, "order",
            {{QStringLiteral("alphabetical"), Order::Alphabetical}, {QStringLiteral("count"), Order::Count}},
            pp.order, QStringLiteral("an order"));
        if (p.has("round") && !p.isNull("round"))
            pp.round = static_cast<int>(p.integer("round", 2, kMaxThreshold));
        pp.suppressZeros =
            choice<bool>(p, "zeros", {{QStringLiteral("release"), false}, {QStringLiteral("suppress"), true}},
                         pp.suppressZeros, QStringLiteral("a treatment of zeros"));
        using Sensitive = ProtectionPolicy::Sensitive;
        pp.sensitive = choice<Sensitive>(p, "sensitive",
                                         {{QStringLiteral("suppress"), Sensitive::Suppress},
                                          {QStringLiteral("combine"), Sensitive::Combine},
                                          {QStringLiteral("protect"), Sensitive::Protect},
                                          {QStringLiteral("release"), Sensitive::Protect}},
                                         pp.sensitive, QStringLiteral("a treatment of sensitive offences"),
                                         // The name before 2026-12, for the same treatment.
                                         {QStringLiteral("release")});
        pp.separateTables = p.boolean("separate_tables", pp.separateTables);
        pp.auditRange = static_cast<int>(p.integer("audit_range", 0, kMaxThreshold, false, pp.auditRange));
        parseAgeBands(p);
        pp.mergeSmall = p.boolean("merge_small", pp.mergeSmall);
        if (p.has("threshold_reason") && !p.isNull("threshold_reason"))
            pp.thresholdReason = p.string("threshold_reason").trimmed();
        if (p.has("reveal_reason") && !p.isNull("reveal_reason"))
            pp.revealReason = p.string("reveal_reason").trimmed();
        if (p.has("perturbation") && !p.isNull("perturbation")) {
            StrictJson::Object q = p.object("perturbation");
            q.rejectUnknownKeys({QStringLiteral("max_change"), QStringLiteral("variance")});
            ProtectionPolicy::Perturbation pert;
            pert.maxChange = static_cast<int>(q.integer("max_change", 1, kMaxPerturbation, false, 0));
            pert.variance = q.number("variance", 0.01, 100, false, pert.variance);
            pp.perturbation = pert;
            if (failed())
                return;
            if (pp.round) {
                p.fail(QLatin1String("perturbation"),
                       QStringLiteral("a release is either rounded or perturbed, not both: remove 'round' "
                                      "or 'perturbation'"));
                return;
            }
            const int d = pp.perturbationMaxChange();
            if (pp.threshold >= 2 && d < pp.threshold - 1) {
                q.fail(QLatin1String("max_change"),
                       QStringLiteral("%1 is less than threshold - 1 (%2): a count of 1 could not be moved "
                                      "out of 1 to %2 without bias")
                           .arg(d)
                           .arg(pp.threshold - 1));
                return;
            }
            if (pert.variance >= double(d) * double(d)) {
                q.fail(QLatin1String("variance"),
                       QStringLiteral("%1 is not below max_change squared (%2): no change of at most %3 "
                                      "has that spread")
                           .arg(pert.variance)
                           .arg(d * d)
                           .arg(d));
                return;
            }
        }
    }

    void parseAgeBands(StrictJson::Object &p)
    {
        QVector<QPair<int, int>> &bands = m_r.protection.ageBands;
        const QJsonArray list = p.rawArray("age_bands");
        for (qsizetype i = 0; i < list.size() && !failed(); ++i) {
            const QJsonArray band = list.at(i).toArray();
            if (!list.at(i).isArray() || band.size() != 2) {
                p.fail(item("age_bands", i),
                       QStringLiteral("expected a band [min, max] such as [10, 17], found %1")
                           .arg(list.at(i).isArray() ? QStringLiteral("a list of %1").arg(band.size())
                                                     : describe(list.at(i))));
                return;
            }
            const std::optional<int> lo = wholeNumber(band.at(0), 0, kMaxAge);
            const std::optional<int> hi = wholeNumber(band.at(1), 0, kMaxAge);
            if (!lo || !hi) {
                p.fail(item("age_bands", i),
                       QStringLiteral("the ages of a band are whole numbers from 0 to %1, found %2")
                           .arg(kMaxAge)
                           .arg(describe(band.at(lo ? 1 : 0))));
                return;
            }
            if (*lo > *hi) {
                p.fail(item("age_bands", i),
                       QStringLiteral("the band [%1, %2] runs backwards: give [min, max]").arg(*lo).arg(*hi));
                return;
            }
            for (qsizetype j = 0; j < bands.size(); ++j) {
                if (*lo <= bands.at(j).second && bands.at(j).first <= *hi) {
                    p.fail(item("age_bands", i),
                           QStringLiteral("the band [%1, %2] overlaps [%3, %4] at %5: an age must fall in "
                                          "one band only")
                               .arg(*lo)
                               .arg(*hi)
                               .arg(bands.at(j).first)
                               .arg(bands.at(j).second)
                               .arg(p.pathOf(item("age_bands", j))));
                    return;
                }
            }
            bands << qMakePair(*lo, *hi);
        }
    }

    StrictJson &m_json;
    Request &m_r;
};

// ---------------------------------------------------------------------------------------------------------
// Writing: JSON with the keys in the order the format lists them (QJsonDocument would sort them), small
// objects and lists of plain values on one line, as a person would write the file.

const QStringList kKeyOrder{QStringLiteral("reference"),
                            QStringLiteral("received"),
                            QStringLiteral("title"),
                            QStringLiteral("request"),
                            QStringLiteral("criteria"),
                            QStringLiteral("unit"),
                            QStringLiteral("tables"),
                            QStringLiteral("protection"),
                            QStringLiteral("period"),
                            QStringLiteral("from"),
                            QStringLiteral("to"),
                            QStringLiteral("date"),
                            QStringLiteral("age"),
                            QStringLiteral("min"),
                            QStringLiteral("max"),
                            QStringLiteral("roles"),
                            QStringLiteral("outcomes"),
                            QStringLiteral("offences"),
                            QStringLiteral("groups"),
                            QStringLiteral("subgroups"),
                            QStringLiteral("classes"),
                            QStringLiteral("systems"),
                            QStringLiteral("rows"),
                            QStringLiteral("columns"),
                            QStringLiteral("threshold"),
                            QStringLiteral("secondary"),
                            QStringLiteral("order"),
                            QStringLiteral("round"),
                            QStringLiteral("zeros"),
                            QStringLiteral("sensitive"),
                            QStringLiteral("separate_tables"),
                            QStringLiteral("audit_range"),
                            QStringLiteral("age_bands"),
                            QStringLiteral("merge_small"),
                            QStringLiteral("perturbation"),
                            QStringLiteral("max_change"),
                            QStringLiteral("variance"),
                            QStringLiteral("threshold_reason"),
                            QStringLiteral("reveal_reason")};

constexpr qsizetype kLineWidth = 100;

QStringList orderedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const qsizetype ra = kKeyOrder.indexOf(a) < 0 ? kKeyOrder.size() : kKeyOrder.indexOf(a);
        const qsizetype rb = kKeyOrder.indexOf(b) < 0 ? kKeyOrder.size() : kKeyOrder.indexOf(b);
        return ra != rb ? ra < rb : a < b;
    });
    return keys;
}

QByteArray scalar(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray oneLine(const QJsonValue &v)
{
    if (v.isArray()) {
        QByteArrayList parts;
        for (const QJsonValue &e : v.toArray())
            parts << oneLine(e);
        return '[' + parts.join(", ") + ']';
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty())
            return "{}";
        QByteArrayList parts;
        for (const QString &k : orderedKeys(o))
            parts << scalar(k) + ": " + oneLine(o.value(k));
        return "{ " + parts.join(", ") + " }";
    }
    return scalar(v);
}

bool holdsObject(const QJsonValue &v)
{
    if (v.isObject())
        return true;
    const QJsonArray a = v.toArray();
    return std::any_of(a.begin(), a.end(), [](const QJsonValue &e) { return holdsObject(e); });
}

/// Writes the value at depth (the root is 0), its first line already indented.
void write(QByteArray &out, const QJsonValue &v, int depth)
{
    if (!v.isArray() && !v.isObject()) {
        out += scalar(v);
        return;
    }
    const QByteArray line = oneLine(v);
    const bool inlineAllowed = depth >= 2 || (v.isArray() && !holdsObject(v));
    if ((inlineAllowed && depth * 2 + line.size() <= kLineWidth) || line == "[]" || line == "{}") {
        out += line;
        return;
    }
    const QByteArray pad((depth + 1) * 2, ' ');
    if (v.isArray()) {
        out += "[\n";
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            out += pad;
            write(out, a.at(i), depth + 1);
            out += i + 1 < a.size() ? ",\n" : "\n";
        }
        out += QByteArray(depth * 2, ' ') + ']';
        return;
    }
    out += "{\n";
    const QJsonObject o = v.toObject();
    const QStringList keys = orderedKeys(o);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        out += pad + scalar(keys.at(i)) + ": ";
        write(out, o.value(keys.at(i)), depth + 1);
        out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    out += QByteArray(depth * 2, ' ') + '}';
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject criteriaJson(const Criteria &k)
{
    QJsonObject criteria;
    QJsonObject period;
    if (k.from.isValid())
        period[QStringLiteral("from")] = k.from.toString(Qt::ISODate);
    if (k.to.isValid())
        period[QStringLiteral("to")] = k.to.toString(Qt::ISODate);
    period[QStringLiteral("date")] = k.dateBasis == Criteria::DateBasis::Recorded
                                         ? QStringLiteral("recorded")
                                         : QStringLiteral("committed");
    criteria[QStringLiteral("period")] = period;
    if (k.hasAgeLimit()) {
        QJsonObject age;
        if (k.ageMin)
            age[QStringLiteral("min")] = *k.ageMin;
        if (k.ageMax)
            age[QStringLiteral("max")] = *k.ageMax;
        criteria[QStringLiteral("age")] = age;
    }
    if (!k.roles.isEmpty()) {
        QJsonArray roles;
        for (Role r : k.roles)
            roles << roleName(r);
        criteria[QStringLiteral("roles")] = roles;
    }
    if (!k.outcomes.isEmpty()) {
        QJsonArray outcomes;
        for (int n : k.outcomes)
            outcomes << n;
        criteria[QStringLiteral("outcomes")] = outcomes;
    }
    if (k.hasOffenceLimit()) {
        QJsonObject offences;
        if (!k.offenceGroups.isEmpty())
            offences[QStringLiteral("groups")] = strings(k.offenceGroups);
        if (!k.offenceSubgroups.isEmpty())
            offences[QStringLiteral("subgroups")] = strings(k.offenceSubgroups);
        if (!k.offenceClasses.isEmpty())
            offences[QStringLiteral("classes")] = strings(k.offenceClasses);
        criteria[QStringLiteral("offences")] = offences;
    }
    if (!k.systems.isEmpty())
        criteria[QStringLiteral("systems")] = strings(k.systems);
    return criteria;
}

QJsonObject protectionJson(const ProtectionPolicy &pp)
{
    QJsonObject p;
    p[QStringLiteral("threshold")] = pp.threshold;
    p[QStringLiteral("secondary")] = pp.secondary;
    p[QStringLiteral("order")] =
        pp.order == ProtectionPolicy::Order::Count ? QStringLiteral("count") : QStringLiteral("alphabetical");
    if (pp.round)
        p[QStringLiteral("round")] = *pp.round;
    p[QStringLiteral("zeros")] = pp.suppressZeros ? QStringLiteral("suppress") : QStringLiteral("release");
    switch (pp.sensitive) {
    case ProtectionPolicy::Sensitive::Suppress:
        p[QStringLiteral("sensitive")] = QStringLiteral("suppress");
        break;
    case ProtectionPolicy::Sensitive::Combine:
        p[QStringLiteral("sensitive")] = QStringLiteral("combine");
        break;
    case ProtectionPolicy::Sensitive::Protect:
        p[QStringLiteral("sensitive")] = QStringLiteral("protect");
        break;
    }
    p[QStringLiteral("separate_tables")] = pp.separateTables;
    p[QStringLiteral("audit_range")] = pp.auditRange;
    if (!pp.ageBands.isEmpty()) {
        QJsonArray bands;
        for (const QPair<int, int> &b : pp.ageBands)
            bands << QJsonArray{b.first, b.second};
        p[QStringLiteral("age_bands")] = bands;
    }
    p[QStringLiteral("merge_small")] = pp.mergeSmall;
    if (pp.perturbation) {
        QJsonObject q;
        if (pp.perturbation->maxChange > 0)
            q[QStringLiteral("max_change")] = pp.perturbation->maxChange;
        q[QStringLiteral("variance")] = pp.perturbation->variance;
        p[QStringLiteral("perturbation")] = q;
    }
    if (!pp.thresholdReason.isEmpty())
        p[QStringLiteral("threshold_reason")] = pp.thresholdReason;
    if (!pp.revealReason.isEmpty())
        p[QStringLiteral("reveal_reason")] = pp.revealReason;
    return p;
}

} // namespace

Result<Request> Request::fromJson(const QByteArray &json, const QString &fileName)
{
    Result<StrictJson> parsed = StrictJson::parse(json, fileName);
    if (!parsed)
        return parsed.error();
    Request request;
    RequestParser(*parsed, request).parse();
    if (parsed->error())
        return *parsed->error();
    return request;
}

Result<Request> Request::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(QStringLiteral("there is no request file at this path"), path);
    if (info.isDir())
        return Error(QStringLiteral("this is a folder, not a request file"), path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the request file: %1").arg(f.errorString()), path);
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Error(QStringLiteral("cannot read the request file: %1").arg(f.errorString()), path);
    return fromJson(bytes, path);
}

QByteArray Request::toJson() const
{
    QJsonObject root;
    root[QStringLiteral("reference")] = reference;
    if (received.isValid())
        root[QStringLiteral("received")] = received.toString(Qt::ISODate);
    root[QStringLiteral("title")] = title;
    root[QStringLiteral("request")] = requestText;
    root[QStringLiteral("criteria")] = criteriaJson(criteria);
    root[QStringLiteral("unit")] = unitName(unit);
    QJsonArray tableList;
    for (const TableSpec &t : tables) {
        QJsonObject table;
        table[QStringLiteral("title")] = t.title;
        table[QStringLiteral("rows")] = dimensionName(t.rows);
        if (t.columns)
            table[QStringLiteral("columns")] = dimensionName(*t.columns);
        tableList << table;
    }
    root[QStringLiteral("tables")] = tableList;
    root[QStringLiteral("protection")] = protectionJson(protection);
    QByteArray out;
    write(out, root, 0);
    out += '\n';
    return out;
}

Status Request::save(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error(QStringLiteral("cannot write the request file: %1").arg(f.errorString()), path);
    const QByteArray bytes = toJson();
    if (f.write(bytes) != bytes.size()) {
        const QString why = f.errorString();
        f.cancelWriting();
        return Error(QStringLiteral("cannot write the request file: %1").arg(why), path);
    }
    if (!f.commit())
        return Error(QStringLiteral("cannot save the request file: %1").arg(f.errorString()), path);
    return {};
}

} // namespace foi
