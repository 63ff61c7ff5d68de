#pragma once

#include "common/Result.h"

#include <QDate>
#include <QString>

#include <atomic>
#include <functional>

namespace foi {

/// What the demo generator makes: extracts of the two crime systems, with every trap the spec names,
/// drawn from a made-up force whose offence mix follows the Home Office's real 2017/18 volumes.
struct DemoOptions
{
    qint64 crimes = 1000; ///< crimes in the made-up world, 1 to 50,000,000 (rows are about 2.5 per crime)
    quint64 seed = 1;     ///< the same seed and options always give the same files, byte for byte
    QDate firstRecorded{2015, 4, 1};
    QDate lastRecorded{2018, 6, 30};
    /// CMS frozen, open crimes migrated to CONNECT; after firstRecorded and no later than lastRecorded.
    QDate cutover{2017, 12, 4};
    bool connectXlsx = false; ///< also write the CONNECT extract as connect.xlsx (same rows)
    /// Add rows the import must reject: about 0.5% of rows, more in a small world, so that every kind
    /// appears in each file.
    bool badRows = true;
};

/// The files written, all in the output folder.
struct DemoFiles
{
    QString cmsCsv;           ///< cms.csv: Windows-1252, CRLF, footer
    QString connectCsv;       ///< connect.csv: UTF-8 with BOM, LF
    QString connectXlsx;      ///< connect.xlsx when asked for, else empty
    QString groundTruth;      ///< ground-truth.json: the merge report the import and merge must produce
    QString groundTruthLinks; ///< ground-truth-links.csv: every merged link the register must hold
};

/// Progress (0..1) and a cancel flag checked between rows; both may be empty.
struct DemoProgress
{
    std::function<void(double)> progress;
    const std::atomic_bool *cancel = nullptr;
};

/// Writes the demo extracts and their ground truth into outDir (created if missing). Streams: memory
/// does not grow with the number of crimes beyond the world model itself (about 70 MB at 2 million
/// crimes). docs/demo-data.md says what the ground truth counts and how each trap is laid. On an error
/// (options that make no sense, a file that cannot be written, cancellation) the files are removed.
Result<DemoFiles> generateDemo(const QString &outDir, const DemoOptions &options,
                               const DemoProgress &hooks = {});

} // namespace foi
