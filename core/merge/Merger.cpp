#include "Merger.h"

#include "count/CountingFrame.h"
#include "merge/HashIndex.h"
#include "register/Register.h"

#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <numeric>

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

struct Row
{
    qint64 linkId = 0;
    int crime = -1;
    int next = -1;   ///< next row of the same crime
    int person = -1; ///< person node; -1 for a row without a person (police.uk)
    Role role = Role::None;
    quint8 system = 0;
    qint16 age = -1;
    AgeSource ageSource = AgeSource::Unknown;
    Sex sex = Sex::Unknown;
};

struct Crime
{
    int system = -1;
    QString ref;
    QString legacyRef;
    QString offenceCode;
    QString offenceCategory;
    qint32 recorded = 0;
    qint32 committedFrom = 0;
    DatePrecision precision = DatePrecision::Day;
    qint8 outcome = -1;
    qint64 recordKey = 0;
    int firstRow = -1;
    int lastRow = -1;
    bool inconsistent = false;
};
} // namespace
} // namespace foi
Q_DECLARE_TYPEINFO(foi::Crime, Q_RELOCATABLE_TYPE);
namespace foi {
namespace {

struct SystemState
{
    SystemInfo info;
    bool imported = false;
    int legacy = -1;     ///< index of the legacy system, for a new one
    QVector<int> crimes; ///< in first-seen order
    SystemStats stats;
    int lastCrime = -1; ///< the crime of the system's last row: a crime's rows are mostly consecutive
};

quint64 refHash(const QString &ref)
{
    return quint64(qHash(ref));
}

QString outcomeText(qint8 outcome)
{
    return outcome < 0 ? QString() : QString::number(outcome);
}

} // namespace

Result<MergeResult> Merger::compute(Register &reg, const std::atomic_bool *cancel)
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

    QVector<SystemState> systems;
    QHash<QString, int> systemIndex;
    auto systemOf = [&](const QString &name) {
        auto it = systemIndex.constFind(name);
        if (it != systemIndex.constEnd())
            return it.value();
        SystemState s;
        s.info.name = name;
        s.stats.name = name;
        systems << s;
        systemIndex.insert(name, static_cast<int>(systems.size()) - 1);
        return static_cast<int>(systems.size()) - 1;
    };
    for (const SystemInfo &info : *systemList) {
        const int i = systemOf(info.name);
        systems[i].info = info;
        systems[i].stats.role = systemRoleName(info.role);
    }
    for (const SystemInfo &info : *systemList) {
        if (info.role == SystemRole::New && !info.legacySystem.isEmpty())
            systems[systemIndex.value(info.name)].legacy = systemOf(info.legacySystem);
    }
    for (const ImportBatch &b : *importList) {
        SystemState &s = systems[systemOf(b.system)];
        s.imported = true;
        s.stats.imports++;
        s.stats.rejected += b.rowsRejected;
        s.stats.skipped += b.rowsSkipped;
    }

    MergeResult result;
    MergeReport &report = result.report;
    report.mergedAt = QDateTime::currentDateTimeUtc();
    for (const RejectListing &r : *rejectList) {
        report.rejectedRows++;
        report.rejectsByReason[r.reason]++;
    }

    // Read every row once, into compact rows grouped by crime.
    qint64 expectedRows = 0;
    for (const ImportBatch &b : *importList)
        expectedRows += b.rowsKept;
    QVector<Row> rows;
    QVector<Crime> crimes;
    rows.reserve(expectedRows);
    crimes.reserve(expectedRows / 2 + 1);
    result.links.reserve(expectedRows);
    PersonClasses classes;
    // A node per (system, pseudonymous key), and one per row without a reference.
    HashIndex personNode{size_t(expectedRows)};
    std::vector<qint64> nodeKey;     // node -> its pseudonymous key; 0 for a person without a reference
    std::vector<quint64> nodeRowsIn; // node -> the systems with rows of it, a bit each
    std::vector<bool> nodeOwnKey;    // node -> a key of a system's own rows (not a legacy key)
    nodeKey.reserve(size_t(expectedRows));
    nodeRowsIn.reserve(size_t(expectedRows));
    auto newNode = [&](qint64 key) {
        const int n = classes.add();
        nodeKey.push_back(key);
        nodeRowsIn.push_back(0);
        nodeOwnKey.push_back(false);
        return n;
    };
    auto nodeOf = [&](int system, qint64 key) {
        const int found = personNode.find(quint64(key), system);
        if (found >= 0)
            return found;
        const int n = newNode(key);
        personNode.insert(quint64(key), system, n);
        return n;
    };
    HashIndex crimeByRef{size_t(expectedRows / 2 + 1)};

