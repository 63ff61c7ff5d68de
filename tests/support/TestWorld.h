#pragma once

// A small merged register built crime by crime, for counting and protection tests whose answers can be
// worked out by eye.

#include "count/CountingFrame.h"
#include "merge/MergeResult.h"

#include <QDate>
#include <QString>
#include <QVector>

#include <random>

namespace foi::test {

inline qint32 day(int y, int m, int d)
{
    return qint32(QDate(y, m, d).toJulianDay());
}

class World
{
public:
    qint64 crime(const QString &code, qint32 recorded, int outcome = -1, qint32 committed = 0,
                 const QString &system = QStringLiteral("cms"))
    {
        MergedCrime c;
        c.id = qint64(crimes.size()) + 1;
        c.system = system;
        c.crimeRef = QStringLiteral("C%1").arg(c.id);
        c.offenceCode = code;
        c.recorded = recorded;
        c.committedFrom = committed;
        c.outcome = qint8(outcome);
        c.recordKey = 0x100000 + c.id * 7919; // the frame spreads it into a uniform record key
        crimes << c;
        return c.id;
    }
    void link(qint64 crimeId, qint64 person, Role role, int age, Sex sex = Sex::Unknown)
    {
        MergedLink l;
        l.crimeId = crimeId;
        l.personId = person;
        l.personKey = person > 0 ? 0x200000 + person * 104729 : 0;
        l.role = role;
        l.age = qint16(age);
        l.sex = sex;
        l.linkId = qint64(links.size()) + 1;
        links << l;
    }
    /// n crimes of one class, each with one new suspect of the age.
    void addCrimes(const QString &code, int n, int age, qint32 recorded, int outcome = -1)
    {
        for (int i = 0; i < n; ++i)
            link(crime(code, recorded, outcome), nextPerson++, Role::Suspect, age);
    }
    CountingFrame frame() const { return CountingFrame::build(crimes, links); }

    QVector<MergedCrime> crimes;
    QVector<MergedLink> links;
    qint64 nextPerson = 1000;
};

/// A random register: crimes of a few classes (two of them sexual offences), 0 to 2 suspects each of a
/// random age (sometimes unknown) and sex, over 2016 and 2017.
inline World randomWorld(std::mt19937 &rng)
{
    static const char *const kCodes[] = {"8N", "105A", "8L", "5D", "19C", "17A", "58A", "28E"};
    World w;
    const int crimes = std::uniform_int_distribution<int>(3, 45)(rng);
    for (int i = 0; i < crimes; ++i) {
        const char *code = kCodes[std::uniform_int_distribution<int>(0, 7)(rng) % 8];
        const qint32 recorded = day(2016, 1, 1) + std::uniform_int_distribution<int>(0, 729)(rng);
        const qint64 c = w.crime(QString::fromLatin1(code), recorded);
        const int people = std::uniform_int_distribution<int>(0, 9)(rng) < 2 ? 2 : 1;
        for (int p = 0; p < people; ++p) {
            const int age = std::uniform_int_distribution<int>(0, 12)(rng) == 0
                                ? -1
                                : std::uniform_int_distribution<int>(1, 9)(rng);
            const Sex sex = std::uniform_int_distribution<int>(0, 1)(rng) ? Sex::Male : Sex::Female;
            // Sometimes the same child again, so that persons differ from links.
            const qint64 person = std::uniform_int_distribution<int>(0, 4)(rng) == 0
                                      ? std::uniform_int_distribution<qint64>(1, 5)(rng)
                                      : w.nextPerson++;
            w.link(c, person, Role::Suspect, age, sex);
        }
    }
    return w;
}

} // namespace foi::test
