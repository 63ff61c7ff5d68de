#include "Application.h"

#include "common/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace foi::application {

void setIdentity(QCoreApplication &app)
{
    // Settings and data live under the reverse-DNS application id (~/.config/uk.org.foitables.FoiTables/).
    app.setOrganizationName(appId());
    app.setOrganizationDomain(QStringLiteral("foitables.org.uk"));
    app.setApplicationName(QStringLiteral("foi-tables"));
    app.setApplicationVersion(version());
}

QString version()
{
    return QStringLiteral(FOI_TABLES_VERSION);
}

QString appId()
{
    return QStringLiteral(FOI_TABLES_APP_ID);
}

QString dataFolder()
{
    const QString path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(path);
    return path;
}

QString demoRegisterPath()
{
    return QDir(dataFolder()).filePath(QStringLiteral("demo-register.sqlite"));
}

} // namespace foi::application

QString foi::application::officerName()
{
    const QString configured = QSettings().value(QStringLiteral("officer/name")).toString().trimmed();
    if (!configured.isEmpty())
        return configured;
    QString account = qEnvironmentVariable("USER");
    if (account.isEmpty())
        account = qEnvironmentVariable("USERNAME");
    return account.isEmpty() ? QStringLiteral("unknown") : account;
}
