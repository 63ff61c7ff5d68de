#pragma once

#include <QtGlobal>

#include <vector>
#if defined(_MSC_VER) && !defined(__clang__)
#include <xmmintrin.h>
#endif

namespace foi {

/// An open-addressing index from keys to small integers (indexes into the caller's own arrays), for the
/// merge's millions of person keys and crime references: one flat array of 8-byte slots, where a QHash
/// allocates a node per entry. A slot holds the value and the low 32 bits of the key's hash; the keys
/// stay in the caller's arrays, and find() asks the caller whether a candidate is the key.
class HashIndex
{
public:
    explicit HashIndex(size_t expected = 1024)
    {
        // At most seven eighths full: eight slots share a cache line, so a probe past a full slot
        // rarely costs another miss, and a table of millions takes fewer fresh pages to fault in.
        size_t capacity = 16;
        while (capacity * 7 < expected * 8)
            capacity *= 2;
        m_slots.assign(capacity, Slot());
        m_mask = capacity - 1;
    }

    /// The value stored under (hash, tag) for which isIt(value) holds; -1 when there is none. isIt must
    /// compare the whole key, tag included: slots keep only part of the hash.
    template<typename IsIt>
    int find(quint64 hash, qint32 tag, IsIt isIt) const
    {
        const auto h = quint32(spread(hash, tag));
        for (size_t at = h & m_mask;; at = (at + 1) & m_mask) {
            const Slot &slot = m_slots[at];
            if (slot.value < 0)
                return -1;
            if (slot.hash == h && isIt(slot.value))
                return slot.value;
        }
    }

    /// Asks the processor to fetch the slot where a lookup of (hash, tag) starts, so that a loop over
    /// many keys can look ahead and have several cache misses in flight instead of one at a time.
    void prefetch(quint64 hash, qint32 tag) const
    {
        const Slot *slot = &m_slots[quint32(spread(hash, tag)) & m_mask];
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(slot);
#elif defined(_MSC_VER)
        _mm_prefetch(reinterpret_cast<const char *>(slot), _MM_HINT_T0);
#else
        (void)slot; // a hint only: without it lookups are slower, never wrong
#endif
    }

    /// Stores a value (at least 0) under (hash, tag); the caller has found no equal key there.
    void insert(quint64 hash, qint32 tag, int value)
    {
        if ((m_size + 1) * 8 > m_slots.size() * 7)
            grow();
        place(Slot{quint32(spread(hash, tag)), value});
        ++m_size;
    }

    size_t size() const
    {
        return m_size;
    }

private:
    struct Slot
    {
        quint32 hash = 0; ///< the low 32 bits of the spread hash, which also place the slot
        qint32 value = -1;
    };

    // Person keys are SHA-256 bits already; qHash of a string is not always as well spread in its low bits.
    static quint64 spread(quint64 h, qint32 tag)
    {
        h ^= quint64(quint32(tag)) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    }

    void place(const Slot &slot)
    {
        size_t at = slot.hash & m_mask;
        while (m_slots[at].value >= 0)
            at = (at + 1) & m_mask;
        m_slots[at] = slot;
    }

    void grow()
    {
        // A slot's place comes from the 32 bits it keeps, so a table of up to 2^32 slots can grow.
        Q_ASSERT(m_slots.size() < (size_t(1) << 32));
        std::vector<Slot> old(m_slots.size() * 2, Slot());
        old.swap(m_slots);
        m_mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.value >= 0)
                place(slot);
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

} // namespace foi
