// A request counted and protected end to end: what is shown, what is withheld and why, the audit, the
// warnings, the alternatives and the paragraphs, on small registers whose answers can be worked out.

#include "protect/Release.h"
#include "support/TestSupport.h"
#include "support/TestWorld.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace foi;
using foi::test::day;
using foi::test::World;

namespace {

Request seedShaped()
{
    Request r;
    r.reference = QStringLiteral("R1");
    r.criteria.roles = {Role::Suspect, Role::Offender};
    r.criteria.ageMin = 1;
    r.criteria.ageMax = 9;
    r.unit = CountUnit::Crimes;
    r.tables << TableSpec{QStringLiteral("Offences by Home Office offence class"), Dimension::OffenceClass,
                          std::nullopt}
             << TableSpec{QStringLiteral("Offences by age of the child"), Dimension::Age, std::nullopt};
    r.protection.threshold = 5;
    return r;
}

Release tabulateOk(const World &w, const Request &r, const ReleaseContext &context = {})
{
    Result<Release> res = tabulate(w.frame(), r, context);
    EXPECT_TRUE(res.ok()) << (res.ok() ? std::string() : res.error().toString().toStdString());
    return res.ok() ? *res : Release{};
}

QStringList shownColumn(const ReleasedTable &t)
{
    QStringList out;
    for (const ReleasedCell &c : t.cells)
        out << c.row + QLatin1Char('=') + c.shown;
    return out;
}

bool hasWarning(const Release &r, const QString &kind)
{
    return std::any_of(r.warnings.begin(), r.warnings.end(),
                       [&](const ReleaseWarning &w) { return w.kind == kind; });
}

} // namespace

TEST(Release, WithholdsSmallCountsAndEnoughOthersThatNoneCanBeWorkedOut)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 12, 9, d);
    w.addCrimes(QStringLiteral("105A"), 3, 8, d);
    w.addCrimes(QStringLiteral("8L"), 9, 9, d);
    const Release r = tabulateOk(w, seedShaped());
    ASSERT_EQ(r.tables.size(), 2);
    const ReleasedTable &classes = r.tables[0];
    // Alphabetical by label: Assault with injury (8N), Assault without injury (105A), Harassment (8L).
    ASSERT_EQ(classes.cells.size(), 3);
    EXPECT_EQ(classes.cells[0].row, QStringLiteral("8N"));
    EXPECT_EQ(classes.cells[1].row, QStringLiteral("105A"));
    EXPECT_EQ(classes.cells[1].shown, QStringLiteral("[c]"));
    EXPECT_EQ(classes.cells[1].status, CellStatus::Threshold);
    // The total 24 is released in both tables, so a second cell must be withheld with the 3.
    int withheld = 0;
    for (const ReleasedCell &c : classes.cells)
        withheld += c.withheld() ? 1 : 0;
    EXPECT_TRUE(withheld >= 2 || classes.total.withheld());
    EXPECT_TRUE(r.passes) << r.failure.toStdString();
    // Every withheld cell is in the audit, and the 3 is not pinned down.
    bool audited = false;
    for (const AuditLine &a : r.audit) {
        if (a.table == 0 && a.row == QLatin1String("105A")) {
            audited = true;
            EXPECT_TRUE(a.isProtected);
            EXPECT_LE(a.lower, 3);
            if (a.upper) {
                EXPECT_GE(*a.upper, 3);
                EXPECT_GE(*a.upper - a.lower + 1, 4);
            }
        }
    }
    EXPECT_TRUE(audited);
    // Ages: 8 (3 crimes) is withheld, and so is 9 or the total to protect it.
    const ReleasedTable &ages = r.tables[1];
    EXPECT_EQ(ages.find(QStringLiteral("8"))->shown, QStringLiteral("[c]"));
    EXPECT_TRUE(ages.find(QStringLiteral("9"))->withheld() || ages.total.withheld());
}

