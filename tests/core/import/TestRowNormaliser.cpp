#include "import/RowNormaliser.h"
#include "import/SourceProfile.h"
#include "reference/Classification.h"
#include "support/VectorSource.h"

#include <QCryptographicHash>
#include <QDate>
#include <QMap>

#include <gtest/gtest.h>

using namespace foi;

namespace {

const QStringList kCmsHeader{QStringLiteral("CRIME_NO"),
                             QStringLiteral("DATE_RECORDED"),
                             QStringLiteral("DATE_COMMITTED_FROM"),
                             QStringLiteral("TIME_COMMITTED_FROM"),
                             QStringLiteral("DATE_COMMITTED_TO"),
                             QStringLiteral("HO_CLASS"),
                             QStringLiteral("HO_SUBCLASS"),
                             QStringLiteral("OFFENCE_TITLE"),
                             QStringLiteral("NOMINAL_NO"),
                             QStringLiteral("SURNAME"),
                             QStringLiteral("FORENAMES"),
                             QStringLiteral("DOB"),
                             QStringLiteral("AGE_AT_OFFENCE"),
                             QStringLiteral("SEX"),
                             QStringLiteral("INVOLVEMENT"),
                             QStringLiteral("DISPOSAL"),
                             QStringLiteral("DISPOSAL_DATE"),
                             QStringLiteral("BEAT"),
                             QStringLiteral("MO_TEXT")};

/// A valid CMS row: a seven-year-old suspect of an assault with injury, outcome 11; `changes` overrides.
QStringList cmsRow(const QMap<QString, QString> &changes = {})
{
    QMap<QString, QString> v{
        {QStringLiteral("CRIME_NO"), QStringLiteral("CR/0012345/16")},
        {QStringLiteral("DATE_RECORDED"), QStringLiteral("14/03/2016")},
        {QStringLiteral("DATE_COMMITTED_FROM"), QStringLiteral("12/03/2016")},
        {QStringLiteral("TIME_COMMITTED_FROM"), QStringLiteral("23:15")},
        {QStringLiteral("HO_CLASS"), QStringLiteral("008N")},
        {QStringLiteral("HO_SUBCLASS"), QStringLiteral("01")},
        {QStringLiteral("OFFENCE_TITLE"), QStringLiteral("ASSAULT OCCASIONING ABH")},
        {QStringLiteral("NOMINAL_NO"), QStringLiteral("N000123456")},
        {QStringLiteral("SURNAME"), QStringLiteral("O'Brien")},
        {QStringLiteral("FORENAMES"), QStringLiteral("Siân")},
        {QStringLiteral("DOB"), QStringLiteral("21/07/2008")},
        {QStringLiteral("SEX"), QStringLiteral("F")},
        {QStringLiteral("INVOLVEMENT"), QStringLiteral("SUSPECT")},
        {QStringLiteral("DISPOSAL"), QStringLiteral("U10")},
        {QStringLiteral("MO_TEXT"), QStringLiteral("pushed victim, \"hard\"")},
    };
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        v[it.key()] = it.value();
    QStringList row;
    for (const QString &column : kCmsHeader)
        row << v.value(column);
    return row;
}

struct Outcome
{
    RowNormaliser::Verdict verdict;
    LinkRecord link;
    RejectRecord reject;
};

Outcome normalise(const QString &profileName, const QStringList &header, const QStringList &row)
{
    static const QByteArray salt("0123456789abcdef0123456789abcdef");
    static const Pseudonymiser pseudonymiser(salt);
    Result<SourceProfile> profile = SourceProfile::load(profileName);
    EXPECT_TRUE(profile.ok());
    test::VectorSource source({header, row});
    EXPECT_TRUE(source.next());
    Result<RowNormaliser> n = RowNormaliser::create(*profile, source, QStringLiteral("x.csv"), pseudonymiser,
                                                    Classification::builtIn(), false);
    EXPECT_TRUE(n.ok());
    EXPECT_TRUE(source.next());
    Outcome o;
    o.verdict = n->normalise(source, &o.link, &o.reject);
    return o;
}

Outcome cms(const QMap<QString, QString> &changes = {})
{
    return normalise(QStringLiteral("cms"), kCmsHeader, cmsRow(changes));
}

qint32 day(int y, int m, int d)
{
    return static_cast<qint32>(QDate(y, m, d).toJulianDay());
}

} // namespace

