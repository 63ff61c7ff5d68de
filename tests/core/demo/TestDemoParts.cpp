#include "demo/DemoRandom.h"
#include "demo/DemoText.h"
#include "demo/ExtractWriter.h"
#include "demo/GroundTruth.h"
#include "demo/OffenceMix.h"

#include <QDate>
#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace foi::demo;

TEST(DemoParts, CivilDateAgreesWithQDate)
{
    for (qint64 jd = QDate(1899, 12, 1).toJulianDay(); jd <= QDate(2030, 3, 1).toJulianDay(); ++jd) {
        int y = 0, m = 0, d = 0;
        civilDate(qint32(jd), y, m, d);
        const QDate expected = QDate::fromJulianDay(jd);
        ASSERT_EQ(QDate(y, m, d), expected) << jd;
        ASSERT_EQ(julianDayOf(y, m, d), qint32(jd));
    }
}

TEST(DemoParts, DatesAreWrittenInEachSystemsStyle)
{
    const auto jd = qint32(QDate(2016, 3, 14).toJulianDay());
    std::string out;
    appendDayMonthYear(out, jd);
    out += ' ';
    appendIsoDate(out, jd);
    out += ' ';
    appendIsoDateTime(out, jd, 23 * 3600 + 15 * 60);
    EXPECT_EQ(out, "14/03/2016 2016-03-14 2016-03-14T23:15:00");
}

TEST(DemoParts, AgeRuleFollowsTheMergeRules)
{
    const auto day = [](int y, int m, int d) {
        return qint32(QDate(y, m, d).toJulianDay());
    };
    // The system's age wins, even 0, which is flagged.
    EXPECT_EQ(ageByRule(7, day(2008, 7, 21), day(2016, 3, 12), day(2016, 3, 14)).years, 7);
    EXPECT_EQ(ageByRule(0, 0, 0, day(2016, 3, 14)).kind, KeptAge::Zero);
    // Else whole years on the first committed day, else on the recorded day.
    EXPECT_EQ(ageByRule(-1, day(2008, 3, 13), day(2016, 3, 12), day(2016, 3, 14)).years, 7);
    EXPECT_EQ(ageByRule(-1, day(2008, 3, 13), 0, day(2016, 3, 14)).years, 8);
    EXPECT_EQ(ageByRule(-1, day(2016, 3, 12), day(2016, 3, 12), day(2016, 3, 14)).kind, KeptAge::Zero);
    EXPECT_EQ(ageByRule(-1, 0, day(2016, 3, 12), day(2016, 3, 14)).kind, KeptAge::Unknown);
    EXPECT_EQ(wholeYears(day(2016, 4, 1), day(2016, 3, 12)), -1);
}

TEST(DemoParts, Windows1252EncodesWhatCmsCanHold)
{
    EXPECT_EQ(toWindows1252("O\xE2\x80\x99"
                            "Brien"),
              std::string("O\x92"
                          "Brien"));
    EXPECT_EQ(toWindows1252("Ren\xC3\xA9"
                            "e \xE2\x82\xAC"
                            "5 \xC2\xA3"
                            "3"),
              std::string("Ren\xE9"
                          "e \x80"
                          "5 \xA3"
                          "3"));
    EXPECT_FALSE(toWindows1252("\xC5\x81ukasz").has_value()); // Ł
    EXPECT_FALSE(toWindows1252("\xE6\x9D\x8E").has_value());  // 李
}

TEST(DemoParts, OffenceMixReadsTheBuiltInVolumes)
{
    const auto mix = OffenceMix::loadBuiltIn();
    ASSERT_TRUE(mix.ok()) << mix.error().toString().toStdString();
    const int assault = mix->indexOf("8N");
    ASSERT_GE(assault, 0);
    EXPECT_EQ(mix->at(assault).cmsClass, QByteArray("008N"));
    EXPECT_EQ(mix->at(assault).kind, OffenceKind::Violence);
    EXPECT_EQ(mix->at(mix->indexOf("4.1")).cmsClass, QByteArray("004.1"));
    EXPECT_EQ(mix->at(mix->indexOf("105A")).cmsClass, QByteArray("105A"));
    EXPECT_EQ(mix->indexOf("28A"), -1) << "outcome-only codes carry no volume";
    Random random(1);
    int assaults = 0;
    for (int i = 0; i < 10000; ++i)
        assaults += mix->at(mix->draw(random)).code == "105A" ? 1 : 0;
    EXPECT_NEAR(assaults / 10000.0, 0.10, 0.02); // 502,595 of about 5 million
}

TEST(DemoParts, QuotaPlacesEventsAtItsRate)
{
    Random random(3);
    Quota quota(0.01, 5.0);
    int taken = 0;
    int first = 0;
    for (int i = 1; i <= 10000; ++i) {
        if (quota.take(random)) {
            taken += 1;
            if (first == 0)
                first = i;
        }
    }
    EXPECT_EQ(first, 5);
    EXPECT_NEAR(taken, 100, 10);
}

TEST(DemoParts, CsvWriterQuotesWhatNeedsIt)
{
    Record record;
    record.reset(4);
    record.setText(0, "plain");
    record.setText(1, "a, \"quoted\"\r\nline");
    record.setInteger(2, -3);
    record.setDate(3, qint32(QDate(2017, 12, 4).toJulianDay()));
    const QString path = QDir::temp().filePath(QStringLiteral("foi-demo-writer-test.csv"));
    CsvWriter writer(CsvWriter::Style::Cms);
    ASSERT_TRUE(writer.open(path).ok());
    writer.write(record);
    ASSERT_TRUE(writer.close().ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("plain,\"a, \"\"quoted\"\"\r\nline\",-3,04/12/2017\r\n"));
    file.remove();
}