TEST(Release, JsonFollowsTheContractAndKeepsTrueCountsForTheOfficerOnly)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 12, 9, d);
    w.addCrimes(QStringLiteral("105A"), 3, 8, d);
    w.addCrimes(QStringLiteral("8L"), 9, 7, d);
    const Release r = tabulateOk(w, seedShaped());
    const QJsonObject json = r.toJson(false);
    EXPECT_EQ(json.value(QStringLiteral("reference")).toString(), QStringLiteral("R1"));
    EXPECT_EQ(json.value(QStringLiteral("unit")).toString(), QStringLiteral("crimes"));
    const QJsonArray tables = json.value(QStringLiteral("tables")).toArray();
    ASSERT_EQ(tables.size(), 2);
    const QJsonObject t0 = tables[0].toObject();
    EXPECT_EQ(t0.value(QStringLiteral("rows")).toString(), QStringLiteral("offence_class"));
    EXPECT_TRUE(t0.value(QStringLiteral("columns")).isNull());
    const QJsonObject first = t0.value(QStringLiteral("cells")).toArray().at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("row")).toString(), QStringLiteral("8N"));
    EXPECT_EQ(first.value(QStringLiteral("row_label")).toString(), QStringLiteral("Assault with injury"));
    EXPECT_TRUE(first.value(QStringLiteral("column")).isNull());
    EXPECT_TRUE(first.contains(QStringLiteral("shown")));
    EXPECT_TRUE(json.value(QStringLiteral("warnings")).isArray());
    EXPECT_FALSE(json.value(QStringLiteral("audit")).toArray().isEmpty());
    // No true count anywhere in the protected output.
    const QByteArray text = QJsonDocument(json).toJson();
    EXPECT_FALSE(text.contains("\"count\"")) << text.constData();
    const QJsonObject officer = r.toJson(true);
    EXPECT_EQ(officer.value(QStringLiteral("tables"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("cells"))
                  .toArray()
                  .at(1)
                  .toObject()
                  .value(QStringLiteral("count"))
                  .toInteger(),
              3);
    EXPECT_FALSE(r.toCsv(false).contains("(3)"));
    EXPECT_TRUE(r.toCsv(true).contains("[c] (3)"));
}

TEST(Release, TrueZerosAreReleasedUnlessThePolicyWithholdsThem)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    for (int i = 0; i < 7; ++i) {
        qint64 c = w.crime(QStringLiteral("8N"), d);
        w.link(c, 100 + i, Role::Suspect, 30, Sex::Male);
    }
    for (int i = 0; i < 8; ++i) {
        qint64 c = w.crime(QStringLiteral("105A"), d);
        w.link(c, 200 + i, Role::Suspect, 30, Sex::Female);
    }
    Request r;
    r.reference = QStringLiteral("Z");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceClass, Dimension::Sex};
    r.protection.threshold = 5;
    Release rel = tabulateOk(w, r);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("8N"), QStringLiteral("female"))->shown, QStringLiteral("0"));
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("8N"), QStringLiteral("male"))->shown, QStringLiteral("7"));
    EXPECT_TRUE(rel.audit.isEmpty());
    r.protection.suppressZeros = true;
    rel = tabulateOk(w, r);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("8N"), QStringLiteral("female"))->shown,
              QStringLiteral("[c]"));
    EXPECT_TRUE(rel.passes) << rel.failure.toStdString();
}

TEST(Release, SexualOffencesAreWithheldOrCombinedWithTheReasonRecorded)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("19C"), 6, 9, d);
    w.addCrimes(QStringLiteral("17A"), 7, 9, d);
    w.addCrimes(QStringLiteral("8N"), 20, 9, d);
    w.addCrimes(QStringLiteral("105A"), 15, 9, d);
    Request r;
    r.reference = QStringLiteral("S");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceClass, std::nullopt};
    r.protection.threshold = 5;
    // By default, counted and protected like every other count: 19C's 6 and 17A's 7 are shown.
    Release rel = tabulateOk(w, r);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("19C"))->shown, QStringLiteral("6"));
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("17A"))->shown, QStringLiteral("7"));
    EXPECT_TRUE(hasWarning(rel, QStringLiteral("sensitive")));
    EXPECT_TRUE(rel.disclosureText.contains(QStringLiteral("not aggregate counts")));
    EXPECT_TRUE(rel.passes);

    r.protection.sensitive = ProtectionPolicy::Sensitive::Suppress;
    rel = tabulateOk(w, r);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("19C"))->status, CellStatus::Sensitive);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("17A"))->shown, QStringLiteral("[c]"));
    EXPECT_TRUE(hasWarning(rel, QStringLiteral("sensitive")));
    EXPECT_TRUE(rel.disclosureText.contains(QStringLiteral("Section 44(1)")));
    EXPECT_TRUE(rel.passes);

    r.protection.sensitive = ProtectionPolicy::Sensitive::Combine;
    rel = tabulateOk(w, r);
    const ReleasedCell *combined = rel.tables[0].find(QStringLiteral("sexual-offences"));
    ASSERT_NE(combined, nullptr);
    EXPECT_EQ(combined->shown, QStringLiteral("13"));
    EXPECT_EQ(rel.tables[0].cells.size(), 3);
}

