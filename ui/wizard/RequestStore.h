#pragma once

#include "common/Result.h"
#include "export/Publish.h"
#include "requests/FoiRequest.h"

#include <QString>

#include <optional>

namespace foi {
class Register;
struct Release;
} // namespace foi

namespace foi::ui {

/// What the wizard asks of the window that opened it. No page writes to the register: the wizard hands
/// the request over when the officer exports its release, keeps it at Finish, or says to keep it on the
/// list when leaving, and the store does the writing.
class RequestStore
{
public:
    virtual ~RequestStore() = default;

    virtual Result<std::optional<FoiRequestRecord>> findRequest(const QString &reference) = 0;
    /// Adds the request (version 0) or saves what changed since it was read; returns it as stored.
    virtual Result<FoiRequestRecord> keepRequest(const FoiRequestRecord &request) = 0;
    /// Publishes the release, with options.request stored in the same transaction (publishRelease).
    virtual Result<Published> publish(const Release &release, const PublishOptions &options) = 0;
};

/// The store of a register open in the main window, recording the officer with every change.
class RegisterRequestStore final : public RequestStore
{
public:
    RegisterRequestStore(Register &reg, QString officer);

    Result<std::optional<FoiRequestRecord>> findRequest(const QString &reference) override;
    Result<FoiRequestRecord> keepRequest(const FoiRequestRecord &request) override;
    Result<Published> publish(const Release &release, const PublishOptions &options) override;

private:
    Register &m_reg;
    QString m_officer;
};

} // namespace foi::ui
