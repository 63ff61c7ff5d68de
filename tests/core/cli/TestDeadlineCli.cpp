// foi-tables-cli deadline: the due day in ISO form, the clarification and extension forms, the internal
// review, --explain, a newer bank-holidays feed, and the usage errors that name the option and value.

#include "support/TestSupport.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::test::runCli;

namespace {

foi::test::CliRun deadline(const QStringList &args)
{
    return runCli(QStringList{QStringLiteral("deadline")} + args);
}

} // namespace

TEST(DeadlineCli, PrintsTheDueDayInIsoForm)
{
    const auto run = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07")});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(run.out, QStringLiteral("2018-03-07\n"));
    EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();

    EXPECT_EQ(deadline({QStringLiteral("--received=2017-12-04")}).out, QStringLiteral("2018-01-05\n"));
    EXPECT_EQ(deadline({QStringLiteral("--received"), QStringLiteral("2018-07-02")}).out,
              QStringLiteral("2018-07-31\n"));
}

TEST(DeadlineCli, ClarificationAndExtension)
{
    const auto clarified =
        deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                  QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-09"),
                  QStringLiteral("--clarification-received"), QStringLiteral("2018-02-14")});
    EXPECT_EQ(clarified.exitCode, 0) << clarified.err.toStdString();
    EXPECT_EQ(clarified.out, QStringLiteral("2018-03-14\n"));

    const auto extended = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                    QStringLiteral("--extension"), QStringLiteral("20")});
    EXPECT_EQ(extended.exitCode, 0) << extended.err.toStdString();
    EXPECT_EQ(extended.out, QStringLiteral("2018-04-09\n"));

    const auto review = deadline(
        {QStringLiteral("--received"), QStringLiteral("2018-03-08"), QStringLiteral("--internal-review")});
    EXPECT_EQ(review.exitCode, 0) << review.err.toStdString();
    EXPECT_EQ(review.out, QStringLiteral("2018-04-10\n"));
    const auto longReview =
        deadline({QStringLiteral("--received"), QStringLiteral("2018-03-08"),
                  QStringLiteral("--internal-review"), QStringLiteral("--extension"), QStringLiteral("20")});
    EXPECT_EQ(longReview.out, QStringLiteral("2018-05-09\n"));
}

TEST(DeadlineCli, ExplainListsTheDaysCountedAndSkipped)
{
    const auto run =
        deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"), QStringLiteral("--explain"),
                  QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-09"),
                  QStringLiteral("--clarification-received"), QStringLiteral("2018-02-14")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 5);
    EXPECT_EQ(lines.at(0), QStringLiteral("2018-03-14"));
    EXPECT_EQ(lines.at(1), QStringLiteral("2018-02-07 Wed  received: day 0"));
    EXPECT_EQ(lines.at(2), QStringLiteral("2018-02-08 Thu  day 1"));
    EXPECT_EQ(lines.at(3), QStringLiteral("2018-02-09 Fri  day 2"));
    EXPECT_EQ(lines.at(4),
              QStringLiteral("2018-02-09 Fri  clarification sought: the clock stops after 2 working days"));
    EXPECT_EQ(lines.at(5),
              QStringLiteral("2018-02-14 Wed  clarification received: the clock restarts at day 0"));
    EXPECT_TRUE(lines.contains(QStringLiteral("2018-02-17 Sat  skipped: Saturday"))) << run.out.toStdString();
    EXPECT_EQ(lines.last(), QStringLiteral("2018-03-14 Wed  day 20: due"));

    const auto holidays =
        deadline({QStringLiteral("--received"), QStringLiteral("2017-12-04"), QStringLiteral("--explain")});
    EXPECT_TRUE(holidays.out.contains(QStringLiteral("2018-01-02 Tue  skipped: 2nd January (Scotland)\n")))
        << holidays.out.toStdString();
    EXPECT_TRUE(holidays.out.contains(QStringLiteral("2017-12-25 Mon  skipped: Christmas Day\n")))
        << holidays.out.toStdString();
}

