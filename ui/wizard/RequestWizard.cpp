#include "wizard/RequestWizard.h"

#include "wizard/CriteriaPage.h"
#include "wizard/DataPage.h"
#include "wizard/ExportPage.h"
#include "wizard/PreviewPage.h"
#include "wizard/ProtectionPage.h"
#include "wizard/RequestPage.h"
#include "wizard/TabulateJob.h"

namespace foi::ui {

RequestWizard::RequestWizard(WizardContext context, QWidget *parent)
    : QWizard(parent)
    , m_draft(new RequestDraft(std::move(context), this))
    , m_job(new TabulateJob(this))
{
    setWindowTitle(tr("Request — FOI Tables"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::HaveFinishButtonOnEarlyPages, false);
    m_requestPage = new RequestPage(m_draft, this);
    m_dataPage = new DataPage(m_draft, this);
    m_criteriaPage = new CriteriaPage(m_draft, this);
    m_protectionPage = new ProtectionPage(m_draft, this);
    m_previewPage = new PreviewPage(m_draft, this);
    m_exportPage = new ExportPage(m_draft, this);
    setPage(RequestPageId, m_requestPage);
    setPage(DataPageId, m_dataPage);
    setPage(CriteriaPageId, m_criteriaPage);
    setPage(ProtectionPageId, m_protectionPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(ExportPageId, m_exportPage);
    setStartId(RequestPageId);
    resize(960, 660); // fits a 1366x768 screen, and a 1920x1080 one at 150%

    connect(m_draft, &RequestDraft::requestChanged, this, &RequestWizard::recount);
    connect(m_draft, &RequestDraft::viewChanged, this, &RequestWizard::recount);
    connect(m_job, &TabulateJob::finished, m_draft, &RequestDraft::setRelease);
    connect(m_job, &TabulateJob::failed, this, [this](const QString &message) {
        m_draft->setRelease(nullptr);
        m_protectionPage->showCountingError(message);
    });
    connect(m_draft, &RequestDraft::recordSaved, this, &RequestWizard::registerChanged);
    connect(m_dataPage, &DataPage::registerChanged, this, &RequestWizard::registerChanged);
    connect(m_exportPage, &ExportPage::published, this, &RequestWizard::registerChanged);
}

RequestWizard::~RequestWizard() = default;

void RequestWizard::openRequest(const FoiRequestRecord &stored)
{
    m_draft->loadRecord(stored);
    setWindowTitle(tr("Request %1 — FOI Tables").arg(stored.reference));
}

void RequestWizard::recount()
{
    const Request &r = m_draft->request;
    if (!m_draft->view() || r.tables.isEmpty()) {
        m_job->cancel();
        return;
    }
    m_job->schedule(m_draft->view(), r);
}

} // namespace foi::ui
