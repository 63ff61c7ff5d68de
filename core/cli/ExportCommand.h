#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

/// `foi-tables-cli export --register PATH --request FILE --output OUT.xlsx|.ods|.csv [--organisation NAME]
/// [--contact TEXT] [--response OUT.txt|.odt] [--no-record]`: counts and protects the request, writes the
/// release spreadsheet through the safety gate (core/export/SafetyGate.h) and records the release in the
/// register for the differencing check of later ones. The organisation and contact come from the options or
/// the settings (release/organisation, release/contact). Prints each file written with its SHA-256. Exit
/// status: 0 written, 4 the release does not pass its audit (nothing written), 1 usage, 2 failure.
int exportCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace foi::cli