TEST(DeadlineCli, BadArgumentsNameTheOptionAndValue)
{
    const auto badDate = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-30")});
    EXPECT_EQ(badDate.exitCode, 1);
    EXPECT_TRUE(badDate.out.isEmpty());
    EXPECT_TRUE(badDate.err.startsWith(QStringLiteral(
        "foi-tables-cli deadline: --received '2018-02-30' is not a date: write it YYYY-MM-DD")))
        << badDate.err.toStdString();

    const auto notIso = deadline({QStringLiteral("--received"), QStringLiteral("07/02/2018")});
    EXPECT_EQ(notIso.exitCode, 1);
    EXPECT_TRUE(notIso.err.contains(QStringLiteral("--received '07/02/2018'"))) << notIso.err.toStdString();

    const auto missing = deadline({});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("--received DATE is required")))
        << missing.err.toStdString();

    const auto extension = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                     QStringLiteral("--extension"), QStringLiteral("21")});
    EXPECT_EQ(extension.exitCode, 1);
    EXPECT_TRUE(extension.err.contains(
        QStringLiteral("--extension: a public interest extension is 0 to 20 further working days, not 21")))
        << extension.err.toStdString();
    const auto words = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                 QStringLiteral("--extension"), QStringLiteral("ten")});
    EXPECT_EQ(words.exitCode, 1);
    EXPECT_TRUE(words.err.contains(QStringLiteral("--extension 'ten'"))) << words.err.toStdString();

    const auto backwards =
        deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                  QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-14"),
                  QStringLiteral("--clarification-received"), QStringLiteral("2018-02-09")});
    EXPECT_EQ(backwards.exitCode, 1);
    EXPECT_TRUE(backwards.err.contains(QStringLiteral("--clarification-received: clarification received on "
                                                      "2018-02-09, before it was sought on 2018-02-14")))
        << backwards.err.toStdString();

    const auto unpaired = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                    QStringLiteral("--clarification-sought"), QStringLiteral("2018-02-09")});
    EXPECT_EQ(unpaired.exitCode, 1);
    EXPECT_TRUE(unpaired.err.contains(QStringLiteral("--clarification-received")))
        << unpaired.err.toStdString();

    const auto twice = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                 QStringLiteral("--received"), QStringLiteral("2018-02-08")});
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_TRUE(twice.err.contains(QStringLiteral("--received is given 2 times"))) << twice.err.toStdString();

    const auto unknown =
        deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"), QStringLiteral("--colour")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("colour"))) << unknown.err.toStdString();
}

TEST(DeadlineCli, BeyondTheBankHolidaysAskForANewerFeed)
{
    const auto beyond = deadline({QStringLiteral("--received"), QStringLiteral("2027-12-10")});
    EXPECT_EQ(beyond.exitCode, 2);
    EXPECT_TRUE(beyond.out.isEmpty());
    EXPECT_TRUE(beyond.err.startsWith(QStringLiteral("foi-tables-cli: 20 working days after 2027-12-10")))
        << beyond.err.toStdString();
    EXPECT_TRUE(beyond.err.contains(QStringLiteral("https://www.gov.uk/bank-holidays.json")))
        << beyond.err.toStdString();
    EXPECT_TRUE(beyond.err.contains(QStringLiteral("--bank-holidays FILE.json"))) << beyond.err.toStdString();

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString feed = dir.filePath(QStringLiteral("bank-holidays.json"));
    foi::test::writeAll(feed, R"({"england-and-wales": {"events": [
        {"title": "New Year’s Day", "date": "2028-01-03"}, {"title": "Good Friday", "date": "2028-04-14"}]},
        "scotland": {"events": [{"title": "2nd January", "date": "2028-01-04"}]}})");
    const auto newer = deadline({QStringLiteral("--received"), QStringLiteral("2027-12-10"),
                                 QStringLiteral("--bank-holidays"), feed});
    EXPECT_EQ(newer.exitCode, 0) << newer.err.toStdString();
    EXPECT_EQ(newer.out, QStringLiteral("2028-01-13\n"));

    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    const auto unreadable = deadline({QStringLiteral("--received"), QStringLiteral("2018-02-07"),
                                      QStringLiteral("--bank-holidays"), missing});
    EXPECT_EQ(unreadable.exitCode, 2);
    EXPECT_TRUE(unreadable.err.contains(missing)) << unreadable.err.toStdString();
}

TEST(DeadlineCli, TheUsageListsTheCommand)
{
    const auto help = runCli({QStringLiteral("--help")});
    EXPECT_TRUE(help.out.contains(QStringLiteral("deadline --received DATE"))) << help.out.toStdString();
    const auto own = deadline({QStringLiteral("--help")});
    EXPECT_EQ(own.exitCode, 0);
    EXPECT_TRUE(own.out.contains(QStringLiteral("--clarification-sought"))) << own.out.toStdString();
}
