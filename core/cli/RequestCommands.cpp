#include "cli/RequestCommands.h"

#include "cli/CommandSupport.h"
#include "cli/PasswordPrompt.h"
#include "common/Application.h"
#include "count/Request.h"
#include "register/Register.h"
#include "requests/Deadlines.h"
#include "requests/FoiRequest.h"
#include "requests/RequestChange.h"
#include "requests/RequestLists.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <algorithm>
#include <limits>
#include <optional>

namespace foi::cli {

namespace {

const QString kRegister = QStringLiteral("register");
const QString kFormat = QStringLiteral("format");
const QString kToday = QStringLiteral("today");
const QString kReference = QStringLiteral("reference");
const QString kReceived = QStringLiteral("received");
const QString kTitle = QStringLiteral("title");
const QString kWords = QStringLiteral("words");
const QString kWordsFile = QStringLiteral("words-file");
const QString kOfficer = QStringLiteral("officer");
const QString kRequestFile = QStringLiteral("request-file");
const QString kNotes = QStringLiteral("notes");
const QString kStatus = QStringLiteral("status");
const QString kSought = QStringLiteral("clarification-sought");
const QString kAnswered = QStringLiteral("clarification-received");
const QString kExtension = QStringLiteral("extension");
const QString kResponded = QStringLiteral("responded");
const QString kOutcome = QStringLiteral("outcome");
const QString kReviewRequested = QStringLiteral("review-requested");
const QString kReviewDays = QStringLiteral("review-days");
const QString kReviewCompleted = QStringLiteral("review-completed");
const QString kExpectVersion = QStringLiteral("expect-version");
const QString kOutput = QStringLiteral("output");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");

const char *const kRequestsUsage =
    "foi-tables-cli requests --register PATH [--open|--all|--due-this-week|--due-within DAYS|--overdue|"
    "--responded] [--format text|json] [--today DATE]";
const char *const kRequestUsage = "foi-tables-cli request add|update|delete|show --register PATH ... "
                                  "(request add --help, request update --help, request delete --help, "
                                  "request show --help)";
const char *const kAddUsage =
    "foi-tables-cli request add --register PATH --reference REF --received DATE --title TEXT [--words TEXT "
    "| --words-file FILE] [--officer NAME] [--request-file FILE.json] [--notes TEXT]";
const char *const kUpdateUsage =
    "foi-tables-cli request update --register PATH --reference REF [--status KEY] [--clarification-sought "
    "DATE] [--clarification-received DATE] [--extension DAYS] [--responded DATE] [--outcome TEXT] "
    "[--review-requested DATE] [--review-days N] [--review-completed DATE] [--officer NAME] [--title TEXT] "
    "[--notes TEXT] [--request-file FILE.json] [--expect-version N]";
const char *const kDeleteUsage =
    "foi-tables-cli request delete --register PATH --reference REF [--expect-version N]";
const char *const kShowUsage = "foi-tables-cli request show --register PATH --reference REF [--format "
                               "text|json] [--today DATE]";
const char *const kLogUsage =
    "foi-tables-cli disclosure-log --register PATH --output FILE.csv [--from DATE] [--to DATE]";
const char *const kAuditUsage = "foi-tables-cli audit --register PATH [--reference REF] [--format text|json]";
const char *const kBankHolidaysUsage = "foi-tables-cli bank-holidays --register PATH [--load FILE.json]";
const char *const kMinimumThresholdUsage =
    "foi-tables-cli minimum-threshold --register PATH [--set N --reason TEXT]";

/// A command being run: its name and usage line for the messages, and its streams.
class Command
{
public:
    Command(const QString &name, const char *usage, QTextStream &output, QTextStream &errors)
        : out(output)
        , err(errors)
        , m_name(name)
        , m_usage(QLatin1String(usage))
    {}

    /// Parses the arguments; false when the caller should return *exit (help printed, or a usage error).
    /// An option given twice is an error: the second would silently win.
    bool parse(QCommandLineParser &parser, const QStringList &args, int *exit)
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.setApplicationDescription(m_usage);
        parser.addOption({QStringLiteral("help"), QStringLiteral("Show this help.")});
        if (!parser.parse(QStringList{QStringLiteral("foi-tables-cli ") + m_name} + args)) {
            *exit = usage(parser.errorText());
            return false;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            out << parser.helpText();
            out.flush();
            *exit = Ok;
            return false;
        }
        if (!parser.positionalArguments().isEmpty()) {
            *exit =
                usage(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
            return false;
        }
        if (Status s = refuseRepeatedOptions(parser); !s) {
            *exit = usage(s.error().message);
            return false;
        }
        return true;
    }

    int usage(const QString &message)
    {
        err << "foi-tables-cli " << m_name << ": " << message << "\nusage: " << m_usage << '\n';
        err.flush();
        return Usage;
    }

    /// A change the register cannot take, though the command line was right: said without the usage.
    int refuse(const Error &error)
    {
        err << "foi-tables-cli " << m_name << ": " << error.toString() << '\n';
        err.flush();
        return Usage;
    }

    int fail(const Error &error)
    {
        err << "foi-tables-cli: " << error.toString() << '\n';
        err.flush();
        return Failed;
    }

