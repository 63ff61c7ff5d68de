#include "protect/AttackerLp.h"

#include "protect/Release.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace foi::protect::detail {

namespace {

// Reduced costs smaller than this are the solver's noise, not a binding bound.
constexpr double kDualNoise = 1e-9;

QString cellName(int cell)
{
    return QStringLiteral("cell %1").arg(cell);
}

} // namespace

Status checkProblem(const CellProblem &problem)
{
    const auto cellCount = qint64(problem.cells.size());
    if (cellCount > std::numeric_limits<int>::max() - 1)
        return Error(QStringLiteral("the release has too many cells for the linear programme"));
    for (qint64 i = 0; i < cellCount; ++i) {
        const ProblemCell &c = problem.cells[std::size_t(i)];
        const QString name = cellName(int(i));
        if (c.shownHigh < c.shownLow || c.shownHigh < 0)
            return Error(
                name + QStringLiteral(" shows an empty interval [%1, %2]").arg(c.shownLow).arg(c.shownHigh));
        if (c.primary && c.mustRelease)
            return Error(name + QStringLiteral(" is both primary (must be suppressed) and must be released"));
        if (!std::isfinite(c.cost) || c.cost < 0)
            return Error(name + QStringLiteral(" has a cost that is not a finite, non-negative number"));
        if (c.lowerWhenSuppressed < 0)
            return Error(name + QStringLiteral(" has a negative lower bound when suppressed"));
    }
    for (std::size_t r = 0; r < problem.relations.size(); ++r) {
        const LinearRelation &relation = problem.relations[r];
        if (!std::isfinite(relation.rhs))
            return Error(QStringLiteral("relation %1 has a right-hand side that is not finite").arg(r));
        for (const LinearRelation::Term &term : relation.terms) {
            if (term.cell < 0 || term.cell >= cellCount)
                return Error(
                    QStringLiteral("relation %1 names cell %2, which does not exist").arg(r).arg(term.cell));
            if (!std::isfinite(term.coefficient))
                return Error(QStringLiteral("relation %1 has a coefficient that is not finite").arg(r));
        }
    }
    return {};
}

qint64 requiredWidth(const CellProblem &problem)
{
    return std::max<qint64>(2, problem.requiredRange);
}

std::optional<qint64> widthOf(const CellBounds &bounds)
{
    if (!bounds.upper)
        return std::nullopt;
    return *bounds.upper - bounds.lower + 1;
}

CellBounds roundInward(double min, std::optional<double> max)
{
    constexpr double tolerance = 1e-6;
    CellBounds bounds;
    bounds.lower = std::max<qint64>(0, qint64(std::ceil(min - tolerance)));
    if (max)
        bounds.upper = qint64(std::floor(*max + tolerance));
    return bounds;
}

GlpkQuiet::GlpkQuiet()
    : m_previous(glp_term_out(GLP_OFF))
{}

GlpkQuiet::~GlpkQuiet()
{
    glp_term_out(m_previous);
}

AttackerLp::AttackerLp(const CellProblem &problem, const std::vector<bool> &suppressed)
    : m_problem(problem)
    , m_suppressed(suppressed)
    , m_lp(glp_create_prob())
{
    const int cellCount = int(problem.cells.size());
    glp_set_obj_dir(m_lp, GLP_MIN);
    if (cellCount > 0)
        glp_add_cols(m_lp, cellCount);
    for (int cell = 0; cell < cellCount; ++cell)
        applyBounds(cell);

    const int rowCount = int(problem.relations.size());
    if (rowCount > 0)
        glp_add_rows(m_lp, rowCount);
    // GLPK aborts on a row naming a column twice: the terms of each relation are summed per cell first.
    std::vector<double> coefficientOf(std::size_t(cellCount), 0.0);
    std::vector<int> index(1); // GLPK's arrays are 1-based: element 0 is never read
    std::vector<double> value(1);
    for (int row = 0; row < rowCount; ++row) {
        const LinearRelation &relation = problem.relations[std::size_t(row)];
        index.resize(1);
        value.resize(1);
        for (const LinearRelation::Term &term : relation.terms) {
            if (coefficientOf[std::size_t(term.cell)] == 0.0)
                index.push_back(term.cell + 1);
            coefficientOf[std::size_t(term.cell)] += term.coefficient;
        }
        std::size_t kept = 1;
        for (std::size_t k = 1; k < index.size(); ++k) {
            double &coefficient = coefficientOf[std::size_t(index[k] - 1)];
            if (coefficient != 0.0) {
                index[kept] = index[k];
                value.push_back(coefficient);
                ++kept;
            }
            coefficient = 0.0;
        }
        index.resize(kept);
        glp_set_mat_row(m_lp, row + 1, int(kept) - 1, index.data(), value.data());
        switch (relation.sense) {
        case LinearRelation::Equal:
            glp_set_row_bnds(m_lp, row + 1, GLP_FX, relation.rhs, relation.rhs);
            break;
        case LinearRelation::AtLeast:
            glp_set_row_bnds(m_lp, row + 1, GLP_LO, relation.rhs, 0.0);
            break;
        case LinearRelation::AtMost:
            glp_set_row_bnds(m_lp, row + 1, GLP_UP, 0.0, relation.rhs);
            break;
        }
    }
}

