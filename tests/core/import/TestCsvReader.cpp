#include "RecordTestSupport.h"
#include "import/CsvReader.h"
#include "support/TestSupport.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using foi::CsvOptions;
using foi::CsvReader;
using foi::TextEncoding;
using foi::test::ReadRecords;
using foi::test::Row;
using foi::test::Rows;

namespace {

const QString kFooter = QStringLiteral(R"(^\*\*\* END OF REPORT - (\d+) RECORDS \*\*\*$)");

ReadRecords readCsv(const QByteArray &bytes, CsvOptions options = {})
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, QStringLiteral("test.csv"), std::move(options));
    return foi::test::readRecords(reader);
}

Rows rowsOf(const QByteArray &bytes, CsvOptions options = {})
{
    const ReadRecords r = readCsv(bytes, std::move(options));
    EXPECT_FALSE(r.error.has_value()) << (r.error ? r.error->toString().toStdString() : std::string());
    return r.records;
}

CsvOptions windows1252()
{
    CsvOptions o;
    o.encoding = TextEncoding::Windows1252;
    return o;
}

CsvOptions withFooter()
{
    CsvOptions o = windows1252();
    o.footerPattern = kFooter;
    return o;
}

} // namespace

TEST(CsvReader, ReadsPlainRecords)
{
    EXPECT_EQ(rowsOf("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReader, LastRecordWithoutLineBreak)
{
    EXPECT_EQ(rowsOf("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(rowsOf("a,b\n1,\"2\""), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(rowsOf("a,b\n1,\"x\"\"\""), (Rows{{"a", "b"}, {"1", "x\""}}));
    EXPECT_EQ(rowsOf("a,b\n1,"), (Rows{{"a", "b"}, {"1", ""}}));
    EXPECT_EQ(rowsOf("x"), (Rows{{"x"}}));
}

TEST(CsvReader, EmptyInput)
{
    const ReadRecords r = readCsv("");
    EXPECT_TRUE(r.records.empty());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_TRUE(readCsv("\n\r\n\r").records.empty());
    EXPECT_TRUE(readCsv("\xEF\xBB\xBF").records.empty());
}

TEST(CsvReader, LineEndsLfCrlfAndLoneCr)
{
    const Rows expected{{"a", "b"}, {"1", "2"}, {"3", "4"}};
    EXPECT_EQ(rowsOf("a,b\n1,2\n3,4\n"), expected);
    EXPECT_EQ(rowsOf("a,b\r\n1,2\r\n3,4\r\n"), expected);
    EXPECT_EQ(rowsOf("a,b\r1,2\r3,4\r"), expected);
    EXPECT_EQ(rowsOf("a,b\r\n1,2\n3,4\r"), expected);
    const ReadRecords r = readCsv("a,b\r1,2\r\n3,4\n");
    EXPECT_EQ(r.lines, (std::vector<qint64>{1, 2, 3}));
}

TEST(CsvReader, EmptyFields)
{
    EXPECT_EQ(rowsOf(",,\n"), (Rows{{"", "", ""}}));
    EXPECT_EQ(rowsOf("a,,c\n,b,\n"), (Rows{{"a", "", "c"}, {"", "b", ""}}));
    EXPECT_EQ(rowsOf("\"\"\n\"\",\"\"\n"), (Rows{{""}, {"", ""}}));
    // Spaces are data: only a line with no byte at all is empty.
    EXPECT_EQ(rowsOf(" \n"), (Rows{{" "}}));
}

TEST(CsvReader, QuotedFields)
{
    EXPECT_EQ(rowsOf("\"a,b\",c\n"), (Rows{{"a,b", "c"}}));
    EXPECT_EQ(rowsOf("\"say \"\"hi\"\"\",x\n"), (Rows{{"say \"hi\"", "x"}}));
    EXPECT_EQ(rowsOf("\"\"\"\"\n"), (Rows{{"\""}}));
    EXPECT_EQ(rowsOf("\"\"\"a\"\"\",\"\"\n"), (Rows{{"\"a\"", ""}}));
    EXPECT_EQ(rowsOf("x,\"a\nb\",y\n"), (Rows{{"x", "a\nb", "y"}}));
    EXPECT_EQ(rowsOf("x,\"a\r\nb\",y\r\n"), (Rows{{"x", "a\r\nb", "y"}}));
    EXPECT_EQ(rowsOf("x,\"a\rb\",y\r"), (Rows{{"x", "a\rb", "y"}}));
    EXPECT_EQ(rowsOf("\"a\"\"\nb\",\"\n\"\n"), (Rows{{"a\"\nb", "\n"}}));
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsKept)
{
    EXPECT_EQ(rowsOf("ab\"c,5\" tall,x\"\"y\n"), (Rows{{"ab\"c", "5\" tall", "x\"\"y"}}));
}

TEST(CsvReader, TextAfterClosingQuoteIsAppended)
{
    EXPECT_EQ(rowsOf("\"ab\"c,d\n"), (Rows{{"abc", "d"}}));
    EXPECT_EQ(rowsOf("\"a\" ,b\n"), (Rows{{"a ", "b"}}));
    // After the closing quote, quotes are literal again.
    EXPECT_EQ(rowsOf("\"a\"b\"c\",d\n"), (Rows{{"ab\"c\"", "d"}}));
    EXPECT_EQ(rowsOf("\"a,\"\"b\"\"\"c\n"), (Rows{{"a,\"b\"c"}}));
    EXPECT_EQ(rowsOf("\"a\"b"), (Rows{{"ab"}}));
}

TEST(CsvReader, OtherDelimiters)
{
    CsvOptions tab;
    tab.delimiter = '\t';
    EXPECT_EQ(rowsOf("a\tb,c\t\"d\te\"\n", tab), (Rows{{"a", "b,c", "d\te"}}));
    CsvOptions semicolon;
    semicolon.delimiter = ';';
    EXPECT_EQ(rowsOf("a;b,c\n", semicolon), (Rows{{"a", "b,c"}}));
    CsvOptions quote;
    quote.delimiter = '"';
    const ReadRecords r = readCsv("a\n", quote);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("delimiter")));
}

TEST(CsvReader, EmptyLinesAreSkippedButCounted)
{
    const ReadRecords r = readCsv("h1,h2\n\n1,2\r\n\r\n\r\n3,4\n\n");
    EXPECT_EQ(r.records, (Rows{{"h1", "h2"}, {"1", "2"}, {"3", "4"}}));
    EXPECT_EQ(r.lines, (std::vector<qint64>{1, 3, 6}));
}

TEST(CsvReader, LineNumbersCountQuotedLineBreaks)
{
    const ReadRecords r = readCsv("h,notes\n"
                                  "1,\"two\nlines\"\n"
                                  "2,\"three\r\nlines\r\nhere\"\r\n"
                                  "3,\"cr\rline\"\n"
                                  "4,\"\n\n\"\n"
                                  "5,x\n");
    ASSERT_FALSE(r.error.has_value());
    EXPECT_EQ(r.lines, (std::vector<qint64>{1, 2, 4, 7, 9, 12}));
    EXPECT_EQ(r.records[2][1], "three\r\nlines\r\nhere");
}

TEST(CsvReader, FieldPastTheEndIsEmpty)
{
    QByteArray bytes("a,b\n");
    QBuffer buffer(&bytes);
    CsvReader reader(&buffer, QStringLiteral("t.csv"));
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.fieldCount(), 2);
    EXPECT_EQ(reader.field(2), std::string_view());
    EXPECT_EQ(reader.field(-1), std::string_view());
    EXPECT_FALSE(reader.next());
    EXPECT_FALSE(reader.next());
    EXPECT_FALSE(reader.error().has_value());
}

TEST(CsvReader, ProgressReachesTotal)
{
    QByteArray bytes("a,b\n1,2\n3,4\n");
    QBuffer buffer(&bytes);
    CsvOptions o;
    o.chunkSize = 3;
    CsvReader reader(&buffer, QStringLiteral("t.csv"), o);
    EXPECT_EQ(reader.totalBytes(), bytes.size());
    EXPECT_EQ(reader.bytesRead(), 0);
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.bytesRead(), 4);
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.bytesRead(), 8);
    ASSERT_TRUE(reader.next());
    ASSERT_FALSE(reader.next());
    EXPECT_EQ(reader.bytesRead(), bytes.size());
}

