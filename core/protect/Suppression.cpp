// Complementary suppression: which cells to withhold besides the primary ones (docs/protection.md).

#include "protect/SuppressionSteps.h"

#include <algorithm>
#include <numeric>

namespace foi::protect {

namespace detail {

Search::Search(const CellProblem &cellProblem, const Control &searchControl)
    : problem(cellProblem)
    , control(searchControl)
    , primaryPattern(cellProblem.cells.size(), false)
    , allowable(cellProblem.cells.size(), false)
    , relationsOf(cellProblem.cells.size())
    , component(cellProblem.cells.size(), 0)
{
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        primaryPattern[i] = problem.cells[i].primary;
        allowable[i] = !problem.cells[i].primary && !problem.cells[i].mustRelease;
    }
    // Components by union-find over the relations.
    std::vector<int> parent(problem.cells.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&parent](int cell) {
        while (parent[std::size_t(cell)] != cell) {
            parent[std::size_t(cell)] = parent[std::size_t(parent[std::size_t(cell)])];
            cell = parent[std::size_t(cell)];
        }
        return cell;
    };
    for (std::size_t r = 0; r < problem.relations.size(); ++r) {
        const auto &terms = problem.relations[r].terms;
        for (const LinearRelation::Term &term : terms) {
            auto &of = relationsOf[std::size_t(term.cell)];
            if (of.empty() || of.back() != int(r))
                of.push_back(int(r));
            const int a = root(term.cell);
            const int b = root(terms.front().cell);
            if (a != b)
                parent[std::size_t(std::max(a, b))] = std::min(a, b);
        }
    }
    for (std::size_t i = 0; i < component.size(); ++i)
        component[i] = root(int(i));
}

Error cancelledError()
{
    return Error(QStringLiteral("the suppression was cancelled"));
}

} // namespace detail

namespace {

using detail::AttackerLp;
using detail::Search;

/// The targets an audit of `pattern` finds unprotected, by a programme of its own (not the searches').
Result<std::vector<int>> unprotectedTargets(const CellProblem &problem, const std::vector<bool> &pattern,
                                            const std::vector<int> &targets)
{
    auto bounds = auditBounds(problem, pattern, targets);
    if (!bounds)
        return bounds.error();
    std::vector<int> unprotected;
    for (std::size_t k = 0; k < targets.size(); ++k) {
        if (!isProtected(problem, (*bounds)[k]))
            unprotected.push_back(targets[k]);
    }
    return unprotected;
}

double costOf(const CellProblem &problem, const std::vector<bool> &pattern)
{
    double cost = 0.0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i])
            cost += problem.cells[i].cost;
    }
    return cost;
}

} // namespace

Result<SuppressionPattern> suppress(const CellProblem &problem, const SuppressionOptions &options,
                                    const Control &control)
{
    if (Status checked = detail::checkProblem(problem); !checked)
        return checked.error();
    const detail::GlpkQuiet quiet;
    Search search(problem, control);
    SuppressionPattern result;
    result.suppressed = search.primaryPattern;
    std::vector<int> primaries;
    for (std::size_t i = 0; i < problem.cells.size(); ++i) {
        if (problem.cells[i].primary)
            primaries.push_back(int(i));
    }
    if (primaries.empty())
        return result;

    // A primary cell that is too narrow even with every allowable cell suppressed cannot be protected by
    // any pattern (suppression only widens); the searches leave it alone.
    std::vector<bool> everything(problem.cells.size());
    for (std::size_t i = 0; i < everything.size(); ++i)
        everything[i] = search.primaryPattern[i] || search.allowable[i];
    AttackerLp lp(problem, everything);
    for (int p : primaries) {
        if (search.cancelled())
            return detail::cancelledError();
        auto interval = lp.interval(p, false);
        if (!interval)
            return interval.error();
        if (isProtected(problem, interval->bounds))
            search.targets.push_back(p);
        else
            result.unprotectable.push_back(p);
    }

    bool found = false;
    if (int(problem.cells.size()) <= options.maxExactCells) {
        lp.setPattern(search.primaryPattern);
        auto exact = detail::exactPattern(search, lp, options);
        if (!exact)
            return exact.error();
        result.timedOut = exact->outcome == detail::ExactOutcome::TimedOut;
        if (exact->outcome == detail::ExactOutcome::Proved) {
            // Checked by a programme built afresh: a pattern is returned only once an audit passes it.
            auto unprotected = unprotectedTargets(problem, exact->suppressed, search.targets);
            if (!unprotected)
                return unprotected.error();
            if (unprotected->empty()) {
                result.suppressed = std::move(exact->suppressed);
                result.method = SuppressionPattern::Optimal;
                found = true;
            }
        }
    }
    if (!found) {
        lp.setPattern(search.primaryPattern);
        auto heuristic = detail::heuristicPattern(search, lp);
        if (!heuristic)
            return heuristic.error();
        result.suppressed = std::move(heuristic->suppressed);
        auto unprotected = unprotectedTargets(problem, result.suppressed, search.targets);
        if (!unprotected)
            return unprotected.error();
        // Nothing added to the primary cells is the least cost there is.
        const bool nothingAdded = result.suppressed == search.primaryPattern;
        result.method = nothingAdded && unprotected->empty() ? SuppressionPattern::Optimal
                                                             : SuppressionPattern::Heuristic;
        // The heuristic's failures, and anything the audit still finds narrow (possible only when
        // suppressing a cell raises its lower bound): the caller must treat them as unprotectable.
        result.unprotectable.insert(result.unprotectable.end(), unprotected->begin(), unprotected->end());
        std::sort(result.unprotectable.begin(), result.unprotectable.end());
    }
    result.cost = costOf(problem, result.suppressed);
    return result;
}

} // namespace foi::protect
