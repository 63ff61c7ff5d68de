#include "RowNormaliser.h"

#include "import/RecordSource.h"
#include "reference/Classification.h"
#include "reference/OutcomeTypes.h"

#include <QDate>

namespace foi {

namespace {

std::string_view trimmed(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/// Whole years from birth to the day (the age on the day).
int yearsBetween(const QDate &birth, const QDate &day)
{
    int years = day.year() - birth.year();
    if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day()))
        --years;
    return years;
}

bool parseInt(std::string_view s, int *out)
{
    if (s.empty() || s.size() > 9)
        return false;
    bool negative = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
        if (s.size() == 1)
            return false;
    }
    int v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = negative ? -v : v;
    return true;
}

QString isoDay(qint32 julian)
{
    return QDate::fromJulianDay(julian).toString(Qt::ISODate);
}

} // namespace

RowNormaliser::RowNormaliser(const SourceProfile &profile, const Pseudonymiser &pseudonymiser,
                             const Classification &classification)
    : m_profile(&profile)
    , m_pseudonymiser(&pseudonymiser)
    , m_classification(&classification)
{}

qint64 RowNormaliser::crimeKey(std::string_view crimeRef, std::string_view legacyCrimeRef) const
{
    const bool legacy = !legacyCrimeRef.empty() && !m_profile->system.legacySystem.isEmpty();
    const std::string_view identity = legacy ? legacyCrimeRef : crimeRef;
    if (m_lastCrimeKey != 0 && legacy == m_lastLegacy && identity == m_lastCrimeRef)
        return m_lastCrimeKey;
    m_lastLegacy = legacy;
    m_lastCrimeRef.assign(identity);
    m_lastCrimeKey = m_pseudonymiser->recordKey(
        legacy ? m_profile->system.legacySystem : m_profile->system.name, identity);
    return m_lastCrimeKey;
}

Result<RowNormaliser> RowNormaliser::create(const SourceProfile &profile, const RecordSource &header,
                                            const QString &fileName, const Pseudonymiser &pseudonymiser,
                                            const Classification &classification, bool shortRowsAllowed)
{
    RowNormaliser n(profile, pseudonymiser, classification);
    n.m_headerCount = header.fieldCount();
    n.m_shortRowsAllowed = shortRowsAllowed;
    QStringList names;
    for (int i = 0; i < header.fieldCount(); ++i)
        names << toQString(trimmed(header.field(i)));

    auto indexOf = [&](const QString &column) {
        int i = static_cast<int>(names.indexOf(column));
        if (i < 0) {
            for (int j = 0; j < names.size(); ++j) {
                if (names.at(j).compare(column, Qt::CaseInsensitive) == 0)
                    return j;
            }
        }
        return i;
    };
    std::optional<Error> error;
    auto map = [&](const SourceProfile::Column &c, Mapped &m) {
        if (!c.present() || error)
            return;
        m.column = c.column;
        m.index = indexOf(c.column);
        if (m.index < 0)
            error =
                Error(QStringLiteral("the column '%1' that profile '%2' reads for %3 is not in the header "
                                     "(the header has: %4)")
                          .arg(c.column, profile.name, c.key, names.join(QStringLiteral(", "))),
                      fileName, header.line(), c.column);
    };
    map(profile.crimeRef, n.m_crimeRef);
    map(profile.legacyCrimeRef, n.m_legacyCrimeRef);
    map(profile.personRef, n.m_personRef);
    map(profile.legacyPersonRef, n.m_legacyPersonRef);
    map(profile.age, n.m_age);
    map(profile.recorded, n.m_recorded);
    map(profile.committedFrom, n.m_committedFrom);
    map(profile.committedTo, n.m_committedTo);
    map(profile.dateOfBirth, n.m_dob);
    map(profile.offence, n.m_offence);
    map(profile.sex, n.m_sex);
    map(profile.role, n.m_role);
    map(profile.outcome, n.m_outcome);
    for (const SourceProfile::SkipRule &rule : profile.skip) {
        SkipIndex s;
        s.index = indexOf(rule.column);
        if (s.index < 0 && !error)
            error =
                Error(QStringLiteral("the column '%1' of a skip rule of profile '%2' is not in the header")
                          .arg(rule.column, profile.name),
                      fileName, header.line(), rule.column);
        for (const QString &v : rule.equals)
            s.equals << v.toUtf8();
        s.reason = rule.reason;
        n.m_skips << s;
    }
    if (error)
        return *error;
    for (const QString &u : profile.dateOfBirth.unknownValues)
        n.m_dobUnknown << u.toUtf8();
    if (profile.system.role == SystemRole::Legacy && profile.system.cutover.isValid())
        n.m_cutoverDay = static_cast<qint32>(profile.system.cutover.toJulianDay());
    return n;
}

