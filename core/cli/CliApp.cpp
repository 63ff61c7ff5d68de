#include "CliApp.h"

#include "cli/CommandSupport.h"
#include "cli/DeadlineCommand.h"
#include "cli/DemoCommand.h"
#include "cli/ExportCommand.h"
#include "cli/PasswordPrompt.h"
#include "cli/RequestCommands.h"
#include "cli/TabulateCommand.h"
#include "common/Application.h"
#include "demo/DemoRegister.h"
#include "import/Importer.h"
#include "import/SourceProfile.h"
#include "merge/Merger.h"
#include "register/Register.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace foi::cli {

namespace {

const char *const kUsage = R"(usage: foi-tables-cli COMMAND [OPTIONS]

Commands:
  import --register PATH --profile NAME|FILE [--progress] [--no-merge] EXTRACT...
        Import extracts into a register (created if missing) and merge it. All the files are
        imported together or not at all. --no-merge leaves the merge to a later merge command
        (nothing can be counted until then).
  merge-report --register PATH [--format text|json]
        What the register holds: rows, crimes and persons per system, migrated crimes, conflicts
        and rejected rows.
  merge --register PATH
        Merge the register again (import does this itself).
  profiles
        List the built-in source profiles.
  check-profile FILE
        Check a source profile file and say what is wrong with it, if anything.
  tabulate --register PATH --request FILE [--format json|csv|text] [--unprotected] [--record]
        Count a request over the register and protect it: the tables as they would be released,
        the audit of every withheld cell, warnings and the response's paragraphs. Exit status 4
        when the release does not pass its audit. --unprotected adds the true counts (never
        release that); --record keeps the release for the differencing check of later ones.
  export --register PATH --request FILE --output OUT.xlsx|.ods|.csv [--output OUT2 ...]
         [--organisation NAME] [--contact TEXT] [--response OUT.txt|.odt|.docx]
         [--letter-template FILE.txt] [--mark-responded [--outcome TEXT]] [--no-record]
        Write the release spreadsheet (a cover sheet, contents, notes and a sheet per table; CSV:
        a file per table; --output once for each format), checked by the safety gate before it is
        put in place, and record the release with the SHA-256 of every file. The organisation and contact come from the options
        or the settings. --response writes the letter too (REQUEST, RESPONSE), in the force's
        letter template if one is given. --mark-responded marks the register's request of the
        same reference responded, with the release.
  deadline --received DATE [--clarification-sought DATE --clarification-received DATE]
           [--extension DAYS] [--internal-review] [--bank-holidays FILE.json] [--explain]
        The day the answer to a request received on DATE is due (FOIA s.10: 20 working days), in
        ISO form. Clarification stops the clock, which restarts at day 0 when the answer arrives;
        --extension adds up to 20 working days; --internal-review gives a review's due day instead.
  requests --register PATH [--open|--all|--due-this-week|--due-within DAYS|--overdue|--responded]
           [--format text|json] [--today DATE]
        The requests in the register with their due days and the working days left (or taken), as
        the list stood on DATE (default today). The default list is the open requests.
  request add --register PATH --reference REF --received DATE --title TEXT [--words TEXT]
              [--words-file FILE] [--officer NAME] [--request-file FILE.json] [--notes TEXT]
        Add a request to the register and print its due day.
  request update --register PATH --reference REF [--status KEY] [--clarification-sought DATE]
                 [--clarification-received DATE] [--extension DAYS] [--responded DATE]
                 [--outcome TEXT] [--review-requested DATE] [--review-days N]
                 [--review-completed DATE] [--officer NAME] [--title TEXT] [--notes TEXT]
                 [--request-file FILE.json] [--expect-version N]
        Change a request; the dates move its status along unless --status is given.
  request delete --register PATH --reference REF [--expect-version N]
        Delete a request logged by mistake; one with a release recorded is kept.
  request show --register PATH --reference REF [--format text|json] [--today DATE]
        A request, its due day, its clarifications and its audit trail.
  disclosure-log --register PATH --output FILE.csv [--from DATE] [--to DATE]
        Write the disclosure log: a line per request responded to, with the files released.
  audit --register PATH [--reference REF] [--format text|json]
        The audit trail: imports, merges, releases, exported files and changes to requests.
  bank-holidays --register PATH [--load FILE.json]
        The days over which working days can be counted; --load keeps a newer download of
        https://www.gov.uk/bank-holidays.json in the register, for everyone who uses it.
  minimum-threshold --register PATH [--set N --reason TEXT]
        The force's floor under the threshold (3 until set): no release with a lower threshold
        passes its audit; a threshold under 5 needs the request's threshold_reason.
  demo --out DIR [--crimes N] [--seed S] [--xlsx] [--no-bad-rows]
        Write made-up CMS and CONNECT extracts with their ground truth.
  demo-register --register PATH [--crimes N] [--seed S]
        Make a register from made-up extracts (what the application opens on first run).

A register is a file, or a team register's address: postgresql://user@host:port/database
(the password from ~/.pgpass, or asked for on the terminal).

Options for every command: --help, --version.
)";

