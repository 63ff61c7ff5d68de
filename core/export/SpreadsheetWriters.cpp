#include "export/SpreadsheetWriters.h"

#include "common/CsvField.h"
#include "export/OpenDocument.h"

#include <QFile>
#include <QXmlStreamWriter>

#include <xlsxwriter.h>

#include <algorithm>
#include <functional>
#include <memory>

namespace foi {

namespace {

struct WorkbookCloser
{
    void operator()(lxw_workbook *wb) const
    {
        if (wb)
            workbook_close(wb);
    }
};

Error xlsxError(const QString &path, const QString &what, lxw_error rc)
{
    return Error(QStringLiteral("cannot write the spreadsheet: %1 (%2)")
                     .arg(what, QString::fromUtf8(lxw_strerror(rc))),
                 path);
}

int columnWidth(const ReleaseSheet &sheet, int column)
{
    // Wide enough for the longest value, within reason: a title or a note line runs on to the right.
    qsizetype longest = column < sheet.header.size() ? sheet.header[column].size() : 0;
    for (const QVector<SheetCell> &row : sheet.rows) {
        if (column < row.size())
            longest = std::max(longest, row[column].isNumber ? QString::number(row[column].number).size()
                                                             : row[column].text.size());
    }
    return int(std::clamp<qsizetype>(longest + 2, 10, 80));
}

} // namespace

Status writeXlsx(const ReleaseDocument &doc, const QString &path)
{
    const QByteArray file = QFile::encodeName(path);
    std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(file.constData()));
    if (!wb)
        return Error(QStringLiteral("cannot write the spreadsheet"), path);

    // The organisation is the author and the company; nothing names the account that runs the export.
    const QByteArray title = doc.title.toUtf8();
    const QByteArray organisation = doc.settings.organisation.trimmed().toUtf8();
    lxw_doc_properties properties{};
    properties.title = const_cast<char *>(title.constData());
    properties.author = const_cast<char *>(organisation.constData());
    properties.company = const_cast<char *>(organisation.constData());
    const QDate day = doc.settings.date.isValid() ? doc.settings.date : QDate::currentDate();
    properties.created = time_t(day.startOfDay(Qt::UTC).toSecsSinceEpoch());
    if (lxw_error rc = workbook_set_properties(wb.get(), &properties); rc != LXW_NO_ERROR)
        return xlsxError(path, QStringLiteral("document properties"), rc);

    lxw_format *titleFormat = workbook_add_format(wb.get());
    format_set_bold(titleFormat);
    format_set_font_size(titleFormat, 15);
    lxw_format *wrap = workbook_add_format(wb.get());
    format_set_text_wrap(wrap);

