#pragma once

#include "register/Register.h"
#include "requests/Deadlines.h"
#include "requests/FoiRequest.h"

#include <QByteArray>
#include <QVector>

namespace foi {

/// A request with where it stands against the clock, as the lists show it.
struct RequestRow
{
    FoiRequestRecord request;
    RequestTiming timing;
};

/// The working days a register's requests are counted by: the built-in bank holidays, and the newer
/// gov.uk feed an officer loaded into the register (loadBankHolidays).
Result<WorkingDays> registerCalendar(Register &reg);

/// Loads a newer download of https://www.gov.uk/bank-holidays.json into the register for everyone who
/// uses it, in place of the one loaded before (the built-in holidays always stay). The file is checked
/// first; an error names it (and the JSON path of a bad entry) and changes nothing. Returns the
/// calendar the register now counts by.
Result<WorkingDays> loadBankHolidays(Register &reg, const QString &path, const QString &officer);

/// The lists an FOI officer works from.
enum class RequestList
{
    All,         ///< every request, by due day
    Open,        ///< not yet responded or closed (internal reviews included), by due day
    DueThisWeek, ///< open, not overdue, due by the Sunday that ends this week
    DueWithin,   ///< open, not overdue, due within a number of working days
    Overdue,     ///< open and past the day it was due
    Responded,   ///< responded (or closed after a response), with the working days each took
};

/// Every request with its timing on the clock's day, in the order of the list: by the day that counts
/// (the review's during an internal review, else the request's), then reference; requests whose clock is
/// stopped, or whose day cannot be counted, after the dated ones. withinWorkingDays is for DueWithin.
/// Requests received after the clock's day are in no list (the lists as they stood on an earlier day).
QVector<RequestRow> requestList(const QVector<FoiRequestRecord> &requests, RequestList list,
                                const Clock &clock, int withinWorkingDays = 5,
                                const WorkingDays &calendar = WorkingDays::builtIn());

/// The day a row is sorted and listed by: the review's due day during an internal review, else the due day.
QDate listedDue(const RequestRow &row);

/// Whether the disclosure log lists a request: responded to, between from and to (either may be invalid:
/// no limit on that side).
bool inDisclosureLog(const FoiRequestRecord &request, const QDate &from = QDate(), const QDate &to = QDate());

/// The disclosure log, as a CSV file to publish (UTF-8 with a byte order mark, CRLF): a line per request
/// responded to (between from and to, when given), oldest first: reference, received, responded, title,
/// outcome, and the files released for it (from the register's release records). A field a spreadsheet
/// would take for a formula is written with a leading apostrophe.
QByteArray disclosureLogCsv(const QVector<FoiRequestRecord> &requests, const QVector<ReleaseRecord> &releases,
                            const QDate &from = QDate(), const QDate &to = QDate());

/// A disclosure log written to a file.
struct DisclosureLogWritten
{
    QString path;
    qsizetype requests = 0; ///< the requests it lists (the lines after the header)
    qint64 bytes = 0;
    QString sha256;
};

/// Writes the register's disclosure log (disclosureLogCsv()) to `path` in one go, so that a failure
/// leaves any earlier file as it was, and records it in the audit trail with its SHA-256. An error names
/// the file.
Result<DisclosureLogWritten> writeDisclosureLog(Register &reg, const QString &path, const QString &officer,
                                                const QDate &from = QDate(), const QDate &to = QDate(),
                                                const QDateTime &at = QDateTime::currentDateTimeUtc());

} // namespace foi
