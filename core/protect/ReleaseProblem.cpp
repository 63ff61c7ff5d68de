#include "protect/ReleaseProblem.h"

#include <QDate>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace foi::release {

namespace {

const QString kSexualGroup = QStringLiteral("Sexual offences");

bool isOffence(Dimension d)
{
    return d == Dimension::OffenceGroup || d == Dimension::OffenceSubgroup || d == Dimension::OffenceClass;
}

/// One dimension's key in a cell's predicate.
struct Part
{
    Dimension dimension;
    QString key;
    bool operator<(const Part &o) const
    {
        return dimension != o.dimension ? dimension < o.dimension : key < o.key;
    }
};

/// A category as a predicate part: a combined sexual offences row counts exactly the group's crimes,
/// whatever level of the classification its table is at.
Part partOf(Dimension d, const Category &c)
{
    if (isOffence(d) && c.sexual && c.key == QLatin1String("sexual-offences"))
        return Part{Dimension::OffenceGroup, kSexualGroup};
    return Part{d, c.key};
}

QString predicateText(std::vector<Part> parts)
{
    std::sort(parts.begin(), parts.end());
    QStringList out;
    for (const Part &p : parts)
        out << dimensionName(p.dimension) + QLatin1Char('=') + p.key;
    return out.join(QLatin1Char(';'));
}

/// The category of `child` one level up, in the parent dimension; empty when unknown or ambiguous.
QString parentKey(Dimension child, const Category &c, Dimension parent)
{
    if (child == Dimension::Month && parent == Dimension::Year) {
        // Only a month of the calendar lies in one year: "Other" (small months merged) may hold months of
        // several, and its year is no one's to read off its key.
        const QDate month = QDate::fromString(c.key, QStringLiteral("yyyy-MM"));
        return month.isValid() ? QString::number(month.year()) : QString();
    }
    if (child == Dimension::OffenceClass && parent == Dimension::OffenceSubgroup)
        return c.parentSubgroup;
    if ((child == Dimension::OffenceClass || child == Dimension::OffenceSubgroup) &&
        parent == Dimension::OffenceGroup)
        return c.parentGroup;
    return {};
}

const std::vector<std::pair<Dimension, Dimension>> kHierarchy = {
    {Dimension::OffenceClass, Dimension::OffenceSubgroup},
    {Dimension::OffenceClass, Dimension::OffenceGroup},
    {Dimension::OffenceSubgroup, Dimension::OffenceGroup},
    {Dimension::Month, Dimension::Year},
};

/// True when the cell of `row` and `column` of a two-way table cannot hold a count because one of the two
/// lies within the other one level up, elsewhere: a class outside its own subgroup, a month outside its
/// year. Everyone knows those cells are empty from the classification and the calendar alone.
bool structurallyEmpty(Dimension rowDimension, const Category &row, Dimension columnDimension,
                       const Category &column)
{
    for (const auto &[child, parent] : kHierarchy) {
        if (rowDimension == child && columnDimension == parent) {
            const QString key = parentKey(child, row, parent);
            return !key.isEmpty() && key != column.key;
        }
        if (columnDimension == child && rowDimension == parent) {
            const QString key = parentKey(child, column, parent);
            return !key.isEmpty() && key != row.key;
        }
    }
    return false;
}

class Builder
{
public:
    explicit Builder(BuiltProblem &out)
        : m_out(out)
    {}

    int cell(const std::vector<Part> &parts, qint64 value, std::uint32_t key, bool sexual, bool margin,
             bool listed)
    {
        const QString text = predicateText(parts);
        auto it = m_index.constFind(text);
        if (it != m_index.constEnd()) {
            // The same records, counted again in another table: one cell. The counts agree by
            // construction; if they ever did not, two cells are the honest model.
            if (m_out.problem.cells[size_t(*it)].value == value && m_out.cellKey[size_t(*it)] == key) {
                m_out.appearances[size_t(*it)] += 1;
                if (margin)
                    m_out.margin[size_t(*it)] = true;
                if (listed)
                    m_out.listed[size_t(*it)] = true;
                return *it;
            }
        }
        const int index = int(m_out.problem.cells.size());
        protect::ProblemCell c;
        c.value = value;
        c.shownLow = value;
        c.shownHigh = value;
        m_out.problem.cells.push_back(c);
        m_out.predicate.push_back(text);
        m_out.cellKey.push_back(key);
        m_out.sexual.push_back(sexual);
        m_out.zero.push_back(value == 0);
        m_out.appearances.push_back(1);
        m_out.margin.push_back(margin);
        m_out.listed.push_back(listed);
        m_out.structural.push_back(false);
        m_index.insert(text, index);
        return index;
    }

