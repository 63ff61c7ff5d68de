#include "cli/CommandSupport.h"

#include <QCommandLineParser>

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

Result<Tabulated> tabulateRequest(const QString &registerPath, const QString &requestPath)
{
    Tabulated t;
    Result<Request> request = Request::load(requestPath);
    if (!request)
        return request.error();
    t.request = *request;
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = Register::open(registerPath, options);
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

} // namespace foi::cli
