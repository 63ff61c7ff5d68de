// The release spreadsheet and its safety gate: what is exported is exactly the released cells in the
// Analysis Function's layout, and a file with anything else in it (planted here part by part) is refused
// and never reaches the officer's folder.

#include "common/Zip.h"
#include "core/export/ExportFixtures.h"
#include "export/Exporter.h"
#include "export/ReleaseDocument.h"
#include "export/ResponseText.h"
#include "export/SafetyGate.h"
#include "export/SpreadsheetWriters.h"
#include "protect/Release.h"
#include "support/TestWorld.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

using namespace foi;
using foi::test::childrenRelease;

namespace {

ExportSettings settings()
{
    return foi::test::exportSettings();
}

/// Every part of a zip, by name.
QMap<QString, QByteArray> partsOf(const QString &path)
{
    QMap<QString, QByteArray> parts;
    Result<std::unique_ptr<ZipReader>> zip = ZipReader::open(path);
    EXPECT_TRUE(zip.ok());
    if (!zip)
        return parts;
    for (const QString &name : (*zip)->entries())
        parts.insert(name, *(*zip)->read(name, 1 << 26));
    return parts;
}

void writeParts(const QString &path, const QMap<QString, QByteArray> &parts)
{
    Result<std::unique_ptr<ZipWriter>> zip = ZipWriter::open(path);
    ASSERT_TRUE(zip.ok());
    for (auto it = parts.constBegin(); it != parts.constEnd(); ++it)
        ASSERT_TRUE((*zip)->add(it.key(), it.value()).ok());
    ASSERT_TRUE((*zip)->close().ok());
}

/// An OpenDocument package of the parts: the mimetype first and stored, as the writers put it.
void writeOpenDocument(const QString &path, QMap<QString, QByteArray> parts)
{
    Result<std::unique_ptr<ZipWriter>> zip = ZipWriter::open(path);
    ASSERT_TRUE(zip.ok());
    ASSERT_TRUE((*zip)->add(QStringLiteral("mimetype"), parts.take(QStringLiteral("mimetype")), false).ok());
    for (auto it = parts.constBegin(); it != parts.constEnd(); ++it)
        ASSERT_TRUE((*zip)->add(it.key(), it.value()).ok());
    ASSERT_TRUE((*zip)->close().ok());
}

} // namespace

TEST(ReleaseDocument, HoldsTheReleasedCellsInTheAnalysisFunctionsLayout)
{
    const Release release = childrenRelease();
    ASSERT_GT(release.withheldCells(), 0);
    Result<ReleaseDocument> doc = ReleaseDocument::make(release, settings());
    ASSERT_TRUE(doc.ok()) << doc.error().toString().toStdString();
    QStringList names;
    for (const ReleaseSheet &s : doc->sheets)
        names << s.name;
    EXPECT_EQ(names,
              (QStringList{QStringLiteral("Cover_sheet"), QStringLiteral("Contents"), QStringLiteral("Notes"),
                           QStringLiteral("Table_1"), QStringLiteral("Table_2")}));
    const QRegularExpression plainName(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    for (const ReleaseSheet &s : doc->sheets) {
        EXPECT_FALSE(s.title.isEmpty()) << s.name.toStdString(); // a title in A1
        EXPECT_TRUE(plainName.match(s.name).hasMatch()) << s.name.toStdString();
        for (const QVector<SheetCell> &row : s.rows)
            EXPECT_EQ(row.size(), s.header.size()) << s.name.toStdString(); // no ragged or blank columns
    }
    // Each table sheet: the table as released, numbers as numbers, [c] explained on the notes sheet.
    const QVector<const ReleaseSheet *> tables = doc->tableSheets();
    ASSERT_EQ(tables.size(), release.tables.size());
    for (qsizetype t = 0; t < tables.size(); ++t) {
        const QVector<QStringList> grid = release.tables[t].releasedGrid();
        EXPECT_EQ(tables[t]->header, grid.first());
        ASSERT_EQ(tables[t]->rows.size(), grid.size() - 1);
        for (qsizetype r = 1; r < grid.size(); ++r) {
            for (qsizetype c = 0; c < grid[r].size(); ++c) {
                const SheetCell &cell = tables[t]->rows[r - 1][c];
                EXPECT_EQ(cell.isNumber ? QString::number(cell.number) : cell.text, grid[r][c]);
                if (c > 0 && grid[r][c] != QLatin1String("[c]")) {
                    EXPECT_TRUE(cell.isNumber) << grid[r][c].toStdString();
                }
            }
        }
    }
    EXPECT_TRUE(doc->texts().contains(QStringLiteral("[note 1]")));
    // No true count of a withheld cell is a number of the document unless a released cell shows it too.
    QSet<qint64> shown;
    for (const ReleasedTable &t : release.tables) {
        for (const ReleasedCell &c : t.cells) {
            if (!c.withheld())
                shown << c.shown.toLongLong();
        }
        if (!t.total.withheld())
            shown << t.total.shown.toLongLong();
    }
    EXPECT_EQ(doc->numbers(), shown);
}

TEST(ReleaseDocument, NeedsTheOrganisation)
{
    ExportSettings s = settings();
    s.organisation = QStringLiteral("  ");
    Result<ReleaseDocument> doc = ReleaseDocument::make(childrenRelease(), s);
    ASSERT_FALSE(doc.ok());
    EXPECT_TRUE(doc.error().message.contains(QStringLiteral("organisation")));
}

TEST(Export, AnXlsxPassesTheGateAndHoldsOnlyTheRelease)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("FOI-2026-0042.xlsx"));
    Result<QVector<ExportedFile>> files = exportRelease(childrenRelease(), settings(), out, {});
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    ASSERT_EQ(files->size(), 1);
    EXPECT_EQ(files->first().sha256.size(), 64);
    EXPECT_EQ(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("FOI-2026-0042.xlsx")});
    const QMap<QString, QByteArray> parts = partsOf(out);
    EXPECT_TRUE(parts.contains(QStringLiteral("xl/tables/table1.xml")));
    EXPECT_TRUE(parts.value(QStringLiteral("docProps/core.xml"))
                    .contains("<dc:creator>Example Constabulary</dc:creator>"));
    for (auto it = parts.constBegin(); it != parts.constEnd(); ++it) {
        EXPECT_FALSE(it.value().contains("<f>")) << it.key().toStdString();
        EXPECT_FALSE(it.value().contains("mergeCell")) << it.key().toStdString();
        EXPECT_FALSE(it.value().contains("autoFilter")) << it.key().toStdString();
        EXPECT_FALSE(it.value().contains("pane")) << it.key().toStdString();
    }
}

