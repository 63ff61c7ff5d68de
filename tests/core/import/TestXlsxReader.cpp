#include "RecordTestSupport.h"
#include "common/Zip.h"
#include "import/XlsxReader.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <map>

using foi::XlsxReader;
using foi::test::ReadRecords;
using foi::test::Row;
using foi::test::Rows;

namespace {

ReadRecords readXlsx(const QString &path)
{
    XlsxReader reader(path);
    return foi::test::readRecords(reader);
}

std::string errorText(const ReadRecords &r)
{
    return r.error ? r.error->toString().toStdString() : std::string();
}

// A workbook written with libxlsxwriter, the library CONNECT's exports are most like, in this process: it
// and foi_core's zip classes share the system minizip.
class Workbook
{
public:
    explicit Workbook(const QString &path, bool constantMemory = false)
        : m_path(QFile::encodeName(path))
    {
        lxw_workbook_options options{};
        options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
        m_book = workbook_new_opt(m_path.constData(), &options);
        EXPECT_NE(m_book, nullptr) << "cannot create " << m_path.constData();
    }
    ~Workbook()
    {
        if (m_book)
            workbook_close(m_book);
    }
    Workbook(const Workbook &) = delete;
    Workbook &operator=(const Workbook &) = delete;

    lxw_format *format(const char *numberFormat, bool bold = false)
    {
        lxw_format *f = workbook_add_format(m_book);
        if (numberFormat)
            format_set_num_format(f, numberFormat);
        if (bold)
            format_set_bold(f);
        return f;
    }
    lxw_worksheet *sheet(const char *name = nullptr) { return workbook_add_worksheet(m_book, name); }
    lxw_error close()
    {
        const lxw_error e = workbook_close(m_book);
        m_book = nullptr;
        return e;
    }

private:
    QByteArray m_path;
    lxw_workbook *m_book = nullptr;
};

void ok(lxw_error e)
{
    EXPECT_EQ(e, LXW_NO_ERROR) << lxw_strerror(e);
}

// A CONNECT-like extract as libxlsxwriter writes it: shared strings by default, inline strings in
// constant memory mode.
void writeConnect(const QString &path, bool constantMemory = false)
{
    Workbook book(path, constantMemory);
    lxw_format *iso = book.format("yyyy-mm-dd");
    lxw_format *uk = book.format("dd/mm/yyyy hh:mm");
    lxw_format *money = book.format("0.00");
    lxw_format *time = book.format("hh:mm");
    lxw_format *bold = book.format(nullptr, true);
    lxw_worksheet *sheet = book.sheet("Extract");
    const char *const header[] = {"OccurrenceReference", "RecordedOn", "DateOfBirth", "AgeAtCommitted",
                                  "Summary"};
    for (lxw_col_t c = 0; c < 5; ++c)
        ok(worksheet_write_string(sheet, 0, c, header[c], bold));
    ok(worksheet_write_string(sheet, 1, 0, "OCC-2017-0004512", nullptr));
    lxw_datetime recorded{2017, 12, 5, 14, 32, 0};
    ok(worksheet_write_datetime(sheet, 1, 1, &recorded, uk));
    lxw_datetime born{2008, 7, 21, 0, 0, 0};
    ok(worksheet_write_datetime(sheet, 1, 2, &born, iso));
    ok(worksheet_write_number(sheet, 1, 3, 9, nullptr));
    ok(worksheet_write_string(sheet, 1, 4, "O’Brien, café \"quoted\"\nsecond line", nullptr));
    // Row 3 (index 2) is missing altogether; row 4 holds only a styled blank cell: both are skipped.
    ok(worksheet_write_blank(sheet, 3, 1, bold));
    // Sparse: columns A and D only.
    ok(worksheet_write_string(sheet, 4, 0, "OCC-2018-0000001", nullptr));
    ok(worksheet_write_number(sheet, 4, 3, 20170105, nullptr));
    ok(worksheet_write_number(sheet, 5, 0, 3.25, nullptr));
    ok(worksheet_write_number(sheet, 5, 1, -1.5, nullptr));
    ok(worksheet_write_number(sheet, 5, 2, 12.5, money));
    ok(worksheet_write_number(sheet, 5, 3, 0.5, time));
    ok(worksheet_write_boolean(sheet, 5, 4, 1, nullptr));
    lxw_datetime day{2017, 12, 4, 0, 0, 0};
    ok(worksheet_write_datetime(sheet, 6, 0, &day, uk));
    ok(worksheet_write_formula_str(sheet, 6, 1, "=\"A\"&\"B\"", nullptr, "AB"));
    lxw_worksheet *notes = book.sheet("Notes");
    ok(worksheet_write_string(notes, 0, 0, "not the data", nullptr));
    ok(book.close());
}

const Rows kLibxlsxwriterRows{
    {"OccurrenceReference", "RecordedOn", "DateOfBirth", "AgeAtCommitted", "Summary"},
    {"OCC-2017-0004512", "2017-12-05T14:32:00", "2008-07-21", "9", "O’Brien, café \"quoted\"\nsecond line"},
    {"OCC-2018-0000001", "", "", "20170105"},
    {"3.25", "-1.5", "12.5", "12:00:00", "TRUE"},
    {"2017-12-04", "AB"},
};
const std::vector<qint64> kLibxlsxwriterLines{1, 2, 5, 6, 7};

// A package written part by part, for what libxlsxwriter never writes.
void writeZip(const QString &path, const std::map<QString, QByteArray> &parts, bool compress = true)
{
    auto zip = foi::ZipWriter::open(path);
    ASSERT_TRUE(zip.ok()) << zip.error().toString().toStdString();
    for (const auto &[name, bytes] : parts) {
        const foi::Status added = (*zip)->add(name, bytes, compress);
        ASSERT_TRUE(added.ok()) << added.error().toString().toStdString();
    }
    const foi::Status closed = (*zip)->close();
    ASSERT_TRUE(closed.ok()) << closed.error().toString().toStdString();
}

const QByteArray kRootRels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>
</Relationships>)";

