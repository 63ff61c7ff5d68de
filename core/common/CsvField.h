#pragma once

#include <QString>

namespace foi {

/// A field as RFC 4180 writes it: in quotes, its quotes doubled, when it holds a comma, a quote or a line
/// break; as it is otherwise.
inline QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace foi