RowNormaliser::Verdict RowNormaliser::normalise(const RecordSource &row, LinkRecord *link,
                                                RejectRecord *reject) const
{
    const SourceProfile &p = *m_profile;
    auto field = [&](const Mapped &m) -> std::string_view {
        return m.index < 0 ? std::string_view() : trimmed(row.field(m.index));
    };
    auto fail = [&](const Mapped &m, const char *reason, QString message) {
        reject->line = row.line();
        reject->field = m.column;
        reject->reason = QLatin1String(reason);
        reject->message = std::move(message);
        return Verdict::Rejected;
    };

    *reject = RejectRecord();
    reject->crimeRef = toQString(field(m_crimeRef));

    const int count = row.fieldCount();
    if (count > m_headerCount || (count < m_headerCount && !m_shortRowsAllowed)) {
        return fail(
            Mapped(), reject::MalformedRow,
            QStringLiteral("the row has %1 fields where the header has %2").arg(count).arg(m_headerCount));
    }

    for (const SkipIndex &s : m_skips) {
        const std::string_view v = trimmed(row.field(s.index));
        for (const QByteArray &e : s.equals) {
            if (v == std::string_view(e.constData(), static_cast<size_t>(e.size()))) {
                m_lastSkipReason = s.reason;
                return Verdict::Skipped;
            }
        }
    }

    *link = LinkRecord();
    link->line = row.line();

    const std::string_view crimeRef = field(m_crimeRef);
    if (crimeRef.empty())
        return fail(m_crimeRef, reject::MissingValue, QStringLiteral("the crime reference is blank"));
    link->crimeRef = reject->crimeRef;

    // Dates.
    auto readDate = [&](const Mapped &m, const SourceProfile::DateField &spec, bool required, qint32 *julian,
                        DatePrecision *precision) -> std::optional<Verdict> {
        const std::string_view text = field(m);
        if (text.empty()) {
            if (required)
                return fail(m, reject::MissingValue,
                            QStringLiteral("the %1 is blank").arg(spec.key.section(QLatin1Char('.'), -1)));
            return std::nullopt;
        }
        DateFormat::Parsed parsed;
        switch (spec.formats.parse(text, &parsed)) {
        case DateFormat::Outcome::Ok:
            *julian = parsed.julianDay;
            if (precision)
                *precision = parsed.precision;
            return std::nullopt;
        case DateFormat::Outcome::Impossible:
            return fail(m, reject::ImpossibleDate,
                        QStringLiteral("impossible date '%1'").arg(toQString(text)));
        case DateFormat::Outcome::NoMatch:
            break;
        }
        QStringList patterns;
        for (const DateFormat &f : spec.formats.formats)
            patterns << f.pattern();
        return fail(m, reject::ImpossibleDate,
                    QStringLiteral("'%1' is not a date in the form %2")
                        .arg(toQString(text), patterns.join(QStringLiteral(" or "))));
    };
    if (auto v = readDate(m_recorded, p.recorded, true, &link->recorded, &link->precision))
        return *v;
    if (auto v = readDate(m_committedFrom, p.committedFrom, false, &link->committedFrom, nullptr))
        return *v;
    if (auto v = readDate(m_committedTo, p.committedTo, false, &link->committedTo, nullptr))
        return *v;
    const QDate recordedDay = QDate::fromJulianDay(link->recorded);

    // Offence.
    const std::string_view offenceText = field(m_offence);
    if (offenceText.empty())
        return fail(m_offence, reject::MissingValue, QStringLiteral("the offence is blank"));
    if (p.offence.scheme == SourceProfile::OffenceScheme::HomeOfficeClass) {
        QString raw = toQString(offenceText);
        if (!p.offence.separator.isEmpty())
            raw = raw.section(p.offence.separator, 0, 0);
        const QString code = Classification::normaliseCode(raw);
        const Result<Offence> offence = m_classification->resolve(code, recordedDay);
        if (!offence)
            return fail(m_offence, reject::UnknownOffenceClass,
                        QStringLiteral("unknown Home Office offence class '%1'").arg(toQString(offenceText)));
        link->offenceCode = offence->code;
    } else {
        const QString text = toQString(offenceText);
        QString category = p.offence.categoryNames.value(text.toCaseFolded());
        if (category.isEmpty()) {
            const Result<QString> known =
                m_classification->canonicalName(OffenceLevel::PoliceUkCategory, text);
            if (known)
                category = *known;
        }
        if (category.isEmpty())
            return fail(m_offence, reject::UnknownOffenceClass,
                        QStringLiteral("unknown police.uk crime category '%1'").arg(text));
        link->offenceCategory = category;
    }

    // People.
    if (m_role.index >= 0) {
        const std::string_view roleText = field(m_role);
        const std::optional<int> role = p.role.codes.find(roleText);
        if (!role) {
            if (roleText.empty())
                return fail(m_role, reject::MissingValue, QStringLiteral("the person's role is blank"));
            return fail(m_role, reject::UnknownCode,
                        QStringLiteral("'%1' is not a role the profile knows (%2)")
                            .arg(toQString(roleText), p.role.codes.codes().join(QStringLiteral(", "))));
        }
        link->role = static_cast<Role>(*role);
    }
    if (m_sex.index >= 0) {
        const std::string_view sexText = field(m_sex);
        const std::optional<int> sex = p.sex.codes.find(sexText);
        if (!sex)
            return fail(m_sex, reject::UnknownCode,
                        QStringLiteral("'%1' is not a sex code the profile knows (%2)")
                            .arg(toQString(sexText), p.sex.codes.codes().join(QStringLiteral(", "))));
        link->sex = static_cast<Sex>(*sex);
    }
    if (m_personRef.index >= 0)
        link->personKey = m_pseudonymiser->key(p.system.name, field(m_personRef));
    if (m_legacyPersonRef.index >= 0)
        link->legacyPersonKey = m_pseudonymiser->key(p.system.legacySystem, field(m_legacyPersonRef));
    if (m_legacyCrimeRef.index >= 0)
        link->legacyCrimeRef = toQString(field(m_legacyCrimeRef));
    link->crimeKey =
        crimeKey(crimeRef, m_legacyCrimeRef.index >= 0 ? field(m_legacyCrimeRef) : std::string_view());

    // Age: the system's own, else from the date of birth (which is then forgotten).
    const std::string_view ageText = field(m_age);
    if (!ageText.empty()) {
        int age = 0;
        if (!parseInt(ageText, &age))
            return fail(m_age, reject::UnreadableValue,
                        QStringLiteral("the age '%1' is not a whole number").arg(toQString(ageText)));
        if (age < 0 || age > 120)
            return fail(m_age, reject::AgeOutOfRange,
                        QStringLiteral("the age %1 is below 0 or over 120").arg(age));
        link->age = static_cast<qint16>(age);
        link->ageSource = AgeSource::System;
    } else if (m_dob.index >= 0) {
        const std::string_view dobText = field(m_dob);
        bool unknown = dobText.empty();
        for (const QByteArray &u : m_dobUnknown)
            unknown = unknown || dobText == std::string_view(u.constData(), static_cast<size_t>(u.size()));
        if (!unknown) {
            DateFormat::Parsed birth;
            // The value is personal data: the message describes it and never quotes it.
            if (p.dateOfBirth.formats.parse(dobText, &birth) != DateFormat::Outcome::Ok)
                return fail(m_dob, reject::ImpossibleDate,
                            QStringLiteral("the date of birth is not a possible date in the form %1")
                                .arg(p.dateOfBirth.formats.formats.value(0).pattern()));
            const bool atCommitted = link->committedFrom != 0;
            const QDate on = QDate::fromJulianDay(atCommitted ? link->committedFrom : link->recorded);
            const int age = yearsBetween(QDate::fromJulianDay(birth.julianDay), on);
            if (age < 0)
                return fail(m_dob, reject::AgeOutOfRange,
                            QStringLiteral("the date of birth is after the offence"));
            if (age > 120)
                return fail(m_dob, reject::AgeOutOfRange,
                            QStringLiteral("the date of birth gives an age over 120 at the offence"));
            link->age = static_cast<qint16>(age);
            link->ageSource = atCommitted ? AgeSource::BirthAtCommitted : AgeSource::BirthAtRecorded;
        }
    }

    // Outcome.
    if (m_outcome.index >= 0) {
        const std::string_view text = field(m_outcome);
        std::optional<int> outcome = p.outcome.codes.find(text);
        if (!outcome && !p.outcome.pattern.pattern().isEmpty()) {
            // Few distinct values, millions of rows: remember what the pattern made of each.
            const QByteArray key(text.data(), static_cast<qsizetype>(text.size()));
            auto cached = m_outcomeCache.constFind(key);
            if (cached == m_outcomeCache.constEnd()) {
                std::optional<int> value;
                const QRegularExpressionMatch m = p.outcome.pattern.match(toQString(text));
                if (m.hasMatch()) {
                    const int n = m.captured(1).toInt();
                    if (OutcomeTypes::builtIn().find(n))
                        value = n == 0 ? -1 : n;
                }
                cached = m_outcomeCache.insert(key, value);
            }
            outcome = cached.value();
        }
        if (!outcome)
            return fail(m_outcome, reject::UnknownCode,
                        QStringLiteral("'%1' is not an outcome the profile knows").arg(toQString(text)));
        link->outcome = static_cast<qint8>(*outcome);
    }

    // Consistency of the dates.
    if (m_cutoverDay != 0 && link->recorded > m_cutoverDay)
        return fail(m_recorded, reject::AfterCutover,
                    QStringLiteral("recorded on %1, after %2's cutover day %3, when it was frozen")
                        .arg(isoDay(link->recorded), p.system.title, isoDay(m_cutoverDay)));
    if (link->committedFrom != 0 && link->committedFrom > link->recorded)
        return fail(m_committedFrom, reject::CommittedAfterRecorded,
                    QStringLiteral("committed from %1, after it was recorded on %2")
                        .arg(isoDay(link->committedFrom), isoDay(link->recorded)));
    if (link->committedTo != 0 && link->committedFrom != 0 && link->committedTo < link->committedFrom)
        return fail(m_committedTo, reject::CommittedAfterRecorded,
                    QStringLiteral("committed up to %1, before the first committed day %2")
                        .arg(isoDay(link->committedTo), isoDay(link->committedFrom)));
    return Verdict::Kept;
}

} // namespace foi
