#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

/// `foi-tables-cli tabulate --register PATH --request FILE [--format json|csv|text] [--unprotected]
/// [--record]`: counts and protects the request over the register and prints the release
/// (request-format.md). `--unprotected` adds the true counts, for the officer's eyes only; `--record`
/// keeps the release in the register for the differencing check of later ones. Exit status: 0 when the
/// release passes its audit, 4 when it does not (the output says why), 1 usage, 2 failure.
int tabulateCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace foi::cli
