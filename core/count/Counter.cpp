#include "count/Counter.h"

#include <QDate>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>
#include <optional>
#include <tuple>

namespace foi {

namespace {

const QString kCombinedSexualKey = QStringLiteral("sexual-offences");
const QString kCombinedSexualLabel = QStringLiteral("Sexual offences (combined)");

bool isPersonDimension(Dimension d)
{
    return d == Dimension::Age || d == Dimension::Sex;
}

/// Maps what a record holds for one dimension (a small integer: the offence index, the age + 1, the
/// month number) to the table's categories, registering categories as they are met.
class DimensionCoder
{
public:
    DimensionCoder(Dimension dimension, const CountingFrame &frame, const Request &request,
                   QSet<QString> mergeIntoOther = {})
        : m_dimension(dimension)
        , m_frame(frame)
        , m_request(request)
        , m_mergeIntoOther(std::move(mergeIntoOther))
    {
        if (isOffence()) {
            m_offenceCategory.resize(size_t(frame.offences.size()));
            for (qsizetype i = 0; i < frame.offences.size(); ++i)
                m_offenceCategory[size_t(i)] = offenceCategory(frame.offences[i]);
        }
    }

    bool isOffence() const
    {
        return m_dimension == Dimension::OffenceGroup || m_dimension == Dimension::OffenceSubgroup ||
               m_dimension == Dimension::OffenceClass;
    }

    /// The category of a crime's link (link is only read for person dimensions).
    int code(qint32 crime, qint32 link, qint32 day)
    {
        switch (m_dimension) {
        case Dimension::OffenceGroup:
        case Dimension::OffenceSubgroup:
        case Dimension::OffenceClass:
            return lookup(m_frame.crimeOffence[size_t(crime)],
                          [&](int raw) { return m_offenceCategory[size_t(raw)]; });
        case Dimension::Age:
            return lookup(m_frame.linkAge[size_t(link)] + 1, [&](int raw) { return ageCategory(raw - 1); });
        case Dimension::Sex:
            return lookup(m_frame.linkSex[size_t(link)], [&](int raw) { return sexCategory(raw); });
        case Dimension::Year: {
            const QDate d = QDate::fromJulianDay(day);
            return lookup(d.year() - 1800, [&](int) {
                return Category{QString::number(d.year()), QString::number(d.year()), false, false, {}, {}};
            });
        }
        case Dimension::Month: {
            const QDate d = QDate::fromJulianDay(day);
            return lookup((d.year() - 1800) * 12 + d.month() - 1, [&](int) {
                return Category{d.toString(QStringLiteral("yyyy-MM")),
                                QLocale(QLocale::English).toString(d, QStringLiteral("MMMM yyyy")),
                                false,
                                false,
                                {},
                                {}};
            });
        }
        case Dimension::System:
            return lookup(m_frame.crimeSystem[size_t(crime)], [&](int raw) {
                const QString name = m_frame.systems.value(raw);
                return Category{name, name.size() <= 8 ? name.toUpper() : name, false, false, {}, {}};
            });
        }
        return 0;
    }

    QVector<Category> categories;