TEST(Release, ATableWhoseRowsOverlapSaysSo)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    for (int i = 0; i < 6; ++i) {
        qint64 c = w.crime(QStringLiteral("8N"), d);
        w.link(c, 10 * i + 1, Role::Suspect, 7);
        w.link(c, 10 * i + 2, Role::Suspect, 8);
    }
    const Release rel = tabulateOk(w, seedShaped());
    ASSERT_EQ(rel.tables.size(), 2);
    EXPECT_TRUE(rel.tables[0].notes.isEmpty());
    ASSERT_EQ(rel.tables[1].notes.size(), 1);
    EXPECT_TRUE(rel.tables[1].notes[0].contains(QStringLiteral("more than the total")));
    EXPECT_EQ(shownColumn(rel.tables[1]), (QStringList{QStringLiteral("7=6"), QStringLiteral("8=6")}));
    EXPECT_EQ(rel.tables[1].total.shown, QStringLiteral("6"));
}

TEST(Release, SeparateTablesSplitACrossTabAsTheSeedDid)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 12, 9, d);
    w.addCrimes(QStringLiteral("105A"), 8, 8, d);
    Request r;
    r.reference = QStringLiteral("X");
    r.tables << TableSpec{QStringLiteral("Offences"), Dimension::OffenceClass, Dimension::Age};
    r.protection.threshold = 5;
    r.protection.separateTables = true;
    const Release rel = tabulateOk(w, r);
    ASSERT_EQ(rel.tables.size(), 2);
    EXPECT_FALSE(rel.tables[0].spec.columns.has_value());
    EXPECT_EQ(rel.tables[0].spec.rows, Dimension::OffenceClass);
    EXPECT_EQ(rel.tables[1].spec.rows, Dimension::Age);
    EXPECT_TRUE(rel.disclosureText.contains(QStringLiteral("individual tables")));
}

TEST(Release, CountOrderPutsTheLargestFirstAndWithheldLast)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 6, 9, d);
    w.addCrimes(QStringLiteral("105A"), 20, 9, d);
    w.addCrimes(QStringLiteral("8L"), 9, 9, d);
    Request r;
    r.reference = QStringLiteral("O");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceClass, std::nullopt};
    r.protection.threshold = 5;
    r.protection.order = ProtectionPolicy::Order::Count;
    const Release rel = tabulateOk(w, r);
    EXPECT_EQ(shownColumn(rel.tables[0]),
              (QStringList{QStringLiteral("105A=20"), QStringLiteral("8L=9"), QStringLiteral("8N=6")}));
}

TEST(Release, RoundingShowsCountsToTheBase)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 12, 9, d);
    w.addCrimes(QStringLiteral("105A"), 28, 9, d);
    Request r;
    r.reference = QStringLiteral("Rd");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceClass, std::nullopt};
    r.protection.threshold = 5;
    r.protection.round = 5;
    const Release rel = tabulateOk(w, r);
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("8N"))->shown, QStringLiteral("10"));
    EXPECT_EQ(rel.tables[0].find(QStringLiteral("105A"))->shown, QStringLiteral("30"));
    EXPECT_EQ(rel.tables[0].total.shown, QStringLiteral("40"));
    EXPECT_TRUE(rel.disclosureText.contains(QStringLiteral("nearest 5")));
}

