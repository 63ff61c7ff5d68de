// The two paragraphs of the response, generated from the request and the release as tabulated, so that
// they can never disagree with what was counted and released.

#include "protect/ReleaseProblem.h"
#include "reference/Classification.h"
#include "reference/OutcomeTypes.h"

#include <QLocale>

namespace foi::release {

namespace {

const QString kSexualGroup = QStringLiteral("Sexual offences");

/// "a, b and c".
QString listWords(const QStringList &items, const QString &conjunction = QStringLiteral("and"))
{
    if (items.isEmpty())
        return {};
    if (items.size() == 1)
        return items.first();
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) + QLatin1Char(' ') +
           conjunction + QLatin1Char(' ') + items.last();
}

QString quoted(const QStringList &items)
{
    QStringList q;
    for (const QString &s : items)
        q << QStringLiteral("'%1'").arg(s);
    return listWords(q, QStringLiteral("or"));
}

QString systemWords(const QString &name, const QVector<SystemInfo> &systems)
{
    for (const SystemInfo &s : systems) {
        if (s.name != name)
            continue;
        const QString title = s.title.isEmpty() ? name.toUpper() : s.title;
        if (s.role == SystemRole::Legacy && s.cutover.isValid())
            return QStringLiteral("%1 (the legacy system, which holds crimes recorded up to %2)")
                .arg(title, dayWords(s.cutover));
        if (s.role == SystemRole::New && s.cutover.isValid())
            return QStringLiteral(
                       "%1 (the new system, which records crimes from %2 and holds the crimes still "
                       "open then, migrated from %3; a migrated crime is counted once)")
                .arg(title, dayWords(s.cutover),
                     s.legacySystem.isEmpty() ? QStringLiteral("the legacy system")
                                              : s.legacySystem.toUpper());
        return title;
    }
    return name.toUpper();
}

QString unitWords(CountUnit unit)
{
    switch (unit) {
    case CountUnit::Crimes:
        return unitNoun(unit, 2) + QStringLiteral(" (each crime once, however many people in it match)");
    case CountUnit::Links:
        return unitNoun(unit, 2) + QStringLiteral(" (each person once in each crime)");
    case CountUnit::Persons:
        return unitNoun(unit, 2) +
               QStringLiteral(" (each person once, however many crimes they are linked to)");
    }
    return {};
}

/// Zero suppression withholds the zeros themselves: then the letter must not say that nothing matched.
bool nothingMatchedToSay(const Release &release)
{
    return release.matched() == 0 && !release.request.protection.suppressZeros;
}

bool sexualInScope(const Release &release)
{
    for (const ReleasedTable &t : release.tables) {
        for (const Category &c : t.rows + t.columns) {
            if (c.sexual)
                return true;
        }
    }
    const Criteria &c = release.request.criteria;
    if (!c.hasOffenceLimit())
        return true;
    if (c.offenceGroups.contains(kSexualGroup))
        return true;
    const Classification &classification = Classification::builtIn();
    for (const ClassificationVersion &v : classification.versions()) {
        for (const Offence &o : v.offences) {
            if (o.group == kSexualGroup &&
                (c.offenceSubgroups.contains(o.subgroup) || c.offenceClasses.contains(o.code)))
                return true;
        }
    }
    return false;
}

} // namespace

QString dayWords(const QDate &day)
{
    return QLocale(QLocale::English).toString(day, QStringLiteral("d MMMM yyyy"));
}

QString unitNoun(CountUnit unit, qint64 n)
{
    switch (unit) {
    case CountUnit::Crimes:
        return n == 1 ? QStringLiteral("crime") : QStringLiteral("crimes");
    case CountUnit::Links:
        return n == 1 ? QStringLiteral("person linked to a crime")
                      : QStringLiteral("people linked to crimes");
    case CountUnit::Persons:
        return n == 1 ? QStringLiteral("person") : QStringLiteral("people");
    }
    return {};
}