    /// Sorts the categories into their natural order; returns old index -> new index.
    std::vector<int> sortNaturally() const
    {
        std::vector<int> order(size_t(categories.size()));
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        auto rank = [&](const Category &c) -> std::pair<int, qint64> {
            if (c.unknown)
                return {2, 0};
            if (c.key == QLatin1String("other")) // "Other" and "Other ages" come last, before unknown
                return {1, 0};
            if (m_dimension == Dimension::Age)
                return {0, c.key.section(QLatin1Char('-'), 0, 0).toLongLong()};
            return {0, 0};
        };
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const Category &ca = categories[a];
            const Category &cb = categories[b];
            const auto ra = rank(ca);
            const auto rb = rank(cb);
            if (ra != rb)
                return ra < rb;
            if (m_dimension == Dimension::Year || m_dimension == Dimension::Month)
                return ca.key < cb.key;
            const int byLabel = ca.label.compare(cb.label, Qt::CaseInsensitive);
            if (byLabel != 0)
                return byLabel < 0;
            return ca.key < cb.key;
        });
        std::vector<int> newIndex(order.size());
        for (size_t i = 0; i < order.size(); ++i)
            newIndex[size_t(order[i])] = int(i);
        return newIndex;
    }

private:
    template<typename Make>
    int lookup(int raw, Make make)
    {
        if (raw < 0)
            raw = 0;
        if (size_t(raw) >= m_rawToCategory.size())
            m_rawToCategory.resize(size_t(raw) + 1, -1);
        int &slot = m_rawToCategory[size_t(raw)];
        if (slot >= 0)
            return slot;
        Category c = make(raw);
        if (m_mergeIntoOther.contains(c.key))
            c = Category{QStringLiteral("other"),
                         m_dimension == Dimension::Age ? QStringLiteral("Other ages")
                                                       : QStringLiteral("Other"),
                         false,
                         false,
                         {},
                         {}};
        for (qsizetype i = 0; i < categories.size(); ++i) {
            if (categories[i].key == c.key) {
                if (categories[i].parentGroup != c.parentGroup)
                    categories[i].parentGroup.clear();
                if (categories[i].parentSubgroup != c.parentSubgroup)
                    categories[i].parentSubgroup.clear();
                slot = int(i);
                return slot;
            }
        }
        slot = int(categories.size());
        categories << c;
        return slot;
    }

    Category offenceCategory(const FrameOffence &o) const
    {
        if (o.code.isEmpty()) // a police.uk category: the same at every level
            return Category{o.description, o.description, false, false, {}, {}};
        const bool combine =
            o.sexual && m_request.protection.sensitive == ProtectionPolicy::Sensitive::Combine;
        switch (m_dimension) {
        case Dimension::OffenceGroup:
            return Category{o.group, o.group, o.sexual, false, {}, {}};
        case Dimension::OffenceSubgroup:
            // The combined row lies in the sexual offences group, and the combined subgroup (a table of
            // both levels combines both), so that a reader's knowledge of the classification holds for it.
            if (combine)
                return Category{kCombinedSexualKey, kCombinedSexualLabel, true, false, o.group, {}};
            return Category{o.subgroup, o.subgroup, o.sexual, false, o.group, {}};
        default:
            if (combine)
                return Category{kCombinedSexualKey, kCombinedSexualLabel, true, false, o.group,
                                kCombinedSexualKey};
            return Category{o.code, o.description, o.sexual, false, o.group, o.subgroup};
        }
    }

    Category ageCategory(int age) const
    {
        if (age < 0)
            return Category{QStringLiteral("unknown"), QStringLiteral("Unknown"), false, true, {}, {}};
        const auto &bands = m_request.protection.ageBands;
        if (bands.isEmpty())
            return Category{QString::number(age), QString::number(age), false, false, {}, {}};
        for (const auto &band : bands) {
            if (age >= band.first && age <= band.second) {
                const QString key = band.first == band.second
                                        ? QString::number(band.first)
                                        : QStringLiteral("%1-%2").arg(band.first).arg(band.second);
                const QString label = band.first == band.second
                                          ? QString::number(band.first)
                                          : QStringLiteral("%1 to %2").arg(band.first).arg(band.second);
                return Category{key, label, false, false, {}, {}};
            }
        }
        return Category{QStringLiteral("other"), QStringLiteral("Other ages"), false, false, {}, {}};
    }

    static Category sexCategory(int raw)
    {
        switch (static_cast<Sex>(raw)) {
        case Sex::Male:
            return Category{QStringLiteral("male"), QStringLiteral("Male"), false, false, {}, {}};
        case Sex::Female:
            return Category{QStringLiteral("female"), QStringLiteral("Female"), false, false, {}, {}};
        case Sex::Unknown:
            break;
        }
        return Category{QStringLiteral("unknown"), QStringLiteral("Unknown"), false, true, {}, {}};
    }

