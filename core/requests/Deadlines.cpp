#include "Deadlines.h"

#include "reference/ReferenceFiles.h"

#include <QLocale>
#include <QStringList>
#include <QtGlobal>

#include <algorithm>

namespace foi {

namespace {

QString iso(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

/// "Wednesday": English names whatever the locale, as the reasons are read next to English text.
QString weekdayName(const QDate &day)
{
    return QLocale::c().dayName(day.dayOfWeek(), QLocale::LongFormat);
}

bool isChristmasDay(const QDate &day)
{
    return day.month() == 12 && day.day() == 25;
}

QString newerFeedAdvice()
{
    return QStringLiteral("load a newer copy of https://www.gov.uk/bank-holidays.json");
}

} // namespace

QString divisionName(Division division)
{
    switch (division) {
    case Division::EnglandAndWales:
        return QStringLiteral("England and Wales");
    case Division::Scotland:
        return QStringLiteral("Scotland");
    case Division::NorthernIreland:
        return QStringLiteral("Northern Ireland");
    }
    Q_UNREACHABLE();
    return {};
}

WorkingDays::WorkingDays(const BankHolidays &holidays)
    : m_holidays(holidays)
{}

const WorkingDays &WorkingDays::builtIn()
{
    // A function-local static is initialised once, and thread-safely, on first use.
    static const WorkingDays instance(BankHolidays::builtIn());
    return instance;
}

QDate WorkingDays::easterSunday(int year)
{
    if (year < 1583)
        return {};
    // The anonymous Gregorian algorithm (Meeus, Jones, Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return QDate(year, month, day);
}

QDate WorkingDays::goodFriday(int year)
{
    const QDate easter = easterSunday(year);
    return easter.isValid() ? easter.addDays(-2) : QDate();
}

bool WorkingDays::isWorkingDay(const QDate &day, QString *whyNot) const
{
    const auto notWorking = [whyNot](const QString &reason) {
        if (whyNot)
            *whyNot = reason;
        return false;
    };
    if (!day.isValid())
        return notWorking(QStringLiteral("not a date"));
    if (day.dayOfWeek() >= 6) {
        if (isChristmasDay(day))
            return notWorking(weekdayName(day) + QStringLiteral(" (Christmas Day)"));
        return notWorking(weekdayName(day));
    }
    if (isChristmasDay(day))
        return notWorking(QStringLiteral("Christmas Day"));
    if (day == goodFriday(day.year()))
        return notWorking(QStringLiteral("Good Friday"));
    const QVector<BankHoliday> holidays = m_holidays.holidaysOn(day);
    if (!holidays.isEmpty()) {
        // One title with the divisions that keep it: "Easter Monday (England and Wales, Northern Ireland)".
        QStringList titles;
        QVector<QStringList> divisions;
        for (const BankHoliday &holiday : holidays) {
            const qsizetype at = titles.indexOf(holiday.title);
            if (at >= 0) {
                divisions[at].append(divisionName(holiday.division));
            } else {
                titles.append(holiday.title);
                divisions.append(QStringList{divisionName(holiday.division)});
            }
        }
        QStringList parts;
        for (qsizetype i = 0; i < titles.size(); ++i)
            parts.append(QString(titles.at(i) + QStringLiteral(" (") +
                                 divisions.at(i).join(QStringLiteral(", ")) + QLatin1Char(')')));
        return notWorking(parts.join(QStringLiteral("; ")));
    }
    if (whyNot)
        whyNot->clear();
    return true;
}

Status WorkingDays::mergeFeed(const QString &path)
{
    Result<QByteArray> bytes = reference::readFile(path);
    if (!bytes)
        return bytes.error();
    Result<BankHolidays> feed = BankHolidays::fromGovUkJson(*bytes, path);
    if (!feed)
        return feed.error();
    m_holidays.merge(*feed);
    return {};
}

Status WorkingDays::covers(const QDate &day) const
{
    if (!day.isValid())
        return Error(QStringLiteral("not a date"));
    const QDate first = m_holidays.firstDay();
    const QDate last = m_holidays.lastDay();
    if (!first.isValid())
        return Error(QStringLiteral("no bank holidays are known, so working days cannot be counted: ") +
                     newerFeedAdvice());
    if (day > last)
        return Error(QStringLiteral("%1 is after the last bank holiday known (%2), so the working days up to "
                                    "it cannot be counted: %3 to add the later years")
                         .arg(iso(day), iso(last), newerFeedAdvice()));
    if (day < first)
        return Error(
            QStringLiteral(
                "%1 is before the first bank holiday known (%2), so the working days "
                "from it cannot be counted: load a copy of https://www.gov.uk/bank-holidays.json that "
                "covers it")
                .arg(iso(day), iso(first)));
    return {};
}

Status WorkingDays::coversSpan(const QDate &from, const QDate &to) const
{
    // The holidays are sorted, so the span is covered when both of its ends are.
    if (to <= from)
        return {};
    if (Status s = covers(from.addDays(1)); !s)
        return s;
    return covers(to);
}

Result<QDate> WorkingDays::addWorkingDays(const QDate &from, int n) const
{
    if (!from.isValid())
        return Error(QStringLiteral("not a date"));
    if (n < 0)
        return Error(QStringLiteral("cannot count %1 working days: the count must not be negative").arg(n));
    if (n == 0)
        return from;
    if (Status s = covers(from.addDays(1)); !s)
        return s.error();
    const QDate last = m_holidays.lastDay();
    QDate day = from;
    for (int counted = 0; counted < n;) {
        day = day.addDays(1);
        if (day > last)
            return Error(QStringLiteral("%1 working days after %2 go past %3, the last bank holiday known, "
                                        "so the day cannot be told: %4 to add the later years")
                             .arg(n)
                             .arg(iso(from), iso(last), newerFeedAdvice()));
        if (isWorkingDay(day))
            ++counted;
    }
    return day;
}

Result<int> WorkingDays::workingDaysBetween(const QDate &from, const QDate &to) const
{
    if (!from.isValid() || !to.isValid())
        return Error(QStringLiteral("not a date"));
    if (to < from) {
        Result<int> back = workingDaysBetween(to, from);
        if (!back)
            return back;
        return -*back;
    }
    if (Status s = coversSpan(from, to); !s)
        return s.error();
    int count = 0;
    for (QDate day = from.addDays(1); day <= to; day = day.addDays(1)) {
        if (isWorkingDay(day))
            ++count;
    }
    return count;
}

QVector<CountedDay> WorkingDays::account(const QDate &from, const QDate &to) const
{
    QVector<CountedDay> days;
    if (!from.isValid() || !to.isValid())
        return days;
    int number = 0;
    for (QDate day = from.addDays(1); day <= to; day = day.addDays(1)) {
        CountedDay counted;
        counted.day = day;
        if (isWorkingDay(day, &counted.skippedBecause))
            counted.number = ++number;
        days.append(counted);
    }
    return days;
}

Result<Deadline> requestDeadline(const QDate &received, const QVector<Clarification> &clarifications,
                                 int extensionDays, const WorkingDays &calendar)
{
    if (!received.isValid())
        return Error(QStringLiteral("the day the request was received is not a valid date"), {}, 0,
                     kFieldReceived);
    if (extensionDays < 0 || extensionDays > kMaxExtensionDays)
        return Error(QStringLiteral("a public interest extension is 0 to %1 further working days, not %2")
                         .arg(kMaxExtensionDays)
                         .arg(extensionDays),
                     {}, 0, kFieldExtension);

    Deadline deadline;
    deadline.received = received;
    deadline.clarifications = clarifications;
    deadline.workingDays = kResponseWorkingDays + extensionDays;
    deadline.clockStart = received;
    for (const Clarification &round : clarifications) {
        if (!round.sought.isValid())
            return Error(QStringLiteral("the day clarification was sought is not a valid date"), {}, 0,
                         kFieldClarificationSought);
        if (!round.answered.isValid())
            return Error(QStringLiteral("the day the clarification was received is not a valid date"), {}, 0,
                         kFieldClarificationAnswered);
        if (round.sought < deadline.clockStart) {
            const QString since = deadline.clockStart == received
                                      ? QStringLiteral("the request was received on %1").arg(iso(received))
                                      : QStringLiteral("the previous clarification was received on %1")
                                            .arg(iso(deadline.clockStart));
            return Error(
                QStringLiteral("clarification sought on %1, before %2").arg(iso(round.sought), since), {}, 0,
                kFieldClarificationSought);
        }
        if (round.answered < round.sought)
            return Error(QStringLiteral("clarification received on %1, before it was sought on %2")
                             .arg(iso(round.answered), iso(round.sought)),
                         {}, 0, kFieldClarificationAnswered);
        // Clarification stops a clock that is still running, not one that has run out.
        Result<QDate> dueThen = calendar.addWorkingDays(deadline.clockStart, kResponseWorkingDays);
        if (!dueThen)
            return dueThen.error();
        if (round.sought > *dueThen)
            return Error(QStringLiteral("clarification sought on %1, after the request was due (%2): "
                                        "clarification must be sought within the %3 working days")
                             .arg(iso(round.sought), iso(*dueThen))
                             .arg(kResponseWorkingDays),
                         {}, 0, kFieldClarificationSought);
        Result<int> run = calendar.workingDaysBetween(deadline.clockStart, round.sought);
        if (!run)
            return run.error();
        deadline.daysRunWhenSought.append(*run);
        deadline.clockStart = round.answered;
    }
    Result<QDate> due = calendar.addWorkingDays(deadline.clockStart, deadline.workingDays);
    if (!due)
        return due.error();
    deadline.due = *due;
    return deadline;
}

Result<QDate> dueDay(const QDate &received, const QVector<Clarification> &clarifications, int extensionDays,
                     const WorkingDays &calendar)
{
    Result<Deadline> deadline = requestDeadline(received, clarifications, extensionDays, calendar);
    if (!deadline)
        return deadline.error();
    return deadline->due;
}

Result<QDate> internalReviewDue(const QDate &requested, int workingDays, const WorkingDays &calendar)
{
    if (!requested.isValid())
        return Error(QStringLiteral("the day the internal review was asked for is not a valid date"), {}, 0,
                     kFieldReceived);
    if (workingDays < kReviewWorkingDays || workingDays > kMaxReviewWorkingDays)
        return Error(QStringLiteral("an internal review takes %1 to %2 working days, not %3")
                         .arg(kReviewWorkingDays)
                         .arg(kMaxReviewWorkingDays)
                         .arg(workingDays),
                     {}, 0, kFieldReviewDays);
    return calendar.addWorkingDays(requested, workingDays);
}

QDate SystemClock::today() const
{
    return QDate::currentDate();
}

QDateTime SystemClock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

FixedClock::FixedClock(const QDate &day, const QTime &timeUtc)
    : m_today(day)
    , m_time(timeUtc)
{}

QDateTime FixedClock::nowUtc() const
{
    return QDateTime(m_today, m_time, Qt::UTC);
}

bool isOverdue(const QDate &due, const Clock &clock)
{
    return clock.today() > due;
}

Result<int> workingDaysLeft(const QDate &due, const Clock &clock, const WorkingDays &calendar)
{
    const QDate today = clock.today();
    if (!today.isValid())
        return Error(QStringLiteral("the clock gives no date"), {}, 0, kFieldToday);
    return calendar.workingDaysBetween(today, due);
}

} // namespace foi
