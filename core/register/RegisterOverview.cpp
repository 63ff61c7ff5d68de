#include "RegisterOverview.h"

#include "merge/Merger.h"

namespace foi {

Result<RegisterOverview> RegisterOverview::load(Register &reg, bool isDemo)
{
    RegisterOverview o;
    o.location = reg.location();
    o.isDemo = isDemo;
    Result<bool> stale = reg.mergeIsStale();
    if (!stale)
        return stale.error();
    if (*stale) {
        if (Status s = reg.beginTransaction(); !s)
            return s.error();
        Result<MergeReport> merged = Merger::run(reg);
        if (!merged) {
            reg.rollback();
            return merged.error();
        }
        if (Status s = reg.commit(); !s)
            return s.error();
    }
    Result<QVector<ImportBatch>> imports = reg.imports();
    if (!imports)
        return imports.error();
    o.imports = *imports;
    Result<MergeReport> report = reg.mergeReport();
    if (!report)
        return report.error();
    o.report = *report;
    return o;
}

} // namespace foi
