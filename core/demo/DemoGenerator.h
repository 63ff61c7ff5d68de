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
    qint64 crimes = 1000; ///< crimes in the made-up world (rows are about 2.5 per crime)
    quint64 seed = 1;     ///< the same seed and options always give the same files, byte for byte
    QDate firstRecorded{2015, 4, 1};
    QDate lastRecorded{2018, 6, 30};
    QDate cutover{2017, 12, 4}; ///< CMS frozen, open crimes migrated to CONNECT
    bool connectXlsx = false;   ///< also write the CONNECT extract as connect.xlsx (same rows)
    bool badRows = true;        ///< add rows the import must reject (about 0.5% of rows)
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
/// does not grow with the number of crimes beyond the world model itself.
Result<DemoFiles> generateDemo(const QString &outDir, const DemoOptions &options,
                               const DemoProgress &hooks = {});

} // namespace foi
