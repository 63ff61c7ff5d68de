#pragma once

#include <QLocale>
#include <QString>

namespace foi::ui {

/// A count in words with the right English form: plural(1, tr("1 request"), tr("%1 requests")). The
/// application ships no translations, so Qt's "%n request(s)" would show its "(s)" to the officer.
inline QString plural(qint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

} // namespace foi::ui
