#include "Merger.h"

#include "count/CountingFrame.h"
#include "merge/HashIndex.h"
#include "register/Chunks.h"
#include "register/Register.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace foi {

namespace {

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

/// An imported row, in 8 bytes: millions of them are held at once. Its crime is its run's (Run), its
/// person keys wait in their own arrays for the persons pass, and its link id is its chunk's first plus
/// its place in the chunk (MergeCore::linkIdOf).
struct Row
{
    qint16 age = -1;
    Role role = Role::None;
    AgeSource ageSource = AgeSource::Unknown;
    Sex sex = Sex::Unknown;
    quint8 system = 0;
};

/// Consecutive rows of one system with the same crime reference and the same crime fields (offence,
/// category, outcome, recorded day, legacy reference): usually all the rows of a crime. The rows of a
/// run agree with each other, so a run agrees with its crime's first row or all its rows disagree; the
/// merge decides per run what the rules decide per row. A crime is the first run of it; its references
/// are kept in the merge's text arena, the legacy one straight after the crime's own.
struct Run
{
    quint32 refAt = 0; ///< in the text arena (at most 4 GB of references)
    quint32 refSize = 0;
    quint32 legacyRefSize = 0;
    qint32 recorded = 0;
    qint32 committedFrom = 0;
    qint32 firstRow = 0;
    qint32 rowCount = 0;
    qint32 crime = -1;    ///< the first run of the crime
    qint32 nextRun = -1;  ///< the crime's next run, in the order read
    qint32 offence = -1;  ///< interned class
    qint32 category = -1; ///< interned police.uk category
    qint64 recordKey = 0;
    qint8 outcome = -1;
    DatePrecision precision = DatePrecision::Day;
    quint8 system = 0;
    bool inconsistent = false; ///< a crime with a run that disagrees with its first
};

struct SystemState
{
    SystemInfo info;
    bool imported = false;
    int legacy = -1;     ///< index of the legacy system, for a new one
    QVector<int> crimes; ///< their first runs, in first-seen order
    SystemStats stats;
    int lastRun = -1; ///< the system's last run: a crime's rows are mostly consecutive
};

QString outcomeText(qint8 outcome)
{
    return outcome < 0 ? QString() : QString::number(outcome);
}

QString qstring(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

/// QString's order (UTF-16 code units) for UTF-8 texts, without making QStrings: the byte order is the
/// code point order, which differs from UTF-16's only for characters beyond U+FFFF.
bool utf16Less(std::string_view a, std::string_view b)
{
    auto beyondBmp = [](std::string_view v) {
        return std::any_of(v.begin(), v.end(), [](char c) { return quint8(c) >= 0xF0; });
    };
    if (beyondBmp(a) || beyondBmp(b))
        return qstring(a) < qstring(b);
    return a < b;
}

bool sameText(std::string_view a, std::string_view b)
{
    return (a.data() == b.data() && a.size() == b.size()) || a == b;
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

/// The people of the rows: a node per (system, person reference) and one per row without one, the same
/// person in two systems united through the new system's legacy references. Works on its own thread,
/// taking the rows' person references a chunk at a time as they are read, while the reading thread goes
/// on with the crimes: neither needs the other.
class PersonPass
{
public:
    /// The person references of consecutive rows.
    struct Block
    {
        std::vector<qint64> keys;       ///< 0 none
        std::vector<qint64> legacyKeys; ///< 0 none
        std::vector<quint8> systems;    ///< kNobody for a row without a person
    };
    static constexpr quint8 kNobody = 0xff;

    PersonPass(std::vector<int> legacyOf, size_t expectedRows, const std::atomic_bool *cancel);
    ~PersonPass() { finish(); }

    /// The next rows' references (from the reading thread).
    void add(Block &&block);
    /// No more rows: waits for the work to end. False when it was cancelled.
    bool finish();

    /// Per row: its person's class (the least node of it), -1 for a row without a person.
    std::vector<int> rowClass;
    /// Per class (indexed by its least node): the least pseudonymous key of its references, 0 none (the
    /// entries of nodes that are not a class's least mean nothing).
    std::vector<qint64> classKey;
    std::vector<qint64> ownKeysBySystem = std::vector<qint64>(64, 0); ///< persons with a reference
    qint64 inMoreThanOneSystem = 0;

private:
    void work();
    void take(const Block &block);
    void classify();

    int newNode(qint64 key, int system)
    {
        m_parent.push_back(static_cast<int>(m_parent.size()));
        m_nodeKey.push_back(key);
        m_nodeSystem.push_back(quint8(system));
        m_nodeRowSystem.push_back(kNoRows);
        m_nodeOwnKey.push_back(false);
        return static_cast<int>(m_parent.size()) - 1;
    }
    int nodeOf(int system, qint64 key)
    {
        const int found = m_index.find(quint64(key), system, [&](int n) {
            return m_nodeKey[size_t(n)] == key && m_nodeSystem[size_t(n)] == system;
        });
        if (found >= 0)
            return found;
        const int n = newNode(key, system);
        m_index.insert(quint64(key), system, n);
        return n;
    }
    /// Notes that a node has a row in a system.
    void rowIn(int node, int system)
    {
        quint8 &in = m_nodeRowSystem[size_t(node)];
        if (in == kNoRows)
            in = quint8(system);
        else if (in != system)
            in = kSeveralSystems;
    }
    int find(int x)
    {
        while (m_parent[size_t(x)] != x) {
            m_parent[size_t(x)] = m_parent[size_t(m_parent[size_t(x)])];
            x = m_parent[size_t(x)];
        }
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[size_t(std::max(a, b))] = std::min(a, b);
    }

    const std::vector<int> m_legacyOf; ///< system -> its legacy system, -1 none
    const std::atomic_bool *m_cancel;
    bool m_cancelled = false;

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Block> m_queue;
    bool m_noMore = false;
    std::thread m_thread;

    HashIndex m_index{1024};   ///< (key, system) -> node
    std::vector<int> m_parent; ///< union-find over nodes
    static constexpr quint8 kNoRows = 0xff;
    static constexpr quint8 kSeveralSystems = 0xfe;
    std::vector<qint64> m_nodeKey;       ///< 0 for a person without a reference
    std::vector<quint8> m_nodeSystem;    ///< the system of the node's key
    std::vector<quint8> m_nodeRowSystem; ///< the system of the node's rows, or none, or several
    std::vector<bool> m_nodeOwnKey;      ///< a key of a system's own rows (not a legacy key)
};

PersonPass::PersonPass(std::vector<int> legacyOf, size_t expectedRows, const std::atomic_bool *cancel)
    : m_legacyOf(std::move(legacyOf))
    , m_cancel(cancel)
{
    // The tables are made on the pass's own thread, while the reading thread starts reading.
    m_thread = std::thread([this, expectedRows] {
        m_index = HashIndex(expectedRows);
        rowClass.reserve(expectedRows);
        m_parent.reserve(expectedRows);
        m_nodeKey.reserve(expectedRows);
        m_nodeSystem.reserve(expectedRows);
        m_nodeRowSystem.reserve(expectedRows);
        m_nodeOwnKey.reserve(expectedRows);
        work();
    });
}

void PersonPass::add(Block &&block)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(block));
    }
    m_ready.notify_one();
}