class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err, bool errIsTerminal)
        : m_out(out)
        , m_err(err)
        , m_terminal(errIsTerminal)
    {}

    int run(const QStringList &arguments)
    {
        if (arguments.size() < 2) {
            m_err << kUsage;
            return Usage;
        }
        const QString command = arguments.at(1);
        const QStringList rest = arguments.mid(2);
        if (command == QStringLiteral("--version") || command == QStringLiteral("version")) {
            m_out << "foi-tables-cli " << application::version() << '\n';
            return Ok;
        }
        if (command == QStringLiteral("--help") || command == QStringLiteral("-h") ||
            command == QStringLiteral("help")) {
            m_out << kUsage;
            return Ok;
        }
        if (command == QStringLiteral("import"))
            return import(rest);
        if (command == QStringLiteral("merge-report"))
            return mergeReport(rest);
        if (command == QStringLiteral("merge"))
            return merge(rest);
        if (command == QStringLiteral("profiles"))
            return profiles();
        if (command == QStringLiteral("check-profile"))
            return checkProfile(rest);
        if (command == QStringLiteral("tabulate"))
            return tabulateCommand(rest, m_out, m_err);
        if (command == QStringLiteral("export"))
            return exportCommand(rest, m_out, m_err);
        if (command == QStringLiteral("deadline"))
            return deadlineCommand(rest, m_out, m_err);
        if (command == QStringLiteral("requests"))
            return requestsCommand(rest, m_out, m_err);
        if (command == QStringLiteral("request"))
            return requestCommand(rest, m_out, m_err);
        if (command == QStringLiteral("disclosure-log"))
            return disclosureLogCommand(rest, m_out, m_err);
        if (command == QStringLiteral("audit"))
            return auditCommand(rest, m_out, m_err);
        if (command == QStringLiteral("bank-holidays"))
            return bankHolidaysCommand(rest, m_out, m_err);
        if (command == QStringLiteral("minimum-threshold"))
            return minimumThresholdCommand(rest, m_out, m_err);
        if (command == QStringLiteral("demo"))
            return demoCommand(rest, m_out, m_err);
        if (command == QStringLiteral("demo-register"))
            return demoRegister(rest);
        m_err << "foi-tables-cli: unknown command '" << command << "'\n" << kUsage;
        return Usage;
    }

