#include "count/CountingFrame.h"

#include "reference/Classification.h"
#include "register/Register.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <type_traits>

namespace foi {

namespace {

const QString kSexualOffences = QStringLiteral("Sexual offences");

// The layout of the stored columns; a frame of another layout is built again from the merged records.
constexpr int kColumnsFormat = 1;

template<typename T>
QByteArray columnBytes(const std::vector<T> &v)
{
    static_assert(std::is_trivially_copyable_v<T>);
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size() * sizeof(T)));
}

template<typename T>
bool readColumn(const QByteArray &bytes, std::vector<T> *v)
{
    if (bytes.size() % qsizetype(sizeof(T)) != 0)
        return false;
    v->resize(size_t(bytes.size()) / sizeof(T));
    if (!v->empty())
        std::memcpy(v->data(), bytes.constData(), size_t(bytes.size()));
    return true;
}

Error damagedFrame(const QString &why)
{
    return Error(QStringLiteral("the register's counting frame is damaged (%1): merge the register again "
                                "(foi-tables-cli merge) to rebuild it")
                     .arg(why));
}

} // namespace

QVector<QPair<QString, QByteArray>> CountingFrame::toColumns() const
{
    QJsonArray offenceList;
    for (const FrameOffence &o : offences)
        offenceList.append(QJsonObject{{QStringLiteral("code"), o.code},
                                       {QStringLiteral("description"), o.description},
                                       {QStringLiteral("group"), o.group},
                                       {QStringLiteral("subgroup"), o.subgroup},
                                       {QStringLiteral("sexual"), o.sexual}});
    const QJsonObject meta{{QStringLiteral("format"), kColumnsFormat},
                           {QStringLiteral("systems"), QJsonArray::fromStringList(systems)},
                           {QStringLiteral("offences"), offenceList},
                           {QStringLiteral("has_record_keys"), hasRecordKeys},
                           {QStringLiteral("persons"), m_persons}};
    return {
        {QStringLiteral("meta"), QJsonDocument(meta).toJson(QJsonDocument::Compact)},
        {QStringLiteral("crime_recorded"), columnBytes(crimeRecorded)},
        {QStringLiteral("crime_committed"), columnBytes(crimeCommitted)},
        {QStringLiteral("crime_offence"), columnBytes(crimeOffence)},
        {QStringLiteral("crime_outcome"), columnBytes(crimeOutcome)},
        {QStringLiteral("crime_system"), columnBytes(crimeSystem)},
        {QStringLiteral("crime_month_precision"), columnBytes(crimeMonthPrecision)},
        {QStringLiteral("crime_first_link"), columnBytes(crimeFirstLink)},
        {QStringLiteral("crime_key"), columnBytes(crimeKey)},
        {QStringLiteral("person_key"), columnBytes(personKey)},
        {QStringLiteral("link_crime"), columnBytes(linkCrime)},
        {QStringLiteral("link_person"), columnBytes(linkPerson)},
        {QStringLiteral("link_role"), columnBytes(linkRole)},
        {QStringLiteral("link_age"), columnBytes(linkAge)},
        {QStringLiteral("link_sex"), columnBytes(linkSex)},
    };
}

