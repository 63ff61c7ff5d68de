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

CountingFrame CountingFrame::build(const QVector<MergedCrime> &crimes, const QVector<MergedLink> &links)
{
    CountingFrame f;
    const Classification &classification = Classification::builtIn();
    const auto n = static_cast<size_t>(crimes.size());
    f.crimeRecorded.resize(n);
    f.crimeCommitted.resize(n);
    f.crimeOffence.resize(n);
    f.crimeOutcome.resize(n);
    f.crimeSystem.resize(n);
    f.crimeMonthPrecision.resize(n);
    f.crimeKey.resize(n);

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
    QHash<QString, int> systemIndex;
    // A class resolves through the version in force on the recorded day; the key is (code, version).
    QHash<QPair<QString, const ClassificationVersion *>, int> offenceIndex;
    QHash<QString, int> categoryIndex;

    for (qsizetype i = 0; i < crimes.size(); ++i) {
        const MergedCrime &c = crimes[i];
        const auto ci = static_cast<size_t>(i);
        auto sys = systemIndex.constFind(c.system);
        if (sys == systemIndex.constEnd()) {
            sys = systemIndex.insert(c.system, static_cast<int>(f.systems.size()));
            f.systems << c.system;
        }
        f.crimeSystem[ci] = static_cast<std::uint8_t>(sys.value());
        f.crimeRecorded[ci] = c.recorded;
        f.crimeCommitted[ci] = c.committedFrom > 0 ? c.committedFrom : c.recorded;
        f.crimeOutcome[ci] = c.outcome;
        f.crimeMonthPrecision[ci] = c.precision == DatePrecision::Month ? 1 : 0;
        f.crimeKey[ci] = recordKeyMix(std::uint64_t(c.recordKey));
        if (c.recordKey == 0)
            f.hasRecordKeys = false;

        int offence = -1;
        if (!c.offenceCode.isEmpty()) {
            const QDate day = QDate::fromJulianDay(c.recorded);
            const ClassificationVersion *version = classification.resolvingVersion(c.offenceCode, day);
            const auto key = qMakePair(c.offenceCode, version);
            auto it = offenceIndex.constFind(key);
            if (it == offenceIndex.constEnd()) {
                FrameOffence fo;
                fo.code = c.offenceCode;
                const Offence *o = version ? version->find(c.offenceCode) : nullptr;
                if (o) {
                    fo.description = o->description;
                    fo.group = o->group;
                    fo.subgroup = o->subgroup;
                } else {
                    // The import refuses unknown classes; a register edited by hand may still hold one.
                    fo.description = c.offenceCode;
                }
                fo.sexual = fo.group == kSexualOffences;
                it = offenceIndex.insert(key, static_cast<int>(f.offences.size()));
                f.offences << fo;
            }
            offence = it.value();
        } else {
            auto it = categoryIndex.constFind(c.offenceCategory);
            if (it == categoryIndex.constEnd()) {
                FrameOffence fo;
                fo.description = c.offenceCategory;
                it = categoryIndex.insert(c.offenceCategory, static_cast<int>(f.offences.size()));
                f.offences << fo;
            }
            offence = it.value();
        }
        f.crimeOffence[ci] = static_cast<std::int16_t>(offence);
    }

    // Links grouped by crime, in the order the register gives within a crime.
    std::vector<qint32> order(static_cast<size_t>(links.size()));
    std::vector<qint32> linkCrimeOf(order.size(), -1);
    for (qsizetype i = 0; i < links.size(); ++i)
        linkCrimeOf[static_cast<size_t>(i)] = indexOfCrime(links[i].crimeId);
    std::iota(order.begin(), order.end(), 0);
    if (!std::is_sorted(linkCrimeOf.begin(), linkCrimeOf.end()))
        std::stable_sort(order.begin(), order.end(),
                         [&](qint32 a, qint32 b) { return linkCrimeOf[size_t(a)] < linkCrimeOf[size_t(b)]; });

    // Merged person id -> index. The merge numbers persons 1..p; a table indexed by the id, unless the
    // ids are too sparse for one.
    qint64 maxPersonId = 0;
    for (const MergedLink &l : links)
        maxPersonId = std::max(maxPersonId, l.personId);
    const bool personTable = maxPersonId <= 4 * qint64(links.size()) + 1024;
    std::vector<qint32> personByIdTable(personTable ? size_t(maxPersonId) + 1 : 0, -1);
    QHash<qint64, qint32> personByIdHash;
    const size_t reserve = size_t(links.size());
    f.linkCrime.reserve(reserve);
    f.linkPerson.reserve(reserve);
    f.linkRole.reserve(reserve);
    f.linkAge.reserve(reserve);
    f.linkSex.reserve(reserve);
    f.crimeFirstLink.assign(n + 1, 0);
    for (qint32 li : order) {
        const qint32 crime = linkCrimeOf[size_t(li)];
        if (crime < 0)
            continue; // a link of no merged crime: a damaged register; it cannot be counted
        const MergedLink &l = links[li];
        f.linkCrime.push_back(crime);
        qint32 person;
        const auto place = std::uint64_t(f.crimeFirstLink[size_t(crime) + 1]);
        // Nobody anyone can name: keyed by the crime and the row's place in it.
        const std::uint32_t unnamedKey =
            recordKeyMix((std::uint64_t(f.crimeKey[size_t(crime)]) << 20) ^ place);
        if (l.personId > 0) {
            qint32 *known = nullptr;
            if (personTable) {
                known = &personByIdTable[size_t(l.personId)];
            } else {
                auto it = personByIdHash.find(l.personId);
                if (it == personByIdHash.end())
                    it = personByIdHash.insert(l.personId, -1);
                known = &it.value();
            }
            if (*known < 0) {
                *known = f.m_persons++;
                f.personKey.push_back(
                    l.personKey != 0 ? recordKeyMix(std::uint64_t(l.personKey) ^ 0x5bd1e995ULL) : unnamedKey);
            }
            person = *known;
        } else {
            person = f.m_persons++;
            f.personKey.push_back(unnamedKey);
        }
        f.linkPerson.push_back(person);
        f.linkRole.push_back(static_cast<std::uint8_t>(l.role));
        f.linkAge.push_back(l.age > 0 && l.age <= 127 ? static_cast<std::int8_t>(l.age) : std::int8_t(-1));
        f.linkSex.push_back(static_cast<std::uint8_t>(l.sex));
        f.crimeFirstLink[size_t(crime) + 1] += 1;
    }
    std::partial_sum(f.crimeFirstLink.begin(), f.crimeFirstLink.end(), f.crimeFirstLink.begin());
    return f;
}

} // namespace foi
