#include "wizard/RequestStore.h"

#include "register/Register.h"

namespace foi::ui {

RegisterRequestStore::RegisterRequestStore(Register &reg, QString officer)
    : m_reg(reg)
    , m_officer(std::move(officer))
{}

Result<std::optional<FoiRequestRecord>> RegisterRequestStore::findRequest(const QString &reference)
{
    return m_reg.findRequest(reference);
}

Result<FoiRequestRecord> RegisterRequestStore::keepRequest(const FoiRequestRecord &request)
{
    FoiRequestRecord kept = request;
    if (request.version == 0) {
        Result<qint64> version = m_reg.addRequest(request, m_officer);
        if (!version)
            return version.error();
        kept.version = *version;
        return kept;
    }
    Result<std::optional<FoiRequestRecord>> stored = m_reg.findRequest(request.reference);
    if (!stored)
        return stored.error();
    if (*stored && **stored == request)
        return kept; // nothing changed: no version, no line in the audit trail
    Result<qint64> version = m_reg.updateRequest(request, m_officer);
    if (!version)
        return version.error();
    kept.version = *version;
    return kept;
}

Result<Published> RegisterRequestStore::publish(const Release &release, const PublishOptions &options)
{
    PublishOptions o = options;
    o.officer = m_officer;
    return publishRelease(m_reg, release, o);
}

} // namespace foi::ui
