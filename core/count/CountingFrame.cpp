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
#include <limits>
#include <numeric>
#include <type_traits>

namespace foi {

namespace {

const QString kSexualOffences = QStringLiteral("Sexual offences");

// The layout of the stored columns (docs/register.md). A frame of another layout asks for a merge.
constexpr int kColumnsFormat = 2;

/// A column's bytes as they are in memory: a view, not a copy (the frame must outlive it).
template<typename T>
QByteArray rawBytes(const std::vector<T> &v)
{
    static_assert(std::is_trivially_copyable_v<T>);
    return QByteArray::fromRawData(reinterpret_cast<const char *>(v.data()), qsizetype(v.size() * sizeof(T)));
}

template<typename T>
bool readRaw(const QByteArray &bytes, size_t count, std::vector<T> *v)
{
    if (size_t(bytes.size()) != count * sizeof(T))
        return false;
    v->resize(count);
    if (count > 0)
        std::memcpy(v->data(), bytes.constData(), size_t(bytes.size()));
    return true;
}

quint32 zigzag(qint32 v)
{
    return (static_cast<quint32>(v) << 1) ^ static_cast<quint32>(v >> 31);
}

qint64 unzigzag(quint64 v)
{
    return static_cast<qint64>(v >> 1) ^ -static_cast<qint64>(v & 1);
}

/// LEB128 varints, most of them one byte: days as differences, counts, offences and persons.
class VarintWriter
{
public:
    /// Room for count values of up to five bytes each (32 bits): the writer never grows.
    explicit VarintWriter(size_t count)
        : m_out(qsizetype(count * 5), Qt::Uninitialized)
        , m_at(reinterpret_cast<quint8 *>(m_out.data()))
    {}
    void put(quint32 v)
    {
        while (v >= 0x80) {
            *m_at++ = quint8((v & 0x7f) | 0x80);
            v >>= 7;
        }
        *m_at++ = quint8(v);
    }
    QByteArray take()
    {
        m_out.truncate(qsizetype(m_at - reinterpret_cast<quint8 *>(m_out.data())));
        return std::move(m_out);
    }

private:
    QByteArray m_out;
    quint8 *m_at;
};

class VarintReader
{
public:
    explicit VarintReader(const QByteArray &bytes)
        : m_at(reinterpret_cast<const quint8 *>(bytes.constData()))
        , m_end(m_at + bytes.size())
    {}
    /// False past the end or on a varint longer than 64 bits.
    bool get(quint64 *v)
    {
        quint64 out = 0;
        for (int shift = 0; shift < 64 && m_at != m_end; shift += 7) {
            const quint8 b = *m_at++;
            out |= static_cast<quint64>(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                *v = out;
                return true;
            }
        }
        return false;
    }
    bool atEnd() const { return m_at == m_end; }

private:
    const quint8 *m_at;
    const quint8 *m_end;
};

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
                           {QStringLiteral("crimes"), crimeCount()},
                           {QStringLiteral("links"), linkCount()},
                           {QStringLiteral("persons"), m_persons}};