    Dimension m_dimension;
    const CountingFrame &m_frame;
    const Request &m_request;
    std::vector<Category> m_offenceCategory;
    std::vector<int> m_rawToCategory;
    QSet<QString> m_mergeIntoOther;
};

/// Sorted, without repeats. Per crime there are only a few entries: insertion sort is quicker there.
template<typename T>
void sortUnique(std::vector<T> &v)
{
    if (v.size() <= 16) {
        for (size_t i = 1; i < v.size(); ++i) {
            T x = v[i];
            size_t j = i;
            for (; j > 0 && x < v[j - 1]; --j)
                v[j] = v[j - 1];
            v[j] = x;
        }
    } else {
        std::sort(v.begin(), v.end());
    }
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// Accumulates one table: per crime, the distinct (entity, row, column) it adds, so that a crime with two
/// children counts once in each of their ages, and once in the total. Each counted record also adds its
/// record key to the cell's key (cell-key perturbation).
class TableCounter
{
public:
    TableCounter(const TableSpec &spec, const CountingFrame &frame, const Request &request,
                 const QSet<QString> &mergeRows = {}, const QSet<QString> &mergeColumns = {})
        : m_rows(spec.rows, frame, request, mergeRows)
    {
        m_table.spec = spec;
        if (spec.columns)
            m_columns.emplace(*spec.columns, frame, request, mergeColumns);
        const CountUnit unit = request.unit;
        auto canOverlap = [&](Dimension d) {
            if (unit == CountUnit::Persons)
                return true;
            return unit == CountUnit::Crimes && isPersonDimension(d);
        };
        m_table.rowsCanOverlap = canOverlap(spec.rows);
        m_table.columnsCanOverlap = spec.columns && canOverlap(*spec.columns);
    }

    /// One matching link of a crime (entity: 0 for crimes, the person for links and persons; key: the
    /// record key of what is counted).
    void add(qint32 crime, qint32 link, qint32 day, qint64 entity, std::uint32_t key)
    {
        const int r = m_rows.code(crime, link, day);
        const int c = m_columns ? m_columns->code(crime, link, day) : 0;
        m_pending.push_back(Entry{entity, r, c, key});
    }

    /// The crime's links are all added: count what it contributes. For persons, entities are global and
    /// kept until finish().
    void endCrime(bool globalEntities)
    {
        if (globalEntities) {
            m_global.insert(m_global.end(), m_pending.begin(), m_pending.end());
        } else if (m_pending.size() == 1) {
            // Most crimes add one entry: it counts once in its cell, row, column and the total.
            const Entry &e = m_pending.front();
            cellAcc(e.row, e.column).add(e.key);
            grow(m_rowAcc, e.row).add(e.key);
            grow(m_columnAcc, e.column).add(e.key);
            m_totalAcc.add(e.key);
        } else {
            countDistinct(m_pending);
        }
        m_pending.clear();
    }

    CountTable finish()
    {
        if (!m_global.empty())
            countDistinct(m_global);
        m_global.clear();

        const std::vector<int> rowIndex = m_rows.sortNaturally();
        const std::vector<int> columnIndex = m_columns ? m_columns->sortNaturally() : std::vector<int>{0};
        const size_t nr = rowIndex.size();
        const size_t nc = m_columns ? columnIndex.size() : 1;
        m_table.rows.resize(qsizetype(nr));
        for (size_t i = 0; i < nr; ++i)
            m_table.rows[rowIndex[i]] = m_rows.categories[qsizetype(i)];
        if (m_columns) {
            m_table.columns.resize(qsizetype(nc));
            for (size_t i = 0; i < nc; ++i)
                m_table.columns[columnIndex[i]] = m_columns->categories[qsizetype(i)];
        }
        m_table.cells.assign(nr * nc, 0);
        m_table.cellKeys.assign(nr * nc, 0);
        m_table.rowTotals.assign(m_columns ? nr : 0, 0);
        m_table.rowTotalKeys.assign(m_columns ? nr : 0, 0);
        m_table.columnTotals.assign(m_columns ? nc : 0, 0);
        m_table.columnTotalKeys.assign(m_columns ? nc : 0, 0);
        for (size_t r = 0; r < m_cellAcc.size(); ++r) {
            for (size_t c = 0; c < m_cellAcc[r].size(); ++c) {
                const size_t to = size_t(rowIndex[r]) * nc + (m_columns ? size_t(columnIndex[c]) : 0);
                m_table.cells[to] += m_cellAcc[r][c].n;
                m_table.cellKeys[to] += m_cellAcc[r][c].key;
            }
        }
        if (m_columns) {
            for (size_t r = 0; r < m_rowAcc.size(); ++r) {
                m_table.rowTotals[size_t(rowIndex[r])] += m_rowAcc[r].n;
                m_table.rowTotalKeys[size_t(rowIndex[r])] += m_rowAcc[r].key;
            }
            for (size_t c = 0; c < m_columnAcc.size(); ++c) {
                m_table.columnTotals[size_t(columnIndex[c])] += m_columnAcc[c].n;
                m_table.columnTotalKeys[size_t(columnIndex[c])] += m_columnAcc[c].key;
            }
        }
        m_table.total = m_totalAcc.n;
        m_table.totalKey = m_totalAcc.key;
        return m_table;
    }

private:
    struct Entry
    {
        qint64 entity;
        int row;
        int column;
        std::uint32_t key; ///< follows the entity: equal entities have equal keys
        bool operator<(const Entry &o) const
        {
            return std::tie(entity, row, column) < std::tie(o.entity, o.row, o.column);
        }
        bool operator==(const Entry &o) const
        {
            return entity == o.entity && row == o.row && column == o.column;
        }
    };

    /// A count and the sum of its records' keys (wrapping: the key is taken mod 2^32).
    struct Acc
    {
        qint64 n = 0;
        std::uint32_t key = 0;
        void add(std::uint32_t k)
        {
            n += 1;
            key += k;
        }
    };

    static Acc &grow(std::vector<Acc> &v, int i)
    {
        if (size_t(i) >= v.size())
            v.resize(size_t(i) + 1);
        return v[size_t(i)];
    }

    Acc &cellAcc(int row, int column)
    {
        if (size_t(row) >= m_cellAcc.size())
            m_cellAcc.resize(size_t(row) + 1);
        return grow(m_cellAcc[size_t(row)], column);
    }

    void countDistinct(std::vector<Entry> &entries)
    {
        sortUnique(entries);
        // Cells: distinct (entity, row, column).
        for (const Entry &e : entries)
            cellAcc(e.row, e.column).add(e.key);
        // Rows and columns: distinct (entity, row) and (entity, column); an entity in several rows of the
        // same column (or the other way round) makes the table overlap.
        // Scratch kept between crimes: this runs once per matching crime with several entries.
        std::vector<Entry> &rows = m_rowScratch;
        std::vector<Entry> &columns = m_columnScratch;
        std::vector<Entry> &entities = m_entityScratch;
        rows.clear();
        columns.clear();
        entities.clear();
        for (const Entry &e : entries) {
            rows.push_back(Entry{e.entity, e.row, 0, e.key});
            columns.push_back(Entry{e.entity, 0, e.column, e.key});
            entities.push_back(Entry{e.entity, 0, 0, e.key});
        }
        sortUnique(rows);
        sortUnique(columns);
        sortUnique(entities);
        for (const Entry &e : rows)
            grow(m_rowAcc, e.row).add(e.key);
        for (const Entry &e : columns)
            grow(m_columnAcc, e.column).add(e.key);
        if (rows.size() > entities.size())
            m_table.rowsOverlap = true;
        if (m_columns && columns.size() > entities.size())
            m_table.columnsOverlap = true;
        for (const Entry &e : entities)
            m_totalAcc.add(e.key);
    }

    DimensionCoder m_rows;
    std::optional<DimensionCoder> m_columns;
    CountTable m_table;
    std::vector<Entry> m_pending;
    std::vector<Entry> m_global;
    std::vector<Entry> m_rowScratch;
    std::vector<Entry> m_columnScratch;
    std::vector<Entry> m_entityScratch;
    std::vector<std::vector<Acc>> m_cellAcc; ///< [row code][column code]
    std::vector<Acc> m_rowAcc;
    std::vector<Acc> m_columnAcc;
    Acc m_totalAcc;
};

} // namespace

