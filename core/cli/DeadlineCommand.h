#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

/// `foi-tables-cli deadline --received DATE [--clarification-sought DATE --clarification-received DATE]...
/// [--extension DAYS] [--internal-review] [--bank-holidays FILE.json]... [--explain]`: prints the day the
/// answer to a request received on DATE is due (FOIA s.10, as requests/Deadlines.h reads it), in ISO form
/// (yyyy-MM-dd) on a line of its own. Each clarification is a pair of options, in order; --extension adds
/// 0 to 20 working days (a public interest extension, or the longer internal review); --internal-review
/// makes DATE the day an internal review was asked for; --bank-holidays merges a newer gov.uk feed;
/// --explain then lists each day counted or skipped, and why. `args` excludes the program name and the
/// word `deadline`. Exit status: 0 done, 1 usage (the message names the option and its value), 2 when the
/// bank holidays cannot tell the day (a newer feed is needed) or a feed cannot be read.
int deadlineCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace foi::cli
