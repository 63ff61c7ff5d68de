#include "BankHolidays.h"

#include "ReferenceFiles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QtGlobal>

#include <algorithm>
#include <utility>

namespace foi {

namespace {

constexpr Division kDivisions[] = {Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland};

int slot(Division division)
{
    return static_cast<int>(division);
}

} // namespace

Result<BankHolidays> BankHolidays::loadBuiltIn()
{
    const QString path = QStringLiteral(":/reference/uk-bank-holidays-2012-2027.json");
    auto bytes = reference::readFile(path);
    if (!bytes)
        return bytes.error();
    return fromGovUkJson(*bytes, path);
}

const BankHolidays &BankHolidays::builtIn()
{
    // A function-local static is initialised once, and thread-safely, on first use.
    static const BankHolidays instance = reference::builtInOrAbort(loadBuiltIn(), "bank holidays");
    return instance;
}

QString BankHolidays::divisionKey(Division division)
{
    switch (division) {
    case Division::EnglandAndWales:
        return QStringLiteral("england-and-wales");
    case Division::Scotland:
        return QStringLiteral("scotland");
    case Division::NorthernIreland:
        return QStringLiteral("northern-ireland");
    }
    Q_UNREACHABLE();
    return {};
}

Result<BankHolidays> BankHolidays::fromGovUkJson(const QByteArray &json, const QString &fileName)
{
    auto feed = reference::parseJsonObject(json, fileName);
    if (!feed)
        return feed.error();

    BankHolidays holidays;
    bool anyDivision = false;
    for (const Division division : kDivisions) {
        const QString key = divisionKey(division);
        const QJsonValue divisionValue = feed->value(key);
        if (divisionValue.isUndefined())
            continue;
        anyDivision = true;
        if (!divisionValue.isObject())
            return Error(QStringLiteral("expected an object"), fileName, 0, key);
        const QJsonObject divisionObject = divisionValue.toObject();

        const QJsonValue name = divisionObject.value(QLatin1String("division"));
        if (!name.isUndefined() && name.toString() != key)
            return Error(QStringLiteral("expected '%1', the division's key").arg(key), fileName, 0,
                         key + QStringLiteral(".division"));

        const QJsonValue events = divisionObject.value(QLatin1String("events"));
        if (!events.isArray())
            return Error(QStringLiteral("expected an array of events"), fileName, 0,
                         key + QStringLiteral(".events"));
        const QJsonArray eventArray = events.toArray();
        for (int i = 0; i < eventArray.size(); ++i) {
            const QString path = key + QStringLiteral(".events[%1]").arg(i);
            if (!eventArray.at(i).isObject())
                return Error(QStringLiteral("expected an object"), fileName, 0, path);
            const QJsonObject event = eventArray.at(i).toObject();

            const QJsonValue dateValue = event.value(QLatin1String("date"));
            if (!dateValue.isString())
                return Error(QStringLiteral("not a date: expected a string YYYY-MM-DD"), fileName, 0,
                             path + QStringLiteral(".date"));
            const QDate date = QDate::fromString(dateValue.toString(), QStringLiteral("yyyy-MM-dd"));
            if (!date.isValid())
                return Error(
                    QStringLiteral("not a date: '%1' (expected YYYY-MM-DD)").arg(dateValue.toString()),
                    fileName, 0, path + QStringLiteral(".date"));

            const QString title = event.value(QLatin1String("title")).toString().trimmed();
            if (title.isEmpty())
                return Error(QStringLiteral("expected a non-empty string"), fileName, 0,
                             path + QStringLiteral(".title"));
            holidays.add(BankHoliday{date, title, division});
        }
    }
    if (!anyDivision)
        return Error(QStringLiteral("not a gov.uk bank holidays feed: none of the keys england-and-wales, "
                                    "scotland, northern-ireland"),
                     fileName);
    holidays.sort();
    return holidays;
}

bool BankHolidays::isBankHoliday(const QDate &day, Division division) const
{
    return m_byDivision[slot(division)].contains(day.toJulianDay());
}

bool BankHolidays::isBankHolidayAnywhere(const QDate &day) const
{
    return m_anywhere.contains(day.toJulianDay());
}

QVector<BankHoliday> BankHolidays::holidaysOn(const QDate &day) const
{
    const auto first = std::lower_bound(m_holidays.cbegin(), m_holidays.cend(), day,
                                        [](const BankHoliday &h, const QDate &d) { return h.date < d; });
    QVector<BankHoliday> result;
    for (auto it = first; it != m_holidays.cend() && it->date == day; ++it)
        result.append(*it);
    return result;
}

void BankHolidays::merge(const BankHolidays &other)
{
    for (const BankHoliday &holiday : other.m_holidays)
        add(holiday);
    sort();
}

QDate BankHolidays::firstDay() const
{
    return m_holidays.isEmpty() ? QDate() : m_holidays.constFirst().date;
}

QDate BankHolidays::lastDay() const
{
    return m_holidays.isEmpty() ? QDate() : m_holidays.constLast().date;
}

void BankHolidays::add(const BankHoliday &holiday)
{
    const qint64 day = holiday.date.toJulianDay();
    QSet<qint64> &division = m_byDivision[slot(holiday.division)];
    if (division.contains(day))
        return;
    division.insert(day);
    m_anywhere.insert(day);
    m_holidays.append(holiday);
}

void BankHolidays::sort()
{
    std::stable_sort(m_holidays.begin(), m_holidays.end(), [](const BankHoliday &a, const BankHoliday &b) {
        return a.date != b.date ? a.date < b.date : slot(a.division) < slot(b.division);
    });
}

} // namespace foi
