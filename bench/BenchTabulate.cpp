// From an open register to protected tables: counting and the whole of tabulate (suppression, audit,
// warnings, paragraphs) for the seed's request and for a two-way table of offence group by age, over a
// made-up register of --links crime-person links (5 million by default, about what a large force's
// register holds for several years of both systems).

#include "count/Counter.h"
#include "protect/CellProblem.h"
#include "protect/Release.h"
#include "reference/Classification.h"

#include <QCoreApplication>
#include <QDate>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

using namespace foi;

namespace {

/// A register of `links` links, about 2 per crime, over 2015 to 2018, with the 2017/18 classes.
CountingFrame makeFrame(qint64 links)
{
    const ClassificationVersion &version = Classification::builtIn().versionAt(QDate(2017, 6, 1));
    std::mt19937_64 rng(20180207);
    const qint64 crimes = std::max<qint64>(1, links);
    QVector<MergedCrime> cs;
    QVector<MergedLink> ls;
    cs.reserve(links / 2 + 1);
    ls.reserve(links + 8);
    const qint32 first = qint32(QDate(2015, 4, 1).toJulianDay());
    const qint32 cutover = qint32(QDate(2017, 12, 4).toJulianDay());
    std::uniform_int_distribution<int> offence(0, int(version.offences.size()) - 1);
    std::uniform_int_distribution<int> days(0, 3 * 365);
    std::uniform_int_distribution<int> ages(0, 80);
    std::uniform_int_distribution<int> pick(0, 99);
    qint64 person = 1;
    for (qint64 i = 0; i < crimes && ls.size() < links; ++i) {
        MergedCrime c;
        c.id = i + 1;
        c.recorded = first + days(rng);
        c.system = c.recorded < cutover ? QStringLiteral("cms") : QStringLiteral("connect");
        c.offenceCode = version.offences[offence(rng)].code;
        c.committedFrom = pick(rng) < 80 ? c.recorded - pick(rng) % 5 : 0;
        c.outcome = qint8(pick(rng) < 30 ? -1 : 1 + pick(rng) % 21);
        cs << c;
        const int n = 1 + (pick(rng) < 50) + (pick(rng) < 50);
        for (int k = 0; k < n; ++k) {
            MergedLink l;
            l.crimeId = c.id;
            l.personId = pick(rng) < 10 ? 1 + qint64(rng() % quint64(person)) : person++;
            l.role = static_cast<Role>(1 + pick(rng) % 5);
            l.age = qint16(pick(rng) < 5 ? -1 : (pick(rng) < 3 ? 1 + pick(rng) % 9 : ages(rng)));
            l.sex = static_cast<Sex>(pick(rng) % 3);
            l.linkId = ls.size() + 1;
            ls << l;
        }
    }
    return CountingFrame::build(cs, ls);
}

/// The seed's request file, as the tests have it.
Request seedRequest()
{
    Result<Request> r =
        Request::load(QStringLiteral(FOI_SOURCE_DIR "/tests/data/requests/seed-20180207.json"));
    if (!r) {
        std::fprintf(stderr, "bench_tabulate: %s\n", qPrintable(r.error().toString()));
        std::exit(2);
    }
    return *r;
}

Request groupByAge()
{
    Request r;
    r.reference = QStringLiteral("group-by-age");
    r.criteria.from = QDate(2017, 4, 1);
    r.criteria.to = QDate(2018, 3, 31);
    r.criteria.ageMin = 0;
    r.criteria.ageMax = 17;
    r.tables << TableSpec{QStringLiteral("Crimes by offence group and age"), Dimension::OffenceGroup,
                          Dimension::Age};
    r.protection.threshold = 5;
    return r;
}

/// A two-way table of rows x columns small counts with its margins, as complementary suppression and
/// the audit see it: about a quarter of the inner cells under the threshold of 5.
protect::CellProblem twoWayTable(int rows, int columns)
{
    std::mt19937_64 rng(20180207);
    std::uniform_int_distribution<int> count(0, 20);
    protect::CellProblem p;
    p.requiredRange = 4;
    auto term = [](int cell, double coefficient) {
        protect::LinearRelation::Term t;
        t.cell = cell;
        t.coefficient = coefficient;
        return t;
    };
    auto add = [&](qint64 value) {
        protect::ProblemCell c;
        c.value = c.shownLow = c.shownHigh = value;
        c.primary = value > 0 && value < 5;
        c.cost = double(value);
        p.cells.push_back(c);
        return int(p.cells.size()) - 1;
    };
    auto cellAt = std::vector<std::vector<int>>(size_t(rows), std::vector<int>(size_t(columns)));
    std::vector<qint64> rowSum(size_t(rows), 0), columnSum(size_t(columns), 0);
    qint64 total = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const qint64 v = count(rng);
            cellAt[size_t(r)][size_t(c)] = add(v);
            rowSum[size_t(r)] += v;
            columnSum[size_t(c)] += v;
            total += v;
        }
    std::vector<int> rowMargin, columnMargin;
    for (int r = 0; r < rows; ++r)
        rowMargin.push_back(add(rowSum[size_t(r)]));
    for (int c = 0; c < columns; ++c)
        columnMargin.push_back(add(columnSum[size_t(c)]));
    const int grand = add(total);
    for (int r = 0; r < rows; ++r) {
        protect::LinearRelation rel;
        for (int c = 0; c < columns; ++c)
            rel.terms.push_back(term(cellAt[size_t(r)][size_t(c)], 1.0));
        rel.terms.push_back(term(rowMargin[size_t(r)], -1.0));
        p.relations.push_back(rel);
    }
    for (int c = 0; c < columns; ++c) {
        protect::LinearRelation rel;
        for (int r = 0; r < rows; ++r)
            rel.terms.push_back(term(cellAt[size_t(r)][size_t(c)], 1.0));
        rel.terms.push_back(term(columnMargin[size_t(c)], -1.0));
        p.relations.push_back(rel);
    }
    protect::LinearRelation all;
    for (int m : rowMargin)
        all.terms.push_back(term(m, 1.0));
    all.terms.push_back(term(grand, -1.0));
    p.relations.push_back(all);
    return p;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 links = 5000000;
    std::vector<char *> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--links=", 8) == 0)
            links = std::stoll(argv[i] + 8);
        else
            rest.push_back(argv[i]);
    }
    int restCount = int(rest.size());
    std::fprintf(stderr, "bench_tabulate: making a register of %lld links...\n",
                 static_cast<long long>(links));
    const CountingFrame frame = makeFrame(links);
    std::fprintf(stderr, "bench_tabulate: %d crimes, %lld links, %d persons\n", frame.crimeCount(),
                 static_cast<long long>(frame.linkCount()), frame.personCount());
    ReleaseContext context;
    for (const auto &[name, request] : {std::pair{std::string("seed"), seedRequest()},
                                        std::pair{std::string("group_by_age"), groupByAge()}}) {
        benchmark::RegisterBenchmark(("count/" + name).c_str(), [&frame, request](benchmark::State &state) {
            for (auto _ : state) {
                Result<CountResult> r = countRequest(frame, request);
                benchmark::DoNotOptimize(r);
            }
        })->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("tabulate/" + name).c_str(), [&frame, request,
                                                                    &context](benchmark::State &state) {
            for (auto _ : state) {
                Result<Release> r = tabulate(frame, request, context);
                if (!r.ok())
                    state.SkipWithError("tabulate failed");
                benchmark::DoNotOptimize(r);
            }
        })->Unit(benchmark::kMillisecond);
    }
    // Complementary suppression and the audit alone, on a two-way table of offence groups by age.
    const protect::CellProblem table = twoWayTable(14, 18);
    benchmark::RegisterBenchmark("protect/suppress_14x18", [&table](benchmark::State &state) {
        for (auto _ : state) {
            Result<protect::SuppressionPattern> p = protect::suppress(table);
            if (!p.ok())
                state.SkipWithError("suppression failed");
            benchmark::DoNotOptimize(p);
        }
    })->Unit(benchmark::kMillisecond);
    Result<protect::SuppressionPattern> pattern = protect::suppress(table);
    std::vector<int> primaries;
    for (int i = 0; i < int(table.cells.size()); ++i)
        if (table.cells[size_t(i)].primary)
            primaries.push_back(i);
    benchmark::RegisterBenchmark("protect/audit_14x18", [&](benchmark::State &state) {
        for (auto _ : state) {
            Result<std::vector<protect::CellBounds>> b = protect::auditBounds(
                table, pattern.ok() ? pattern->suppressed : std::vector<bool>(), primaries);
            if (!b.ok())
                state.SkipWithError("audit failed");
            benchmark::DoNotOptimize(b);
        }
    })->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&restCount, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
