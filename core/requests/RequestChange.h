#pragma once

#include "common/Result.h"
#include "requests/Deadlines.h"
#include "requests/FoiRequest.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>

namespace foi {

/// A change to a stored request, as an officer records it: the events of a request's life, each of which
/// moves its status along, and corrections to its details. The command line's `request update` and the
/// main window's request actions both make one and apply it with applyRequestChange().
struct RequestChange
{
    QDate clarificationSought;             ///< a new round of clarification, sought on this day
    QDate clarificationReceived;           ///< the awaited round was answered on this day
    std::optional<int> extensionDays;      ///< a public interest extension (0 removes one)
    QDate responded;                       ///< the response was sent on this day
    std::optional<QString> outcome;        ///< how it was answered (one of requestOutcomes(), or empty)
    QDate reviewRequested;                 ///< an internal review was asked for on this day
    std::optional<int> reviewDays;         ///< the review's working days, 20 to 40
    QDate reviewCompleted;                 ///< the internal review was completed on this day
    std::optional<RequestStatus> status;   ///< a status chosen outright: it has the last word
    std::optional<QString> officer;        ///< the officer handling it
    std::optional<QString> title;          ///< the title for the lists
    std::optional<QString> notes;          ///< notes, replacing the ones held
    std::optional<QByteArray> requestJson; ///< the request file to keep with it

    /// Whether the change changes nothing at all.
    bool isEmpty() const;
};

/// The request with the change made, checked. The events are applied in the order a request lives
/// (clarification sought, received, extension, response, review asked for, completed); each moves the
/// status to the one it implies (clarification sought, in progress, public interest extension, responded,
/// internal review, closed) unless `status` is given. A clarification can only be sought while none is
/// awaited, and must be sought while the s.10 clock still runs; an answer needs one awaited.
///
/// An error names in Error::field the part of the change at fault: "clarification sought",
/// "clarification received", "extension", "responded", "outcome", "review requested", "review days",
/// "review completed", "status", "title", and for a wrong status the part that set it. The request's
/// stored version is kept, so that Register::updateRequest refuses the change if someone else saved the
/// request since it was read.
Result<FoiRequestRecord> applyRequestChange(const FoiRequestRecord &request, const RequestChange &change,
                                            const WorkingDays &calendar = WorkingDays::builtIn());

} // namespace foi
