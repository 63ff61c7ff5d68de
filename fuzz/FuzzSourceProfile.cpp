// libFuzzer target: SourceProfile::fromJson, and then the profile at work.
//
// The input is a profile file. A profile that is refused must say where (the file, and a key path when a
// key is at fault). A profile that is accepted is a promise that an extract laid out as it says can be
// read: a small CSV file is made with its columns as the header and rows of dates, codes and words the
// profile might meet, and read and normalised as the importer would, with the profile's delimiter,
// encoding and footer. The reader must not refuse the file for a setting the profile accepted.

#include "FuzzSupport.h"
#include "import/CsvReader.h"

#include <QBuffer>

#include <algorithm>

namespace {

using namespace foi;

const QString kProfileName = QStringLiteral("fuzz.json");
const QString kExtractName = QStringLiteral("extract.csv");

// Values of every kind a column may hold, right and wrong, for the rows of the made-up extract.
const QStringList kSamples{
    QStringLiteral("CR/0000001/16"),
    QStringLiteral("14/03/2016"),
    QStringLiteral("2016-03-14"),
    QStringLiteral("2016-03-14T10:00:00"),
    QStringLiteral("2017-12"),
    QStringLiteral("01/01/1900"),
    QStringLiteral("31/02/2017"),
    QStringLiteral("43000"),
    QStringLiteral("008N"),
    QStringLiteral("8N/01"),
    QStringLiteral("Violence and sexual offences"),
    QStringLiteral("Anti-social behaviour"),
    QStringLiteral("7"),
    QStringLiteral("-3"),
    QStringLiteral("OC11"),
    QStringLiteral("OC99"),
    QString(),
    QStringLiteral(" "),
    QStringLiteral("caf\u00e9 \"quoted\", two\nlines"),
};

QByteArray quoted(const QString &field)
{
    QByteArray utf8 = field.toUtf8();
    utf8.replace('"', "\"\"");
    return '"' + utf8 + '"';
}

/// A CSV extract with the profile's columns and rows of samples and of the profile's own codes, in UTF-8
/// with a byte order mark (which wins over the profile's encoding).
QByteArray extractFor(const SourceProfile &p)
{
    QStringList header;
    for (const SourceProfile::Column *c : p.columns())
        header << c->column;
    if (!p.offence.subclassColumn.isEmpty())
        header << p.offence.subclassColumn;
    QStringList values = kSamples;
    values << p.sex.codes.codes() << p.role.codes.codes() << p.outcome.codes.codes()
           << p.dateOfBirth.unknownValues;
    for (const SourceProfile::SkipRule &rule : p.skip) {
        header << rule.column;
        values << rule.equals;
    }
    for (auto it = p.offence.categoryNames.constBegin(); it != p.offence.categoryNames.constEnd(); ++it)
        values << it.key();

    const char delimiter = p.delimiter;
    QByteArray csv("\xEF\xBB\xBF");
    const auto addRow = [&](const QStringList &row) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i > 0)
                csv += delimiter;
            csv += quoted(row.at(i));
        }
        csv += "\r\n";
    };
    addRow(header);
    const qsizetype rows = std::min<qsizetype>(values.size(), 48);
    for (qsizetype r = 0; r < rows; ++r) {
        QStringList row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row << values.at((r * 7 + c * 3) % values.size());
        addRow(row);
    }
    return csv;
}

void readWith(const SourceProfile &p)
{
    QByteArray csv = extractFor(p);
    QBuffer buffer(&csv);
    buffer.open(QIODevice::ReadOnly);
    CsvOptions options;
    options.delimiter = p.delimiter;
    options.encoding = p.encoding;
    options.footerPattern = p.footerPattern;
    CsvReader reader(&buffer, kExtractName, options);
    std::optional<RowNormaliser> normaliser;
    RecordBatch rows;
    while (reader.next()) {
        if (reader.line() == 1)
            normaliser = fuzz::normaliserFor(p, reader, kExtractName, false);
        else
            rows.append(reader);
    }
    if (reader.error())
        fuzz::check(false, qPrintable(QStringLiteral("an accepted profile gives a reader that reads its "
                                                     "extract, not: ") +
                                      reader.error()->toString()));
    fuzz::check(normaliser.has_value(), "the profile's columns are found in a header made of them");
    fuzz::normaliseAll(*normaliser, rows);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<SourceProfile> profile = SourceProfile::fromJson(fuzz::bytesOf(data, size), kProfileName);
    if (!profile) {
        fuzz::checkError(profile.error(), kProfileName);
        return 0;
    }
    fuzz::check(!profile->name.isEmpty() && !profile->system.name.isEmpty(), "a profile has its names");
    fuzz::check(profile->crimeRef.present() && profile->recorded.present() && profile->offence.present(),
                "a profile reads the crime reference, the recorded day and the offence");
    readWith(*profile);
    return 0;
}
