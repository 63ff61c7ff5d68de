#include "cli/TabulateCommand.h"

#include "cli/CommandSupport.h"
#include "common/Application.h"
#include "protect/Release.h"
#include "register/Register.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>

namespace foi::cli {

int tabulateCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    addRequestOptions(parser);
    parser.addOption({QStringLiteral("format"), QStringLiteral("json, csv or text (default)."),
                      QStringLiteral("FORMAT"), QStringLiteral("text")});
    parser.addOption(
        {QStringLiteral("unprotected"),
         QStringLiteral("Add the true counts, for the officer's eyes only: never release this.")});
    parser.addOption(
        {QStringLiteral("record"),
         QStringLiteral("Record the release in the register, for the differencing check of later "
                        "releases.")});
    if (!parser.parse(QStringList{QStringLiteral("foi-tables-cli tabulate")} + args)) {
        err << "foi-tables-cli tabulate: " << parser.errorText() << '\n';
        return Usage;
    }
    if (Status s = refuseRepeatedOptions(parser); !s) {
        err << "foi-tables-cli tabulate: " << s.error().message << '\n';
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QStringLiteral("json") && format != QStringLiteral("csv") &&
        format != QStringLiteral("text")) {
        err << "foi-tables-cli tabulate: --format must be json, csv or text, not '" << format << "'\n";
        return Usage;
    }
    if (!parser.isSet(QStringLiteral("register")) || !parser.isSet(QStringLiteral("request"))) {
        err << "foi-tables-cli tabulate: --register PATH and --request FILE are required\n";
        return Usage;
    }
    const bool unprotected = parser.isSet(QStringLiteral("unprotected"));
    if (unprotected && parser.isSet(QStringLiteral("record"))) {
        err << "foi-tables-cli tabulate: --record keeps what is released; it cannot go with --unprotected\n";
        return Usage;
    }
    auto fail = [&](const Error &e) {
        err << "foi-tables-cli: " << e.toString() << '\n';
        return int(Failed);
    };

    Result<Tabulated> tabulated =
        tabulateRequest(parser.value(QStringLiteral("register")), parser.value(QStringLiteral("request")));
    if (!tabulated)
        return fail(tabulated.error());
    const Request *request = &tabulated->request;
    const Release *release = &tabulated->release;
    const std::unique_ptr<Register> &reg = tabulated->reg;

    if (format == QStringLiteral("json"))
        out << QString::fromUtf8(QJsonDocument(release->toJson(unprotected)).toJson(QJsonDocument::Indented));
    else if (format == QStringLiteral("csv"))
        out << QString::fromUtf8(release->toCsv(unprotected));
    else
        out << release->toText(unprotected);
    out.flush();

    if (!release->passes) {
        err << "foi-tables-cli tabulate: the release does not pass its audit: " << release->failure << '\n';
        return DoesNotPass;
    }
    if (parser.isSet(QStringLiteral("record"))) {
        Result<qint64> id =
            reg->addRelease(release->toRecord(application::officerName(), QDateTime::currentDateTimeUtc()));
        if (!id)
            return fail(id.error());
        err << "recorded release " << request->reference << " in " << reg->location() << '\n';
    }
    return Ok;
}

} // namespace foi::cli
