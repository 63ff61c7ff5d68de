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

/// Who is working: the name set in the settings (officer/name), else the operating system account.
/// Recorded with every import; it names the officer, never anyone in the crime records.
QString officerName();

} // namespace application
} // namespace foi