TEST(SafetyGate, RefusesEveryKindOfHiddenOrForeignContent)
{
    QTemporaryDir tmp;
    Result<ReleaseDocument> doc = ReleaseDocument::make(childrenRelease(), settings());
    ASSERT_TRUE(doc.ok());
    const QString clean = tmp.filePath(QStringLiteral("clean.xlsx"));
    ASSERT_TRUE(writeXlsx(*doc, clean).ok());
    const safety::Expected expected{&*doc, {}};
    ASSERT_TRUE(safety::checkXlsx(clean, expected).ok());
    const QMap<QString, QByteArray> parts = partsOf(clean);

    // Each a change of one part (or one more part); each must be refused.
    struct Plant
    {
        const char *what;
        std::function<void(QMap<QString, QByteArray> &)> change;
    };
    auto replaceIn = [](const char *part, const QByteArray &from, const QByteArray &to) {
        return [=](QMap<QString, QByteArray> &p) {
            QByteArray &xml = p[QString::fromLatin1(part)];
            ASSERT_TRUE(xml.contains(from)) << part << ": " << from.toStdString();
            xml.replace(xml.indexOf(from), from.size(), to);
        };
    };
    const QByteArray firstNumber = [&] {
        const QByteArray sheet = parts.value(QStringLiteral("xl/worksheets/sheet4.xml"));
        const QRegularExpression number(QStringLiteral(R"(<c r="[A-Z]+[0-9]+"><v>[0-9]+</v></c>)"));
        return number.match(QString::fromUtf8(sheet)).captured(0).toUtf8();
    }();
    ASSERT_FALSE(firstNumber.isEmpty());
    QByteArray otherNumber = firstNumber;
    otherNumber.replace(otherNumber.indexOf("<v>"), otherNumber.indexOf("</v>") - otherNumber.indexOf("<v>"),
                        "<v>987654");
    const QVector<Plant> plants{
        {"a hidden worksheet",
         replaceIn("xl/workbook.xml", "<sheet name=\"Notes\"", "<sheet state=\"hidden\" name=\"Notes\"")},
        {"a hidden row", replaceIn("xl/worksheets/sheet4.xml", "<row r=\"2\"", "<row hidden=\"1\" r=\"2\"")},
        {"a formula", replaceIn("xl/worksheets/sheet4.xml", firstNumber,
                                QByteArray(firstNumber).replace("<v>", "<f>SUM(B1:B2)</f><v>"))},
        {"a number that is not released", replaceIn("xl/worksheets/sheet4.xml", firstNumber, otherNumber)},
        {"a merged cell",
         replaceIn("xl/worksheets/sheet4.xml", "</sheetData>",
                   "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>")},
        {"a frozen pane",
         replaceIn("xl/worksheets/sheet4.xml", "<sheetView workbookViewId=\"0\"/>",
                   "<sheetView workbookViewId=\"0\"><pane ySplit=\"1\" state=\"frozen\"/></sheetView>")},
        {"a text that is not in the release",
         replaceIn("xl/sharedStrings.xml", "<t>Contents</t>", "<t>CR/0000123/17 Smith</t>")},
        {"the account as the author",
         replaceIn("docProps/core.xml", "<dc:creator>Example Constabulary</dc:creator>",
                   "<dc:creator>jsmith</dc:creator>")},
        {"a pivot cache",
         [](QMap<QString, QByteArray> &p) {
             p.insert(QStringLiteral("xl/pivotCache/pivotCacheDefinition1.xml"), "<pivotCacheDefinition/>");
         }},
        {"a hidden raw data sheet",
         [](QMap<QString, QByteArray> &p) {
             p.insert(QStringLiteral("xl/worksheets/sheet6.xml"),
                      p.value(QStringLiteral("xl/worksheets/sheet1.xml")));
         }},
        {"an external link",
         [](QMap<QString, QByteArray> &p) {
             p.insert(QStringLiteral("xl/externalLinks/externalLink1.xml"), "<externalLink/>");
         }},
        {"custom document properties",
         [](QMap<QString, QByteArray> &p) {
             p.insert(QStringLiteral("docProps/custom.xml"), "<Properties/>");
         }},
        {"raw data in an XML comment", replaceIn("xl/sharedStrings.xml", "</sst>",
                                                 "<!-- CR/0000123/17,N000000050,Smith,John,12 --></sst>")},
        {"a processing instruction",
         replaceIn("xl/workbook.xml", "<sheets>", "<?data CR/0000123/17?><sheets>")},
        {"a file larger than its release makes",
         replaceIn("xl/worksheets/sheet4.xml", "</sheetData>", QByteArray(2 << 20, ' ') + "</sheetData>")},
        {"an outside link", replaceIn("xl/worksheets/_rels/sheet4.xml.rels", "Target=\"../tables/",
                                      "TargetMode=\"External\" Target=\"../tables/")},
    };
    for (const Plant &plant : plants) {
        QMap<QString, QByteArray> changed = parts;
        plant.change(changed);
        const QString path = tmp.filePath(QStringLiteral("planted.xlsx"));
        QFile::remove(path);
        writeParts(path, changed);
        Status s = safety::checkXlsx(path, expected);
        ASSERT_FALSE(s.ok()) << "not refused: " << plant.what;
        EXPECT_TRUE(s.error().message.contains(QStringLiteral("safety check"))) << plant.what;
    }
    // A forbidden text (here a class that is in the release, standing in for a reference) anywhere.
    const safety::Expected strict{&*doc, {QStringLiteral("Harassment")}};
    EXPECT_FALSE(safety::checkXlsx(clean, strict).ok());
    // In any case; in an attribute, escaped as XML escapes it; but not in markup, which is no text.
    EXPECT_FALSE(safety::checkXlsx(clean, {&*doc, {QStringLiteral("HARASSMENT")}}).ok());
    {
        QMap<QString, QByteArray> changed = parts;
        replaceIn("xl/worksheets/sheet4.xml", "<sheetView workbookViewId=\"0\"/>",
                  "<sheetView workbookViewId=\"0\" topLeftCell=\"O&apos;Brien\"/>")(changed);
        const QString path = tmp.filePath(QStringLiteral("named.xlsx"));
        writeParts(path, changed);
        EXPECT_FALSE(safety::checkXlsx(path, {&*doc, {QStringLiteral("O'Brien")}}).ok());
    }
    EXPECT_TRUE(safety::checkXlsx(clean, {&*doc, {QStringLiteral("sheetData")}}).ok());
}

