#include "requests/FoiRequest.h"

#include <algorithm>

namespace foi {

namespace {

struct StatusText
{
    RequestStatus status;
    const char *key;
    const char *name;
};

constexpr StatusText kStatuses[] = {
    {RequestStatus::Received, "received", "Received"},
    {RequestStatus::ClarificationSought, "clarification-sought", "Clarification sought"},
    {RequestStatus::InProgress, "in-progress", "In progress"},
    {RequestStatus::PublicInterestExtension, "public-interest-extension", "Public interest extension"},
    {RequestStatus::Responded, "responded", "Responded"},
    {RequestStatus::InternalReview, "internal-review", "Internal review"},
    {RequestStatus::Closed, "closed", "Closed"},
};

const StatusText &textOf(RequestStatus status)
{
    for (const StatusText &t : kStatuses) {
        if (t.status == status)
            return t;
    }
    return kStatuses[0];
}

bool awaitingClarification(const FoiRequestRecord &r)
{
    return !r.clarifications.isEmpty() && !r.clarifications.last().answered.isValid();
}

} // namespace

const QVector<RequestStatus> &allRequestStatuses()
{
    static const QVector<RequestStatus> all = [] {
        QVector<RequestStatus> out;
        for (const StatusText &t : kStatuses)
            out << t.status;
        return out;
    }();
    return all;
}

QString requestStatusKey(RequestStatus status)
{
    return QLatin1String(textOf(status).key);
}

QString requestStatusName(RequestStatus status)
{
    return QLatin1String(textOf(status).name);
}

std::optional<RequestStatus> requestStatusFromKey(const QString &key)
{
    for (const StatusText &t : kStatuses) {
        if (key == QLatin1String(t.key))
            return t.status;
    }
    return std::nullopt;
}

bool isOpenStatus(RequestStatus status)
{
    return status != RequestStatus::Responded && status != RequestStatus::Closed;
}

const QStringList &requestOutcomes()
{
    static const QStringList outcomes{
        QStringLiteral("Information provided in full"),
        QStringLiteral("Information provided in part"),
        QStringLiteral("Information withheld"),
        QStringLiteral("Information not held"),
        QStringLiteral("Neither confirmed nor denied"),
        QStringLiteral("Refused: cost limit (s.12)"),
        QStringLiteral("Refused: vexatious or repeated (s.14)"),
        QStringLiteral("Withdrawn"),
    };
    return outcomes;
}

Status FoiRequestRecord::validate() const
{
    auto fail = [](const QString &field, const QString &message) {
        return Error(message, QString(), 0, field);
    };
    const QString ref = reference.trimmed();
    if (ref.isEmpty())
        return fail(QStringLiteral("reference"), QStringLiteral("a request needs its reference"));
    if (ref.size() > 64 || ref != reference ||
        std::any_of(ref.begin(), ref.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return fail(QStringLiteral("reference"),
                    QStringLiteral("the reference '%1' must be one line of at most 64 characters, without "
                                   "spaces around it")
                        .arg(reference.left(80)));
    if (!received.isValid())
        return fail(QStringLiteral("received"), QStringLiteral("a request needs the day it was received"));
    if (title.trimmed().isEmpty())
        return fail(QStringLiteral("title"), QStringLiteral("a request needs a title"));
    if (extensionDays < 0 || extensionDays > kMaxExtensionDays)
        return fail(QStringLiteral("extension"),
                    QStringLiteral("a public interest extension is 0 to %1 working days, not %2")
                        .arg(kMaxExtensionDays)
                        .arg(extensionDays));
    QDate after = received;
    for (qsizetype i = 0; i < clarifications.size(); ++i) {
        const Clarification &c = clarifications[i];
        if (!c.sought.isValid() || c.sought < after)
            return fail(QStringLiteral("clarification sought"),
                        QStringLiteral("clarification %1 was sought before the request (or the answer before "
                                       "it) arrived")
                            .arg(i + 1));
        if (!c.answered.isValid() && i + 1 < clarifications.size())
            return fail(
                QStringLiteral("clarification received"),
                QStringLiteral("clarification %1 has no answer, but another was sought after it").arg(i + 1));
        if (c.answered.isValid() && c.answered < c.sought)
            return fail(QStringLiteral("clarification received"),
                        QStringLiteral("clarification %1 was answered before it was sought").arg(i + 1));
        after = c.answered.isValid() ? c.answered : c.sought;
    }
    // A request whose requester never answered can be closed with its clarification still awaited.
    if (status != RequestStatus::Closed &&
        (status == RequestStatus::ClarificationSought) != awaitingClarification(*this))
        return fail(
            QStringLiteral("status"),
            status == RequestStatus::ClarificationSought
                ? QStringLiteral("the request awaits clarification, but no clarification is outstanding")
                : QStringLiteral("a clarification is outstanding, so the request awaits clarification"));
    if (responded.isValid() && responded < received)
        return fail(QStringLiteral("responded"), QStringLiteral("the response is dated before the request"));
    if (status == RequestStatus::Responded && !responded.isValid())
        return fail(QStringLiteral("responded"),
                    QStringLiteral("a responded request needs the day it was answered"));
    if (!outcome.isEmpty() && !requestOutcomes().contains(outcome))
        return fail(QStringLiteral("outcome"),
                    QStringLiteral("'%1' is not an outcome; they are: %2")
                        .arg(outcome, requestOutcomes().join(QStringLiteral("; "))));
    if (reviewDays < kReviewWorkingDays || reviewDays > kMaxReviewWorkingDays)
        return fail(QStringLiteral("review days"),
                    QStringLiteral("an internal review takes %1 to %2 working days, not %3")
                        .arg(kReviewWorkingDays)
                        .arg(kMaxReviewWorkingDays)
                        .arg(reviewDays));
    if (status == RequestStatus::InternalReview && !reviewRequested.isValid())
        return fail(QStringLiteral("review requested"),
                    QStringLiteral("an internal review needs the day it was asked for"));
    if (reviewRequested.isValid() && reviewRequested < received)
        return fail(QStringLiteral("review requested"),
                    QStringLiteral("the internal review is dated before the request"));
    if (reviewCompleted.isValid() && (!reviewRequested.isValid() || reviewCompleted < reviewRequested))
        return fail(QStringLiteral("review completed"),
                    QStringLiteral("the internal review is completed before it was asked for"));
    return {};
}

bool operator==(const FoiRequestRecord &a, const FoiRequestRecord &b)
{
    auto sameRounds = [](const QVector<Clarification> &x, const QVector<Clarification> &y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                          [](const Clarification &p, const Clarification &q) {
                              return p.sought == q.sought && p.answered == q.answered;
                          });
    };
    return a.reference == b.reference && a.received == b.received && a.title == b.title &&
           a.requesterWords == b.requesterWords && a.status == b.status && a.officer == b.officer &&
           a.notes == b.notes && a.requestJson == b.requestJson &&
           sameRounds(a.clarifications, b.clarifications) && a.extensionDays == b.extensionDays &&
           a.responded == b.responded && a.outcome == b.outcome && a.reviewRequested == b.reviewRequested &&
           a.reviewDays == b.reviewDays && a.reviewCompleted == b.reviewCompleted && a.version == b.version;
}

RequestTiming requestTiming(const FoiRequestRecord &request, const Clock &clock, const WorkingDays &calendar)
{
    RequestTiming t;
    const bool open = isOpenStatus(request.status);
    if (awaitingClarification(request)) {
        t.clockStopped = true;
    } else {
        Result<Deadline> deadline =
            requestDeadline(request.received, request.clarifications, request.extensionDays, calendar);
        if (!deadline) {
            t.problem = deadline.error().message;
        } else {
            t.due = deadline->due;
            if (request.responded.isValid()) {
                if (Result<int> taken = calendar.workingDaysBetween(deadline->clockStart, request.responded))
                    t.workingDaysTaken = *taken;
                t.late = request.responded > t.due;
            }
        }
    }
    if (request.reviewRequested.isValid()) {
        if (Result<QDate> due = internalReviewDue(request.reviewRequested, request.reviewDays, calendar))
            t.reviewDue = *due;
        else if (t.problem.isEmpty())
            t.problem = due.error().message;
    }
    // The day that counts now: the review's during a review, else the request's while it is open.
    QDate target;
    if (request.status == RequestStatus::InternalReview && !request.reviewCompleted.isValid())
        target = t.reviewDue;
    else if (open && request.status != RequestStatus::InternalReview)
        target = t.due;
    if (target.isValid()) {
        t.overdue = isOverdue(target, clock);
        if (Result<int> left = workingDaysLeft(target, clock, calendar))
            t.workingDaysLeft = *left;
        else if (t.problem.isEmpty())
            t.problem = left.error().message;
    }
    return t;
}

} // namespace foi
