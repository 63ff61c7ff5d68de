#pragma once

#include <QtGlobal>

#include <random>

namespace foi::demo {

/// The demo world's only source of chance. std::mt19937_64 is specified bit for bit by the standard,
/// but the std:: distributions are not (libstdc++, libc++ and MSVC differ), so the draws are done here
/// with plain arithmetic: the same seed gives the same files on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {}

    /// Uniform in [0, 1).
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }

    /// Uniform integer in [0, n); 0 when n is 0.
    quint64 below(quint64 n)
    {
        if (n == 0)
            return 0;
        const auto r = quint64(uniform() * double(n));
        return r < n ? r : n - 1; // uniform() * n can round up to n for very large n
    }

    /// Uniform integer in [lo, hi].
    int between(int lo, int hi) { return lo + int(below(quint64(hi - lo + 1))); }

    bool chance(double p) { return uniform() < p; }

private:
    std::mt19937_64 m_engine;
};

/// Places a rare event at a steady rate over a stream of opportunities, with jitter: unlike a coin per
/// opportunity it cannot come out empty when the expected count is one or two, so every trap appears
/// even in a small world. The first event comes at opportunity `first` (1-based).
class Quota
{
public:
    Quota(double rate, double first)
        : m_rate(rate)
        , m_next(first)
    {}

    bool take(Random &random)
    {
        m_seen += 1.0;
        if (m_rate <= 0.0 || m_seen < m_next)
            return false;
        m_next += (0.5 + random.uniform()) / m_rate;
        return true;
    }

private:
    double m_rate;
    double m_next;
    double m_seen = 0.0;
};

} // namespace foi::demo
