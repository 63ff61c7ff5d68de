#pragma once

// What the fuzz targets share: the fixed profiles and salt they read with, and the check that turns a
// broken promise of the code under test into a crash, which libFuzzer and the regression driver report.

#include "common/Error.h"
#include "import/Pseudonymiser.h"
#include "import/RecordBatch.h"
#include "import/RecordSource.h"
#include "import/RowNormaliser.h"
#include "import/SourceProfile.h"
#include "reference/Classification.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace foi::fuzz {

/// Aborts, naming the broken promise, when the condition is false (sanitizers are not the only oracle).
inline void check(bool condition, const char *what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
}

/// Aborts when a reader's error does not say where it happened: errors name their file. With FOI_FUZZ_EXPLAIN
/// set in the environment the error is printed, to see what a seed or a kept input meets.
inline void checkError(const std::optional<Error> &error, const QString &fileName)
{
    if (!error)
        return;
    if (qEnvironmentVariableIsSet("FOI_FUZZ_EXPLAIN"))
        std::fprintf(stderr, "refused: %s\n", qPrintable(error->toString()));
    check(!error->message.isEmpty(), "an error has a message");
    check(error->file == fileName, "an error names the file");
    check(error->line >= 0, "an error's line is not negative");
    check(!error->toString().isEmpty(), "an error can be shown");
}

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

/// A profile the targets read with: built in (":/profiles/cms.json") or a file of the source tree.
inline SourceProfile loadProfile(const QString &nameOrPath)
{
    Result<SourceProfile> profile = SourceProfile::load(nameOrPath);
    if (!profile) {
        std::fprintf(stderr, "fuzz: cannot load the profile %s: %s\n", qPrintable(nameOrPath),
                     qPrintable(profile.error().toString()));
        std::abort();
    }
    return std::move(profile).value();
}

inline const Pseudonymiser &pseudonymiser()
{
    static const Pseudonymiser p(QByteArrayLiteral("0123456789abcdef0123456789abcdef"));
    return p;
}

/// Normalises every record of the batch as the importer does, checking what the normaliser promises.
inline void normaliseAll(const RowNormaliser &normaliser, RecordBatch &rows)
{
    LinkRecord link;
    RejectRecord reject;
    rows.rewind();
    while (rows.next()) {
        switch (normaliser.normalise(rows, &link, &reject)) {
        case RowNormaliser::Verdict::Kept:
            check(link.line == rows.line(), "a kept row has its line");
            check(link.crimeKey != 0, "a kept row has a crime key");
            break;
        case RowNormaliser::Verdict::Rejected:
            check(reject.line == rows.line(), "a rejected row has its line");
            check(!reject.reason.isEmpty() && !reject.message.isEmpty(), "a rejected row says why");
            break;
        case RowNormaliser::Verdict::Skipped:
            check(!normaliser.lastSkipReason().isEmpty(), "a skipped row says why");
            break;
        }
    }
}

/// The importer's first step on a file: the header row against the profile's columns. An error must
/// name the file and the header's line.
inline std::optional<RowNormaliser> normaliserFor(const SourceProfile &profile, const RecordSource &header,
                                                  const QString &fileName, bool shortRowsAllowed)
{
    Result<RowNormaliser> n = RowNormaliser::create(profile, header, fileName, pseudonymiser(),
                                                    Classification::builtIn(), shortRowsAllowed);
    if (!n) {
        if (qEnvironmentVariableIsSet("FOI_FUZZ_EXPLAIN"))
            std::fprintf(stderr, "header refused: %s\n", qPrintable(n.error().toString()));
        check(n.error().file == fileName && n.error().line == header.line(),
              "a header error names the file and the header's line");
        check(!n.error().field.isEmpty(), "a header error names the missing column");
        return std::nullopt;
    }
    return std::move(n).value();
}

} // namespace foi::fuzz
