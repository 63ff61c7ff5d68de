#include "ReferenceFiles.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

#include <algorithm>
#include <utility>

namespace foi::reference {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the file: %1").arg(file.errorString()), path);
    return file.readAll();
}

int CsvTable::column(const QString &name) const
{
    for (int i = 0; i < header.size(); ++i) {
        if (header.at(i).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

Result<QVector<CsvRecord>> parseCsv(const QByteArray &bytes, const QString &fileName)
{
    // The decoder skips a leading byte order mark.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return Error(QStringLiteral("not UTF-8 text"), fileName);

    QVector<CsvRecord> records;
    CsvRecord record;
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool recordHasContent = false;
    qint64 line = 1;
    qint64 recordLine = 1;

    const auto endRecord = [&] {
        // A line with nothing on it is no record: files often end with a blank line.
        if (recordHasContent) {
            record.fields.append(field);
            record.line = recordLine;
            records.append(record);
        }
        record = CsvRecord();
        field.clear();
        fieldWasQuoted = false;
        recordHasContent = false;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field.append(c);
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == u',') {
            record.fields.append(field);
            field.clear();
            fieldWasQuoted = false;
            recordHasContent = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted)
                return Error(QStringLiteral("a quote inside a field that does not start with one"), fileName,
                             line);
            inQuotes = true;
            fieldWasQuoted = true;
            recordHasContent = true;
        } else {
            if (fieldWasQuoted)
                return Error(QStringLiteral("text after the closing quote of a field"), fileName, line);
            field.append(c);
            recordHasContent = true;
        }
    }
    if (inQuotes)
        return Error(QStringLiteral("a quoted field is never closed"), fileName, recordLine);
    endRecord();
    return records;
}

Result<CsvTable> parseCsvTable(const QByteArray &bytes, const QString &fileName,
                               const QStringList &requiredColumns)
{
    auto records = parseCsv(bytes, fileName);
    if (!records)
        return records.error();
    if (records->isEmpty())
        return Error(QStringLiteral("the file is empty: expected a header row"), fileName);

    CsvTable table;
    table.header = records->takeFirst().fields;
    for (QString &name : table.header)
        name = name.trimmed();
    for (const QString &name : requiredColumns) {
        if (table.column(name) < 0)
            return Error(QStringLiteral("the header has no column '%1'").arg(name), fileName, 1);
    }
    for (const CsvRecord &record : std::as_const(*records)) {
        if (record.fields.size() != table.header.size())
            return Error(QStringLiteral("%1 fields where the header has %2")
                             .arg(record.fields.size())
                             .arg(table.header.size()),
                         fileName, record.line);
    }
    table.records = std::move(*records);
    return table;
}

Result<QJsonObject> parseJsonObject(const QByteArray &bytes, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset is in bytes of the UTF-8 input; a line is what a person can go to. Qt reports the
        // offset after the white space that follows the bad token, so step back over it.
        qsizetype at = std::clamp<qsizetype>(parseError.offset, 0, bytes.size());
        while (at > 0 && QChar::isSpace(uchar(bytes.at(at - 1))))
            --at;
        const qint64 line = bytes.left(at).count('\n') + 1;
        return Error(QStringLiteral("not valid JSON: %1").arg(parseError.errorString()), fileName, line);
    }
    if (!document.isObject())
        return Error(QStringLiteral("expected a JSON object at the top level"), fileName);
    return document.object();
}

} // namespace foi::reference