Result<CountingFrame> CountingFrame::fromColumns(const QVector<QPair<QString, QByteArray>> &columns)
{
    QHash<QString, QByteArray> byName;
    for (const auto &[name, data] : columns)
        byName.insert(name, data);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(byName.value(QStringLiteral("meta")), &parseError);
    if (!doc.isObject())
        return damagedFrame(QStringLiteral("no description"));
    const QJsonObject meta = doc.object();
    if (meta.value(QStringLiteral("format")).toInt() != kColumnsFormat)
        return damagedFrame(QStringLiteral("layout %1, not %2")
                                .arg(meta.value(QStringLiteral("format")).toInt())
                                .arg(kColumnsFormat));
    CountingFrame f;
    for (const QJsonValue &v : meta.value(QStringLiteral("systems")).toArray())
        f.systems << v.toString();
    for (const QJsonValue &v : meta.value(QStringLiteral("offences")).toArray()) {
        const QJsonObject o = v.toObject();
        f.offences << FrameOffence{
            o.value(QStringLiteral("code")).toString(), o.value(QStringLiteral("description")).toString(),
            o.value(QStringLiteral("group")).toString(), o.value(QStringLiteral("subgroup")).toString(),
            o.value(QStringLiteral("sexual")).toBool()};
    }
    f.hasRecordKeys = meta.value(QStringLiteral("has_record_keys")).toBool();
    f.m_persons = meta.value(QStringLiteral("persons")).toInt(-1);

    bool ok = true;
    auto read = [&](const char *name, auto *column) {
        const auto it = byName.constFind(QLatin1String(name));
        ok = ok && it != byName.constEnd() && readColumn(it.value(), column);
    };
    read("crime_recorded", &f.crimeRecorded);
    read("crime_committed", &f.crimeCommitted);
    read("crime_offence", &f.crimeOffence);
    read("crime_outcome", &f.crimeOutcome);
    read("crime_system", &f.crimeSystem);
    read("crime_month_precision", &f.crimeMonthPrecision);
    read("crime_first_link", &f.crimeFirstLink);
    read("crime_key", &f.crimeKey);
    read("person_key", &f.personKey);
    read("link_crime", &f.linkCrime);
    read("link_person", &f.linkPerson);
    read("link_role", &f.linkRole);
    read("link_age", &f.linkAge);
    read("link_sex", &f.linkSex);
    if (!ok)
        return damagedFrame(QStringLiteral("a column is missing or cut short"));

    // Lengths agree, and every index points inside what it indexes.
    const size_t crimes = f.crimeRecorded.size();
    const size_t links = f.linkCrime.size();
    for (size_t size : {f.crimeCommitted.size(), f.crimeOffence.size(), f.crimeOutcome.size(),
                        f.crimeSystem.size(), f.crimeMonthPrecision.size(), f.crimeKey.size()}) {
        if (size != crimes)
            return damagedFrame(QStringLiteral("crime columns of different lengths"));
    }
    for (size_t size : {f.linkPerson.size(), f.linkRole.size(), f.linkAge.size(), f.linkSex.size()}) {
        if (size != links)
            return damagedFrame(QStringLiteral("link columns of different lengths"));
    }
    if (f.m_persons < 0 || f.personKey.size() != size_t(f.m_persons))
        return damagedFrame(QStringLiteral("person keys"));
    if (f.crimeFirstLink.size() != crimes + 1 || f.crimeFirstLink.front() != 0 ||
        size_t(f.crimeFirstLink.back()) != links)
        return damagedFrame(QStringLiteral("links of crimes"));
    for (size_t c = 0; c < crimes; ++c) {
        if (f.crimeFirstLink[c] > f.crimeFirstLink[c + 1] || f.crimeOffence[c] < 0 ||
            size_t(f.crimeOffence[c]) >= size_t(f.offences.size()) ||
            size_t(f.crimeSystem[c]) >= size_t(f.systems.size()))
            return damagedFrame(QStringLiteral("crime %1").arg(c));
        for (qint32 l = f.crimeFirstLink[c]; l < f.crimeFirstLink[c + 1]; ++l) {
            if (size_t(f.linkCrime[size_t(l)]) != c)
                return damagedFrame(QStringLiteral("link %1").arg(l));
        }
    }
    for (size_t l = 0; l < links; ++l) {
        if (f.linkPerson[l] < 0 || f.linkPerson[l] >= f.m_persons || f.linkRole[l] > quint8(Role::Witness) ||
            f.linkSex[l] > quint8(Sex::Female))
            return damagedFrame(QStringLiteral("link %1").arg(l));
    }
    return f;
}

Result<CountingFrame> CountingFrame::load(Register &reg)
{
    Result<Register::FrameColumns> stored = reg.frameColumns();
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return Error(
            QStringLiteral("the register has not been merged since its last import or upgrade: merge "
                           "it before counting (foi-tables-cli merge)"),
            reg.location());
    Result<CountingFrame> frame = fromColumns(*stored);
    if (!frame)
        return Error(frame.error().message, reg.location());
    return frame;
}

CountingFrame::Builder::Builder(qsizetype crimes, qsizetype links, PersonIds ids)
    : m_ids(ids)
{
    const auto n = size_t(std::max<qsizetype>(crimes, 0));
    const auto l = size_t(std::max<qsizetype>(links, 0));
    m_f.crimeRecorded.reserve(n);
    m_f.crimeCommitted.reserve(n);
    m_f.crimeOffence.reserve(n);
    m_f.crimeOutcome.reserve(n);
    m_f.crimeSystem.reserve(n);
    m_f.crimeMonthPrecision.reserve(n);
    m_f.crimeKey.reserve(n);
    m_f.crimeFirstLink.reserve(n + 1);
    m_f.crimeFirstLink.push_back(0);
    m_f.linkCrime.reserve(l);
    m_f.linkPerson.reserve(l);
    m_f.linkRole.reserve(l);
    m_f.linkAge.reserve(l);
    m_f.linkSex.reserve(l);
    m_f.personKey.reserve(l);
    // The same bound for every id, so that one person is always found in the same place.
    m_personTableLimit = 4 * qint64(l) + (1 << 20);
}