TEST(RowNormaliser, KeepsOnlyWhatCountingNeeds)
{
    const Outcome o = cms();
    ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Kept) << o.reject.message.toStdString();
    EXPECT_EQ(o.link.crimeRef, QStringLiteral("CR/0012345/16"));
    EXPECT_EQ(o.link.offenceCode, QStringLiteral("8N"));
    EXPECT_EQ(o.link.recorded, day(2016, 3, 14));
    EXPECT_EQ(o.link.committedFrom, day(2016, 3, 12));
    EXPECT_EQ(o.link.committedTo, 0);
    EXPECT_EQ(o.link.role, Role::Suspect);
    EXPECT_EQ(o.link.sex, Sex::Female);
    EXPECT_EQ(o.link.outcome, 11);
    EXPECT_EQ(o.link.line, 2);
    // Born 21 July 2008: seven on 12 March 2016, the first committed day.
    EXPECT_EQ(o.link.age, 7);
    EXPECT_EQ(o.link.ageSource, AgeSource::BirthAtCommitted);
    EXPECT_NE(o.link.personKey, 0);
    EXPECT_GT(o.link.personKey, 0);
}

TEST(RowNormaliser, PersonKeysArePseudonymsStablePerSystem)
{
    const Outcome a = cms();
    const Outcome b = cms({{QStringLiteral("CRIME_NO"), QStringLiteral("CR/0000001/17")}});
    const Outcome c = cms({{QStringLiteral("NOMINAL_NO"), QStringLiteral("N000123457")}});
    EXPECT_EQ(a.link.personKey, b.link.personKey);
    EXPECT_NE(a.link.personKey, c.link.personKey);
    const Pseudonymiser p(QByteArray("0123456789abcdef0123456789abcdef"));
    EXPECT_EQ(p.key(QStringLiteral("cms"), "N000123456"), a.link.personKey);
    EXPECT_NE(p.key(QStringLiteral("connect"), "N000123456"), a.link.personKey);
    EXPECT_NE(Pseudonymiser(QByteArray("another salt of thirty-two bytes"))
                  .key(QStringLiteral("cms"), "N000123456"),
              a.link.personKey);
    EXPECT_EQ(p.key(QStringLiteral("cms"), "   "), 0);
}

// Registers made by earlier versions hold keys computed with QCryptographicHash: the keys must not
// change with the SHA-256 implementation, whatever the length of the reference.
TEST(Pseudonymiser, KeysAreTheSha256OfSaltSystemAndReference)
{
    const QByteArray salt("0123456789abcdef0123456789abcdef");
    const Pseudonymiser p(salt);
    auto expected = [&](const QByteArray &domain, const QByteArray &system, const QByteArray &reference) {
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(salt);
        h.addData(domain);
        h.addData(system);
        h.addData(QByteArrayView("\0", 1));
        h.addData(reference);
        const QByteArray digest = h.result();
        quint64 v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | static_cast<quint8>(digest.at(i));
        return static_cast<qint64>(v & 0x7fffffffffffffffULL);
    };
    const QByteArray recordDomain("record-key\0", 11);
    for (const QByteArray &reference : {QByteArray("N000123456"), QByteArray("CR/0000001/17"),
                                        QByteArray(300, 'x'), QByteArray("\xc3\xa9")}) {
        const std::string_view ref(reference.constData(), size_t(reference.size()));
        EXPECT_EQ(p.key(QStringLiteral("cms"), ref), expected({}, "cms", reference));
        EXPECT_EQ(p.key(QStringLiteral("connect"), ref), expected({}, "connect", reference));
        EXPECT_EQ(p.recordKey(QStringLiteral("cms"), ref), expected(recordDomain, "cms", reference));
        EXPECT_EQ(p.key(QStringLiteral("s\u00e9"), ref), expected({}, "s\xc3\xa9", reference));
    }
    // Spaces around a reference are not part of it.
    EXPECT_EQ(p.key(QStringLiteral("cms"), "  N000123456 "), expected({}, "cms", "N000123456"));
}

TEST(RowNormaliser, TheAgeRule)
{
    // 1. The system's own age wins.
    Outcome o = cms({{QStringLiteral("AGE_AT_OFFENCE"), QStringLiteral("9")}});
    EXPECT_EQ(o.link.age, 9);
    EXPECT_EQ(o.link.ageSource, AgeSource::System);
    // 2. Else the date of birth at the first committed day (the day before the eighth birthday: seven).
    o = cms({{QStringLiteral("DATE_COMMITTED_FROM"), QStringLiteral("20/07/2016")},
             {QStringLiteral("DATE_RECORDED"), QStringLiteral("22/07/2016")}});
    EXPECT_EQ(o.link.age, 7);
    // 3. Else at the recorded day (the eighth birthday).
    o = cms({{QStringLiteral("DATE_COMMITTED_FROM"), QString()},
             {QStringLiteral("DATE_RECORDED"), QStringLiteral("21/07/2016")}});
    EXPECT_EQ(o.link.age, 8);
    EXPECT_EQ(o.link.ageSource, AgeSource::BirthAtRecorded);
    // 4. The placeholder and a blank mean unknown.
    o = cms({{QStringLiteral("DOB"), QStringLiteral("01/01/1900")}});
    ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Kept);
    EXPECT_EQ(o.link.age, -1);
    EXPECT_EQ(o.link.ageSource, AgeSource::Unknown);
    o = cms({{QStringLiteral("DOB"), QString()}});
    EXPECT_EQ(o.link.age, -1);
    // Age 0 is kept, to be shown apart.
    o = cms({{QStringLiteral("AGE_AT_OFFENCE"), QStringLiteral("0")}});
    EXPECT_EQ(o.verdict, RowNormaliser::Verdict::Kept);
    EXPECT_EQ(o.link.age, 0);
}