TEST(Release, WithoutComplementarySuppressionASingleSmallCellFailsTheAudit)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 12, 9, d);
    w.addCrimes(QStringLiteral("105A"), 3, 9, d);
    Request r;
    r.reference = QStringLiteral("F");
    r.tables << TableSpec{QStringLiteral("t"), Dimension::OffenceClass, std::nullopt};
    r.protection.threshold = 5;
    r.protection.secondary = false;
    const Release rel = tabulateOk(w, r);
    EXPECT_FALSE(rel.passes);
    EXPECT_FALSE(rel.failure.isEmpty());
    ASSERT_EQ(rel.audit.size(), 1);
    EXPECT_EQ(rel.audit[0].lower, 3);
    EXPECT_EQ(rel.audit[0].upper, 3);
    EXPECT_FALSE(rel.audit[0].isProtected);
}

TEST(Release, HeavySuppressionOffersAlternativesWithTheirEffect)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    // Ages 1..9 with one or two children each: nearly every cell is small.
    for (int age = 1; age <= 9; ++age)
        w.addCrimes(QStringLiteral("8N"), age % 2 + 1, age, d);
    Request r = seedShaped();
    r.tables.removeFirst();
    const Release rel = tabulateOk(w, r);
    EXPECT_TRUE(hasWarning(rel, QStringLiteral("heavy-suppression")));
    ASSERT_FALSE(rel.alternatives.isEmpty());
    bool bands = false;
    for (const ReleaseAlternative &a : rel.alternatives) {
        EXPECT_GT(a.cells, 0);
        if (!a.policy.ageBands.isEmpty()) {
            bands = true;
            EXPECT_LT(a.cellsWithheld, rel.withheldCells()) << a.description.toStdString();
        }
    }
    EXPECT_TRUE(bands);
}

TEST(Release, LinkageAcrossSeparateTablesIsStated)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    // 10 of 12 crimes are assaults with injury, 9 of 12 involve a nine-year-old: at least 7 are both.
    w.addCrimes(QStringLiteral("8N"), 7, 9, d);
    w.addCrimes(QStringLiteral("8N"), 3, 8, d);
    w.addCrimes(QStringLiteral("105A"), 2, 9, d);
    Request r = seedShaped();
    r.protection.threshold = 2;
    const Release rel = tabulateOk(w, r);
    ASSERT_TRUE(hasWarning(rel, QStringLiteral("linkage")));
    QString all;
    for (const ReleaseWarning &x : rel.warnings)
        all += x.message;
    EXPECT_TRUE(all.contains(QStringLiteral("at least 7"))) << all.toStdString();
}

TEST(Release, ASmallPopulationAndATableOfOneCategoryAreLinkageRisks)
{
    World w;
    const qint32 d = day(2017, 5, 1);
    w.addCrimes(QStringLiteral("8N"), 4, 9, d);
    Request r = seedShaped();
    r.protection.threshold = 0; // nothing withheld: the officer still sees the residual risk
    r.protection.separateTables = true;
    const Release rel = tabulateOk(w, r);
    int linkage = 0;
    for (const ReleaseWarning &x : rel.warnings)
        linkage += x.kind == QLatin1String("linkage") ? 1 : 0;
    EXPECT_GE(linkage, 2);
}

TEST(Release, ANestedEarlierReleaseThatDiffersBySmallCountsIsFlagged)
{
    World w;
    w.addCrimes(QStringLiteral("8N"), 10, 9, day(2017, 5, 1));
    w.addCrimes(QStringLiteral("8N"), 2, 9, day(2017, 12, 10));
    w.addCrimes(QStringLiteral("105A"), 8, 9, day(2017, 5, 1));
    Request earlier = seedShaped();
    earlier.reference = QStringLiteral("E1");
    earlier.tables.removeLast();
    earlier.criteria.from = QDate(2017, 1, 1);
    earlier.criteria.to = QDate(2017, 11, 30);
    const Release first = tabulateOk(w, earlier);
    ASSERT_TRUE(first.passes);
    Result<EarlierRelease> kept = EarlierRelease::fromRecord(
        first.toRecord(QStringLiteral("officer"), QDateTime::currentDateTimeUtc()));
    ASSERT_TRUE(kept.ok()) << kept.error().toString().toStdString();

    Request now = earlier;
    now.reference = QStringLiteral("N1");
    now.criteria.to = QDate(2017, 12, 31);
    ReleaseContext context;
    context.earlier << *kept;
    const Release second = tabulateOk(w, now, context);
    ASSERT_TRUE(hasWarning(second, QStringLiteral("differencing")));
    for (const ReleaseWarning &x : second.warnings) {
        if (x.kind == QLatin1String("differencing")) {
            EXPECT_EQ(x.earlier, QStringLiteral("E1"));
            EXPECT_FALSE(x.fix.isEmpty());
        }
    }
    // A release of criteria that do not nest is not compared.
    Request other = now;
    other.reference = QStringLiteral("N2");
    other.criteria.from = QDate(2017, 12, 1);
    EXPECT_FALSE(hasWarning(tabulateOk(w, other, context), QStringLiteral("differencing")));
}

