#include "reference/ReferenceFiles.h"
#include "support/Printers.h"

#include <gtest/gtest.h>

using namespace foi::reference;

namespace {

const QString kFile = QStringLiteral("t.csv");

} // namespace

TEST(ReferenceFiles, ParsesQuotedFieldsAndLineEnds)
{
    const auto records = parseCsv("\xEF\xBB\xBF"
                                  "a,b,c\r\n"
                                  "\"x, y\",\"say \"\"hi\"\"\",\r\n"
                                  "\n"
                                  "\"two\nlines\",,z\n"
                                  "last,row,\"\"",
                                  kFile);
    ASSERT_TRUE(records.ok()) << records.error().toString().toStdString();
    ASSERT_EQ(records->size(), 4);
    EXPECT_EQ(records->at(0).fields,
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    EXPECT_EQ(records->at(0).line, 1);
    EXPECT_EQ(records->at(1).fields,
              (QStringList{QStringLiteral("x, y"), QStringLiteral("say \"hi\""), QString()}));
    EXPECT_EQ(records->at(1).line, 2);
    // The blank line 3 is skipped; the record on line 4 spans two lines.
    EXPECT_EQ(records->at(2).fields,
              (QStringList{QStringLiteral("two\nlines"), QString(), QStringLiteral("z")}));
    EXPECT_EQ(records->at(2).line, 4);
    EXPECT_EQ(records->at(3).line, 6);
    EXPECT_EQ(records->at(3).fields, (QStringList{QStringLiteral("last"), QStringLiteral("row"), QString()}));
}

TEST(ReferenceFiles, DecodesUtf8)
{
    const auto records = parseCsv("title\nSt Patrick\xE2\x80\x99s Day\n", kFile);
    ASSERT_TRUE(records.ok());
    EXPECT_EQ(records->at(1).fields.at(0), QStringLiteral("St Patrick\u2019s Day"));

    const auto bad = parseCsv("title\n\xFF\xFE bad\n", kFile);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().file, kFile);
    EXPECT_EQ(bad.error().message, QStringLiteral("not UTF-8 text"));
}

TEST(ReferenceFiles, MalformedQuotesAreErrorsWithTheLine)
{
    auto records = parseCsv("a,b\nx,\"y\"z\n", kFile);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.error().line, 2);
    EXPECT_EQ(records.error().message, QStringLiteral("text after the closing quote of a field"));

    records = parseCsv("a,b\nx,y\"z\"\n", kFile);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.error().line, 2);
    EXPECT_EQ(records.error().message, QStringLiteral("a quote inside a field that does not start with one"));

    records = parseCsv("a,b\n\"x\ny,z\n", kFile);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.error().line, 2);
    EXPECT_EQ(records.error().message, QStringLiteral("a quoted field is never closed"));
}

TEST(ReferenceFiles, TableChecksColumnsAndWidths)
{
    auto table = parseCsvTable(" Code ,Name\n1,one\n2,two\n", kFile, {QStringLiteral("code")});
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->column(QStringLiteral("CODE")), 0);
    EXPECT_EQ(table->column(QStringLiteral("name")), 1);
    EXPECT_EQ(table->column(QStringLiteral("other")), -1);
    EXPECT_EQ(table->records.size(), 2);
    EXPECT_EQ(table->records.at(1).line, 3);

    table = parseCsvTable("code,name\n1,one\n2,two,extra\n", kFile, {QStringLiteral("code")});
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().line, 3);
    EXPECT_EQ(table.error().message, QStringLiteral("3 fields where the header has 2"));

    table = parseCsvTable("code,name\n", kFile, {QStringLiteral("label")});
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().message, QStringLiteral("the header has no column 'label'"));

    table = parseCsvTable("\n\n", kFile, {});
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().file, kFile);
}

TEST(ReferenceFiles, JsonErrorsNameTheLine)
{
    const auto bad = parseJsonObject("{\n  \"a\": 1,\n  \"b\": tru\n}\n", QStringLiteral("t.json"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().file, QStringLiteral("t.json"));
    EXPECT_EQ(bad.error().line, 3);
    EXPECT_TRUE(bad.error().message.startsWith(QStringLiteral("not valid JSON: ")));

    const auto array = parseJsonObject("[1, 2]", QStringLiteral("t.json"));
    ASSERT_FALSE(array.ok());
    EXPECT_EQ(array.error().message, QStringLiteral("expected a JSON object at the top level"));

    EXPECT_TRUE(parseJsonObject("{\"a\": [1]}", QStringLiteral("t.json")).ok());
}

TEST(ReferenceFiles, ReadFileNamesAMissingFile)
{
    const auto missing = readFile(QStringLiteral(":/reference/no-such-file.csv"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().file, QStringLiteral(":/reference/no-such-file.csv"));
    EXPECT_TRUE(readFile(QStringLiteral(":/reference/classification/index.json")).ok());
}
