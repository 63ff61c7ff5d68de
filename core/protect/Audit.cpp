// The disclosure audit: what an attacker holding the whole release can derive of each cell.
//
// The attacker is the linear programme over every table of the release at once (the relaxation the
// issue asks for). An attacker who also uses that counts are whole numbers can, in rare cases, narrow an
// interval further than the rounded LP bounds; that is why the policy asks for a range of threshold - 1
// whole numbers rather than just "not pinned" (docs/protection.md).

#include "protect/AttackerLp.h"
#include "protect/CellProblem.h"

namespace foi::protect {

Result<std::vector<CellBounds>> auditBounds(const CellProblem &problem, const std::vector<bool> &suppressed,
                                            const std::vector<int> &cells, const Control &control)
{
    if (Status checked = detail::checkProblem(problem); !checked)
        return checked.error();
    if (suppressed.size() != problem.cells.size())
        return Error(QStringLiteral("the suppression pattern has %1 flags for %2 cells")
                         .arg(suppressed.size())
                         .arg(problem.cells.size()));
    for (int cell : cells) {
        if (cell < 0 || std::size_t(cell) >= problem.cells.size())
            return Error(QStringLiteral("cell %1 does not exist").arg(cell));
    }

    std::vector<CellBounds> result;
    result.reserve(cells.size());
    if (cells.empty())
        return result;

    const detail::GlpkQuiet quiet;
    detail::AttackerLp lp(problem, suppressed);
    const int total = int(cells.size());
    for (int done = 0; done < total; ++done) {
        if (control.cancel && control.cancel->load())
            return Error(QStringLiteral("the audit was cancelled"));
        auto interval = lp.interval(cells[std::size_t(done)], false);
        if (!interval)
            return interval.error();
        result.push_back(interval->bounds);
        if (control.progress)
            control.progress(done + 1, total);
    }
    return result;
}

bool isProtected(const CellProblem &problem, const CellBounds &bounds)
{
    const std::optional<qint64> width = detail::widthOf(bounds);
    return !width || *width >= detail::requiredWidth(problem);
}

} // namespace foi::protect
