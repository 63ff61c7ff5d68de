// The reference shapes of disclosure control, one folder each under tests/data/protection-cases (see its
// README): a small register, a request, earlier releases and the force's minimum threshold, with what
// must come out. Every release that passes is also read by the tests' own attacker.

#include "ReleaseReading.h"
#include "protect/Release.h"
#include "support/TestSupport.h"
#include "support/TestWorld.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace foi;
using foi::protect::test::lpRange;
using foi::protect::test::lpSumRange;
using foi::protect::test::readRelease;
using foi::test::World;

namespace {

QStringList caseNames()
{
    return QDir(foi::test::dataPath(QStringLiteral("protection-cases")))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QJsonObject readCase(const QString &name)
{
    QFile f(foi::test::dataPath(QStringLiteral("protection-cases/%1/case.json").arg(name)));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << name.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << name.toStdString();
    return doc.object();
}

Request requestOf(const QJsonValue &v, const QString &name)
{
    Result<Request> r = Request::fromJson(QJsonDocument(v.toObject()).toJson(), name);
    EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().toString().toStdString());
    return r.ok() ? *r : Request{};
}

World worldOf(const QJsonArray &crimes)
{
    World w;
    for (const QJsonValue &v : crimes) {
        const QJsonObject c = v.toObject();
        const QDate recorded = QDate::fromString(
            c.value(QStringLiteral("recorded")).toString(QStringLiteral("2017-05-01")), Qt::ISODate);
        w.addCrimes(c.value(QStringLiteral("class")).toString(), c.value(QStringLiteral("count")).toInt(),
                    c.value(QStringLiteral("age")).toInt(), qint32(recorded.toJulianDay()));
    }
    return w;
}

/// The tests' own attacker on a release that passes: no small or sensitive count, and no small group
/// of one line, narrowed below the policy's range.
void attack(const Release &release, const std::string &name)
{
    const foi::protect::test::Reading rd = readRelease(release);
    const int t = release.request.protection.threshold;
    const qint64 required = std::max(2, t - 1);
    for (size_t i = 0; i < rd.cells.size(); ++i) {
        if (!rd.primary[i] || !rd.cells[i]->withheld())
            continue;
        const auto range = lpRange(rd.plain, int(i));
        ASSERT_TRUE(range.has_value()) << name;
        if (range->upper) {
            EXPECT_GE(*range->width(), required) << name << ": " << rd.cells[i]->row.toStdString();
        }
    }
    for (const std::vector<int> &group : rd.smallGroups(t)) {
        const auto range = lpSumRange(rd.plain, group);
        ASSERT_TRUE(range.has_value()) << name;
        if (range->upper) {
            EXPECT_GE(*range->width(), required) << name << ": a group of " << group.size();
        }
    }
}

class ProtectionCase : public ::testing::TestWithParam<QString>
{};

} // namespace

TEST_P(ProtectionCase, ComesOutAsDescribed)
{
    const QString name = GetParam();
    const std::string n = name.toStdString();
    const QJsonObject c = readCase(name);
    ASSERT_FALSE(c.value(QStringLiteral("shape")).toString().isEmpty()) << n << ": say which shape it is";
    const World w = worldOf(c.value(QStringLiteral("crimes")).toArray());
    const CountingFrame frame = w.frame();

    ReleaseContext context;
    context.alternatives = false;
    context.minimumThreshold = c.value(QStringLiteral("minimum_threshold")).toInt(0);
    context.usualThreshold = ProtectionPolicy::kUsualThreshold;
    for (const QJsonValue &e : c.value(QStringLiteral("earlier")).toArray()) {
        Result<Release> earlier = tabulate(frame, requestOf(e, name), context);
        ASSERT_TRUE(earlier.ok()) << n;
        ASSERT_TRUE(earlier->passes) << n << ": " << earlier->failure.toStdString();
        Result<EarlierRelease> read = EarlierRelease::fromRecord(
            earlier->toRecord(QStringLiteral("officer"), QDateTime::currentDateTimeUtc()));
        ASSERT_TRUE(read.ok()) << n;
        context.earlier << *read;
    }

    Request request = requestOf(c.value(QStringLiteral("request")), name);
    Result<Release> res = tabulate(frame, request, context);
    ASSERT_TRUE(res.ok()) << n << ": " << res.error().toString().toStdString();
    const Release &release = *res;
    const QJsonObject expect = c.value(QStringLiteral("expect")).toObject();

    EXPECT_EQ(release.passes, expect.value(QStringLiteral("passes")).toBool())
        << n << ": " << release.failure.toStdString();
    const QString failure = expect.value(QStringLiteral("failure_contains")).toString();
    EXPECT_TRUE(release.failure.contains(failure)) << n << ": " << release.failure.toStdString();
    const QString lacks = expect.value(QStringLiteral("disclosure_lacks")).toString();
    EXPECT_TRUE(lacks.isEmpty() || !release.disclosureText.contains(lacks))
        << n << ": " << release.disclosureText.toStdString();
    const QString warning = expect.value(QStringLiteral("warning")).toString();
    EXPECT_TRUE(warning.isEmpty() ||
                std::any_of(release.warnings.begin(), release.warnings.end(),
                            [&](const ReleaseWarning &given) { return given.kind == warning; }))
        << n;
    for (const QJsonValue &row : expect.value(QStringLiteral("withheld")).toArray()) {
        const ReleasedCell *cell = release.tables.value(0).find(row.toString());
        ASSERT_NE(cell, nullptr) << n << ": " << row.toString().toStdString();
        EXPECT_EQ(cell->shown, QStringLiteral("[c]")) << n << ": " << row.toString().toStdString();
    }
    int withheld = 0;
    int notApplicable = 0;
    for (const ReleasedTable &t : release.tables) {
        for (const ReleasedCell &cell : t.cells) {
            withheld += cell.withheld() ? 1 : 0;
            notApplicable += cell.status == CellStatus::NotApplicable ? 1 : 0;
        }
    }
    EXPECT_GE(withheld, expect.value(QStringLiteral("withheld_at_least")).toInt(0)) << n;
    EXPECT_GE(notApplicable, expect.value(QStringLiteral("not_applicable_at_least")).toInt(0)) << n;
    if (expect.value(QStringLiteral("passes_with_reason")).toBool()) {
        request.protection.thresholdReason = c.value(QStringLiteral("with_reason")).toString();
        Result<Release> again = tabulate(frame, request, context);
        ASSERT_TRUE(again.ok()) << n;
        EXPECT_TRUE(again->passes) << n << ": " << again->failure.toStdString();
        EXPECT_TRUE(again->toRecord(QStringLiteral("officer"), QDateTime::currentDateTimeUtc())
                        .reasons.join(QString())
                        .contains(request.protection.thresholdReason))
            << n;
        if (again->passes)
            attack(*again, n);
    }
    if (release.passes)
        attack(release, n);
}

INSTANTIATE_TEST_SUITE_P(ProtectionCases, ProtectionCase, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<QString> &param) {
                             QString s = param.param;
                             return s.replace(QLatin1Char('-'), QLatin1Char('_')).toStdString();
                         });