TEST(Release, ACountWithheldNowThatAnEarlierReleaseShowedIsFlagged)
{
    World w;
    w.addCrimes(QStringLiteral("8N"), 10, 9, day(2017, 5, 1));
    w.addCrimes(QStringLiteral("105A"), 3, 9, day(2017, 5, 1));
    Request earlier = seedShaped();
    earlier.reference = QStringLiteral("E2");
    earlier.tables.removeLast();
    earlier.protection.threshold = 3; // the 3 was shown then
    const Release first = tabulateOk(w, earlier);
    Result<EarlierRelease> kept = EarlierRelease::fromRecord(
        first.toRecord(QStringLiteral("officer"), QDateTime::currentDateTimeUtc()));
    ASSERT_TRUE(kept.ok());
    Request now = earlier;
    now.reference = QStringLiteral("N3");
    now.protection.threshold = 5;
    ReleaseContext context;
    context.earlier << *kept;
    EXPECT_TRUE(hasWarning(tabulateOk(w, now, context), QStringLiteral("differencing")));
}

TEST(Release, TheSearchParagraphSaysWhatWasCounted)
{
    World w;
    w.addCrimes(QStringLiteral("8N"), 12, 9, day(2017, 5, 1), 11);
    w.addCrimes(QStringLiteral("8N"), 12, 9, day(2018, 1, 5), 11);
    w.crimes.last().system = QStringLiteral("connect");
    Request r = seedShaped();
    r.criteria.from = QDate(2016, 1, 1);
    r.criteria.to = QDate(2018, 1, 31);
    r.criteria.outcomes = {11};
    r.criteria.offenceGroups = {QStringLiteral("Violence against the person")};
    ReleaseContext context;
    SystemInfo cms;
    cms.name = QStringLiteral("cms");
    cms.title = QStringLiteral("CMS");
    cms.role = SystemRole::Legacy;
    cms.cutover = QDate(2017, 12, 4);
    SystemInfo connect;
    connect.name = QStringLiteral("connect");
    connect.title = QStringLiteral("CONNECT");
    connect.role = SystemRole::New;
    connect.legacySystem = QStringLiteral("cms");
    connect.cutover = QDate(2017, 12, 4);
    context.systems = {cms, connect};
    const Release rel = tabulateOk(w, r, context);
    const QString &s = rel.searchText;
    EXPECT_TRUE(s.startsWith(QStringLiteral("This is a count of crimes"))) << s.toStdString();
    for (const QString &part :
         {QStringLiteral("CMS (the legacy system, which holds crimes recorded up to 4 December 2017)"),
          QStringLiteral("CONNECT (the new system"), QStringLiteral("a suspect or offender aged 1 to 9"),
          QStringLiteral("(Home Office outcome 11)"), QStringLiteral("'Violence against the person'"),
          QStringLiteral("between 1 January 2016 and 31 January 2018"),
          QStringLiteral("broken down by Home Office offence class and age")})
        EXPECT_TRUE(s.contains(part)) << part.toStdString() << "\n" << s.toStdString();
    EXPECT_TRUE(rel.disclosureText.contains(QStringLiteral("Section 40(2)")));
    // Violence against the person only: no sexual offence in scope, so no s.44(1).
    EXPECT_FALSE(rel.disclosureText.contains(QStringLiteral("44(1)")));
}

