#include "count/CountingFrame.h"

#include "reference/Classification.h"
#include "register/Register.h"

#include <QDate>
#include <QHash>

#include <algorithm>
#include <numeric>

namespace foi {

namespace {

const QString kSexualOffences = QStringLiteral("Sexual offences");

} // namespace

Result<CountingFrame> CountingFrame::load(Register &reg)
{
    Result<QVector<MergedCrime>> crimes = reg.mergedCrimes();
    if (!crimes)
        return crimes.error();
    Result<QVector<MergedLink>> links = reg.mergedLinks();
    if (!links)
        return links.error();
    return build(*crimes, *links);
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

    QHash<qint64, qint32> crimeIndex; // merged crime id -> index
    crimeIndex.reserve(crimes.size());
    QHash<QString, int> systemIndex;
    // A class resolves through the version in force on the recorded day; the key is (code, version).
    QHash<QPair<QString, const ClassificationVersion *>, int> offenceIndex;
    QHash<QString, int> categoryIndex;

    for (qsizetype i = 0; i < crimes.size(); ++i) {
        const MergedCrime &c = crimes[i];
        const auto ci = static_cast<size_t>(i);
        crimeIndex.insert(c.id, static_cast<qint32>(i));
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
        linkCrimeOf[static_cast<size_t>(i)] = crimeIndex.value(links[i].crimeId, -1);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qint32 a, qint32 b) { return linkCrimeOf[size_t(a)] < linkCrimeOf[size_t(b)]; });

    QHash<qint64, qint32> personIndex;
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
            auto it = personIndex.constFind(l.personId);
            if (it == personIndex.constEnd()) {
                it = personIndex.insert(l.personId, f.m_persons++);
                f.personKey.push_back(
                    l.personKey != 0 ? recordKeyMix(std::uint64_t(l.personKey) ^ 0x5bd1e995ULL) : unnamedKey);
            }
            person = it.value();
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
