#pragma once

#include "common/Result.h"
#include "import/RecordSource.h"

#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>

#include <memory>
#include <string>
#include <vector>

namespace foi {

class ZipEntryDevice;
class ZipReader;

/// Streams the rows of the first sheet of an .xlsx workbook as records of UTF-8 text.
///
/// The sheet is parsed as it is decompressed, so memory does not grow with the number of rows; only the
/// shared strings (needed in any order) are held, packed into one buffer. Cells come out as the text a
/// CSV export of the sheet would hold:
/// - strings (shared, inline, formula results) as they are; booleans as TRUE / FALSE; errors as #N/A etc.;
/// - numbers as the text stored in the file ("7", "20170105", "3.25"), integral ones without a fraction;
/// - numbers with a date or time format as ISO 8601: "2017-12-05" for a whole day, else
///   "2017-12-05T14:32:00" (to the nearest second); a serial below 1 is a time of day, "14:32:00".
///   Both the 1900 date system (with Excel's fictitious 29 February 1900) and the 1904 one are handled.
/// Cells are placed by their reference, so missing cells are empty fields; rows with no non-empty cell
/// are skipped; line() is the sheet's row number.
class XlsxReader final : public RecordSource
{
public:
    /// Opens the workbook and its first sheet; when it cannot, the first next() returns false and error()
    /// says why.
    explicit XlsxReader(const QString &path);
    ~XlsxReader() override;

    XlsxReader(const XlsxReader &) = delete;
    XlsxReader &operator=(const XlsxReader &) = delete;

    /// The reader for path, or the reason it cannot be read (not a workbook, a part missing, bad XML).
    static Result<std::unique_ptr<XlsxReader>> open(const QString &path);

    bool next() override;
    int fieldCount() const override { return static_cast<int>(m_views.size()); }
    std::string_view field(int index) const override
    {
        return index >= 0 && index < fieldCount() ? m_views[static_cast<size_t>(index)] : std::string_view();
    }
    qint64 line() const override { return m_rowNumber; }
    std::optional<Error> error() const override { return m_error; }
    qint64 bytesRead() const override;
    qint64 totalBytes() const override { return m_totalBytes; }

private:
    // A cell's text in m_row.
    struct Span
    {
        size_t offset = 0;
        size_t size = 0;
    };

    enum class CellType
    {
        Number,
        SharedString,
        InlineString,
        FormulaString,
        Boolean,
        Error,
        Date,
    };

    bool openWorkbook(const QString &path);
    std::unique_ptr<ZipEntryDevice> openPart(const QString &part);
    bool entryError(const ZipEntryDevice &entry);
    std::optional<QByteArray> readPart(const QString &part);
    bool loadSharedStrings(const QString &part);
    bool loadStyles(const QString &part);
    bool endCell();
    void fail(const QString &message, qint64 line = 0, const QString &field = {});
    bool xmlError(const QXmlStreamReader &xml, const QString &part);

    QString m_fileName;
    std::unique_ptr<ZipReader> m_zip;
    std::unique_ptr<ZipEntryDevice> m_sheet;
    QString m_sheetPart;
    QXmlStreamReader m_xml;
    qint64 m_totalBytes = 0;
    bool m_done = false;

    bool m_date1904 = false;
    std::vector<bool> m_dateStyles; // by cellXfs index: the style shows a date or time
    QByteArray m_strings;           // the shared strings, UTF-8, one after another
    std::vector<qint64> m_stringEnds;

    qint64 m_rowNumber = 0;
    std::string m_row;         // the text of the row's cells
    std::vector<Span> m_cells; // by column
    std::vector<std::string_view> m_views;

    // The cell being parsed.
    int m_column = 0;
    CellType m_cellType = CellType::Number;
    bool m_cellDate = false;
    std::string m_value;  // <v> text
    std::string m_inline; // <is> text
    int m_capture = 0;    // 1 while in <v>, 2 while in <is><t> (outside phonetic runs)
    bool m_inPhonetic = false;

    std::optional<Error> m_error;
};

} // namespace foi
