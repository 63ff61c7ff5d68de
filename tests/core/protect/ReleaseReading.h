#pragma once

// The tests' own reading of a release, for their attacker (Attacker.h): a variable per shown cell, the
// sums each table states, and the same count shown in two tables as one count. It reads only what the
// release shows, never the true counts (except to say which cells the policy had to protect).

#include "Attacker.h"
#include "protect/Release.h"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace foi::protect::test {

/// The attacker's reading of a release: a variable per shown cell; the sums each table states (or, with
/// a note that rows can add up to more than the total, the inequalities); and the same count shown in
/// two tables (a total, a margin and a one-way row of the same dimension) is one count.
struct Reading
{
    PlainRelease plain;
    std::vector<const ReleasedCell *> cells;
    std::vector<bool> primary;
    /// The parts of each line (a row or column with its margin, the margins with the total).
    std::vector<std::vector<int>> lines;

    /// The withheld cells of each line, two or more, whose true counts add up to 1..threshold-1.
    std::vector<std::vector<int>> smallGroups(int threshold) const
    {
        std::vector<std::vector<int>> groups;
        for (const std::vector<int> &line : lines) {
            std::vector<int> group;
            qint64 sum = 0;
            for (int cell : line) {
                if (plain.hidden[size_t(cell)]) {
                    group.push_back(cell);
                    sum += cells[size_t(cell)]->count;
                }
            }
            if (group.size() >= 2 && sum >= 1 && sum < threshold)
                groups.push_back(group);
        }
        return groups;
    }
};

/// shownInterval: what a shown count tells of the true count (the default: exact, or the rounding
/// interval when the policy rounds).
inline Reading readRelease(const Release &release,
                           std::function<std::pair<qint64, qint64>(qint64)> shownInterval = {})
{
    Reading rd;
    const int base = release.request.protection.round.value_or(0);
    const bool zerosShown = !release.request.protection.suppressZeros;
    const bool sexualWithheld = release.request.protection.sensitive == ProtectionPolicy::Sensitive::Suppress;
    // listed: a one-way row, a margin or a total, which a table shows only when it holds a record.
    auto add = [&](const ReleasedCell &c, bool sexual, bool listed) {
        const int index = int(rd.cells.size());
        rd.cells.push_back(&c);
        rd.plain.hidden.push_back(c.withheld());
        bool number = false;
        const qint64 v = c.shown.toLongLong(&number);
        qint64 low = v;
        qint64 high = v;
        if (number && shownInterval) {
            std::tie(low, high) = shownInterval(v);
        } else if (number && base > 1) {
            low = std::max<qint64>(0, v - base / 2);
            high = v + (base + 1) / 2 - 1;
        }
        const qint64 atLeast = listed ? 1 : 0;
        rd.plain.shownLow.push_back(number ? std::max(low, atLeast) : 0);
        rd.plain.shownHigh.push_back(number ? high : 0);
        // A [c] is at least 1 when it is listed, or when zeros are shown as 0, unless it is a sexual
        // offence that the policy withholds whatever it is.
        rd.plain.hiddenAtLeast.push_back(
            std::max(atLeast, qint64(zerosShown && !(sexual && sexualWithheld) ? 1 : 0)));
        const int t = release.request.protection.threshold;
        rd.primary.push_back((c.count >= 1 && c.count < t) || c.status == CellStatus::Sensitive);
        return index;
    };
    auto relation = [&](const std::vector<int> &parts, int whole, bool exact) {
        PlainRelation r;
        for (int p : parts)
            r.terms.push_back({p, 1.0});
        r.terms.push_back({whole, -1.0});
        r.kind = exact ? PlainRelation::Equal : PlainRelation::AtLeast;
        rd.plain.relations.push_back(r);
        rd.lines.push_back(parts);
        if (!exact) {
            for (int p : parts)
                rd.plain.relations.push_back(
                    PlainRelation{{{p, 1.0}, {whole, -1.0}}, PlainRelation::AtMost, 0.0});
        }
    };
    std::map<QString, int> sameCount; // "dimension=key" or "" -> first cell showing it
    auto same = [&](const QString &key, int cell) {
        auto it = sameCount.find(key);
        if (it == sameCount.end())
            sameCount[key] = cell;
        else
            rd.plain.relations.push_back(
                PlainRelation{{{it->second, 1.0}, {cell, -1.0}}, PlainRelation::Equal, 0.0});
    };
    for (const ReleasedTable &t : release.tables) {
        const bool rowsNote =
            !t.notes.isEmpty() && t.notes.join(QString()).contains(QStringLiteral("more than one row"));
        const bool columnsNote =
            !t.notes.isEmpty() && t.notes.join(QString()).contains(QStringLiteral("more than one column"));
        const QString rd_ = dimensionName(t.spec.rows) + QLatin1Char('=');
        std::map<QString, bool> sexualRow;
        for (const Category &c : t.rows)
            sexualRow[c.key] = c.sexual;
        std::map<QString, bool> sexualColumn;
        for (const Category &c : t.columns)
            sexualColumn[c.key] = c.sexual;
        const int total = add(t.total, false, !t.rows.isEmpty());
        same(QString(), total);
        if (!t.spec.columns) {
            std::vector<int> rows;
            for (const ReleasedCell &c : t.cells) {
                rows.push_back(add(c, sexualRow[c.row], true));
                same(rd_ + c.row, rows.back());
            }
            relation(rows, total, !rowsNote);
            continue;
        }
        const QString cd_ = dimensionName(*t.spec.columns) + QLatin1Char('=');
        std::map<QString, std::vector<int>> byRow;
        std::map<QString, std::vector<int>> byColumn;
        std::map<QString, int> rowMargin;
        std::map<QString, int> columnMargin;
        for (const ReleasedCell &c : t.cells) {
            const bool sexual = sexualRow[c.row] || sexualColumn[c.column];
            const bool margin = c.row == QLatin1String("total") || c.column == QLatin1String("total");
            const int i = add(c, sexual, margin);
            if (c.column == QLatin1String("total")) {
                rowMargin[c.row] = i;
                same(rd_ + c.row, i);
            } else if (c.row == QLatin1String("total")) {
                columnMargin[c.column] = i;
                same(cd_ + c.column, i);
            } else {
                byRow[c.row].push_back(i);
                byColumn[c.column].push_back(i);
            }
        }
        std::vector<int> margins;
        for (const auto &[key, cells] : byRow)
            relation(cells, rowMargin.at(key), !columnsNote);
        for (const auto &[key, cells] : byColumn)
            relation(cells, columnMargin.at(key), !rowsNote);
        for (const auto &[key, cell] : rowMargin)
            margins.push_back(cell);
        relation(margins, total, !rowsNote);
        margins.clear();
        for (const auto &[key, cell] : columnMargin)
            margins.push_back(cell);
        relation(margins, total, !columnsNote);
    }
    return rd;
}

} // namespace foi::protect::test