TEST(Export, TheAccountsNameIsForbiddenUnlessTheReleaseUsesTheWord)
{
    EXPECT_EQ(forbiddenWords(QStringLiteral("jsmith"), childrenRelease(), settings()),
              QStringList{QStringLiteral("jsmith")});
    // Words of the release itself: a table's title, the requester's words; the organisation; too short.
    EXPECT_TRUE(forbiddenWords(QStringLiteral("table"), childrenRelease(), settings()).isEmpty());
    EXPECT_TRUE(forbiddenWords(QStringLiteral("harassment"), childrenRelease(), settings()).isEmpty());
    EXPECT_TRUE(forbiddenWords(settings().organisation, childrenRelease(), settings()).isEmpty());
    EXPECT_TRUE(forbiddenWords(QStringLiteral("js"), childrenRelease(), settings()).isEmpty());
}

TEST(Export, ARefusedFileLeavesNothingBehind)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("refused.xlsx"));
    Result<QVector<ExportedFile>> files =
        exportRelease(childrenRelease(), settings(), out, {QStringLiteral("Harassment")});
    ASSERT_FALSE(files.ok());
    EXPECT_TRUE(files.error().message.contains(QStringLiteral("nothing was written")));
    EXPECT_TRUE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    // Nor does a release that fails its audit, or an output of another format.
    Release failing = childrenRelease();
    failing.passes = false;
    failing.failure = QStringLiteral("a withheld count can be worked out");
    EXPECT_FALSE(exportRelease(failing, settings(), out, {}).ok());
    EXPECT_FALSE(
        exportRelease(childrenRelease(), settings(), tmp.filePath(QStringLiteral("r.pdf")), {}).ok());
    EXPECT_TRUE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(Export, CsvGivesAFilePerTableWithAByteOrderMark)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("FOI-2026-0042.csv"));
    Result<QVector<ExportedFile>> files = exportRelease(childrenRelease(), settings(), out, {});
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    ASSERT_EQ(files->size(), 2);
    EXPECT_TRUE(files->at(0).path.endsWith(QLatin1String("FOI-2026-0042_Table_1.csv")));
    QFile f(files->at(1).path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    EXPECT_TRUE(bytes.contains("Age,Count\r\n"));
    // The gate refuses a CSV with anything else in it.
    Result<ReleaseDocument> doc = ReleaseDocument::make(childrenRelease(), settings());
    ASSERT_TRUE(doc.ok());
    const safety::Expected expected{&*doc, {}};
    EXPECT_TRUE(safety::checkCsv(bytes, f.fileName(), expected).ok());
    EXPECT_FALSE(safety::checkCsv(QByteArray(bytes).append("Total,987654\r\n"), f.fileName(), expected).ok());
    EXPECT_FALSE(safety::checkCsv(bytes.mid(3), f.fileName(), expected).ok());
}