private:
    /// Parses a command's options; prints help or a usage error. Returns false when the caller should stop.
    bool parse(QCommandLineParser &parser, const QString &command, const QStringList &args, int *exit)
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOption({QStringLiteral("help"), QStringLiteral("Show this help.")});
        if (!parser.parse(QStringList{QStringLiteral("foi-tables-cli ") + command} + args)) {
            m_err << "foi-tables-cli " << command << ": " << parser.errorText() << '\n';
            *exit = Usage;
            return false;
        }
        // An option given twice would silently lose its first value.
        if (Status s = refuseRepeatedOptions(parser); !s) {
            m_err << "foi-tables-cli " << command << ": " << s.error().message << '\n';
            *exit = Usage;
            return false;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            m_out << parser.helpText();
            *exit = Ok;
            return false;
        }
        return true;
    }

    int fail(const Error &e)
    {
        m_err << "foi-tables-cli: " << e.toString() << '\n';
        return Failed;
    }

    Result<std::unique_ptr<Register>> openRegister(const QCommandLineParser &parser, bool create)
    {
        const QString path = parser.value(QStringLiteral("register"));
        if (path.isEmpty())
            return Error(QStringLiteral("--register PATH is required: the register file to use"));
        Register::OpenOptions options;
        options.createIfMissing = create;
        return openRegisterAsking(path, options);
    }

    int import(const QStringList &args)
    {
        QCommandLineParser parser;
        parser.addOption({QStringLiteral("register"),
                          QStringLiteral("The register file (created if missing)."), QStringLiteral("PATH")});
        parser.addOption({QStringLiteral("profile"),
                          QStringLiteral("A built-in source profile (cms, connect) or a profile file."),
                          QStringLiteral("NAME|FILE")});
        parser.addOption(
            {QStringLiteral("progress"), QStringLiteral("Report progress on stderr even when it is "
                                                        "not a terminal.")});
        parser.addOption(
            {QStringLiteral("no-merge"),
             QStringLiteral("Store the rows without merging; merge later with the merge command.")});
        parser.addPositionalArgument(QStringLiteral("EXTRACT"), QStringLiteral("Extract files to import."),
                                     QStringLiteral("EXTRACT..."));
        int exit = Ok;
        if (!parse(parser, QStringLiteral("import"), args, &exit))
            return exit;
        if (!parser.isSet(QStringLiteral("profile"))) {
            m_err << "foi-tables-cli import: --profile NAME|FILE is required (built in: "
                  << SourceProfile::builtInNames().join(QStringLiteral(", ")) << ")\n";
            return Usage;
        }
        if (parser.positionalArguments().isEmpty()) {
            m_err << "foi-tables-cli import: name at least one extract file to import\n";
            return Usage;
        }
        Result<SourceProfile> profile = SourceProfile::load(parser.value(QStringLiteral("profile")));
        if (!profile)
            return fail(profile.error());
        Result<std::unique_ptr<Register>> reg = openRegister(parser, true);
        if (!reg)
            return fail(reg.error());
        QVector<ImportItem> items;
        for (const QString &path : parser.positionalArguments())
            items << ImportItem{*profile, path};

        const bool showProgress = m_terminal || parser.isSet(QStringLiteral("progress"));
        const bool overwrite = m_terminal && !parser.isSet(QStringLiteral("progress"));
        QString lastShown;
        auto progress = [&](const ImportProgress &p) {
            if (!showProgress)
                return;
            const int percent = p.bytesTotal > 0 ? static_cast<int>(100 * p.bytesDone / p.bytesTotal) : 0;
            // A line when the percentage, the stage or the file changes, not for every batch of rows.
            const QString shown =
                QStringLiteral("%1 %2 %3 %4").arg(p.stage).arg(p.fileIndex).arg(percent).arg(p.fileName);
            if (shown == lastShown)
                return;
            lastShown = shown;
            QString line;
            if (p.stage == QStringLiteral("reading"))
                line = QStringLiteral("importing %1 (%2 of %3): %4 rows, %5%")
                           .arg(p.fileName)
                           .arg(p.fileIndex + 1)
                           .arg(p.fileCount)
                           .arg(p.rows)
                           .arg(percent);
            else
                line = QStringLiteral("%1 %2").arg(p.stage, p.fileName);
            if (overwrite)
                m_err << "\r\033[K" << line;
            else
                m_err << line << '\n';
            m_err.flush();
        };
        const bool merge = !parser.isSet(QStringLiteral("no-merge"));
        Result<ImportSummary> summary = Importer::run(**reg, items, progress, nullptr, merge);
        if (overwrite)
            m_err << "\r\033[K";
        if (!summary)
            return fail(summary.error());
        for (const ImportBatch &b : summary->batches) {
            m_out << "imported " << b.fileName << " (" << b.system << "): " << b.rowsRead << " rows read, "
                  << b.rowsKept << " kept, " << b.rowsRejected << " rejected";
            if (b.rowsSkipped)
                m_out << ", " << b.rowsSkipped << " skipped";
            m_out << '\n';
        }
        const MergeReport &r = summary->report;
        if (!merge)
            m_out << "register " << (*reg)->location()
                  << ": not merged yet; merge it before counting (foi-tables-cli merge --register "
                  << (*reg)->location() << ")\n";
        else
            m_out << "register " << (*reg)->location() << ": " << r.crimes << " crimes, " << r.links
                  << " links, " << r.persons << " persons after the merge; " << r.migratedMatched
                  << " migrated crimes counted once\n";
        if (summary->rowsRejected > 0) {
            m_err << "foi-tables-cli: " << summary->rowsRejected
                  << " rows were rejected and are not counted; see them with: foi-tables-cli merge-report "
                     "--register "
                  << (*reg)->location() << '\n';
            return RowsRejected;
        }
        return Ok;
    }

    int mergeReport(const QStringList &args)
    {
        QCommandLineParser parser;
        parser.addOption(
            {QStringLiteral("register"), QStringLiteral("The register file."), QStringLiteral("PATH")});
        parser.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."),
                          QStringLiteral("FORMAT"), QStringLiteral("text")});
        int exit = Ok;
        if (!parse(parser, QStringLiteral("merge-report"), args, &exit))
            return exit;
        const QString format = parser.value(QStringLiteral("format"));
        if (format != QStringLiteral("text") && format != QStringLiteral("json")) {
            m_err << "foi-tables-cli merge-report: --format must be text or json, not '" << format << "'\n";
            return Usage;
        }
        Result<std::unique_ptr<Register>> reg = openRegister(parser, false);
        if (!reg)
            return fail(reg.error());
        Result<bool> stale = (*reg)->mergeIsStale();
        if (!stale)
            return fail(stale.error());
        if (*stale) {
            if (int code = mergeInto(**reg); code != Ok)
                return code;
        }
        Result<MergeReport> report = (*reg)->mergeReport();
        if (!report)
            return fail(report.error());
        if (format == QStringLiteral("json"))
            m_out << QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented));
        else
            m_out << report->toText();
        return Ok;
    }

    int mergeInto(Register &reg, MergeReport *merged = nullptr)
    {
        if (Status s = reg.beginTransaction(); !s)
            return fail(s.error());
        Result<MergeReport> report = Merger::run(reg);
        if (!report) {
            reg.rollback();
            return fail(report.error());
        }
        if (Status s = reg.commit(); !s)
            return fail(s.error());
        if (merged)
            *merged = std::move(*report);
        return Ok;
    }

    int merge(const QStringList &args)
    {
        QCommandLineParser parser;
        parser.addOption(
            {QStringLiteral("register"), QStringLiteral("The register file."), QStringLiteral("PATH")});
        int exit = Ok;
        if (!parse(parser, QStringLiteral("merge"), args, &exit))
            return exit;
        Result<std::unique_ptr<Register>> reg = openRegister(parser, false);
        if (!reg)
            return fail(reg.error());
        MergeReport report;
        if (int code = mergeInto(**reg, &report); code != Ok)
            return code;
        m_out << "merged: " << report.crimes << " crimes, " << report.links << " links, " << report.persons
              << " persons\n";
        return Ok;
    }

    int profiles()
    {
        for (const QString &name : SourceProfile::builtInNames()) {
            Result<SourceProfile> p = SourceProfile::load(name);
            if (!p)
                return fail(p.error());
            m_out << name << "\t" << p->title << " (" << systemRoleName(p->system.role) << " system '"
                  << p->system.name << "')\n";
        }
        return Ok;
    }

    int checkProfile(const QStringList &args)
    {
        if (args.size() != 1 || args.first().startsWith(QLatin1Char('-'))) {
            m_err << "usage: foi-tables-cli check-profile FILE\n";
            return args.contains(QStringLiteral("--help")) ? Ok : Usage;
        }
        Result<SourceProfile> p = SourceProfile::load(args.first());
        if (!p)
            return fail(p.error());
        m_out << args.first() << ": profile '" << p->name << "' for " << systemRoleName(p->system.role)
              << " system '" << p->system.name << "' is valid; it reads the columns:";
        for (const SourceProfile::Column *c : p->columns())
            m_out << ' ' << c->column;
        m_out << '\n';
        return Ok;
    }

    int demoRegister(const QStringList &args)
    {
        QCommandLineParser parser;
        parser.addOption({QStringLiteral("register"), QStringLiteral("The register file to create."),
                          QStringLiteral("PATH")});
        parser.addOption({QStringLiteral("crimes"),
                          QStringLiteral("Crimes in the made-up world (default 20000)."), QStringLiteral("N"),
                          QStringLiteral("20000")});
        parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                          QStringLiteral("S"), QStringLiteral("1")});
        int exit = Ok;
        if (!parse(parser, QStringLiteral("demo-register"), args, &exit))
            return exit;
        const QString path = parser.value(QStringLiteral("register"));
        if (path.isEmpty()) {
            m_err << "foi-tables-cli demo-register: --register PATH is required\n";
            return Usage;
        }
        bool okCrimes = false, okSeed = false;
        DemoOptions options;
        options.crimes = parser.value(QStringLiteral("crimes")).toLongLong(&okCrimes);
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&okSeed);
        if (!okCrimes || options.crimes < 1 || !okSeed) {
            m_err << "foi-tables-cli demo-register: --crimes and --seed take whole numbers (crimes at least "
                     "1)\n";
            return Usage;
        }
        Result<ImportSummary> summary = buildDemoRegister(path, options);
        if (!summary)
            return fail(summary.error());
        m_out << "demo register " << path << ": " << summary->report.crimes << " crimes, "
              << summary->report.links << " links, " << summary->rowsRejected
              << " rows rejected on purpose\n";
        return Ok;
    }

    QTextStream &m_out;
    QTextStream &m_err;
    bool m_terminal;
};

} // namespace

int run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return run(arguments, out, err, isatty(STDERR_FILENO) == 1);
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err, bool errIsTerminal)
{
    return Cli(out, err, errIsTerminal).run(arguments);
}

} // namespace foi::cli
