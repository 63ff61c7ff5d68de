#include "requests/RequestLists.h"

#include "common/CsvField.h"

#include <QHash>

#include <algorithm>

namespace foi {

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
        if (!r.responded.isValid())
            continue;
        if ((from.isValid() && r.responded < from) || (to.isValid() && r.responded > to))
            continue;
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

} // namespace foi
