#include "protect/Release.h"

#include "common/CsvField.h"
#include "protect/ReleaseProblem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace foi {

using namespace release;

namespace {

const QString kWithheld = QStringLiteral("[c]");
const QString kNotApplicable = QStringLiteral("[z]");
const QString kTotal = QStringLiteral("total");

/// The request as it is tabulated: with separate tables, each two-way table becomes its two one-way
/// tables (the seed's "individual tables"), without repeating a table already asked for.
Request planRequest(const Request &request)
{
    if (!request.protection.separateTables)
        return request;
    Request plan = request;
    plan.tables.clear();
    auto add = [&](const TableSpec &t) {
        for (const TableSpec &have : plan.tables) {
            if (have.rows == t.rows && have.columns == t.columns)
                return;
        }
        plan.tables << t;
    };
    for (const TableSpec &t : request.tables) {
        if (!t.columns) {
            add(t);
            continue;
        }
        add(TableSpec{t.title + QStringLiteral(": by ") + dimensionWords(t.rows), t.rows, std::nullopt});
        add(TableSpec{t.title + QStringLiteral(": by ") + dimensionWords(*t.columns), *t.columns,
                      std::nullopt});
    }
    return plan;
}

QString overlapNote(CountUnit unit, bool rows)
{
    const QString what = unit == CountUnit::Crimes  ? QStringLiteral("A crime")
                         : unit == CountUnit::Links ? QStringLiteral("A person linked to a crime")
                                                    : QStringLiteral("A person");
    const QString example = unit == CountUnit::Crimes
                                ? QStringLiteral(" (for example a crime with two children of different ages)")
                                : QString();
    return QStringLiteral(
               "%1 can be counted in more than one %2%3, so the %4 can add up to more than the total.")
        .arg(what, rows ? QStringLiteral("row") : QStringLiteral("column"), example,
             rows ? QStringLiteral("rows") : QStringLiteral("columns"));
}

QString perturbationNote(const ProtectionPolicy &policy)
{
    QString note =
        QStringLiteral(
            "Counts have been changed by a small amount (at most %1) to protect the people counted; the same "
            "people always give the same change, so totals need not equal the sum of their parts.")
            .arg(policy.perturbationMaxChange());
    if (policy.threshold >= 2)
        note += QStringLiteral(" No count from 1 to %1 is shown; a 0 may stand for a small count.")
                    .arg(policy.threshold - 1);
    return note;
}

struct Shaped
{
    std::vector<qint64> shown; ///< per cell: the count a released cell shows (rounded, perturbed)
    std::vector<bool> suppressed;
    std::vector<CellStatus> status;
    std::vector<protect::CellBounds> bounds; ///< per cell; only withheld (and audited) cells are filled
    std::vector<bool> audited;
    std::vector<bool> protectedOk;
    protect::SuppressionPattern::Method method = protect::SuppressionPattern::None;
    bool passes = true;
    QStringList failures;
    /// Withheld cells of one line whose sum is small and that anyone can narrow below the policy's range:
    /// as identifying as one small cell (each a list of cells). Non-empty only when the release fails.
    std::vector<std::vector<int>> unprotectedGroups;
};

/// The withheld groups the pattern leaves: in each relation, the withheld cells it adds up (two or
/// more) whose true sum is small, from 1 to threshold - 1. A reader who can work out that sum exactly,
/// or nearly, knows as much as from one small cell (tau-ARGUS's rule for the cells of one line).
std::vector<std::vector<int>> smallGroups(const protect::CellProblem &problem,
                                          const std::vector<bool> &suppressed, int threshold)
{
    std::vector<std::vector<int>> groups;
    if (threshold <= 1)
        return groups;
    for (const protect::LinearRelation &r : problem.relations) {
        std::vector<int> group;
        qint64 sum = 0;
        for (const protect::LinearRelation::Term &term : r.terms) {
            if (term.coefficient > 0 && suppressed[size_t(term.cell)]) {
                group.push_back(term.cell);
                sum += problem.cells[size_t(term.cell)].value;
            }
        }
        if (group.size() < 2 || sum < 1 || sum >= threshold)
            continue;
        std::sort(group.begin(), group.end());
        group.erase(std::unique(group.begin(), group.end()), group.end());
        if (group.size() >= 2)
            groups.push_back(std::move(group));
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    return groups;
}

/// `problem` with a cell for each group's sum, withheld and protected like a small count: the cell is
/// not in any table and tells the reader nothing new (its relation defines it), but suppression and the
/// audit then keep the group's sum as wide as a small cell's.
protect::CellProblem withGroups(const protect::CellProblem &problem,
                                const std::vector<std::vector<int>> &groups)
{
    protect::CellProblem work = problem;
    for (const std::vector<int> &group : groups) {
        protect::ProblemCell sum;
        protect::LinearRelation defines;
        defines.terms.push_back({int(work.cells.size()), -1.0});
        for (int cell : group) {
            sum.value += problem.cells[size_t(cell)].value;
            defines.terms.push_back({cell, 1.0});
        }
        sum.shownLow = sum.shownHigh = sum.value;
        sum.primary = true;
        sum.cost = 0.0;
        work.cells.push_back(sum);
        work.relations.push_back(std::move(defines));
    }
    return work;
}

/// Primary cells, the suppression pattern and the audit of a built problem.
/// With perturbation, small counts are not withheld: the table has moved them out of 1..threshold-1,
/// and a released cell tells only the interval of true counts that could show its perturbed count.
Result<Shaped> protectProblem(BuiltProblem &built, const Request &request, const ReleaseContext &context,
                              const protect::PerturbationTable *perturbation, const protect::Control &control)
{
    const ProtectionPolicy &policy = request.protection;
    const int t = policy.threshold;
    const int base = policy.round.value_or(0);
    protect::CellProblem &problem = built.problem;
    problem.requiredRange = policy.auditRange > 0 ? policy.auditRange : std::max(2, t - 1);
    const size_t n = problem.cells.size();

    Shaped s;
    s.status.assign(n, CellStatus::Released);
    s.shown.assign(n, 0);
    std::vector<bool> small(n, false);
    for (size_t i = 0; i < n; ++i) {
        protect::ProblemCell &c = problem.cells[i];
        const bool isSmall = !perturbation && t > 0 && c.value >= 1 && c.value < t;
        small[i] = isSmall;
        const bool sensitive = built.sexual[i] && policy.sensitive == ProtectionPolicy::Sensitive::Suppress;
        s.shown[i] = c.value;
        if (built.structural[i]) {
            // Known to be empty from the classification or the calendar: shown as such, never withheld.
            c.mustRelease = true;
            c.cost = 0.0;
            s.status[i] = CellStatus::NotApplicable;
            continue;
        }
        if (perturbation) {
            s.shown[i] = perturbation->perturb(c.value, built.cellKey[i]);
            const auto [low, high] = perturbation->interval(s.shown[i]);
            c.shownLow = low;
            c.shownHigh = high;
        } else if (base > 1) {
            s.shown[i] = roundToBase(c.value, base);
            const auto [low, high] = roundingInterval(s.shown[i], base);
            c.shownLow = low;
            c.shownHigh = high;
        }
        // What anyone knows of the count without seeing it: a row, margin or total that a table lists
        // only because some record has it is at least 1, withheld or rounded; and when zeros are shown as
        // 0, so is every [c] (but a sexual offence withheld whatever its count).
        const qint64 listed = built.listed[i] ? 1 : 0;
        c.shownLow = std::max(c.shownLow, listed);
        c.lowerWhenSuppressed = std::max<qint64>(listed, policy.suppressZeros || sensitive ? 0 : 1);
        if (sensitive) {
            c.primary = true;
            s.status[i] = CellStatus::Sensitive;
        } else if (c.value == 0) {
            if (policy.suppressZeros && t > 0) {
                c.primary = true;
                s.status[i] = CellStatus::Threshold;
            } else {
                c.mustRelease = true; // a true zero is released as 0: never a complementary cell
            }
        } else if (isSmall && base <= 1) {
            c.primary = true;
            s.status[i] = CellStatus::Threshold;
        }
        // The information lost: a large count costs more to withhold (log keeps one big cell from
        // outweighing many small ones); a cell shown in several tables is lost from each; and a margin
        // or total, what a reader looks at first, costs twice as much.
        c.cost = (1.0 + std::log1p(double(c.value))) * double(built.appearances[i]) *
                 (built.margin[i] ? 2.0 : 1.0);
    }

    // With rounding, a small count is released rounded unless the other cells narrow it down; then it
    // is withheld as well, and the pattern is found again.
    // Small withheld groups found so far; kept from round to round, so that the search only grows.
    std::vector<std::vector<int>> groups;
    for (int round = 0;; ++round) {
        protect::CellProblem work = withGroups(problem, groups);
        std::vector<bool> suppressed(work.cells.size(), false);
        for (size_t i = 0; i < work.cells.size(); ++i)
            suppressed[i] = work.cells[i].primary;
        bool any = std::any_of(suppressed.begin(), suppressed.end(), [](bool b) { return b; });
        if (any && policy.secondary) {
            // A pattern may leave a small group that anyone can sum: protect the group as well and look
            // again, until no new group appears (each round adds at least one; a few are enough).
            for (int pass = 0;; ++pass) {
                Result<protect::SuppressionPattern> pattern =
                    protect::suppress(work, context.suppression, control);
                if (!pattern)
                    return pattern.error();
                suppressed = pattern->suppressed;
                s.method = pattern->method;
                bool added = false;
                for (std::vector<int> &g : smallGroups(problem, suppressed, t)) {
                    if (std::find(groups.begin(), groups.end(), g) == groups.end()) {
                        groups.push_back(std::move(g));
                        added = true;
                    }
                }
                if (!added || pass >= 20)
                    break;
                work = withGroups(problem, groups);
            }
        } else {
            groups = smallGroups(problem, suppressed, t);
            work = withGroups(problem, groups);
            suppressed.resize(work.cells.size(), true);
        }
        if (suppressed.size() < work.cells.size()) // groups added by the last pass: withheld, by definition
            suppressed.resize(work.cells.size(), true);
        std::vector<int> audit;
        for (size_t i = 0; i < work.cells.size(); ++i) {
            if (suppressed[i] || (i < n && small[i] && !problem.cells[i].primary))
                audit.push_back(int(i));
        }
        s.bounds.assign(n, protect::CellBounds{});
        s.audited.assign(n, false);
        s.unprotectedGroups.clear();
        if (!audit.empty()) {
            Result<std::vector<protect::CellBounds>> bounds =
                protect::auditBounds(work, suppressed, audit, control);
            if (!bounds)
                return bounds.error();
            for (size_t k = 0; k < audit.size(); ++k) {
                const size_t cell = size_t(audit[k]);
                if (cell >= n) {
                    if (!protect::isProtected(work, (*bounds)[k]))
                        s.unprotectedGroups.push_back(groups[cell - n]);
                    continue;
                }
                s.bounds[cell] = (*bounds)[k];
                s.audited[cell] = true;
            }
        }
        suppressed.resize(n);
        bool grew = false;
        if (base > 1) {
            for (size_t i = 0; i < n; ++i) {
                if (small[i] && !suppressed[i] && !protect::isProtected(problem, s.bounds[i])) {
                    problem.cells[i].primary = true;
                    s.status[i] = CellStatus::Threshold;
                    grew = true;
                }
            }
        }
        if (grew && round < int(n))
            continue;
        s.suppressed = suppressed;
        break;
    }

    s.protectedOk.assign(n, true);
    for (size_t i = 0; i < n; ++i) {
        if (s.suppressed[i] && s.status[i] == CellStatus::Released)
            s.status[i] = CellStatus::Secondary;
        const bool mustProtect = problem.cells[i].primary || (small[i] && !s.suppressed[i]);
        if (mustProtect && s.audited[i] && !protect::isProtected(problem, s.bounds[i])) {
            s.protectedOk[i] = false;
            s.passes = false;
        }
    }
    if (!s.unprotectedGroups.empty())
        s.passes = false;
    return s;
}

QString shownText(qint64 shown, bool withheld)
{
    return withheld ? kWithheld : QString::number(shown);
}

/// Release order of a table's categories: as counted (natural) or by released count.
std::vector<int> releaseOrder(const QVector<Category> &categories, const std::vector<int> &cells,
                              const std::vector<bool> &suppressed, const std::vector<qint64> &shownValue,
                              ProtectionPolicy::Order order)
{
    std::vector<int> idx(size_t(categories.size()));
    std::iota(idx.begin(), idx.end(), 0);
    if (order == ProtectionPolicy::Order::Count) {
        std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) {
            const bool ua = categories[a].unknown;
            const bool ub = categories[b].unknown;
            if (ua != ub)
                return ub;
            const bool sa = suppressed[size_t(cells[size_t(a)])];
            const bool sb = suppressed[size_t(cells[size_t(b)])];
            if (sa != sb)
                return sb;
            if (!sa) {
                const qint64 va = shownValue[size_t(cells[size_t(a)])];
                const qint64 vb = shownValue[size_t(cells[size_t(b)])];
                if (va != vb)
                    return va > vb;
            }
            return a < b; // the natural order: alphabetical, ages ascending
        });
    }
    return idx;
}

} // namespace

