#include "protect/Perturbation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace foi::protect {

namespace {

constexpr double kKeys = 4294967296.0; // 2^32 cell keys
constexpr int kMaxChangeLimit = 50;

/// The maximum-entropy distribution over offsets x: p ∝ exp(a x + b x²). With only the mean fixed, b is 0.
std::vector<double> exponentialFamily(const std::vector<double> &x, double a, double b)
{
    double top = -std::numeric_limits<double>::infinity();
    for (double v : x)
        top = std::max(top, a * v + b * v * v);
    std::vector<double> p(x.size());
    double sum = 0;
    for (size_t k = 0; k < x.size(); ++k) {
        p[k] = std::exp(a * x[k] + b * x[k] * x[k] - top);
        sum += p[k];
    }
    for (double &v : p)
        v /= sum;
    return p;
}

double logPartition(const std::vector<double> &x, double a, double b)
{
    double top = -std::numeric_limits<double>::infinity();
    for (double v : x)
        top = std::max(top, a * v + b * v * v);
    double sum = 0;
    for (double v : x)
        sum += std::exp(a * v + b * v * v - top);
    return top + std::log(sum);
}

/// Mean 0 and variance v: Newton's method on the convex dual log Z(a, b) - b v, with backtracking.
bool solveMeanAndVariance(const std::vector<double> &x, double v, std::vector<double> *out)
{
    double a = 0, b = 0;
    for (int iteration = 0; iteration < 500; ++iteration) {
        const std::vector<double> p = exponentialFamily(x, a, b);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (size_t k = 0; k < x.size(); ++k) {
            const double x2 = x[k] * x[k];
            m1 += p[k] * x[k];
            m2 += p[k] * x2;
            m3 += p[k] * x2 * x[k];
            m4 += p[k] * x2 * x2;
        }
        const double g1 = m1, g2 = m2 - v;
        // Near double precision, and far below what 2^32 cell keys can tell apart.
        if (std::abs(g1) < 1e-10 && std::abs(g2) < 1e-9) {
            *out = p;
            return true;
        }
        const double h11 = m2 - m1 * m1, h12 = m3 - m1 * m2, h22 = m4 - m2 * m2;
        const double det = h11 * h22 - h12 * h12;
        if (!(det > 1e-300))
            return false;
        const double da = -(h22 * g1 - h12 * g2) / det;
        const double db = -(h11 * g2 - h12 * g1) / det;
        const double f0 = logPartition(x, a, b) - b * v;
        const double slope = g1 * da + g2 * db;
        double t = 1;
        // Close to the solution Newton's full step converges fast; the dual then changes by less than
        // rounding, and a line search would only stall.
        const bool close = std::abs(g1) + std::abs(g2) < 1e-4;
        while (!close && t > 1e-14 &&
               logPartition(x, a + t * da, b + t * db) - (b + t * db) * v > f0 + 1e-4 * t * slope)
            t /= 2;
        if (t <= 1e-14)
            return false;
        a += t * da;
        b += t * db;
        if (!std::isfinite(a) || !std::isfinite(b) || std::abs(b) > 1e6)
            return false; // the variance cannot be reached on this support
    }
    return false;
}

/// Mean 0 only: the mean of p ∝ exp(a x) rises with a; bisection.
std::vector<double> solveMean(const std::vector<double> &x)
{
    auto mean = [&](double a) {
        const std::vector<double> p = exponentialFamily(x, a, 0);
        double m = 0;
        for (size_t k = 0; k < x.size(); ++k)
            m += p[k] * x[k];
        return m;
    };
    double lo = -1, hi = 1;
    while (mean(lo) > 0 && lo > -1e4)
        lo *= 2;
    while (mean(hi) < 0 && hi < 1e4)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (mean(mid) < 0 ? lo : hi) = mid;
    }
    return exponentialFamily(x, (lo + hi) / 2, 0);
}

} // namespace

