#include "register/Chunks.h"

#include <gtest/gtest.h>

#include <random>

using namespace foi;

namespace {

LinkRecord randomLink(std::mt19937_64 &rng, const LinkRecord &previous)
{
    std::uniform_int_distribution<int> pick(0, 99);
    LinkRecord l;
    l.line = previous.line + 1 + pick(rng) % 3;
    // Half the rows carry on the crime before (as a crime's people do), some are migrated.
    const bool same = pick(rng) < 50 && !previous.crimeRef.isEmpty();
    l.crimeRef =
        same ? previous.crimeRef : QStringLiteral("CR/%1/17").arg(rng() % 10000000, 7, 10, QLatin1Char('0'));
    l.legacyCrimeRef = pick(rng) < 20 ? QStringLiteral("L\u00e9%1").arg(pick(rng)) : QString();
    l.personKey = pick(rng) < 90 ? qint64(rng() >> 1) : 0;
    l.legacyPersonKey = pick(rng) < 10 ? qint64(rng() >> 1) : 0;
    l.crimeKey = same ? previous.crimeKey : (pick(rng) < 95 ? qint64(rng() >> 1) : 0);
    l.role = static_cast<Role>(pick(rng) % 6);
    if (pick(rng) < 90)
        l.offenceCode = QStringLiteral("%1%2").arg(1 + pick(rng)).arg(QChar(u'A' + pick(rng) % 5));
    else
        l.offenceCategory = QStringLiteral("Violence and sexual offences");
    l.recorded = 2457000 + pick(rng) * 13;
    l.committedFrom = pick(rng) < 80 ? l.recorded - pick(rng) : 0;
    l.committedTo = pick(rng) < 30 ? l.recorded + pick(rng) - 50 : 0;
    l.precision = static_cast<DatePrecision>(pick(rng) % 2);
    l.age = qint16(pick(rng) < 10 ? -1 : pick(rng) + pick(rng) % 30);
    l.ageSource = static_cast<AgeSource>(pick(rng) % 4);
    l.sex = static_cast<Sex>(pick(rng) % 3);
    l.outcome = qint8(pick(rng) < 30 ? -1 : pick(rng) % 22);
    return l;
}

bool same(const LinkRecord &a, const LinkRecord &b)
{
    return a.line == b.line && a.crimeRef == b.crimeRef && a.legacyCrimeRef == b.legacyCrimeRef &&
           a.personKey == b.personKey && a.legacyPersonKey == b.legacyPersonKey && a.crimeKey == b.crimeKey &&
           a.role == b.role && a.offenceCode == b.offenceCode && a.offenceCategory == b.offenceCategory &&
           a.recorded == b.recorded && a.committedFrom == b.committedFrom && a.committedTo == b.committedTo &&
           a.precision == b.precision && a.age == b.age && a.ageSource == b.ageSource && a.sex == b.sex &&
           a.outcome == b.outcome;
}

QVector<LinkRecord> randomLinks(quint64 seed, int n)
{
    std::mt19937_64 rng(seed);
    QVector<LinkRecord> links;
    LinkRecord previous;
    for (int i = 0; i < n; ++i)
        links << (previous = randomLink(rng, previous));
    return links;
}

} // namespace

TEST(Chunks, ImportedRowsComeBackAsTheyWent)
{
    for (quint64 seed = 1; seed <= 20; ++seed) {
        const QVector<LinkRecord> links = randomLinks(seed, 1 + int(seed * 97 % 3000));
        const QByteArray data = chunks::encodeLinks(links.constData(), links.size());
        QVector<LinkRecord> back{LinkRecord()}; // decoding appends
        ASSERT_TRUE(chunks::decodeLinks(data, &back));
        ASSERT_EQ(back.size(), links.size() + 1);
        for (int i = 0; i < links.size(); ++i)
            ASSERT_TRUE(same(back[i + 1], links[i])) << "seed " << seed << " record " << i;
    }
    // The chunk is a small fraction of the records in memory.
    const QVector<LinkRecord> links = randomLinks(99, 8192);
    EXPECT_LT(chunks::encodeLinks(links.constData(), links.size()).size(), 8192 * 45);
}