QString cellStatusName(CellStatus status)
{
    switch (status) {
    case CellStatus::Released:
        return QStringLiteral("released");
    case CellStatus::Threshold:
        return QStringLiteral("threshold");
    case CellStatus::Sensitive:
        return QStringLiteral("sensitive");
    case CellStatus::Secondary:
        return QStringLiteral("secondary");
    case CellStatus::NotApplicable:
        return QStringLiteral("not-applicable");
    }
    return {};
}

bool ReleasedCell::isMargin() const
{
    return row == kTotal || column == kTotal;
}

const ReleasedCell *ReleasedTable::find(const QString &row, const QString &column) const
{
    if (row == kTotal && (column.isEmpty() || column == kTotal))
        return &total;
    for (const ReleasedCell &c : cells) {
        if (c.row == row && c.column == column)
            return &c;
    }
    return nullptr;
}

int Release::withheldCells() const
{
    int n = 0;
    for (const ReleasedTable &t : tables) {
        for (const ReleasedCell &c : t.cells)
            n += (!c.isMargin() && c.withheld()) ? 1 : 0;
    }
    return n;
}

int Release::innerCells() const
{
    int n = 0;
    for (const ReleasedTable &t : tables) {
        for (const ReleasedCell &c : t.cells)
            n += c.isMargin() ? 0 : 1;
    }
    return n;
}