    QTextStream &out;
    QTextStream &err;

private:
    QString m_name;
    QString m_usage;
};

void addRegisterOption(QCommandLineParser &parser)
{
    parser.addOption({kRegister, QStringLiteral("The register file."), QStringLiteral("PATH")});
}

void addFormatOption(QCommandLineParser &parser)
{
    parser.addOption({kFormat, QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"),
                      QStringLiteral("text")});
}

void addTodayOption(QCommandLineParser &parser)
{
    parser.addOption({kToday,
                      QStringLiteral("Take DATE as today: what the list said on that day (default: the "
                                     "computer's date)."),
                      QStringLiteral("DATE")});
}

/// The message for a required option that is missing; empty when it is given.
QString missing(const QCommandLineParser &parser, const QString &option, const QString &what)
{
    if (parser.isSet(option) && !parser.value(option).isEmpty())
        return {};
    return QStringLiteral("--%1 is required: %2").arg(option, what);
}

/// --format: true for json; an error message in *problem for anything but text or json.
bool wantsJson(const QCommandLineParser &parser, QString *problem)
{
    const QString format = parser.value(kFormat);
    if (format != QStringLiteral("text") && format != QStringLiteral("json"))
        *problem = QStringLiteral("--format must be text or json, not '%1'").arg(format);
    return format == QStringLiteral("json");
}

/// The day an option gives (invalid when it is not given); false with the message when it is not a date.
bool optionDay(const QCommandLineParser &parser, const QString &option, QDate *day, QString *problem)
{
    *day = QDate();
    if (!parser.isSet(option))
        return true;
    Result<QDate> parsed = parseIsoDate(option, parser.value(option));
    if (!parsed) {
        *problem = parsed.error().message;
        return false;
    }
    *day = *parsed;
    return true;
}

/// A whole number an option gives, from `least` to `most`; false with the message otherwise.
bool optionNumber(const QCommandLineParser &parser, const QString &option, int least, int most,
                  const QString &what, int *number, QString *problem)
{
    bool ok = false;
    const QString text = parser.value(option);
    *number = text.toInt(&ok);
    if (ok && *number >= least && *number <= most)
        return true;
    *problem = QStringLiteral("--%1 '%2' is not %3 (a whole number from %4 to %5)")
                   .arg(option, text, what)
                   .arg(least)
                   .arg(most);
    return false;
}

/// "today" for the lists: the computer's date, or the one --today gives.
class ClockChoice
{
public:
    const Clock &clock() const
    {
        if (m_fixed)
            return *m_fixed;
        return SystemClock::instance();
    }
    void fix(const QDate &day) { m_fixed.emplace(day); }

private:
    std::optional<FixedClock> m_fixed;
};

bool readClock(const QCommandLineParser &parser, ClockChoice *choice, QString *problem)
{
    QDate today;
    if (!optionDay(parser, kToday, &today, problem))
        return false;
    if (today.isValid())
        choice->fix(today);
    return true;
}

Result<std::unique_ptr<Register>> openRegister(const QCommandLineParser &parser, bool create = false)
{
    Register::OpenOptions options;
    options.createIfMissing = create;
    return openRegisterAsking(parser.value(kRegister), options);
}

/// The option that holds the value a request's validation error is about (Error::field).
QString optionOfField(const QString &field)
{
    static const QHash<QString, QString> options{
        {QStringLiteral("reference"), kReference},
        {kFieldReceived, kReceived},
        {QStringLiteral("title"), kTitle},
        {kFieldExtension, kExtension},
        {kFieldClarificationSought, kSought},
        {kFieldClarificationAnswered, kAnswered},
        {QStringLiteral("status"), kStatus},
        {QStringLiteral("responded"), kResponded},
        {QStringLiteral("outcome"), kOutcome},
        {kFieldReviewDays, kReviewDays},
        {QStringLiteral("review requested"), kReviewRequested},
        {QStringLiteral("review completed"), kReviewCompleted},
    };
    return options.value(field);
}

QString dayText(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QStringLiteral("-");
}

/// "2018-02-07 (Wed)"
QString dayLabel(const QDate &day)
{
    return day.toString(Qt::ISODate) + QStringLiteral(" (") +
           QLocale::c().dayName(day.dayOfWeek(), QLocale::ShortFormat) + QLatin1Char(')');
}

QString workingDays(int n)
{
    return n == 1 ? QStringLiteral("1 working day") : QStringLiteral("%1 working days").arg(n);
}

/// The due column: the day that counts (the review's during an internal review), or why there is none.
QString dueText(const RequestRow &row)
{
    if (row.timing.clockStopped)
        return QStringLiteral("clock stopped");
    const QDate due = listedDue(row);
    if (!due.isValid())
        return row.timing.problem.isEmpty() ? QStringLiteral("-") : QStringLiteral("not counted (see below)");
    if (row.request.status == RequestStatus::InternalReview && due == row.timing.reviewDue)
        return due.toString(Qt::ISODate) + QStringLiteral(" (review)");
    return due.toString(Qt::ISODate);
}

/// Where a request stands against its day, in words (never only by colour).
QString timeText(const RequestRow &row)
{
    const RequestTiming &t = row.timing;
    if (t.workingDaysLeft) {
        const int left = *t.workingDaysLeft;
        if (t.overdue)
            return left < 0 ? QStringLiteral("overdue by ") + workingDays(-left)
                            : QStringLiteral("overdue (due day passed)");
        return left == 0 ? QStringLiteral("due today") : workingDays(left) + QStringLiteral(" left");
    }
    if (t.workingDaysTaken)
        return QStringLiteral("took ") + workingDays(*t.workingDaysTaken) +
               (t.late ? QStringLiteral(", late") : QString());
    if (t.clockStopped && !row.request.clarifications.isEmpty())
        return QStringLiteral("awaiting clarification sought ") +
               row.request.clarifications.last().sought.toString(Qt::ISODate);
    if (!t.problem.isEmpty())
        return QStringLiteral("not counted (see below)");
    return QStringLiteral("-");
}

/// Columns separated by two spaces, each as wide as its widest cell; the last one is not padded.
void printTable(QTextStream &out, const QVector<QStringList> &rows, const QString &indent = QString())
{
    QVector<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    for (const QStringList &row : rows) {
        QString line = indent;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths[i] + 2) : row.at(i);
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    }
}

/// The lines under a table that say why a due day could not be counted.
void printProblems(QTextStream &out, const QVector<RequestRow> &rows)
{
    for (const RequestRow &row : rows) {
        if (!row.timing.problem.isEmpty())
            out << row.request.reference << ": not counted: " << row.timing.problem << '\n';
    }
}

QJsonValue dayJson(const QDate &day)
{
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue numberJson(const std::optional<int> &n)
{
    return n ? QJsonValue(*n) : QJsonValue(QJsonValue::Null);
}

QJsonValue textJson(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject rowJson(const RequestRow &row)
{
    const FoiRequestRecord &r = row.request;
    const RequestTiming &t = row.timing;
    return QJsonObject{
        {QStringLiteral("reference"), r.reference},
        {QStringLiteral("received"), dayJson(r.received)},
        {QStringLiteral("due"), dayJson(t.due)},
        {QStringLiteral("status"), requestStatusKey(r.status)},
        {QStringLiteral("status_name"), requestStatusName(r.status)},
        {QStringLiteral("officer"), r.officer},
        {QStringLiteral("title"), r.title},
        {QStringLiteral("working_days_left"), numberJson(t.workingDaysLeft)},
        {QStringLiteral("overdue"), t.overdue},
        {QStringLiteral("clock_stopped"), t.clockStopped},
        {QStringLiteral("responded"), dayJson(r.responded)},
        {QStringLiteral("outcome"), textJson(r.outcome)},
        {QStringLiteral("working_days_taken"), numberJson(t.workingDaysTaken)},
        {QStringLiteral("late"), t.late},
        {QStringLiteral("review_due"), dayJson(t.reviewDue)},
        {QStringLiteral("problem"), textJson(t.problem)},
    };
}

QString auditTime(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

void printAudit(QTextStream &out, const QVector<AuditEvent> &events, const QString &indent = QString())
{
    QVector<QStringList> rows{{QStringLiteral("TIME"), QStringLiteral("OFFICER"), QStringLiteral("ACTION"),
                               QStringLiteral("REFERENCE"), QStringLiteral("WHAT")}};
    for (const AuditEvent &e : events) {
        QString what = e.detail;
        if (!e.sha256.isEmpty())
            what += QStringLiteral(" sha256 ") + e.sha256;
        rows << QStringList{auditTime(e.at), e.officer, e.action,
                            e.reference.isEmpty() ? QStringLiteral("-") : e.reference, what};
    }
    printTable(out, rows, indent);
}

QJsonArray auditJson(const QVector<AuditEvent> &events)
{
    QJsonArray out;
    for (const AuditEvent &e : events)
        out.append(QJsonObject{{QStringLiteral("id"), e.id},
                               {QStringLiteral("at"), e.at.toUTC().toString(Qt::ISODateWithMs)},
                               {QStringLiteral("officer"), e.officer},
                               {QStringLiteral("action"), e.action},
                               {QStringLiteral("reference"), textJson(e.reference)},
                               {QStringLiteral("detail"), e.detail},
                               {QStringLiteral("sha256"), textJson(e.sha256)}});
    return out;
}

void printJson(QTextStream &out, const QJsonDocument &doc)
{
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out.flush();
}

/// A request file read and checked as tabulate reads it, with its bytes as they are on disk.
struct RequestFile
{
    Request request;
    QByteArray bytes;
};

Result<RequestFile> readRequestFile(const QString &path)
{
    Result<Request> request = Request::load(path);
    if (!request)
        return request.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the request file: %1").arg(f.errorString()), path);
    return RequestFile{*request, f.readAll()};
}

/// The usage message when a request file is for another request than the one being recorded; empty if not.
QString requestFileDisagrees(const RequestFile &file, const QString &path, const FoiRequestRecord &record)
{
    if (file.request.reference != record.reference)
        return QStringLiteral("--%1 %2 is the request file of request %3, not %4")
            .arg(kRequestFile, path, file.request.reference, record.reference);
    if (file.request.received.isValid() && file.request.received != record.received)
        return QStringLiteral("--%1 %2 says request %3 was received on %4, not %5")
            .arg(kRequestFile, path, record.reference, file.request.received.toString(Qt::ISODate),
                 record.received.toString(Qt::ISODate));
    return {};
}

/// "due 2018-03-07", or why the due day cannot be told.
QString dueSummary(const RequestTiming &timing)
{
    if (timing.clockStopped)
        return QStringLiteral("the clock is stopped until the clarification arrives");
    if (timing.due.isValid())
        return QStringLiteral("due ") + timing.due.toString(Qt::ISODate);
    return QStringLiteral("the due day cannot be counted: ") + timing.problem;
}

int addRequest(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("request add"), kAddUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({kReference, QStringLiteral("The FOI unit's reference (default: the request file's)."),
                      QStringLiteral("REF")});
    parser.addOption(
        {kReceived, QStringLiteral("The day the request was received, day 0 (default: the request file's)."),
         QStringLiteral("DATE")});
    parser.addOption({kTitle, QStringLiteral("A short title for the lists (default: the request file's)."),
                      QStringLiteral("TEXT")});
    parser.addOption(
        {kWords, QStringLiteral("The request in the requester's words."), QStringLiteral("TEXT")});
    parser.addOption({kWordsFile, QStringLiteral("A UTF-8 text file holding the requester's words."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {kOfficer, QStringLiteral("The officer handling it (default: you)."), QStringLiteral("NAME")});
    parser.addOption({kRequestFile,
                      QStringLiteral("The request file (criteria, tables, policy) to keep with it."),
                      QStringLiteral("FILE.json")});
    parser.addOption({kNotes, QStringLiteral("Notes."), QStringLiteral("TEXT")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    if (parser.isSet(kWords) && parser.isSet(kWordsFile))
        return cmd.usage(QStringLiteral("give the requester's words with --words or --words-file, not both"));

    FoiRequestRecord record;
    QString problem;
    if (!optionDay(parser, kReceived, &record.received, &problem))
        return cmd.usage(problem);
    record.reference = parser.value(kReference);
    record.title = parser.value(kTitle);
    record.requesterWords = parser.value(kWords);
    record.notes = parser.value(kNotes);
    record.officer = parser.isSet(kOfficer) ? parser.value(kOfficer) : application::officerName();
    record.status = RequestStatus::Received;

    std::optional<RequestFile> file;
    if (parser.isSet(kRequestFile)) {
        Result<RequestFile> read = readRequestFile(parser.value(kRequestFile));
        if (!read)
            return cmd.fail(read.error());
        file = *read;
        // What the options leave out, the request file gives.
        if (!parser.isSet(kReference))
            record.reference = file->request.reference;
        if (!record.received.isValid())
            record.received = file->request.received;
        if (!parser.isSet(kTitle))
            record.title = file->request.title;
        if (!parser.isSet(kWords) && !parser.isSet(kWordsFile))
            record.requesterWords = file->request.requestText;
        record.requestJson = file->bytes;
    }
    if (parser.isSet(kWordsFile)) {
        QFile words(parser.value(kWordsFile));
        if (!words.open(QIODevice::ReadOnly))
            return cmd.fail(
                Error(QStringLiteral("cannot read the requester's words: %1").arg(words.errorString()),
                      words.fileName()));
        record.requesterWords = QString::fromUtf8(words.readAll());
    }
    if (record.reference.isEmpty())
        return cmd.usage(QStringLiteral("--reference REF is required: the FOI unit's reference"));
    if (!record.received.isValid())
        return cmd.usage(QStringLiteral("--received DATE is required: the day the request was received"));
    if (record.title.isEmpty())
        return cmd.usage(QStringLiteral("--title TEXT is required: a short title for the lists"));
    if (file) {
        if (const QString m = requestFileDisagrees(*file, parser.value(kRequestFile), record); !m.isEmpty())
            return cmd.usage(m);
    }
    if (Status valid = record.validate(); !valid) {
        const QString option = optionOfField(valid.error().field);
        return cmd.usage(option.isEmpty() ? valid.error().message
                                          : QStringLiteral("--%1: %2").arg(option, valid.error().message));
    }

    const QString path = parser.value(kRegister);
    const bool existed = QFileInfo::exists(path);
    Result<std::unique_ptr<Register>> reg = openRegister(parser, /*create=*/true);
    if (!reg)
        return cmd.fail(reg.error());
    Result<WorkingDays> calendar = registerCalendar(**reg);
    if (!calendar)
        return cmd.fail(calendar.error());
    if (Result<qint64> added = (*reg)->addRequest(record, application::officerName()); !added)
        return cmd.fail(added.error());
    if (!existed)
        out << "created the register " << path << '\n';
    const RequestTiming timing = requestTiming(record, SystemClock::instance(), *calendar);
    out << "request " << record.reference << " added, received " << record.received.toString(Qt::ISODate)
        << ": " << dueSummary(timing) << '\n';
    out.flush();
    return Ok;
}

int updateRequest(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("request update"), kUpdateUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({kReference, QStringLiteral("The request to change."), QStringLiteral("REF")});
    parser.addOption({kStatus, QStringLiteral("The status: %1.").arg([] {
                          QStringList keys;
                          for (RequestStatus s : allRequestStatuses())
                              keys << requestStatusKey(s);
                          return keys.join(QStringLiteral(", "));
                      }()),
                      QStringLiteral("KEY")});
    parser.addOption({kSought,
                      QStringLiteral("Clarification was sought on DATE: the clock stops (status "
                                     "clarification-sought)."),
                      QStringLiteral("DATE")});
    parser.addOption({kAnswered,
                      QStringLiteral("The clarification arrived on DATE: the clock restarts at day 0 (status "
                                     "in-progress unless --status)."),
                      QStringLiteral("DATE")});
    parser.addOption({kExtension,
                      QStringLiteral("A public interest extension of 0 to 20 working days (status "
                                     "public-interest-extension unless --status)."),
                      QStringLiteral("DAYS")});
    parser.addOption({kResponded,
                      QStringLiteral("The response was sent on DATE (status responded unless --status)."),
                      QStringLiteral("DATE")});
    parser.addOption(
        {kOutcome, QStringLiteral("How it was answered, for the disclosure log."), QStringLiteral("TEXT")});
    parser.addOption({kReviewRequested,
                      QStringLiteral("An internal review was asked for on DATE (status internal-review "
                                     "unless --status)."),
                      QStringLiteral("DATE")});
    parser.addOption(
        {kReviewDays, QStringLiteral("The review's working days, 20 to 40."), QStringLiteral("N")});
    parser.addOption({kReviewCompleted,
                      QStringLiteral("The internal review was completed on DATE (status closed unless "
                                     "--status)."),
                      QStringLiteral("DATE")});
    parser.addOption({kOfficer, QStringLiteral("The officer handling it."), QStringLiteral("NAME")});
    parser.addOption({kTitle, QStringLiteral("A short title for the lists."), QStringLiteral("TEXT")});
    parser.addOption({kNotes, QStringLiteral("Notes (replacing the ones held)."), QStringLiteral("TEXT")});
    parser.addOption(
        {kRequestFile, QStringLiteral("The request file to keep with it."), QStringLiteral("FILE.json")});
    parser.addOption({kExpectVersion,
                      QStringLiteral("Change it only if it is still at version N (as request show said)."),
                      QStringLiteral("N")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    if (const QString m = missing(parser, kReference, QStringLiteral("the request to change")); !m.isEmpty())
        return cmd.usage(m);

    // Every value is checked before the register is opened.
    QString problem;
    std::optional<RequestStatus> status;
    if (parser.isSet(kStatus)) {
        status = requestStatusFromKey(parser.value(kStatus));
        if (!status) {
            QStringList keys;
            for (RequestStatus s : allRequestStatuses())
                keys << requestStatusKey(s);
            return cmd.usage(QStringLiteral("--status '%1' is not a status; they are: %2")
                                 .arg(parser.value(kStatus), keys.join(QStringLiteral(", "))));
        }
    }
    QDate sought, answered, responded, reviewRequested, reviewCompleted;
    for (const auto &[option, day] :
         {std::pair{kSought, &sought}, std::pair{kAnswered, &answered}, std::pair{kResponded, &responded},
          std::pair{kReviewRequested, &reviewRequested}, std::pair{kReviewCompleted, &reviewCompleted}}) {
        if (!optionDay(parser, option, day, &problem))
            return cmd.usage(problem);
    }
    int extension = 0;
    if (parser.isSet(kExtension) &&
        !optionNumber(parser, kExtension, 0, kMaxExtensionDays, QStringLiteral("a public interest extension"),
                      &extension, &problem))
        return cmd.usage(problem);
    int reviewDays = kReviewWorkingDays;
    if (parser.isSet(kReviewDays) &&
        !optionNumber(parser, kReviewDays, kReviewWorkingDays, kMaxReviewWorkingDays,
                      QStringLiteral("an internal review's working days"), &reviewDays, &problem))
        return cmd.usage(problem);
    QString outcome;
    if (parser.isSet(kOutcome)) {
        const QString given = parser.value(kOutcome).trimmed();
        for (const QString &known : requestOutcomes()) {
            if (known.compare(given, Qt::CaseInsensitive) == 0)
                outcome = known;
        }
        if (outcome.isEmpty())
            return cmd.usage(QStringLiteral("--outcome '%1' is not an outcome; they are: %2")
                                 .arg(parser.value(kOutcome), requestOutcomes().join(QStringLiteral("; "))));
    }
    int expectVersion = 0;
    if (parser.isSet(kExpectVersion) &&
        !optionNumber(parser, kExpectVersion, 1, std::numeric_limits<int>::max(), QStringLiteral("a version"),
                      &expectVersion, &problem))
        return cmd.usage(problem);
    static const QStringList changes{kStatus,  kSought,          kAnswered,   kExtension,       kResponded,
                                     kOutcome, kReviewRequested, kReviewDays, kReviewCompleted, kOfficer,
                                     kTitle,   kNotes,           kRequestFile};
    if (std::none_of(changes.begin(), changes.end(), [&](const QString &o) { return parser.isSet(o); }))
        return cmd.usage(QStringLiteral("nothing to change: give at least one of --%1")
                             .arg(changes.join(QStringLiteral(", --"))));
    std::optional<RequestFile> file;
    if (parser.isSet(kRequestFile)) {
        Result<RequestFile> read = readRequestFile(parser.value(kRequestFile));
        if (!read)
            return cmd.fail(read.error());
        file = *read;
    }

    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    const QString reference = parser.value(kReference);
    Result<std::optional<FoiRequestRecord>> found = (*reg)->findRequest(reference);
    if (!found)
        return cmd.fail(found.error());
    if (!*found)
        return cmd.fail(Error(QStringLiteral("the register holds no request %1").arg(reference),
                              (*reg)->location(), 0, QStringLiteral("reference")));
    Result<WorkingDays> calendar = registerCalendar(**reg);
    if (!calendar)
        return cmd.fail(calendar.error());
    FoiRequestRecord record = **found;
    if (expectVersion != 0 && record.version != expectVersion)
        return cmd.fail(Error(QStringLiteral("request %1 was changed by someone else since it was opened "
                                             "(version %2, now %3): open it again to see their change, then "
                                             "make yours")
                                  .arg(reference)
                                  .arg(expectVersion)
                                  .arg(record.version),
                              (*reg)->location()));

    RequestChange change;
    change.clarificationSought = sought;
    change.clarificationReceived = answered;
    if (parser.isSet(kExtension))
        change.extensionDays = extension;
    change.responded = responded;
    if (!outcome.isEmpty())
        change.outcome = outcome;
    change.reviewRequested = reviewRequested;
    if (parser.isSet(kReviewDays))
        change.reviewDays = reviewDays;
    change.reviewCompleted = reviewCompleted;
    change.status = status;
    if (parser.isSet(kOfficer))
        change.officer = parser.value(kOfficer);
    if (parser.isSet(kTitle))
        change.title = parser.value(kTitle);
    if (parser.isSet(kNotes))
        change.notes = parser.value(kNotes);
    if (file) {
        if (const QString m = requestFileDisagrees(*file, parser.value(kRequestFile), record); !m.isEmpty())
            return cmd.usage(m);
        change.requestJson = file->bytes;
    }
    Result<FoiRequestRecord> changed = applyRequestChange(record, change, *calendar);
    if (!changed) {
        const Error &e = changed.error();
        const QString option = optionOfField(e.field);
        return cmd.usage(option.isEmpty() ? e.message : QStringLiteral("--%1: %2").arg(option, e.message));
    }
    record = *changed;

    Result<qint64> saved = (*reg)->updateRequest(record, application::officerName());
    if (!saved)
        return cmd.fail(saved.error());
    const RequestTiming timing = requestTiming(record, SystemClock::instance(), *calendar);
    out << "request " << reference << " saved (version " << *saved
        << "): " << requestStatusName(record.status).toLower() << ", " << dueSummary(timing) << '\n';
    out.flush();
    return Ok;
}

int deleteRequest(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("request delete"), kDeleteUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({kReference, QStringLiteral("The request to delete."), QStringLiteral("REF")});
    parser.addOption({kExpectVersion,
                      QStringLiteral("Delete it only if it is still at version N (as request show said)."),
                      QStringLiteral("N")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    if (const QString m = missing(parser, kReference, QStringLiteral("the request to delete")); !m.isEmpty())
        return cmd.usage(m);
    QString problem;
    int expectVersion = 0;
    if (parser.isSet(kExpectVersion) &&
        !optionNumber(parser, kExpectVersion, 1, std::numeric_limits<int>::max(), QStringLiteral("a version"),
                      &expectVersion, &problem))
        return cmd.usage(problem);

    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    const QString reference = parser.value(kReference);
    qint64 version = expectVersion;
    if (version == 0) {
        // Without --expect-version, the version it is at now: the register still refuses a release.
        Result<std::optional<FoiRequestRecord>> found = (*reg)->findRequest(reference);
        if (!found)
            return cmd.fail(found.error());
        if (!*found)
            return cmd.fail(Error(QStringLiteral("the register holds no request %1").arg(reference),
                                  (*reg)->location(), 0, QStringLiteral("reference")));
        version = (*found)->version;
    }
    if (Status s = (*reg)->deleteRequest(reference, version, application::officerName()); !s) {
        if (s.error().field == QLatin1String("releases"))
            return cmd.refuse(s.error());
        return cmd.fail(s.error());
    }
    out << "request " << reference << " deleted (it was at version " << version
        << "); the audit trail keeps its lines\n";
    out.flush();
    return Ok;
}

int showRequest(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("request show"), kShowUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({kReference, QStringLiteral("The request to show."), QStringLiteral("REF")});
    addFormatOption(parser);
    addTodayOption(parser);
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    if (const QString m = missing(parser, kReference, QStringLiteral("the request to show")); !m.isEmpty())
        return cmd.usage(m);
    QString problem;
    const bool json = wantsJson(parser, &problem);
    ClockChoice clock;
    if (!problem.isEmpty() || !readClock(parser, &clock, &problem))
        return cmd.usage(problem);

    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    const QString reference = parser.value(kReference);
    Result<std::optional<FoiRequestRecord>> found = (*reg)->findRequest(reference);
    if (!found)
        return cmd.fail(found.error());
    if (!*found)
        return cmd.fail(Error(QStringLiteral("the register holds no request %1").arg(reference),
                              (*reg)->location(), 0, QStringLiteral("reference")));
    Result<QVector<AuditEvent>> trail = (*reg)->auditTrail(reference);
    if (!trail)
        return cmd.fail(trail.error());
    Result<WorkingDays> calendar = registerCalendar(**reg);
    if (!calendar)
        return cmd.fail(calendar.error());
    const FoiRequestRecord &r = **found;
    const RequestRow row{r, requestTiming(r, clock.clock(), *calendar)};

    if (json) {
        QJsonObject o = rowJson(row);
        o[QStringLiteral("requester_words")] = r.requesterWords;
        o[QStringLiteral("notes")] = r.notes;
        o[QStringLiteral("extension_days")] = r.extensionDays;
        QJsonArray rounds;
        for (const Clarification &c : r.clarifications)
            rounds.append(QJsonObject{{QStringLiteral("sought"), dayJson(c.sought)},
                                      {QStringLiteral("received"), dayJson(c.answered)}});
        o[QStringLiteral("clarifications")] = rounds;
        o[QStringLiteral("review_requested")] = dayJson(r.reviewRequested);
        o[QStringLiteral("review_days")] = r.reviewDays;
        o[QStringLiteral("review_completed")] = dayJson(r.reviewCompleted);
        o[QStringLiteral("request_file")] = r.requestJson.isEmpty()
                                                ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(QJsonDocument::fromJson(r.requestJson).object());
        o[QStringLiteral("version")] = r.version;
        o[QStringLiteral("audit")] = auditJson(*trail);
        printJson(out, QJsonDocument(o));
        return Ok;
    }

    out << "Request " << r.reference << ": " << r.title << '\n';
    QVector<QStringList> lines;
    lines << QStringList{QStringLiteral("received"), dayLabel(r.received)};
    lines << QStringList{QStringLiteral("status"), QStringLiteral("%1 (%2)").arg(requestStatusName(r.status),
                                                                                 requestStatusKey(r.status))};
    lines << QStringList{QStringLiteral("officer"), r.officer.isEmpty() ? QStringLiteral("-") : r.officer};
    for (qsizetype i = 0; i < r.clarifications.size(); ++i) {
        const Clarification &c = r.clarifications.at(i);
        lines << QStringList{QStringLiteral("clarification %1").arg(i + 1),
                             QStringLiteral("sought %1, %2")
                                 .arg(c.sought.toString(Qt::ISODate),
                                      c.answered.isValid()
                                          ? QStringLiteral("received ") + c.answered.toString(Qt::ISODate)
                                          : QStringLiteral("awaited: the clock is stopped"))};
    }
    if (r.extensionDays > 0)
        lines << QStringList{QStringLiteral("extension"),
                             workingDays(r.extensionDays) + QStringLiteral(" (public interest)")};
    QString due;
    if (row.timing.clockStopped) {
        due = QStringLiteral("clock stopped");
    } else if (Result<Deadline> d = requestDeadline(r.received, r.clarifications, r.extensionDays, *calendar);
               d) {
        due = QStringLiteral("%1: %2 after %3 (%4)")
                  .arg(dayLabel(d->due), workingDays(d->workingDays), d->clockStart.toString(Qt::ISODate),
                       d->clockStart == r.received ? QStringLiteral("the day received")
                                                   : QStringLiteral("the clarification received"));
    } else {
        due = QStringLiteral("not counted: ") + d.error().message;
    }
    lines << QStringList{QStringLiteral("due"), due};
    if (r.responded.isValid())
        lines << QStringList{QStringLiteral("responded"), dayLabel(r.responded)};
    if (!r.outcome.isEmpty())
        lines << QStringList{QStringLiteral("outcome"), r.outcome};
    if (r.reviewRequested.isValid()) {
        QString review = QStringLiteral("asked for %1, due %2 (%3)")
                             .arg(r.reviewRequested.toString(Qt::ISODate), dayText(row.timing.reviewDue),
                                  workingDays(r.reviewDays));
        if (r.reviewCompleted.isValid())
            review += QStringLiteral(", completed ") + r.reviewCompleted.toString(Qt::ISODate);
        lines << QStringList{QStringLiteral("internal review"), review};
    }
    lines << QStringList{QStringLiteral("on ") + clock.clock().today().toString(Qt::ISODate), timeText(row)};
    lines << QStringList{QStringLiteral("request file"),
                         r.requestJson.isEmpty()
                             ? QStringLiteral("none")
                             : QStringLiteral("held (%1 bytes)").arg(r.requestJson.size())};
    lines << QStringList{QStringLiteral("version"), QString::number(r.version)};
    printTable(out, lines, QStringLiteral("  "));
    if (!r.requesterWords.isEmpty())
        out << "\nThe request in the requester's words:\n  "
            << QString(r.requesterWords).replace(QLatin1Char('\n'), QStringLiteral("\n  ")) << '\n';
    if (!r.notes.isEmpty())
        out << "\nNotes:\n  " << QString(r.notes).replace(QLatin1Char('\n'), QStringLiteral("\n  ")) << '\n';
    out << "\nAudit trail:\n";
    printAudit(out, *trail, QStringLiteral("  "));
    out.flush();
    return Ok;
}

} // namespace

int requestsCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("requests"), kRequestsUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    const QString open = QStringLiteral("open"), all = QStringLiteral("all"),
                  thisWeek = QStringLiteral("due-this-week"), within = QStringLiteral("due-within"),
                  overdue = QStringLiteral("overdue"), responded = QStringLiteral("responded");
    parser.addOption(
        {open, QStringLiteral("Requests not yet responded to or closed, by due day (the default).")});
    parser.addOption({all, QStringLiteral("Every request, by due day.")});
    parser.addOption({thisWeek, QStringLiteral("Open requests due by the Sunday that ends this week.")});
    parser.addOption(
        {within, QStringLiteral("Open requests due within DAYS working days."), QStringLiteral("DAYS")});
    parser.addOption({overdue, QStringLiteral("Open requests past their due day.")});
    parser.addOption({responded, QStringLiteral("Requests responded to, with the working days each took.")});
    addFormatOption(parser);
    addTodayOption(parser);
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    const QStringList lists{open, all, thisWeek, within, overdue, responded};
    QStringList chosen;
    for (const QString &l : lists) {
        if (parser.isSet(l))
            chosen << QStringLiteral("--") + l;
    }
    if (chosen.size() > 1)
        return cmd.usage(QStringLiteral("give one list, not %1").arg(chosen.join(QStringLiteral(" and "))));
    QString problem;
    const bool json = wantsJson(parser, &problem);
    ClockChoice clock;
    if (!problem.isEmpty() || !readClock(parser, &clock, &problem))
        return cmd.usage(problem);
    int days = 5;
    if (parser.isSet(within) &&
        !optionNumber(parser, within, 0, 9999, QStringLiteral("a number of working days"), &days, &problem))
        return cmd.usage(problem);

    RequestList list = RequestList::Open;
    const QDate today = clock.clock().today();
    QString heading = QStringLiteral("Open requests");
    if (parser.isSet(all)) {
        list = RequestList::All;
        heading = QStringLiteral("All requests");
    } else if (parser.isSet(thisWeek)) {
        list = RequestList::DueThisWeek;
        heading = QStringLiteral("Open requests due by Sunday %1")
                      .arg(today.addDays(7 - today.dayOfWeek()).toString(Qt::ISODate));
    } else if (parser.isSet(within)) {
        list = RequestList::DueWithin;
        heading = QStringLiteral("Open requests due within ") + workingDays(days);
    } else if (parser.isSet(overdue)) {
        list = RequestList::Overdue;
        heading = QStringLiteral("Overdue requests");
    } else if (parser.isSet(responded)) {
        list = RequestList::Responded;
        heading = QStringLiteral("Requests responded to");
    }

    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    Result<QVector<FoiRequestRecord>> requests = (*reg)->requests();
    if (!requests)
        return cmd.fail(requests.error());
    Result<WorkingDays> calendar = registerCalendar(**reg);
    if (!calendar)
        return cmd.fail(calendar.error());
    const QVector<RequestRow> rows = requestList(*requests, list, clock.clock(), days, *calendar);

    if (json) {
        QJsonArray array;
        for (const RequestRow &row : rows)
            array.append(rowJson(row));
        printJson(out, QJsonDocument(array));
        return Ok;
    }
    out << heading << " on " << dayLabel(today) << ": " << rows.size() << '\n';
    if (rows.isEmpty()) {
        out.flush();
        return Ok;
    }
    QVector<QStringList> table;
    if (list == RequestList::Responded) {
        table << QStringList{QStringLiteral("REFERENCE"), QStringLiteral("RECEIVED"),
                             QStringLiteral("DUE"),       QStringLiteral("RESPONDED"),
                             QStringLiteral("TAKEN"),     QStringLiteral("STATUS"),
                             QStringLiteral("OFFICER"),   QStringLiteral("TITLE")};
        for (const RequestRow &row : rows) {
            const RequestTiming &t = row.timing;
            const QString taken = t.workingDaysTaken ? workingDays(*t.workingDaysTaken) +
                                                           (t.late ? QStringLiteral(", late") : QString())
                                                     : QStringLiteral("-");
            table << QStringList{row.request.reference,
                                 dayText(row.request.received),
                                 t.due.isValid() ? dayText(t.due) : dueText(row),
                                 dayText(row.request.responded),
                                 taken,
                                 requestStatusName(row.request.status),
                                 row.request.officer,
                                 row.request.title};
        }
    } else {
        table << QStringList{QStringLiteral("REFERENCE"), QStringLiteral("RECEIVED"),
                             QStringLiteral("DUE"),       QStringLiteral("WORKING DAYS"),
                             QStringLiteral("STATUS"),    QStringLiteral("OFFICER"),
                             QStringLiteral("TITLE")};
        for (const RequestRow &row : rows)
            table << QStringList{
                row.request.reference, dayText(row.request.received),         dueText(row),
                timeText(row),         requestStatusName(row.request.status), row.request.officer,
                row.request.title};
    }
    printTable(out, table);
    printProblems(out, rows);
    out.flush();
    return Ok;
}

int requestCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("add"))
        return addRequest(args.mid(1), out, err);
    if (sub == QStringLiteral("update"))
        return updateRequest(args.mid(1), out, err);
    if (sub == QStringLiteral("delete"))
        return deleteRequest(args.mid(1), out, err);
    if (sub == QStringLiteral("show"))
        return showRequest(args.mid(1), out, err);
    if (sub == QStringLiteral("--help") || sub == QStringLiteral("-h") || sub == QStringLiteral("help")) {
        out << "usage: " << kAddUsage << "\n       " << kUpdateUsage << "\n       " << kDeleteUsage
            << "\n       " << kShowUsage << '\n';
        out.flush();
        return Ok;
    }
    Command cmd(QStringLiteral("request"), kRequestUsage, out, err);
    return cmd.usage(sub.isEmpty() ? QStringLiteral("say add, update, delete or show")
                                   : QStringLiteral("'%1' is not add, update, delete or show").arg(sub));
}

int disclosureLogCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("disclosure-log"), kLogUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({kOutput, QStringLiteral("The CSV file to write."), QStringLiteral("FILE.csv")});
    parser.addOption(
        {kFrom, QStringLiteral("Only requests responded to on or after DATE."), QStringLiteral("DATE")});
    parser.addOption(
        {kTo, QStringLiteral("Only requests responded to on or before DATE."), QStringLiteral("DATE")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    if (const QString m = missing(parser, kOutput, QStringLiteral("the CSV file to write")); !m.isEmpty())
        return cmd.usage(m);
    QString problem;
    QDate from, to;
    if (!optionDay(parser, kFrom, &from, &problem) || !optionDay(parser, kTo, &to, &problem))
        return cmd.usage(problem);
    if (from.isValid() && to.isValid() && to < from)
        return cmd.usage(QStringLiteral("--to %1 is before --from %2")
                             .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)));

    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    Result<DisclosureLogWritten> written =
        writeDisclosureLog(**reg, parser.value(kOutput), application::officerName(), from, to);
    if (!written)
        return cmd.fail(written.error());
    const qsizetype logged = written->requests;
    const qsizetype lines = logged + 1;
    out << written->path << ": " << lines << (lines == 1 ? " line" : " lines") << ", the header and "
        << logged << (logged == 1 ? " request" : " requests") << " responded to\tsha256 " << written->sha256
        << '\n';
    out.flush();
    return Ok;
}

int auditCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("audit"), kAuditUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption(
        {kReference, QStringLiteral("Only the lines about this request."), QStringLiteral("REF")});
    addFormatOption(parser);
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    QString problem;
    const bool json = wantsJson(parser, &problem);
    if (!problem.isEmpty())
        return cmd.usage(problem);
    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    Result<QVector<AuditEvent>> trail = (*reg)->auditTrail(parser.value(kReference));
    if (!trail)
        return cmd.fail(trail.error());
    if (json) {
        printJson(out, QJsonDocument(auditJson(*trail)));
        return Ok;
    }
    if (trail->isEmpty())
        out << (parser.isSet(kReference) ? QStringLiteral("The audit trail holds nothing about request %1.\n")
                                               .arg(parser.value(kReference))
                                         : QStringLiteral("The audit trail is empty.\n"));
    else
        printAudit(out, *trail);
    out.flush();
    return Ok;
}

int bankHolidaysCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("bank-holidays"), kBankHolidaysUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption(
        {QStringLiteral("load"),
         QStringLiteral("A newer download of https://www.gov.uk/bank-holidays.json to count by, for "
                        "everyone who uses the register."),
         QStringLiteral("FILE.json")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    Result<WorkingDays> calendar =
        parser.isSet(QStringLiteral("load"))
            ? loadBankHolidays(**reg, parser.value(QStringLiteral("load")), application::officerName())
            : registerCalendar(**reg);
    if (!calendar)
        return cmd.fail(calendar.error());
    const BankHolidays &holidays = calendar->holidays();
    out << "Working days are counted from " << holidays.firstDay().toString(Qt::ISODate) << " to "
        << holidays.lastDay().toString(Qt::ISODate) << " (" << holidays.all().size()
        << " bank holidays in the three divisions";
    Result<QByteArray> feed = (*reg)->bankHolidaysFeed();
    out << (feed && !feed->isEmpty() ? ", with the feed loaded into the register)\n" : ", built in)\n");
    out.flush();
    return Ok;
}

int minimumThresholdCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    Command cmd(QStringLiteral("minimum-threshold"), kMinimumThresholdUsage, out, err);
    QCommandLineParser parser;
    addRegisterOption(parser);
    parser.addOption({QStringLiteral("set"),
                      QStringLiteral("The force's new minimum threshold (0 to 100): no release with a lower "
                                     "threshold passes its audit."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("Why it changes (into the audit trail)."),
                      QStringLiteral("TEXT")});
    int exit = Ok;
    if (!cmd.parse(parser, args, &exit))
        return exit;
    if (const QString m = missing(parser, kRegister, QStringLiteral("the register file")); !m.isEmpty())
        return cmd.usage(m);
    const bool set = parser.isSet(QStringLiteral("set"));
    if (set != parser.isSet(QStringLiteral("reason")))
        return cmd.usage(set ? QStringLiteral("--set needs --reason: say why the minimum changes")
                             : QStringLiteral("--reason goes with --set N"));
    Result<std::unique_ptr<Register>> reg = openRegister(parser);
    if (!reg)
        return cmd.fail(reg.error());
    if (set) {
        bool ok = false;
        const int n = parser.value(QStringLiteral("set")).toInt(&ok);
        if (!ok)
            return cmd.usage(QStringLiteral("--set takes a whole number, not '%1'")
                                 .arg(parser.value(QStringLiteral("set"))));
        if (Status s = (*reg)->setMinimumThreshold(n, parser.value(QStringLiteral("reason")),
                                                   application::officerName());
            !s)
            return cmd.fail(s.error());
    }
    Result<int> minimum = (*reg)->minimumThreshold();
    if (!minimum)
        return cmd.fail(minimum.error());
    out << "Minimum threshold: " << *minimum << " (no release with a lower threshold passes its audit; "
        << "a threshold under " << ProtectionPolicy::kUsualThreshold << " needs a reason)\n";
    out.flush();
    return Ok;
}

} // namespace foi::cli
