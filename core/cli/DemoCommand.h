#pragma once

#include <QStringList>

class QTextStream;

namespace foi::cli {

/// `foi-tables-cli demo --out DIR [--crimes N] [--seed S] [--xlsx] [--no-bad-rows]`: writes the demo
/// extracts (cms.csv, connect.csv, optionally connect.xlsx) and their ground truth into DIR, and lists
/// the files written. `args` excludes the program name and the word `demo`. Returns the exit status:
/// 0 when written, 1 on a usage error or a failure, with the reason on `err`.
int demoCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace foi::cli