// A requester's spreadsheet program: openpyxl (python3-openpyxl, installed by scripts/install-deps --test)
// reads the exported workbook.
TEST(Export, OpenpyxlFindsTheNamedTablesTheValuesAndNothingHiddenOrMerged)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("release.xlsx"));
    const Release release = childrenRelease();
    ASSERT_TRUE(exportRelease(release, settings(), out, {}).ok());
    Result<ReleaseDocument> doc = ReleaseDocument::make(release, settings());
    ASSERT_TRUE(doc.ok());

    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(FOI_SOURCE_DIR "/tests/tools/check_xlsx.py"), out});
    ASSERT_TRUE(python.waitForFinished(60000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
    const QJsonObject seen = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    EXPECT_EQ(seen.value(QStringLiteral("properties")).toObject().value(QStringLiteral("creator")).toString(),
              QStringLiteral("Example Constabulary"));
    EXPECT_EQ(seen.value(QStringLiteral("defined_names")).toInt(), 0);
    const QJsonArray sheets = seen.value(QStringLiteral("sheets")).toArray();
    ASSERT_EQ(sheets.size(), doc->sheets.size());
    for (qsizetype i = 0; i < sheets.size(); ++i) {
        const QJsonObject ws = sheets[i].toObject();
        const ReleaseSheet &sheet = doc->sheets[i];
        const std::string name = sheet.name.toStdString();
        EXPECT_EQ(ws.value(QStringLiteral("name")).toString(), sheet.name);
        EXPECT_EQ(ws.value(QStringLiteral("state")).toString(), QStringLiteral("visible")) << name;
        for (const char *none : {"merged", "hidden_rows", "hidden_columns"})
            EXPECT_TRUE(ws.value(QLatin1String(none)).toArray().isEmpty()) << name << " " << none;
        for (const char *none : {"freeze_panes", "auto_filter"})
            EXPECT_TRUE(ws.value(QLatin1String(none)).isNull()) << name << " " << none;
        for (const char *none : {"images", "charts", "formulas", "comments"})
            EXPECT_EQ(ws.value(QLatin1String(none)).toInt(), 0) << name << " " << none;
        const QJsonArray tables = ws.value(QStringLiteral("tables")).toArray();
        ASSERT_EQ(tables.size(), sheet.hasTable() ? 1 : 0) << name;
        // Title in A1, the lines under it, then the table: header and rows, nothing below.
        const QJsonArray values = ws.value(QStringLiteral("values")).toArray();
        ASSERT_EQ(values.size(), 1 + sheet.above.size() + (sheet.hasTable() ? 1 + sheet.rows.size() : 0))
            << name;
        EXPECT_EQ(values[0].toArray().first().toString(), sheet.title);
        if (!sheet.hasTable())
            continue;
        const QJsonObject table = tables.first().toObject();
        EXPECT_EQ(table.value(QStringLiteral("name")).toString(), sheet.tableName);
        EXPECT_FALSE(table.value(QStringLiteral("autofilter")).toBool()) << name;
        const qsizetype headerAt = 1 + sheet.above.size();
        const QString lastColumn = QString(QChar(char16_t(u'A' + sheet.header.size() - 1)));
        EXPECT_EQ(table.value(QStringLiteral("ref")).toString(), QStringLiteral("A%1:%2%3")
                                                                     .arg(headerAt + 1)
                                                                     .arg(lastColumn)
                                                                     .arg(headerAt + 1 + sheet.rows.size()));
        for (qsizetype r = 0; r < sheet.rows.size(); ++r) {
            const QJsonArray line = values[headerAt + 1 + r].toArray();
            for (qsizetype c = 0; c < sheet.rows[r].size(); ++c) {
                const SheetCell &cell = sheet.rows[r][c];
                if (cell.isNumber) {
                    EXPECT_TRUE(line[c].isDouble()) << name << " row " << r << " stored as text";
                    EXPECT_EQ(qint64(line[c].toDouble()), cell.number) << name;
                } else {
                    EXPECT_EQ(line[c].toString(), cell.text) << name;
                }
            }
        }
    }
}

TEST(Export, AnOdsPassesTheGateWithItsMimetypeFirstAndNamedRanges)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("release.ods"));
    Result<QVector<ExportedFile>> files = exportRelease(childrenRelease(), settings(), out, {});
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    Result<std::unique_ptr<ZipReader>> zip = ZipReader::open(out);
    ASSERT_TRUE(zip.ok());
    const QStringList entries = (*zip)->entries();
    ASSERT_FALSE(entries.isEmpty());
    EXPECT_EQ(entries.first(), QStringLiteral("mimetype"));
    EXPECT_EQ(*(*zip)->read(QStringLiteral("mimetype"), 100),
              QByteArray("application/vnd.oasis.opendocument.spreadsheet"));
    // Stored, not deflated: the type sits at a fixed place in the file.
    QFile raw(out);
    ASSERT_TRUE(raw.open(QIODevice::ReadOnly));
    EXPECT_EQ(raw.read(38 + 46).mid(38), QByteArray("application/vnd.oasis.opendocument.spreadsheet"));
    const QByteArray content = *(*zip)->read(QStringLiteral("content.xml"), 1 << 24);
    EXPECT_TRUE(content.contains("table:named-range table:name=\"Table_1\"")) << content.constData();
    EXPECT_TRUE(content.contains("office:value-type=\"float\""));
    const QByteArray meta = *(*zip)->read(QStringLiteral("meta.xml"), 1 << 20);
    EXPECT_TRUE(meta.contains("<dc:creator>Example Constabulary</dc:creator>")) << meta.constData();
}

