#pragma once

#include "import/Records.h"

#include <QString>
#include <QVector>

#include <optional>
#include <string_view>

namespace foi {

/// A date pattern from a source profile, compiled once and applied to millions of fields without
/// allocating. Patterns use Qt's letters: `dd/MM/yyyy`, `yyyy-MM-ddTHH:mm:ss`, `yyyy-MM` (a month:
/// the police.uk files). Every other character must appear as written. `excel-serial` reads a spreadsheet
/// day number (1900 date system). Times are checked for shape and range, then dropped: counting uses days.
class DateFormat
{
public:
    /// Compiles a pattern; an error names what is wrong with it.
    static std::optional<DateFormat> compile(const QString &pattern, QString *error);

    struct Parsed
    {
        qint32 julianDay = 0;
        DatePrecision precision = DatePrecision::Day;
    };

    enum class Outcome
    {
        Ok,
        NoMatch,    ///< the text does not have this pattern's shape
        Impossible, ///< the shape matches but the date does not exist (31/02/2017, month 13)
    };

    Outcome parse(std::string_view text, Parsed *out) const;

    const QString &pattern() const { return m_pattern; }

private:
    enum class Token : char
    {
        Year4,
        Month2,
        Day2,
        Hour2,
        Minute2,
        Second2,
        Literal,
    };
    struct Part
    {
        Token token;
        char literal;
    };

    QString m_pattern;
    QVector<Part> m_parts;
    bool m_excelSerial = false;
    bool m_hasDay = false;
};

/// Several patterns tried in order: the first whose shape matches decides.
class DateFormats
{
public:
    QVector<DateFormat> formats;

    DateFormat::Outcome parse(std::string_view text, DateFormat::Parsed *out) const;
};

} // namespace foi
