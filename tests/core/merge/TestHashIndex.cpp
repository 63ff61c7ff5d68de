// The merge's flat index: every key stored is found under its own tag, never another's, through
// collisions and growth, with only part of each hash kept in the table.

#include "merge/HashIndex.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

using namespace foi;

namespace {

struct Key
{
    quint64 hash;
    qint32 tag;
};

} // namespace

TEST(HashIndex, FindsEveryKeyUnderItsTagThroughGrowth)
{
    // A small table made to grow many times, with keys that share hashes across tags and hashes that
    // share their low bits (where the table keeps them).
    HashIndex index(4);
    std::vector<Key> keys;
    std::mt19937_64 rng(11);
    for (int i = 0; i < 20000; ++i) {
        const quint64 h = i % 3 == 0 ? quint64(i / 3) : (rng() & ~quint64(0xffffffff)) | quint64(i % 97);
        for (qint32 tag : {0, 1, 5}) {
            const int value = static_cast<int>(keys.size());
            auto isIt = [&](int v) {
                return keys[size_t(v)].hash == h && keys[size_t(v)].tag == tag;
            };
            ASSERT_EQ(index.find(h, tag, isIt), -1) << i;
            keys.push_back({h, tag});
            index.insert(h, tag, value);
        }
    }
    EXPECT_EQ(index.size(), keys.size());
    for (size_t v = 0; v < keys.size(); ++v) {
        const Key k = keys[v];
        index.prefetch(k.hash, k.tag);
        EXPECT_EQ(
            index.find(k.hash, k.tag,
                       [&](int c) { return keys[size_t(c)].hash == k.hash && keys[size_t(c)].tag == k.tag; }),
            int(v));
    }
    // Keys never stored are not found, even where their hashes are.
    for (int i = 0; i < 1000; ++i) {
        const quint64 h = keys[size_t(i) * 7].hash;
        EXPECT_EQ(
            index.find(h, 3, [&](int c) { return keys[size_t(c)].hash == h && keys[size_t(c)].tag == 3; }),
            -1);
    }
}

TEST(HashIndex, AsksTheCallerOnlyOnAPossibleMatch)
{
    HashIndex index(1000);
    std::vector<quint64> keys;
    std::mt19937_64 rng(3);
    for (int i = 0; i < 800; ++i) {
        keys.push_back(rng());
        index.insert(keys.back(), 0, i);
    }
    int asked = 0;
    for (int i = 0; i < 10000; ++i) {
        const quint64 other = rng();
        EXPECT_EQ(index.find(other, 0,
                             [&](int c) {
                                 ++asked;
                                 return keys[size_t(c)] == other;
                             }),
                  -1);
    }
    EXPECT_LT(asked, 20); // 32 bits of each hash kept: a false match is rare
}
