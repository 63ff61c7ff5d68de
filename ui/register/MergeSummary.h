#pragma once

#include "merge/MergeResult.h"

#include <QString>
#include <QVector>

namespace foi {
struct SystemInfo;
}

namespace foi::ui {

/// The merge report in the officer's words (rich text): crimes, links and persons after the merge,
/// migrated crimes matched, conflicts between the two copies, ages, rejected rows and why.
QString mergeSummaryHtml(const MergeReport &report);

/// The systems and their cutover in one sentence each: "CMS (legacy), frozen at the cutover on 1 April
/// 2017; CONNECT (new) from then on, with the open crimes migrated into it."
QString systemsSummaryHtml(const QVector<SystemInfo> &systems);

} // namespace foi::ui
