#include "cli/DemoCommand.h"

#include "demo/DemoGenerator.h"

#include <QDir>
#include <QTextStream>

namespace foi::cli {

namespace {

const char *const kUsage =
    "usage: foi-tables-cli demo --out DIR [--crimes N] [--seed S] [--xlsx] [--no-bad-rows]\n"
    "  --out DIR       folder to write cms.csv, connect.csv and the ground truth into (created if missing)\n"
    "  --crimes N      crimes in the made-up force, 1 to 50000000 (default 1000)\n"
    "  --seed S        the same seed always gives the same files (default 1)\n"
    "  --xlsx          also write the CONNECT extract as connect.xlsx\n"
    "  --no-bad-rows   leave out the rows the import must reject\n";

int usageError(QTextStream &err, const QString &message)
{
    err << "foi-tables-cli demo: " << message << '\n' << kUsage;
    err.flush();
    return 1;
}

} // namespace

int demoCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    DemoOptions options;
    QString outDir;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('='));
            name.startsWith(QLatin1String("--")) && eq > 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        const auto takeValue = [&]() -> bool {
            if (hasValue)
                return true;
            if (i + 1 >= args.size())
                return false;
            value = args.at(++i);
            return true;
        };

        if (name == QLatin1String("--help") || name == QLatin1String("-h")) {
            out << kUsage;
            out.flush();
            return 0;
        }
        if (name == QLatin1String("--xlsx") || name == QLatin1String("--no-bad-rows")) {
            if (hasValue)
                return usageError(err, QStringLiteral("option %1 takes no value").arg(name));
            if (name == QLatin1String("--xlsx"))
                options.connectXlsx = true;
            else
                options.badRows = false;
        } else if (name == QLatin1String("--out")) {
            if (!takeValue() || value.isEmpty())
                return usageError(err, QStringLiteral("option --out needs a folder"));
            outDir = value;
        } else if (name == QLatin1String("--crimes")) {
            bool ok = false;
            const qint64 crimes = takeValue() ? value.toLongLong(&ok) : 0;
            if (!ok || crimes < 1 || crimes > 50'000'000)
                return usageError(err,
                                  QStringLiteral("option --crimes needs a whole number from 1 to 50000000, "
                                                 "not '%1'")
                                      .arg(value));
            options.crimes = crimes;
        } else if (name == QLatin1String("--seed")) {
            bool ok = false;
            const quint64 seed = takeValue() ? value.toULongLong(&ok) : 0;
            if (!ok)
                return usageError(err,
                                  QStringLiteral("option --seed needs a whole number, not '%1'").arg(value));
            options.seed = seed;
        } else {
            return usageError(err, QStringLiteral("unknown option '%1'").arg(args.at(i)));
        }
    }
    if (outDir.isEmpty())
        return usageError(err, QStringLiteral("option --out is required"));

    const Result<DemoFiles> files = generateDemo(outDir, options);
    if (!files) {
        err << "foi-tables-cli demo: " << files.error().toString() << '\n';
        err.flush();
        return 1;
    }
    for (const QString &path : {files->cmsCsv, files->connectCsv, files->connectXlsx, files->groundTruth,
                                files->groundTruthLinks}) {
        if (!path.isEmpty())
            out << QDir::toNativeSeparators(path) << '\n';
    }
    out.flush();
    return 0;
}

} // namespace foi::cli
