#pragma once

#include "common/Result.h"

#include <QDate>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace foi {

struct Release;

/// Who a release is from, as the force's settings give it: never the account that runs the export.
struct ExportSettings
{
    QString organisation; ///< "Example Constabulary": the document's author and company
    QString contact;      ///< "Freedom of Information Unit, foi@example.police.uk"
    QDate date;           ///< the day of the release
};

/// A cell of a release spreadsheet: a whole number, stored as a number, or a text.
struct SheetCell
{
    bool isNumber = false;
    qint64 number = 0;
    QString text;
    QString linkToSheet; ///< a link to another sheet's A1 (the contents)

    static SheetCell ofText(const QString &text) { return SheetCell{false, 0, text, {}}; }
    static SheetCell ofNumber(qint64 number) { return SheetCell{true, number, {}, {}}; }
    /// A released value as shown: a whole number becomes a number, shorthand ("[c]") stays a text.
    static SheetCell ofShown(const QString &shown);
};

/// A worksheet laid out as the Analysis Function's "Releasing statistics in spreadsheets" asks: its title
/// in A1, lines of explanation under it, then at most one table (a single header row and its rows) and
/// nothing below. No merged cells, blank rows or columns, hidden anything, panes or filters.
struct ReleaseSheet
{
    QString name;       ///< the tab: letters, digits and underscores ("Cover_sheet", "Table_1")
    QString title;      ///< A1
    QStringList above;  ///< lines under the title, from A2 down
    QStringList header; ///< the table's header row; empty for a sheet without a table
    QVector<QVector<SheetCell>> rows;
    QString tableName; ///< the table's name (XLSX table, ODS named range); the sheet's name

    bool hasTable() const { return !header.isEmpty(); }
};

/// What a release spreadsheet holds, whatever its format: a cover sheet, the contents, the notes and a
/// sheet per table, made from a release's shown values only (never a true count of a withheld cell).
/// The writers put exactly this in a file, and the safety gate checks the file against it.
struct ReleaseDocument
{
    QString title;
    QString reference;
    ExportSettings settings;
    QVector<ReleaseSheet> sheets;

    static Result<ReleaseDocument> make(const Release &release, const ExportSettings &settings);

    /// Every text the document holds (titles, lines, headers, cells, sheet and table names).
    QSet<QString> texts() const;
    /// Every number the document stores as a number.
    QSet<qint64> numbers() const;
    /// The sheets that hold a table of the release, in order.
    QVector<const ReleaseSheet *> tableSheets() const;
};

} // namespace foi
