// The exact method of complementary suppression: Fischetti and Salazar-Gonzalez's model solved by
// constraint generation. The master is an integer programme over y (1: the cell is suppressed) that
// minimises the cost; it starts with no protection constraint at all. Its optimum is audited; every
// primary cell that the attacker can still narrow gives a cut that the optimum violates and that no
// protecting pattern violates, and the master is solved again. The first optimum that passes the audit
// is a least-cost protecting pattern, since every pattern the cuts removed was unprotected.

#include "protect/SuppressionSteps.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace foi::protect::detail {

namespace {

using Clock = std::chrono::steady_clock;

// A cut's coefficient smaller than this is dropped (with the right-hand side corrected to stay valid).
constexpr double kTinyCoefficient = 1e-9;

/// sum(coefficient * y[column]) >= rhs over the master's columns (1-based, GLPK's).
struct Cut
{
    std::vector<int> columns{0}; // element 0 unused: GLPK's arrays are 1-based
    std::vector<double> coefficients{0.0};
    double rhs = 0.0;

    void add(int column, double coefficient)
    {
        columns.push_back(column);
        coefficients.push_back(coefficient);
    }
    int size() const { return int(columns.size()) - 1; }
};

struct MipLimits
{
    int maxNodes = 0;
    const std::atomic_bool *cancel = nullptr;
    bool cancelled = false;
    bool outOfNodes = false;
};

// GLPK calls this at every step of branch and bound: the node limit and cancel end the search there.
void limitSearch(glp_tree *tree, void *info)
{
    auto *limits = static_cast<MipLimits *>(info);
    if (limits->cancel && limits->cancel->load()) {
        limits->cancelled = true;
        glp_ios_terminate(tree);
        return;
    }
    int active = 0;
    int current = 0;
    int total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    if (total > limits->maxNodes) {
        limits->outOfNodes = true;
        glp_ios_terminate(tree);
    }
}

/// The master programme: a binary column per cell a search may suppress, the cuts as rows.
class Master
{
public:
    explicit Master(const Search &search)
        : m_search(search)
        , m_mip(glp_create_prob())
        , m_columnOf(search.problem.cells.size(), 0)
    {
        glp_set_obj_dir(m_mip, GLP_MIN);
        for (std::size_t cell = 0; cell < search.allowable.size(); ++cell) {
            if (search.allowable[cell])
                m_cellOf.push_back(int(cell));
        }
        if (!m_cellOf.empty())
            glp_add_cols(m_mip, int(m_cellOf.size()));
        for (std::size_t k = 0; k < m_cellOf.size(); ++k) {
            const int column = int(k) + 1;
            m_columnOf[std::size_t(m_cellOf[k])] = column;
            glp_set_col_kind(m_mip, column, GLP_BV);
            glp_set_obj_coef(m_mip, column, search.problem.cells[std::size_t(m_cellOf[k])].cost);
        }
    }
    ~Master() { glp_delete_prob(m_mip); }
    Master(const Master &) = delete;
    Master &operator=(const Master &) = delete;

    int columnOf(int cell) const { return m_columnOf[std::size_t(cell)]; }

    void addCut(Cut &cut)
    {
        const int row = glp_add_rows(m_mip, 1);
        glp_set_mat_row(m_mip, row, cut.size(), cut.columns.data(), cut.coefficients.data());
        glp_set_row_bnds(m_mip, row, GLP_LO, cut.rhs, 0.0);
    }

    enum class Outcome
    {
        Solved,
        Failed,
        OutOfTime,
        Cancelled,
    };