namespace {

/// Crimes recorded from 1 April 2014 to 30 June 2018, as the register of the issue held.
World fourYears()
{
    World w;
    w.addCrimes(QStringLiteral("8N"), 12, 9, day(2014, 4, 1));
    w.addCrimes(QStringLiteral("105A"), 8, 8, day(2016, 7, 14));
    w.addCrimes(QStringLiteral("8N"), 9, 7, day(2018, 6, 30));
    return w;
}

const ReleaseWarning *warningOf(const Release &r, const QString &kind)
{
    for (const ReleaseWarning &w : r.warnings) {
        if (w.kind == kind)
            return &w;
    }
    return nullptr;
}

} // namespace

TEST(Release, APeriodWhollyOutsideTheRecordsIsSaidAndTheLetterClaimsNoProtection)
{
    const World w = fourYears();
    Request r = seedShaped();
    r.criteria.from = QDate(2024, 1, 1);
    r.criteria.to = QDate(2026, 12, 31);
    const Release rel = tabulateOk(w, r);
    EXPECT_EQ(rel.recordsSpan.first, QDate(2014, 4, 1));
    EXPECT_EQ(rel.recordsSpan.last, QDate(2018, 6, 30));
    const ReleaseWarning *outside = warningOf(rel, QStringLiteral("outside-data"));
    ASSERT_NE(outside, nullptr);
    EXPECT_EQ(outside->message,
              QStringLiteral("The period asked about, 1 January 2024 to 31 December 2026, lies outside the "
                             "records held, which run from 1 April 2014 to 30 June 2018: every count is 0."));
    EXPECT_FALSE(outside->fix.isEmpty());
    // The period already says why nothing matched.
    EXPECT_FALSE(hasWarning(rel, QStringLiteral("nothing-matched")));
    EXPECT_EQ(rel.tables[0].total.shown, QStringLiteral("0"));
    EXPECT_TRUE(rel.searchText.endsWith(
        QStringLiteral("The records searched run from 1 April 2014 to 30 June 2018.")))
        << rel.searchText.toStdString();
    EXPECT_EQ(rel.disclosureText,
              QStringLiteral("No crimes matched these criteria, so every count in the tables is 0."));
    EXPECT_FALSE(rel.disclosureText.contains(QStringLiteral("Due to the low numbers")));

    // Before the records, with only an end to the period: the same.
    r.criteria.from = QDate();
    r.criteria.to = QDate(2014, 3, 31);
    const Release before = tabulateOk(w, r);
    ASSERT_NE(warningOf(before, QStringLiteral("outside-data")), nullptr);
    EXPECT_TRUE(warningOf(before, QStringLiteral("outside-data"))
                    ->message.startsWith(
                        QStringLiteral("The period asked about, up to 31 March 2014, lies outside")));
}

TEST(Release, APeriodPartlyOutsideTheRecordsSaysWhatIsNotCounted)
{
    const World w = fourYears();
    Request r = seedShaped();
    r.criteria.from = QDate(2018, 1, 1);
    r.criteria.to = QDate(2018, 12, 31);
    Release rel = tabulateOk(w, r);
    const ReleaseWarning *outside = warningOf(rel, QStringLiteral("outside-data"));
    ASSERT_NE(outside, nullptr);
    EXPECT_EQ(outside->message,
              QStringLiteral("The records held run from 1 April 2014 to 30 June 2018; the period asked about "
                             "ends on 31 December 2018: nothing is counted after 30 June 2018."));
    EXPECT_FALSE(hasWarning(rel, QStringLiteral("nothing-matched")));
    EXPECT_TRUE(rel.searchText.contains(
        QStringLiteral("The records searched run from 1 April 2014 to 30 June 2018.")));
    // Counts were found and protected: the letter's wording is the usual one.
    EXPECT_EQ(rel.tables[0].total.count, 9);
    EXPECT_TRUE(rel.disclosureText.startsWith(QStringLiteral("Due to the low numbers involved")))
        << rel.disclosureText.toStdString();

    r.criteria.from = QDate(2010, 1, 1);
    r.criteria.to = QDate(2019, 1, 31);
    rel = tabulateOk(w, r);
    outside = warningOf(rel, QStringLiteral("outside-data"));
    ASSERT_NE(outside, nullptr);
    EXPECT_EQ(
        outside->message,
        QStringLiteral("The records held run from 1 April 2014 to 30 June 2018; the period asked about "
                       "starts on 1 January 2010 and ends on 31 January 2019: nothing is counted before 1 "
                       "April 2014 or after 30 June 2018."));

    // A period within the records, or none: no warning, and the search paragraph as it was.
    for (const auto &[from, to] :
         {std::pair{QDate(2014, 4, 1), QDate(2018, 6, 30)}, std::pair{QDate(), QDate()}}) {
        r.criteria.from = from;
        r.criteria.to = to;
        rel = tabulateOk(w, r);
        EXPECT_FALSE(hasWarning(rel, QStringLiteral("outside-data")));
        EXPECT_FALSE(rel.searchText.contains(QStringLiteral("The records searched run")))
            << rel.searchText.toStdString();
    }
}