    bool cancelled = false;
    bool tooManySystems = false;
    QString lastSystemName;
    int lastSystem = -1;
    std::vector<qint64> rowPersonKey, rowLegacyPersonKey;
    rowPersonKey.reserve(size_t(expectedRows));
    rowLegacyPersonKey.reserve(size_t(expectedRows));
    Status read = reg.forEachLink([&](const StoredLink &stored) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return false;
        }
        const LinkRecord &l = stored.link;
        // Rows come a chunk of one system at a time, each chunk with one copy of the name.
        if (stored.system.constData() != lastSystemName.constData() || stored.system != lastSystemName) {
            lastSystemName = stored.system;
            lastSystem = systemOf(stored.system);
        }
        const int sys = lastSystem;
        if (sys >= 64) {
            tooManySystems = true;
            return false;
        }
        SystemState &s = systems[sys];
        s.stats.rows++;
        if (s.stats.firstRecorded == 0 || l.recorded < s.stats.firstRecorded)
            s.stats.firstRecorded = l.recorded;
        s.stats.lastRecorded = std::max(s.stats.lastRecorded, l.recorded);

        // Persons are resolved after reading, all together (below).
        Row row;
        row.linkId = stored.id;
        row.role = l.role;
        row.system = quint8(sys);
        row.age = l.age;
        row.ageSource = l.ageSource;
        row.sex = l.sex;
        rowPersonKey.push_back(l.personKey);
        rowLegacyPersonKey.push_back(l.legacyPersonKey);

