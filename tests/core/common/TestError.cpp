#include "common/Error.h"
#include "common/Result.h"

#include <gtest/gtest.h>

using foi::Error;

TEST(Error, NamesFileLineAndField)
{
    const Error e(QStringLiteral("impossible date '31/02/2017'"), QStringLiteral("cms.csv"), 12,
                  QStringLiteral("DOB"));
    EXPECT_EQ(e.toString(), QStringLiteral("cms.csv, line 12, field DOB: impossible date '31/02/2017'"));
}

TEST(Error, LeavesOutUnknownParts)
{
    EXPECT_EQ(Error(QStringLiteral("no such profile")).toString(), QStringLiteral("no such profile"));
    EXPECT_EQ(Error(QStringLiteral("bad"), QString(), 3).toString(), QStringLiteral("line 3: bad"));
    EXPECT_EQ(
        Error(QStringLiteral("bad"), QStringLiteral("p.json"), 0, QStringLiteral("fields.sex")).toString(),
        QStringLiteral("p.json, field fields.sex: bad"));
}

TEST(Result, CarriesValueOrError)
{
    foi::Result<int> good(7);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(*good, 7);
    foi::Result<int> bad(Error(QStringLiteral("nope")));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, QStringLiteral("nope"));
    foi::Status fine;
    EXPECT_TRUE(fine.ok());
}