TEST(Chunks, MergedRecordsComeBackAsTheyWent)
{
    std::mt19937_64 rng(7);
    QVector<MergedCrime> crimes;
    QVector<MergedLink> links;
    for (int i = 0; i < 2000; ++i) {
        MergedCrime c;
        c.id = i * 2 + 1 + qint64(rng() % 2);
        c.system = i % 3 ? QStringLiteral("connect") : QStringLiteral("cms");
        c.crimeRef = QStringLiteral("CR/%1").arg(rng() % 100000);
        c.legacyCrimeRef = i % 7 ? QString() : QStringLiteral("OLD/%1").arg(i);
        c.migrated = !c.legacyCrimeRef.isEmpty();
        c.offenceCode = i % 5 ? QStringLiteral("8N") : QString();
        c.offenceCategory = i % 5 ? QString() : QStringLiteral("Robbery");
        c.recorded = 2457000 + int(rng() % 1000);
        c.committedFrom = i % 4 ? c.recorded - int(rng() % 30) : 0;
        c.precision = static_cast<DatePrecision>(i % 2);
        c.outcome = qint8(int(rng() % 23) - 1);
        c.recordKey = i % 11 ? qint64(rng() >> 1) : 0;
        crimes << c;
        for (int k = 0; k < 1 + i % 3; ++k) {
            MergedLink l;
            l.crimeId = c.id;
            l.personId = k == 2 ? 0 : qint64(rng() % 50000);
            l.role = static_cast<Role>(rng() % 6);
            l.age = qint16(int(rng() % 100) - 1);
            l.ageSource = static_cast<AgeSource>(rng() % 4);
            l.sex = static_cast<Sex>(rng() % 3);
            l.linkId = links.size() * 3 + 1;
            l.personKey = k == 2 ? 0 : qint64(rng() >> 1);
            links << l;
        }
    }
    QVector<MergedCrime> crimesBack;
    ASSERT_TRUE(chunks::decodeMergedCrimes(chunks::encodeMergedCrimes(crimes.constData(), crimes.size()),
                                           &crimesBack));
    ASSERT_EQ(crimesBack.size(), crimes.size());
    for (int i = 0; i < crimes.size(); ++i) {
        const MergedCrime &a = crimes[i], &b = crimesBack[i];
        ASSERT_TRUE(a.id == b.id && a.system == b.system && a.crimeRef == b.crimeRef &&
                    a.legacyCrimeRef == b.legacyCrimeRef && a.migrated == b.migrated &&
                    a.offenceCode == b.offenceCode && a.offenceCategory == b.offenceCategory &&
                    a.recorded == b.recorded && a.committedFrom == b.committedFrom &&
                    a.precision == b.precision && a.outcome == b.outcome && a.recordKey == b.recordKey)
            << i;
    }
    QVector<MergedLink> linksBack;
    ASSERT_TRUE(
        chunks::decodeMergedLinks(chunks::encodeMergedLinks(links.constData(), links.size()), &linksBack));
    ASSERT_EQ(linksBack.size(), links.size());
    for (int i = 0; i < links.size(); ++i) {
        const MergedLink &a = links[i], &b = linksBack[i];
        ASSERT_TRUE(a.crimeId == b.crimeId && a.personId == b.personId && a.role == b.role &&
                    a.age == b.age && a.ageSource == b.ageSource && a.sex == b.sex && a.linkId == b.linkId &&
                    a.personKey == b.personKey)
            << i;
    }
}

// A damaged chunk (a bit flipped, cut short, another kind's) is an error, never a crash or a wrong row
// read as right. Run under the sanitizers by scripts/test.
TEST(Chunks, ADamagedChunkIsAnErrorNotACrash)
{
    const QVector<LinkRecord> links = randomLinks(5, 500);
    const QByteArray good = chunks::encodeLinks(links.constData(), links.size());
    QVector<LinkRecord> out;
    EXPECT_FALSE(chunks::decodeLinks(good.left(good.size() - 1), &out));
    out.clear();
    EXPECT_FALSE(chunks::decodeLinks(QByteArray(good + 'x'), &out));
    out.clear();
    EXPECT_FALSE(chunks::decodeLinks(QByteArray(), &out));
    QVector<MergedLink> wrongKind;
    EXPECT_FALSE(chunks::decodeMergedLinks(good, &wrongKind));
    const Status error = chunks::decodeLinks(good.left(100), &out);
    ASSERT_FALSE(error);
    EXPECT_TRUE(error.error().message.contains(QStringLiteral("damaged")));
    std::mt19937_64 rng(3);
    for (int i = 0; i < 2000; ++i) {
        QByteArray bad = good;
        const qsizetype at = qsizetype(rng() % quint64(bad.size()));
        bad[at] = char(bad[at] ^ char(1 << (rng() % 8)));
        if (rng() % 4 == 0)
            bad.truncate(qsizetype(rng() % quint64(bad.size())));
        out.clear();
        (void)chunks::decodeLinks(bad, &out); // either outcome, so long as it returns
    }
}