TEST(SafetyGate, RefusesHiddenOrForeignContentInAnOds)
{
    QTemporaryDir tmp;
    Result<ReleaseDocument> doc = ReleaseDocument::make(childrenRelease(), settings());
    ASSERT_TRUE(doc.ok());
    const QString clean = tmp.filePath(QStringLiteral("clean.ods"));
    ASSERT_TRUE(writeOds(*doc, clean).ok());
    const safety::Expected expected{&*doc, {}};
    ASSERT_TRUE(safety::checkOds(clean, expected).ok());
    const QMap<QString, QByteArray> parts = partsOf(clean);
    const QByteArray content = parts.value(QStringLiteral("content.xml"));
    const QRegularExpression numberCell(QStringLiteral(R"re(office:value="([0-9]+)")re"));
    const QString firstValue = numberCell.match(QString::fromUtf8(content)).captured(0);
    ASSERT_FALSE(firstValue.isEmpty());

    struct Plant
    {
        const char *what;
        const char *part;
        QByteArray from, to;
    };
    const QVector<Plant> plants{
        {"a hidden row", "content.xml", "<table:table-row>",
         "<table:table-row table:visibility=\"collapse\">"},
        {"a hidden table", "content.xml", "<table:table table:name=\"Notes\">",
         "<table:table table:name=\"Notes\" table:display=\"false\">"},
        {"a merged cell", "content.xml", "<table:table-cell ",
         "<table:table-cell table:number-columns-spanned=\"2\" "},
        {"a formula", "content.xml", "<table:table-cell ",
         "<table:table-cell table:formula=\"of:=SUM([.B1:.B2])\" "},
        {"a number that is not released", "content.xml", firstValue.toUtf8(), "office:value=\"987654\""},
        {"a comment", "content.xml", "<text:p>",
         "<office:annotation><text:p>raw data</text:p></office:annotation><text:p>"},
        {"a text that is not in the release", "content.xml", "<text:p>Contents</text:p>",
         "<text:p>CR/0000123/17 Smith</text:p>"},
        {"the account as the author", "meta.xml", "<dc:creator>Example Constabulary</dc:creator>",
         "<dc:creator>jsmith</dc:creator>"},
        {"raw data in an XML comment", "content.xml", "<office:body>",
         "<!-- CR/0000123/17,N000000050,Smith,John,12 --><office:body>"},
        {"a file larger than its release makes", "styles.xml", "<office:styles/>",
         QByteArray(2 << 20, ' ') + "<office:styles/>"},
        {"a custom property", "meta.xml", "</office:meta>",
         "<meta:user-defined meta:name=\"source\">raw.xlsx</meta:user-defined></office:meta>"},
    };
    for (const Plant &plant : plants) {
        QMap<QString, QByteArray> changed = parts;
        QByteArray &xml = changed[QString::fromLatin1(plant.part)];
        ASSERT_TRUE(xml.contains(plant.from)) << plant.what;
        xml.replace(xml.indexOf(plant.from), plant.from.size(), plant.to);
        const QString path = tmp.filePath(QStringLiteral("planted.ods"));
        QFile::remove(path);
        writeOpenDocument(path, changed);
        Status s = safety::checkOds(path, expected);
        ASSERT_FALSE(s.ok()) << "not refused: " << plant.what;
        EXPECT_TRUE(s.error().message.contains(QStringLiteral("safety check"))) << plant.what;
    }
    // A part a release never has, and a file without its mimetype first.
    QMap<QString, QByteArray> extra = parts;
    extra.insert(QStringLiteral("Thumbnails/thumbnail.png"), "png");
    const QString extraPath = tmp.filePath(QStringLiteral("extra.ods"));
    writeParts(extraPath, extra); // in name order: the mimetype is not first either
    EXPECT_FALSE(safety::checkOds(extraPath, expected).ok());
}

namespace {

/// The lines of a CSV file as LibreOffice writes them, each split into its fields.
QVector<QStringList> csvLines(const QByteArray &bytes)
{
    QVector<QStringList> lines;
    QStringList fields;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else if (c == u'\n') {
            fields << field;
            field.clear();
            while (!fields.isEmpty() && fields.last().isEmpty())
                fields.removeLast(); // the empty cells of a short line
            lines << fields;
            fields.clear();
        } else if (c != u'\r') {
            field += c;
        }
    }
    return lines;
}

} // namespace

// A requester's office suite: LibreOffice (libreoffice-calc-nogui, installed by scripts/install-deps
// --test) opens the XLSX and the ODS headless and writes each sheet as CSV; every table sheet holds the
// document's header and rows, and every sheet its title in A1.
TEST(Export, LibreOfficeReadsTheReleasedCellsFromTheXlsxAndTheOds)
{
    QTemporaryDir tmp;
    const Release release = childrenRelease();
    Result<ReleaseDocument> doc = ReleaseDocument::make(release, settings());
    ASSERT_TRUE(doc.ok());
    for (const char *suffix : {"xlsx", "ods"}) {
        const QString out = tmp.filePath(QStringLiteral("release.%1").arg(QLatin1String(suffix)));
        ASSERT_TRUE(exportRelease(release, settings(), out, {}).ok()) << suffix;
        const QString csvDir = tmp.filePath(QStringLiteral("csv-%1").arg(QLatin1String(suffix)));
        QProcess soffice;
        soffice.start(
            QStringLiteral("soffice"),
            {QStringLiteral("-env:UserInstallation=file://") + tmp.filePath(QStringLiteral("profile")),
             QStringLiteral("--headless"), QStringLiteral("--convert-to"),
             // UTF-8, comma, quote, every sheet to its own file (-1)
             QStringLiteral("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"),
             QStringLiteral("--outdir"), csvDir, out});
        ASSERT_TRUE(soffice.waitForFinished(180000)) << "soffice did not finish";
        ASSERT_EQ(soffice.exitCode(), 0) << soffice.readAllStandardError().toStdString();
        for (const ReleaseSheet &sheet : doc->sheets) {
            QFile f(QDir(csvDir).filePath(QStringLiteral("release-%1.csv").arg(sheet.name)));
            ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << suffix << ": no sheet " << sheet.name.toStdString();
            const QVector<QStringList> lines = csvLines(f.readAll());
            ASSERT_FALSE(lines.isEmpty());
            EXPECT_EQ(lines.first().value(0), sheet.title) << suffix;
            if (!sheet.hasTable())
                continue;
            const qsizetype headerAt = 1 + sheet.above.size();
            ASSERT_EQ(lines.size(), headerAt + 1 + sheet.rows.size())
                << suffix << " " << sheet.name.toStdString();
            EXPECT_EQ(lines[headerAt], sheet.header) << suffix;
            for (qsizetype r = 0; r < sheet.rows.size(); ++r) {
                QStringList expected;
                for (const SheetCell &c : sheet.rows[r])
                    expected << (c.isNumber ? QString::number(c.number) : c.text);
                EXPECT_EQ(lines[headerAt + 1 + r], expected) << suffix << " " << sheet.name.toStdString();
            }
        }
    }
}

