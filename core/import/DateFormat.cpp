#include "DateFormat.h"

#include <QDate>

namespace foi {

std::optional<DateFormat> DateFormat::compile(const QString &pattern, QString *error)
{
    DateFormat f;
    f.m_pattern = pattern;
    if (pattern == QStringLiteral("excel-serial")) {
        f.m_excelSerial = true;
        f.m_hasDay = true;
        return f;
    }
    bool year = false, month = false;
    for (int i = 0; i < pattern.size();) {
        const QStringView rest = QStringView(pattern).mid(i);
        auto take = [&](QStringView token, Token t, int width) {
            if (!rest.startsWith(token))
                return false;
            f.m_parts.push_back({t, 0});
            i += width;
            return true;
        };
        if (take(u"yyyy", Token::Year4, 4)) {
            year = true;
            continue;
        }
        if (take(u"MM", Token::Month2, 2)) {
            month = true;
            continue;
        }
        if (take(u"dd", Token::Day2, 2)) {
            f.m_hasDay = true;
            continue;
        }
        if (take(u"HH", Token::Hour2, 2) || take(u"mm", Token::Minute2, 2) || take(u"ss", Token::Second2, 2))
            continue;
        const QChar c = pattern.at(i);
        // 'T' separates the day from the time in ISO 8601; any other letter is a mistake in the pattern.
        if ((c.isLetter() && c != QLatin1Char('T')) || c.unicode() > 0x7f) {
            *error =
                QStringLiteral("unknown pattern letter '%1' in date format '%2' (use dd, MM, yyyy, HH, mm, "
                               "ss, or excel-serial)")
                    .arg(c)
                    .arg(pattern);
            return std::nullopt;
        }
        f.m_parts.push_back({Token::Literal, static_cast<char>(c.unicode())});
        ++i;
    }
    if (!year || !month) {
        *error = QStringLiteral("date format '%1' needs at least yyyy and MM").arg(pattern);
        return std::nullopt;
    }
    return f;
}

namespace {

bool twoDigits(std::string_view s, size_t pos, int *value)
{
    if (pos + 2 > s.size())
        return false;
    const char a = s[pos], b = s[pos + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9')
        return false;
    *value = (a - '0') * 10 + (b - '0');
    return true;
}

} // namespace

DateFormat::Outcome DateFormat::parse(std::string_view text, Parsed *out) const
{
    if (m_excelSerial) {
        // Whole days since 1899-12-30 (which absorbs Excel's fictitious 29 February 1900 for days after it).
        if (text.empty() || text.size() > 7)
            return Outcome::NoMatch;
        qint64 serial = 0;
        for (char c : text) {
            if (c < '0' || c > '9')
                return Outcome::NoMatch;
            serial = serial * 10 + (c - '0');
        }
        if (serial < 61)
            return Outcome::Impossible;
        out->julianDay = static_cast<qint32>(QDate(1899, 12, 30).toJulianDay() + serial);
        out->precision = DatePrecision::Day;
        return Outcome::Ok;
    }
    int year = 0, month = 0, day = 1, hour = 0, minute = 0, second = 0;
    size_t pos = 0;
    for (const Part &p : m_parts) {
        int v = 0;
        switch (p.token) {
        case Token::Year4: {
            int hi = 0, lo = 0;
            if (!twoDigits(text, pos, &hi) || !twoDigits(text, pos + 2, &lo))
                return Outcome::NoMatch;
            year = hi * 100 + lo;
            pos += 4;
            break;
        }
        case Token::Month2:
        case Token::Day2:
        case Token::Hour2:
        case Token::Minute2:
        case Token::Second2:
            if (!twoDigits(text, pos, &v))
                return Outcome::NoMatch;
            pos += 2;
            if (p.token == Token::Month2)
                month = v;
            else if (p.token == Token::Day2)
                day = v;
            else if (p.token == Token::Hour2)
                hour = v;
            else if (p.token == Token::Minute2)
                minute = v;
            else
                second = v;
            break;
        case Token::Literal:
            if (pos >= text.size() || text[pos] != p.literal)
                return Outcome::NoMatch;
            ++pos;
            break;
        }
    }
    if (pos != text.size())
        return Outcome::NoMatch;
    if (hour > 23 || minute > 59 || second > 59)
        return Outcome::Impossible;
    if (year < 1800 || !QDate::isValid(year, month, day))
        return Outcome::Impossible;
    out->julianDay = static_cast<qint32>(QDate(year, month, day).toJulianDay());
    out->precision = m_hasDay ? DatePrecision::Day : DatePrecision::Month;
    return Outcome::Ok;
}

DateFormat::Outcome DateFormats::parse(std::string_view text, DateFormat::Parsed *out) const
{
    for (const DateFormat &f : formats) {
        const DateFormat::Outcome o = f.parse(text, out);
        if (o != DateFormat::Outcome::NoMatch)
            return o;
    }
    return DateFormat::Outcome::NoMatch;
}

} // namespace foi