QStringList Release::coverageMessages() const
{
    QStringList messages;
    for (const ReleaseWarning &w : warnings) {
        if (w.kind == QLatin1String("outside-data") || w.kind == QLatin1String("nothing-matched"))
            messages << w.message;
    }
    return messages;
}

qint64 Release::matched() const
{
    switch (request.unit) {
    case CountUnit::Crimes:
        return summary.crimes;
    case CountUnit::Links:
        return summary.links;
    case CountUnit::Persons:
        return summary.persons;
    }
    return 0;
}

namespace {

Result<Release> tabulateOnce(const CountingFrame &frame, const Request &original,
                             const ReleaseContext &context, const protect::Control &control)
{
    Release out;
    out.request = planRequest(original);
    const Request &request = out.request;
    Result<CountResult> counted = countRequest(frame, request);
    if (!counted)
        return counted.error();
    out.summary = counted->summary;
    out.recordsSpan = frame.span(request.criteria.dateBasis, out.summary.systemsSearched);
    const QVector<CountTable> &tables = counted->tables;

    std::optional<protect::PerturbationTable> perturbation;
    if (request.protection.perturbation) {
        if (!frame.hasRecordKeys)
            return Error(QStringLiteral(
                "the register's crimes have no record keys yet, so their counts "
                "cannot be perturbed: merge the register again (foi-tables-cli merge --register FILE)"));
        Result<protect::PerturbationTable> table = perturbationTable(request.protection);
        if (!table)
            return table.error();
        perturbation = std::move(*table);
    }

    BuiltProblem built = buildProblem(tables, request);
    Result<Shaped> shaped =
        protectProblem(built, request, context, perturbation ? &*perturbation : nullptr, control);
    if (!shaped)
        return shaped.error();
    const Shaped &s = *shaped;
    out.method = s.method;
    out.passes = s.passes;
    const protect::CellProblem &problem = built.problem;
    const std::vector<qint64> &shownValue = s.shown;

    // Each cell in release order; a withheld one goes to the audit as it is made, and a cell the audit
    // finds too narrow is named in words the officer knows.
    QStringList unprotected;
    std::vector<bool> named(problem.cells.size(), false);
    std::vector<QString> wordsOf(problem.cells.size());
    auto makeCell = [&](int table, const QString &title, int index, const Category *row,
                        const Category *column) {
        ReleasedCell c;
        const auto i = size_t(index);
        const protect::ProblemCell &pc = problem.cells[i];
        c.row = row ? row->key : kTotal;
        c.rowLabel = row ? row->label : QStringLiteral("Total");
        if (column) {
            c.column = column->key;
            c.columnLabel = column->label;
        }
        c.count = pc.value;
        c.status = s.status[i];
        c.shown =
            c.status == CellStatus::NotApplicable ? kNotApplicable : shownText(s.shown[i], s.suppressed[i]);
        if (s.suppressed[i]) {
            c.shownLow = s.bounds[i].lower;
            c.shownHigh = s.bounds[i].upper.value_or(-1);
            AuditLine a;
            a.table = table;
            a.row = c.row;
            a.column = c.column;
            a.lower = s.bounds[i].lower;
            a.upper = s.bounds[i].upper;
            a.status = c.status;
            a.isProtected = s.protectedOk[i];
            out.audit << a;
        } else {
            c.shownLow = pc.shownLow;
            c.shownHigh = pc.shownHigh;
        }
        if (!named[i]) {
            named[i] = true;
            QString words = QStringLiteral("'%1'").arg(c.rowLabel);
            if (column && row)
                words += QStringLiteral(" / '%1'").arg(c.columnLabel);
            else if (column)
                words = QStringLiteral("'%1'").arg(c.columnLabel);
            wordsOf[i] = words + QStringLiteral(" in '%1'").arg(title);
            if (!s.protectedOk[i])
                unprotected << wordsOf[i];
        }
        return c;
    };
    static const Category kTotalColumn{kTotal, QStringLiteral("Total"), false, false, {}, {}};

    for (qsizetype ti = 0; ti < tables.size(); ++ti) {
        const CountTable &t = tables[ti];
        const TableCells &tc = built.tables[size_t(ti)];
        ReleasedTable rt;
        rt.spec = t.spec;
        const bool twoWay = t.spec.columns.has_value();
        const std::vector<int> &rowCells = twoWay ? tc.rowMargin : tc.inner;
        const std::vector<int> rowOrder =
            releaseOrder(t.rows, rowCells, s.suppressed, shownValue, request.protection.order);
        std::vector<int> columnOrder;
        if (twoWay)
            columnOrder =
                releaseOrder(t.columns, tc.columnMargin, s.suppressed, shownValue, request.protection.order);
        for (int r : rowOrder)
            rt.rows << t.rows[r];
        for (int c : columnOrder)
            rt.columns << t.columns[c];
        const size_t nc = size_t(t.columnCount());
        const int table = int(ti);
        for (int r : rowOrder) {
            if (!twoWay) {
                rt.cells << makeCell(table, t.spec.title, tc.inner[size_t(r)], &t.rows[r], nullptr);
                continue;
            }
            for (int c : columnOrder)
                rt.cells << makeCell(table, t.spec.title, tc.inner[size_t(r) * nc + size_t(c)], &t.rows[r],
                                     &t.columns[c]);
            rt.cells << makeCell(table, t.spec.title, tc.rowMargin[size_t(r)], &t.rows[r], &kTotalColumn);
        }
        for (int c : columnOrder)
            rt.cells << makeCell(table, t.spec.title, tc.columnMargin[size_t(c)], nullptr, &t.columns[c]);
        rt.total = makeCell(table, t.spec.title, tc.total, nullptr, twoWay ? &kTotalColumn : nullptr);
        if (t.rowsOverlap)
            rt.notes << overlapNote(request.unit, true);
        if (t.columnsOverlap)
            rt.notes << overlapNote(request.unit, false);
        if (perturbation)
            rt.notes << perturbationNote(request.protection);
        out.tables << rt;
    }

    auto listed = [](const QStringList &items) -> QString {
        const qsizetype shown = std::min<qsizetype>(items.size(), 5);
        return items.mid(0, shown).join(QStringLiteral(", ")) +
               (items.size() > shown ? QStringLiteral(" and %1 more").arg(items.size() - shown) : QString());
    };
    QStringList failures;
    if (!unprotected.isEmpty())
        failures << QStringLiteral("the release would let anyone work out a withheld count closely enough "
                                   "to identify someone (%1)")
                        .arg(listed(unprotected));
    if (!s.unprotectedGroups.empty()) {
        QStringList group;
        for (int cell : s.unprotectedGroups.front())
            group << wordsOf[size_t(cell)];
        failures << QStringLiteral("the withheld counts %1 add up to a small number that anyone can work "
                                   "out closely enough to identify someone%2")
                        .arg(listed(group), s.unprotectedGroups.size() > 1
                                                ? QStringLiteral(" (and %1 more such groups)")
                                                      .arg(s.unprotectedGroups.size() - 1)
                                                : QString());
    }
    if (!s.passes)
        out.failure = failures.join(QStringLiteral("; ")) +
                      QStringLiteral("; turn on complementary suppression, use age bands, merge small "
                                     "categories or withhold the table");
    return out;
}

void addWarnings(Release &out, const ReleaseContext &context)
{
    const Request &request = out.request;
    // First what the counts can say at all: a period beyond the records, or nothing that matches.
    checkCoverage(out, out.warnings);
    // Sexual offences in scope: s.44(1).
    int sexualCells = 0;
    bool combined = false;
    for (const ReleasedTable &t : out.tables) {
        for (const Category &c : t.rows + t.columns) {
            if (c.sexual) {
                ++sexualCells;
                combined = combined || c.key == QLatin1String("sexual-offences");
            }
        }
    }
    if (sexualCells > 0) {
        ReleaseWarning w;
        w.kind = QStringLiteral("sensitive");
        switch (request.protection.sensitive) {
        case ProtectionPolicy::Sensitive::Suppress:
            w.message =
                QStringLiteral("The tables count sexual offences, whose victims have lifelong anonymity "
                               "(Sexual Offences (Amendment) Act 1992; s.44(1) of the FOI Act). Their "
                               "cells are withheld.");
            break;
        case ProtectionPolicy::Sensitive::Combine:
            w.message =
                QStringLiteral("The tables count sexual offences, whose victims have lifelong anonymity "
                               "(Sexual Offences (Amendment) Act 1992; s.44(1) of the FOI Act). They are "
                               "released as one combined row.");
            break;
        case ProtectionPolicy::Sensitive::Protect:
            w.message = QStringLiteral(
                "The tables count sexual offences, whose victims have lifelong anonymity (Sexual Offences "
                "(Amendment) Act 1992; s.44(1) of the FOI Act). Their counts are protected like every "
                "other: small ones withheld, and enough others that none can be worked out. The Act "
                "protects the identity of victims, not aggregate counts; weigh whether a date, place or "
                "other detail in the request could still point to someone.");
            w.fix =
                QStringLiteral("If it could, withhold the sexual offences, or combine them into one row.");
            break;
        }
        out.warnings << w;
    }
    const int inner = out.innerCells();
    const int withheld = out.withheldCells();
    if (inner >= 2 && withheld * 2 >= inner && withheld > 0) {
        ReleaseWarning w;
        w.kind = QStringLiteral("heavy-suppression");
        w.message = QStringLiteral("%1 of the %2 cells are withheld: the tables say little.")
                        .arg(withheld)
                        .arg(inner);
        w.fix = QStringLiteral("Consider the alternatives: rounding, age bands or merging small categories.");
        out.warnings << w;
    }
    if (context.rejectedRows > 0) {
        ReleaseWarning w;
        w.kind = QStringLiteral("rejected-rows");
        w.message =
            QStringLiteral("%1 rows of the extracts were kept out at import (see the merge report); the "
                           "counts do not include them.")
                .arg(context.rejectedRows);
        w.fix =
            QStringLiteral("Have the rows corrected in the source system and import a new extract, or say in "
                           "the response that some records could not be counted.");
        out.warnings << w;
    }
    checkLinkage(out, out.warnings);
    checkDifferencing(out, context.earlier, out.warnings);
}

/// Bands of five years across the request's ages (ten years when the range is wide).
QVector<QPair<int, int>> suggestedBands(const Criteria &criteria)
{
    const int from = criteria.ageMin.value_or(0);
    const int to = criteria.ageMax.value_or(99);
    const int step = to - from + 1 <= 20 ? 5 : 10;
    QVector<QPair<int, int>> bands;
    for (int a = from; a <= to; a += step)
        bands << qMakePair(a, std::min(to, a + step - 1));
    return bands;
}

} // namespace

