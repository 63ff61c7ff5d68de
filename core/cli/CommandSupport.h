#pragma once

#include "common/Result.h"
#include "count/Request.h"
#include "protect/Release.h"
#include "register/Register.h"

#include <QDate>

#include <memory>

class QCommandLineParser;

namespace foi::cli {

/// Exit statuses, documented in docs/command-line.md.
enum Exit
{
    Ok = 0,
    Usage = 1,
    Failed = 2,
    RowsRejected = 3, ///< import: some rows were kept out
    DoesNotPass = 4,  ///< tabulate, export: the release does not pass its audit
};

/// An option given more than once, where the second would silently win: refused, naming it ("--format is
/// given 2 times: give it once"). `repeatable` names the options that may be given again (export's
/// --output, deadline's --clarification-sought), without their dashes.
Status refuseRepeatedOptions(const QCommandLineParser &parser, const QStringList &repeatable = {});

/// The options of a command that counts a request: --help, --register PATH, --request FILE.
void addRequestOptions(QCommandLineParser &parser);

/// The day an option gives, written YYYY-MM-DD, and a real day; otherwise an error naming the option and
/// the value ("--received '2018-02-30' is not a date: write it YYYY-MM-DD, as 2018-02-07"). `option` is
/// the option's name without its dashes.
Result<QDate> parseIsoDate(const QString &option, const QString &value);

/// A request counted and protected over an existing register, which stays open for the command.
struct Tabulated
{
    Request request;
    std::unique_ptr<Register> reg;
    Release release;
};
Result<Tabulated> tabulateRequest(const QString &registerPath, const QString &requestPath);

} // namespace foi::cli