    for (const ReleaseSheet &sheet : doc.sheets) {
        const QByteArray name = sheet.name.toUtf8();
        lxw_worksheet *ws = workbook_add_worksheet(wb.get(), name.constData());
        if (!ws)
            return Error(
                QStringLiteral("cannot write the spreadsheet: a worksheet named '%1'").arg(sheet.name), path);
        lxw_row_t row = 0;
        auto text = [&](lxw_row_t r, lxw_col_t c, const QString &value, lxw_format *format) {
            const QByteArray utf8 = value.toUtf8();
            return worksheet_write_string(ws, r, c, utf8.constData(), format);
        };
        if (lxw_error rc = text(row++, 0, sheet.title, titleFormat); rc != LXW_NO_ERROR)
            return xlsxError(path, sheet.name, rc);
        for (const QString &line : sheet.above) {
            if (lxw_error rc = text(row++, 0, line, nullptr); rc != LXW_NO_ERROR)
                return xlsxError(path, sheet.name, rc);
        }
        if (!sheet.hasTable()) {
            worksheet_set_column(ws, 0, 0, 100, nullptr);
            continue;
        }
        const lxw_row_t headerRow = row;
        const auto columns = lxw_col_t(sheet.header.size());
        for (lxw_col_t c = 0; c < columns; ++c) {
            if (lxw_error rc = text(row, c, sheet.header[c], wrap); rc != LXW_NO_ERROR)
                return xlsxError(path, sheet.name, rc);
            worksheet_set_column(ws, c, c, columnWidth(sheet, int(c)), nullptr);
        }
        ++row;
        for (const QVector<SheetCell> &cells : sheet.rows) {
            for (lxw_col_t c = 0; c < lxw_col_t(cells.size()) && c < columns; ++c) {
                const SheetCell &cell = cells[c];
                lxw_error rc = LXW_NO_ERROR;
                if (cell.isNumber) {
                    rc = worksheet_write_number(ws, row, c, double(cell.number), nullptr);
                } else if (!cell.linkToSheet.isEmpty()) {
                    const QByteArray url = QStringLiteral("internal:'%1'!A1").arg(cell.linkToSheet).toUtf8();
                    const QByteArray shown = cell.text.toUtf8();
                    // The link shows the cell's own text: no other string goes into the workbook.
                    rc = worksheet_write_url_opt(ws, row, c, url.constData(), nullptr, shown.constData(),
                                                 nullptr);
                } else {
                    rc = text(row, c, cell.text, nullptr);
                }
                if (rc != LXW_NO_ERROR)
                    return xlsxError(path, sheet.name, rc);
            }
            ++row;
        }
        // The table, named, with its header row, and no filter buttons.
        std::vector<QByteArray> headers;
        std::vector<lxw_table_column> columnOptions(columns);
        std::vector<lxw_table_column *> columnList;
        for (lxw_col_t c = 0; c < columns; ++c) {
            headers.push_back(sheet.header[c].toUtf8());
            columnOptions[c] = lxw_table_column{};
        }
        for (lxw_col_t c = 0; c < columns; ++c) {
            columnOptions[c].header = headers[c].data();
            columnList.push_back(&columnOptions[c]);
        }
        columnList.push_back(nullptr);
        QByteArray tableName = sheet.tableName.toUtf8();
        lxw_table_options options{};
        options.name = tableName.data();
        options.no_autofilter = 1;
        options.columns = columnList.data();
        if (sheet.rows.isEmpty())
            return Error(
                QStringLiteral("cannot write the spreadsheet: the table of '%1' has no rows").arg(sheet.name),
                path);
        const lxw_row_t lastRow = row - 1;
        if (lxw_error rc = worksheet_add_table(ws, headerRow, 0, lastRow, columns - 1, &options);
            rc != LXW_NO_ERROR)
            return xlsxError(path, sheet.name, rc);
    }
    lxw_workbook *raw = wb.release();
    if (lxw_error rc = workbook_close(raw); rc != LXW_NO_ERROR)
        return xlsxError(path, QStringLiteral("closing the workbook"), rc);
    return {};
}

QByteArray tableCsv(const ReleaseSheet &sheet)
{
    QString out;
    out += csvField(sheet.title) + QLatin1String("\r\n");
    for (const QString &line : sheet.above)
        out += csvField(line) + QLatin1String("\r\n");
    QStringList header;
    for (const QString &h : sheet.header)
        header << csvField(h);
    out += header.join(QLatin1Char(',')) + QLatin1String("\r\n");
    for (const QVector<SheetCell> &row : sheet.rows) {
        QStringList fields;
        for (const SheetCell &c : row)
            fields << (c.isNumber ? QString::number(c.number) : csvField(c.text));
        out += fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return QByteArrayLiteral("\xEF\xBB\xBF") + out.toUtf8();
}

} // namespace foi