// The first sheet in tab order is rId7, listed after rId1 in the relationships; targets are absolute.
const QByteArray kWorkbook = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/>
<sheets><sheet name="Data" sheetId="2" rel:id="rId7"/><sheet name="Other" sheetId="1" rel:id="rId1"/></sheets>
</workbook>)";

const QByteArray kWorkbookRels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../xl/styles.xml"/>
<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" TargetMode="External"/>
</Relationships>)";

const QByteArray kSharedStrings = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>plain</t></si>
<si><r><t xml:space="preserve">Hello </t></r><r><rPr><b/></rPr><t>world</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
<si><t xml:space="preserve">  line_x000D_
two &amp; _x005F_x0041_ </t></si>
</sst>)";

// xf 1: "0.00"; 2: [h]:mm; 3: escaped date; 4: "day" in quotes; 5: [Red]; 6: locale and long date;
// 7: built-in 14; 8: built-in 22. cellStyleXfs has a date xf that cells never use.
const QByteArray kStyles = R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="6">
<numFmt numFmtId="164" formatCode="0.00"/>
<numFmt numFmtId="165" formatCode="[h]:mm"/>
<numFmt numFmtId="166" formatCode="yyyy\-mm\-dd"/>
<numFmt numFmtId="167" formatCode="&quot;day&quot; 0"/>
<numFmt numFmtId="168" formatCode="[Red]0.0;[Blue]\-0.0"/>
<numFmt numFmtId="169" formatCode="[$-F800]dddd, mmmm dd, yyyy"/>
</numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="9">
<xf numFmtId="0" xfId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>
<xf numFmtId="168"/><xf numFmtId="169"/><xf numFmtId="14"/><xf numFmtId="22"/>
</cellXfs>
</styleSheet>)";

// With a namespace prefix, cells without r attributes, a row without r, every cell type.
const QByteArray kDataSheet = R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData>
<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>rich </x:t></x:r><x:r><x:t>inline</x:t></x:r></x:is></x:c><x:c r="C3" t="str"><x:f>A1&amp;"x"</x:f><x:v>plainx</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>
<x:row><x:c r="B4"><x:v>7.0</x:v></x:c><x:c><x:v>2.0170105E7</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c><x:c t="n"><x:v>0.30000000000000004</x:v></x:c></x:row>
<x:row r="6"><x:c s="1"><x:v>12.5</x:v></x:c><x:c s="2"><x:v>0.25</x:v></x:c><x:c s="3"><x:v>0</x:v></x:c><x:c s="3"><x:v>1</x:v></x:c><x:c s="4"><x:v>3</x:v></x:c><x:c s="5"><x:v>4</x:v></x:c><x:c s="6"><x:v>5113</x:v></x:c><x:c s="7"><x:v>5112.5</x:v></x:c><x:c s="8"><x:v>-3</x:v></x:c></x:row>
<x:row r="7"><x:c r="A7" s="1"/><x:c r="B7" t="s"/></x:row>
<x:row r="8"><x:c r="D8" t="inlineStr"><x:is><x:t>last</x:t></x:is></x:c></x:row>
</x:sheetData>
</x:worksheet>)";

