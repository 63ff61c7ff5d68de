// Data minimisation, proved on the bytes: after importing extracts full of names, dates of birth,
// free text and person references, none of them is anywhere in the register's files.

#include "demo/DemoGenerator.h"
#include "import/Importer.h"
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QDate>
#include <QDir>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A plain RFC 4180 reader, written apart from the application's so the test does not trust it.
QList<QList<QByteArray>> parseCsv(QByteArray bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')
                ++i;
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

/// The values of the named columns, and every date of the other date columns (which the register may
/// rightly hold, in reports and messages).
void collect(const QString &path, const QStringList &personal, const QStringList &dateOfBirth,
             const QStringList &otherDates, QSet<QByteArray> *secrets, QSet<QByteArray> *dobs,
             QSet<QByteArray> *dates)
{
    const QList<QList<QByteArray>> rows = parseCsv(test::readAll(path));
    ASSERT_FALSE(rows.isEmpty());
    const QList<QByteArray> header = rows.first();
    auto indexes = [&](const QStringList &names) {
        QList<int> out;
        for (const QString &n : names) {
            const int i = static_cast<int>(header.indexOf(n.toUtf8()));
            EXPECT_GE(i, 0) << n.toStdString();
            out << i;
        }
        return out;
    };
    const QList<int> p = indexes(personal), d = indexes(dateOfBirth), o = indexes(otherDates);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QList<QByteArray> &row = rows[r];
        if (row.size() != header.size())
            continue; // the footer and deliberately malformed rows
        for (int i : p)
            secrets->insert(row[i]);
        for (int i : d)
            dobs->insert(row[i].left(10));
        for (int i : o)
            dates->insert(row[i].left(10));
    }
}

QByteArray isoFromLegacy(const QByteArray &ddmmyyyy)
{
    const QDate d = QDate::fromString(QString::fromLatin1(ddmmyyyy), QStringLiteral("dd/MM/yyyy"));
    return d.isValid() ? d.toString(Qt::ISODate).toLatin1() : QByteArray();
}

} // namespace

TEST(Minimisation, TheRegisterHoldsNoNamesDatesOfBirthFreeTextOrReferencesOfPeople)
{
    QTemporaryDir tmp;
    DemoOptions options;
    options.crimes = 3000;
    options.seed = 5;
    Result<DemoFiles> files = generateDemo(tmp.filePath(QStringLiteral("extracts")), options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();

    const QString folder = tmp.filePath(QStringLiteral("register"));
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("r.sqlite"));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        ASSERT_TRUE(reg.ok());
        Result<ImportSummary> r = Importer::run(
            **reg, {ImportItem{*SourceProfile::load(QStringLiteral("cms")), files->cmsCsv},
                    ImportItem{*SourceProfile::load(QStringLiteral("connect")), files->connectCsv}});
        ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
        ASSERT_GT(r->rowsKept, 5000);
    }

    QSet<QByteArray> secrets, dobs, dates;
    collect(files->cmsCsv,
            {QStringLiteral("SURNAME"), QStringLiteral("FORENAMES"), QStringLiteral("MO_TEXT"),
             QStringLiteral("NOMINAL_NO")},
            {QStringLiteral("DOB")},
            {QStringLiteral("DATE_RECORDED"), QStringLiteral("DATE_COMMITTED_FROM"),
             QStringLiteral("DATE_COMMITTED_TO"), QStringLiteral("DISPOSAL_DATE")},
            &secrets, &dobs, &dates);
    collect(files->connectCsv,
            {QStringLiteral("Forename"), QStringLiteral("Surname"), QStringLiteral("Summary"),
             QStringLiteral("PersonUrn"), QStringLiteral("LegacyNominal")},
            {QStringLiteral("DateOfBirth")},
            {QStringLiteral("RecordedOn"), QStringLiteral("CommittedFrom"), QStringLiteral("CommittedTo"),
             QStringLiteral("OutcomeDate")},
            &secrets, &dobs, &dates);
    // Legacy dates appear in ISO form in the register's reports, so compare like with like.
    QSet<QByteArray> isoDates = dates;
    for (const QByteArray &d : dates)
        isoDates.insert(isoFromLegacy(d));

    QSet<QByteArray> needles;
    for (const QByteArray &s : std::as_const(secrets)) {
        if (s.size() >= 5)
            needles.insert(s);
    }
    int dobNeedles = 0;
    for (const QByteArray &d : std::as_const(dobs)) {
        if (d.isEmpty() || d == "01/01/1900")
            continue;
        if (!dates.contains(d))
            needles.insert(d); // as the extract wrote it
        const QByteArray iso = d.contains('/') ? isoFromLegacy(d) : d;
        if (!iso.isEmpty() && !isoDates.contains(iso)) {
            needles.insert(iso);
            ++dobNeedles;
        }
    }
    ASSERT_GT(needles.size(), 1000);
    ASSERT_GT(dobNeedles, 100);

    QByteArray stored;
    for (const QString &f : QDir(folder).entryList(QDir::Files)) {
        SCOPED_TRACE(f.toStdString());
        stored += test::readAll(QDir(folder).filePath(f));
    }
    ASSERT_GT(stored.size(), 100000);
    int found = 0;
    for (const QByteArray &n : std::as_const(needles)) {
        if (stored.contains(n)) {
            ADD_FAILURE() << "the register holds '" << n.toStdString() << "' from an extract";
            if (++found > 10)
                break;
        }
    }
    EXPECT_EQ(found, 0);
}
