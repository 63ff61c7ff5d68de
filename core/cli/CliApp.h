#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

/// Runs foi-tables-cli with its arguments (the program name first) and returns the exit status.
/// Output goes to standard output and error; the overload writes to the given streams (tests).
int run(const QStringList &arguments);
int run(const QStringList &arguments, QTextStream &out, QTextStream &err, bool errIsTerminal);

} // namespace foi::cli
