#include "wizard/RequestDraft.h"

#include "register/Register.h"

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

Status RequestDraft::saveRecord()
{
    if (!m_context.reg)
        return Error(tr("No register is open."));
    if (record.version == 0) {
        if (record.status == RequestStatus::Received)
            record.status = RequestStatus::InProgress;
        Result<qint64> version = m_context.reg->addRequest(record, m_context.officer);
        if (!version)
            return version.error();
        record.version = *version;
        emit recordSaved();
        return {};
    }
    Result<std::optional<FoiRequestRecord>> stored = m_context.reg->findRequest(record.reference);
    if (!stored)
        return stored.error();
    if (*stored && **stored == record)
        return {}; // nothing changed: no version, no line in the audit trail
    Result<qint64> version = m_context.reg->updateRequest(record, m_context.officer);
    if (!version)
        return version.error();
    record.version = *version;
    emit recordSaved();
    return {};
}

void RequestDraft::markChanged()
{
    m_release.reset();
    emit requestChanged();
    emit releaseChanged();
}

} // namespace foi::ui