    // Days as the difference from the crime before (recorded) and from the recorded day (committed);
    // each crime's number of links; offences as numbers.
    // Every value fits 32 bits: days, counts and indexes are 32-bit, and a difference of two days is
    // at most the greater of them.
    const size_t crimes = crimeRecorded.size();
    VarintWriter recorded(crimes), committed(crimes), offence(crimes), links(crimes);
    qint32 previous = 0;
    for (size_t c = 0; c < crimes; ++c) {
        recorded.put(zigzag(crimeRecorded[c] - previous));
        previous = crimeRecorded[c];
        committed.put(zigzag(crimeCommitted[c] - crimeRecorded[c]));
        offence.put(quint32(quint16(crimeOffence[c])));
        links.put(quint32(crimeFirstLink[c + 1] - crimeFirstLink[c]));
    }
    // A link's person as 0 for the next new one (persons are numbered in the order they are first
    // linked), else how far back it is; role and sex in a byte.
    const size_t linkTotal = linkPerson.size();
    VarintWriter person(linkTotal);
    QByteArray roleSex(qsizetype(linkTotal), Qt::Uninitialized);
    qint32 next = 0;
    for (size_t l = 0; l < linkTotal; ++l) {
        const qint32 p = linkPerson[l];
        Q_ASSERT(p <= next); // the builder numbers persons as they are first linked
        if (p == next) {
            person.put(0);
            ++next;
        } else {
            person.put(zigzag(next - 1 - p) + 1);
        }
        roleSex[qsizetype(l)] = static_cast<char>(linkRole[l] | (linkSex[l] << 4));
    }
    return {
        {QStringLiteral("meta"), QJsonDocument(meta).toJson(QJsonDocument::Compact)},
        {QStringLiteral("crime_recorded"), recorded.take()},
        {QStringLiteral("crime_committed"), committed.take()},
        {QStringLiteral("crime_offence"), offence.take()},
        {QStringLiteral("crime_outcome"), rawBytes(crimeOutcome)},
        {QStringLiteral("crime_system"), rawBytes(crimeSystem)},
        {QStringLiteral("crime_month_precision"), rawBytes(crimeMonthPrecision)},
        {QStringLiteral("crime_links"), links.take()},
        {QStringLiteral("crime_key"), rawBytes(crimeKey)},
        {QStringLiteral("person_key"), rawBytes(personKey)},
        {QStringLiteral("link_person"), person.take()},
        {QStringLiteral("link_role_sex"), roleSex},
        {QStringLiteral("link_age"), rawBytes(linkAge)},
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
    const int format = meta.value(QStringLiteral("format")).toInt();
    if (format != kColumnsFormat)
        return Error(
            QStringLiteral("the register's counting frame was stored by %1 version of FOI Tables "
                           "(layout %2; this version reads %3): merge the register again "
                           "(foi-tables-cli merge) to rebuild it")
                .arg(format < kColumnsFormat ? QStringLiteral("an earlier") : QStringLiteral("a newer"))
                .arg(format)
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
    const qint64 crimeTotal = meta.value(QStringLiteral("crimes")).toInteger(-1);
    const qint64 linkTotal = meta.value(QStringLiteral("links")).toInteger(-1);
    const qint64 personTotal = meta.value(QStringLiteral("persons")).toInteger(-1);
    if (crimeTotal < 0 || linkTotal < 0 || personTotal < 0 ||
        crimeTotal > std::numeric_limits<qint32>::max() || linkTotal > std::numeric_limits<qint32>::max() ||
        personTotal > std::numeric_limits<qint32>::max())
        return damagedFrame(QStringLiteral("its sizes"));
    const auto crimes = size_t(crimeTotal);
    const auto links = size_t(linkTotal);
    f.m_persons = qint32(personTotal);

    auto column = [&](const char *name) -> const QByteArray * {
        const auto it = byName.constFind(QLatin1String(name));
        return it == byName.constEnd() ? nullptr : &it.value();
    };
    bool ok = true;
    auto raw = [&](const char *name, size_t count, auto *out) {
        const QByteArray *bytes = column(name);
        ok = ok && bytes && readRaw(*bytes, count, out);
    };
    raw("crime_outcome", crimes, &f.crimeOutcome);
    raw("crime_system", crimes, &f.crimeSystem);
    raw("crime_month_precision", crimes, &f.crimeMonthPrecision);
    raw("crime_key", crimes, &f.crimeKey);
    raw("person_key", size_t(f.m_persons), &f.personKey);
    raw("link_age", links, &f.linkAge);
    std::vector<quint8> roleSex;
    raw("link_role_sex", links, &roleSex);
    const QByteArray *recordedBytes = column("crime_recorded");
    const QByteArray *committedBytes = column("crime_committed");
    const QByteArray *offenceBytes = column("crime_offence");
    const QByteArray *linksBytes = column("crime_links");
    const QByteArray *personBytes = column("link_person");
    if (!ok || !recordedBytes || !committedBytes || !offenceBytes || !linksBytes || !personBytes)
        return damagedFrame(QStringLiteral("a column is missing or cut short"));

    // Every value read within its column, every column read to its end, every index inside what it
    // indexes.
    VarintReader recorded(*recordedBytes), committed(*committedBytes), offence(*offenceBytes),
        linkCounts(*linksBytes), person(*personBytes);
    f.crimeRecorded.resize(crimes);
    f.crimeCommitted.resize(crimes);
    f.crimeOffence.resize(crimes);
    f.crimeFirstLink.resize(crimes + 1);
    f.linkCrime.resize(links);
    f.crimeFirstLink[0] = 0;
    qint64 day = 0;
    size_t linkAt = 0;
    for (size_t c = 0; c < crimes; ++c) {
        quint64 r = 0, k = 0, o = 0, n = 0;
        if (!recorded.get(&r) || !committed.get(&k) || !offence.get(&o) || !linkCounts.get(&n))
            return damagedFrame(QStringLiteral("crime %1").arg(c));
        day += unzigzag(r);
        const qint64 committedDay = day + unzigzag(k);
        if (day < 0 || day > std::numeric_limits<qint32>::max() || committedDay < 0 ||
            committedDay > std::numeric_limits<qint32>::max() || o >= quint64(f.offences.size()) ||
            n > links - linkAt || size_t(f.crimeSystem[c]) >= size_t(f.systems.size()))
            return damagedFrame(QStringLiteral("crime %1").arg(c));
        f.crimeRecorded[c] = qint32(day);
        f.crimeCommitted[c] = qint32(committedDay);
        f.crimeOffence[c] = std::int16_t(o);
        std::fill_n(f.linkCrime.begin() + qint64(linkAt), n, qint32(c));
        linkAt += size_t(n);
        f.crimeFirstLink[c + 1] = qint32(linkAt);
    }
    if (linkAt != links || !recorded.atEnd() || !committed.atEnd() || !offence.atEnd() || !linkCounts.atEnd())
        return damagedFrame(QStringLiteral("links of crimes"));

    f.linkPerson.resize(links);
    f.linkRole.resize(links);
    f.linkSex.resize(links);
    qint64 next = 0;
    for (size_t l = 0; l < links; ++l) {
        quint64 code = 0;
        if (!person.get(&code))
            return damagedFrame(QStringLiteral("link %1").arg(l));
        const qint64 p = code == 0 ? next++ : next - 1 - unzigzag(code - 1);
        const quint8 role = roleSex[l] & 0x0f, sex = roleSex[l] >> 4;
        if (p < 0 || p >= f.m_persons || role > quint8(Role::Witness) || sex > quint8(Sex::Female))
            return damagedFrame(QStringLiteral("link %1").arg(l));
        f.linkPerson[l] = qint32(p);
        f.linkRole[l] = role;
        f.linkSex[l] = sex;
    }
    if (!person.atEnd())
        return damagedFrame(QStringLiteral("persons of links"));
    f.findSpans();
    return f;
}

void CountingFrame::findSpans()
{
    constexpr qint32 kNone = std::numeric_limits<qint32>::max();
    m_systemSpans.assign(size_t(systems.size()), {kNone, -1, kNone, -1});
    for (size_t c = 0; c < crimeRecorded.size(); ++c) {
        std::array<qint32, 4> &s = m_systemSpans[crimeSystem[c]];
        qint32 recorded = crimeRecorded[c];
        qint32 committed = crimeCommitted[c];
        s[0] = std::min(s[0], recorded);
        s[2] = std::min(s[2], committed);
        if (crimeMonthPrecision[c]) {
            // Dated by the month: the crime may be of any day of it.
            const QDate r = QDate::fromJulianDay(recorded);
            recorded = qint32(QDate(r.year(), r.month(), r.daysInMonth()).toJulianDay());
            const QDate k = QDate::fromJulianDay(committed);
            committed = qint32(QDate(k.year(), k.month(), k.daysInMonth()).toJulianDay());
        }
        s[1] = std::max(s[1], recorded);
        s[3] = std::max(s[3], committed);
    }
}

DaySpan CountingFrame::span(Criteria::DateBasis basis, const QStringList &onlySystems) const
{
    const size_t at = basis == Criteria::DateBasis::Recorded ? 0 : 2;
    qint32 first = std::numeric_limits<qint32>::max();
    qint32 last = -1;
    for (size_t i = 0; i < m_systemSpans.size(); ++i) {
        if (!onlySystems.isEmpty() && !onlySystems.contains(systems[qsizetype(i)]))
            continue;
        first = std::min(first, m_systemSpans[i][at]);
        last = std::max(last, m_systemSpans[i][at + 1]);
    }
    if (last < first)
        return {};
    return DaySpan{QDate::fromJulianDay(first), QDate::fromJulianDay(last)};
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

CountingFrame::Builder::Builder(qsizetype crimes, qsizetype links)
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
    if (personId > 0) {
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
            f.personKey.push_back(personRecordKey(personKey, unnamedKey));
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

std::uint32_t CountingFrame::Builder::addLinkOfLaterPerson(Role role, qint16 age, Sex sex)
{
    CountingFrame &f = m_f;
    if (f.crimeRecorded.empty())
        return 0; // no crime to belong to
    const auto crime = static_cast<qint32>(f.crimeRecorded.size() - 1);
    f.linkCrime.push_back(crime);
    const auto place = std::uint64_t(f.crimeFirstLink.back() - f.crimeFirstLink[size_t(crime)]);
    f.linkRole.push_back(static_cast<std::uint8_t>(role));
    f.linkAge.push_back(age > 0 && age <= 127 ? static_cast<std::int8_t>(age) : std::int8_t(-1));
    f.linkSex.push_back(static_cast<std::uint8_t>(sex));
    f.crimeFirstLink.back() += 1;
    return recordKeyMix((std::uint64_t(f.crimeKey[size_t(crime)]) << 20) ^ place);
}

void CountingFrame::Builder::setLinkPersons(std::vector<qint32> linkPerson,
                                            std::vector<std::uint32_t> personKey)
{
    Q_ASSERT(linkPerson.size() == m_f.linkCrime.size());
    m_f.linkPerson = std::move(linkPerson);
    m_f.personKey = std::move(personKey);
    m_f.m_persons = static_cast<qint32>(m_f.personKey.size());
}

CountingFrame CountingFrame::Builder::finish()
{
    CountingFrame f = std::move(m_f);
    m_f = CountingFrame();
    f.findSpans();
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
