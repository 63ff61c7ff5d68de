#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

// The request register from the command line (docs/requests.md): the lists an FOI officer works from,
// adding, changing and showing a request, the disclosure log and the audit trail. `args` excludes the
// program name and the command's word. Exit status: 0 done, 1 usage (the message names the option and
// its value, and a change the request cannot take names the option that made it), 2 failed (the register,
// a file, a request changed by someone else since it was read): nothing was changed.

/// `requests --register PATH [--open|--all|--due-this-week|--due-within DAYS|--overdue|--responded]
/// [--format text|json] [--today DATE]`: a list of requests with their due days, as requestList() makes
/// it on today's date (or on DATE: what the list said that day).
int requestsCommand(const QStringList &args, QTextStream &out, QTextStream &err);

/// `request add|update|delete|show ...`: adds a request (printing its due day), changes one (with the
/// conveniences that move its status along), deletes one that has no release, or shows one with its
/// timing, clarifications and audit trail.
int requestCommand(const QStringList &args, QTextStream &out, QTextStream &err);

/// `disclosure-log --register PATH --output FILE.csv [--from DATE] [--to DATE]`: writes the disclosure log
/// (disclosureLogCsv()) in one go, so that a failure leaves any earlier file as it was, and records the
/// export in the audit trail with the file's SHA-256.
int disclosureLogCommand(const QStringList &args, QTextStream &out, QTextStream &err);

/// `audit --register PATH [--reference REF] [--format text|json]`: the audit trail, oldest first.
int auditCommand(const QStringList &args, QTextStream &out, QTextStream &err);

/// `bank-holidays --register PATH [--load FILE.json]`: the span of days the register's working days can
/// be counted over; --load keeps a newer gov.uk feed in the register for everyone (loadBankHolidays()).
int bankHolidaysCommand(const QStringList &args, QTextStream &out, QTextStream &err);
int minimumThresholdCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace foi::cli
