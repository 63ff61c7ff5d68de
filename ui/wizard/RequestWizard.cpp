#include "wizard/RequestWizard.h"

#include "widgets/WheelGuard.h"
#include "wizard/CriteriaPage.h"
#include "wizard/DataPage.h"
#include "wizard/ExportPage.h"
#include "wizard/PreviewPage.h"
#include "wizard/ProtectionPage.h"
#include "wizard/RequestPage.h"
#include "wizard/TabulateJob.h"

#include <QMessageBox>
#include <QPushButton>

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
    connect(m_exportPage, &ExportPage::published, this, [this](const QString &folder) {
        emit exportedTo(folder);
        emit registerChanged();
    });
    // The wheel scrolls the pages; it changes a setting only once the officer is working on it. The pages
    // make their controls here; a control added later (a table's lists) is guarded where it is made.
    guardWheel(this);
}

RequestWizard::~RequestWizard() = default;

void RequestWizard::openRequest(const FoiRequestRecord &stored)
{
    m_draft->loadRecord(stored);
    setWindowTitle(tr("Request %1 — FOI Tables").arg(stored.reference));
}

RequestWizard::Leave RequestWizard::askLeave(const QString &question)
{
    if (m_askLeave)
        return m_askLeave(question);
    QMessageBox box(QMessageBox::Question, windowTitle(), question, QMessageBox::NoButton, this);
    QPushButton *keep = box.addButton(tr("&Keep it on the list"), QMessageBox::AcceptRole);
    QPushButton *discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    QPushButton *stay = box.addButton(tr("&Go back"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(stay);
    box.exec();
    if (box.clickedButton() == keep)
        return Leave::Keep;
    if (box.clickedButton() == discard)
        return Leave::Discard;
    return Leave::Stay;
}

void RequestWizard::reject()
{
    if (m_draft->hasChangesToKeep()) {
        const FoiRequestRecord &r = m_draft->record;
        const QString question =
            m_draft->stored()
                ? tr("Request %1 has changed since it was opened. Keep the changes, so that the list shows "
                     "them?")
                      .arg(r.reference)
                : tr("Request %1 (\"%2\") is not on the list of requests yet. Keep it there, in progress, to "
                     "take up again later?")
                      .arg(r.reference, r.title);
        switch (askLeave(question)) {
        case Leave::Stay:
            return;
        case Leave::Discard:
            break;
        case Leave::Keep:
            if (Status s = m_draft->keep(); !s) {
                QMessageBox::warning(this, windowTitle(),
                                     tr("The request was not kept: %1").arg(s.error().toString()));
                return;
            }
            emit requestKept(m_draft->record);
            break;
        }
    }
    m_job->cancel();
    QWizard::reject();
}

void RequestWizard::accept()
{
    if (Status s = m_draft->keep(); !s) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The request was not kept: %1").arg(s.error().toString()));
        return;
    }
    if (m_draft->stored())
        emit requestKept(m_draft->record);
    QWizard::accept();
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