namespace {

/// Categories of each table's rows and columns to count as one "Other" (merge_small).
struct Merges
{
    std::vector<QSet<QString>> rows;
    std::vector<QSet<QString>> columns;
};

CountResult countOnce(const CountingFrame &frame, const Request &request, const Merges &merges);

/// Categories whose margin is from 1 to threshold-1, when there are at least two of them (one alone
/// would only be renamed); never an unknown row or a sexual offence, which have rules of their own.
QSet<QString> smallCategories(const QVector<Category> &categories, const std::vector<qint64> &margins,
                              int threshold)
{
    QSet<QString> small;
    for (qsizetype i = 0; i < categories.size(); ++i) {
        const qint64 v = margins[size_t(i)];
        if (v >= 1 && v < threshold && !categories[i].unknown && !categories[i].sexual &&
            categories[i].key != QLatin1String("other"))
            small.insert(categories[i].key);
    }
    return small.size() >= 2 ? small : QSet<QString>{};
}

} // namespace

Result<CountResult> countRequest(const CountingFrame &frame, const Request &request)
{
    const int threshold = request.protection.threshold;
    if (!request.protection.mergeSmall || threshold <= 0)
        return countOnce(frame, request, Merges{});
    // Count, find the small categories by their margins, and count again with them merged: a crime in
    // two merged categories counts once in "Other", which only counting can know.
    const CountResult first = countOnce(frame, request, Merges{});
    Merges merges;
    for (const CountTable &t : first.tables) {
        if (t.spec.columns) {
            merges.rows.push_back(smallCategories(t.rows, t.rowTotals, threshold));
            merges.columns.push_back(smallCategories(t.columns, t.columnTotals, threshold));
        } else {
            merges.rows.push_back(smallCategories(t.rows, t.cells, threshold));
            merges.columns.emplace_back();
        }
    }
    return countOnce(frame, request, merges);
}