TEST(CsvReader, UnterminatedQuoteIsAnError)
{
    const ReadRecords r = readCsv("h1,h2\n1,2\n3,\"never\nclosed,4\n5,6\n");
    EXPECT_EQ(r.records.size(), 2U);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->line, 3);
    EXPECT_EQ(r.error->file, QStringLiteral("test.csv"));
    EXPECT_EQ(r.error->field, QStringLiteral("2"));
    EXPECT_EQ(r.error->message, QStringLiteral("quoted field never closed: the file may be truncated"));
}

TEST(CsvReader, ReadsAFileByPath)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("extract.csv"));
    foi::test::writeAll(path, "a,b\r\n1,2\r\n");
    CsvReader reader(path);
    const ReadRecords r = foi::test::readRecords(reader);
    EXPECT_FALSE(r.error.has_value());
    EXPECT_EQ(r.records, (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(reader.totalBytes(), 10);
    EXPECT_EQ(reader.bytesRead(), 10);

    auto opened = CsvReader::open(path);
    ASSERT_TRUE(opened.ok());
    EXPECT_TRUE((*opened)->next());
}

TEST(CsvReader, FileThatCannotBeOpened)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.csv"));
    CsvReader reader(path);
    EXPECT_FALSE(reader.next());
    ASSERT_TRUE(reader.error().has_value());
    EXPECT_EQ(reader.error()->file, QStringLiteral("missing.csv"));
    EXPECT_TRUE(reader.error()->message.startsWith(QStringLiteral("cannot open the file")));

    auto opened = CsvReader::open(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().file, QStringLiteral("missing.csv"));
}