    /// Solves the master; on success `pattern` is its optimum (primary cells included).
    Outcome solve(const SuppressionOptions &options, int remainingMs, std::vector<bool> &pattern)
    {
        MipLimits limits;
        limits.maxNodes = options.maxNodes;
        limits.cancel = m_search.control.cancel;
        glp_iocp parameters;
        glp_init_iocp(&parameters);
        parameters.msg_lev = GLP_MSG_OFF;
        parameters.presolve = GLP_ON; // solves the relaxation itself: the master keeps no basis
        parameters.cov_cuts = GLP_ON; // the cuts are knapsack rows, cover cuts tighten them
        parameters.tm_lim = remainingMs;
        parameters.cb_func = limitSearch;
        parameters.cb_info = &limits;
        const int code = glp_intopt(m_mip, &parameters);
        if (limits.cancelled)
            return Outcome::Cancelled;
        if (code == GLP_ETMLIM)
            return Outcome::OutOfTime;
        if (code != 0 || glp_mip_status(m_mip) != GLP_OPT)
            return Outcome::Failed;
        pattern = m_search.primaryPattern;
        for (std::size_t k = 0; k < m_cellOf.size(); ++k)
            pattern[std::size_t(m_cellOf[k])] = glp_mip_col_val(m_mip, int(k) + 1) > 0.5;
        return Outcome::Solved;
    }

private:
    const Search &m_search;
    glp_prob *m_mip;
    std::vector<int> m_cellOf;   // master column - 1 -> cell
    std::vector<int> m_columnOf; // cell -> master column, 0 for a cell the search may not choose
};

// The attacker's range must be at least requiredWidth - 1 for the rounded interval to hold
// requiredWidth whole numbers; the slack keeps the cut valid whatever the rounding tolerance.
double requiredSpread(const CellProblem &problem)
{
    return double(requiredWidth(problem)) - 1.0 - 1e-5;
}

/// The Benders cut for primary p under the pattern `current`, from the duals of its two optima.
///
/// Call a released cell j whose upper bound binds (upperGain_j > 0) an unbounding cell. For a pattern y
/// that withholds no unbounding cell, the current optimal duals stay feasible for y's programme (a dual
/// price on an upper bound is only needed where y keeps that bound), so weak duality bounds y's range:
///     max - min <= range* + sum over j of lowerGain_j * (L_j - lws_j) * (y_j - y*_j)
/// where withholding j lowers its lower bound from L_j (shown) to lws_j (lowerWhenSuppressed). A
/// protecting y needs max - min >= spread. A pattern that withholds an unbounding cell gets no bound at
/// all, so such cells take a coefficient large enough to satisfy the row alone. Hence the cut
///     sum over unbounding j of cap * y_j + sum over other j of lowerGain_j * (L_j - lws_j) * y_j
///         >= spread - range* + sum over j withheld in y* of lowerGain_j * (L_j - lws_j)
/// which no protecting pattern violates, whatever the relations' coefficients, and which the current
/// pattern violates by exactly spread - range*.
std::optional<Cut> bendersCut(const Search &search, const Master &master, const std::vector<bool> &current,
                              const AttackerInterval &interval)
{
    const double spread = requiredSpread(search.problem);
    const double range = *interval.max - interval.min;
    if (range >= spread)
        return std::nullopt;
    Cut cut;
    cut.rhs = spread - range;
    std::vector<bool> unbounding{false}; // per term of the cut, 1-based like the cut's arrays
    for (std::size_t j = 0; j < search.allowable.size(); ++j) {
        // Primary cells are fixed at 1 and mustRelease cells at 0: their terms cancel or vanish.
        if (!search.allowable[j])
            continue;
        if (!current[j] && interval.upperGain[j] > 0.0) {
            cut.add(master.columnOf(int(j)), 0.0); // its coefficient is set below, once the cap is known
            unbounding.push_back(true);
            continue;
        }
        const ProblemCell &c = search.problem.cells[j];
        const double lowered = double(std::max<qint64>(0, c.shownLow) - c.lowerWhenSuppressed);
        const double coefficient = interval.lowerGain[j] * lowered;
        if (current[j])
            cut.rhs += coefficient;
        if (std::abs(coefficient) < kTinyCoefficient) {
            // Dropping a positive term would strengthen the cut; the right-hand side pays for it.
            if (coefficient > 0)
                cut.rhs -= coefficient;
            continue;
        }
        cut.add(master.columnOf(int(j)), coefficient);
        unbounding.push_back(false);
    }
    // With binary y, a coefficient of cap = rhs - (the sum of the negative coefficients) satisfies the
    // row alone, so no coefficient needs to be larger: capping keeps the same integer solutions.
    double negative = 0.0;
    for (int k = 1; k <= cut.size(); ++k)
        negative += std::min(cut.coefficients[std::size_t(k)], 0.0);
    const double cap = cut.rhs - negative;
    for (int k = 1; k <= cut.size(); ++k) {
        double &coefficient = cut.coefficients[std::size_t(k)];
        coefficient = unbounding[std::size_t(k)] ? cap : std::min(coefficient, cap);
    }
    return cut;
}

/// When the range is wide enough but the rounded interval is not (a fractional vertex), the duals give
/// no violated cut: exclude the current pattern instead. If suppressing can only widen intervals
/// (monotone), every pattern that suppresses no more of p's component is as narrow, so one more of those
/// cells must be suppressed; otherwise only this very pattern is excluded.
Cut noGoodCut(const Search &search, const Master &master, const std::vector<bool> &current, int primary,
              bool monotone)
{
    Cut cut;
    cut.rhs = 1.0;
    const int component = search.component[std::size_t(primary)];
    for (std::size_t j = 0; j < search.allowable.size(); ++j) {
        if (!search.allowable[j] || search.component[j] != component)
            continue;
        if (!current[j]) {
            cut.add(master.columnOf(int(j)), 1.0);
        } else if (!monotone) {
            cut.add(master.columnOf(int(j)), -1.0);
            cut.rhs -= 1.0;
        }
    }
    return cut;
}

/// True when suppressing a cell can only widen what the attacker knows: no allowable cell's shown lower
/// bound is below what the attacker assumes of it once suppressed.
bool suppressionIsMonotone(const Search &search)
{
    for (std::size_t j = 0; j < search.allowable.size(); ++j) {
        const ProblemCell &c = search.problem.cells[j];
        if (search.allowable[j] && std::max<qint64>(0, c.shownLow) < c.lowerWhenSuppressed)
            return false;
    }
    return true;
}

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return int(std::clamp<long long>(left, 0, std::numeric_limits<int>::max()));
}

} // namespace