Result<PerturbationTable> PerturbationTable::build(const PerturbationParameters &parameters)
{
    const int d = parameters.maxChange;
    const int t = parameters.threshold;
    const double v = parameters.variance;
    const QString where = QStringLiteral("protection.perturbation");
    if (d < 1 || d > kMaxChangeLimit)
        return Error(QStringLiteral("%1.max_change must be from 1 to %2").arg(where).arg(kMaxChangeLimit));
    if (t >= 2 && d < t - 1)
        return Error(QStringLiteral("%1.max_change must be at least threshold - 1 (%2), so that a count of "
                                    "1 can be moved out of 1 to %2 without bias")
                         .arg(where)
                         .arg(t - 1));
    if (!(v > 0) || !(v < double(d) * double(d)))
        return Error(QStringLiteral("%1.variance must be above 0 and below max_change squared (%2)")
                         .arg(where)
                         .arg(d * d));

    PerturbationTable table;
    table.m_parameters = parameters;
    auto allowed = [&](qint64 j) {
        return j == 0 || t < 2 || j >= t;
    };
    // From this count on, every row is the same distribution moved up: its whole range is allowed.
    const qint64 last = t >= 2 ? qint64(t) + d : qint64(d);
    table.m_rows.resize(size_t(last) + 1);
    table.m_rows[0] = Row{0, {0}, {1.0}, {std::uint64_t(1) << 32}, 0, 0, true};
    for (qint64 i = 1; i <= last; ++i) {
        std::vector<qint64> to;
        std::vector<double> x;
        bool below = false, above = false;
        for (qint64 j = std::max<qint64>(0, i - d); j <= i + d; ++j) {
            if (!allowed(j))
                continue;
            to.push_back(j);
            x.push_back(double(j - i));
            below = below || j < i;
            above = above || j > i;
        }
        Row row;
        row.from = i;
        std::vector<double> p;
        if (!below || !above) {
            // Nothing on one side: only the count itself keeps the mean.
            to = {i};
            p = {1.0};
        } else if (solveMeanAndVariance(x, v, &p)) {
            row.varianceMet = true;
        } else {
            p = solveMean(x);
        }
        // Quantise to cell keys: each shown count gets a run of keys; a count no key reaches is dropped.
        double cumulative = 0;
        std::uint64_t previous = 0;
        for (size_t k = 0; k < to.size(); ++k) {
            cumulative += p[k];
            std::uint64_t upper = k + 1 == to.size() ? (std::uint64_t(1) << 32)
                                                     : std::uint64_t(std::llround(cumulative * kKeys));
            upper = std::min<std::uint64_t>(std::max(upper, previous), std::uint64_t(1) << 32);
            if (upper == previous)
                continue;
            row.to.push_back(to[k]);
            row.upper.push_back(upper);
            row.probability.push_back(double(upper - previous) / kKeys);
            previous = upper;
        }
        for (size_t k = 0; k < row.to.size(); ++k)
            row.mean += row.probability[k] * double(row.to[k]);
        for (size_t k = 0; k < row.to.size(); ++k)
            row.variance +=
                row.probability[k] * (double(row.to[k]) - row.mean) * (double(row.to[k]) - row.mean);
        table.m_rows[size_t(i)] = std::move(row);
    }
    return table;
}

const PerturbationTable::Row &PerturbationTable::rowFor(qint64 count, qint64 *shift) const
{
    const auto last = qint64(m_rows.size()) - 1;
    if (count <= last) {
        *shift = 0;
        return m_rows[size_t(std::max<qint64>(count, 0))];
    }
    *shift = count - last;
    return m_rows.back();
}

qint64 PerturbationTable::perturb(qint64 count, std::uint32_t cellKey) const
{
    if (count <= 0)
        return count;
    qint64 shift = 0;
    const Row &row = rowFor(count, &shift);
    const auto it = std::upper_bound(row.upper.begin(), row.upper.end(), std::uint64_t(cellKey));
    return row.to[size_t(it - row.upper.begin())] + shift;
}

double PerturbationTable::probability(qint64 count, qint64 shown) const
{
    if (count < 0)
        return 0;
    qint64 shift = 0;
    const Row &row = rowFor(count, &shift);
    for (size_t k = 0; k < row.to.size(); ++k) {
        if (row.to[k] + shift == shown)
            return row.probability[k];
    }
    return 0;
}

std::pair<qint64, qint64> PerturbationTable::interval(qint64 shown) const
{
    const int d = m_parameters.maxChange;
    qint64 low = -1, high = -1;
    for (qint64 i = std::max<qint64>(0, shown - d); i <= shown + d; ++i) {
        if (probability(i, shown) > 0) {
            if (low < 0)
                low = i;
            high = i;
        }
    }
    if (low < 0) // a count the table never shows (a hand-edited release): anything within the change
        return {std::max<qint64>(0, shown - d), shown + d};
    return {low, high};
}

} // namespace foi::protect