TEST(CsvReader, BadFooterPatterns)
{
    CsvOptions invalid;
    invalid.footerPattern = QStringLiteral("(unclosed");
    EXPECT_TRUE(readCsv("a\n", invalid).error.has_value());
    CsvOptions noGroup;
    noGroup.footerPattern = QStringLiteral("END");
    const ReadRecords r = readCsv("a\n", noGroup);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("capture group")));
}

TEST(CsvReader, HugeQuotedFieldGrowsTheBuffer)
{
    const QByteArray big(3 * 1024 * 1024 + 17, 'x');
    CsvOptions o;
    o.chunkSize = 4096;
    const Rows rows = rowsOf("a,\"" + big + "\",b\nc\n", o);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0][1].size(), size_t(big.size()));
    EXPECT_EQ(rows[1], (Row{"c"}));
}

// --- Encodings ---

TEST(CsvReaderEncoding, ByteOrderMarkIsSkipped)
{
    EXPECT_EQ(rowsOf("\xEF\xBB\xBF"
                     "a,b\n1,2\n"),
              (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(rowsOf("\xEF\xBB\xBF\"a\",b\n"), (Rows{{"a", "b"}}));
    // Only at the start.
    EXPECT_EQ(rowsOf("a,\xEF\xBB\xBF\n"), (Rows{{"a", "\xEF\xBB\xBF"}}));
}

TEST(CsvReaderEncoding, ByteOrderMarkWinsOverTheProfile)
{
    const Rows rows = rowsOf("\xEF\xBB\xBF"
                             "caf\xC3\xA9,\xE2\x82\xAC\n",
                             windows1252());
    EXPECT_EQ(rows, (Rows{{"café", "€"}}));
}

TEST(CsvReaderEncoding, ByteOrderMarkWithTinyChunks)
{
    CsvOptions o = windows1252();
    o.chunkSize = 1;
    EXPECT_EQ(rowsOf("\xEF\xBB\xBF\xC3\xA9\n", o), (Rows{{"é"}}));
    EXPECT_EQ(rowsOf("\xEF\xBB", o), (Rows{{"ï»"}}));
}

TEST(CsvReaderEncoding, Windows1252IsTranscoded)
{
    const Rows rows = rowsOf("O\x92"
                             "Brien,\xA3"
                             "5,caf\xE9,\x80"
                             "10,plain\r\n"
                             "\"quoted \x93x\x94 \"\"\xE9\"\"\",\x9F\r\n",
                             windows1252());
    EXPECT_EQ(rows, (Rows{{"O’Brien", "£5", "café", "€10", "plain"}, {"quoted “x” \"é\"", "Ÿ"}}));
}

TEST(CsvReaderEncoding, Windows1252HighBlockAndUndefinedBytes)
{
    QByteArray bytes;
    for (int b = 0x80; b <= 0xFF; ++b)
        bytes.append(char(b));
    const Rows rows = rowsOf(bytes, windows1252());
    ASSERT_EQ(rows.size(), 1U);
    const QString expected = QStringLiteral("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ") +
                             QString::fromLatin1(bytes.mid(0x20));
    EXPECT_EQ(QString::fromStdString(rows[0][0]), expected);
}

TEST(CsvReaderEncoding, ValidUtf8PassesThrough)
{
    EXPECT_EQ(rowsOf("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9D\x84\x9E,\"\xE2\x80\x99\"\"\"\n"),
              (Rows{{"café", "€", "\xF0\x9D\x84\x9E", "’\""}}));
}

TEST(CsvReaderEncoding, InvalidUtf8NamesLineAndField)
{
    const ReadRecords r = readCsv("name,town\nAnn,Leeds\n\"Bob\",Caf\xE9\n");
    EXPECT_EQ(r.records.size(), 2U);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->line, 3);
    EXPECT_EQ(r.error->field, QStringLiteral("2"));
    EXPECT_EQ(r.error->file, QStringLiteral("test.csv"));
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("not valid UTF-8")));
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("0xE9")));
    EXPECT_TRUE(
        r.error->message.contains(QStringLiteral("is the file Windows-1252? check the profile's encoding")));
}

