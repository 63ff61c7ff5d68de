#include "Merger.h"

#include "count/CountingFrame.h"
#include "merge/HashIndex.h"
#include "register/Chunks.h"
#include "register/Register.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>

namespace foi {

namespace {

/// Union-find over person nodes: the same person in several systems becomes one class.
class PersonClasses
{
public:
    int add()
    {
        m_parent.push_back(static_cast<int>(m_parent.size()));
        return static_cast<int>(m_parent.size()) - 1;
    }
    int size() const { return static_cast<int>(m_parent.size()); }
    int find(int x)
    {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<int> m_parent;
};

/// The few distinct texts of millions of rows (offence classes, police.uk categories): a number for
/// each, and its QString made once.
class Interner
{
public:
    /// -1 for an empty text.
    int intern(std::string_view text)
    {
        if (text.empty())
            return -1;
        const quint64 h = qHash(QByteArrayView(text.data(), qsizetype(text.size())));
        const int found = m_index.find(h, 0, [&](int id) { return m_texts[size_t(id)] == text; });
        if (found >= 0)
            return found;
        const int id = static_cast<int>(m_texts.size());
        m_texts.emplace_back(text);
        m_strings << QString::fromUtf8(text.data(), qsizetype(text.size()));
        m_index.insert(h, 0, id);
        return id;
    }
    std::string_view text(int id) const { return id < 0 ? std::string_view() : m_texts[size_t(id)]; }
    const QString &string(int id) const { return id < 0 ? m_empty : m_strings[id]; }

private:
    HashIndex m_index{64};
    std::vector<std::string> m_texts;
    QVector<QString> m_strings;
    QString m_empty;
};

/// An imported row, in 20 bytes: millions of them are held at once. Its link id is its chunk's first
/// plus its place in the chunk (MergeCore::linkIdOf).
struct Row
{
    int crime = -1;
    int next = -1;   ///< next row of the same crime
    int person = -1; ///< person node; -1 for a row without a person (police.uk)
    Role role = Role::None;
    quint8 system = 0;
    qint16 age = -1;
    AgeSource ageSource = AgeSource::Unknown;
    Sex sex = Sex::Unknown;
};

/// A crime as its first row gave it; its references are kept in the merge's text arena.
struct Crime
{
    quint8 system = 0;
    bool inconsistent = false;
    DatePrecision precision = DatePrecision::Day;
    qint8 outcome = -1;
    int offence = -1;  ///< interned class
    int category = -1; ///< interned police.uk category
    quint32 refAt = 0; ///< in the text arena (at most 4 GB of references)
    quint32 legacyRefAt = 0;
    quint32 refSize = 0;
    quint32 legacyRefSize = 0;
    qint32 recorded = 0;
    qint32 committedFrom = 0;
    qint64 recordKey = 0;
    int firstRow = -1;
    int lastRow = -1;
};

struct SystemState
{
    SystemInfo info;
    bool imported = false;
    int legacy = -1;     ///< index of the legacy system, for a new one
    QVector<int> crimes; ///< in first-seen order
    SystemStats stats;
    int lastCrime = -1; ///< the crime of the system's last row: a crime's rows are mostly consecutive
};

QString outcomeText(qint8 outcome)
{
    return outcome < 0 ? QString() : QString::number(outcome);
}

QString qstring(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

/// A merged crime on its way out, before it becomes a MergedCrime or a crime of the counting frame.
struct OutCrime
{
    qint64 id = 0;
    const QString *system = nullptr;
    std::string_view ref;
    std::string_view legacyRef;
    bool migrated = false;
    int offence = -1;
    int category = -1;
    qint32 recorded = 0;
    qint32 committedFrom = 0;
    DatePrecision precision = DatePrecision::Day;
    qint8 outcome = -1;
    qint64 recordKey = 0;
};

/// The merge's work, shared by compute() (which makes a MergeResult) and run() (which makes the
/// counting frame as it goes, without the records in between). The rules are docs/merge-rules.md's.
class MergeCore
{
public:
    Status read(Register &reg, const std::atomic_bool *cancel);

    /// Gives every merged crime, each followed by its links, to the sink (crime(OutCrime) and
    /// link(...)), and completes the report.
    template<typename Sink>
    void deliver(Sink &sink);

    MergeReport report;
    Interner texts;
    qint64 expectedRows = 0;
    qint64 expectedCrimes = 0;

private:
    std::string_view refOf(const Crime &c) const
    {
        return std::string_view(m_arena).substr(c.refAt, c.refSize);
    }
    std::string_view legacyRefOf(const Crime &c) const
    {
        return std::string_view(m_arena).substr(c.legacyRefAt, c.legacyRefSize);
    }
    quint32 keep(std::string_view text)
    {
        const size_t at = m_arena.size();
        m_arena.append(text);
        return quint32(at);
    }
    static quint64 refHash(std::string_view ref)
    {
        return qHash(QByteArrayView(ref.data(), qsizetype(ref.size())));
    }
    int crimeOfRef(int system, std::string_view ref) const { return crimeOfRef(system, ref, refHash(ref)); }
    int crimeOfRef(int system, std::string_view ref, quint64 hash) const
    {
        return m_crimeByRef.find(hash, system, [&](int ci) { return refOf(m_crimes[size_t(ci)]) == ref; });
    }
    int systemOf(const QString &name);
    qint64 linkIdOf(int row) const
    {
        auto it =
            std::upper_bound(m_chunkStarts.begin(), m_chunkStarts.end(), row,
                             [](int r, const std::pair<int, qint64> &start) { return r < start.first; });
        --it; // there is a chunk at or before every row
        return it->second + (row - it->first);
    }
    int newNode(qint64 key);
    int nodeOf(int system, qint64 key);
    /// The person node of a row of the system.
    int personOf(int system, qint64 personKey, qint64 legacyPersonKey);
    void matchMigrated();

    QVector<SystemState> m_systems;
    QHash<QString, int> m_systemIndex;
    std::vector<Row> m_rows;
    std::vector<Crime> m_crimes;
    std::string m_arena; ///< the crimes' references, end to end
    /// The first row of each chunk read and its link id, in the order read.
    std::vector<std::pair<int, qint64>> m_chunkStarts;
    HashIndex m_crimeByRef{1024};

    PersonClasses m_classes;
    HashIndex m_personNode{1024};      ///< (key, system) -> node
    std::vector<qint64> m_nodeKey;     ///< node -> its pseudonymous key; 0 for a person without a reference
    std::vector<quint64> m_nodeRowsIn; ///< node -> the systems with rows of it, a bit each
    std::vector<bool> m_nodeOwnKey;    ///< node -> a key of a system's own rows (not a legacy key)

    std::vector<bool> m_dropped;     ///< crime -> not counted at all
    std::vector<int> m_legacyCopyOf; ///< new-system crime -> its matched legacy crime
};

int MergeCore::systemOf(const QString &name)
{
    auto it = m_systemIndex.constFind(name);
    if (it != m_systemIndex.constEnd())
        return it.value();
    SystemState s;
    s.info.name = name;
    s.stats.name = name;
    m_systems << s;
    m_systemIndex.insert(name, static_cast<int>(m_systems.size()) - 1);
    return static_cast<int>(m_systems.size()) - 1;
}

Status MergeCore::read(Register &reg, const std::atomic_bool *cancel)
{
    Result<QVector<SystemInfo>> systemList = reg.systems();
    if (!systemList)
        return systemList.error();
    Result<QVector<ImportBatch>> importList = reg.imports();
    if (!importList)
        return importList.error();
    Result<QVector<RejectListing>> rejectList = reg.rejects();
    if (!rejectList)
        return rejectList.error();

    for (const SystemInfo &info : *systemList) {
        const int i = systemOf(info.name);
        m_systems[i].info = info;
        m_systems[i].stats.role = systemRoleName(info.role);
    }
    for (const SystemInfo &info : *systemList) {
        if (info.role == SystemRole::New && !info.legacySystem.isEmpty())
            m_systems[m_systemIndex.value(info.name)].legacy = systemOf(info.legacySystem);
    }
    for (const ImportBatch &b : *importList) {
        SystemState &s = m_systems[systemOf(b.system)];
        s.imported = true;
        s.stats.imports++;
        s.stats.rejected += b.rowsRejected;
        s.stats.skipped += b.rowsSkipped;
        expectedRows += b.rowsKept;
    }
    report.mergedAt = QDateTime::currentDateTimeUtc();
    for (const RejectListing &r : *rejectList) {
        report.rejectedRows++;
        report.rejectsByReason[r.reason]++;
    }

    // Read every row once, as views of the stored chunks, into compact rows grouped by crime.
    m_rows.reserve(size_t(expectedRows));
    m_crimes.reserve(size_t(expectedRows / 2 + 1));
    m_crimeByRef = HashIndex(size_t(expectedRows / 2 + 1));
    m_personNode = HashIndex(size_t(expectedRows));
    m_nodeKey.reserve(size_t(expectedRows));
    m_nodeRowsIn.reserve(size_t(expectedRows));
    bool cancelled = false;
    bool tooManySystems = false;
    bool tooLarge = false;
    std::optional<Error> damaged;
    QString lastSystemName;
    int sys = -1;
    std::vector<chunks::LinkView> views;
    std::vector<quint64> hashes;
    Status read = reg.forEachLinkChunk([&](const Register::LinkChunk &chunk) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return false;
        }
        if (sys < 0 || chunk.system.constData() != lastSystemName.constData() ||
            chunk.system != lastSystemName) {
            lastSystemName = chunk.system;
            sys = systemOf(chunk.system);
        }
        if (sys >= 64) {
            tooManySystems = true;
            return false;
        }
        SystemState &s = m_systems[sys];
        // The chunk's rows first, so that the hash table's slots for the crimes they start can be
        // fetched ahead, all at once, instead of one cache miss at a time.
        chunks::LinkChunkReader reader(chunk.data);
        views.clear();
        chunks::LinkView view;
        while (reader.next(&view))
            views.push_back(view);
        if (Status st = reader.status(); !st) {
            damaged = Error(st.error().message, reg.location());
            return false;
        }
        hashes.assign(views.size(), 0);
        for (size_t i = 0; i < views.size(); ++i) {
            if (i > 0 && views[i].crimeRef.data() == views[i - 1].crimeRef.data())
                continue; // the same crime as the row before: no lookup
            hashes[i] = refHash(views[i].crimeRef);
        }
        m_chunkStarts.push_back({int(m_rows.size()), chunk.firstLinkId});
        const int legacy = s.legacy;
        constexpr size_t kAhead = 16;
        for (size_t i = 0; i < views.size(); ++i) {
            // The hash tables' slots a few rows ahead, so that their cache misses overlap.
            if (i + kAhead < views.size()) {
                const chunks::LinkView &ahead = views[i + kAhead];
                if (hashes[i + kAhead])
                    m_crimeByRef.prefetch(hashes[i + kAhead], sys);
                if (ahead.personKey != 0)
                    m_personNode.prefetch(quint64(ahead.personKey), sys);
                if (ahead.legacyPersonKey != 0 && legacy >= 0)
                    m_personNode.prefetch(quint64(ahead.legacyPersonKey), legacy);
            }
            const chunks::LinkView &l = views[i];
            s.stats.rows++;
            if (s.stats.firstRecorded == 0 || l.recorded < s.stats.firstRecorded)
                s.stats.firstRecorded = l.recorded;
            s.stats.lastRecorded = std::max(s.stats.lastRecorded, l.recorded);

            Row row;
            row.role = l.role;
            row.system = quint8(sys);
            row.age = l.age;
            row.ageSource = l.ageSource;
            row.sex = l.sex;
            if (l.role != Role::None)
                row.person = personOf(sys, l.personKey, l.legacyPersonKey);

            const int rowIndex = static_cast<int>(m_rows.size());
            int known = -1;
            if (s.lastCrime >= 0 && refOf(m_crimes[size_t(s.lastCrime)]) == l.crimeRef)
                known = s.lastCrime;
            else
                known = crimeOfRef(sys, l.crimeRef, hashes[i] ? hashes[i] : refHash(l.crimeRef));
            if (known < 0) {
                Crime c;
                c.system = quint8(sys);
                c.refAt = keep(l.crimeRef);
                c.refSize = quint32(l.crimeRef.size());
                c.legacyRefAt = keep(l.legacyCrimeRef);
                c.legacyRefSize = quint32(l.legacyCrimeRef.size());
                c.offence = texts.intern(l.offenceCode);
                c.category = texts.intern(l.offenceCategory);
                c.recorded = l.recorded;
                c.committedFrom = l.committedFrom;
                c.precision = l.precision;
                c.outcome = l.outcome;
                c.recordKey = l.crimeKey;
                c.firstRow = c.lastRow = rowIndex;
                const int ci = static_cast<int>(m_crimes.size());
                m_crimes.push_back(c);
                m_crimeByRef.insert(hashes[i] ? hashes[i] : refHash(l.crimeRef), sys, ci);
                s.crimes << ci;
                s.lastCrime = ci;
                row.crime = ci;
            } else {
                Crime &c = m_crimes[size_t(known)];
                s.lastCrime = known;
                row.crime = known;
                m_rows[size_t(c.lastRow)].next = rowIndex;
                c.lastRow = rowIndex;
                if (texts.text(c.offence) != l.offenceCode || texts.text(c.category) != l.offenceCategory ||
                    c.outcome != l.outcome || c.recorded != l.recorded ||
                    legacyRefOf(c) != l.legacyCrimeRef) {
                    report.inconsistentRows++;
                    if (!c.inconsistent) {
                        c.inconsistent = true;
                        report.issues << MergeIssue{QStringLiteral("inconsistent-rows"),
                                                    chunk.system,
                                                    qstring(l.crimeRef),
                                                    QString(),
                                                    QString(),
                                                    QString(),
                                                    QString()};
                    }
                }
            }
            m_rows.push_back(row);
        }
        if (m_arena.size() > std::numeric_limits<quint32>::max()) {
            tooLarge = true;
            return false;
        }
        return true;
    });
    if (!read)
        return read;
    if (damaged)
        return *damaged;
    if (cancelled)
        return Error(QStringLiteral("the merge was cancelled"));
    if (tooManySystems)
        return Error(QStringLiteral("the register holds more than 64 systems: the merge handles up to 64"));
    if (tooLarge)
        return Error(QStringLiteral("the register's crime references come to more than 4 GB: more than the "
                                    "merge can hold"));
    if (m_rows.size() > size_t(std::numeric_limits<int>::max()) / 2)
        return Error(
            QStringLiteral("the register holds more rows than the merge can count (about a billion)"));

