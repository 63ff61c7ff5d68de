#pragma once

#include "common/Result.h"
#include "reference/BankHolidays.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QVector>

// When an answer to a request is due, under the Freedom of Information Act 2000, s.10.
//
// The reading implemented here:
//
// - Working day (s.10(6)): any day but a Saturday, a Sunday, Christmas Day, Good Friday, or a day that is
//   a bank holiday in any part of the United Kingdom. A Scottish or a Northern Irish bank holiday stops
//   the count in England too. Christmas Day (25 December) and Good Friday (by the Gregorian Easter
//   computus) are computed for every year; the other holidays come from the gov.uk bank-holidays.json
//   feed (built in, and an officer can merge a newer download).
// - Counting: the day of receipt is day 0, whatever day it is (a Sunday, a bank holiday); the answer is
//   due on the 20th working day after it. Days are calendar days in the United Kingdom; the time of day
//   plays no part.
// - Clarification (s.1(3), s.10(6)(b)): when the authority asks the requester to clarify, the clock
//   stops; it does not resume where it stopped but restarts at day 0 on the day the answer arrives, so
//   the answer is due on the 20th working day after that day. With several rounds, the last answer sets
//   the day 0. A clarification must be sought on or after the day of receipt (or the previous answer),
//   and no later than the due day as it then stood: a request already overdue cannot be stopped (the ICO
//   expects clarification to be sought promptly, within the 20 working days). Its answer cannot come
//   before it was sought.
// - Public interest extension (s.10(3)): 0 to 20 further working days on top of the 20, counted from
//   the same day 0. More is an error, not a longer deadline.
// - Internal review (the s.45 code of practice): due 20 working days after the day the review was asked
//   for, extendable to 40 at most.
// - Reliability: beyond the last bank holiday in the data (BankHolidays::lastDay()), or before the first,
//   the holidays are unknown, so a count that reaches such a day is an error telling the officer to load
//   a newer https://www.gov.uk/bank-holidays.json, never a guess.
//
// Errors are values. Errors about an input name it in Error::field (the kField* names below), so that a
// caller can point at the option or the box that holds the wrong value.

namespace foi {

/// The names in Error::field of the inputs a deadline error is about.
inline const QString kFieldReceived = QStringLiteral("received");
inline const QString kFieldClarificationSought = QStringLiteral("clarification sought");
inline const QString kFieldClarificationAnswered = QStringLiteral("clarification received");
inline const QString kFieldExtension = QStringLiteral("extension");
inline const QString kFieldReviewDays = QStringLiteral("review days");
inline const QString kFieldToday = QStringLiteral("today");

/// The name gov.uk gives a division, for people: "England and Wales", "Scotland", "Northern Ireland".
QString divisionName(Division division);

/// One day after the day 0 of a count, as --explain shows it.
struct CountedDay
{
    QDate day;
    int number = 0;         ///< the working day's number (1, 2, ...); 0 when the day is skipped
    QString skippedBecause; ///< why it is not a working day; empty for a working day
};

/// Working days in the sense of FOIA s.10(6), over the UK bank holidays of all three divisions.
/// A value type: it holds its own (implicitly shared) copy of the holidays.
class WorkingDays final
{
public:
    explicit WorkingDays(const BankHolidays &holidays = BankHolidays::builtIn());

    /// Over the built-in holidays; safe to call from any thread.
    static const WorkingDays &builtIn();

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian computus); Good Friday is two days
    /// before. Invalid for years before 1583.
    static QDate easterSunday(int year);
    static QDate goodFriday(int year);

    /// Whether the day is a working day; when it is not and whyNot is given, says why: "Saturday",
    /// "Sunday" (with " (Christmas Day)" when 25 December falls on it), "Christmas Day", "Good Friday", or
    /// the holidays' titles with their divisions ("2nd January (Scotland)"). Outside the span of
    /// covers() only the weekends, Christmas Day and Good Friday are known: check covers() first where
    /// the answer matters.
    bool isWorkingDay(const QDate &day, QString *whyNot = nullptr) const;

    /// Ok when the bank-holiday data covers the day (from its first holiday to its last, inclusive);
    /// otherwise an error saying to load a newer gov.uk bank-holidays.json.
    Status covers(const QDate &day) const;

