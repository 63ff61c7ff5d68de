#include "requests/RequestChange.h"

namespace foi {

bool RequestChange::isEmpty() const
{
    return !clarificationSought.isValid() && !clarificationReceived.isValid() && !extensionDays &&
           !responded.isValid() && !outcome && !reviewRequested.isValid() && !reviewDays &&
           !reviewCompleted.isValid() && !status && !officer && !title && !notes && !requestJson;
}

Result<FoiRequestRecord> applyRequestChange(const FoiRequestRecord &request, const RequestChange &change,
                                            const WorkingDays &calendar)
{
    FoiRequestRecord record = request;
    QString statusSetBy;
    const auto moveTo = [&](RequestStatus next, const QString &field) {
        record.status = next;
        statusSetBy = field;
    };
    const auto day = [](const QDate &d) {
        return d.toString(Qt::ISODate);
    };

    if (change.clarificationSought.isValid()) {
        if (!record.clarifications.isEmpty() && !record.clarifications.last().answered.isValid())
            return Error(QStringLiteral("the clarification sought on %1 is still awaited: record its answer "
                                        "before seeking another")
                             .arg(day(record.clarifications.last().sought)),
                         QString(), 0, kFieldClarificationSought);
        record.clarifications.append(Clarification{change.clarificationSought, QDate()});
        moveTo(RequestStatus::ClarificationSought, kFieldClarificationSought);
    }
    if (change.clarificationReceived.isValid()) {
        if (record.clarifications.isEmpty() || record.clarifications.last().answered.isValid())
            return Error(QStringLiteral("no clarification is awaited: record the one sought first"),
                         QString(), 0, kFieldClarificationAnswered);
        record.clarifications.last().answered = change.clarificationReceived;
        moveTo(RequestStatus::InProgress, kFieldClarificationAnswered);
    }
    if (change.extensionDays) {
        record.extensionDays = *change.extensionDays;
        moveTo(RequestStatus::PublicInterestExtension, kFieldExtension);
    }
    if (change.responded.isValid()) {
        record.responded = change.responded;
        moveTo(RequestStatus::Responded, QStringLiteral("responded"));
    }
    if (change.outcome)
        record.outcome = *change.outcome;
    if (change.reviewRequested.isValid()) {
        record.reviewRequested = change.reviewRequested;
        moveTo(RequestStatus::InternalReview, QStringLiteral("review requested"));
    }
    if (change.reviewDays)
        record.reviewDays = *change.reviewDays;
    if (change.reviewCompleted.isValid()) {
        record.reviewCompleted = change.reviewCompleted;
        moveTo(RequestStatus::Closed, QStringLiteral("review completed"));
    }
    if (change.status)
        moveTo(*change.status, QStringLiteral("status"));
    if (change.officer)
        record.officer = change.officer->trimmed();
    if (change.title)
        record.title = change.title->trimmed();
    if (change.notes)
        record.notes = *change.notes;
    if (change.requestJson)
        record.requestJson = *change.requestJson;

    if (Status valid = record.validate(); !valid) {
        Error e = valid.error();
        if (e.field == QStringLiteral("status") && !statusSetBy.isEmpty())
            e.field = statusSetBy;
        return e;
    }
    // The s.10 rules the record's own check leaves to the count: a clarification must be sought while the
    // clock still runs. A round still awaited is checked as if answered the day it was sought. An error
    // that is not about the request's days (the bank holidays run out) does not stop the change: the
    // lists say so instead.
    if (change.clarificationSought.isValid() || change.clarificationReceived.isValid() ||
        change.extensionDays) {
        QVector<Clarification> rounds = record.clarifications;
        if (!rounds.isEmpty() && !rounds.last().answered.isValid())
            rounds.last().answered = rounds.last().sought;
        Result<Deadline> deadline = requestDeadline(record.received, rounds, record.extensionDays, calendar);
        if (!deadline && !deadline.error().field.isEmpty())
            return deadline.error();
    }
    return record;
}

} // namespace foi