bool PersonPass::finish()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_noMore = true;
        }
        m_ready.notify_one();
        m_thread.join();
    }
    return !m_cancelled;
}

void PersonPass::work()
{
    for (;;) {
        Block block;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_ready.wait(lock, [this] { return !m_queue.empty() || m_noMore; });
            if (m_queue.empty())
                break;
            block = std::move(m_queue.front());
            m_queue.pop_front();
        }
        if (m_cancelled || (m_cancel && m_cancel->load(std::memory_order_relaxed))) {
            m_cancelled = true;
            continue; // take no more, but let the reader hand its blocks over and finish
        }
        take(block);
    }
    if (!m_cancelled)
        classify();
}

void PersonPass::take(const Block &block)
{
    const size_t n = block.systems.size();
    constexpr size_t kAhead = 16;
    for (size_t i = 0; i < n; ++i) {
        // The table's slots a few rows ahead, so that their cache misses overlap.
        if (i + kAhead < n && block.systems[i + kAhead] != kNobody) {
            const int sys = block.systems[i + kAhead];
            if (block.keys[i + kAhead] != 0)
                m_index.prefetch(quint64(block.keys[i + kAhead]), sys);
            const int legacy = m_legacyOf[size_t(sys)];
            if (block.legacyKeys[i + kAhead] != 0 && legacy >= 0)
                m_index.prefetch(quint64(block.legacyKeys[i + kAhead]), legacy);
        }
        const int sys = block.systems[i];
        if (sys == kNobody) {
            rowClass.push_back(-1);
            continue;
        }
        const int legacy = m_legacyOf[size_t(sys)];
        const qint64 key = block.keys[i];
        const qint64 legacyKey = block.legacyKeys[i];
        int person;
        if (key != 0) {
            person = nodeOf(sys, key);
            if (!m_nodeOwnKey[size_t(person)]) {
                m_nodeOwnKey[size_t(person)] = true;
                ownKeysBySystem[size_t(sys)]++; // references; a blank one is nobody we can name
            }
            if (legacyKey != 0 && legacy >= 0)
                unite(person, nodeOf(legacy, legacyKey));
        } else if (legacyKey != 0 && legacy >= 0) {
            person = nodeOf(legacy, legacyKey);
        } else {
            person = newNode(0, sys); // a person of their own: nothing links them to anyone
        }
        rowIn(person, sys);
        rowClass.push_back(person);
    }
}

