#pragma once

#include "wizard/RequestDraft.h"

#include <QWizard>

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

signals:
    /// The register changed (an import, a release, the request itself): show it again.
    void registerChanged();

private:
    void recount();

    RequestDraft *m_draft;
    TabulateJob *m_job;
    RequestPage *m_requestPage;
    DataPage *m_dataPage;
    CriteriaPage *m_criteriaPage;
    ProtectionPage *m_protectionPage;
    PreviewPage *m_previewPage;
    ExportPage *m_exportPage;
};

} // namespace foi::ui