TEST(CsvReaderEncoding, RejectsMalformedSequences)
{
    const char *bad[] = {
        "\x80",             // continuation byte alone
        "\xC3",             // truncated at the end of the field
        "\xC3(",            // bad continuation
        "\xC0\x80",         // overlong
        "\xE0\x80\x80",     // overlong
        "\xED\xA0\x80",     // surrogate
        "\xF4\x90\x80\x80", // past U+10FFFF
        "\xF8\x88\x80\x80", // five-byte form
        "\xE2\x82",         // truncated
    };
    for (const char *b : bad) {
        const ReadRecords r = readCsv(QByteArray("ok,x") + b + "\n");
        EXPECT_TRUE(r.error.has_value()) << QByteArray(b).toHex().toStdString();
    }
    // The same bytes are fine when the profile says Windows-1252.
    for (const char *b : bad)
        EXPECT_FALSE(readCsv(QByteArray("ok,x") + b + "\n", windows1252()).error.has_value());
}

// --- Footer ---

TEST(CsvReaderFooter, FooterEndsTheData)
{
    const ReadRecords r =
        readCsv("H1,H2\r\n1,2\r\n3,4\r\n*** END OF REPORT - 2 RECORDS ***\r\n", withFooter());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_EQ(r.records, (Rows{{"H1", "H2"}, {"1", "2"}, {"3", "4"}}));
    ASSERT_TRUE(r.footerCount.has_value());
    EXPECT_EQ(*r.footerCount, 2);
}

TEST(CsvReaderFooter, CountIsReportedEvenWhenItDisagrees)
{
    // Comparing the count with the records read is the importer's job: only it knows about the header.
    const ReadRecords r = readCsv("H\r\n1\r\n*** END OF REPORT - 5 RECORDS ***", withFooter());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_EQ(r.records.size(), 2U);
    ASSERT_TRUE(r.footerCount.has_value());
    EXPECT_EQ(*r.footerCount, 5);
}

