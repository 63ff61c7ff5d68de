// The inner loops of an import, each on its own: reading the CSV extract, normalising its rows,
// pseudonymising references, and storing kept rows in a fresh register. The extract is made once by
// the demo generator (--crimes, about 1.96 CMS rows each), so that figures are rows per second of the
// same file bench/run imports whole.

#include "demo/DemoGenerator.h"
#include "import/CsvReader.h"
#include "import/Pseudonymiser.h"
#include "import/RowNormaliser.h"
#include "import/SourceProfile.h"
#include "reference/Classification.h"
#include "register/Register.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

using namespace foi;

namespace {

qint64 g_crimes = 100000;
QTemporaryDir *g_dir = nullptr;
QString g_cms;
SourceProfile *g_profile = nullptr;

void die(const QString &message)
{
    std::fprintf(stderr, "bench_import: %s\n", qPrintable(message));
    std::exit(1);
}

CsvOptions csvOptions(const SourceProfile &p)
{
    CsvOptions options;
    options.delimiter = p.delimiter;
    options.encoding = p.encoding;
    options.footerPattern = p.footerPattern;
    return options;
}

void BM_CsvRead(benchmark::State &state)
{
    qint64 rows = 0;
    for (auto _ : state) {
        CsvReader reader(g_cms, csvOptions(*g_profile));
        rows = 0;
        while (reader.next())
            ++rows;
        if (reader.error())
            die(reader.error()->toString());
        benchmark::DoNotOptimize(rows);
    }
    state.SetItemsProcessed(state.iterations() * rows);
}

/// Reads and normalises every row; returns the kept links when asked for.
qint64 normaliseAll(const Pseudonymiser &pseudonymiser, QVector<LinkRecord> *kept)
{
    CsvReader reader(g_cms, csvOptions(*g_profile));
    if (!reader.next())
        die(QStringLiteral("the extract has no header"));
    Result<RowNormaliser> normaliser = RowNormaliser::create(*g_profile, reader, QStringLiteral("cms.csv"),
                                                             pseudonymiser, Classification::builtIn(), false);
    if (!normaliser)
        die(normaliser.error().toString());
    LinkRecord link;
    RejectRecord reject;
    qint64 rows = 0;
    while (reader.next()) {
        ++rows;
        if (normaliser->normalise(reader, &link, &reject) == RowNormaliser::Verdict::Kept && kept)
            kept->append(link);
    }
    if (reader.error())
        die(reader.error()->toString());
    return rows;
}

void BM_CsvNormalise(benchmark::State &state)
{
    const Pseudonymiser pseudonymiser(Pseudonymiser::newSalt());
    qint64 rows = 0;
    for (auto _ : state)
        rows = normaliseAll(pseudonymiser, nullptr);
    state.SetItemsProcessed(state.iterations() * rows);
}

void BM_Pseudonymise(benchmark::State &state)
{
    const Pseudonymiser pseudonymiser(Pseudonymiser::newSalt());
    const QString system = QStringLiteral("cms");
    std::vector<std::string> refs;
    for (int i = 0; i < 4096; ++i)
        refs.push_back("P" + std::to_string(1000000 + i * 7919));
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(pseudonymiser.key(system, refs[i]));
        i = (i + 1) & 4095;
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Insert(benchmark::State &state)
{
    const Pseudonymiser pseudonymiser(Pseudonymiser::newSalt());
    QVector<LinkRecord> links;
    normaliseAll(pseudonymiser, &links);
    int run = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = g_dir->filePath(QStringLiteral("insert-%1.sqlite").arg(run++));
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        if (!reg)
            die(reg.error().toString());
        Register &r = **reg;
        if (Status s = r.saveSystem(g_profile->system); !s)
            die(s.error().toString());
        ImportBatch batch;
        batch.system = g_profile->system.name;
        batch.profile = g_profile->name;
        batch.profileSha256 = QStringLiteral("0");
        batch.fileName = QStringLiteral("cms.csv");
        batch.fileSha256 = QString::number(run);
        batch.importedAt = QDateTime::currentDateTimeUtc();
        batch.officer = QStringLiteral("bench");
        state.ResumeTiming();
        if (Status s = r.beginTransaction(); !s)
            die(s.error().toString());
        Result<qint64> id = r.addImport(batch);
        if (!id)
            die(id.error().toString());
        for (qsizetype at = 0; at < links.size(); at += 8192) {
            if (Status s = r.addLinks(*id, links.mid(at, 8192)); !s)
                die(s.error().toString());
        }
        if (Status s = r.commit(); !s)
            die(s.error().toString());
        state.PauseTiming();
        reg->reset();
        QFile::remove(path);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * links.size());
}

} // namespace

int main(int argc, char **argv)
{
    // Our own flag first, so that Google Benchmark does not reject it.
    std::vector<char *> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--crimes=", 9) == 0)
            g_crimes = std::atoll(argv[i] + 9);
        else
            rest.push_back(argv[i]);
    }
    int restCount = static_cast<int>(rest.size());
    QCoreApplication app(restCount, rest.data());
    benchmark::Initialize(&restCount, rest.data());

    QTemporaryDir dir;
    if (!dir.isValid())
        die(QStringLiteral("cannot make a temporary folder"));
    g_dir = &dir;
    DemoOptions options;
    options.crimes = g_crimes;
    options.badRows = false;
    Result<DemoFiles> files = generateDemo(dir.path(), options);
    if (!files)
        die(files.error().toString());
    g_cms = files->cmsCsv;
    Result<SourceProfile> profile = SourceProfile::load(QStringLiteral("cms"));
    if (!profile)
        die(profile.error().toString());
    g_profile = &*profile;

    benchmark::RegisterBenchmark("csv/read", BM_CsvRead)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("csv/normalise", BM_CsvNormalise)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("pseudonymise", BM_Pseudonymise);
    benchmark::RegisterBenchmark("register/insert", BM_Insert)->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