Result<Release> tabulate(const CountingFrame &frame, const Request &request, const ReleaseContext &context,
                         const protect::Control &control)
{
    Result<Release> once = tabulateOnce(frame, request, context, control);
    if (!once)
        return once;
    Release out = std::move(*once);
    addWarnings(out, context);

    // The force's rules, which no other policy can meet: the alternatives are not worked out for them.
    const ProtectionPolicy &policy = request.protection;
    QStringList refusals;
    if (context.minimumThreshold > 0 && policy.threshold < context.minimumThreshold)
        refusals << QStringLiteral(
                        "the threshold %1 is below the force's minimum of %2, under which nothing "
                        "is released: raise the threshold (the minimum is a setting of the register)")
                        .arg(policy.threshold)
                        .arg(context.minimumThreshold);
    else if (context.usualThreshold > 0 && policy.threshold < context.usualThreshold &&
             policy.thresholdReason.isEmpty())
        refusals << QStringLiteral("the threshold %1 is below the usual %2: record why (the request's "
                                   "threshold_reason; it goes into the audit trail), or raise it")
                        .arg(policy.threshold)
                        .arg(context.usualThreshold);
    if (policy.revealReason.isEmpty()) {
        for (const ReleaseWarning &w : out.warnings) {
            if (w.kind == QLatin1String("reveals-withheld"))
                refusals << w.message.left(w.message.size() - 1) +
                                QStringLiteral(": withhold them again, or record why they may now be shown "
                                               "(the request's reveal_reason)");
        }
    }
    if (!refusals.isEmpty()) {
        out.passes = false;
        if (!out.failure.isEmpty())
            refusals << out.failure;
        out.failure = refusals.join(QStringLiteral("; "));
        out.searchText = searchParagraph(out, context.systems);
        out.disclosureText = disclosureParagraph(out);
        return out;
    }

    const bool heavy = std::any_of(out.warnings.begin(), out.warnings.end(), [](const ReleaseWarning &w) {
        return w.kind == QLatin1String("heavy-suppression");
    });
    if (context.alternatives && (heavy || !out.passes)) {
        struct Candidate
        {
            QString description;
            ProtectionPolicy policy;
        };
        QVector<Candidate> candidates;
        const ProtectionPolicy &p = request.protection;
        for (int base : {5, 10}) {
            if (p.round == base || p.perturbation)
                continue;
            ProtectionPolicy q = p;
            q.round = base;
            candidates << Candidate{QStringLiteral("Round every count to the nearest %1").arg(base), q};
        }
        const bool hasAge =
            std::any_of(out.request.tables.begin(), out.request.tables.end(), [](const TableSpec &t) {
                return t.rows == Dimension::Age || t.columns == Dimension::Age;
            });
        if (hasAge && p.ageBands.isEmpty()) {
            ProtectionPolicy q = p;
            q.ageBands = suggestedBands(request.criteria);
            QStringList words;
            for (const auto &b : q.ageBands)
                words << QStringLiteral("%1 to %2").arg(b.first).arg(b.second);
            candidates << Candidate{
                QStringLiteral("Count ages in bands (%1)").arg(words.join(QStringLiteral(", "))), q};
        }
        if (!p.mergeSmall && p.threshold > 0) {
            ProtectionPolicy q = p;
            q.mergeSmall = true;
            candidates << Candidate{
                QStringLiteral("Merge categories below %1 into \"Other\"").arg(p.threshold), q};
        }
        if (!p.perturbation && frame.hasRecordKeys) {
            ProtectionPolicy q = p;
            q.round.reset();
            q.perturbation = ProtectionPolicy::Perturbation{};
            candidates << Candidate{
                QStringLiteral("Perturb the counts (the cell-key method): small counts are shown changed, "
                               "not withheld"),
                q};
        }
        ReleaseContext quiet = context;
        quiet.alternatives = false;
        for (const Candidate &c : candidates) {
            Request alt = request;
            alt.protection = c.policy;
            Result<Release> r = tabulateOnce(frame, alt, quiet, control);
            if (!r)
                return r.error();
            ReleaseAlternative a;
            a.description = c.description;
            a.policy = c.policy;
            a.cellsWithheld = r->withheldCells();
            a.cells = r->innerCells();
            a.passes = r->passes;
            out.alternatives << a;
        }
    }
    out.searchText = searchParagraph(out, context.systems);
    out.disclosureText = disclosureParagraph(out);
    return out;
}