TEST(Export, TheResponseAsAnOdtHoldsItsLinesAndPassesTheGate)
{
    QTemporaryDir tmp;
    const Release release = childrenRelease();
    const QString path = tmp.filePath(QStringLiteral("response.odt"));
    Result<ExportedFile> written =
        exportResponse(release, settings(), {QStringLiteral("FOI-2026-0042.xlsx")}, path, {});
    ASSERT_TRUE(written.ok()) << written.error().toString().toStdString();
    EXPECT_EQ(written->sha256.size(), 64);
    EXPECT_EQ(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("response.odt")});
    const QString text = responseText(release, settings(), {QStringLiteral("FOI-2026-0042.xlsx")});
    const QString title = QStringLiteral("Response to Freedom of Information request FOI-2026-0042");

    // LibreOffice reads it back as the response's lines.
    QProcess soffice;
    soffice.start(QStringLiteral("soffice"),
                  {QStringLiteral("-env:UserInstallation=file://") + tmp.filePath(QStringLiteral("profile")),
                   QStringLiteral("--headless"), QStringLiteral("--convert-to"),
                   QStringLiteral("txt:Text (encoded):UTF8"), QStringLiteral("--outdir"),
                   tmp.filePath(QStringLiteral("txt")), path});
    ASSERT_TRUE(soffice.waitForFinished(180000));
    ASSERT_EQ(soffice.exitCode(), 0) << soffice.readAllStandardError().toStdString();
    QFile converted(tmp.filePath(QStringLiteral("txt/response.txt")));
    ASSERT_TRUE(converted.open(QIODevice::ReadOnly));
    QString read = QString::fromUtf8(converted.readAll());
    if (read.startsWith(QChar(0xFEFF)))
        read.remove(0, 1);
    read.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QString expected = text;
    expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    EXPECT_EQ(read.trimmed(), expected.trimmed());

    // Anything else in it is refused.
    const QMap<QString, QByteArray> parts = partsOf(path);
    struct Plant
    {
        const char *what;
        const char *part;
        QByteArray from, to;
    };
    const QVector<Plant> plants{
        {"a paragraph more", "content.xml", "</office:text>",
         "<text:p>CR/0000123/17 Smith</text:p></office:text>"},
        {"a comment", "content.xml", "<office:body>", "<!-- raw data --><office:body>"},
        {"an annotation", "content.xml", ">REQUEST</text:p>",
         ">REQUEST<office:annotation><text:p>x</text:p></office:annotation></text:p>"},
        {"the account as the author", "meta.xml", "<dc:creator>Example Constabulary</dc:creator>",
         "<dc:creator>jsmith</dc:creator>"},
    };
    ASSERT_TRUE(safety::checkOdt(path, text, title, QStringLiteral("Example Constabulary"), {}).ok());
    for (const Plant &plant : plants) {
        QMap<QString, QByteArray> changed = parts;
        QByteArray &xml = changed[QString::fromLatin1(plant.part)];
        ASSERT_TRUE(xml.contains(plant.from)) << plant.what;
        xml.replace(xml.indexOf(plant.from), plant.from.size(), plant.to);
        const QString planted = tmp.filePath(QStringLiteral("planted.odt"));
        QFile::remove(planted);
        writeOpenDocument(planted, changed);
        EXPECT_FALSE(safety::checkOdt(planted, text, title, QStringLiteral("Example Constabulary"), {}).ok())
            << "not refused: " << plant.what;
    }
    EXPECT_FALSE(safety::checkOdt(path, text, title, QStringLiteral("Example Constabulary"),
                                  {QStringLiteral("REQUEST")})
                     .ok());
}

namespace {

/// What LibreOffice reads from a text document, as plain text with LF line ends.
QString readWithLibreOffice(const QString &path, const QString &work)
{
    QProcess soffice;
    soffice.start(
        QStringLiteral("soffice"),
        {QStringLiteral("-env:UserInstallation=file://") + QDir(work).filePath(QStringLiteral("profile")),
         QStringLiteral("--headless"), QStringLiteral("--convert-to"),
         QStringLiteral("txt:Text (encoded):UTF8"), QStringLiteral("--outdir"),
         QDir(work).filePath(QStringLiteral("txt")), path});
    EXPECT_TRUE(soffice.waitForFinished(180000));
    EXPECT_EQ(soffice.exitCode(), 0) << soffice.readAllStandardError().toStdString();
    QFile converted(
        QDir(work).filePath(QStringLiteral("txt/%1.txt").arg(QFileInfo(path).completeBaseName())));
    EXPECT_TRUE(converted.open(QIODevice::ReadOnly)) << converted.fileName().toStdString();
    QString read = QString::fromUtf8(converted.readAll());
    if (read.startsWith(QChar(0xFEFF)))
        read.remove(0, 1);
    return read.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
}

} // namespace