TEST(CsvReaderFooter, NoFooterSeen)
{
    const ReadRecords r = readCsv("H\r\n1\r\n", withFooter());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_FALSE(r.footerCount.has_value());
    // Without a pattern the footer line is an ordinary record.
    const ReadRecords plain = readCsv("H\r\n*** END OF REPORT - 0 RECORDS ***\r\n");
    EXPECT_EQ(plain.records.size(), 2U);
    EXPECT_FALSE(plain.footerCount.has_value());
}

TEST(CsvReaderFooter, OnlyWholeOneFieldRecordsMatch)
{
    const ReadRecords r = readCsv("H,I\r\n*** END OF REPORT - 1 RECORDS ***,x\r\n"
                                  "x *** END OF REPORT - 1 RECORDS ***\r\n"
                                  "*** END OF REPORT - 3 RECORDS ***\r\n",
                                  withFooter());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_EQ(r.records.size(), 3U);
    EXPECT_EQ(r.footerCount, std::optional<qint64>(3));
}

TEST(CsvReaderFooter, EmptyLinesAfterTheFooterAreFine)
{
    const ReadRecords r = readCsv("H\r\n1\r\n*** END OF REPORT - 1 RECORDS ***\r\n\r\n\r\n", withFooter());
    EXPECT_FALSE(r.error.has_value());
    EXPECT_EQ(r.footerCount, std::optional<qint64>(1));
}

TEST(CsvReaderFooter, DataAfterTheFooterIsAnError)
{
    const ReadRecords r = readCsv("H\r\n1\r\n*** END OF REPORT - 1 RECORDS ***\r\n\r\n2\r\n", withFooter());
    EXPECT_EQ(r.records.size(), 2U);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->line, 5);
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("data after the footer line")));
}

// --- Chunk boundaries ---

namespace {

// A file with every construct the parser has a state for, and the records it must give.
struct Tricky
{
    QByteArray bytes;
    Rows records;
    std::vector<qint64> lines;
};

Tricky makeTricky(quint32 seed, bool cp1252)
{
    QRandomGenerator rng(seed);
    Tricky t;
    const char *endings[] = {"\n", "\r\n", "\r"};
    qint64 line = 1;
    bool lastWasCr = false;
    for (int r = 0; r < 300; ++r) {
        // Empty lines; after a lone CR an LF would be read as part of a CRLF, so use CR or CRLF then.
        while (rng.bounded(6) == 0) {
            const char *e = endings[lastWasCr ? 1 + rng.bounded(2) : rng.bounded(3)];
            t.bytes += e;
            lastWasCr = std::strcmp(e, "\r") == 0;
            ++line;
        }
        const int fields = 1 + int(rng.bounded(6));
        Row row;
        const qint64 recordLine = line;
        for (int f = 0; f < fields; ++f) {
            if (f > 0)
                t.bytes += ',';
            std::string value;
            switch (rng.bounded(10)) {
            case 0: // empty, quoted when it is alone (an empty line is no record)
                if (fields == 1)
                    t.bytes += "\"\"";
                break;
            case 1:
                t.bytes += "plain";
                value = "plain";
                break;
            case 2:
                t.bytes += "\"a,b\"";
                value = "a,b";
                break;
            case 3:
                t.bytes += "\"say \"\"hi\"\"\"";
                value = "say \"hi\"";
                break;
            case 4: {
                const char *breaks[] = {"\n", "\r\n", "\r"};
                const char *b = breaks[rng.bounded(3)];
                t.bytes += "\"two" + QByteArray(b) + "lines\"";
                value = std::string("two") + b + "lines";
                ++line;
                break;
            }
            case 5:
                t.bytes += "ab\"c";
                value = "ab\"c";
                break;
            case 6:
                t.bytes += "\"ab\"c\"d";
                value = "abc\"d";
                break;
            case 7:
                if (cp1252) {
                    t.bytes += "O\x92"
                               "Brien \xA3\x80\xE9";
                    value = "O’Brien £€é";
                } else {
                    t.bytes += "O\xE2\x80\x99"
                               "Brien \xC2\xA3\xE2\x82\xAC\xC3\xA9";
                    value = "O’Brien £€é";
                }
                break;
            case 8:
                if (cp1252) {
                    t.bytes += "\"\x93q\x94,\"\"\xE9\"\"\"";
                    value = "“q”,\"é\"";
                } else {
                    t.bytes += "\"\xE2\x80\x9Cq\xE2\x80\x9D,\"\"\xC3\xA9\"\"\"";
                    value = "“q”,\"é\"";
                }
                break;
            default: {
                const QByteArray n = QByteArray::number(rng.bounded(100000));
                t.bytes += n;
                value = n.toStdString();
                break;
            }
            }
            row.push_back(value);
        }
        t.records.push_back(row);
        t.lines.push_back(recordLine);
        if (r < 299 || rng.bounded(2) == 0) {
            const char *e = endings[rng.bounded(3)];
            t.bytes += e;
            lastWasCr = std::strcmp(e, "\r") == 0;
            ++line;
        }
    }
    return t;
}

} // namespace

