#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <ostream>

// GoogleTest prints a QString as raw bytes; these print Qt values as text when a check fails. They have
// internal linkage so that printers in other suites cannot clash with them at link time.

static inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

static inline void PrintTo(const QStringList &list, std::ostream *out)
{
    *out << '[' << list.join(QStringLiteral(", ")).toStdString() << ']';
}

static inline void PrintTo(const QDate &day, std::ostream *out)
{
    *out << day.toString(Qt::ISODate).toStdString();
}
