#include "workflow/DeskSettings.h"

#include "common/Application.h"

#include <QSettings>

namespace foi {

namespace {

QString key(const char *name)
{
    return QLatin1String(name);
}

} // namespace

DeskSettings DeskSettings::load()
{
    const QSettings s;
    DeskSettings p;
    p.officer = s.value(application::kOfficerNameKey).toString();
    p.organisation = s.value(key("release/organisation")).toString();
    p.contact = s.value(key("release/contact")).toString();
    p.letterTemplate = s.value(key("release/letterTemplate")).toString();
    p.exportFolder = s.value(key("release/folder")).toString();
    p.lastFolder = s.value(key("release/lastFolder")).toString();
    p.registerPath = s.value(key("register/location")).toString();
    p.policy.threshold = s.value(key("policy/threshold"), 5).toInt();
    p.policy.secondary = s.value(key("policy/secondary"), true).toBool();
    p.policy.separateTables = s.value(key("policy/separateTables"), false).toBool();
    const int round = s.value(key("policy/round"), 0).toInt();
    if (round > 0)
        p.policy.round = round;
    return p;
}

void DeskSettings::save() const
{
    QSettings s;
    s.setValue(application::kOfficerNameKey, officer);
    s.setValue(key("release/organisation"), organisation);
    s.setValue(key("release/contact"), contact);
    s.setValue(key("release/letterTemplate"), letterTemplate);
    s.setValue(key("release/folder"), exportFolder);
    s.setValue(key("release/lastFolder"), lastFolder);
    s.setValue(key("register/location"), registerPath);
    s.setValue(key("policy/threshold"), policy.threshold);
    s.setValue(key("policy/secondary"), policy.secondary);
    s.setValue(key("policy/separateTables"), policy.separateTables);
    s.setValue(key("policy/round"), policy.round.value_or(0));
}

} // namespace foi
