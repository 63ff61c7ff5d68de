#pragma once

#include <QtGlobal>

#include <vector>
#if defined(_MSC_VER) && !defined(__clang__)
#include <xmmintrin.h>
#endif

namespace foi {

/// An open-addressing index from 64-bit hashes to small integers (indexes into the caller's own arrays),
/// for the merge's millions of person keys and crime references: a flat table of two arrays, where a
/// QHash allocates a node per entry. Several keys may share a hash, so find() asks the caller whether a
/// candidate is the one it looks for.
class HashIndex
{
public:
    explicit HashIndex(size_t expected = 1024)
    {
        // At most three quarters full: linear probing stays short, and a table of millions of entries
        // takes half the memory (and half the fresh pages to fault in) of one kept half empty.
        size_t capacity = 16;
        while (capacity * 3 < expected * 4)
            capacity *= 2;
        m_slots.assign(capacity, Slot());
        m_mask = capacity - 1;
    }

    /// The value stored under (hash, tag) for which isIt(value) holds; -1 when there is none. Hash, tag
    /// and value share a slot, so a lookup costs one cache miss, and isIt is asked only on a full match.
    template<typename IsIt>
    int find(quint64 hash, qint32 tag, IsIt isIt) const
    {
        for (size_t at = spread(hash, tag) & m_mask;; at = (at + 1) & m_mask) {
            const Slot &slot = m_slots[at];
            if (slot.value < 0)
                return -1;
            if (slot.hash == hash && slot.tag == tag && isIt(slot.value))
                return slot.value;
        }
    }
    /// For keys that are their own hash: a match of hash and tag is the key.
    int find(quint64 hash, qint32 tag) const
    {
        return find(hash, tag, [](int) { return true; });
    }

    /// Asks the processor to fetch the slot where a lookup of (hash, tag) starts, so that a loop over
    /// many keys can look ahead and have several cache misses in flight instead of one at a time.
    void prefetch(quint64 hash, qint32 tag) const
    {
        const Slot *slot = &m_slots[spread(hash, tag) & m_mask];
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(slot);
#elif defined(_MSC_VER)
        _mm_prefetch(reinterpret_cast<const char *>(slot), _MM_HINT_T0);
#else
        (void)slot; // a hint only: without it lookups are slower, never wrong
#endif
    }

    /// Stores a value under (hash, tag) (the caller has found no equal key there).
    void insert(quint64 hash, qint32 tag, int value)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        place(Slot{hash, tag, value});
        ++m_size;
    }

    size_t size() const
    {
        return m_size;
    }

private:
    struct Slot
    {
        quint64 hash = 0;
        qint32 tag = 0;
        qint32 value = -1;
    };

    // Person keys are SHA-256 bits already; qHash of a string is not always as well spread in its low bits.
    static size_t spread(quint64 h, qint32 tag)
    {
        h ^= quint64(quint32(tag)) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return size_t(h);
    }

    void place(const Slot &slot)
    {
        size_t at = spread(slot.hash, slot.tag) & m_mask;
        while (m_slots[at].value >= 0)
            at = (at + 1) & m_mask;
        m_slots[at] = slot;
    }

    void grow()
    {
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
