#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDate>
#include <QSet>
#include <QString>
#include <QVector>

namespace foi {

/// The three bank holiday divisions of the United Kingdom, as the gov.uk feed names them.
enum class Division
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
};

struct BankHoliday
{
    QDate date;
    QString title;
    Division division = Division::EnglandAndWales;
};

/// UK bank holidays in all three divisions. FOIA s.10(6) excludes a bank holiday in any part of the
/// United Kingdom from the working days. Built in from resources/reference/uk-bank-holidays-*.json; an
/// officer can merge a newer copy of https://www.gov.uk/bank-holidays.json to extend it.
class BankHolidays final
{
public:
    static Result<BankHolidays> loadBuiltIn();

    /// The built-in holidays, loaded once; safe to call from any thread. The built-in file is checked
    /// by the tests, so a failure to load it is a broken build and aborts.
    static const BankHolidays &builtIn();

    /// Parses the gov.uk feed ({"england-and-wales": {"division": ..., "events": [{"title", "date", ...}]},
    /// "scotland": ..., "northern-ireland": ...}). A division may be missing, but not all three; other
    /// keys are ignored. Errors name the file and the JSON path ("scotland.events[3].date").
    static Result<BankHolidays> fromGovUkJson(const QByteArray &json, const QString &fileName);

    /// The feed's key for a division: "england-and-wales", "scotland", "northern-ireland".
    static QString divisionKey(Division division);

    bool isBankHoliday(const QDate &day, Division division) const;
    /// A bank holiday in at least one division.
    bool isBankHolidayAnywhere(const QDate &day) const;
    /// The holidays on the day, in division order (to say why a day is not a working day).
    QVector<BankHoliday> holidaysOn(const QDate &day) const;

    /// Adds the holidays of another feed (a newer download); holidays already known stay.
    void merge(const BankHolidays &other);

    /// First and last day with any holiday (the span the data covers); invalid when there are none.
    QDate firstDay() const;
    QDate lastDay() const;

    const QVector<BankHoliday> &all() const { return m_holidays; }

private:
    /// Adds the holiday unless its division already has one on its day; all() is left unsorted.
    void add(const BankHoliday &holiday);
    void sort();

    QVector<BankHoliday> m_holidays; ///< ordered by date, then division
    QSet<qint64> m_anywhere;         ///< Julian days
    QSet<qint64> m_byDivision[3];
};

} // namespace foi
