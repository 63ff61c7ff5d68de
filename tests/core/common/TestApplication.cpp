// Who the officer is, when the settings do not say: the account's full name, then its login name.

#include "common/Application.h"

#include <QSettings>

#include <gtest/gtest.h>

#include <optional>

using namespace foi;

namespace {

const QString kOfficerKey = QStringLiteral("officer/name");

/// Sets an environment variable (unset for nullopt) for the test's length, then puts it back.
class ScopedEnvironment
{
public:
    ScopedEnvironment(const char *name, std::optional<QByteArray> value)
        : m_name(name)
        , m_was(qEnvironmentVariableIsSet(name) ? std::optional<QByteArray>(qgetenv(name)) : std::nullopt)
    {
        set(value);
    }
    ~ScopedEnvironment() { set(m_was); }

private:
    void set(const std::optional<QByteArray> &value)
    {
        if (value)
            qputenv(m_name, *value);
        else
            qunsetenv(m_name);
    }
    const char *m_name;
    std::optional<QByteArray> m_was;
};

/// Keeps the test's settings of the officer as they were.
class ScopedOfficerSetting
{
public:
    ScopedOfficerSetting()
        : m_was(QSettings().value(kOfficerKey))
    {}
    ~ScopedOfficerSetting()
    {
        QSettings s;
        if (m_was.isValid())
            s.setValue(kOfficerKey, m_was);
        else
            s.remove(kOfficerKey);
    }

private:
    QVariant m_was;
};

} // namespace

TEST(Application, TheOfficerSetInTheSettingsComesFirst)
{
    ScopedOfficerSetting keep;
    ScopedEnvironment user("USER", QByteArrayLiteral("login-name"));
    QSettings().setValue(kOfficerKey, QStringLiteral("  A. Officer "));
    EXPECT_EQ(application::officerName(), QStringLiteral("A. Officer"));
}

TEST(Application, WithoutTheSettingTheAccountsFullNameThenItsLoginName)
{
    ScopedOfficerSetting keep;
    QSettings().remove(kOfficerKey);
    ScopedEnvironment user("USER", QByteArrayLiteral("login-name"));
    const QString full = application::accountFullName();
    // Only the name of the GECOS field, without the room and telephone numbers after it.
    EXPECT_FALSE(full.contains(QLatin1Char(','))) << full.toStdString();
    EXPECT_EQ(full, full.trimmed());
    EXPECT_EQ(application::accountLoginName(), QStringLiteral("login-name"));
    const QString officer = application::officerName();
    EXPECT_EQ(officer, full.isEmpty() ? QStringLiteral("login-name") : full);
    EXPECT_NE(officer, QStringLiteral("unknown"));
    // A blank setting is no setting.
    QSettings().setValue(kOfficerKey, QStringLiteral("   "));
    EXPECT_EQ(application::officerName(), officer);
}

TEST(Application, WithoutALoginInTheEnvironmentTheSystemsIsUsed)
{
    ScopedOfficerSetting keep;
    QSettings().remove(kOfficerKey);
    ScopedEnvironment user("USER", std::nullopt);
    ScopedEnvironment username("USERNAME", std::nullopt);
    // The test runs as an account the system knows: it has a login name, and maybe a full name.
    EXPECT_FALSE(application::accountLoginName().isEmpty());
    const QString officer = application::officerName();
    EXPECT_FALSE(officer.isEmpty());
    EXPECT_NE(officer, QStringLiteral("unknown"));
}
