#include "Application.h"

#include "common/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <cerrno>
#include <iterator>
#include <vector>

#ifdef Q_OS_WIN
#define SECURITY_WIN32
#include <security.h>
#include <windows.h>
#elif defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

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

namespace {

#if defined(Q_OS_UNIX) && !defined(Q_OS_WIN)
/// The account's entry in the password database, read with getpwuid_r: officerName() runs on the
/// threads of long jobs too. `take` reads it while its buffer lives.
template<typename F>
QString fromPasswordEntry(F take)
{
    const long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size_t(hint > 0 ? hint : 16384));
    passwd entry{};
    passwd *found = nullptr;
    int error = 0;
    // An entry longer than the hint asks for a larger buffer (ERANGE).
    while ((error = getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found)) == ERANGE &&
           buffer.size() < (size_t(1) << 20))
        buffer.resize(buffer.size() * 2);
    if (error != 0 || !found)
        return {};
    return take(*found);
}
#endif

} // namespace

QString foi::application::accountLoginName()
{
    // The environment's, as the shell has it, else the system's.
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty())
        login = qEnvironmentVariable("USERNAME");
    if (!login.isEmpty())
        return login;
#ifdef Q_OS_WIN
    wchar_t name[257];
    DWORD size = DWORD(std::size(name));
    if (GetUserNameW(name, &size) && size > 1)
        return QString::fromWCharArray(name, int(size - 1)); // size counts the terminating null
    return {};
#elif defined(Q_OS_UNIX)
    return fromPasswordEntry(
        [](const passwd &p) -> QString { return p.pw_name ? QString::fromLocal8Bit(p.pw_name) : QString(); });
#else
    return {};
#endif
}

QString foi::application::accountFullName()
{
#ifdef Q_OS_WIN
    ULONG size = 0;
    GetUserNameExW(NameDisplay, nullptr, &size); // fails, giving the size with the terminating null
    if (size == 0)
        return {};
    std::vector<wchar_t> name(size);
    if (!GetUserNameExW(NameDisplay, name.data(), &size))
        return {};
    return QString::fromWCharArray(name.data(), int(size)).trimmed();
#elif defined(Q_OS_UNIX)
    // GECOS is "Full Name,room,work phone,home phone,other": the name is the part before the first comma.
    return fromPasswordEntry([](const passwd &p) -> QString {
        return p.pw_gecos ? QString::fromLocal8Bit(p.pw_gecos).section(QLatin1Char(','), 0, 0).trimmed()
                          : QString();
    });
#else
    return {};
#endif
}

QString foi::application::officerName()
{
    const QString configured = QSettings().value(kOfficerNameKey).toString().trimmed();
    if (!configured.isEmpty())
        return configured;
    if (const QString full = accountFullName(); !full.isEmpty())
        return full;
    const QString login = accountLoginName();
    return login.isEmpty() ? QStringLiteral("unknown") : login;
}
