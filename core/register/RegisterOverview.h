#pragma once

#include "common/Result.h"
#include "merge/MergeResult.h"
#include "register/Register.h"

#include <QString>
#include <QVector>

namespace foi {

/// What a register holds, at a glance: where it is, its imports and its last merge report. The main
/// window shows it; it is a plain value, read once.
struct RegisterOverview
{
    QString location;
    bool isDemo = false;
    QVector<ImportBatch> imports;
    MergeReport report;

    /// Reads the overview, merging first if rows were imported since the last merge.
    static Result<RegisterOverview> load(Register &reg, bool isDemo);
};

} // namespace foi
