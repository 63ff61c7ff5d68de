#pragma once

#include "common/Result.h"
#include "count/Request.h"
#include "import/Records.h"
#include "merge/MergeResult.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <array>
#include <cstdint>
#include <vector>

namespace foi {

class Register;

/// An offence as counting sees it: a class resolved through the classification version in force when
/// the crime was recorded (so 4.4 sits in "Violence with injury" before April 2018 and in its own
/// subgroup after), or a police.uk category for a system that gives no class.
struct FrameOffence
{
    QString code;        ///< normalised class; empty for a category-only crime
    QString description; ///< the class's description, or the police.uk category
    QString group;       ///< empty for a category-only crime
    QString subgroup;
    bool sexual = false; ///< in the "Sexual offences" group: s.44(1) anonymity applies
};

/// The first and the last day that some records cover, on one date basis; both null when they hold no
/// crime.
struct DaySpan
{
    QDate first;
    QDate last;

    bool isEmpty() const { return !first.isValid(); }
};

/// The merged register in a compact columnar form for counting: a few bytes per link, held in memory
/// once the register is open, so that a request is answered by one pass over arrays instead of SQL.
/// Crimes are numbered 0..crimes-1 and their links are contiguous (CSR: crimeFirstLink).
class CountingFrame final
{
public:
    /// The frame the register's last merge stored.
    static Result<CountingFrame> load(Register &reg);
    /// Builds the frame from a merge result.
    static CountingFrame build(const QVector<MergedCrime> &crimes, const QVector<MergedLink> &links);

    class Builder;

    /// The frame as named columns for the register to store (docs/register.md): each array's bytes as
    /// they are in memory (little-endian), and the systems and offences as JSON. The arrays' columns are
    /// views of the frame's memory, not copies: keep the frame alive and unchanged while they are used.
    QVector<QPair<QString, QByteArray>> toColumns() const;
    /// Reads columns back, checking every length and every index into another array: damaged columns
    /// are an error, never a frame that reads out of bounds.
    static Result<CountingFrame> fromColumns(const QVector<QPair<QString, QByteArray>> &columns);

    qint32 crimeCount() const { return static_cast<qint32>(crimeRecorded.size()); }
    qint64 linkCount() const { return static_cast<qint64>(linkCrime.size()); }
    qint32 personCount() const { return m_persons; }

    /// The days the crimes of the named systems (every system when none is named) cover on a date basis,
    /// as counting reads it: the committed day, or the recorded day where that is unknown. A crime its
    /// system dates by the month covers the whole month. Worked out once, when the frame is built or
    /// read, so that every request can be checked against it for nothing.
    DaySpan span(Criteria::DateBasis basis, const QStringList &onlySystems = {}) const;

    /// The systems crimes belong to, in the order first seen.
    QStringList systems;
    /// The distinct offences (class + classification version, or category).
    QVector<FrameOffence> offences;

    /// Every crime has a record key (a register merged before schema 3 has none: merge again).
    bool hasRecordKeys = true;

    // Per crime.
    std::vector<qint32> crimeRecorded;  ///< Julian day
    std::vector<qint32> crimeCommitted; ///< Julian day; the recorded day when the committed day is unknown
    std::vector<std::int16_t> crimeOffence;        ///< index into offences
    std::vector<std::int8_t> crimeOutcome;         ///< Home Office number, -1 none yet
    std::vector<std::uint8_t> crimeSystem;         ///< index into systems
    std::vector<std::uint8_t> crimeMonthPrecision; ///< 1: the system records months (police.uk), not days
    std::vector<qint32> crimeFirstLink; ///< links of crime c: [crimeFirstLink[c], crimeFirstLink[c + 1])
    /// Record keys for cell-key perturbation (docs/protection.md): uniform 32-bit values made from the
    /// register's keyed hashes, the same for a crime or a person in every table and every request.
    std::vector<std::uint32_t> crimeKey;
    std::vector<std::uint32_t> personKey; ///< per person (index: linkPerson)