TEST(RowNormaliser, RejectsWrongRowsNamingFieldAndReason)
{
    struct Case
    {
        QMap<QString, QString> changes;
        const char *field;
        const char *reason;
    };
    const QList<Case> cases{
        {{{QStringLiteral("HO_CLASS"), QStringLiteral("999Z")}}, "HO_CLASS", reject::UnknownOffenceClass},
        {{{QStringLiteral("DATE_RECORDED"), QStringLiteral("31/02/2017")}},
         "DATE_RECORDED",
         reject::ImpossibleDate},
        {{{QStringLiteral("DATE_COMMITTED_FROM"), QStringLiteral("2016-03-12")}},
         "DATE_COMMITTED_FROM",
         reject::ImpossibleDate},
        {{{QStringLiteral("AGE_AT_OFFENCE"), QStringLiteral("-3")}}, "AGE_AT_OFFENCE", reject::AgeOutOfRange},
        {{{QStringLiteral("AGE_AT_OFFENCE"), QStringLiteral("135")}},
         "AGE_AT_OFFENCE",
         reject::AgeOutOfRange},
        {{{QStringLiteral("AGE_AT_OFFENCE"), QStringLiteral("seven")}},
         "AGE_AT_OFFENCE",
         reject::UnreadableValue},
        {{{QStringLiteral("DOB"), QStringLiteral("01/06/2016")}}, "DOB", reject::AgeOutOfRange},
        {{{QStringLiteral("DOB"), QStringLiteral("30/02/2008")}}, "DOB", reject::ImpossibleDate},
        {{{QStringLiteral("DATE_COMMITTED_FROM"), QStringLiteral("15/03/2016")}},
         "DATE_COMMITTED_FROM",
         reject::CommittedAfterRecorded},
        {{{QStringLiteral("DATE_COMMITTED_TO"), QStringLiteral("11/03/2016")}},
         "DATE_COMMITTED_TO",
         reject::CommittedAfterRecorded},
        {{{QStringLiteral("DATE_RECORDED"), QStringLiteral("05/12/2017")}},
         "DATE_RECORDED",
         reject::AfterCutover},
        {{{QStringLiteral("INVOLVEMENT"), QStringLiteral("BYSTANDER")}}, "INVOLVEMENT", reject::UnknownCode},
        {{{QStringLiteral("INVOLVEMENT"), QString()}}, "INVOLVEMENT", reject::MissingValue},
        {{{QStringLiteral("SEX"), QStringLiteral("X")}}, "SEX", reject::UnknownCode},
        {{{QStringLiteral("DISPOSAL"), QStringLiteral("ZZZ")}}, "DISPOSAL", reject::UnknownCode},
        {{{QStringLiteral("CRIME_NO"), QString()}}, "CRIME_NO", reject::MissingValue},
        {{{QStringLiteral("HO_CLASS"), QString()}}, "HO_CLASS", reject::MissingValue},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.changes.firstKey().toStdString() + "=" + c.changes.first().toStdString());
        const Outcome o = cms(c.changes);
        ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Rejected);
        EXPECT_EQ(o.reject.field, QLatin1String(c.field));
        EXPECT_EQ(o.reject.reason, QLatin1String(c.reason)) << o.reject.message.toStdString();
        EXPECT_EQ(o.reject.line, 2);
        EXPECT_FALSE(o.reject.message.isEmpty());
    }
}

TEST(RowNormaliser, RejectMessagesNeverQuoteADateOfBirth)
{
    const Outcome o = cms({{QStringLiteral("DOB"), QStringLiteral("30/02/2008")}});
    ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Rejected);
    EXPECT_FALSE(o.reject.message.contains(QStringLiteral("30/02/2008")));
    EXPECT_FALSE(o.reject.message.contains(QStringLiteral("2008")));
}

