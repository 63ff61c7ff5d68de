#pragma once

#include "count/Request.h"

#include <QString>

namespace foi {

/// The desk's settings, kept with QSettings under the application's id. The window (Preferences) and the
/// command line read them through this one place, so that each key is named once:
/// officer/name, release/organisation, release/contact, release/letterTemplate, release/folder,
/// release/lastFolder, register/location and policy/*.
struct DeskSettings
{
    QString officer;         ///< officer/name: empty means the computer account's name
    QString organisation;    ///< release/organisation
    QString contact;         ///< release/contact
    QString letterTemplate;  ///< release/letterTemplate: empty means the built-in letter
    QString exportFolder;    ///< release/folder: the folder a new request's files go to first
    QString lastFolder;      ///< release/lastFolder: the folder the last files went to (offered first)
    QString registerPath;    ///< register/location: empty means the demo register
    ProtectionPolicy policy; ///< policy/*: the protection a new request starts from

    static DeskSettings load();
    void save() const;
};

} // namespace foi
