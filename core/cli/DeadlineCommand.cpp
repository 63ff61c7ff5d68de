#include "cli/DeadlineCommand.h"

#include "cli/CommandSupport.h"
#include "requests/Deadlines.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QTextStream>

namespace foi::cli {

namespace {

const char *const kUsage =
    "usage: foi-tables-cli deadline --received DATE [--clarification-sought DATE --clarification-received "
    "DATE]... [--extension DAYS] [--internal-review] [--bank-holidays FILE.json]... [--explain]\n";

const QString kReceived = QStringLiteral("received");
const QString kSought = QStringLiteral("clarification-sought");
const QString kAnswered = QStringLiteral("clarification-received");
const QString kExtension = QStringLiteral("extension");
const QString kReview = QStringLiteral("internal-review");
const QString kBankHolidays = QStringLiteral("bank-holidays");
const QString kExplain = QStringLiteral("explain");

int usageError(QTextStream &err, const QString &message)
{
    err << "foi-tables-cli deadline: " << message << '\n' << kUsage;
    err.flush();
    return Usage;
}

/// "2018-02-10 Sat": the day as the explanation's lines begin.
QString dayLabel(const QDate &day)
{
    return day.toString(Qt::ISODate) + QLatin1Char(' ') +
           QLocale::c().dayName(day.dayOfWeek(), QLocale::ShortFormat);
}

/// The days after `from` up to `to`, as the explanation lists them; the last one ends with `lastNote`.
void explainDays(QTextStream &out, const WorkingDays &calendar, const QDate &from, const QDate &to,
                 const QString &lastNote)
{
    const QVector<CountedDay> days = calendar.account(from, to);
    for (qsizetype i = 0; i < days.size(); ++i) {
        const CountedDay &day = days.at(i);
        out << dayLabel(day.day) << "  ";
        if (day.number == 0)
            out << "skipped: " << day.skippedBecause;
        else
            out << "day " << day.number;
        if (i + 1 == days.size() && !lastNote.isEmpty())
            out << lastNote;
        out << '\n';
    }
}

/// The option that holds the input a core error is about.
QString optionOf(const Error &error, bool review)
{
    if (error.field == kFieldReceived)
        return kReceived;
    if (error.field == kFieldClarificationSought)
        return kSought;
    if (error.field == kFieldClarificationAnswered)
        return kAnswered;
    if (error.field == kFieldExtension || (review && error.field == kFieldReviewDays))
        return kExtension;
    return {};
}

} // namespace

int deadlineCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption({QStringLiteral("help"), QStringLiteral("Show this help.")});
    parser.addOption(
        {kReceived,
         QStringLiteral("The day the request was received (day 0), or with --internal-review the "
                        "day the review was asked for."),
         QStringLiteral("DATE")});
    parser.addOption({kSought, QStringLiteral("The day clarification was sought (the clock stops)."),
                      QStringLiteral("DATE")});
    parser.addOption({kAnswered,
                      QStringLiteral("The day the clarification arrived (the clock restarts at day 0)."),
                      QStringLiteral("DATE")});
    parser.addOption({kExtension,
                      QStringLiteral("Further working days, 0 to 20: a public interest extension, or an "
                                     "internal review's extension to at most 40."),
                      QStringLiteral("DAYS"), QStringLiteral("0")});
    parser.addOption(
        {kReview,
         QStringLiteral("When an internal review asked for on --received is due (20 working days).")});
    parser.addOption(
        {kBankHolidays,
         QStringLiteral("A newer copy of https://www.gov.uk/bank-holidays.json to merge with the "
                        "built-in bank holidays."),
         QStringLiteral("FILE.json")});
    parser.addOption({kExplain, QStringLiteral("List the days counted, and the days skipped and why.")});
    if (!parser.parse(QStringList{QStringLiteral("foi-tables-cli deadline")} + args))
        return usageError(err, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    // Each clarification round and each bank-holiday file is an option of its own; everything else once.
    if (Status s = refuseRepeatedOptions(parser, {kSought, kAnswered, kBankHolidays}); !s)
        return usageError(err, s.error().message);
    if (!parser.isSet(kReceived))
        return usageError(err,
                          QStringLiteral("--received DATE is required: the day the request was received"));
    const Result<QDate> receivedDay = parseIsoDate(kReceived, parser.value(kReceived));
    if (!receivedDay)
        return usageError(err, receivedDay.error().message);
    const QDate received = *receivedDay;

    const QStringList soughtTexts = parser.values(kSought);
    const QStringList answeredTexts = parser.values(kAnswered);
    if (soughtTexts.size() != answeredTexts.size())
        return usageError(err,
                          QStringLiteral("each --clarification-sought needs its --clarification-received "
                                         "(%1 sought, %2 received)")
                              .arg(soughtTexts.size())
                              .arg(answeredTexts.size()));
    QVector<Clarification> clarifications;
    for (qsizetype i = 0; i < soughtTexts.size(); ++i) {
        const Result<QDate> sought = parseIsoDate(kSought, soughtTexts.at(i));
        if (!sought)
            return usageError(err, sought.error().message);
        const Result<QDate> answered = parseIsoDate(kAnswered, answeredTexts.at(i));
        if (!answered)
            return usageError(err, answered.error().message);
        clarifications.append(Clarification{*sought, *answered});
    }

    const QString extensionText = parser.value(kExtension);
    bool extensionOk = false;
    const int extension = extensionText.toInt(&extensionOk);
    if (!extensionOk)
        return usageError(err,
                          QStringLiteral("--extension '%1' is not a whole number of working days (0 to %2)")
                              .arg(extensionText)
                              .arg(kMaxExtensionDays));

    const bool review = parser.isSet(kReview);
    if (review && !clarifications.isEmpty())
        return usageError(err, QStringLiteral("--internal-review takes no clarification: the review is due "
                                              "%1 working days after it was asked for")
                                   .arg(kReviewWorkingDays));
    const int reviewExtensionMost = kMaxReviewWorkingDays - kReviewWorkingDays;
    if (review && (extension < 0 || extension > reviewExtensionMost))
        return usageError(err, QStringLiteral("--extension %1: an internal review can be extended by 0 to %2 "
                                              "working days (%3 in all)")
                                   .arg(extension)
                                   .arg(reviewExtensionMost)
                                   .arg(kMaxReviewWorkingDays));

    WorkingDays calendar = WorkingDays::builtIn();
    for (const QString &path : parser.values(kBankHolidays)) {
        if (Status merged = calendar.mergeFeed(path); !merged) {
            err << "foi-tables-cli: " << merged.error().toString() << '\n';
            return Failed;
        }
    }

    // An error about an input names its option (usage); any other is the bank holidays running out.
    const auto failWith = [&](const Error &e) {
        const QString option = optionOf(e, review);
        if (!option.isEmpty())
            return usageError(err, QStringLiteral("--%1: %2").arg(option, e.message));
        err << "foi-tables-cli: " << e.toString() << " (--bank-holidays FILE.json)\n";
        err.flush();
        return int(Failed);
    };
    QDate due;
    Deadline deadline; // the clarifications on the way, for --explain
    if (review) {
        Result<QDate> reviewDue = internalReviewDue(received, kReviewWorkingDays + extension, calendar);
        if (!reviewDue)
            return failWith(reviewDue.error());
        due = *reviewDue;
    } else {
        Result<Deadline> computed = requestDeadline(received, clarifications, extension, calendar);
        if (!computed)
            return failWith(computed.error());
        deadline = *computed;
        due = deadline.due;
    }

    out << due.toString(Qt::ISODate) << '\n';
    if (parser.isSet(kExplain)) {
        const int statutory = review ? kReviewWorkingDays : kResponseWorkingDays;
        const QString dueNote = extension > 0
                                    ? QStringLiteral(": due (%1 working days and an extension of %2)")
                                          .arg(statutory)
                                          .arg(extension)
                                    : QStringLiteral(": due");
        out << dayLabel(received) << "  " << (review ? "internal review asked for" : "received")
            << ": day 0\n";
        QDate start = received;
        for (qsizetype i = 0; i < deadline.clarifications.size(); ++i) {
            const Clarification &round = deadline.clarifications.at(i);
            explainDays(out, calendar, start, round.sought, {});
            const int run = deadline.daysRunWhenSought.at(i);
            out << dayLabel(round.sought) << "  clarification sought: the clock stops after " << run
                << (run == 1 ? " working day\n" : " working days\n");
            out << dayLabel(round.answered) << "  clarification received: the clock restarts at day 0\n";
            start = round.answered;
        }
        explainDays(out, calendar, start, due, dueNote);
    }
    out.flush();
    return Ok;
}

} // namespace foi::cli