Result<ExactResult> exactPattern(const Search &search, AttackerLp &lp, const SuppressionOptions &options)
{
    const Clock::time_point deadline =
        Clock::now() + std::chrono::milliseconds(std::max(0, options.timeLimitMs));
    const bool monotone = suppressionIsMonotone(search);
    const int targetCount = int(search.targets.size());
    Master master(search);

    ExactResult result;
    std::vector<bool> current = search.primaryPattern;
    for (int round = 0; round < std::max(1, options.maxRounds); ++round) {
        lp.setPattern(current);
        std::vector<Cut> cuts;
        int protectedCount = 0;
        for (int p : search.targets) {
            if (search.cancelled())
                return cancelledError();
            auto interval = lp.interval(p, true);
            if (!interval)
                return interval.error();
            if (isProtected(search.problem, interval->bounds)) {
                ++protectedCount;
                continue;
            }
            std::optional<Cut> cut = bendersCut(search, master, current, *interval);
            cuts.push_back(cut ? std::move(*cut) : noGoodCut(search, master, current, p, monotone));
        }
        search.progress(protectedCount, targetCount);
        if (cuts.empty()) {
            result.outcome = ExactOutcome::Proved;
            result.suppressed = std::move(current);
            return result;
        }
        for (Cut &cut : cuts)
            master.addCut(cut);

        const int left = remainingMs(deadline);
        if (left <= 0) {
            result.outcome = ExactOutcome::TimedOut;
            return result;
        }
        switch (master.solve(options, left, current)) {
        case Master::Outcome::Solved:
            break;
        case Master::Outcome::Cancelled:
            return cancelledError();
        case Master::Outcome::OutOfTime:
            result.outcome = ExactOutcome::TimedOut;
            return result;
        case Master::Outcome::Failed:
            result.outcome = ExactOutcome::GaveUp;
            return result;
        }
    }
    result.outcome = ExactOutcome::GaveUp;
    return result;
}

} // namespace foi::protect::detail