const QByteArray kOtherSheet = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>)";

std::map<QString, QByteArray> handMadeParts()
{
    return {
        {QStringLiteral("_rels/.rels"), kRootRels},
        {QStringLiteral("xl/workbook.xml"), kWorkbook},
        {QStringLiteral("xl/_rels/workbook.xml.rels"), kWorkbookRels},
        {QStringLiteral("xl/strings.xml"), kSharedStrings},
        {QStringLiteral("xl/styles.xml"), kStyles},
        {QStringLiteral("xl/worksheets/data.xml"), kDataSheet},
        {QStringLiteral("xl/worksheets/sheet1.xml"), kOtherSheet},
    };
}

// A one-sheet workbook in the 1900 date system holding the numbers in column A, styled with format.
QString writeSerials(const QTemporaryDir &dir, const std::vector<double> &serials, const char *format)
{
    const QString path = dir.filePath(QStringLiteral("serials.xlsx"));
    Workbook book(path);
    lxw_format *f = book.format(format);
    lxw_worksheet *sheet = book.sheet();
    for (size_t i = 0; i < serials.size(); ++i)
        ok(worksheet_write_number(sheet, static_cast<lxw_row_t>(i), 0, serials[i], f));
    ok(book.close());
    return path;
}

} // namespace

TEST(XlsxReader, SharedStringsNumbersDatesAndSparseCells)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeConnect(path);
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, kLibxlsxwriterRows);
    EXPECT_EQ(r.lines, kLibxlsxwriterLines);
}

TEST(XlsxReader, InlineStringsInConstantMemoryMode)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeConnect(path, true);
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, kLibxlsxwriterRows);
    EXPECT_EQ(r.lines, kLibxlsxwriterLines);
}

TEST(XlsxReader, ProgressAndOpen)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeConnect(path);
    auto opened = XlsxReader::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().toString().toStdString();
    XlsxReader &reader = **opened;
    EXPECT_GT(reader.totalBytes(), 0);
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.fieldCount(), 5);
    EXPECT_EQ(reader.field(5), std::string_view());
    EXPECT_EQ(reader.field(-1), std::string_view());
    while (reader.next()) {
    }
    EXPECT_FALSE(reader.error().has_value());
    EXPECT_EQ(reader.bytesRead(), reader.totalBytes());
    EXPECT_FALSE(reader.next());
}

TEST(XlsxReader, HandMadeWorkbook)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hand.xlsx"));
    writeZip(path, handMadeParts());
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    const Rows expected{
        {"plain", "Hello world", "  line\r\ntwo & _x0041_ "},
        {"rich inline", "", "plainx", "#N/A", "FALSE"},
        {"", "7", "20170105", "1.5E-3", "0.30000000000000004"},
        // 1904 system: below 1 is a time of day, 1 is 2 January 1904, 5113 is 31 December 1917.
        {"12.5", "06:00:00", "00:00:00", "1904-01-02", "3", "4", "1917-12-31", "1917-12-30T12:00:00", "-3"},
        {"", "", "", "last"},
    };
    EXPECT_EQ(r.records, expected);
    EXPECT_EQ(r.lines, (std::vector<qint64>{1, 3, 4, 6, 8}));
}

// Found by fuzzing (fuzz/regressions/xlsx_reader/row-number-at-the-largest-integer.parts): the row after
// r="9223372036854775807" overflowed. A row number no sheet can have (1 to 1048576) is taken as a row
// without one: the row after the previous.
TEST(XlsxReader, RowNumbersNoSheetCanHaveFollowThePreviousRow)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.xlsx"));
    std::map<QString, QByteArray> parts = handMadeParts();
    parts[QStringLiteral("xl/worksheets/data.xml")] = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="3"><c t="inlineStr"><is><t>a</t></is></c></row>