namespace foi {

namespace {

QString columnLetters(int column)
{
    QString out;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        out.prepend(QChar(char16_t(u'A' + (c - 1) % 26)));
    return out;
}

QByteArray odsContent(const ReleaseDocument &doc)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(odf::kOffice, QStringLiteral("office"));
    w.writeNamespace(odf::kTable, QStringLiteral("table"));
    w.writeNamespace(odf::kText, QStringLiteral("text"));
    w.writeNamespace(odf::kStyle, QStringLiteral("style"));
    w.writeNamespace(odf::kFo, QStringLiteral("fo"));
    w.writeNamespace(odf::kXlink, QStringLiteral("xlink"));
    w.writeStartElement(odf::kOffice, QStringLiteral("document-content"));
    w.writeAttribute(odf::kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(odf::kOffice, QStringLiteral("automatic-styles"));
    w.writeStartElement(odf::kStyle, QStringLiteral("style"));
    w.writeAttribute(odf::kStyle, QStringLiteral("name"), QStringLiteral("Title"));
    w.writeAttribute(odf::kStyle, QStringLiteral("family"), QStringLiteral("table-cell"));
    w.writeEmptyElement(odf::kStyle, QStringLiteral("text-properties"));
    w.writeAttribute(odf::kFo, QStringLiteral("font-weight"), QStringLiteral("bold"));
    w.writeAttribute(odf::kFo, QStringLiteral("font-size"), QStringLiteral("15pt"));
    w.writeEndElement(); // style
    w.writeEndElement(); // automatic-styles
    w.writeStartElement(odf::kOffice, QStringLiteral("body"));
    w.writeStartElement(odf::kOffice, QStringLiteral("spreadsheet"));

    auto textCell = [&](const QString &text, const QString &style = {}, const QString &link = {}) {
        w.writeStartElement(odf::kTable, QStringLiteral("table-cell"));
        if (!style.isEmpty())
            w.writeAttribute(odf::kTable, QStringLiteral("style-name"), style);
        w.writeAttribute(odf::kOffice, QStringLiteral("value-type"), QStringLiteral("string"));
        w.writeStartElement(odf::kText, QStringLiteral("p"));
        if (link.isEmpty()) {
            w.writeCharacters(text);
        } else {
            w.writeStartElement(odf::kText, QStringLiteral("a"));
            w.writeAttribute(odf::kXlink, QStringLiteral("type"), QStringLiteral("simple"));
            w.writeAttribute(odf::kXlink, QStringLiteral("href"), QLatin1Char('#') + link);
            w.writeCharacters(text);
            w.writeEndElement();
        }
        w.writeEndElement(); // p
        w.writeEndElement(); // table-cell
    };
    struct Range
    {
        QString name, address;
    };
    QVector<Range> ranges;
    for (const ReleaseSheet &sheet : doc.sheets) {
        w.writeStartElement(odf::kTable, QStringLiteral("table"));
        w.writeAttribute(odf::kTable, QStringLiteral("name"), sheet.name);
        const int columns = std::max(1, int(sheet.header.size()));
        w.writeEmptyElement(odf::kTable, QStringLiteral("table-column"));
        if (columns > 1)
            w.writeAttribute(odf::kTable, QStringLiteral("number-columns-repeated"),
                             QString::number(columns));
        auto row = [&](const std::function<void()> &cells) {
            w.writeStartElement(odf::kTable, QStringLiteral("table-row"));
            cells();
            w.writeEndElement();
        };
        row([&] { textCell(sheet.title, QStringLiteral("Title")); });
        for (const QString &line : sheet.above)
            row([&] { textCell(line); });
        if (sheet.hasTable()) {
            const int headerRow = 2 + int(sheet.above.size()); // 1-based
            row([&] {
                for (const QString &h : sheet.header)
                    textCell(h);
            });
            for (const QVector<SheetCell> &cells : sheet.rows) {
                row([&] {
                    for (const SheetCell &c : cells) {
                        if (c.isNumber) {
                            w.writeStartElement(odf::kTable, QStringLiteral("table-cell"));
                            w.writeAttribute(odf::kOffice, QStringLiteral("value-type"),
                                             QStringLiteral("float"));
                            w.writeAttribute(odf::kOffice, QStringLiteral("value"),
                                             QString::number(c.number));
                            w.writeTextElement(odf::kText, QStringLiteral("p"), QString::number(c.number));
                            w.writeEndElement();
                        } else {
                            textCell(c.text, {}, c.linkToSheet);
                        }
                    }
                });
            }
            const int lastRow = headerRow + int(sheet.rows.size());
            const QString quoted = QStringLiteral("$'%1'").arg(sheet.name);
            ranges << Range{sheet.tableName, QStringLiteral("%1.$A$%2:.$%3$%4")
                                                 .arg(quoted)
                                                 .arg(headerRow)
                                                 .arg(columnLetters(columns - 1))
                                                 .arg(lastRow)};
        }
        w.writeEndElement(); // table
    }
    w.writeStartElement(odf::kTable, QStringLiteral("named-expressions"));
    for (const Range &r : ranges) {
        w.writeEmptyElement(odf::kTable, QStringLiteral("named-range"));
        w.writeAttribute(odf::kTable, QStringLiteral("name"), r.name);
        w.writeAttribute(odf::kTable, QStringLiteral("base-cell-address"),
                         r.address.left(r.address.indexOf(QLatin1Char(':'))));
        w.writeAttribute(odf::kTable, QStringLiteral("cell-range-address"), r.address);
    }
    w.writeEndElement(); // named-expressions
    w.writeEndElement(); // spreadsheet
    w.writeEndElement(); // body
    w.writeEndElement(); // document-content
    w.writeEndDocument();
    return out;
}

} // namespace

Status writeOds(const ReleaseDocument &doc, const QString &path)
{
    return odf::writePackage(path, odf::kSpreadsheetType, odsContent(doc), doc.title,
                             doc.settings.organisation, doc.settings.date);
}

} // namespace foi