void PersonPass::classify()
{
    m_index = HashIndex(16);
    // Every node's parent made its root: parents are never greater than their nodes, so in increasing
    // order a node's parent has its root already.
    const size_t nodes = m_parent.size();
    for (size_t node = 0; node < nodes; ++node)
        m_parent[node] = m_parent[size_t(m_parent[node])];

    // Each class's key: the least of the keys of the references that are the same person, so that every
    // link of the person carries one key whatever system it came from; and the systems it has rows in.
    // Both gathered in the root's own place, which comes before the class's other nodes.
    for (size_t node = 0; node < nodes; ++node) {
        const auto root = size_t(m_parent[node]);
        if (root == node)
            continue;
        if (m_nodeRowSystem[node] != kNoRows)
            rowIn(int(root), m_nodeRowSystem[node]); // several stays several
        const qint64 k = m_nodeKey[node];
        qint64 &least = m_nodeKey[root];
        if (k != 0)
            least = least == 0 ? k : std::min(least, k);
    }
    for (size_t node = 0; node < nodes; ++node) {
        if (size_t(m_parent[node]) == node && m_nodeRowSystem[node] == kSeveralSystems)
            inMoreThanOneSystem++;
    }
    classKey = std::move(m_nodeKey);
    for (int &c : rowClass) {
        if (c >= 0)
            c = m_parent[size_t(c)];
    }
    // What the delivery does not need, given back for the frame to use.
    m_parent = {};
    m_nodeSystem = {};
    m_nodeRowSystem = {};
    m_nodeOwnKey = {};
}

/// The persons of the merged links numbered as the counting frame numbers them (in the order they are
/// first linked), with their record keys: on a second thread, taking the links as the delivering
/// thread hands them over, while it makes the rest of the frame.
class LinkPersons
{
public:
    /// classKey: as PersonPass gives it; links: about how many links are added.
    LinkPersons(const std::vector<qint64> &classKey, size_t links)
        : m_classKey(classKey)
        , m_links(links)
    {
        m_thread = std::thread([this] { work(); });
    }
    ~LinkPersons() { finish(); }

    /// The next link: its person's class (-1 for a row without a person: a person of their own) and
    /// the record key a person of their own would have on it.
    void add(int personClass, std::uint32_t unnamedKey)
    {
        m_jobs[m_added % kRing] = Job{personClass, unnamedKey};
        if ((++m_added % kBatch) == 0)
            publish(false);
    }
    /// No more links: waits for the numbering to end.
    void finish()
    {
        if (m_thread.joinable()) {
            publish(true);
            m_thread.join();
        }
    }

    std::vector<qint32> linkPerson;
    std::vector<std::uint32_t> personKey;
    qint64 namedPersons = 0; ///< persons with a row of their own (not a row without people)

private:
    struct Job
    {
        int personClass;
        std::uint32_t unnamedKey;
    };