<row r="9223372036854775807"><c t="inlineStr"><is><t>b</t></is></c></row>
<row><c t="inlineStr"><is><t>c</t></is></c></row>
<row r="0"><c t="inlineStr"><is><t>d</t></is></c></row>
<row r="-2"><c t="inlineStr"><is><t>e</t></is></c></row>
<row r="1048577"><c t="inlineStr"><is><t>f</t></is></c></row>
<row r="1048576"><c t="inlineStr"><is><t>g</t></is></c></row>
</sheetData></worksheet>)";
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, (Rows{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"g"}}));
    EXPECT_EQ(r.lines, (std::vector<qint64>{3, 4, 5, 6, 7, 8, 1048576}));
}

TEST(XlsxReader, DateSerialsIn1900System)
{
    QTemporaryDir dir;
    const std::vector<double> serials{1, 59, 60, 61, 43074, 43074.60555555556, 43074.999999, 0.75, 2958465};
    const ReadRecords r = readXlsx(writeSerials(dir, serials, "dd/mm/yyyy hh:mm:ss"));
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    const Rows expected{{"1900-01-01"}, {"1900-02-28"}, {"1900-02-29"},
                        {"1900-03-01"}, {"2017-12-05"}, {"2017-12-05T14:32:00"},
                        {"2017-12-06"}, {"18:00:00"},   {"9999-12-31"}};
    EXPECT_EQ(r.records, expected);
}

TEST(XlsxReader, NumbersThatAreNoDatesKeepTheirText)
{
    QTemporaryDir dir;
    const ReadRecords r = readXlsx(writeSerials(dir, {-1, 3000000}, "yyyy-mm-dd"));
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, (Rows{{"-1"}, {"3000000"}}));
}

TEST(XlsxReader, FileThatIsNotAZip)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fake.xlsx"));
    foi::test::writeAll(path, "OccurrenceReference,RecordedOn\n");
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->file, QStringLiteral("fake.xlsx"));
    EXPECT_EQ(r.error->message, QStringLiteral("not an XLSX workbook: the file is not a zip archive"));
    EXPECT_FALSE(XlsxReader::open(path).ok());
}

TEST(XlsxReader, MissingFile)
{
    QTemporaryDir dir;
    const ReadRecords r = readXlsx(dir.filePath(QStringLiteral("none.xlsx")));
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.startsWith(QStringLiteral("cannot open the file")));
}

TEST(XlsxReader, ZipWithoutWorkbook)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.xlsx"));
    writeZip(path, {{QStringLiteral("hello.txt"), "hello"}});
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->message, QStringLiteral("not an XLSX workbook: xl/workbook.xml is missing"));
}

TEST(XlsxReader, MissingSheetPart)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nosheet.xlsx"));
    auto parts = handMadeParts();
    parts.erase(QStringLiteral("xl/worksheets/data.xml"));
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("xl/worksheets/data.xml is missing")))
        << errorText(r);
}

TEST(XlsxReader, BadXmlInTheWorkbook)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.xlsx"));
    auto parts = handMadeParts();
    parts[QStringLiteral("xl/workbook.xml")] = "<workbook><sheets><sheet";
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.startsWith(QStringLiteral("bad XML in xl/workbook.xml"))) << errorText(r);
}

TEST(XlsxReader, BadXmlInTheSharedStrings)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("badstrings.xlsx"));
    auto parts = handMadeParts();
    parts[QStringLiteral("xl/strings.xml")] = "<sst><si><t>unclosed</sst>";
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.startsWith(QStringLiteral("bad XML in xl/strings.xml"))) << errorText(r);
}

TEST(XlsxReader, BadXmlInTheSheetAfterSomeRows)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("truncated.xlsx"));
    auto parts = handMadeParts();
    QByteArray &sheet = parts[QStringLiteral("xl/worksheets/data.xml")];
    sheet.truncate(sheet.indexOf("<x:row r=\"6\">") + 20);
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    EXPECT_EQ(r.records.size(), 3U);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.startsWith(QStringLiteral("bad XML in xl/worksheets/data.xml")))
        << errorText(r);
}

