#include "wizard/RequestDraft.h"

#include "wizard/RequestStore.h"

namespace foi::ui {

RequestDraft::RequestDraft(WizardContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{
    request.protection = m_context.defaultPolicy;
    request.received = m_context.clock->today();
    record.received = request.received;
    record.officer = m_context.officer;
}

void RequestDraft::loadRecord(const FoiRequestRecord &stored)
{
    record = stored;
    m_stored = stored;
    if (!stored.requestJson.isEmpty()) {
        Result<Request> saved = Request::fromJson(stored.requestJson, stored.reference);
        if (saved)
            request = *saved;
    }
    request.reference = stored.reference;
    request.received = stored.received;
    request.title = stored.title;
    request.requestText = stored.requesterWords;
    markChanged();
}

void RequestDraft::setView(std::shared_ptr<const RegisterView> view)
{
    m_context.view = std::move(view);
    m_release.reset();
    emit viewChanged();
    emit releaseChanged();
}

void RequestDraft::setRelease(std::shared_ptr<const Release> release)
{
    m_release = std::move(release);
    emit releaseChanged();
}

FoiRequestRecord RequestDraft::recordToKeep() const
{
    FoiRequestRecord r = record;
    if (r.version == 0 && r.status == RequestStatus::Received)
        r.status = RequestStatus::InProgress;
    // The criteria and tables chosen so far go with it, so that the officer can take it up again.
    if (!request.tables.isEmpty())
        r.requestJson = request.toJson();
    return r;
}

bool RequestDraft::hasChangesToKeep() const
{
    if (!isEntered())
        return false;
    return !m_stored || recordToKeep() != *m_stored;
}

Status RequestDraft::keep()
{
    if (!m_context.store)
        return Error(tr("No register is open."));
    if (!hasChangesToKeep())
        return {};
    Result<FoiRequestRecord> kept = m_context.store->keepRequest(recordToKeep());
    if (!kept)
        return kept.error();
    stored(*kept);
    return {};
}

Result<Published> RequestDraft::publish(const Release &release, PublishOptions options)
{
    if (!m_context.store)
        return Error(tr("No register is open."));
    FoiRequestRecord r = recordToKeep();
    r.requestJson = request.toJson(); // the request keeps the request file it was answered with
    options.request = r;
    Result<Published> done = m_context.store->publish(release, options);
    if (done && done->request)
        stored(*done->request);
    return done;
}

void RequestDraft::stored(const FoiRequestRecord &kept)
{
    record = kept;
    m_stored = kept;
    emit recordSaved();
}

void RequestDraft::markChanged()
{
    m_release.reset();
    emit requestChanged();
    emit releaseChanged();
}

} // namespace foi::ui
