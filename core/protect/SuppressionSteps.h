#pragma once

// Internal to core/protect: the two searches behind suppress() (Suppression.cpp drives them).

#include "protect/AttackerLp.h"
#include "protect/CellProblem.h"

#include <vector>

namespace foi::protect::detail {

/// What both searches work from.
struct Search
{
    Search(const CellProblem &problem, const Control &control);

    const CellProblem &problem;
    const Control &control;
    std::vector<bool> primaryPattern; ///< the primary cells suppressed, nothing else
    /// Cells a search may choose to suppress: neither primary nor mustRelease.
    std::vector<bool> allowable;
    /// The primary cells to protect: those some pattern can protect (set by the driver).
    std::vector<int> targets;
    std::vector<std::vector<int>> relationsOf; ///< per cell, the relations it is a term of
    /// Per cell, its connected component through the relations: a cell of another component can never
    /// change what the attacker learns of it.
    std::vector<int> component;

    bool cancelled() const { return control.cancel && control.cancel->load(); }
    void progress(int done, int total) const
    {
        if (control.progress)
            control.progress(done, total);
    }
};

Error cancelledError();

enum class ExactOutcome
{
    Proved,   ///< the pattern is protected and of least cost
    GaveUp,   ///< out of rounds or nodes, or the programme failed
    TimedOut, ///< out of options.timeLimitMs
};

struct ExactResult
{
    ExactOutcome outcome = ExactOutcome::GaveUp;
    std::vector<bool> suppressed;
};

/// The least-cost protecting pattern by an integer programme with constraint generation (Benders cuts
/// from the attacker's duals). `lp` is the attacker over the same problem; its pattern is changed.
Result<ExactResult> exactPattern(const Search &search, AttackerLp &lp, const SuppressionOptions &options);

struct HeuristicResult
{
    std::vector<bool> suppressed;
    std::vector<int> failed; ///< targets the heuristic could not protect
};

/// A protecting pattern by greedy choice, fast on large problems. `lp` must start with the primary
/// pattern; it ends with the result's.
Result<HeuristicResult> heuristicPattern(const Search &search, AttackerLp &lp);

} // namespace foi::protect::detail
