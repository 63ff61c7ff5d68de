#include "requests/RequestLists.h"

#include "common/CsvField.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <algorithm>

namespace foi {

Result<WorkingDays> registerCalendar(Register &reg)
{
    Result<QByteArray> feed = reg.bankHolidaysFeed();
    if (!feed)
        return feed.error();
    WorkingDays calendar = WorkingDays::builtIn();
    if (!feed->isEmpty()) {
        Result<BankHolidays> loaded = BankHolidays::fromGovUkJson(
            *feed, QStringLiteral("the bank holidays loaded into %1").arg(reg.location()));
        if (!loaded)
            return loaded.error();
        calendar.merge(*loaded);
    }
    return calendar;
}

Result<WorkingDays> loadBankHolidays(Register &reg, const QString &path, const QString &officer)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the bank holidays: %1").arg(file.errorString()), path);
    const QByteArray json = file.read(16 * 1024 * 1024 + 1);
    if (json.size() > 16 * 1024 * 1024)
        return Error(QStringLiteral("this is far larger than gov.uk's bank-holidays.json"), path);
    Result<BankHolidays> feed = BankHolidays::fromGovUkJson(json, path);
    if (!feed)
        return feed.error();
    if (Status s = reg.saveBankHolidaysFeed(json, path, officer); !s)
        return s.error();
    WorkingDays calendar = WorkingDays::builtIn();
    calendar.merge(*feed);
    return calendar;
}

QDate listedDue(const RequestRow &row)
{
    if (row.request.status == RequestStatus::InternalReview && row.timing.reviewDue.isValid())
        return row.timing.reviewDue;
    return row.timing.due;
}

QVector<RequestRow> requestList(const QVector<FoiRequestRecord> &requests, RequestList list,
                                const Clock &clock, int withinWorkingDays, const WorkingDays &calendar)
{
    const QDate today = clock.today();
    const QDate endOfWeek = today.addDays(7 - today.dayOfWeek());
    QVector<RequestRow> out;
    for (const FoiRequestRecord &r : requests) {
        if (r.received > today)
            continue; // not yet received on the clock's day (a list as it stood on an earlier day)
        RequestRow row{r, requestTiming(r, clock, calendar)};
        const bool open = isOpenStatus(r.status);
        const QDate due = listedDue(row);
        bool keep = false;
        switch (list) {
        case RequestList::All:
            keep = true;
            break;
        case RequestList::Open:
            keep = open;
            break;
        case RequestList::DueThisWeek:
            keep = open && !row.timing.overdue && due.isValid() && due <= endOfWeek;
            break;
        case RequestList::DueWithin:
            keep = open && !row.timing.overdue && row.timing.workingDaysLeft &&
                   *row.timing.workingDaysLeft <= withinWorkingDays;
            break;
        case RequestList::Overdue:
            keep = open && row.timing.overdue;
            break;
        case RequestList::Responded:
            keep = r.responded.isValid();
            break;
        }
        if (keep)
            out << row;
    }
    std::stable_sort(out.begin(), out.end(), [](const RequestRow &a, const RequestRow &b) {
        const QDate da = listedDue(a), db = listedDue(b);
        if (da.isValid() != db.isValid())
            return da.isValid();
        if (da != db)
            return da < db;
        return a.request.reference < b.request.reference;
    });
    return out;
}

namespace {

/// A field as published: a text a spreadsheet would take for a formula starts with an apostrophe.
QString publishedField(const QString &value)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!value.isEmpty() && formulaStarts.contains(value.front()))
        return csvField(QLatin1Char('\'') + value);
    return csvField(value);
}

} // namespace

bool inDisclosureLog(const FoiRequestRecord &request, const QDate &from, const QDate &to)
{
    return request.responded.isValid() && (!from.isValid() || request.responded >= from) &&
           (!to.isValid() || request.responded <= to);
}

QByteArray disclosureLogCsv(const QVector<FoiRequestRecord> &requests, const QVector<ReleaseRecord> &releases,
                            const QDate &from, const QDate &to)
{
    QHash<QString, QStringList> files;
    for (const ReleaseRecord &release : releases) {
        QStringList &names = files[release.reference];
        for (const ReleasedFile &f : release.files) {
            if (!names.contains(f.fileName))
                names << f.fileName;
        }
    }
    QVector<const FoiRequestRecord *> logged;
    for (const FoiRequestRecord &r : requests) {
        if (inDisclosureLog(r, from, to))
            logged << &r;
    }
    std::stable_sort(logged.begin(), logged.end(), [](const FoiRequestRecord *a, const FoiRequestRecord *b) {
        if (a->responded != b->responded)
            return a->responded < b->responded;
        return a->reference < b->reference;
    });
    QString out = QStringLiteral("Reference,Received,Responded,Title,Outcome,Files released\r\n");
    for (const FoiRequestRecord *r : logged) {
        const QStringList fields{publishedField(r->reference),
                                 r->received.toString(Qt::ISODate),
                                 r->responded.toString(Qt::ISODate),
                                 publishedField(r->title),
                                 publishedField(r->outcome),
                                 publishedField(files.value(r->reference).join(QStringLiteral("; ")))};
        out += fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return QByteArrayLiteral("\xEF\xBB\xBF") + out.toUtf8();
}

Result<DisclosureLogWritten> writeDisclosureLog(Register &reg, const QString &path, const QString &officer,
                                                const QDate &from, const QDate &to, const QDateTime &at)
{
    if (from.isValid() && to.isValid() && to < from)
        return Error(QStringLiteral("the log's last day %1 is before its first day %2")
                         .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)),
                     path);
    Result<QVector<FoiRequestRecord>> requests = reg.requests();
    if (!requests)
        return requests.error();
    Result<QVector<ReleaseRecord>> releases = reg.releases();
    if (!releases)
        return releases.error();
    const QByteArray csv = disclosureLogCsv(*requests, *releases, from, to);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return Error(QStringLiteral("cannot write the disclosure log: %1").arg(file.errorString()), path);
    DisclosureLogWritten written;
    written.path = path;
    written.requests = std::count_if(requests->begin(), requests->end(),
                                     [&](const FoiRequestRecord &r) { return inDisclosureLog(r, from, to); });
    written.bytes = csv.size();
    written.sha256 = QString::fromLatin1(QCryptographicHash::hash(csv, QCryptographicHash::Sha256).toHex());
    QString span;
    if (from.isValid() || to.isValid())
        span = QStringLiteral(", responded %1 to %2")
                   .arg(from.isValid() ? from.toString(Qt::ISODate) : QStringLiteral("any day"),
                        to.isValid() ? to.toString(Qt::ISODate) : QStringLiteral("any day"));
    const AuditEvent event{
        0,
        at,
        officer,
        QStringLiteral("export"),
        QString(),
        QStringLiteral("Disclosure log %1 (%2 %3%4, %5 bytes)")
            .arg(QFileInfo(path).fileName())
            .arg(written.requests)
            .arg(written.requests == 1 ? QStringLiteral("request") : QStringLiteral("requests"))
            .arg(span)
            .arg(written.bytes),
        written.sha256};
    if (Status recorded = reg.addAuditEvent(event); !recorded)
        return recorded.error();
    return written;
}

} // namespace foi