    /// Hands the links added so far over, first waiting for room in the ring if the numbering is
    /// behind.
    void publish(bool last)
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_room.wait(lock, [&] { return m_added - m_taken <= kRing - kBatch; });
            m_published = m_added;
            m_last = last;
        }
        m_ready.notify_one();
    }

    void work()
    {
        std::vector<qint32> personOfClass(m_classKey.size(), -1);
        linkPerson.reserve(m_links);
        personKey.reserve(m_links);
        qint32 next = 0;
        size_t at = 0;
        for (;;) {
            size_t until = 0;
            bool last = false;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_ready.wait(lock, [&] { return m_published > at || m_last; });
                until = m_published;
                last = m_last;
            }
            for (; at < until; ++at) {
                const Job &job = m_jobs[at % kRing];
                if (job.personClass < 0) {
                    linkPerson.push_back(next++);
                    personKey.push_back(job.unnamedKey);
                    continue;
                }
                qint32 &person = personOfClass[size_t(job.personClass)];
                if (person < 0) {
                    person = next++;
                    ++namedPersons;
                    personKey.push_back(
                        CountingFrame::personRecordKey(m_classKey[size_t(job.personClass)], job.unnamedKey));
                }
                linkPerson.push_back(person);
            }
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_taken = at;
            }
            m_room.notify_one();
            if (last && at == until)
                break;
        }
    }

    // Small enough to stay in the cache, and to go round more than once in the tests' registers.
    static constexpr size_t kRing = size_t(1) << 14;  ///< links between the threads at most
    static constexpr size_t kBatch = size_t(1) << 10; ///< links handed over at once

    const std::vector<qint64> &m_classKey;
    const size_t m_links;
    std::vector<Job> m_jobs = std::vector<Job>(kRing); ///< written up to m_added by the delivering thread
    size_t m_added = 0;
    std::mutex m_mutex;
    std::condition_variable m_ready; ///< links to take
    std::condition_variable m_room;  ///< room in the ring
    size_t m_published = 0;          ///< links the numbering may take
    size_t m_taken = 0;              ///< links the numbering has taken
    bool m_last = false;
    std::thread m_thread;
};

/// The merge's work, shared by compute() (which makes a MergeResult) and run() (which makes the
/// counting frame as it goes, without the records in between). The rules are docs/merge-rules.md's.
///
/// It goes in passes, each a tight loop over flat arrays, because millions of rows defeat the caches:
/// the chunks are read into rows and runs; then the crimes are merged on this thread while the people
/// are on another; then the merged crimes and their links are delivered in order.
class MergeCore
{
public:
    Status read(Register &reg, const std::atomic_bool *cancel);

    /// Gives every merged crime, each followed by its links, to the sink (crime(OutCrime) and
    /// link(...)), and completes the report.
    template<typename Sink>
    void deliver(Sink &sink);

    /// Per class of persons, its pseudonymous key (PersonPass::classKey), once read.
    const std::vector<qint64> &classKeys() const { return m_persons->classKey; }
    size_t rowCount() const { return m_rows.size(); }

    MergeReport report;
    Interner texts;
    qint64 expectedRows = 0;
    qint64 expectedCrimes = 0;

private:
    /// Reads the rows into runs, and hands their people to the persons pass.
    Status readChunks(Register &reg, const std::atomic_bool *cancel);
    bool mergeCrimes(const std::atomic_bool *cancel);
    void matchMigrated();
    /// What a link of a migrated crime takes from the same person's link in the legacy copy.
    void useLegacyCopy(const Run &legacy, const Run &c, int personClass, const QString &system,
                       MergedLink *ml, QVarLengthArray<int, 8> *agesCompared);