TEST(CsvReaderChunks, TinyChunksGiveTheSameRecords)
{
    for (quint32 seed = 1; seed <= 6; ++seed) {
        // Seeds 3 and 6 start with a byte order mark: UTF-8 content, even when the profile says otherwise.
        const bool bom = seed % 3 == 0;
        const bool cp1252 = seed % 2 == 0 && !bom;
        Tricky t = makeTricky(seed, cp1252);
        if (bom)
            t.bytes.prepend("\xEF\xBB\xBF");
        for (const qint64 chunk : {qint64(1), qint64(2), qint64(3), qint64(7), qint64(64), qint64(1) << 20}) {
            CsvOptions o;
            o.encoding = cp1252 || seed == 6 ? TextEncoding::Windows1252 : TextEncoding::Utf8;
            o.chunkSize = chunk;
            const ReadRecords r = readCsv(t.bytes, o);
            ASSERT_FALSE(r.error.has_value())
                << "seed " << seed << " chunk " << chunk << ": " << r.error->toString().toStdString();
            EXPECT_EQ(r.records, t.records) << "seed " << seed << " chunk " << chunk;
            EXPECT_EQ(r.lines, t.lines) << "seed " << seed << " chunk " << chunk;
        }
    }
}

TEST(CsvReaderChunks, ErrorsAreTheSameWithTinyChunks)
{
    for (const qint64 chunk : {qint64(1), qint64(2), qint64(5), qint64(1) << 20}) {
        CsvOptions o = withFooter();
        o.encoding = TextEncoding::Utf8;
        o.chunkSize = chunk;
        const ReadRecords footer = readCsv("H\r\n\"a\r\nb\"\r\n*** END OF REPORT - 1 RECORDS ***\r\n", o);
        EXPECT_FALSE(footer.error.has_value());
        EXPECT_EQ(footer.footerCount, std::optional<qint64>(1));
        EXPECT_EQ(footer.lines, (std::vector<qint64>{1, 2}));

        const ReadRecords after = readCsv("H\r\n*** END OF REPORT - 0 RECORDS ***\r\nx", o);
        ASSERT_TRUE(after.error.has_value());
        EXPECT_EQ(after.error->line, 3);

        const ReadRecords open = readCsv("H\n\"a\nb\nc", o);
        ASSERT_TRUE(open.error.has_value());
        EXPECT_EQ(open.error->line, 2);

        const ReadRecords utf8 = readCsv("H\n\"a\nb\",\xC3\n", o);
        ASSERT_TRUE(utf8.error.has_value());
        EXPECT_EQ(utf8.error->line, 2);
        EXPECT_EQ(utf8.error->field, QStringLiteral("2"));
    }
}
