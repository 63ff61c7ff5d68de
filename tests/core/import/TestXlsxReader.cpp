#include "RecordTestSupport.h"
#include "common/Zip.h"
#include "import/XlsxReader.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

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

// One command of the xlsx_fixture script: fields joined by tabs, with the helper's escapes.
QString command(std::initializer_list<QString> fields)
{
    QStringList escaped;
    for (QString f : fields) {
        f.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        f.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        f.replace(QLatin1Char('\r'), QStringLiteral("\\r"));
        f.replace(QLatin1Char('\t'), QStringLiteral("\\t"));
        escaped << f;
    }
    return escaped.join(QLatin1Char('\t'));
}

// Writes a workbook with libxlsxwriter, in the xlsx_fixture helper process: libxlsxwriter cannot run in a
// process that has QuaZip loaded (tests/support/xlsx_fixture.cpp says why).
void writeWithLibxlsxwriter(const QString &path, const QStringList &script, bool constantMemory = false)
{
    QProcess helper;
    QStringList arguments{path};
    if (constantMemory)
        arguments << QStringLiteral("constant_memory");
    helper.start(QStringLiteral(FOI_XLSX_FIXTURE_PATH), arguments);
    ASSERT_TRUE(helper.waitForStarted()) << "cannot start " FOI_XLSX_FIXTURE_PATH;
    helper.write(script.join(QLatin1Char('\n')).toUtf8());
    helper.closeWriteChannel();
    ASSERT_TRUE(helper.waitForFinished(60000));
    ASSERT_EQ(helper.exitStatus(), QProcess::NormalExit);
    ASSERT_EQ(helper.exitCode(), 0) << helper.readAllStandardError().toStdString();
}

QString n(int i)
{
    return QString::number(i);
}

// A CONNECT-like extract as libxlsxwriter (the library connect.xlsx exports are most like) writes it:
// shared strings by default, inline strings in constant memory mode.
QStringList connectScript()
{
    const QString s = QStringLiteral("string");
    const QString num = QStringLiteral("number");
    const QString dt = QStringLiteral("datetime");
    QStringList script{
        command({QStringLiteral("format"), QStringLiteral("iso"), QStringLiteral("yyyy-mm-dd")}),
        command({QStringLiteral("format"), QStringLiteral("uk"), QStringLiteral("dd/mm/yyyy hh:mm")}),
        command({QStringLiteral("format"), QStringLiteral("money"), QStringLiteral("0.00")}),
        command({QStringLiteral("format"), QStringLiteral("time"), QStringLiteral("hh:mm")}),
        command({QStringLiteral("format"), QStringLiteral("bold"), QString(), QStringLiteral("bold")}),
        command({QStringLiteral("sheet"), QStringLiteral("Extract")}),
    };
    const QStringList header{QStringLiteral("OccurrenceReference"), QStringLiteral("RecordedOn"),
                             QStringLiteral("DateOfBirth"), QStringLiteral("AgeAtCommitted"),
                             QStringLiteral("Summary")};
    for (int c = 0; c < header.size(); ++c)
        script << command({s, n(0), n(c), header[c], QStringLiteral("bold")});
    script << command({s, n(1), n(0), QStringLiteral("OCC-2017-0004512")})
           << command({dt, n(1), n(1), n(2017), n(12), n(5), n(14), n(32), n(0), QStringLiteral("uk")})
           << command({dt, n(1), n(2), n(2008), n(7), n(21), n(0), n(0), n(0), QStringLiteral("iso")})
           << command({num, n(1), n(3), n(9)})
           << command({s, n(1), n(4), QStringLiteral("O’Brien, café \"quoted\"\nsecond line")});
    // Row 3 (index 2) is missing altogether; row 4 holds only a styled blank cell: both are skipped.
    script << command({QStringLiteral("blank"), n(3), n(1), QStringLiteral("bold")});
    // Sparse: columns A and D only.
    script << command({s, n(4), n(0), QStringLiteral("OCC-2018-0000001")})
           << command({num, n(4), n(3), QStringLiteral("20170105")});
    script << command({num, n(5), n(0), QStringLiteral("3.25")})
           << command({num, n(5), n(1), QStringLiteral("-1.5")})
           << command({num, n(5), n(2), QStringLiteral("12.5"), QStringLiteral("money")})
           << command({num, n(5), n(3), QStringLiteral("0.5"), QStringLiteral("time")})
           << command({QStringLiteral("boolean"), n(5), n(4), n(1)});
    script << command({dt, n(6), n(0), n(2017), n(12), n(4), n(0), n(0), n(0), QStringLiteral("uk")})
           << command({QStringLiteral("formula"), n(6), n(1), QStringLiteral("=\"A\"&\"B\""),
                       QStringLiteral("AB")});
    script << command({QStringLiteral("sheet"), QStringLiteral("Notes")})
           << command({s, n(0), n(0), QStringLiteral("not the data")});
    return script;
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
QString writeSerials(const QTemporaryDir &dir, const std::vector<double> &serials, const QString &format)
{
    const QString path = dir.filePath(QStringLiteral("serials.xlsx"));
    QStringList script{command({QStringLiteral("format"), QStringLiteral("f"), format})};
    for (size_t i = 0; i < serials.size(); ++i)
        script << command({QStringLiteral("number"), QString::number(i), n(0),
                           QString::number(serials[i], 'g', 17), QStringLiteral("f")});
    writeWithLibxlsxwriter(path, script);
    return path;
}

} // namespace

TEST(XlsxReader, SharedStringsNumbersDatesAndSparseCells)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeWithLibxlsxwriter(path, connectScript());
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, kLibxlsxwriterRows);
    EXPECT_EQ(r.lines, kLibxlsxwriterLines);
}

TEST(XlsxReader, InlineStringsInConstantMemoryMode)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeWithLibxlsxwriter(path, connectScript(), true);
    const ReadRecords r = readXlsx(path);
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    EXPECT_EQ(r.records, kLibxlsxwriterRows);
    EXPECT_EQ(r.lines, kLibxlsxwriterLines);
}

TEST(XlsxReader, ProgressAndOpen)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connect.xlsx"));
    writeWithLibxlsxwriter(path, connectScript());
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

TEST(XlsxReader, DateSerialsIn1900System)
{
    QTemporaryDir dir;
    const std::vector<double> serials{1, 59, 60, 61, 43074, 43074.60555555556, 43074.999999, 0.75, 2958465};
    const ReadRecords r = readXlsx(writeSerials(dir, serials, QStringLiteral("dd/mm/yyyy hh:mm:ss")));
    ASSERT_FALSE(r.error.has_value()) << errorText(r);
    const Rows expected{{"1900-01-01"}, {"1900-02-28"}, {"1900-02-29"},
                        {"1900-03-01"}, {"2017-12-05"}, {"2017-12-05T14:32:00"},
                        {"2017-12-06"}, {"18:00:00"},   {"9999-12-31"}};
    EXPECT_EQ(r.records, expected);
}

TEST(XlsxReader, NumbersThatAreNoDatesKeepTheirText)
{
    QTemporaryDir dir;
    const ReadRecords r = readXlsx(writeSerials(dir, {-1, 3000000}, QStringLiteral("yyyy-mm-dd")));
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
