#pragma once

#include "common/Result.h"
#include "count/Request.h"
#include "export/Publish.h"
#include "export/ReleaseDocument.h"
#include "export/ResponseText.h"
#include "protect/Release.h"
#include "requests/Deadlines.h"
#include "requests/FoiRequest.h"

#include <QObject>

#include <memory>
#include <optional>

namespace foi {
class Register;
}

namespace foi::ui {

class RequestStore;

/// What the wizard works with besides the request: the open register and the settings of the desk.
struct WizardContext
{
    Register *reg = nullptr; ///< the main window's register, for the GUI thread's short reads; never written
    /// Where the request and its release are written, by the wizard only (see RequestStore).
    std::shared_ptr<RequestStore> store;
    QString registerLocation; ///< long jobs (imports, the counts) open their own connection here
    bool isDemo = false;
    /// The register's counts, systems and earlier releases; null until loaded (the Data page loads it).
    std::shared_ptr<const RegisterView> view;
    const Clock *clock = &SystemClock::instance();
    WorkingDays calendar = WorkingDays::builtIn();
    QString officer;         ///< recorded with requests and releases, never written into a file
    ExportSettings settings; ///< organisation and contact (the date is the clock's day at export)
    ProtectionPolicy defaultPolicy;
    LetterTemplate letter = LetterTemplate::builtIn();
    QString exportFolder; ///< the folder the Export page offers first (when it exists)
};

/// The one object the wizard's pages share (as KeePassXC's wizard pages share their database): the
/// request being answered, its record in the register, the register's counts and the latest release
/// worked out from them. Pages read it in initializePage() and write it as the officer changes a choice;
/// the caller takes the result out when the wizard is done.
class RequestDraft final : public QObject
{
    Q_OBJECT

public:
    explicit RequestDraft(WizardContext context, QObject *parent = nullptr);

    WizardContext &context() { return m_context; }
    const WizardContext &context() const { return m_context; }

    /// The request as counted: criteria, unit, tables and protection (request-format.md).
    Request request;
    /// The request as the register holds it (version 0: not stored yet).
    FoiRequestRecord record;

    /// Starts from a request in the register: its record, and its request file when it has one.
    void loadRecord(const FoiRequestRecord &stored);

    std::shared_ptr<const RegisterView> view() const { return m_context.view; }
    void setView(std::shared_ptr<const RegisterView> view);

    /// The release worked out for the request as it stands; null while it is being worked out or when
    /// the request changed since.
    std::shared_ptr<const Release> release() const { return m_release; }
    void setRelease(std::shared_ptr<const Release> release);

    /// The request as the register holds it; nullopt while it is not stored.
    const std::optional<FoiRequestRecord> &stored() const { return m_stored; }
    /// Whether the officer has entered the request (the Request page accepted it) or opened a stored one.
    bool isEntered() const { return m_entered || m_stored.has_value(); }
    void setEntered() { m_entered = true; }
    /// The record to store: as entered, with the request file as chosen so far (once it has tables).
    FoiRequestRecord recordToKeep() const;
    /// Whether keeping the request would change the register: new, or changed since it was stored.
    bool hasChangesToKeep() const;

    /// Stores the request through the store: adds it when new, else saves what changed (refused, with
    /// the reason, when someone else saved it since it was read).
    Status keep();
    /// Publishes the release with the request, stored in the same transaction.
    Result<Published> publish(const Release &release, PublishOptions options);

    /// Tell the pages the request changed (the release worked out before no longer holds).
    void markChanged();

signals:
    void viewChanged();
    /// The request's record was stored in the register.
    void recordSaved();
    void releaseChanged();
    void requestChanged();

private:
    void stored(const FoiRequestRecord &kept);

    WizardContext m_context;
    std::shared_ptr<const Release> m_release;
    std::optional<FoiRequestRecord> m_stored;
    bool m_entered = false;
};

} // namespace foi::ui
