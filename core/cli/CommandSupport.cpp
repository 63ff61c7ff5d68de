#include "cli/CommandSupport.h"

#include "cli/PasswordPrompt.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace foi::cli {

void addRequestOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption({QStringLiteral("help"), QStringLiteral("Show this help.")});
    parser.addOption(
        {QStringLiteral("register"), QStringLiteral("The register file."), QStringLiteral("PATH")});
    parser.addOption(
        {QStringLiteral("request"), QStringLiteral("The request file (JSON)."), QStringLiteral("FILE")});
}

Result<QDate> parseIsoDate(const QString &option, const QString &value)
{
    // Only the YYYY-MM-DD shape is taken, whatever else QDate::fromString might accept.
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    QDate day;
    if (shape.match(value).hasMatch())
        day = QDate::fromString(value, QStringLiteral("yyyy-MM-dd"));
    if (!day.isValid())
        return Error(
            QStringLiteral("--%1 '%2' is not a date: write it YYYY-MM-DD, as 2018-02-07").arg(option, value));
    return day;
}

Result<Tabulated> tabulateRequest(const QString &registerPath, const QString &requestPath)
{
    Tabulated t;
    Result<Request> request = Request::load(requestPath);
    if (!request)
        return request.error();
    t.request = *request;
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = openRegisterAsking(registerPath, options);
    if (!reg)
        return reg.error();
    t.reg = std::move(*reg);
    Result<RegisterView> view = loadRegisterView(*t.reg);
    if (!view)
        return view.error();
    Result<Release> release = tabulate(view->frame, t.request, view->context);
    if (!release)
        return release.error();
    t.release = std::move(*release);
    return t;
}

Status refuseRepeatedOptions(const QCommandLineParser &parser, const QStringList &repeatable)
{
    const QStringList names = parser.optionNames();
    for (const QString &name : names) {
        if (names.count(name) > 1 && !repeatable.contains(name))
            return Error(
                QStringLiteral("--%1 is given %2 times: give it once").arg(name).arg(names.count(name)));
    }
    return {};
}

} // namespace foi::cli