TEST(Export, TheResponseAsADocxHoldsItsLinesAndPassesTheGate)
{
    QTemporaryDir tmp;
    const Release release = childrenRelease();
    const QString path = tmp.filePath(QStringLiteral("response.docx"));
    Result<ExportedFile> written =
        exportResponse(release, settings(), {QStringLiteral("FOI-2026-0042.xlsx")}, path, {});
    ASSERT_TRUE(written.ok()) << written.error().toString().toStdString();
    EXPECT_EQ(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("response.docx")});
    const QString text = responseText(release, settings(), {QStringLiteral("FOI-2026-0042.xlsx")});
    const QString title = QStringLiteral("Response to Freedom of Information request FOI-2026-0042");

    // LibreOffice reads it back as the response's lines.
    QString expected = text;
    expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    EXPECT_EQ(readWithLibreOffice(path, tmp.path()).trimmed(), expected.trimmed());

    // Anything else in it is refused: each plant is a change of one part, or one part more.
    const QMap<QString, QByteArray> parts = partsOf(path);
    const QString organisation = QStringLiteral("Example Constabulary");
    ASSERT_TRUE(safety::checkDocx(path, text, title, organisation, {}).ok());
    struct Plant
    {
        const char *what;
        const char *part;
        QByteArray from, to;
    };
    const QByteArray request = "<w:t xml:space=\"preserve\">REQUEST</w:t></w:r>";
    const QVector<Plant> plants{
        {"a paragraph more", "word/document.xml", "<w:sectPr>",
         "<w:p><w:r><w:t>CR/0000123/17 Smith</w:t></w:r></w:p><w:sectPr>"},
        {"hidden text", "word/document.xml", request,
         request + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>CR/0000123/17 Smith</w:t></w:r>"},
        {"a tracked deletion", "word/document.xml", request,
         request + "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>Smith</w:delText></w:r></w:del>"},
        {"a comment mark", "word/document.xml", request, request + "<w:commentReference w:id=\"0\"/>"},
        {"a field", "word/document.xml", request,
         request + "<w:r><w:instrText>INCLUDETEXT \"C:\\\\raw.xlsx\"</w:instrText></w:r>"},
        {"an element of another namespace", "word/document.xml", "<w:sectPr>",
         "<x:p xmlns:x=\"urn:x\">CR/0000123/17</x:p><w:sectPr>"},
        {"an XML comment", "word/document.xml", "<w:body>", "<!-- CR/0000123/17,Smith --><w:body>"},
        {"the account as the author", "docProps/core.xml", "<dc:creator>Example Constabulary</dc:creator>",
         "<dc:creator>jsmith</dc:creator>"},
        {"the account as the last editor", "docProps/core.xml",
         "<cp:lastModifiedBy>Example Constabulary</cp:lastModifiedBy>",
         "<cp:lastModifiedBy>jsmith</cp:lastModifiedBy>"},
        {"a property more", "docProps/core.xml", "</cp:coreProperties>",
         "<cp:keywords>Smith</cp:keywords></cp:coreProperties>"},
        {"an outside link", "_rels/.rels", "Target=\"word/document.xml\"",
         "Target=\"file:///C:/raw.xlsx\" TargetMode=\"External\""},
        {"a comments part", "word/comments.xml", {}, "<w:comments/>"},
        {"custom properties", "docProps/custom.xml", {}, "<Properties/>"},
        {"an embedded workbook", "word/embeddings/raw.xlsx", {}, "PK"},
    };
    for (const Plant &plant : plants) {
        QMap<QString, QByteArray> changed = parts;
        QByteArray &xml = changed[QString::fromLatin1(plant.part)];
        if (plant.from.isEmpty()) {
            xml = plant.to;
        } else {
            ASSERT_TRUE(xml.contains(plant.from)) << plant.what;
            xml.replace(xml.indexOf(plant.from), plant.from.size(), plant.to);
        }
        const QString planted = tmp.filePath(QStringLiteral("planted.docx"));
        QFile::remove(planted);
        writeParts(planted, changed);
        const Status s = safety::checkDocx(planted, text, title, organisation, {});
        ASSERT_FALSE(s.ok()) << "not refused: " << plant.what;
        EXPECT_TRUE(s.error().message.contains(QStringLiteral("safety check"))) << plant.what;
    }
    // A forbidden word, in any case.
    EXPECT_FALSE(safety::checkDocx(path, text, title, organisation, {QStringLiteral("request")}).ok());
}

TEST(LetterTemplate, TheBuiltInLetterIsTheSeedsShape)
{
    const QString text = responseText(childrenRelease(), settings(), {QStringLiteral("FOI-2026-0042.xlsx")});
    const QStringList lines = text.split(QStringLiteral("\r\n"));
    ASSERT_GE(lines.size(), 12);
    EXPECT_EQ(lines[0], QStringLiteral("24 November 2026"));
    EXPECT_EQ(lines[2], QStringLiteral("Freedom of Information Request - Reference No: FOI-2026-0042"));
    EXPECT_EQ(lines[4], QStringLiteral("REQUEST"));
    EXPECT_EQ(lines[6], QStringLiteral("How many crimes were children of 8 and 9 linked to in 2017?"));
    EXPECT_EQ(lines[8], QStringLiteral("RESPONSE"));
    EXPECT_TRUE(text.contains(QStringLiteral("the enclosed spreadsheet (FOI-2026-0042.xlsx), which holds 2 "
                                             "tables:\r\nTable 1: Offences by Home Office offence class\r\n"
                                             "Table 2: Offences by age\r\n")))
        << text.toStdString();
    EXPECT_TRUE(text.endsWith(QStringLiteral(
        "\r\nExample Constabulary\r\nFreedom of Information Unit, foi@example.police.uk\r\n")));
    // Without a contact, its line goes, not just its text.
    ExportSettings noContact = settings();
    noContact.contact.clear();
    EXPECT_TRUE(responseText(childrenRelease(), noContact, {})
                    .endsWith(QStringLiteral("\r\n\r\nExample "
                                             "Constabulary\r\n")));
}

