#include "Attacker.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace foi::protect::test {

namespace {

/// Solves min or max of the sum of some columns over the release; nullopt when infeasible, +-infinity
/// when unbounded.
std::optional<double> optimum(const PlainRelease &release, const std::vector<int> &cells, bool maximise)
{
    glp_prob *lp = glp_create_prob();
    const int n = release.cellCount();
    glp_add_cols(lp, n);
    for (int j = 0; j < n; ++j) {
        const auto k = std::size_t(j);
        if (release.hidden[k]) {
            glp_set_col_bnds(lp, j + 1, GLP_LO, double(release.hiddenAtLeast[k]), 0.0);
        } else {
            const double low = double(std::max<qint64>(0, release.shownLow[k]));
            const double high = double(release.shownHigh[k]);
            if (low == high)
                glp_set_col_bnds(lp, j + 1, GLP_FX, low, high);
            else
                glp_set_col_bnds(lp, j + 1, GLP_DB, low, high);
        }
    }
    // The whole matrix in one call, as triplets, with repeated cells of a relation summed.
    std::vector<int> rows{0};
    std::vector<int> columns{0};
    std::vector<double> values{0.0};
    const int m = int(release.relations.size());
    if (m > 0)
        glp_add_rows(lp, m);
    for (int i = 0; i < m; ++i) {
        const PlainRelation &relation = release.relations[std::size_t(i)];
        std::map<int, double> summed;
        for (const auto &[c, coefficient] : relation.terms)
            summed[c] += coefficient;
        for (const auto &[c, coefficient] : summed) {
            if (coefficient == 0.0)
                continue;
            rows.push_back(i + 1);
            columns.push_back(c + 1);
            values.push_back(coefficient);
        }
        const int type = relation.kind == PlainRelation::Equal     ? GLP_FX
                         : relation.kind == PlainRelation::AtLeast ? GLP_LO
                                                                   : GLP_UP;
        glp_set_row_bnds(lp, i + 1, type, relation.rhs, relation.rhs);
    }
    glp_load_matrix(lp, int(values.size()) - 1, rows.data(), columns.data(), values.data());
    glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN);
    for (int cell : cells)
        glp_set_obj_coef(lp, cell + 1, glp_get_obj_coef(lp, cell + 1) + 1.0);

    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    // No presolver: it reports an infeasible or unbounded programme by a return code instead of a status.
    parameters.presolve = GLP_OFF;
    const int code = glp_simplex(lp, &parameters);
    std::optional<double> result;
    if (code == 0 && glp_get_status(lp) == GLP_OPT)
        result = glp_get_obj_val(lp);
    else if (code == 0 && glp_get_status(lp) == GLP_UNBND)
        result = maximise ? HUGE_VAL : -HUGE_VAL;
    glp_delete_prob(lp);
    return result;
}

} // namespace

std::optional<Range> lpRange(const PlainRelease &release, int cell)
{
    return lpSumRange(release, {cell});
}

std::optional<Range> lpSumRange(const PlainRelease &release, const std::vector<int> &cells)
{
    const std::optional<double> low = optimum(release, cells, false);
    const std::optional<double> high = optimum(release, cells, true);
    if (!low || !high)
        return std::nullopt;
    Range range;
    range.lower = std::max<qint64>(0, qint64(std::ceil(*low - 1e-6)));
    if (std::isfinite(*high))
        range.upper = qint64(std::floor(*high + 1e-6));
    return range;
}

std::optional<std::vector<std::pair<qint64, qint64>>> integerRanges(const PlainRelease &release, qint64 cap)
{
    const int n = release.cellCount();
    // The cells to enumerate, each with its whole numbers; the others are fixed at their shown value.
    std::vector<qint64> low(std::size_t(n), 0);
    std::vector<qint64> high(std::size_t(n), 0);
    std::vector<int> order;
    for (int j = 0; j < n; ++j) {
        const auto k = std::size_t(j);
        low[k] = release.hidden[k] ? release.hiddenAtLeast[k] : std::max<qint64>(0, release.shownLow[k]);
        high[k] = release.hidden[k] ? cap : release.shownHigh[k];
        if (low[k] < high[k])
            order.push_back(j);
    }
    // Each relation is checked as soon as the last of its enumerated cells has a value.
    std::vector<int> position(std::size_t(n), -1);
    for (std::size_t p = 0; p < order.size(); ++p)
        position[std::size_t(order[p])] = int(p);
    std::vector<std::vector<int>> checkAt(order.size() + 1);
    for (std::size_t i = 0; i < release.relations.size(); ++i) {
        int last = -1;
        for (const auto &term : release.relations[i].terms)
            last = std::max(last, position[std::size_t(term.first)]);
        checkAt[std::size_t(last + 1)].push_back(int(i));
    }

    std::vector<qint64> value = low;
    auto holds = [&](int i) {
        const PlainRelation &relation = release.relations[std::size_t(i)];
        double sum = 0.0;
        for (const auto &[c, coefficient] : relation.terms)
            sum += coefficient * double(value[std::size_t(c)]);
        switch (relation.kind) {
        case PlainRelation::Equal:
            return std::abs(sum - relation.rhs) < 1e-9;
        case PlainRelation::AtLeast:
            return sum >= relation.rhs - 1e-9;
        case PlainRelation::AtMost:
            return sum <= relation.rhs + 1e-9;
        }
        return false;
    };

    std::vector<std::pair<qint64, qint64>> ranges(std::size_t(n), {0, -1});
    bool any = false;
    std::function<void(std::size_t)> enumerate = [&](std::size_t depth) {
        for (int i : checkAt[depth]) {
            if (!holds(i))
                return;
        }
        if (depth == order.size()) {
            for (std::size_t k = 0; k < std::size_t(n); ++k) {
                if (!any || value[k] < ranges[k].first)
                    ranges[k].first = value[k];
                if (!any || value[k] > ranges[k].second)
                    ranges[k].second = value[k];
            }
            any = true;
            return;
        }
        const auto k = std::size_t(order[depth]);
        for (qint64 v = low[k]; v <= high[k]; ++v) {
            value[k] = v;
            enumerate(depth + 1);
        }
        value[k] = low[k];
    };
    enumerate(0);
    if (!any)
        return std::nullopt;
    return ranges;
}

} // namespace foi::protect::test