namespace {

CountResult countOnce(const CountingFrame &frame, const Request &request, const Merges &merges)
{
    const Criteria &cr = request.criteria;
    CountResult result;

    // Crime criteria, precomputed per system and per offence.
    std::vector<char> systemIncluded(size_t(frame.systems.size()), 1);
    if (!cr.systems.isEmpty()) {
        for (qsizetype i = 0; i < frame.systems.size(); ++i)
            systemIncluded[size_t(i)] = cr.systems.contains(frame.systems[i]) ? 1 : 0;
    }
    for (qsizetype i = 0; i < frame.systems.size(); ++i) {
        if (systemIncluded[size_t(i)])
            result.summary.systemsSearched << frame.systems[i];
    }
    std::vector<char> offenceIncluded(size_t(frame.offences.size()), 1);
    if (cr.hasOffenceLimit()) {
        for (qsizetype i = 0; i < frame.offences.size(); ++i) {
            const FrameOffence &o = frame.offences[i];
            const bool in = !o.code.isEmpty() &&
                            (cr.offenceClasses.contains(o.code) || cr.offenceGroups.contains(o.group) ||
                             cr.offenceSubgroups.contains(o.subgroup));
            offenceIncluded[size_t(i)] = in ? 1 : 0;
        }
    }
    std::vector<char> outcomeIncluded(128, cr.outcomes.isEmpty() ? 1 : 0);
    std::vector<char> noOutcomeIncluded{char(cr.outcomes.isEmpty() ? 1 : 0)};
    for (int o : cr.outcomes) {
        if (o >= 0 && o < 128)
            outcomeIncluded[size_t(o)] = 1;
        if (o == 0) // Home Office 0, "not yet assigned": a crime with no outcome yet
            noOutcomeIncluded[0] = 1;
    }
    std::vector<char> roleIncluded(8, cr.roles.isEmpty() ? 1 : 0);
    for (Role r : cr.roles)
        roleIncluded[size_t(r)] = 1;
    const bool personsOnly = request.unit != CountUnit::Crimes;
    if (personsOnly)
        roleIncluded[size_t(Role::None)] = 0; // a row without people is no crime-person link
    const qint32 from =
        cr.from.isValid() ? qint32(cr.from.toJulianDay()) : std::numeric_limits<qint32>::min();
    const qint32 to = cr.to.isValid() ? qint32(cr.to.toJulianDay()) : std::numeric_limits<qint32>::max();
    const bool byCommitted = cr.dateBasis == Criteria::DateBasis::Committed;
    const int ageMin = cr.ageMin.value_or(0);
    const int ageMax = cr.ageMax.value_or(1000);
    const bool ageLimited = cr.hasAgeLimit();

    std::vector<TableCounter> tables;
    tables.reserve(size_t(request.tables.size()));
    for (qsizetype i = 0; i < request.tables.size(); ++i) {
        const auto ti = size_t(i);
        tables.emplace_back(request.tables[i], frame, request,
                            ti < merges.rows.size() ? merges.rows[ti] : QSet<QString>{},
                            ti < merges.columns.size() ? merges.columns[ti] : QSet<QString>{});
    }
    const bool globalEntities = request.unit == CountUnit::Persons;

    // For the summary: one bit per person, small enough to stay in cache.
    std::vector<std::uint64_t> personSeen(size_t(frame.personCount()) / 64 + 1, 0);
    std::vector<qint32> matched;
    std::vector<qint32> people; // the distinct persons of one crime's matching links
    for (qint32 c = 0; c < frame.crimeCount(); ++c) {
        const auto ci = size_t(c);
        if (!systemIncluded[frame.crimeSystem[ci]])
            continue;
        const qint32 day = byCommitted ? frame.crimeCommitted[ci] : frame.crimeRecorded[ci];
        if (day < from || day > to)
            continue;
        if (!offenceIncluded[size_t(frame.crimeOffence[ci])])
            continue;
        const int outcome = frame.crimeOutcome[ci];
        if (outcome < 0 ? !noOutcomeIncluded[0] : !outcomeIncluded[size_t(outcome)])
            continue;
        matched.clear();
        for (qint32 l = frame.crimeFirstLink[ci]; l < frame.crimeFirstLink[ci + 1]; ++l) {
            const auto li = size_t(l);
            if (!roleIncluded[frame.linkRole[li]])
                continue;
            const int age = frame.linkAge[li];
            if (ageLimited && (age < 0 || age < ageMin || age > ageMax))
                continue;
            matched.push_back(l);
        }
        if (matched.empty())
            continue;
        result.summary.crimes += 1;
        people.clear();
        for (qint32 l : matched) {
            people.push_back(frame.linkPerson[size_t(l)]);
            if (frame.linkAge[size_t(l)] < 0)
                result.summary.matchedUnknownAge += 1;
        }
        sortUnique(people);
        result.summary.links += qint64(people.size());
        for (qint32 p : people) {
            std::uint64_t &word = personSeen[size_t(p) >> 6];
            const std::uint64_t bit = std::uint64_t(1) << (size_t(p) & 63);
            result.summary.persons += (word & bit) ? 0 : 1;
            word |= bit;
        }
        for (TableCounter &t : tables) {
            for (qint32 l : matched) {
                const auto li = size_t(l);
                switch (request.unit) {
                case CountUnit::Crimes:
                    t.add(c, l, day, 0, frame.crimeKey[ci]);
                    break;
                case CountUnit::Links:
                    t.add(c, l, day, frame.linkPerson[li], frame.linkKey(l));
                    break;
                case CountUnit::Persons:
                    t.add(c, l, day, frame.linkPerson[li], frame.personKey[size_t(frame.linkPerson[li])]);
                    break;
                }
            }
            t.endCrime(globalEntities);
        }
    }
    for (TableCounter &t : tables)
        result.tables << t.finish();
    return result;
}

} // namespace

} // namespace foi