TEST(LetterTemplate, AForcesLetterIsFilledIn)
{
    Result<LetterTemplate> letter =
        LetterTemplate::parse(QStringLiteral("EXAMPLE CONSTABULARY\n"
                                             "Our reference: {{ reference }}   Date: {{date}}\n"
                                             "\n"
                                             "Dear Requester,\n"
                                             "\n"
                                             "You asked: \"{{request}}\"\n"
                                             "{{search}}\n"
                                             "\n"
                                             "{{tables}}\n"
                                             "\n"
                                             "{{disclosure}}\n"
                                             "{{contact}}\n"
                                             "Yours sincerely,\n"
                                             "{{organisation}} Information Management\n"),
                              QStringLiteral("letter.txt"));
    ASSERT_TRUE(letter.ok()) << letter.error().toString().toStdString();
    const Release release = childrenRelease();
    ExportSettings s = settings();
    s.contact.clear();
    const QString text = responseText(release, s, {QStringLiteral("a.xlsx")}, *letter);
    const QStringList lines = text.split(QStringLiteral("\r\n"));
    EXPECT_EQ(lines[0], QStringLiteral("EXAMPLE CONSTABULARY"));
    EXPECT_EQ(lines[1], QStringLiteral("Our reference: FOI-2026-0042   Date: 24 November 2026"));
    EXPECT_EQ(lines[5],
              QStringLiteral("You asked: \"How many crimes were children of 8 and 9 linked to in 2017?\""));
    EXPECT_EQ(lines[6], release.searchText.trimmed().split(QLatin1Char('\n')).first());
    EXPECT_TRUE(text.contains(QStringLiteral("\r\nTable 2: Offences by age\r\n")));
    EXPECT_TRUE(text.contains(release.disclosureText.trimmed().split(QLatin1Char('\n')).first()));
    EXPECT_FALSE(text.contains(QStringLiteral("{{")));
    // The empty contact's line is gone; the organisation is filled in within its line.
    EXPECT_TRUE(text.endsWith(
        QStringLiteral("\r\nYours sincerely,\r\nExample Constabulary Information Management\r\n")))
        << text.toStdString();

    // And it goes through the gate as a DOCX or ODT like the built-in letter.
    QTemporaryDir tmp;
    for (const char *name : {"letter.docx", "letter.odt"}) {
        const QString path = tmp.filePath(QLatin1String(name));
        Result<ExportedFile> written =
            exportResponse(release, s, {QStringLiteral("a.xlsx")}, path, {QStringLiteral("jsmith")}, *letter);
        ASSERT_TRUE(written.ok()) << written.error().toString().toStdString();
    }
    QString expected = text;
    expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    EXPECT_EQ(readWithLibreOffice(tmp.filePath(QStringLiteral("letter.docx")), tmp.path()).trimmed(),
              expected.trimmed());
}

TEST(LetterTemplate, AMistakeInATemplateNamesItsLine)
{
    Result<LetterTemplate> unknown = LetterTemplate::parse(
        QStringLiteral("Dear Requester,\n{{response}}\nRef {{referense}}\n"), QStringLiteral("letter.txt"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().file, QStringLiteral("letter.txt"));
    EXPECT_EQ(unknown.error().line, 3);
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("{{referense}}")));
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("{{reference}}")));

    Result<LetterTemplate> unclosed = LetterTemplate::parse(
        QStringLiteral("{{response}}\n\nSigned {{organisation\n"), QStringLiteral("l.txt"));
    ASSERT_FALSE(unclosed.ok());
    EXPECT_EQ(unclosed.error().line, 3);

    // A letter that would not say what is attached, or which exemptions were weighed.
    Result<LetterTemplate> noResponse = LetterTemplate::parse(
        QStringLiteral("Dear Requester,\n{{search}}\n{{tables}}\n"), QStringLiteral("l.txt"));
    ASSERT_FALSE(noResponse.ok());
    EXPECT_TRUE(noResponse.error().message.contains(QStringLiteral("{{disclosure}}")));

    // A file that is not plain text (a Word document saved under .txt).
    QTemporaryDir tmp;
    QFile word(tmp.filePath(QStringLiteral("letter.txt")));
    ASSERT_TRUE(word.open(QIODevice::WriteOnly));
    word.write(QByteArray("PK\x03\x04\x14\x00\x06\x00\xff\xfe\x00", 11));
    word.close();
    Result<LetterTemplate> binary = LetterTemplate::load(word.fileName());
    ASSERT_FALSE(binary.ok());
    EXPECT_TRUE(binary.error().message.contains(QStringLiteral("UTF-8")))
        << binary.error().toString().toStdString();
    EXPECT_FALSE(LetterTemplate::load(tmp.filePath(QStringLiteral("missing.txt"))).ok());
}
