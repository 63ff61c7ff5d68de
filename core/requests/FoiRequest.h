#pragma once

#include "common/Result.h"
#include "requests/Deadlines.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace foi {

/// Where a request stands, as an FOI unit tracks it.
enum class RequestStatus
{
    Received,
    ClarificationSought,
    InProgress,
    PublicInterestExtension,
    Responded,
    InternalReview,
    Closed,
};

/// Every status, in the order a request passes through them.
const QVector<RequestStatus> &allRequestStatuses();
/// The status as files and the command line write it: "received", "clarification-sought", "in-progress",
/// "public-interest-extension", "responded", "internal-review", "closed".
QString requestStatusKey(RequestStatus status);
/// The status in words: "Received", "Clarification sought", ...
QString requestStatusName(RequestStatus status);
std::optional<RequestStatus> requestStatusFromKey(const QString &key);
/// Whether a request in this status still has a due day to meet (an internal review has its own).
bool isOpenStatus(RequestStatus status);

/// How a request was answered, for the disclosure log.
const QStringList &requestOutcomes();

/// A request for information in the register (schema 6). Nothing in it is about the people in the crime
/// records, and the requester is not named: their words are kept, not their name or address.
struct FoiRequestRecord
{
    QString reference;      ///< the FOI unit's reference, unique in the register
    QDate received;         ///< day 0 of the s.10 count
    QString title;          ///< a short title for lists
    QString requesterWords; ///< the request as the requester wrote it
    RequestStatus status = RequestStatus::Received;
    QString officer; ///< the officer handling it
    QString notes;
    QByteArray requestJson; ///< the request file (criteria, tables, policy), when there is one
    /// Rounds of clarification, in order; the last one's answered day is invalid while it is awaited.
    QVector<Clarification> clarifications;
    int extensionDays = 0;               ///< public interest extension, 0 to 20 working days
    QDate responded;                     ///< the day the response was sent
    QString outcome;                     ///< one of requestOutcomes(), once responded
    QDate reviewRequested;               ///< the day an internal review was asked for
    int reviewDays = kReviewWorkingDays; ///< 20, or up to 40
    QDate reviewCompleted;
    qint64 version = 0; ///< the stored version this copy was read at (0: not stored yet)

    /// Checks what a request must hold and the order of its days; an error names the field.
    Status validate() const;
};

/// Field-by-field equality, the stored version included: what reading back a saved request gives.
bool operator==(const FoiRequestRecord &a, const FoiRequestRecord &b);
inline bool operator!=(const FoiRequestRecord &a, const FoiRequestRecord &b)
{
    return !(a == b);
}

/// Where a request stands against the clock on a given day.
struct RequestTiming
{
    bool clockStopped = false;           ///< clarification sought and not yet answered
    QDate due;                           ///< invalid while the clock is stopped, or when it cannot be counted
    QString problem;                     ///< why the due day cannot be counted (the bank holidays run out)
    bool overdue = false;                ///< open and past its due day
    std::optional<int> workingDaysLeft;  ///< for an open request with a due day: 0 on the day, < 0 after
    std::optional<int> workingDaysTaken; ///< for a responded request: from day 0 to the response
    bool late = false;                   ///< responded after its due day
    QDate reviewDue;                     ///< for an internal review
};

RequestTiming requestTiming(const FoiRequestRecord &request, const Clock &clock,
                            const WorkingDays &calendar = WorkingDays::builtIn());

/// A line of the audit trail: who did what and when, and the request it served. It names files and
/// their SHA-256, counts and references of requests, never anything about the people in the records.
struct AuditEvent
{
    qint64 id = 0;
    QDateTime at; ///< UTC
    QString officer;
    QString action;    ///< "import", "merge", "release", "export", "request", "status", ...
    QString reference; ///< the request it served, when there is one
    QString detail;    ///< in words
    QString sha256;    ///< of the file concerned, when there is one
};

} // namespace foi