    void relation(const std::vector<int> &plus, int minus, bool exact)
    {
        protect::LinearRelation r;
        for (int p : plus)
            r.terms.push_back({p, 1.0});
        r.terms.push_back({minus, -1.0});
        r.sense = exact ? protect::LinearRelation::Equal : protect::LinearRelation::AtLeast;
        m_out.problem.relations.push_back(r);
        if (!exact) {
            // Each part is still no more than the whole.
            for (int p : plus) {
                protect::LinearRelation le;
                le.terms = {{p, 1.0}, {minus, -1.0}};
                le.sense = protect::LinearRelation::AtMost;
                m_out.problem.relations.push_back(le);
            }
        }
    }

    /// For the hierarchy: per cell, its parts (when it has any) and categories.
    struct CellParts
    {
        int cell;
        std::vector<std::pair<Part, Category>> parts;
    };
    std::vector<CellParts> withParts;

    const QHash<QString, int> &index() const { return m_index; }

private:
    BuiltProblem &m_out;
    QHash<QString, int> m_index;
};

} // namespace

BuiltProblem buildProblem(const QVector<CountTable> &tables, const Request &request)
{
    BuiltProblem out;
    Builder b(out);
    for (const CountTable &t : tables) {
        TableCells tc;
        const Dimension rd = t.spec.rows;
        const size_t nr = size_t(t.rows.size());
        // A table with a row listed shows that there is something to count.
        const bool anyListed =
            std::any_of(t.rows.begin(), t.rows.end(), [](const Category &c) { return !c.listedWhenEmpty; });
        tc.total = b.cell({}, t.total, t.totalKey, false, true, anyListed);
        if (!t.spec.columns) {
            for (size_t r = 0; r < nr; ++r) {
                const Category &rc = t.rows[qsizetype(r)];
                const Part p = partOf(rd, rc);
                tc.inner.push_back(
                    b.cell({p}, t.cell(int(r)), t.cellKey(int(r)), rc.sexual, false, !rc.listedWhenEmpty));
                b.withParts.push_back({tc.inner.back(), {{p, rc}}});
            }
            b.relation(tc.inner, tc.total, !t.rowsOverlap);
        } else {
            const Dimension cd = *t.spec.columns;
            const size_t nc = size_t(t.columns.size());
            for (size_t r = 0; r < nr; ++r) {
                const Category &rc = t.rows[qsizetype(r)];
                const Part p = partOf(rd, rc);
                tc.rowMargin.push_back(
                    b.cell({p}, t.rowTotals[r], t.rowTotalKeys[r], rc.sexual, true, !rc.listedWhenEmpty));
                b.withParts.push_back({tc.rowMargin.back(), {{p, rc}}});
            }
            for (size_t c = 0; c < nc; ++c) {
                const Category &cc = t.columns[qsizetype(c)];
                const Part p = partOf(cd, cc);
                tc.columnMargin.push_back(b.cell({p}, t.columnTotals[c], t.columnTotalKeys[c], cc.sexual,
                                                 true, !cc.listedWhenEmpty));
                b.withParts.push_back({tc.columnMargin.back(), {{p, cc}}});
            }
            for (size_t r = 0; r < nr; ++r) {
                for (size_t c = 0; c < nc; ++c) {
                    const Category &rc = t.rows[qsizetype(r)];
                    const Category &cc = t.columns[qsizetype(c)];
                    const Part pr = partOf(rd, rc);
                    const Part pc = partOf(cd, cc);
                    const qint64 value = t.cell(int(r), int(c));
                    tc.inner.push_back(b.cell({pr, pc}, value, t.cellKey(int(r), int(c)),
                                              rc.sexual || cc.sexual, false, false));
                    // The parents come from the records themselves, so a cell they put outside is empty.
                    Q_ASSERT(value == 0 || !structurallyEmpty(rd, rc, cd, cc));
                    if (value == 0 && structurallyEmpty(rd, rc, cd, cc))
                        out.structural[size_t(tc.inner.back())] = true;
                    b.withParts.push_back({tc.inner.back(), {{pr, rc}, {pc, cc}}});
                }
            }
            // Each row across the columns, each column down the rows, and the margins to the total.
            for (size_t r = 0; r < nr; ++r) {
                std::vector<int> row(tc.inner.begin() + std::ptrdiff_t(r * nc),
                                     tc.inner.begin() + std::ptrdiff_t((r + 1) * nc));
                b.relation(row, tc.rowMargin[r], !t.columnsOverlap);
            }
            for (size_t c = 0; c < nc; ++c) {
                std::vector<int> column;
                for (size_t r = 0; r < nr; ++r)
                    column.push_back(tc.inner[r * nc + c]);
                b.relation(column, tc.columnMargin[c], !t.rowsOverlap);
            }
            b.relation(tc.rowMargin, tc.total, !t.rowsOverlap);
            b.relation(tc.columnMargin, tc.total, !t.columnsOverlap);
        }
        out.tables.push_back(std::move(tc));
    }

    // The hierarchy between tables at different levels: a group's count is the sum of its classes' (its
    // subgroups', a year's months') with everything else alike. An offence and a day belong to the
    // crime, so for crimes and links the sum is exact; a person in two classes of one group makes it
    // at least. A parent with a child that also falls under another parent gets no relation.
    const bool exact = request.unit != CountUnit::Persons;
    for (const auto &[childDim, parentDim] : kHierarchy) {
        std::map<QString, std::vector<int>> children; // parent predicate -> child cells
        QSet<QString> ambiguous;
        QSet<int> seen;
        for (const auto &cp : b.withParts) {
            if (seen.contains(cp.cell))
                continue;
            for (size_t i = 0; i < cp.parts.size(); ++i) {
                const auto &[part, category] = cp.parts[i];
                if (part.dimension != childDim)
                    continue;
                std::vector<Part> parentParts;
                for (size_t j = 0; j < cp.parts.size(); ++j) {
                    if (j != i)
                        parentParts.push_back(cp.parts[j].first);
                }
                const QString key = parentKey(childDim, category, parentDim);
                if (std::any_of(parentParts.begin(), parentParts.end(),
                                [parent = parentDim](const Part &p) { return p.dimension == parent; }))
                    continue;
                if (key.isEmpty()) {
                    // Ambiguous: every parent this child could add to loses its relation; without the
                    // key, poison the whole family of parents with these other parts.
                    ambiguous.insert(predicateText(parentParts) + QStringLiteral("|*"));
                    continue;
                }
                parentParts.push_back(Part{parentDim, key});
                children[predicateText(parentParts)].push_back(cp.cell);
                seen.insert(cp.cell);
            }
        }
        for (const auto &[parentText, cells] : children) {
            auto it = b.index().constFind(parentText);
            if (it == b.index().constEnd())
                continue;
            // The family of this parent: the same predicate without the parent part.
            QStringList rest;
            for (const QString &p : parentText.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                if (!p.startsWith(dimensionName(parentDim) + QLatin1Char('=')))
                    rest << p;
            }
            if (ambiguous.contains(rest.join(QLatin1Char(';')) + QStringLiteral("|*")))
                continue;
            std::vector<int> unique = cells;
            std::sort(unique.begin(), unique.end());
            unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
            unique.erase(std::remove(unique.begin(), unique.end(), *it), unique.end());
            if (unique.empty())
                continue;
            b.relation(unique, *it, exact);
        }
    }
    return out;
}

qint64 roundToBase(qint64 value, int base)
{
    if (base <= 1)
        return value;
    return ((value + base / 2) / base) * base;
}

std::pair<qint64, qint64> roundingInterval(qint64 shown, int base)
{
    if (base <= 1)
        return {shown, shown};
    // Half up: with base 5, 8..12 show as 10; with base 10, 5..14 show as 10.
    const qint64 low = std::max<qint64>(0, shown - base / 2);
    const qint64 high = shown + (base + 1) / 2 - 1;
    return {low, high};
}

} // namespace foi::release