int CountingFrame::Builder::offenceOf(const QString &code, int codeId, qint32 recorded)
{
    // A class resolves through the version in force on the recorded day, or the nearest that has it.
    const Classification &classification = Classification::builtIn();
    const QDate day = QDate::fromJulianDay(recorded);
    const ClassificationVersion &inForce = classification.versionAt(day);
    const auto versionIndex = size_t(&inForce - classification.versions().constData());
    int *cached = nullptr;
    if (codeId >= 0) {
        if (m_offenceByCodeId.size() <= size_t(codeId))
            m_offenceByCodeId.resize(size_t(codeId) + 1);
        std::vector<int> &byVersion = m_offenceByCodeId[size_t(codeId)];
        if (byVersion.size() <= versionIndex)
            byVersion.resize(size_t(classification.versions().size()), -1);
        cached = &byVersion[versionIndex];
        if (*cached >= 0)
            return *cached;
    }
    const bool inForceHasIt = inForce.find(code) != nullptr;
    const ClassificationVersion *version =
        inForceHasIt ? &inForce : classification.resolvingVersion(code, day);
    const auto key = qMakePair(code, static_cast<const void *>(version));
    auto it = m_offenceIndex.constFind(key);
    if (it == m_offenceIndex.constEnd()) {
        FrameOffence fo;
        fo.code = code;
        const Offence *o = version ? version->find(code) : nullptr;
        if (o) {
            fo.description = o->description;
            fo.group = o->group;
            fo.subgroup = o->subgroup;
        } else {
            // The import refuses unknown classes; a register edited by hand may still hold one.
            fo.description = code;
        }
        fo.sexual = fo.group == kSexualOffences;
        it = m_offenceIndex.insert(key, static_cast<int>(m_f.offences.size()));
        m_f.offences << fo;
    }
    // Only a class in force on the day resolves the same for every day of that version.
    if (cached && inForceHasIt)
        *cached = it.value();
    return it.value();
}

void CountingFrame::Builder::addCrime(const QString &system, const QString &offenceCode, int offenceCodeId,
                                      const QString &offenceCategory, qint32 recorded, qint32 committedFrom,
                                      DatePrecision precision, qint8 outcome, qint64 recordKey)
{
    CountingFrame &f = m_f;
    if (m_lastSystemIndex < 0 || system.constData() != m_lastSystem.constData() || system != m_lastSystem) {
        auto sys = m_systemIndex.constFind(system);
        if (sys == m_systemIndex.constEnd()) {
            sys = m_systemIndex.insert(system, static_cast<int>(f.systems.size()));
            f.systems << system;
        }
        m_lastSystem = system;
        m_lastSystemIndex = sys.value();
    }
    f.crimeSystem.push_back(static_cast<std::uint8_t>(m_lastSystemIndex));
    f.crimeRecorded.push_back(recorded);
    f.crimeCommitted.push_back(committedFrom > 0 ? committedFrom : recorded);
    f.crimeOutcome.push_back(outcome);
    f.crimeMonthPrecision.push_back(precision == DatePrecision::Month ? 1 : 0);
    f.crimeKey.push_back(recordKeyMix(std::uint64_t(recordKey)));
    if (recordKey == 0)
        f.hasRecordKeys = false;

    int offence = -1;
    if (!offenceCode.isEmpty()) {
        offence = offenceOf(offenceCode, offenceCodeId, recorded);
    } else {
        auto it = m_categoryIndex.constFind(offenceCategory);
        if (it == m_categoryIndex.constEnd()) {
            FrameOffence fo;
            fo.description = offenceCategory;
            it = m_categoryIndex.insert(offenceCategory, static_cast<int>(f.offences.size()));
            f.offences << fo;
        }
        offence = it.value();
    }
    f.crimeOffence.push_back(static_cast<std::int16_t>(offence));
    f.crimeFirstLink.push_back(f.crimeFirstLink.back());
}

