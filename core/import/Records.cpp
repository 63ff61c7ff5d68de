#include "Records.h"

namespace foi {

QString roleName(Role role)
{
    switch (role) {
    case Role::Suspect:
        return QStringLiteral("suspect");
    case Role::Offender:
        return QStringLiteral("offender");
    case Role::Subject:
        return QStringLiteral("subject");
    case Role::Victim:
        return QStringLiteral("victim");
    case Role::Witness:
        return QStringLiteral("witness");
    case Role::None:
        break;
    }
    return QStringLiteral("none");
}

QString sexName(Sex sex)
{
    switch (sex) {
    case Sex::Male:
        return QStringLiteral("male");
    case Sex::Female:
        return QStringLiteral("female");
    case Sex::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool roleFromName(const QString &name, Role *role)
{
    for (Role r : {Role::Suspect, Role::Offender, Role::Subject, Role::Victim, Role::Witness}) {
        if (name == roleName(r)) {
            *role = r;
            return true;
        }
    }
    return false;
}

bool sexFromName(const QString &name, Sex *sex)
{
    for (Sex s : {Sex::Male, Sex::Female, Sex::Unknown}) {
        if (name == sexName(s)) {
            *sex = s;
            return true;
        }
    }
    return false;
}

} // namespace foi