        const int rowIndex = static_cast<int>(rows.size());
        int known = -1;
        if (s.lastCrime >= 0 && crimes[s.lastCrime].ref == l.crimeRef) {
            known = s.lastCrime;
        } else {
            known = crimeByRef.find(refHash(l.crimeRef), sys,
                                    [&](int ci) { return crimes[ci].ref == l.crimeRef; });
        }
        if (known < 0) {
            Crime c;
            c.system = sys;
            c.ref = l.crimeRef;
            c.legacyRef = l.legacyCrimeRef;
            c.offenceCode = l.offenceCode;
            c.offenceCategory = l.offenceCategory;
            c.recorded = l.recorded;
            c.committedFrom = l.committedFrom;
            c.precision = l.precision;
            c.outcome = l.outcome;
            c.recordKey = l.crimeKey;
            c.firstRow = c.lastRow = rowIndex;
            crimes << std::move(c);
            const int ci = static_cast<int>(crimes.size()) - 1;
            crimeByRef.insert(refHash(l.crimeRef), sys, ci);
            s.crimes << ci;
            s.lastCrime = ci;
            row.crime = ci;
        } else {
            Crime &c = crimes[known];
            s.lastCrime = known;
            row.crime = known;
            rows[c.lastRow].next = rowIndex;
            c.lastRow = rowIndex;
            if (c.offenceCode != l.offenceCode || c.offenceCategory != l.offenceCategory ||
                c.outcome != l.outcome || c.recorded != l.recorded || c.legacyRef != l.legacyCrimeRef) {
                report.inconsistentRows++;
                if (!c.inconsistent) {
                    c.inconsistent = true;
                    report.issues << MergeIssue{QStringLiteral("inconsistent-rows"),
                                                stored.system,
                                                l.crimeRef,
                                                QString(),
                                                QString(),
                                                QString(),
                                                QString()};
                }
            }
        }
        rows << row;
        return true;
    });
    if (!read)
        return read.error();
    if (cancelled)
        return Error(QStringLiteral("the merge was cancelled"));
    if (tooManySystems)
        return Error(QStringLiteral("the register holds more than 64 systems: the merge handles up to 64"));

    // Persons: a node per (system, key), in the order of the rows, the same person in two systems
    // united. A loop over arrays that looks ahead, so that the hash table's cache misses overlap.
    constexpr size_t kAhead = 12;
    for (size_t i = 0; i < rowPersonKey.size(); ++i) {
        if (i + kAhead < rowPersonKey.size()) {
            const Row &next = rows[qsizetype(i + kAhead)];
            personNode.prefetch(quint64(rowPersonKey[i + kAhead]), next.system);
            const int nextLegacy = systems[next.system].legacy;
            if (rowLegacyPersonKey[i + kAhead] != 0 && nextLegacy >= 0)
                personNode.prefetch(quint64(rowLegacyPersonKey[i + kAhead]), nextLegacy);
        }
        Row &row = rows[qsizetype(i)];
        if (row.role == Role::None)
            continue;
        const int sys = row.system;
        SystemState &s = systems[sys];
        const qint64 personKey = rowPersonKey[i];
        const qint64 legacyPersonKey = rowLegacyPersonKey[i];
        if (personKey != 0) {
            row.person = nodeOf(sys, personKey);
            if (!nodeOwnKey[size_t(row.person)]) {
                nodeOwnKey[size_t(row.person)] = true;
                s.stats.persons++; // references; a blank one is nobody we can name
            }
            if (legacyPersonKey != 0 && s.legacy >= 0)
                classes.unite(row.person, nodeOf(s.legacy, legacyPersonKey));
        } else if (legacyPersonKey != 0 && s.legacy >= 0) {
            row.person = nodeOf(s.legacy, legacyPersonKey);
        } else {
            row.person = newNode(0); // a person of their own: nothing links them to anyone
        }
        nodeRowsIn[size_t(row.person)] |= quint64(1) << sys;
    }
    rowPersonKey = {};
    rowLegacyPersonKey = {};

    for (SystemState &s : systems)
        s.stats.crimes = s.crimes.size();
    auto crimeOfRef = [&](int sys, const QString &ref) {
        return crimeByRef.find(refHash(ref), sys, [&](int ci) { return crimes[ci].ref == ref; });
    };

    // Migrated crimes: which new-system copy stands for which legacy crime.
    QVector<bool> dropped(crimes.size(), false);  // not counted at all
    QVector<int> legacyCopyOf(crimes.size(), -1); // new-system crime -> its matched legacy crime
    for (int sys = 0; sys < systems.size(); ++sys) {
        const SystemState &s = systems[sys];
        if (s.legacy < 0)
            continue;
        QHash<QString, QVector<int>> claims;
        for (int ci : s.crimes) {
            if (!crimes[ci].legacyRef.isEmpty())
                claims[crimes[ci].legacyRef] << ci;
        }
        QStringList legacyRefs = claims.keys();
        legacyRefs.sort();
        for (const QString &legacyRef : legacyRefs) {
            QVector<int> claimants = claims.value(legacyRef);
            std::sort(claimants.begin(), claimants.end(),
                      [&](int a, int b) { return crimes[a].ref < crimes[b].ref; });
            const int chosen = claimants.first();
            if (claimants.size() > 1) {
                report.claimedTwice++;
                for (int ci : claimants) {
                    report.issues << MergeIssue{QStringLiteral("claimed-twice"),
                                                s.info.name,
                                                crimes[ci].ref,
                                                legacyRef,
                                                QString(),
                                                QString(),
                                                QString()};
                    if (ci != chosen)
                        dropped[ci] = true;
                }
            }
            const int original = crimeOfRef(s.legacy, legacyRef);
            if (original < 0) {
                report.migratedOriginalMissing++;
                report.issues << MergeIssue{QStringLiteral("migrated-original-missing"),
                                            s.info.name,
                                            crimes[chosen].ref,
                                            legacyRef,
                                            QString(),
                                            QString(),
                                            QString()};
                continue;
            }
            report.migratedMatched++;
            legacyCopyOf[chosen] = original;
            dropped[original] = true;
        }
    }

    // The merged crimes and links, system by system in the order they were first imported.
    QVector<int> systemOrder(systems.size());
    std::iota(systemOrder.begin(), systemOrder.end(), 0);
    result.crimes.reserve(crimes.size());
    std::vector<qint64> personIds(size_t(classes.size()), 0); // person class -> dense id, 0: none yet
    qint64 personCount = 0;
    // Each person's key: the least of the keys of the references that are the same person, so that every
    // link of the person carries one key whatever system it came from.
    std::vector<qint64> classKey(nodeKey.size(), 0);
    for (size_t node = 0; node < nodeKey.size(); ++node) {
        const qint64 key = nodeKey[node];
        if (key == 0)
            continue;
        qint64 &k = classKey[size_t(classes.find(int(node)))];
        k = k == 0 ? key : std::min(k, key);
    }
    auto personIdOf = [&](int node) {
        qint64 &id = personIds[size_t(classes.find(node))];
        if (id == 0)
            id = ++personCount;
        return id;
    };
    for (int sys : systemOrder) {
        for (int ci : systems[sys].crimes) {
            if (dropped[ci])
                continue;
            const Crime &c = crimes[ci];
            MergedCrime mc;
            mc.id = result.crimes.size() + 1;
            mc.system = systems[sys].info.name;
            mc.crimeRef = c.ref;
            mc.legacyCrimeRef = c.legacyRef;
            mc.offenceCode = c.offenceCode;
            mc.offenceCategory = c.offenceCategory;
            mc.recorded = c.recorded;
            mc.committedFrom = c.committedFrom;
            mc.precision = c.precision;
            mc.outcome = c.outcome;
            mc.recordKey = c.recordKey;

            const int legacyCi = legacyCopyOf[ci];
            const Crime *legacy = legacyCi >= 0 ? &crimes[legacyCi] : nullptr;
            if (legacy) {
                mc.migrated = true;
                mc.system = systems[legacy->system].info.name;
                mc.recorded = legacy->recorded;
                if (legacy->recorded != c.recorded)
                    report.recordedDaysFromLegacy++;
                auto conflict = [&](const QString &field, const QString &was, const QString &now) {
                    report.conflictsByField[field]++;
                    report.issues << MergeIssue{QStringLiteral("conflict"),
                                                systems[sys].info.name,
                                                c.ref,
                                                legacy->ref,
                                                field,
                                                was,
                                                now};
                };
                if (!legacy->offenceCode.isEmpty() && !c.offenceCode.isEmpty() &&
                    legacy->offenceCode != c.offenceCode)
                    conflict(QStringLiteral("offence_class"), legacy->offenceCode, c.offenceCode);
                if (legacy->outcome >= 0 && c.outcome >= 0 && legacy->outcome != c.outcome)
                    conflict(QStringLiteral("outcome"), outcomeText(legacy->outcome), outcomeText(c.outcome));
            }
            result.crimes << std::move(mc);

            QVarLengthArray<int, 8> agesCompared;
            for (int ri = c.firstRow; ri >= 0; ri = rows[ri].next) {
                const Row &r = rows[ri];
                MergedLink ml;
                ml.crimeId = mc.id;
                ml.role = r.role;
                ml.age = r.age;
                ml.ageSource = r.ageSource;
                ml.sex = r.sex;
                ml.linkId = r.linkId;
                if (r.person >= 0) {
                    ml.personId = personIdOf(r.person);
                    const size_t personClass = size_t(classes.find(r.person));
                    ml.personKey = personClass < classKey.size() ? classKey[personClass] : 0;
                    if (legacy) {
                        // The same person in the legacy copy, if there.
                        const int root = classes.find(r.person);
                        const Row *old = nullptr;
                        for (int li = legacy->firstRow; li >= 0 && !old; li = rows[li].next) {
                            if (rows[li].person >= 0 && classes.find(rows[li].person) == root)
                                old = &rows[li];
                        }
                        if (old) {
                            // An age computed on the migration day is replaced by the legacy copy's.
                            if (r.ageSource == AgeSource::BirthAtRecorded && legacy->recorded != c.recorded) {
                                ml.age = old->age;
                                ml.ageSource = old->ageSource;
                            }
                            if (!agesCompared.contains(root) && old->age > 0 && ml.age > 0 &&
                                old->age != ml.age) {
                                report.conflictsByField[QStringLiteral("age")]++;
                                report.issues << MergeIssue{QStringLiteral("conflict"),
                                                            systems[sys].info.name,
                                                            c.ref,
                                                            legacy->ref,
                                                            QStringLiteral("age"),
                                                            QString::number(old->age),
                                                            QString::number(ml.age)};
                            }
                            if (!agesCompared.contains(root))
                                agesCompared.append(root);
                        }
                    }
                }
                if (ml.role != Role::None) {
                    if (ml.age < 0)
                        report.agesUnknown++;
                    else if (ml.age == 0)
                        report.agesFlaggedZero++;
                }
                result.links << ml;
            }
        }
    }

    for (const SystemState &s : systems) {
        if (s.imported)
            report.systems << s.stats;
    }
    report.crimes = result.crimes.size();
    report.links = result.links.size();
    report.persons = personCount;
    std::vector<quint64> systemsOfClass(size_t(classes.size()), 0);
    for (size_t node = 0; node < nodeRowsIn.size(); ++node)
        systemsOfClass[size_t(classes.find(int(node)))] |= nodeRowsIn[node];
    for (quint64 set : systemsOfClass) {
        if (set & (set - 1)) // more than one bit
            report.personsInMoreThanOneSystem++;
    }
    return result;
}

Result<MergeReport> Merger::run(Register &reg, const std::atomic_bool *cancel)
{
    Result<MergeResult> merged = compute(reg, cancel);
    if (!merged)
        return merged.error();
    if (Status s = reg.saveMerge(*merged); !s)
        return s.error();
    // The counting frame too, so that opening the register reads it instead of building it.
    if (Status s = reg.saveFrame(CountingFrame::build(merged->crimes, merged->links).toColumns()); !s)
        return s.error();
    Result<MergeReport> report = reg.mergeReport();
    return report;
}

} // namespace foi