void CountingFrame::Builder::addLink(qint64 personId, qint64 personKey, Role role, qint16 age, Sex sex)
{
    CountingFrame &f = m_f;
    if (f.crimeRecorded.empty())
        return; // no crime to belong to
    const auto crime = static_cast<qint32>(f.crimeRecorded.size() - 1);
    f.linkCrime.push_back(crime);
    const auto place = std::uint64_t(f.crimeFirstLink.back() - f.crimeFirstLink[size_t(crime)]);
    // Nobody anyone can name: keyed by the crime and the row's place in it.
    const std::uint32_t unnamedKey = recordKeyMix((std::uint64_t(f.crimeKey[size_t(crime)]) << 20) ^ place);
    qint32 person;
    if (personId > 0 && m_ids == PersonIds::FirstSeenOrder) {
        person = static_cast<qint32>(personId - 1);
        Q_ASSERT(person <= f.m_persons); // a new person is the next one
        if (person == f.m_persons) {
            f.m_persons++;
            f.personKey.push_back(personKey != 0 ? recordKeyMix(std::uint64_t(personKey) ^ 0x5bd1e995ULL)
                                                 : unnamedKey);
        }
    } else if (personId > 0) {
        qint32 *known = nullptr;
        // The merge numbers persons 1..p: a table indexed by the id, unless an id is too large for one.
        if (personId <= m_personTableLimit) {
            if (m_personById.size() <= size_t(personId))
                m_personById.resize(std::max(size_t(personId) + 1, m_personById.size() * 2), -1);
            known = &m_personById[size_t(personId)];
        } else {
            auto it = m_personByLargeId.find(personId);
            if (it == m_personByLargeId.end())
                it = m_personByLargeId.insert(personId, -1);
            known = &it.value();
        }
        if (*known < 0) {
            *known = f.m_persons++;
            f.personKey.push_back(personKey != 0 ? recordKeyMix(std::uint64_t(personKey) ^ 0x5bd1e995ULL)
                                                 : unnamedKey);
        }
        person = *known;
    } else {
        person = f.m_persons++;
        f.personKey.push_back(unnamedKey);
    }
    f.linkPerson.push_back(person);
    f.linkRole.push_back(static_cast<std::uint8_t>(role));
    f.linkAge.push_back(age > 0 && age <= 127 ? static_cast<std::int8_t>(age) : std::int8_t(-1));
    f.linkSex.push_back(static_cast<std::uint8_t>(sex));
    f.crimeFirstLink.back() += 1;
}

CountingFrame CountingFrame::Builder::finish()
{
    CountingFrame f = std::move(m_f);
    m_f = CountingFrame();
    return f;
}

CountingFrame CountingFrame::build(const QVector<MergedCrime> &crimes, const QVector<MergedLink> &links)
{
    // Merged crime id -> index: the merge numbers its crimes 1..n in order, a register edited by hand
    // may not.
    bool denseIds = true;
    for (qsizetype i = 0; i < crimes.size() && denseIds; ++i)
        denseIds = crimes[i].id == i + 1;
    QHash<qint64, qint32> crimeIndex;
    if (!denseIds) {
        crimeIndex.reserve(crimes.size());
        for (qsizetype i = 0; i < crimes.size(); ++i)
            crimeIndex.insert(crimes[i].id, static_cast<qint32>(i));
    }
    auto indexOfCrime = [&](qint64 id) -> qint32 {
        if (denseIds)
            return id >= 1 && id <= crimes.size() ? static_cast<qint32>(id - 1) : -1;
        return crimeIndex.value(id, -1);
    };

    // Links grouped by crime, in the order the register gives within a crime; a link of no merged crime
    // (a damaged register) cannot be counted.
    std::vector<qint32> order(static_cast<size_t>(links.size()));
    std::vector<qint32> linkCrimeOf(order.size(), -1);
    for (qsizetype i = 0; i < links.size(); ++i)
        linkCrimeOf[static_cast<size_t>(i)] = indexOfCrime(links[i].crimeId);
    std::iota(order.begin(), order.end(), 0);
    if (!std::is_sorted(linkCrimeOf.begin(), linkCrimeOf.end()))
        std::stable_sort(order.begin(), order.end(),
                         [&](qint32 a, qint32 b) { return linkCrimeOf[size_t(a)] < linkCrimeOf[size_t(b)]; });

    Builder builder(crimes.size(), links.size());
    size_t at = 0;
    while (at < order.size() && linkCrimeOf[size_t(order[at])] < 0)
        ++at;
    for (qsizetype i = 0; i < crimes.size(); ++i) {
        const MergedCrime &c = crimes[i];
        builder.addCrime(c.system, c.offenceCode, -1, c.offenceCategory, c.recorded, c.committedFrom,
                         c.precision, c.outcome, c.recordKey);
        for (; at < order.size() && linkCrimeOf[size_t(order[at])] == i; ++at) {
            const MergedLink &l = links[order[at]];
            builder.addLink(l.personId, l.personKey, l.role, l.age, l.sex);
        }
    }
    return builder.finish();
}

} // namespace foi