    for (SystemState &s : m_systems)
        s.stats.crimes = s.crimes.size();
    matchMigrated();
    expectedCrimes = qint64(m_crimes.size());
    return {};
}

int MergeCore::newNode(qint64 key)
{
    const int n = m_classes.add();
    m_nodeKey.push_back(key);
    m_nodeRowsIn.push_back(0);
    m_nodeOwnKey.push_back(false);
    return n;
}

int MergeCore::nodeOf(int system, qint64 key)
{
    const int found = m_personNode.find(quint64(key), system);
    if (found >= 0)
        return found;
    const int n = newNode(key);
    m_personNode.insert(quint64(key), system, n);
    return n;
}

int MergeCore::personOf(int sys, qint64 personKey, qint64 legacyPersonKey)
{
    // A node per (system, key), in the order of the rows, and one per row without a reference; the same
    // person in two systems united.
    SystemState &s = m_systems[sys];
    int person;
    if (personKey != 0) {
        person = nodeOf(sys, personKey);
        if (!m_nodeOwnKey[size_t(person)]) {
            m_nodeOwnKey[size_t(person)] = true;
            s.stats.persons++; // references; a blank one is nobody we can name
        }
        if (legacyPersonKey != 0 && s.legacy >= 0)
            m_classes.unite(person, nodeOf(s.legacy, legacyPersonKey));
    } else if (legacyPersonKey != 0 && s.legacy >= 0) {
        person = nodeOf(s.legacy, legacyPersonKey);
    } else {
        person = newNode(0); // a person of their own: nothing links them to anyone
    }
    m_nodeRowsIn[size_t(person)] |= quint64(1) << sys;
    return person;
}

void MergeCore::matchMigrated()
{
    // Migrated crimes: which new-system copy stands for which legacy crime.
    m_dropped.assign(m_crimes.size(), false);
    m_legacyCopyOf.assign(m_crimes.size(), -1);
    for (int sys = 0; sys < m_systems.size(); ++sys) {
        const SystemState &s = m_systems[sys];
        if (s.legacy < 0)
            continue;
        QHash<QString, QVector<int>> claims;
        for (int ci : s.crimes) {
            const Crime &c = m_crimes[size_t(ci)];
            if (c.legacyRefSize > 0)
                claims[qstring(legacyRefOf(c))] << ci;
        }
        QStringList legacyRefs = claims.keys();
        legacyRefs.sort();
        for (const QString &legacyRef : legacyRefs) {
            QVector<int> claimants = claims.value(legacyRef);
            if (claimants.size() > 1) {
                std::sort(claimants.begin(), claimants.end(), [&](int a, int b) {
                    return qstring(refOf(m_crimes[size_t(a)])) < qstring(refOf(m_crimes[size_t(b)]));
                });
            }
            const int chosen = claimants.first();
            if (claimants.size() > 1) {
                report.claimedTwice++;
                for (int ci : claimants) {
                    report.issues << MergeIssue{QStringLiteral("claimed-twice"),
                                                s.info.name,
                                                qstring(refOf(m_crimes[size_t(ci)])),
                                                legacyRef,
                                                QString(),
                                                QString(),
                                                QString()};
                    if (ci != chosen)
                        m_dropped[size_t(ci)] = true;
                }
            }
            const int original = crimeOfRef(s.legacy, legacyRefOf(m_crimes[size_t(chosen)]));
            if (original < 0) {
                report.migratedOriginalMissing++;
                report.issues << MergeIssue{QStringLiteral("migrated-original-missing"),
                                            s.info.name,
                                            qstring(refOf(m_crimes[size_t(chosen)])),
                                            legacyRef,
                                            QString(),
                                            QString(),
                                            QString()};
                continue;
            }
            report.migratedMatched++;
            m_legacyCopyOf[size_t(chosen)] = original;
            m_dropped[size_t(original)] = true;
        }
    }
}

template<typename Sink>
void MergeCore::deliver(Sink &sink)
{
    // Each person's key: the least of the keys of the references that are the same person, so that every
    // link of the person carries one key whatever system it came from.
    std::vector<qint64> classKey(m_nodeKey.size(), 0);
    std::vector<int> root(m_nodeKey.size());
    for (size_t node = 0; node < m_nodeKey.size(); ++node) {
        root[node] = m_classes.find(int(node));
        const qint64 key = m_nodeKey[node];
        if (key == 0)
            continue;
        qint64 &k = classKey[size_t(root[node])];
        k = k == 0 ? key : std::min(k, key);
    }
    std::vector<qint64> personIds(m_nodeKey.size(), 0); // person class -> dense id, 0: none yet
    qint64 personCount = 0;
    qint64 crimeCount = 0;
    qint64 linkCount = 0;

    // The merged crimes and links, system by system in the order they were first imported.
    for (int sys = 0; sys < m_systems.size(); ++sys) {
        const SystemState &system = m_systems[sys];
        for (int ci : system.crimes) {
            if (m_dropped[size_t(ci)])
                continue;
            const Crime &c = m_crimes[size_t(ci)];
            OutCrime out;
            out.id = ++crimeCount;
            out.system = &system.info.name;
            out.ref = refOf(c);
            out.legacyRef = legacyRefOf(c);
            out.offence = c.offence;
            out.category = c.category;
            out.recorded = c.recorded;
            out.committedFrom = c.committedFrom;
            out.precision = c.precision;
            out.outcome = c.outcome;
            out.recordKey = c.recordKey;

            const int legacyCi = m_legacyCopyOf[size_t(ci)];
            const Crime *legacy = legacyCi >= 0 ? &m_crimes[size_t(legacyCi)] : nullptr;
            if (legacy) {
                out.migrated = true;
                out.system = &m_systems[legacy->system].info.name;
                out.recorded = legacy->recorded;
                if (legacy->recorded != c.recorded)
                    report.recordedDaysFromLegacy++;
                auto conflict = [&](const QString &field, const QString &was, const QString &now) {
                    report.conflictsByField[field]++;
                    report.issues << MergeIssue{QStringLiteral("conflict"),
                                                system.info.name,
                                                qstring(refOf(c)),
                                                qstring(refOf(*legacy)),
                                                field,
                                                was,
                                                now};
                };
                if (legacy->offence >= 0 && c.offence >= 0 && legacy->offence != c.offence)
                    conflict(QStringLiteral("offence_class"), texts.string(legacy->offence),
                             texts.string(c.offence));
                if (legacy->outcome >= 0 && c.outcome >= 0 && legacy->outcome != c.outcome)
                    conflict(QStringLiteral("outcome"), outcomeText(legacy->outcome), outcomeText(c.outcome));
            }
            sink.crime(out, texts);

            QVarLengthArray<int, 8> agesCompared;
            for (int ri = c.firstRow; ri >= 0; ri = m_rows[size_t(ri)].next) {
                const Row &r = m_rows[size_t(ri)];
                MergedLink ml;
                ml.crimeId = out.id;
                ml.role = r.role;
                ml.age = r.age;
                ml.ageSource = r.ageSource;
                ml.sex = r.sex;
                if constexpr (Sink::kNeedsLinkIds)
                    ml.linkId = linkIdOf(ri);
                if (r.person >= 0) {
                    const int personRoot = root[size_t(r.person)];
                    qint64 &id = personIds[size_t(personRoot)];
                    if (id == 0)
                        id = ++personCount;
                    ml.personId = id;
                    ml.personKey = classKey[size_t(personRoot)];
                    if (legacy) {
                        // The same person in the legacy copy, if there.
                        const Row *old = nullptr;
                        for (int li = legacy->firstRow; li >= 0 && !old; li = m_rows[size_t(li)].next) {
                            const Row &candidate = m_rows[size_t(li)];
                            if (candidate.person >= 0 && root[size_t(candidate.person)] == personRoot)
                                old = &candidate;
                        }
                        if (old) {
                            // An age computed on the migration day is replaced by the legacy copy's.
                            if (r.ageSource == AgeSource::BirthAtRecorded && legacy->recorded != c.recorded) {
                                ml.age = old->age;
                                ml.ageSource = old->ageSource;
                            }
                            if (!agesCompared.contains(personRoot) && old->age > 0 && ml.age > 0 &&
                                old->age != ml.age) {
                                report.conflictsByField[QStringLiteral("age")]++;
                                report.issues
                                    << MergeIssue{QStringLiteral("conflict"), system.info.name,
                                                  qstring(refOf(c)),          qstring(refOf(*legacy)),
                                                  QStringLiteral("age"),      QString::number(old->age),
                                                  QString::number(ml.age)};
                            }
                            if (!agesCompared.contains(personRoot))
                                agesCompared.append(personRoot);
                        }
                    }
                }
                if (ml.role != Role::None) {
                    if (ml.age < 0)
                        report.agesUnknown++;
                    else if (ml.age == 0)
                        report.agesFlaggedZero++;
                }
                ++linkCount;
                sink.link(ml);
            }
        }
    }

    for (const SystemState &s : m_systems) {
        if (s.imported)
            report.systems << s.stats;
    }
    report.crimes = crimeCount;
    report.links = linkCount;
    report.persons = personCount;
    std::vector<quint64> systemsOfClass(m_nodeRowsIn.size(), 0);
    for (size_t node = 0; node < m_nodeRowsIn.size(); ++node)
        systemsOfClass[size_t(root[node])] |= m_nodeRowsIn[node];
    for (quint64 set : systemsOfClass) {
        if (set & (set - 1)) // more than one bit
            report.personsInMoreThanOneSystem++;
    }
}

/// Makes the merged crimes and links of a MergeResult.
struct ResultSink
{
    static constexpr bool kNeedsLinkIds = true;
    MergeResult *result;
    void crime(const OutCrime &c, const Interner &texts)
    {
        MergedCrime mc;
        mc.id = c.id;
        mc.system = *c.system;
        mc.crimeRef = qstring(c.ref);
        mc.legacyCrimeRef = qstring(c.legacyRef);
        mc.migrated = c.migrated;
        mc.offenceCode = texts.string(c.offence);
        mc.offenceCategory = texts.string(c.category);
        mc.recorded = c.recorded;
        mc.committedFrom = c.committedFrom;
        mc.precision = c.precision;
        mc.outcome = c.outcome;
        mc.recordKey = c.recordKey;
        result->crimes << std::move(mc);
    }
    void link(const MergedLink &l) { result->links << l; }
};

/// Makes the counting frame, crime by crime, as CountingFrame::build would from the MergeResult.
struct FrameSink
{
    static constexpr bool kNeedsLinkIds = false;
    CountingFrame::Builder builder;
    void crime(const OutCrime &c, const Interner &texts)
    {
        builder.addCrime(*c.system, texts.string(c.offence), c.offence, texts.string(c.category), c.recorded,
                         c.committedFrom, c.precision, c.outcome, c.recordKey);
    }
    void link(const MergedLink &l) { builder.addLink(l.personId, l.personKey, l.role, l.age, l.sex); }
};

} // namespace

Result<MergeResult> Merger::compute(Register &reg, const std::atomic_bool *cancel)
{
    MergeCore core;
    if (Status s = core.read(reg, cancel); !s)
        return s.error();
    MergeResult result;
    result.crimes.reserve(core.expectedCrimes);
    result.links.reserve(core.expectedRows);
    ResultSink sink{&result};
    core.deliver(sink);
    result.report = std::move(core.report);
    return result;
}

Result<MergeReport> Merger::run(Register &reg, const std::atomic_bool *cancel)
{
    // The counting frame is made as the merge goes: the merged records are not kept (they follow from
    // the stored rows, and compute() makes them again when asked).
    MergeCore core;
    if (Status s = core.read(reg, cancel); !s)
        return s.error();
    FrameSink sink{CountingFrame::Builder(core.expectedCrimes, core.expectedRows)};
    core.deliver(sink);
    if (cancel && cancel->load(std::memory_order_relaxed))
        return Error(QStringLiteral("the merge was cancelled"));
    MergeResult result;
    result.report = std::move(core.report);
    if (Status s = reg.saveMerge(result); !s)
        return s.error();
    const CountingFrame frame = sink.builder.finish();
    if (Status s = reg.saveFrame(frame.toColumns()); !s) // views of the frame, which outlives them
        return s.error();
    return reg.mergeReport();
}

} // namespace foi