    std::string_view refOf(const Run &r) const
    {
        return std::string_view(m_arena).substr(r.refAt, r.refSize);
    }
    std::string_view legacyRefOf(const Run &r) const
    {
        return std::string_view(m_arena).substr(size_t(r.refAt) + r.refSize, r.legacyRefSize);
    }
    static quint64 textHash(std::string_view text)
    {
        return qHash(QByteArrayView(text.data(), qsizetype(text.size())));
    }
    /// The crime (its first run) of a reference in a system; -1 when none.
    int crimeOfRef(int system, std::string_view ref, quint64 hash) const
    {
        return m_crimeByRef.find(hash, system, [&](int ci) {
            const Run &r = m_runs[size_t(ci)];
            return r.system == system && refOf(r) == ref;
        });
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

    QVector<SystemState> m_systems;
    QHash<QString, int> m_systemIndex;
    std::vector<Row> m_rows;
    std::vector<Run> m_runs;
    std::string m_arena; ///< the runs' references, end to end
    /// The first row of each chunk read and its link id, in the order read.
    std::vector<std::pair<int, qint64>> m_chunkStarts;
    HashIndex m_crimeByRef{1024}; ///< (reference, system) -> crime

    std::unique_ptr<PersonPass> m_persons;

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
    // To the second, as the stored report keeps it.
    report.mergedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    for (const RejectListing &r : *rejectList) {
        report.rejectedRows++;
        report.rejectsByReason[r.reason]++;
    }
    report.rejects = std::move(*rejectList);

    // The people on a second thread, as the rows are read, while this one goes on to the crimes.
    std::vector<int> legacyOf(64, -1);
    for (int sys = 0; sys < m_systems.size() && sys < 64; ++sys)
        legacyOf[size_t(sys)] = m_systems[sys].legacy;
    m_persons = std::make_unique<PersonPass>(std::move(legacyOf), size_t(expectedRows), cancel);
    if (Status s = readChunks(reg, cancel); !s)
        return s; // the persons pass ends with the core
    if (!mergeCrimes(cancel)) {
        m_persons->finish();
        return Error(QStringLiteral("the merge was cancelled"));
    }
    for (SystemState &s : m_systems)
        s.stats.crimes = s.crimes.size();
    matchMigrated();              // while the persons pass ends
    m_crimeByRef = HashIndex(16); // done with: its memory goes to the frame
    if (!m_persons->finish())
        return Error(QStringLiteral("the merge was cancelled"));
    for (int sys = 0; sys < m_systems.size(); ++sys)
        m_systems[sys].stats.persons = m_persons->ownKeysBySystem[size_t(sys)];

    expectedCrimes = 0;
    for (const SystemState &s : m_systems)
        expectedCrimes += s.crimes.size();
    return {};
}

Status MergeCore::readChunks(Register &reg, const std::atomic_bool *cancel)
{
    // Every row once, as views of the stored chunks, into rows and runs.
    m_rows.reserve(size_t(expectedRows));
    m_runs.reserve(size_t(expectedRows / 2 + 1));
    m_arena.reserve(size_t(expectedRows) * 16); // pages are only taken as they are written
    bool cancelled = false;
    bool tooManySystems = false;
    bool tooLarge = false;
    std::optional<Error> damaged;
    QString lastSystemName;
    int sys = -1;
    // The last texts interned, by view: a run's offence is often the run before's.
    std::string_view lastOffence, lastCategory;
    int lastOffenceId = -1, lastCategoryId = -1;
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
        SystemStats &stats = m_systems[sys].stats;
        m_chunkStarts.push_back({int(m_rows.size()), chunk.firstLinkId});
        chunks::LinkChunkReader reader(chunk.data);
        PersonPass::Block people;
        people.keys.reserve(size_t(reader.count()));
        people.legacyKeys.reserve(size_t(reader.count()));
        people.systems.reserve(size_t(reader.count()));
        chunks::LinkView l, previous;
        bool first = true; // a chunk starts a run: views of the chunk before are gone
        while (reader.next(&l)) {
            const bool sameRun = !first && sameText(l.crimeRef, previous.crimeRef) &&
                                 l.outcome == previous.outcome && l.recorded == previous.recorded &&
                                 sameText(l.offenceCode, previous.offenceCode) &&
                                 sameText(l.offenceCategory, previous.offenceCategory) &&
                                 sameText(l.legacyCrimeRef, previous.legacyCrimeRef);
            first = false;
            if (sameRun) {
                m_runs.back().rowCount++;
            } else {
                if (stats.firstRecorded == 0 || l.recorded < stats.firstRecorded)
                    stats.firstRecorded = l.recorded;
                stats.lastRecorded = std::max(stats.lastRecorded, l.recorded);
                Run r;
                r.refAt = quint32(m_arena.size());
                r.refSize = quint32(l.crimeRef.size());
                r.legacyRefSize = quint32(l.legacyCrimeRef.size());
                m_arena.append(l.crimeRef);
                m_arena.append(l.legacyCrimeRef);
                if (!sameText(l.offenceCode, lastOffence)) {
                    lastOffence = l.offenceCode;
                    lastOffenceId = texts.intern(l.offenceCode);
                }
                if (!sameText(l.offenceCategory, lastCategory)) {
                    lastCategory = l.offenceCategory;
                    lastCategoryId = texts.intern(l.offenceCategory);
                }
                r.offence = lastOffenceId;
                r.category = lastCategoryId;
                r.recorded = l.recorded;
                r.committedFrom = l.committedFrom;
                r.precision = l.precision;
                r.outcome = l.outcome;
                r.recordKey = l.crimeKey;
                r.system = quint8(sys);
                r.firstRow = int(m_rows.size());
                r.rowCount = 1;
                m_runs.push_back(r);
            }
            Row row;
            row.role = l.role;
            row.system = quint8(sys);
            row.age = l.age;
            row.ageSource = l.ageSource;
            row.sex = l.sex;
            m_rows.push_back(row);
            people.keys.push_back(l.personKey);
            people.legacyKeys.push_back(l.legacyPersonKey);
            people.systems.push_back(l.role == Role::None ? PersonPass::kNobody : quint8(sys));
            previous = l;
        }
        // The views into this chunk end with it.
        lastOffence = lastCategory = std::string_view();
        if (Status st = reader.status(); !st) {
            damaged = Error(st.error().message, reg.location());
            return false;
        }
        stats.rows += reader.count();
        m_persons->add(std::move(people));
        if (m_arena.size() > std::numeric_limits<quint32>::max()) {
            tooLarge = true;
            return false;
        }
        if (m_rows.size() > size_t(std::numeric_limits<int>::max()) / 2) {
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
        return Error(QStringLiteral("the register holds more rows or longer crime references than the "
                                    "merge can hold (about a billion rows, 4 GB of references)"));
    return {};
}

bool MergeCore::mergeCrimes(const std::atomic_bool *cancel)
{
    // Runs to crimes: a run with the reference of its system's run before continues that crime; any other
    // is looked up, and starts a crime when its reference is new.
    const size_t n = m_runs.size();
    m_crimeByRef = HashIndex(n);
    std::vector<int> lastRun(n, -1); // of a crime (its first run)
    // The references' hashes a few runs ahead, so that the table's slots can be fetched ahead.
    constexpr size_t kAhead = 16;
    std::array<quint64, 2 * kAhead> hashes{};
    auto hashAhead = [&](size_t k) {
        hashes[k % hashes.size()] = textHash(refOf(m_runs[k]));
        m_crimeByRef.prefetch(hashes[k % hashes.size()], m_runs[k].system);
    };
    for (size_t k = 0; k < std::min(kAhead, n); ++k)
        hashAhead(k);
    for (size_t i = 0; i < n; ++i) {
        if ((i & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return false;
        if (i + kAhead < n)
            hashAhead(i + kAhead);
        const quint64 hash = hashes[i % hashes.size()];
        Run &r = m_runs[i];
        SystemState &s = m_systems[r.system];
        const std::string_view ref = refOf(r);
        int crime = -1;
        if (s.lastRun >= 0 && refOf(m_runs[size_t(s.lastRun)]) == ref)
            crime = m_runs[size_t(s.lastRun)].crime;
        else
            crime = crimeOfRef(r.system, ref, hash);
        s.lastRun = int(i);
        if (crime < 0) {
            r.crime = lastRun[i] = int(i);
            m_crimeByRef.insert(hash, r.system, int(i));
            s.crimes << int(i);
            continue;
        }
        Run &c = m_runs[size_t(crime)];
        r.crime = crime;
        m_runs[size_t(lastRun[size_t(crime)])].nextRun = int(i);
        lastRun[size_t(crime)] = int(i);
        if (r.offence != c.offence || r.category != c.category || r.outcome != c.outcome ||
            r.recorded != c.recorded || legacyRefOf(r) != legacyRefOf(c)) {
            report.inconsistentRows += r.rowCount;
            if (!c.inconsistent) {
                c.inconsistent = true;
                report.issues << MergeIssue{QStringLiteral("inconsistent-rows"),
                                            s.info.name,
                                            qstring(ref),
                                            QString(),
                                            QString(),
                                            QString(),
                                            QString()};
            }
        }
    }
    return true;
}

void MergeCore::matchMigrated()
{
    // Migrated crimes: which new-system copy stands for which legacy crime.
    m_dropped.assign(m_runs.size(), false);
    m_legacyCopyOf.assign(m_runs.size(), -1);
    for (int sys = 0; sys < m_systems.size(); ++sys) {
        const SystemState &s = m_systems[sys];
        if (s.legacy < 0)
            continue;
        // The crimes that claim each legacy reference, in the order read.
        HashIndex claimIndex(size_t(s.crimes.size()));
        std::vector<int> claimFirst; // claim -> its first claimant
        std::vector<int> claimCount;
        QHash<int, QVector<int>> moreClaimants; // claim -> every claimant, for the few with several
        for (int ci : s.crimes) {
            const Run &c = m_runs[size_t(ci)];
            if (c.legacyRefSize == 0)
                continue;
            const std::string_view legacyRef = legacyRefOf(c);
            const quint64 h = textHash(legacyRef);
            const int claim = claimIndex.find(
                h, 0, [&](int k) { return legacyRefOf(m_runs[size_t(claimFirst[size_t(k)])]) == legacyRef; });
            if (claim < 0) {
                claimIndex.insert(h, 0, int(claimFirst.size()));
                claimFirst.push_back(ci);
                claimCount.push_back(1);
                continue;
            }
            QVector<int> &all = moreClaimants[claim];
            if (all.isEmpty())
                all << claimFirst[size_t(claim)];
            all << ci;
            claimCount[size_t(claim)]++;
        }

        // Each claim settled; the ones with something to report listed in the order of their legacy
        // references, as the report shows them.
        std::vector<int> reported;
        std::vector<int> chosenOf(claimFirst.size());
        std::vector<int> originalOf(claimFirst.size());
        for (size_t claim = 0; claim < claimFirst.size(); ++claim) {
            int chosen = claimFirst[claim];
            if (claimCount[claim] > 1) {
                QVector<int> &all = moreClaimants[int(claim)];
                std::sort(all.begin(), all.end(), [&](int a, int b) {
                    return utf16Less(refOf(m_runs[size_t(a)]), refOf(m_runs[size_t(b)]));
                });
                chosen = all.first();
                report.claimedTwice++;
                for (int ci : all) {
                    if (ci != chosen)
                        m_dropped[size_t(ci)] = true;
                }
            }
            const std::string_view legacyRef = legacyRefOf(m_runs[size_t(chosen)]);
            const int original = crimeOfRef(s.legacy, legacyRef, textHash(legacyRef));
            chosenOf[claim] = chosen;
            originalOf[claim] = original;
            if (claimCount[claim] > 1 || original < 0)
                reported.push_back(int(claim));
            if (original < 0) {
                report.migratedOriginalMissing++;
                continue;
            }
            report.migratedMatched++;
            m_legacyCopyOf[size_t(chosen)] = original;
            m_dropped[size_t(original)] = true;
        }
        std::sort(reported.begin(), reported.end(), [&](int a, int b) {
            return utf16Less(legacyRefOf(m_runs[size_t(claimFirst[size_t(a)])]),
                             legacyRefOf(m_runs[size_t(claimFirst[size_t(b)])]));
        });
        for (int claim : reported) {
            const int chosen = chosenOf[size_t(claim)];
            const QString legacyRef = qstring(legacyRefOf(m_runs[size_t(chosen)]));
            if (claimCount[size_t(claim)] > 1) {
                for (int ci : moreClaimants.value(claim)) {
                    report.issues << MergeIssue{QStringLiteral("claimed-twice"),
                                                s.info.name,
                                                qstring(refOf(m_runs[size_t(ci)])),
                                                legacyRef,
                                                QString(),
                                                QString(),
                                                QString()};
                }
            }
            if (originalOf[size_t(claim)] < 0) {
                report.issues << MergeIssue{QStringLiteral("migrated-original-missing"),
                                            s.info.name,
                                            qstring(refOf(m_runs[size_t(chosen)])),
                                            legacyRef,
                                            QString(),
                                            QString(),
                                            QString()};
            }
        }
    }
}

template<typename Sink>
void MergeCore::deliver(Sink &sink)
{
    // Persons are numbered 1, 2, ... in the order their first link is delivered.
    std::vector<qint64> &classKey = m_persons->classKey;
    const std::vector<int> &rowClass = m_persons->rowClass;
    std::vector<qint32> personIds; // class -> dense id, 0: none yet
    if constexpr (Sink::kNumbersPersons)
        personIds.assign(classKey.size(), 0);
    qint64 personCount = 0;
    qint64 crimeCount = 0;
    qint64 linkCount = 0;

    // The merged crimes and links, system by system in the order they were first imported.
    for (int sys = 0; sys < m_systems.size(); ++sys) {
        const SystemState &system = m_systems[sys];
        for (int ci : system.crimes) {
            if (m_dropped[size_t(ci)])
                continue;
            const Run &c = m_runs[size_t(ci)];
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
            const Run *legacy = legacyCi >= 0 ? &m_runs[size_t(legacyCi)] : nullptr;
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
            for (int ri = ci; ri >= 0; ri = m_runs[size_t(ri)].nextRun) {
                const Run &run = m_runs[size_t(ri)];
                for (int row = run.firstRow, end = run.firstRow + run.rowCount; row < end; ++row) {
                    const Row &r = m_rows[size_t(row)];
                    MergedLink ml;
                    ml.crimeId = out.id;
                    ml.role = r.role;
                    ml.age = r.age;
                    ml.ageSource = r.ageSource;
                    ml.sex = r.sex;
                    if constexpr (Sink::kNeedsLinkIds)
                        ml.linkId = linkIdOf(row);
                    const int personClass = rowClass[size_t(row)];
                    if (personClass >= 0) {
                        if constexpr (Sink::kNumbersPersons) {
                            qint32 &id = personIds[size_t(personClass)];
                            if (id == 0)
                                id = qint32(++personCount);
                            ml.personId = id;
                            ml.personKey = classKey[size_t(personClass)];
                        }
                        if (legacy)
                            useLegacyCopy(*legacy, c, personClass, system.info.name, &ml, &agesCompared);
                    }
                    if (ml.role != Role::None) {
                        if (ml.age < 0)
                            report.agesUnknown++;
                        else if (ml.age == 0)
                            report.agesFlaggedZero++;
                    }
                    ++linkCount;
                    if constexpr (Sink::kNumbersPersons)
                        sink.link(ml);
                    else
                        sink.link(ml, personClass);
                }
            }
        }
    }

    for (const SystemState &s : m_systems) {
        if (s.imported)
            report.systems << s.stats;
    }
    report.crimes = crimeCount;
    report.links = linkCount;
    report.persons = personCount; // the sink's own count, when it numbers them
    report.personsInMoreThanOneSystem = m_persons->inMoreThanOneSystem;
}

void MergeCore::useLegacyCopy(const Run &legacy, const Run &c, int personClass, const QString &system,
                              MergedLink *ml, QVarLengthArray<int, 8> *agesCompared)
{
    // The same person in the legacy copy, if there.
    const std::vector<int> &rowClass = m_persons->rowClass;
    const Row *old = nullptr;
    for (int ri = legacy.crime; ri >= 0 && !old; ri = m_runs[size_t(ri)].nextRun) {
        const Run &run = m_runs[size_t(ri)];
        for (int row = run.firstRow, end = run.firstRow + run.rowCount; row < end && !old; ++row) {
            if (rowClass[size_t(row)] == personClass)
                old = &m_rows[size_t(row)];
        }
    }
    if (!old)
        return;
    // An age computed on the migration day is replaced by the legacy copy's.
    if (ml->ageSource == AgeSource::BirthAtRecorded && legacy.recorded != c.recorded) {
        ml->age = old->age;
        ml->ageSource = old->ageSource;
    }
    if (!agesCompared->contains(personClass) && old->age > 0 && ml->age > 0 && old->age != ml->age) {
        report.conflictsByField[QStringLiteral("age")]++;
        report.issues << MergeIssue{QStringLiteral("conflict"), system,
                                    qstring(refOf(c)),          qstring(refOf(legacy)),
                                    QStringLiteral("age"),      QString::number(old->age),
                                    QString::number(ml->age)};
    }
    if (!agesCompared->contains(personClass))
        agesCompared->append(personClass);
}

/// Makes the merged crimes and links of a MergeResult.
struct ResultSink
{
    static constexpr bool kNeedsLinkIds = true;
    static constexpr bool kNumbersPersons = true; ///< deliver() numbers the persons, for link(MergedLink)
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
    static constexpr bool kNumbersPersons = false; ///< LinkPersons does, from link(MergedLink, class)
    CountingFrame::Builder builder;
    LinkPersons *persons = nullptr;
    void crime(const OutCrime &c, const Interner &texts)
    {
        builder.addCrime(*c.system, texts.string(c.offence), c.offence, texts.string(c.category), c.recorded,
                         c.committedFrom, c.precision, c.outcome, c.recordKey);
    }
    void link(const MergedLink &l, int personClass)
    {
        persons->add(personClass, builder.addLinkOfLaterPerson(l.role, l.age, l.sex));
    }
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
    // The persons numbered on the second thread as the links are delivered on this one.
    LinkPersons persons(core.classKeys(), core.rowCount());
    FrameSink sink{CountingFrame::Builder(core.expectedCrimes, core.expectedRows), &persons};
    core.deliver(sink);
    persons.finish();
    sink.builder.setLinkPersons(std::move(persons.linkPerson), std::move(persons.personKey));
    if (cancel && cancel->load(std::memory_order_relaxed))
        return Error(QStringLiteral("the merge was cancelled"));
    MergeResult result;
    result.report = std::move(core.report);
    result.report.persons = persons.namedPersons;
    if (Status s = reg.saveMerge(result); !s)
        return s.error();
    const CountingFrame frame = sink.builder.finish();
    if (Status s = reg.saveFrame(frame.toColumns()); !s) // views of the frame, which outlives them
        return s.error();
    return std::move(result.report); // what mergeReport() reads back, without reading it
}

} // namespace foi
