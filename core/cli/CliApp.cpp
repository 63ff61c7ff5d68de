#include "CliApp.h"

#include "cli/DemoCommand.h"
#include "common/Application.h"

#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace foi::cli {

int run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return run(arguments, out, err, isatty(STDERR_FILENO) == 1);
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err, bool errIsTerminal)
{
    Q_UNUSED(errIsTerminal);
    if (arguments.size() > 1 && arguments.at(1) == QStringLiteral("--version")) {
        out << "foi-tables-cli " << application::version() << '\n';
        return 0;
    }
    if (arguments.size() > 1 && arguments.at(1) == QStringLiteral("demo"))
        return demoCommand(arguments.mid(2), out, err);
    err << "usage: foi-tables-cli --version\n"
           "       foi-tables-cli demo --out DIR [--crimes N] [--seed S] [--xlsx] [--no-bad-rows]\n";
    return 1;
}

} // namespace foi::cli
