#include "export/ReleaseDocument.h"

#include "protect/Release.h"

#include <QLocale>

#include <algorithm>

namespace foi {

namespace {

QString longDate(const QDate &day)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(day, QStringLiteral("d MMMM yyyy"));
}

QString periodText(const Criteria &c)
{
    const QString basis = c.dateBasis == Criteria::DateBasis::Recorded ? QStringLiteral("recorded")
                                                                       : QStringLiteral("committed");
    if (c.from.isValid() && c.to.isValid())
        return QStringLiteral("Crimes %1 from %2 to %3").arg(basis, longDate(c.from), longDate(c.to));
    if (c.from.isValid())
        return QStringLiteral("Crimes %1 from %2").arg(basis, longDate(c.from));
    if (c.to.isValid())
        return QStringLiteral("Crimes %1 up to %2").arg(basis, longDate(c.to));
    return QStringLiteral("Every crime held, whenever %1").arg(basis);
}

QString systemsText(const Release &release)
{
    // The search paragraph names the systems; the cover sheet repeats its first sentence.
    const QString search = release.searchText.trimmed();
    const qsizetype end = search.indexOf(QLatin1String(". "));
    return end < 0 ? search : search.left(end + 1);
}

} // namespace

SheetCell SheetCell::ofShown(const QString &shown)
{
    bool ok = false;
    const qint64 n = shown.toLongLong(&ok);
    return ok ? ofNumber(n) : ofText(shown);
}

