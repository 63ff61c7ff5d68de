#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtGlobal>

#include <utility>

// Reading the small reference files (a few hundred rows, compiled in as resources). The whole file is
// read at once: the importers' streaming CsvReader is built for extracts of millions of rows and would
// only add a dependency here.
namespace foi::reference {

/// The whole contents of a file or a resource (":/..."), or an error naming it.
Result<QByteArray> readFile(const QString &path);

/// One record of a CSV file and the line it starts on (1-based).
struct CsvRecord
{
    qint64 line = 0;
    QStringList fields;
};

/// A CSV file with a header row; every record has as many fields as the header.
struct CsvTable
{
    QStringList header;
    QVector<CsvRecord> records;

    /// The column with the name (compared case-insensitively, spaces trimmed), or -1.
    int column(const QString &name) const;
};

/// Parses RFC 4180 CSV text in UTF-8 (optional BOM, CRLF or LF line ends, quoted fields with ""
/// escapes and line breaks inside quotes). Blank lines are skipped. Errors name the file and line.
Result<QVector<CsvRecord>> parseCsv(const QByteArray &bytes, const QString &fileName);

/// parseCsv, then the header checked for the required columns and every record for its width.
Result<CsvTable> parseCsvTable(const QByteArray &bytes, const QString &fileName,
                               const QStringList &requiredColumns);

/// A JSON document whose top level is an object; a syntax error names the line it is on.
Result<QJsonObject> parseJsonObject(const QByteArray &bytes, const QString &fileName);

/// The value of a built-in reference file, for a builtIn() accessor. The tests load every built-in
/// file, so a failure here is a broken build: it aborts, naming what failed and why.
template<typename T>
T builtInOrAbort(Result<T> loaded, const char *what)
{
    if (!loaded)
        qFatal("The built-in %s do not load: %s", what, qUtf8Printable(loaded.error().toString()));
    return std::move(loaded).value();
}

} // namespace foi::reference