    // Per link, grouped by crime.
    std::vector<qint32> linkCrime;
    std::vector<qint32> linkPerson; ///< dense 0..persons-1; a blank person reference is a person of its own
    std::vector<std::uint8_t> linkRole; ///< Role; 0 for a row of a system without people
    std::vector<std::int8_t> linkAge;   ///< whole years; -1 unknown (a flagged 0 counts as unknown)
    std::vector<std::uint8_t> linkSex;  ///< Sex

    /// The record key of a crime-person link: made from the crime's and the person's.
    std::uint32_t linkKey(qint32 link) const
    {
        return recordKeyMix((std::uint64_t(crimeKey[size_t(linkCrime[size_t(link)])]) << 32) |
                            personKey[size_t(linkPerson[size_t(link)])]);
    }

    /// A person's record key: made from their pseudonymous key, or for nobody anyone can name (key 0),
    /// the key of the one link they have.
    static std::uint32_t personRecordKey(qint64 pseudonymousKey, std::uint32_t unnamedKey)
    {
        return pseudonymousKey != 0 ? recordKeyMix(std::uint64_t(pseudonymousKey) ^ 0x5bd1e995ULL)
                                    : unnamedKey;
    }

    /// SplitMix64's finaliser: spreads a stored key (or a pair of keys) into a uniform 32-bit record key.
    static std::uint32_t recordKeyMix(std::uint64_t x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return std::uint32_t((x ^ (x >> 31)) >> 32);
    }

private:
    friend class Builder;
    void findSpans();

    qint32 m_persons = 0;
    /// Per system: the first and last recorded day, then the first and last committed day (Julian
    /// days; first > last when the system has no crime).
    std::vector<std::array<qint32, 4>> m_systemSpans;
};

/// Makes a frame crime by crime, each crime followed by its links: what build() does with a merge
/// result, and what the merge does as it goes, without a merge result in between.
class CountingFrame::Builder
{
public:
    Builder(qsizetype crimes = 0, qsizetype links = 0);

    /// Adds the next crime. offenceCodeId, when not -1, is the caller's own number for this code's text
    /// (the same text, the same number), which saves resolving it again for each crime.
    void addCrime(const QString &system, const QString &offenceCode, int offenceCodeId,
                  const QString &offenceCategory, qint32 recorded, qint32 committedFrom,
                  DatePrecision precision, qint8 outcome, qint64 recordKey);
    /// Adds a link of the crime added last. personId 0: nobody anyone can name.
    void addLink(qint64 personId, qint64 personKey, Role role, qint16 age, Sex sex);

    /// For a caller that numbers the persons itself (the merge, on another thread): adds a link of the
    /// crime added last without its person, and gives the record key a person of their own would have
    /// on it. Do not mix with addLink.
    std::uint32_t addLinkOfLaterPerson(Role role, qint16 age, Sex sex);
    /// The persons of the links added by addLinkOfLaterPerson, 0..persons-1 in the order they are first
    /// linked, and each person's record key (personRecordKey).
    void setLinkPersons(std::vector<qint32> linkPerson, std::vector<std::uint32_t> personKey);

    CountingFrame finish();

private:
    int offenceOf(const QString &code, int codeId, qint32 recorded);

    CountingFrame m_f;
    QHash<QString, int> m_systemIndex;
    QString m_lastSystem;
    int m_lastSystemIndex = -1;
    QHash<QPair<QString, const void *>, int> m_offenceIndex; ///< (code, resolving version) -> offence
    QHash<QString, int> m_categoryIndex;
    std::vector<std::vector<int>> m_offenceByCodeId; ///< [code id][version in force] -> offence
    std::vector<qint32> m_personById;                ///< merged person id -> frame person, -1 not yet
    QHash<qint64, qint32> m_personByLargeId;         ///< the same for ids too large for the table
    qint64 m_personTableLimit = 0;
};

} // namespace foi
