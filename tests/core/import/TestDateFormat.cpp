#include "import/DateFormat.h"

#include <QDate>

#include <gtest/gtest.h>

using foi::DateFormat;
using foi::DatePrecision;

namespace {

DateFormat compile(const char *pattern)
{
    QString error;
    std::optional<DateFormat> f = DateFormat::compile(QLatin1String(pattern), &error);
    if (!f) {
        ADD_FAILURE() << pattern << ": " << error.toStdString();
        return *DateFormat::compile(QStringLiteral("yyyy-MM"), &error);
    }
    return *f;
}

QDate parse(const DateFormat &f, const char *text, DateFormat::Outcome expected = DateFormat::Outcome::Ok)
{
    DateFormat::Parsed p;
    EXPECT_EQ(f.parse(text, &p), expected) << text;
    return expected == DateFormat::Outcome::Ok ? QDate::fromJulianDay(p.julianDay) : QDate();
}

} // namespace

TEST(DateFormat, ReadsLegacyDays)
{
    const DateFormat f = compile("dd/MM/yyyy");
    EXPECT_EQ(parse(f, "14/03/2016"), QDate(2016, 3, 14));
    EXPECT_EQ(parse(f, "29/02/2016"), QDate(2016, 2, 29));
    parse(f, "29/02/2017", DateFormat::Outcome::Impossible);
    parse(f, "31/02/2017", DateFormat::Outcome::Impossible);
    parse(f, "01/13/2017", DateFormat::Outcome::Impossible);
    parse(f, "00/01/2017", DateFormat::Outcome::Impossible);
    parse(f, "2017-01-01", DateFormat::Outcome::NoMatch);
    parse(f, "1/3/2016", DateFormat::Outcome::NoMatch);
    parse(f, "14/03/2016 ", DateFormat::Outcome::NoMatch);
    parse(f, "", DateFormat::Outcome::NoMatch);
}

TEST(DateFormat, ReadsIsoDateTimesAndChecksTheTime)
{
    const DateFormat f = compile("yyyy-MM-ddTHH:mm:ss");
    EXPECT_EQ(parse(f, "2017-12-05T14:32:00"), QDate(2017, 12, 5));
    parse(f, "2017-12-05T24:00:00", DateFormat::Outcome::Impossible);
    parse(f, "2017-12-05T23:60:00", DateFormat::Outcome::Impossible);
    parse(f, "2017-12-05", DateFormat::Outcome::NoMatch);
}

TEST(DateFormat, MonthsAreMonthPrecise)
{
    const DateFormat f = compile("yyyy-MM");
    DateFormat::Parsed p;
    ASSERT_EQ(f.parse("2019-01", &p), DateFormat::Outcome::Ok);
    EXPECT_EQ(QDate::fromJulianDay(p.julianDay), QDate(2019, 1, 1));
    EXPECT_EQ(p.precision, DatePrecision::Month);
    ASSERT_EQ(compile("dd/MM/yyyy").parse("01/01/2019", &p), DateFormat::Outcome::Ok);
    EXPECT_EQ(p.precision, DatePrecision::Day);
}

TEST(DateFormat, ReadsSpreadsheetSerials)
{
    const DateFormat f = compile("excel-serial");
    EXPECT_EQ(parse(f, "43074"), QDate(2017, 12, 5));
    EXPECT_EQ(parse(f, "61"), QDate(1900, 3, 1));
    parse(f, "43074.5", DateFormat::Outcome::NoMatch);
}

TEST(DateFormat, SeveralFormatsAreTriedInOrder)
{
    foi::DateFormats formats;
    formats.formats << compile("yyyy-MM-ddTHH:mm:ss") << compile("yyyy-MM-dd");
    DateFormat::Parsed p;
    EXPECT_EQ(formats.parse("2018-01-09", &p), DateFormat::Outcome::Ok);
    EXPECT_EQ(formats.parse("2018-01-09T10:00:00", &p), DateFormat::Outcome::Ok);
    EXPECT_EQ(formats.parse("2018-02-30", &p), DateFormat::Outcome::Impossible);
    EXPECT_EQ(formats.parse("09/01/2018", &p), DateFormat::Outcome::NoMatch);
}

TEST(DateFormat, BadPatternsAreExplained)
{
    QString error;
    EXPECT_FALSE(DateFormat::compile(QStringLiteral("dd/MM/yy"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("yyyy"))) << error.toStdString();
    EXPECT_FALSE(DateFormat::compile(QStringLiteral("dd/MMM/yyyy"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("'M'"))) << error.toStdString();
}
