#pragma once

// The pieces the released-table tests make their tables from: categories and cells as protection gives
// them, a withheld cell shown as [c] with the audit's open bounds.

#include "protect/Release.h"

#include <QString>

namespace foi::test {

inline const QString kWithheld = QStringLiteral("[c]");

inline Category category(const char *key, const char *label, bool sexual = false)
{
    Category c;
    c.key = QLatin1String(key);
    c.label = QLatin1String(label);
    c.sexual = sexual;
    return c;
}

inline const Category kTotalCategory = category("total", "Total");

/// A cell of a row (and column, for a two-way table): shown as its count, or as `shown` (a rounded
/// value), or as [c] when withheld.
inline ReleasedCell releasedCell(const Category &row, const Category *column, qint64 count, CellStatus status,
                                 const QString &shown = {})
{
    ReleasedCell c;
    c.row = row.key;
    c.rowLabel = row.label;
    if (column) {
        c.column = column->key;
        c.columnLabel = column->label;
    }
    c.count = count;
    c.status = status;
    c.shown = status != CellStatus::Released ? kWithheld : shown.isEmpty() ? QString::number(count) : shown;
    c.shownLow = status != CellStatus::Released ? 0 : c.shown.toLongLong();
    c.shownHigh = status != CellStatus::Released ? -1 : c.shown.toLongLong();
    return c;
}

} // namespace foi::test