TEST(Release, TheRecordsCoverWhatTheDateBasisSays)
{
    // Recorded in 2014 and 2018, one of them committed in 2012.
    World w;
    w.link(w.crime(QStringLiteral("8N"), day(2014, 4, 1), -1, day(2012, 2, 1)), 1, Role::Suspect, 9);
    w.addCrimes(QStringLiteral("8N"), 6, 9, day(2018, 6, 30));
    Request r = seedShaped();
    r.criteria.from = QDate(2012, 2, 1);
    r.criteria.to = QDate(2018, 6, 30);
    EXPECT_FALSE(hasWarning(tabulateOk(w, r), QStringLiteral("outside-data")));
    r.criteria.dateBasis = Criteria::DateBasis::Recorded;
    const Release rel = tabulateOk(w, r);
    ASSERT_TRUE(hasWarning(rel, QStringLiteral("outside-data")));
    EXPECT_TRUE(warningOf(rel, QStringLiteral("outside-data"))
                    ->message.contains(QStringLiteral("nothing is counted before 1 April 2014")));
}

TEST(Release, CriteriaThatMatchNothingAreSaidAndTheLetterDoesNotClaimProtection)
{
    const World w = fourYears();
    Request r = seedShaped();
    r.criteria.offenceClasses = {QStringLiteral("8L")};
    Release rel = tabulateOk(w, r);
    EXPECT_TRUE(rel.passes) << rel.failure.toStdString();
    EXPECT_EQ(rel.matched(), 0);
    const ReleaseWarning *nothing = warningOf(rel, QStringLiteral("nothing-matched"));
    ASSERT_NE(nothing, nullptr);
    EXPECT_EQ(nothing->message,
              QStringLiteral("No crimes match the criteria: every count in the tables is 0."));
    EXPECT_FALSE(nothing->fix.isEmpty());
    EXPECT_FALSE(hasWarning(rel, QStringLiteral("outside-data")));
    EXPECT_EQ(rel.disclosureText,
              QStringLiteral("No crimes matched these criteria, so every count in the tables is 0."));
    EXPECT_FALSE(rel.disclosureText.contains(QStringLiteral("Due to the low numbers")));
    EXPECT_FALSE(rel.disclosureText.contains(QStringLiteral("[c]")));
    EXPECT_FALSE(rel.searchText.contains(QStringLiteral("The records searched run")));

    // In the unit's words.
    r.unit = CountUnit::Persons;
    rel = tabulateOk(w, r);
    ASSERT_NE(warningOf(rel, QStringLiteral("nothing-matched")), nullptr);
    EXPECT_EQ(warningOf(rel, QStringLiteral("nothing-matched"))->message,
              QStringLiteral("No people match the criteria: every count in the tables is 0."));
    EXPECT_EQ(rel.disclosureText,
              QStringLiteral("No people matched these criteria, so every count in the tables is 0."));

    // Zeros withheld are withheld in the letter too: it does not say that nothing matched.
    r.protection.suppressZeros = true;
    rel = tabulateOk(w, r);
    EXPECT_TRUE(hasWarning(rel, QStringLiteral("nothing-matched")));
    EXPECT_FALSE(rel.disclosureText.contains(QStringLiteral("matched"))) << rel.disclosureText.toStdString();

    // Something matches: no warning.
    r = seedShaped();
    EXPECT_FALSE(hasWarning(tabulateOk(w, r), QStringLiteral("nothing-matched")));
}
