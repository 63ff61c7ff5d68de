#pragma once

// Internal to core/protect: the attacker's linear programme, shared by the audit and by suppression.

#include "common/Result.h"
#include "protect/CellProblem.h"

#include <optional>
#include <vector>

struct glp_prob;

namespace foi::protect::detail {

/// Checks what GLPK would otherwise abort the process on (a relation naming a cell that does not exist,
/// a coefficient that is not finite) and what makes the model meaningless (an empty shown interval, a
/// cell both primary and fixed, a negative cost). Every entry point calls it before building a programme.
Status checkProblem(const CellProblem &problem);

/// How many whole numbers a primary cell's interval must hold: problem.requiredRange, never below 2.
qint64 requiredWidth(const CellProblem &problem);

/// How many whole numbers the bounds hold; nullopt when there is no upper bound.
std::optional<qint64> widthOf(const CellBounds &bounds);

/// The whole numbers within [min, max] (max empty: no upper bound), rounded inward with a tolerance of
/// 1e-6 for the solver's floating point.
CellBounds roundInward(double min, std::optional<double> max);

/// Silences GLPK's terminal output for the lifetime of the object and restores it afterwards.
class GlpkQuiet
{
public:
    GlpkQuiet();
    ~GlpkQuiet();
    GlpkQuiet(const GlpkQuiet &) = delete;
    GlpkQuiet &operator=(const GlpkQuiet &) = delete;

private:
    int m_previous;
};

/// A cell's interval as the attacker's programme finds it, before rounding.
struct AttackerInterval
{
    double min = 0.0;
    std::optional<double> max; ///< empty: unbounded
    CellBounds bounds;         ///< rounded inward
    /// Only when asked for and the maximum is bounded, per cell: how much max - min grows per unit the
    /// cell's upper bound is raised (upperGain) or its lower bound lowered (lowerGain), read off the reduced
    /// costs of the two optima. A released cell with a gain is one whose suppression can widen the
    /// interval; the gains are the coefficients of the Benders cut of the exact method.
    std::vector<double> upperGain;
    std::vector<double> lowerGain;
};

/// One GLPK programme over every cell of a problem: a column per cell bounded by what the release shows
/// of it (its shown interval, or at least lowerWhenSuppressed when suppressed), a row per relation. The
/// objective is changed cell by cell and the programme re-solved from the previous basis, so a whole
/// audit costs one factorisation and a few pivots per bound; suppressing or releasing a cell changes
/// only its column's bounds, which keeps the basis too.
class AttackerLp
{
public:
    /// `problem` must have passed checkProblem and must outlive the programme; `suppressed` has a flag
    /// per cell.
    AttackerLp(const CellProblem &problem, const std::vector<bool> &suppressed);
    ~AttackerLp();
    AttackerLp(const AttackerLp &) = delete;
    AttackerLp &operator=(const AttackerLp &) = delete;

    const std::vector<bool> &suppressed() const { return m_suppressed; }
    bool isSuppressed(int cell) const { return m_suppressed[std::size_t(cell)]; }
    void setSuppressed(int cell, bool suppressed);
    void setPattern(const std::vector<bool> &suppressed);

    /// The least and greatest value of the cell over the programme. Error when the programme has no
    /// solution (the released values contradict each other) or the solver fails.
    Result<AttackerInterval> interval(int cell, bool withGains);

private:
    struct Optimum
    {
        bool unbounded = false;
        double value = 0.0;
    };
    Result<Optimum> optimise(int cell, bool maximise);
    void applyBounds(int cell);
    void readReducedCosts(std::vector<double> &into) const;

    const CellProblem &m_problem;
    std::vector<bool> m_suppressed;
    glp_prob *m_lp = nullptr;
    int m_objectiveCell = -1;
    bool m_boundsChanged = false;
};

} // namespace foi::protect::detail