Result<ReleaseDocument> ReleaseDocument::make(const Release &release, const ExportSettings &settings)
{
    if (settings.organisation.trimmed().isEmpty())
        return Error(QStringLiteral("the organisation is not set: name the force in the settings (it is the "
                                    "spreadsheet's author; the account that runs the export never is)"));
    if (!release.passes)
        return Error(QStringLiteral("the release does not pass its audit, so it cannot be exported: %1")
                         .arg(release.failure));
    ReleaseDocument doc;
    doc.reference = release.request.reference;
    doc.title = release.request.title.isEmpty()
                    ? QStringLiteral("Freedom of Information request %1").arg(doc.reference)
                    : release.request.title;
    doc.settings = settings;
    const QDate day = settings.date.isValid() ? settings.date : QDate::currentDate();

    // The notes: the shorthand first, then each table's own notes, numbered as they first appear.
    QStringList notes;
    notes << QStringLiteral("[c] shows a count withheld so that no one can be identified from it (Freedom "
                            "of Information Act 2000, sections 40(2) and 44(1)); some counts are withheld "
                            "only so that a withheld count cannot be worked out from the totals.");
    auto noteNumber = [&](const QString &text) {
        qsizetype at = notes.indexOf(text);
        if (at < 0) {
            notes << text;
            at = notes.size() - 1;
        }
        return QStringLiteral("[note %1]").arg(at + 1);
    };

    QVector<ReleaseSheet> tableSheets;
    for (qsizetype t = 0; t < release.tables.size(); ++t) {
        const ReleasedTable &table = release.tables[t];
        ReleaseSheet sheet;
        sheet.name = QStringLiteral("Table_%1").arg(t + 1);
        sheet.tableName = sheet.name;
        sheet.title = QStringLiteral("Table %1: %2").arg(t + 1).arg(table.spec.title);
        sheet.above << QStringLiteral("This worksheet contains one table.");
        bool anyWithheld = table.total.withheld();
        for (const ReleasedCell &c : table.cells)
            anyWithheld = anyWithheld || c.withheld();
        if (anyWithheld)
            sheet.above << QStringLiteral("Some counts are shown as [c]: withheld, see %1 on the Notes "
                                          "worksheet.")
                               .arg(noteNumber(notes.first()));
        if (std::any_of(table.cells.begin(), table.cells.end(),
                        [](const ReleasedCell &c) { return c.status == CellStatus::NotApplicable; }))
            sheet.above << QStringLiteral("Some cells are shown as [z]: not applicable, see %1 on the Notes "
                                          "worksheet.")
                               .arg(noteNumber(QStringLiteral(
                                   "[z] shows a cell that cannot hold a count: an offence class outside its "
                                   "own subgroup or group, a month outside its year.")));
        for (const QString &note : table.notes)
            sheet.above << QStringLiteral("%1 %2").arg(noteNumber(note), note);
        sheet.above << periodText(release.request.criteria) + QLatin1Char('.');
        const QVector<QStringList> grid = table.releasedGrid();
        sheet.header = grid.first();
        for (qsizetype r = 1; r < grid.size(); ++r) {
            QVector<SheetCell> row;
            row << SheetCell::ofText(grid[r].first());
            for (qsizetype c = 1; c < grid[r].size(); ++c)
                row << SheetCell::ofShown(grid[r][c]);
            sheet.rows << row;
        }
        tableSheets << sheet;
    }

    ReleaseSheet cover;
    cover.name = QStringLiteral("Cover_sheet");
    cover.title = doc.title;
    cover.above << QStringLiteral("Freedom of Information request %1").arg(doc.reference);
    if (!release.request.requestText.trimmed().isEmpty())
        cover.above << QStringLiteral("The request: %1").arg(release.request.requestText.simplified());
    cover.above << QStringLiteral("Period: %1.").arg(periodText(release.request.criteria));
    cover.above << QStringLiteral("Counting unit: %1.").arg(unitName(release.request.unit));
    if (const QString systems = systemsText(release); !systems.isEmpty())
        cover.above << QStringLiteral("What was counted: %1").arg(systems);
    cover.above << QStringLiteral("Published by: %1").arg(settings.organisation.trimmed());
    if (!settings.contact.trimmed().isEmpty())
        cover.above << QStringLiteral("Contact: %1").arg(settings.contact.trimmed());
    cover.above << QStringLiteral("Date: %1").arg(longDate(day));

    ReleaseSheet contents;
    contents.name = QStringLiteral("Contents");
    contents.title = QStringLiteral("Contents");
    contents.above << QStringLiteral("This worksheet contains one table: the worksheets of this workbook.");
    contents.header = QStringList{QStringLiteral("Worksheet"), QStringLiteral("Title")};
    contents.tableName = QStringLiteral("Contents_table");

    ReleaseSheet noteSheet;
    noteSheet.name = QStringLiteral("Notes");
    noteSheet.title = QStringLiteral("Notes");
    noteSheet.above << QStringLiteral("This worksheet contains one table: the notes the tables refer to.");
    noteSheet.header = QStringList{QStringLiteral("Note number"), QStringLiteral("Note text")};
    noteSheet.tableName = QStringLiteral("Notes_table");
    for (qsizetype n = 0; n < notes.size(); ++n)
        noteSheet.rows << QVector<SheetCell>{SheetCell::ofText(QStringLiteral("[note %1]").arg(n + 1)),
                                             SheetCell::ofText(notes[n])};

    for (const ReleaseSheet *s : {&noteSheet}) {
        QVector<SheetCell> row{SheetCell::ofText(s->name), SheetCell::ofText(s->title)};
        row.first().linkToSheet = s->name;
        contents.rows << row;
    }
    for (const ReleaseSheet &s : tableSheets) {
        QVector<SheetCell> row{SheetCell::ofText(s.name), SheetCell::ofText(s.title)};
        row.first().linkToSheet = s.name;
        contents.rows << row;
    }

    doc.sheets << cover << contents << noteSheet << tableSheets;
    return doc;
}

QSet<QString> ReleaseDocument::texts() const
{
    QSet<QString> out{title, reference, settings.organisation.trimmed()};
    for (const ReleaseSheet &s : sheets) {
        out << s.name << s.title << s.tableName;
        for (const QString &line : s.above)
            out << line;
        for (const QString &h : s.header)
            out << h;
        for (const QVector<SheetCell> &row : s.rows) {
            for (const SheetCell &c : row) {
                if (!c.isNumber)
                    out << c.text;
            }
        }
    }
    out.remove(QString());
    return out;
}

QSet<qint64> ReleaseDocument::numbers() const
{
    QSet<qint64> out;
    for (const ReleaseSheet &s : sheets) {
        for (const QVector<SheetCell> &row : s.rows) {
            for (const SheetCell &c : row) {
                if (c.isNumber)
                    out << c.number;
            }
        }
    }
    return out;
}

QVector<const ReleaseSheet *> ReleaseDocument::tableSheets() const
{
    QVector<const ReleaseSheet *> out;
    for (const ReleaseSheet &s : sheets) {
        if (s.name.startsWith(QLatin1String("Table_")))
            out << &s;
    }
    return out;
}

} // namespace foi
