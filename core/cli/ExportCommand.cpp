#include "cli/ExportCommand.h"

#include "cli/CommandSupport.h"
#include "common/Application.h"
#include "export/Exporter.h"
#include "export/Publish.h"
#include "export/ResponseText.h"
#include "export/SafetyGate.h"
#include "protect/Release.h"
#include "register/Register.h"
#include "requests/FoiRequest.h"
#include "workflow/DeskSettings.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTextStream>

namespace foi::cli {

int exportCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    addRequestOptions(parser);
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("The spreadsheet to write: .xlsx, .ods, or .csv (a file per table). "
                                     "Give it once for each format to send."),
                      QStringLiteral("OUT")});
    parser.addOption({QStringLiteral("organisation"),
                      QStringLiteral("The force, as the spreadsheet names it (default: the settings)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("contact"),
                      QStringLiteral("How to contact the FOI unit (default: the settings)."),
                      QStringLiteral("TEXT")});
    parser.addOption(
        {QStringLiteral("response"),
         QStringLiteral("Also write the response letter (REQUEST, RESPONSE): .txt, .odt or .docx."),
         QStringLiteral("OUT.txt|OUT.odt|OUT.docx")});
    parser.addOption({QStringLiteral("letter-template"),
                      QStringLiteral("The force's letter, plain text with {{placeholders}}, to write the "
                                     "response into (default: the settings, else the built-in letter)."),
                      QStringLiteral("FILE.txt")});
    parser.addOption({QStringLiteral("mark-responded"),
                      QStringLiteral("Mark the request of the same reference in the register as responded "
                                     "today, with the release.")});
    parser.addOption({QStringLiteral("outcome"),
                      QStringLiteral("With --mark-responded: the outcome for the disclosure log (default: "
                                     "provided in part when a cell is withheld, else in full)."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("no-record"),
                      QStringLiteral("Do not record the release in the register (a trial export).")});
    if (!parser.parse(QStringList{QStringLiteral("foi-tables-cli export")} + args)) {
        err << "foi-tables-cli export: " << parser.errorText() << '\n';
        return Usage;
    }
    // --output once per format; any other option given twice would have its first value silently lost.
    if (Status s = refuseRepeatedOptions(parser, {QStringLiteral("output")}); !s) {
        err << "foi-tables-cli export: " << s.error().message << '\n';
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    for (const char *required : {"register", "request", "output"}) {
        if (!parser.isSet(QLatin1String(required))) {
            err << "foi-tables-cli export: --register PATH, --request FILE and --output OUT are required\n";
            return Usage;
        }
    }
    auto fail = [&](const Error &e) {
        err << "foi-tables-cli: " << e.toString() << '\n';
        return int(Failed);
    };
    const bool markResponded = parser.isSet(QStringLiteral("mark-responded"));
    if (markResponded && parser.isSet(QStringLiteral("no-record"))) {
        err << "foi-tables-cli export: --mark-responded records the release; it cannot go with --no-record\n";
        return Usage;
    }
    if (parser.isSet(QStringLiteral("outcome")) && !markResponded) {
        err << "foi-tables-cli export: --outcome goes with --mark-responded\n";
        return Usage;
    }
    const QString outcome = parser.value(QStringLiteral("outcome"));
    if (!outcome.isEmpty() && !requestOutcomes().contains(outcome)) {
        err << "foi-tables-cli export: --outcome '" << outcome
            << "' is not an outcome; they are: " << requestOutcomes().join(QStringLiteral("; ")) << '\n';
        return Usage;
    }
    const QStringList outputs = parser.values(QStringLiteral("output"));
    for (const QString &output : outputs) {
        if (Result<ExportFormat> format = exportFormatOf(output); !format)
            return fail(format.error());
    }
    const QString response = parser.value(QStringLiteral("response"));
    if (!response.isEmpty()) {
        if (Status s = checkResponsePath(response); !s)
            return fail(s.error());
    }

    ExportSettings settings;
    const DeskSettings stored = DeskSettings::load();
    // The letter is read before anything is counted or written, so that a mistake in it costs nothing.
    const QString templatePath = parser.isSet(QStringLiteral("letter-template"))
                                     ? parser.value(QStringLiteral("letter-template"))
                                     : stored.letterTemplate;
    LetterTemplate letterTemplate = LetterTemplate::builtIn();
    if (!templatePath.isEmpty()) {
        Result<LetterTemplate> loaded = LetterTemplate::load(templatePath);
        if (!loaded)
            return fail(loaded.error());
        letterTemplate = *loaded;
    }
    settings.organisation = parser.isSet(QStringLiteral("organisation"))
                                ? parser.value(QStringLiteral("organisation"))
                                : stored.organisation;
    settings.contact =
        parser.isSet(QStringLiteral("contact")) ? parser.value(QStringLiteral("contact")) : stored.contact;
    settings.date = QDate::currentDate();
    if (settings.organisation.trimmed().isEmpty())
        return fail(
            Error(QStringLiteral("the release must name the force that publishes it: give --organisation "
                                 "\"NAME\", or set release/organisation in the settings")));

    Result<Tabulated> tabulated =
        tabulateRequest(parser.value(QStringLiteral("register")), parser.value(QStringLiteral("request")));
    if (!tabulated)
        return fail(tabulated.error());
    const Request *request = &tabulated->request;
    const Release *release = &tabulated->release;
    const std::unique_ptr<Register> &reg = tabulated->reg;
    if (!release->passes) {
        err << "foi-tables-cli export: the release does not pass its audit, so nothing was written: "
            << release->failure << '\n';
        return DoesNotPass;
    }
    PublishOptions options;
    options.spreadsheets = outputs;
    options.response = response;
    options.letter = letterTemplate;
    options.settings = settings;
    // The officer's name is recorded with the release, never written into a file.
    options.officer = application::officerName();
    options.record = !parser.isSet(QStringLiteral("no-record"));
    options.markResponded = markResponded;
    options.outcome = outcome;
    Result<Published> published = publishRelease(*reg, *release, options);
    if (!published)
        return fail(published.error());
    for (const ExportedFile &f : published->spreadsheets)
        out << f.path << "\tsha256 " << QString::fromLatin1(f.sha256) << '\n';
    if (published->response)
        out << published->response->path << "\tsha256 " << QString::fromLatin1(published->response->sha256)
            << '\n';
    if (options.record)
        err << "recorded release " << request->reference << " in " << reg->location() << '\n';
    if (published->request)
        err << "marked request " << request->reference << " responded on "
            << published->request->responded.toString(Qt::ISODate) << " (" << published->request->outcome
            << ")\n";
    return Ok;
}

} // namespace foi::cli
