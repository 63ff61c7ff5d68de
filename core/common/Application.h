#pragma once

#include <QString>

class QCoreApplication;

namespace foi {

/// Names shared by both executables: QSettings, QStandardPaths and the desktop file all derive from them.
namespace application {

/// Sets organisation, application name and version on the running application object.
void setIdentity(QCoreApplication &app);

QString version();
QString appId();

/// The folder holding the application's own data (the demo register), created if missing.
QString dataFolder();

/// The demo register's path: a SQLite file in dataFolder().
QString demoRegisterPath();

/// Who is working: the name set in the settings (officer/name), else the computer account's full name
/// (accountFullName()), else its login name, else "unknown". Recorded with every import, release and
/// change to a request; it names the officer, never anyone in the crime records.
QString officerName();
/// The setting that names the officer (officer/name), read by officerName() and DeskSettings.
inline const QString kOfficerNameKey = QStringLiteral("officer/name");

/// The full name the computer account has, where the system keeps one (the GECOS field's first part on
/// Unix, the display name on Windows); empty when it has none. The first-run dialog proposes it.
QString accountFullName();

/// The computer account's login name ($USER or %USERNAME%, else the system's); empty when there is none.
/// What to propose as a team register's database user: a full name, with its spaces, is none.
QString accountLoginName();

} // namespace application
} // namespace foi