TEST(XlsxReader, SharedStringOutOfRange)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("range.xlsx"));
    auto parts = handMadeParts();
    parts[QStringLiteral("xl/worksheets/data.xml")] =
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="2"><c r="AB2" t="s"><v>99</v></c></row></sheetData></worksheet>)";
    writeZip(path, parts);
    const ReadRecords r = readXlsx(path);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->line, 2);
    EXPECT_EQ(r.error->field, QStringLiteral("AB2"));
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("shared string 99")));
}

TEST(XlsxReader, WorkbookWithoutStringsOrStyles)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bare.xlsx"));
    writeZip(
        path,
        {
            {QStringLiteral("xl/workbook.xml"),
             R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet r:id="a"/></sheets></workbook>)"},
            {QStringLiteral("xl/_rels/workbook.xml.rels"),
             R"(<Relationships><Relationship Id="a" Target="worksheets/s.xml"/></Relationships>)"},
            {QStringLiteral("xl/worksheets/s.xml"),
             R"(<worksheet><sheetData><row><c s="3"><v>42</v></c></row></sheetData></worksheet>)"},
        });
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, (Rows{{"42"}}));
    EXPECT_EQ(r.lines, (std::vector<qint64>{1}));
}

TEST(XlsxReader, DamagedPartsAreReportedAsDamaged)
{
    // Stored parts with one letter changed: the XML is still good, only the checksum tells. The sheet is
    // streamed and parsed only to the end of its data, the shared strings streamed, the workbook read whole.
    struct Case
    {
        QByteArray text;
        qsizetype letter; // the index in text of the letter changed
        QString part;
    };
    const std::vector<Case> cases{
        {"<x:t>last</x:t>", 6, QStringLiteral("xl/worksheets/data.xml")},
        {"<si><t>plain</t>", 8, QStringLiteral("xl/strings.xml")},
        {"name=\"Data\"", 7, QStringLiteral("xl/workbook.xml")},
    };
    for (const Case &c : cases) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.xlsx"));
        writeZip(path, handMadeParts(), false);
        QByteArray bytes = foi::test::readAll(path);
        const qsizetype at = bytes.indexOf(c.text);
        ASSERT_GE(at, 0) << c.part.toStdString();
        ASSERT_EQ(bytes.indexOf(c.text, at + 1), -1);
        bytes[at + c.letter] = 'X';
        foi::test::writeAll(path, bytes);

        const ReadRecords r = readXlsx(path);
        ASSERT_TRUE(r.error.has_value()) << c.part.toStdString();
        EXPECT_EQ(r.error->file, QStringLiteral("damaged.xlsx"));
        EXPECT_EQ(
            r.error->message,
            QStringLiteral("entry %1 is damaged: its data does not match its checksum (CRC)").arg(c.part));
    }
}

TEST(XlsxReader, LibxlsxwriterAndTheZipClassesShareOneProcess)
{
    // With a second copy of minizip in the process, libxlsxwriter crashed in workbook_close
    // (docs/decisions.md). Now there is one minizip, and libxlsxwriter, ZipReader and ZipWriter take turns
    // and overlap.
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("first.xlsx"));
    writeConnect(first);
    const ReadRecords r = readXlsx(first);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, kLibxlsxwriterRows);

    const QString plain = dir.filePath(QStringLiteral("plain.zip"));
    writeZip(plain, {{QStringLiteral("a.txt"), "alpha"}, {QStringLiteral("b.txt"), "beta"}});

    // A workbook is written while a zip is open and an entry half read.
    auto reader = foi::ZipReader::open(plain);
    ASSERT_TRUE(reader.ok()) << reader.error().toString().toStdString();
    auto entry = (*reader)->openEntry(QStringLiteral("b.txt"));
    ASSERT_TRUE(entry.ok());
    char two[2];
    ASSERT_EQ((*entry)->read(two, 2), 2);
    const QString second = dir.filePath(QStringLiteral("second.xlsx"));
    writeConnect(second, true);
    EXPECT_EQ(QByteArray(two, 2) + (*entry)->readAll(), QByteArray("beta"));
    EXPECT_FALSE((*entry)->error().has_value());

    const ReadRecords again = readXlsx(second);
    ASSERT_FALSE(again.error.has_value()) << errorText(again);
    EXPECT_EQ(again.records, kLibxlsxwriterRows);
    auto workbook = foi::ZipReader::open(second);
    ASSERT_TRUE(workbook.ok());
    EXPECT_TRUE((*workbook)->contains(QStringLiteral("xl/workbook.xml")));
}
