// The heuristic of complementary suppression, for problems too large for the integer programme and as
// its fallback. Greedy and deterministic: take the least protected primary cell, suppress the cheapest
// released cell whose suppression can widen its interval, audit it again; repeat until every primary
// cell is protected. Only the cell being worked on is audited again: suppressing more never narrows
// another cell's interval (when suppression is monotone), so an interval audited earlier is a lower
// bound of the current one and a cell is looked at again only when it is the least protected.

#include "protect/SuppressionSteps.h"

#include <queue>

#include <limits>
#include <utility>

namespace foi::protect::detail {

namespace {

// A gain smaller than this is the solver's noise.
constexpr double kNoGain = 1e-9;

constexpr qint64 kUnbounded = std::numeric_limits<qint64>::max();

qint64 widthKey(const CellBounds &bounds)
{
    const std::optional<qint64> width = widthOf(bounds);
    return width ? *width : kUnbounded;
}

/// The better complement of two: the cheaper; at equal cost the larger value (a suppressed group whose
/// sum is larger hides more); then the smaller index, so the choice never depends on anything else.
bool betterComplement(const CellProblem &problem, int candidate, int best)
{
    if (best < 0)
        return true;
    const ProblemCell &a = problem.cells[std::size_t(candidate)];
    const ProblemCell &b = problem.cells[std::size_t(best)];
    if (a.cost != b.cost)
        return a.cost < b.cost;
    if (a.value != b.value)
        return a.value > b.value;
    return candidate < best;
}

/// The best released cell whose suppression the attacker's duals say would widen the interval: its
/// upper bound binds, or its lower bound binds and suppression lowers it.
int complementFromGains(const Search &search, const AttackerLp &lp, const AttackerInterval &interval)
{
    int best = -1;
    for (std::size_t j = 0; j < search.allowable.size(); ++j) {
        if (!search.allowable[j] || lp.isSuppressed(int(j)))
            continue;
        const ProblemCell &c = search.problem.cells[j];
        const bool lowers = std::max<qint64>(0, c.shownLow) > c.lowerWhenSuppressed;
        const bool widens = interval.upperGain[j] > kNoGain || (lowers && interval.lowerGain[j] > kNoGain);
        if (widens && betterComplement(search.problem, int(j), best))
            best = int(j);
    }
    return best;
}

/// When the duals name no cell (a degenerate optimum): the best released cell of the cell's relations,
/// then of the relations of the suppressed cells among those, and so on outwards.
int complementFromNeighbours(const Search &search, const AttackerLp &lp, int primary)
{
    std::vector<bool> relationSeen(search.problem.relations.size(), false);
    std::vector<bool> cellSeen(search.problem.cells.size(), false);
    cellSeen[std::size_t(primary)] = true;
    std::vector<int> frontier{primary};
    while (!frontier.empty()) {
        int best = -1;
        std::vector<int> next;
        for (int cell : frontier) {
            for (int r : search.relationsOf[std::size_t(cell)]) {
                if (relationSeen[std::size_t(r)])
                    continue;
                relationSeen[std::size_t(r)] = true;
                for (const LinearRelation::Term &term : search.problem.relations[std::size_t(r)].terms) {
                    const int j = term.cell;
                    if (cellSeen[std::size_t(j)])
                        continue;
                    cellSeen[std::size_t(j)] = true;
                    if (lp.isSuppressed(j))
                        next.push_back(j);
                    else if (search.allowable[std::size_t(j)] && betterComplement(search.problem, j, best))
                        best = j;
                }
            }
        }
        if (best >= 0)
            return best;
        frontier = std::move(next);
    }
    return -1;
}

} // namespace

Result<HeuristicResult> heuristicPattern(const Search &search, AttackerLp &lp)
{
    // Least protected first: (width, cell), the smallest on top. The width stored is the one last
    // audited, never more than the current one.
    using Entry = std::pair<qint64, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
    const int targetCount = int(search.targets.size());
    int protectedCount = 0;
    for (int p : search.targets) {
        if (search.cancelled())
            return cancelledError();
        auto interval = lp.interval(p, false);
        if (!interval)
            return interval.error();
        if (isProtected(search.problem, interval->bounds))
            ++protectedCount;
        else
            queue.push({widthKey(interval->bounds), p});
    }
    search.progress(protectedCount, targetCount);

    HeuristicResult result;
    while (!queue.empty()) {
        if (search.cancelled())
            return cancelledError();
        const int p = queue.top().second;
        queue.pop();
        auto interval = lp.interval(p, true);
        if (!interval)
            return interval.error();
        if (isProtected(search.problem, interval->bounds)) {
            search.progress(++protectedCount, targetCount);
            continue;
        }
        const qint64 width = widthKey(interval->bounds);
        if (!queue.empty() && width > queue.top().first) {
            queue.push({width, p}); // widened by earlier choices: another cell is now the least protected
            continue;
        }
        int complement = complementFromGains(search, lp, *interval);
        if (complement < 0)
            complement = complementFromNeighbours(search, lp, p);
        if (complement < 0) {
            result.failed.push_back(p);
            continue;
        }
        lp.setSuppressed(complement, true);
        queue.push({width, p});
    }
    result.suppressed = lp.suppressed();
    return result;
}

} // namespace foi::protect::detail
