#pragma once

#include "common/Result.h"
#include "merge/MergeResult.h"

#include <atomic>

namespace foi {

class Register;

/// Merges every system in a register into the crimes and links that are counted, by the rules of
/// docs/merge-rules.md: a migrated crime counts once (the new system's copy, with the legacy recorded
/// day), people are linked across systems through their legacy references, and everything doubtful
/// (conflicting copies, orphans, double claims, inconsistent rows) is listed in the report.
class Merger
{
public:
    /// Reads the register's imported rows and computes the merge; writes nothing.
    static Result<MergeResult> compute(Register &reg, const std::atomic_bool *cancel = nullptr);

    /// Computes the merge and stores it in the register. The caller owns the transaction, so that an
    /// import and its merge are saved together or not at all.
    static Result<MergeReport> run(Register &reg, const std::atomic_bool *cancel = nullptr);
};

} // namespace foi
