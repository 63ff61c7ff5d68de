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
    QByteArray otherKind = good;
    otherKind[1] = 'X'; // another kind of chunk, or a later layout
    out.clear();
    EXPECT_FALSE(chunks::decodeLinks(otherKind, &out));
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