TEST(RowNormaliser, RowsOfTheWrongWidthAreMalformed)
{
    QStringList row = cmsRow();
    row.removeLast();
    const Outcome o = normalise(QStringLiteral("cms"), kCmsHeader, row);
    ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Rejected);
    EXPECT_EQ(o.reject.reason, QLatin1String(reject::MalformedRow));
    EXPECT_TRUE(o.reject.message.contains(QStringLiteral("18 fields where the header has 19")));
}

TEST(RowNormaliser, ReadsConnectRows)
{
    const QStringList header{QStringLiteral("OccurrenceReference"),
                             QStringLiteral("LegacyReference"),
                             QStringLiteral("RecordedOn"),
                             QStringLiteral("CommittedFrom"),
                             QStringLiteral("CommittedTo"),
                             QStringLiteral("HomeOfficeCode"),
                             QStringLiteral("OffenceTitle"),
                             QStringLiteral("PersonUrn"),
                             QStringLiteral("LegacyNominal"),
                             QStringLiteral("Forename"),
                             QStringLiteral("Surname"),
                             QStringLiteral("DateOfBirth"),
                             QStringLiteral("AgeAtCommitted"),
                             QStringLiteral("Gender"),
                             QStringLiteral("InvolvementType"),
                             QStringLiteral("OutcomeCode"),
                             QStringLiteral("OutcomeDate"),
                             QStringLiteral("Neighbourhood"),
                             QStringLiteral("Summary")};
    const QStringList row{QStringLiteral("OCC-2017-0004512"),
                          QStringLiteral("CR/0012345/16"),
                          QStringLiteral("2017-12-04T09:00:00"),
                          QStringLiteral("2016-03-12T23:15:00"),
                          QString(),
                          QStringLiteral("105A/00"),
                          QStringLiteral("Assault without injury"),
                          QStringLiteral("P-00012345"),
                          QStringLiteral("N000123456"),
                          QStringLiteral("Łukasz"),
                          QStringLiteral("Nowak"),
                          QStringLiteral("2008-07-21"),
                          QString(),
                          QStringLiteral("Male"),
                          QStringLiteral("Responsible - Below Age of Criminal Responsibility"),
                          QStringLiteral("OC11"),
                          QStringLiteral("2018-01-09"),
                          QStringLiteral("NH-0412"),
                          QStringLiteral("line one\nline two")};
    const Outcome o = normalise(QStringLiteral("connect"), header, row);
    ASSERT_EQ(o.verdict, RowNormaliser::Verdict::Kept) << o.reject.message.toStdString();
    EXPECT_EQ(o.link.legacyCrimeRef, QStringLiteral("CR/0012345/16"));
    EXPECT_EQ(o.link.offenceCode, QStringLiteral("105A"));
    EXPECT_EQ(o.link.role, Role::Offender);
    EXPECT_EQ(o.link.sex, Sex::Male);
    EXPECT_EQ(o.link.outcome, 11);
    EXPECT_EQ(o.link.recorded, day(2017, 12, 4));
    EXPECT_EQ(o.link.age, 7);
    const Pseudonymiser p(QByteArray("0123456789abcdef0123456789abcdef"));
    // The migrated person's legacy key is the key CMS rows of the same nominal get.
    EXPECT_EQ(o.link.legacyPersonKey, p.key(QStringLiteral("cms"), "N000123456"));
    EXPECT_EQ(o.link.personKey, p.key(QStringLiteral("connect"), "P-00012345"));

    QStringList bad = row;
    bad[15] = QStringLiteral("OC99");
    EXPECT_EQ(normalise(QStringLiteral("connect"), header, bad).reject.reason,
              QLatin1String(reject::UnknownCode));
    bad = row;
    bad[15] = QString();
    EXPECT_EQ(normalise(QStringLiteral("connect"), header, bad).link.outcome, -1);
}

TEST(RowNormaliser, AMissingColumnRefusesTheFileNamingIt)
{
    QStringList header = kCmsHeader;
    header.removeAll(QStringLiteral("DOB"));
    Result<SourceProfile> profile = SourceProfile::load(QStringLiteral("cms"));
    ASSERT_TRUE(profile.ok());
    test::VectorSource source({header});
    ASSERT_TRUE(source.next());
    const Pseudonymiser p(QByteArray(32, 'x'));
    Result<RowNormaliser> n = RowNormaliser::create(*profile, source, QStringLiteral("cms.csv"), p,
                                                    Classification::builtIn(), false);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().file, QStringLiteral("cms.csv"));
    EXPECT_EQ(n.error().line, 1);
    EXPECT_EQ(n.error().field, QStringLiteral("DOB"));
    EXPECT_TRUE(n.error().message.contains(QStringLiteral("fields.date_of_birth")));
}