QJsonObject Release::toJson(bool unprotected) const
{
    auto cellJson = [&](const ReleasedCell &c, bool twoWay) {
        QJsonObject o;
        o.insert(QStringLiteral("row"), c.row);
        o.insert(QStringLiteral("row_label"), c.rowLabel);
        o.insert(QStringLiteral("column"), twoWay ? QJsonValue(c.column) : QJsonValue(QJsonValue::Null));
        if (twoWay)
            o.insert(QStringLiteral("column_label"), c.columnLabel);
        o.insert(QStringLiteral("shown"), c.shown);
        if (unprotected) {
            o.insert(QStringLiteral("count"), c.count);
            o.insert(QStringLiteral("status"), cellStatusName(c.status));
        }
        return o;
    };
    QJsonObject root;
    root.insert(QStringLiteral("reference"), request.reference);
    root.insert(QStringLiteral("unit"), unitName(request.unit));
    QJsonArray tablesJson;
    for (const ReleasedTable &t : tables) {
        const bool twoWay = t.spec.columns.has_value();
        QJsonObject o;
        o.insert(QStringLiteral("title"), t.spec.title);
        o.insert(QStringLiteral("rows"), dimensionName(t.spec.rows));
        o.insert(QStringLiteral("columns"),
                 twoWay ? QJsonValue(dimensionName(*t.spec.columns)) : QJsonValue(QJsonValue::Null));
        QJsonArray cellsJson;
        for (const ReleasedCell &c : t.cells)
            cellsJson.append(cellJson(c, twoWay));
        o.insert(QStringLiteral("cells"), cellsJson);
        QJsonObject total;
        total.insert(QStringLiteral("shown"), t.total.shown);
        if (unprotected)
            total.insert(QStringLiteral("count"), t.total.count);
        o.insert(QStringLiteral("total"), total);
        if (!t.notes.isEmpty())
            o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(t.notes));
        tablesJson.append(o);
    }
    root.insert(QStringLiteral("tables"), tablesJson);
    QJsonArray warningsJson;
    for (const ReleaseWarning &w : warnings) {
        QJsonObject o;
        o.insert(QStringLiteral("kind"), w.kind);
        o.insert(QStringLiteral("message"), w.message);
        if (!w.earlier.isEmpty())
            o.insert(QStringLiteral("earlier"), w.earlier);
        if (!w.fix.isEmpty())
            o.insert(QStringLiteral("fix"), w.fix);
        warningsJson.append(o);
    }
    root.insert(QStringLiteral("warnings"), warningsJson);
    QJsonArray auditJson;
    for (const AuditLine &a : audit) {
        QJsonObject o;
        o.insert(QStringLiteral("table"), a.table);
        o.insert(QStringLiteral("row"), a.row);
        o.insert(QStringLiteral("column"),
                 a.column.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.column));
        o.insert(QStringLiteral("lower"), a.lower);
        o.insert(QStringLiteral("upper"), a.upper ? QJsonValue(*a.upper) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("reason"), cellStatusName(a.status));
        o.insert(QStringLiteral("protected"), a.isProtected);
        auditJson.append(o);
    }
    root.insert(QStringLiteral("audit"), auditJson);
    // The application's own fields.
    root.insert(QStringLiteral("passes"), passes);
    if (!passes)
        root.insert(QStringLiteral("failure"), failure);
    QJsonArray alternativesJson;
    for (const ReleaseAlternative &a : alternatives) {
        QJsonObject o;
        o.insert(QStringLiteral("description"), a.description);
        o.insert(QStringLiteral("cells_withheld"), a.cellsWithheld);
        o.insert(QStringLiteral("cells"), a.cells);
        o.insert(QStringLiteral("passes"), a.passes);
        alternativesJson.append(o);
    }
    if (!alternatives.isEmpty())
        root.insert(QStringLiteral("alternatives"), alternativesJson);
    root.insert(QStringLiteral("search_text"), searchText);
    root.insert(QStringLiteral("disclosure_text"), disclosureText);
    return root;
}