    /// The nth working day after `from` (day 0, whatever it is); `from` itself when n is 0. An error for
    /// an invalid day, a negative n, or a count that goes outside the data's span.
    Result<QDate> addWorkingDays(const QDate &from, int n) const;

    /// The working days after `from` up to and including `to` (received 7 February 2018, answered
    /// 1 March 2018: 16); negative, counted the same way from `to`, when `to` is before `from`.
    Result<int> workingDaysBetween(const QDate &from, const QDate &to) const;

    /// Every day after `from` up to and including `to`, numbered or with the reason it is skipped.
    QVector<CountedDay> account(const QDate &from, const QDate &to) const;

    /// Merges a newer download of https://www.gov.uk/bank-holidays.json (a file, or a ":/" resource) into
    /// the holidays, extending the span; the holidays already known stay. An error names the file (and
    /// the JSON path of a bad entry); then nothing is merged.
    Status mergeFeed(const QString &path);
    /// Merges holidays already read (a feed kept in the register).
    void merge(const BankHolidays &holidays) { m_holidays.merge(holidays); }

    const BankHolidays &holidays() const { return m_holidays; }

private:
    /// covers() for every day after `from` up to and including `to`.
    Status coversSpan(const QDate &from, const QDate &to) const;

    BankHolidays m_holidays;
};

/// A round of clarification: the day the authority asked, and the day the requester's answer arrived.
struct Clarification
{
    QDate sought;
    QDate answered;
};

/// The statutory working days for an answer, the most a public interest extension adds, and the days
/// for an internal review (normal and most).
constexpr int kResponseWorkingDays = 20;
constexpr int kMaxExtensionDays = 20;
constexpr int kReviewWorkingDays = 20;
constexpr int kMaxReviewWorkingDays = 40;

/// How a request's due day was reached.
struct Deadline
{
    QDate received;
    QVector<Clarification> clarifications;
    QVector<int> daysRunWhenSought;         ///< for each clarification, the working days the clock had run
    QDate clockStart;                       ///< day 0: the day of receipt, or the last clarification's answer
    int workingDays = kResponseWorkingDays; ///< 20 plus the extension
    QDate due;
};

/// The deadline of a request received on `received`, after the clarifications (in order, possibly
/// none), with a public interest extension of `extensionDays` (0 to 20). See the reading above.
Result<Deadline> requestDeadline(const QDate &received, const QVector<Clarification> &clarifications = {},
                                 int extensionDays = 0, const WorkingDays &calendar = WorkingDays::builtIn());

/// requestDeadline()'s due day.
Result<QDate> dueDay(const QDate &received, const QVector<Clarification> &clarifications = {},
                     int extensionDays = 0, const WorkingDays &calendar = WorkingDays::builtIn());

/// The day an internal review asked for on `requested` is due: `workingDays` (20 to 40) after it.
Result<QDate> internalReviewDue(const QDate &requested, int workingDays = kReviewWorkingDays,
                                const WorkingDays &calendar = WorkingDays::builtIn());

/// Where "today" comes from, so that every rule that depends on it can be tested on a chosen day.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Today's date in the local (UK) calendar.
    virtual QDate today() const = 0;
    virtual QDateTime nowUtc() const = 0;
};

/// The computer's clock.
class SystemClock final : public Clock
{
public:
    QDate today() const override;
    QDateTime nowUtc() const override;

    static const SystemClock &instance();
};

/// A clock that says what it is told (tests; "what was overdue on that day").
class FixedClock final : public Clock
{
public:
    /// Today is `day`; now is `timeUtc` on that day, in UTC.
    explicit FixedClock(const QDate &day, const QTime &timeUtc = QTime(12, 0));

    QDate today() const override { return m_today; }
    QDateTime nowUtc() const override;

    void setToday(const QDate &day) { m_today = day; }
    void advanceDays(int days) { m_today = m_today.addDays(days); }

private:
    QDate m_today;
    QTime m_time;
};

/// Whether the due day has passed (answering on the due day is in time).
bool isOverdue(const QDate &due, const Clock &clock);

/// Working days from today to the due day: 0 on the due day, negative once it has passed (-1 the next
/// working day). An error when the count goes outside the bank-holiday data.
Result<int> workingDaysLeft(const QDate &due, const Clock &clock,
                            const WorkingDays &calendar = WorkingDays::builtIn());

} // namespace foi
