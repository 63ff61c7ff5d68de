#include "import/ReadAhead.h"
#include "support/VectorSource.h"

#include <gtest/gtest.h>

using namespace foi;

namespace {

QList<QStringList> rows(int n)
{
    QList<QStringList> out;
    for (int i = 0; i < n; ++i) {
        QStringList row;
        // Rows of different widths, with empty fields, as short XLSX rows come.
        for (int f = 0; f <= i % 4; ++f)
            row << (f == 1 ? QString() : QStringLiteral("r%1f%2").arg(i).arg(f));
        out << row;
    }
    return out;
}

} // namespace

TEST(ReadAhead, HandsOverEveryRecordInOrder)
{
    const QList<QStringList> expected = rows(10007);
    test::VectorSource source(expected);
    ReadAhead ahead(source, 100, 3);
    int index = 0;
    while (std::unique_ptr<RecordBatch> batch = ahead.take()) {
        EXPECT_LE(batch->size(), 100u);
        while (batch->next()) {
            ASSERT_LT(index, expected.size());
            const QStringList &row = expected[index];
            ASSERT_EQ(batch->fieldCount(), row.size()) << index;
            for (int f = 0; f < row.size(); ++f)
                ASSERT_EQ(QString::fromUtf8(batch->field(f)), row[f]) << index;
            EXPECT_TRUE(batch->field(row.size()).empty());
            EXPECT_EQ(batch->line(), index + 1);
            ++index;
        }
        ahead.recycle(std::move(batch));
    }
    ahead.finish();
    EXPECT_EQ(index, expected.size());
}

TEST(ReadAhead, StopsWhenTheUserStopsReading)
{
    test::VectorSource source(rows(100000));
    {
        ReadAhead ahead(source, 10, 2);
        std::unique_ptr<RecordBatch> first = ahead.take();
        ASSERT_TRUE(first);
        EXPECT_EQ(first->size(), 10u);
        // Leaving without taking the rest neither hangs nor reads the whole source.
    }
    int left = 0;
    while (source.next())
        ++left;
    EXPECT_GT(left, 99000);
}

TEST(ReadAhead, AnEmptySourceGivesNoBatch)
{
    test::VectorSource source({});
    ReadAhead ahead(source);
    EXPECT_FALSE(ahead.take());
    EXPECT_FALSE(ahead.take());
}