namespace {} // namespace

namespace {

/// A table as lines of strings: the header, a line per row, the totals. A withheld cell shows its true
/// count beside the marker only when unprotected.
QVector<QStringList> tableGrid(const ReleasedTable &t, bool unprotected)
{
    QVector<QStringList> grid;
    QString dim = dimensionWords(t.spec.rows);
    dim[0] = dim[0].toUpper();
    QStringList header{dim};
    if (t.spec.columns) {
        for (const Category &c : t.columns)
            header << c.label;
        header << QStringLiteral("Total");
    } else {
        header << QStringLiteral("Count");
    }
    grid << header;
    auto text = [&](const ReleasedCell *c) {
        if (!c)
            return QString();
        return unprotected && c->withheld() ? QStringLiteral("%1 (%2)").arg(c->shown).arg(c->count)
                                            : c->shown;
    };
    for (const Category &r : t.rows) {
        QStringList line{r.label};
        if (t.spec.columns) {
            for (const Category &c : t.columns)
                line << text(t.find(r.key, c.key));
            line << text(t.find(r.key, kTotal));
        } else {
            line << text(t.find(r.key));
        }
        grid << line;
    }
    QStringList totals{QStringLiteral("Total")};
    if (t.spec.columns) {
        for (const Category &c : t.columns)
            totals << text(t.find(kTotal, c.key));
    }
    totals << text(&t.total);
    grid << totals;
    return grid;
}

} // namespace