QString dimensionWords(Dimension dimension)
{
    switch (dimension) {
    case Dimension::OffenceGroup:
        return QStringLiteral("Home Office offence group");
    case Dimension::OffenceSubgroup:
        return QStringLiteral("Home Office offence subgroup");
    case Dimension::OffenceClass:
        return QStringLiteral("Home Office offence class");
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
    return {};
}

QString searchParagraph(const Release &release, const QVector<SystemInfo> &systems)
{
    const Request &r = release.request;
    const Criteria &c = r.criteria;
    QStringList systemList;
    for (const QString &s : release.summary.systemsSearched)
        systemList << systemWords(s, systems);
    if (systemList.isEmpty())
        systemList << QStringLiteral("the crime register");

    QStringList conditions;
    // Who: roles and ages.
    QStringList roles;
    for (Role role : c.roles)
        roles << roleName(role);
    QString who = roles.isEmpty() ? QStringLiteral("a person")
                                  : QStringLiteral("a ") + listWords(roles, QStringLiteral("or"));
    if (c.hasAgeLimit()) {
        if (c.ageMin && c.ageMax)
            who += QStringLiteral(" aged %1 to %2").arg(*c.ageMin).arg(*c.ageMax);
        else if (c.ageMin)
            who += QStringLiteral(" aged %1 or over").arg(*c.ageMin);
        else
            who += QStringLiteral(" aged %1 or under").arg(*c.ageMax);
        who += QStringLiteral(" at the time of the offence");
    }
    if (!roles.isEmpty() || c.hasAgeLimit())
        conditions << who + QStringLiteral(" is linked to the crime");
    if (!c.outcomes.isEmpty()) {
        QStringList outcomes;
        for (int o : c.outcomes) {
            const OutcomeType *type = OutcomeTypes::builtIn().find(o);
            outcomes << (type ? QStringLiteral("'%1' (Home Office outcome %2)").arg(type->shortLabel).arg(o)
                              : QStringLiteral("Home Office outcome %1").arg(o));
        }
        conditions
            << QStringLiteral("the crime has the outcome %1").arg(listWords(outcomes, QStringLiteral("or")));
    }
    QStringList offences;
    if (!c.offenceGroups.isEmpty())
        offences << QStringLiteral("the Home Office offence group%1 %2")
                        .arg(c.offenceGroups.size() > 1 ? QStringLiteral("s") : QString(),
                             quoted(c.offenceGroups));
    if (!c.offenceSubgroups.isEmpty())
        offences << QStringLiteral("the offence subgroup%1 %2")
                        .arg(c.offenceSubgroups.size() > 1 ? QStringLiteral("s") : QString(),
                             quoted(c.offenceSubgroups));
    if (!c.offenceClasses.isEmpty())
        offences << QStringLiteral("the offence class%1 %2")
                        .arg(c.offenceClasses.size() > 1 ? QStringLiteral("es") : QString(),
                             listWords(c.offenceClasses, QStringLiteral("or")));
    if (!offences.isEmpty())
        conditions << QStringLiteral("the offence is in %1").arg(listWords(offences, QStringLiteral("or")));
    if (c.from.isValid() || c.to.isValid()) {
        const QString what = c.dateBasis == Criteria::DateBasis::Committed
                                 ? QStringLiteral("the offence was first committed")
                                 : QStringLiteral("the crime was recorded");
        QString when;
        if (c.from.isValid() && c.to.isValid())
            when = QStringLiteral("between %1 and %2").arg(dayWords(c.from), dayWords(c.to));
        else if (c.from.isValid())
            when = QStringLiteral("on or after %1").arg(dayWords(c.from));
        else
            when = QStringLiteral("on or before %1").arg(dayWords(c.to));
        QString period = what + QLatin1Char(' ') + when;
        if (c.dateBasis == Criteria::DateBasis::Committed)
            period += QStringLiteral(" (the day it was recorded where that is not known)");
        conditions << period;
    }

    QStringList dims;
    for (const TableSpec &t : r.tables) {
        QString d = dimensionWords(t.rows);
        if (t.columns)
            d += QStringLiteral(" by ") + dimensionWords(*t.columns);
        if (!dims.contains(d))
            dims << d;
    }

    QString text =
        QStringLiteral("This is a count of %1 recorded on %2").arg(unitWords(r.unit), listWords(systemList));
    if (!conditions.isEmpty())
        text += QStringLiteral(", where ") + listWords(conditions);
    if (!dims.isEmpty())
        text += QStringLiteral(", broken down by ") + listWords(dims);
    text += QLatin1Char('.');
    if (c.hasAgeLimit())
        text += QStringLiteral(" Records without an age are not counted.");
    // A period the records do not wholly cover: the reader learns what was there to search.
    if (periodBeyondRecords(c, release.recordsSpan).any())
        text += QStringLiteral(" The records searched run from %1 to %2.")
                    .arg(dayWords(release.recordsSpan.first), dayWords(release.recordsSpan.last));
    return text;
}

QString disclosureParagraph(const Release &release)
{
    const Request &r = release.request;
    const ProtectionPolicy &p = r.protection;
    // Nothing to protect: the low-numbers wording and the exemptions would claim what was not done.
    if (nothingMatchedToSay(release))
        return QStringLiteral("No %1 matched these criteria, so every count in the tables is 0.")
            .arg(unitNoun(r.unit, 0));
    QStringList parts;

    int oneWay = 0;
    for (const TableSpec &t : r.tables)
        oneWay += t.columns ? 0 : 1;
    const QString order = p.order == ProtectionPolicy::Order::Alphabetical
                              ? QStringLiteral("in alphabetical and ascending order")
                              : QStringLiteral("in order of size");
    // With the threshold rule off (or withholding nothing) and counts neither rounded nor perturbed, the
    // paragraph says what was done and claims no protection of small numbers; lowered, it says how far.
    const bool protectsSmall = p.threshold >= 2 || p.perturbation || (p.round && *p.round > 1);
    const bool lowered = protectsSmall && p.threshold < ProtectionPolicy::kUsualThreshold && !p.perturbation;
    if ((p.separateTables || oneWay >= 2) && protectsSmall)
        parts << QStringLiteral(
                     "Due to the low numbers involved, the information has been provided in individual "
                     "tables and %1, so that the tables cannot be put together to describe any "
                     "individual.")
                     .arg(order);
    else if (p.separateTables || oneWay >= 2)
        parts << QStringLiteral("The information has been provided in individual tables and %1.").arg(order);
    if (!protectsSmall)
        parts << QStringLiteral("No count has been withheld or changed because it is small.");

    bool threshold = false;
    bool secondary = false;
    bool sensitive = false;
    for (const ReleasedTable &t : release.tables) {
        for (const ReleasedCell &c : t.cells + QVector<ReleasedCell>{t.total}) {
            threshold = threshold || c.status == CellStatus::Threshold;
            secondary = secondary || c.status == CellStatus::Secondary;
            sensitive = sensitive || c.status == CellStatus::Sensitive;
        }
    }
    if (p.round && *p.round > 1)
        parts << QStringLiteral("Counts have been rounded to the nearest %1.").arg(*p.round);
    if (p.perturbation) {
        QString words =
            QStringLiteral("Counts have been changed by a small amount, at most %1, so that no one can be "
                           "identified from them or from comparing them with other answers: the same "
                           "records always receive the same change.")
                .arg(p.perturbationMaxChange());
        if (p.threshold >= 2)
            words += QStringLiteral(" No count from 1 to %1 is given.").arg(p.threshold - 1);
        parts << words;
    }
    if (threshold && p.threshold > 0)
        parts << QStringLiteral("%1%2 are not given and are shown as [c].")
                     .arg(p.threshold == 2 ? QStringLiteral("Counts of 1")
                                           : QStringLiteral("Counts from 1 to %1").arg(p.threshold - 1))
                     .arg(p.suppressZeros ? QStringLiteral(", and counts of zero,") : QString());
    else if (lowered && p.threshold >= 2)
        parts << QStringLiteral("Only counts from 1 to %1 would have been withheld; none was that small.")
                     .arg(p.threshold - 1);
    if (secondary)
        parts << QStringLiteral(
            "Some larger counts are also shown as [c], so that the withheld counts cannot be "
            "worked out from the totals.");

    parts << QStringLiteral(
        "Disclosure of the information on a 'line by line' basis, or in more detail than "
        "given here, may make it possible to identify individuals from that data and/or other "
        "information in the possession of a data controller. It is not therefore available in "
        "that form, as it would be exempt from release under Section 40(2) (Personal "
        "Information) of the Freedom of Information Act 2000.");
    if (sexualInScope(release)) {
        QString s44 =
            QStringLiteral("Section 44(1) (Prohibitions on Disclosure) applies in respect of Section 1 of "
                           "the Sexual Offences (Amendment) Act 1992 (as amended by Schedule 6 of the Sexual "
                           "Offences Act 2003), which gives victims of specific offences lifelong "
                           "anonymity");
        switch (p.sensitive) {
        case ProtectionPolicy::Sensitive::Suppress:
            s44 += sensitive ? QStringLiteral(": counts of sexual offences are withheld and shown as [c].")
                             : QStringLiteral("; no count of a sexual offence is given separately.");
            break;
        case ProtectionPolicy::Sensitive::Combine:
            s44 += QStringLiteral(": sexual offences are given only as one combined count.");
            break;
        case ProtectionPolicy::Sensitive::Protect:
            s44 = QStringLiteral("I also considered engaging ") + s44.at(0).toLower() + s44.mid(1) +
                  QStringLiteral(". That Act protects the identity of victims, not aggregate counts: "
                                 "counts of sexual offences are given, protected in the same way as the "
                                 "others, so that none identifies a victim.");
            break;
        }
        parts << s44;
    }
    if (protectsSmall && !lowered)
        parts << QStringLiteral(
            "I believe releasing the data in the format explained mitigates any such concerns.");
    return parts.join(QLatin1Char(' '));
}

} // namespace foi::release