AttackerLp::~AttackerLp()
{
    glp_delete_prob(m_lp);
}

void AttackerLp::setSuppressed(int cell, bool suppressed)
{
    if (m_suppressed[std::size_t(cell)] == suppressed)
        return;
    m_suppressed[std::size_t(cell)] = suppressed;
    applyBounds(cell);
}

void AttackerLp::setPattern(const std::vector<bool> &suppressed)
{
    for (std::size_t cell = 0; cell < suppressed.size(); ++cell)
        setSuppressed(int(cell), suppressed[cell]);
}

void AttackerLp::applyBounds(int cell)
{
    const ProblemCell &c = m_problem.cells[std::size_t(cell)];
    // Counts are never negative, whatever a cell shows.
    if (m_suppressed[std::size_t(cell)]) {
        glp_set_col_bnds(m_lp, cell + 1, GLP_LO, double(c.lowerWhenSuppressed), 0.0);
    } else {
        const double low = double(std::max<qint64>(0, c.shownLow));
        const double high = double(c.shownHigh);
        glp_set_col_bnds(m_lp, cell + 1, low == high ? GLP_FX : GLP_DB, low, high);
    }
    m_boundsChanged = true;
}

Result<AttackerLp::Optimum> AttackerLp::optimise(int cell, bool maximise)
{
    if (m_objectiveCell != cell) {
        if (m_objectiveCell >= 0)
            glp_set_obj_coef(m_lp, m_objectiveCell + 1, 0.0);
        glp_set_obj_coef(m_lp, cell + 1, 1.0);
        m_objectiveCell = cell;
    }
    glp_set_obj_dir(m_lp, maximise ? GLP_MAX : GLP_MIN);

    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    // No presolver: it would throw away the basis that makes the next solve a few pivots.
    parameters.presolve = GLP_OFF;
    // After bounds changed the old basis is still dual feasible for an unchanged objective, which is what
    // the dual simplex wants; after only the objective changed it is still primal feasible.
    parameters.meth = m_boundsChanged ? GLP_DUALP : GLP_PRIMAL;
    int code = glp_simplex(m_lp, &parameters);
    if (code != 0) {
        // A basis that went singular or ill-conditioned: start again from a fresh one.
        glp_adv_basis(m_lp, 0);
        parameters.meth = GLP_PRIMAL;
        code = glp_simplex(m_lp, &parameters);
    }
    if (code != 0)
        return Error(
            QStringLiteral("the linear programme failed on %1 (GLPK code %2)").arg(cellName(cell)).arg(code));
    m_boundsChanged = false;

    switch (glp_get_status(m_lp)) {
    case GLP_OPT:
        return Optimum{false, glp_get_obj_val(m_lp)};
    case GLP_UNBND:
        return Optimum{true, 0.0};
    case GLP_NOFEAS:
        return Error(QStringLiteral("the released values contradict each other; %1 has no value that agrees "
                                    "with every relation and every shown value")
                         .arg(cellName(cell)));
    default:
        return Error(QStringLiteral("the linear programme found no optimum for %1").arg(cellName(cell)));
    }
}

void AttackerLp::readReducedCosts(std::vector<double> &into) const
{
    into.resize(m_problem.cells.size());
    for (std::size_t cell = 0; cell < into.size(); ++cell) {
        const double d = glp_get_col_dual(m_lp, int(cell) + 1);
        into[cell] = std::abs(d) < kDualNoise ? 0.0 : d;
    }
}

Result<AttackerInterval> AttackerLp::interval(int cell, bool withGains)
{
    AttackerInterval result;
    std::vector<double> minCosts;
    auto low = optimise(cell, false);
    if (!low)
        return low.error();
    if (low->unbounded) // cannot happen (every column is at least 0) but must not be read as a value
        return Error(QStringLiteral("the linear programme has no least value for %1").arg(cellName(cell)));
    result.min = low->value;
    if (withGains)
        readReducedCosts(minCosts);

    auto high = optimise(cell, true);
    if (!high)
        return high.error();
    if (!high->unbounded)
        result.max = high->value;
    result.bounds = roundInward(result.min, result.max);

    if (withGains && result.max) {
        std::vector<double> maxCosts;
        readReducedCosts(maxCosts);
        // GLPK's reduced cost d_j = c_j - a_j'pi is, at a maximum, >= 0 for a column held at its upper
        // bound and <= 0 for one held at its lower bound; at a minimum the other way round. Raising an
        // upper bound by one raises the maximum by max(d, 0) and lowers the minimum by max(-d, 0);
        // lowering a lower bound likewise.
        result.upperGain.resize(maxCosts.size());
        result.lowerGain.resize(maxCosts.size());
        for (std::size_t j = 0; j < maxCosts.size(); ++j) {
            result.upperGain[j] = std::max(maxCosts[j], 0.0) + std::max(-minCosts[j], 0.0);
            result.lowerGain[j] = std::max(-maxCosts[j], 0.0) + std::max(minCosts[j], 0.0);
        }
    }
    return result;
}

} // namespace foi::protect::detail

void foi::releaseSolverThreadState()
{
    glp_free_env();
}