QVector<QStringList> ReleasedTable::releasedGrid() const
{
    return tableGrid(*this, false);
}

QByteArray Release::toCsv(bool unprotected) const
{
    QString out;
    for (const ReleasedTable &t : tables) {
        out += csvField(t.spec.title) + QLatin1Char('\n');
        for (const QString &note : t.notes)
            out += csvField(note) + QLatin1Char('\n');
        for (const QStringList &line : tableGrid(t, unprotected)) {
            QStringList fields;
            for (const QString &f : line)
                fields << csvField(f);
            out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QString Release::toText(bool unprotected) const
{
    QString out = QStringLiteral("Request %1 (%2)\n\n").arg(request.reference, unitName(request.unit));
    for (const ReleasedTable &t : tables) {
        out += t.spec.title + QLatin1Char('\n');
        for (const QString &note : t.notes)
            out += QStringLiteral("Note: ") + note + QLatin1Char('\n');
        const QVector<QStringList> grid = tableGrid(t, unprotected);
        QVector<int> width(grid.first().size(), 0);
        for (const QStringList &line : grid) {
            for (qsizetype i = 0; i < line.size(); ++i)
                width[i] = std::max(width[i], int(line[i].size()));
        }
        for (const QStringList &line : grid) {
            QString row = line[0].leftJustified(width[0] + 2);
            for (qsizetype i = 1; i < line.size(); ++i)
                row += line[i].rightJustified(width[i] + 2);
            out += row + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    if (!passes)
        out += QStringLiteral("DOES NOT PASS: %1\n\n").arg(failure);
    for (const ReleaseWarning &w : warnings) {
        out += QStringLiteral("Warning (%1): %2\n").arg(w.kind, w.message);
        if (!w.fix.isEmpty())
            out += QStringLiteral("  Fix: %1\n").arg(w.fix);
    }
    if (!audit.isEmpty()) {
        out += QStringLiteral("\nAudit of withheld cells (what anyone can work out):\n");
        for (const AuditLine &a : audit) {
            out += QStringLiteral("  table %1, %2%3: %4 to %5%6\n")
                       .arg(a.table + 1)
                       .arg(a.row, a.column.isEmpty() ? QString() : QStringLiteral(" / ") + a.column)
                       .arg(a.lower)
                       .arg(a.upper ? QString::number(*a.upper) : QStringLiteral("no limit"),
                            a.isProtected ? QString() : QStringLiteral("  NOT PROTECTED"));
        }
    }
    for (const ReleaseAlternative &a : alternatives)
        out += QStringLiteral("Alternative: %1: %2 of %3 cells withheld%4\n")
                   .arg(a.description)
                   .arg(a.cellsWithheld)
                   .arg(a.cells)
                   .arg(a.passes ? QString() : QStringLiteral(" (does not pass)"));
    out += QStringLiteral("\n%1\n\n%2\n").arg(searchText, disclosureText);
    return out;
}

ReleaseRecord Release::toRecord(const QString &officer, const QDateTime &at) const
{
    ReleaseRecord r;
    r.reference = request.reference;
    r.releasedAt = at.toUTC();
    r.officer = officer;
    r.unit = unitName(request.unit);
    r.requestJson = request.toJson();
    const ProtectionPolicy &p = request.protection;
    if (!p.thresholdReason.isEmpty())
        r.reasons << QStringLiteral("threshold %1: %2").arg(p.threshold).arg(p.thresholdReason);
    if (!p.revealReason.isEmpty())
        r.reasons << QStringLiteral("counts an earlier release withheld are shown: %1").arg(p.revealReason);
    QJsonObject shown = toJson(false);
    // The paragraphs are in the request's response, not needed to check later releases.
    shown.remove(QStringLiteral("search_text"));
    shown.remove(QStringLiteral("disclosure_text"));
    shown.remove(QStringLiteral("alternatives"));
    r.releaseJson = QJsonDocument(shown).toJson(QJsonDocument::Compact);
    return r;
}

Result<EarlierRelease> EarlierRelease::fromRecord(const ReleaseRecord &record)
{
    const QString name = QStringLiteral("release %1 (%2)").arg(record.reference).arg(record.id);
    Result<Request> request = Request::fromJson(record.requestJson, name);
    if (!request)
        return request.error();
    EarlierRelease e;
    e.reference = record.reference;
    e.releasedAt = record.releasedAt;
    e.request = *request;
    const QJsonObject root = QJsonDocument::fromJson(record.releaseJson).object();
    if (root.isEmpty())
        return Error(QStringLiteral("the recorded release is damaged"), name);
    const int base = e.request.protection.round.value_or(0);
    std::optional<protect::PerturbationTable> perturbation;
    if (e.request.protection.perturbation) {
        Result<protect::PerturbationTable> table = perturbationTable(e.request.protection);
        if (!table)
            return Error(table.error().message, name);
        perturbation = std::move(*table);
    }
    // The audit's bounds of each withheld cell, by table and key.
    QHash<QString, std::pair<qint64, qint64>> bounds;
    for (const QJsonValue &v : root.value(QStringLiteral("audit")).toArray()) {
        const QJsonObject a = v.toObject();
        const QString key =
            QStringLiteral("%1|%2|%3")
                .arg(a.value(QStringLiteral("table")).toInt())
                .arg(a.value(QStringLiteral("row")).toString(), a.value(QStringLiteral("column")).toString());
        const QJsonValue upper = a.value(QStringLiteral("upper"));
        bounds.insert(
            key, {a.value(QStringLiteral("lower")).toInteger(), upper.isNull() ? -1 : upper.toInteger()});
    }
    auto readCell = [&](const QJsonObject &o, int table, ReleasedCell &c) {
        c.shown = o.value(QStringLiteral("shown")).toString();
        bool number = false;
        const qint64 value = c.shown.toLongLong(&number);
        if (number) {
            const auto [low, high] =
                perturbation ? perturbation->interval(value) : roundingInterval(value, base);
            c.shownLow = low;
            c.shownHigh = high;
            c.status = CellStatus::Released;
            return;
        }
        if (c.shown == kNotApplicable) {
            c.status = CellStatus::NotApplicable;
            return;
        }
        c.status = CellStatus::Threshold;
        const auto b = bounds.value(QStringLiteral("%1|%2|%3").arg(table).arg(c.row, c.column), {0, -1});
        c.shownLow = b.first;
        c.shownHigh = b.second;
    };
    const QJsonArray tables = root.value(QStringLiteral("tables")).toArray();
    for (qsizetype ti = 0; ti < tables.size(); ++ti) {
        const QJsonObject t = tables[ti].toObject();
        ReleasedTable rt;
        rt.spec.title = t.value(QStringLiteral("title")).toString();
        const std::optional<Dimension> rows = dimensionFromName(t.value(QStringLiteral("rows")).toString());
        if (!rows)
            return Error(QStringLiteral("the recorded release has a table without rows"), name);
        rt.spec.rows = *rows;
        if (t.value(QStringLiteral("columns")).isString())
            rt.spec.columns = dimensionFromName(t.value(QStringLiteral("columns")).toString());
        for (const QJsonValue &v : t.value(QStringLiteral("cells")).toArray()) {
            const QJsonObject o = v.toObject();
            ReleasedCell c;
            c.row = o.value(QStringLiteral("row")).toString();
            c.rowLabel = o.value(QStringLiteral("row_label")).toString();
            c.column = o.value(QStringLiteral("column")).toString();
            c.columnLabel = o.value(QStringLiteral("column_label")).toString();
            readCell(o, int(ti), c);
            rt.cells << c;
        }
        rt.total.row = kTotal;
        rt.total.column = rt.spec.columns ? kTotal : QString();
        readCell(t.value(QStringLiteral("total")).toObject(), int(ti), rt.total);
        e.tables << rt;
    }
    return e;
}

Result<protect::PerturbationTable> perturbationTable(const ProtectionPolicy &policy)
{
    protect::PerturbationParameters parameters;
    parameters.maxChange = policy.perturbationMaxChange();
    parameters.variance = policy.perturbation ? policy.perturbation->variance : 1.0;
    parameters.threshold = policy.threshold;
    return protect::PerturbationTable::build(parameters);
}

Result<RegisterView> loadRegisterView(Register &reg)
{
    Result<bool> stale = reg.mergeIsStale();
    if (!stale)
        return stale.error();
    if (*stale)
        return Error(QStringLiteral("the register has not been merged since its last import or upgrade, so "
                                    "the counts would miss rows or record keys: merge it first "
                                    "(foi-tables-cli merge --register FILE)"),
                     reg.location());
    Result<CountingFrame> frame = CountingFrame::load(reg);
    if (!frame)
        return frame.error();
    RegisterView view{std::move(*frame), {}};
    Result<QVector<SystemInfo>> systems = reg.systems();
    if (!systems)
        return systems.error();
    view.context.systems = *systems;
    Result<MergeReport> report = reg.mergeReport();
    if (!report)
        return report.error();
    view.context.rejectedRows = report->rejectedRows;
    Result<int> minimum = reg.minimumThreshold();
    if (!minimum)
        return minimum.error();
    view.context.minimumThreshold = *minimum;
    view.context.usualThreshold = ProtectionPolicy::kUsualThreshold;
    Result<QVector<ReleaseRecord>> releases = reg.releases();
    if (!releases)
        return releases.error();
    for (const ReleaseRecord &r : *releases) {
        Result<EarlierRelease> e = EarlierRelease::fromRecord(r);
        if (!e)
            return e.error();
        view.context.earlier << *e;
    }
    return view;
}

} // namespace foi
