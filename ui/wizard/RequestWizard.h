#pragma once

#include "wizard/RequestDraft.h"

#include <QWizard>

#include <functional>

namespace foi::ui {

class CriteriaPage;
class DataPage;
class ExportPage;
class PreviewPage;
class ProtectionPage;
class RequestPage;
class TabulateJob;

/// The request wizard: from the request as it arrived to the files attached to the response, in six
/// pages sharing one RequestDraft. The counting runs off the GUI thread whenever the request changes.
class RequestWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        RequestPageId,
        DataPageId,
        CriteriaPageId,
        ProtectionPageId,
        PreviewPageId,
        ExportPageId,
    };

    explicit RequestWizard(WizardContext context, QWidget *parent = nullptr);
    ~RequestWizard() override;

    RequestDraft *draft() const { return m_draft; }
    TabulateJob *tabulateJob() const { return m_job; }
    RequestPage *requestPage() const { return m_requestPage; }
    DataPage *dataPage() const { return m_dataPage; }
    CriteriaPage *criteriaPage() const { return m_criteriaPage; }
    ProtectionPage *protectionPage() const { return m_protectionPage; }
    PreviewPage *previewPage() const { return m_previewPage; }
    ExportPage *exportPage() const { return m_exportPage; }

    /// Starts from a request already in the register (before the wizard is shown).
    void openRequest(const FoiRequestRecord &stored);

    /// What the officer answers when leaving with something not yet kept.
    enum class Leave
    {
        Keep,    ///< store the request (new or changed) on the list, to take up again
        Discard, ///< leave the register as it was
        Stay,    ///< go back to the wizard
    };
    /// Asks the leaving question (a message box unless set; tests set their own).
    void setLeaveQuestion(std::function<Leave(const QString &question)> ask) { m_askLeave = std::move(ask); }

    /// Cancel, Escape or closing the window: asks first when the request entered, or changed, is not kept.
    void reject() override;
    /// Finish: keeps what changed since the export; refuses to close (saying why) when it cannot.
    void accept() override;

signals:
    /// The register changed (an import, a release, the request itself): show it again.
    void registerChanged();
    /// A release was exported into this folder.
    void exportedTo(const QString &folder);
    /// The wizard closed with the request stored as it is now (Finish, or Keep when leaving).
    void requestKept(const FoiRequestRecord &request);

private:
    void recount();
    Leave askLeave(const QString &question);

    RequestDraft *m_draft;
    TabulateJob *m_job;
    RequestPage *m_requestPage;
    DataPage *m_dataPage;
    CriteriaPage *m_criteriaPage;
    ProtectionPage *m_protectionPage;
    PreviewPage *m_previewPage;
    ExportPage *m_exportPage;
    std::function<Leave(const QString &)> m_askLeave;
};

} // namespace foi::ui
