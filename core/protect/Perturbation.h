#pragma once

#include "common/Result.h"

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace foi::protect {

/// The settings of a perturbation table (the request's `protection.perturbation`).
struct PerturbationParameters
{
    int maxChange = 0;   ///< D: no count moves by more than this
    double variance = 0; ///< V: the spread of the change for counts well above the threshold
    int threshold = 0;   ///< no count comes out as 1..threshold-1 (0 or 1: no such rule)
};

/// Cell-key perturbation after the method the ONS used for Census 2021 (docs/protection.md): every
/// record has a fixed random key; a cell's key is the sum of its records' keys mod 2^32; the cell's
/// count and key pick its change from this table. The same records therefore always get the same
/// change, in any table and any request, so comparing overlapping releases reveals nothing new.
///
/// Each row of the table (one per true count) is the maximum-entropy distribution of the shown count
/// over [count - D, count + D] without 1..threshold-1, unbiased (the expected shown count is the true
/// count) and with variance V where that is possible; counts close to the threshold need more spread
/// to stay unbiased and get the least-committal distribution that is. A zero is never changed: a cell
/// with no records has no key.
class PerturbationTable
{
public:
    /// One true count's distribution: the shown counts it can become, their probabilities, and the
    /// cell-key bounds that pick them (key < upper[k] and key >= upper[k - 1] gives to[k]).
    struct Row
    {
        qint64 from = 0;
        std::vector<qint64> to;
        std::vector<double> probability;
        std::vector<std::uint64_t> upper;
        double mean = 0;     ///< of the quantised distribution
        double variance = 0; ///< of the quantised distribution
        bool varianceMet = false;
    };

    /// Builds the table; errors name the parameter and the reason (a change too small to leave the
    /// 1..threshold-1 range without bias, a variance no table of that width can have).
    static Result<PerturbationTable> build(const PerturbationParameters &parameters);

    /// The count a cell shows: its true count moved by the table's change for its key.
    qint64 perturb(qint64 count, std::uint32_t cellKey) const;

    /// What anyone knowing the table learns from a shown count: the true counts that can show it.
    std::pair<qint64, qint64> interval(qint64 shown) const;

    /// The probability that a true count shows as `shown` (as the cell keys quantise it).
    double probability(qint64 count, qint64 shown) const;

    const PerturbationParameters &parameters() const { return m_parameters; }
    /// Rows for true counts 0..rows().size()-1; higher counts use the last row, moved up.
    const std::vector<Row> &rows() const { return m_rows; }

private:
    const Row &rowFor(qint64 count, qint64 *shift) const;

    PerturbationParameters m_parameters;
    std::vector<Row> m_rows;
};

} // namespace foi::protect
