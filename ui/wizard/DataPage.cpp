#include "wizard/DataPage.h"

#include "Plural.h"
#include "import/SourceProfile.h"
#include "register/MergeSummary.h"
#include "register/RegisterJobs.h"
#include "register/RegisterModels.h"
#include "register/RegisterOverview.h"
#include "wizard/RequestDraft.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace foi::ui {

DataPage::DataPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
    , m_viewJob(new RegisterViewJob(this))
{
    setTitle(tr("The data"));
    setSubTitle(tr("The crimes are counted from these systems, merged so that a migrated crime counts once. "
                   "Import newer extracts here if the register is out of date."));

    m_systems = new QLabel(this);
    m_systems->setWordWrap(true);
    m_systems->setTextFormat(Qt::RichText);
    m_systemsModel = new SystemsModel(this);
    QTableView *systemsView =
        makeListView(m_systemsModel, tr("Systems"), tr("The systems the crimes come from"), this);
    systemsView->setMaximumHeight(systemsView->verticalHeader()->defaultSectionSize() * 4 +
                                  systemsView->horizontalHeader()->sizeHint().height());

    auto *importBox = new QGroupBox(tr("Import more extracts"), this);
    m_profile = new QComboBox(importBox);
    m_profile->setAccessibleName(tr("Source profile"));
    for (const QString &name : SourceProfile::builtInNames()) {
        Result<SourceProfile> profile = SourceProfile::load(name);
        m_profile->addItem(profile ? tr("%1 (built in)").arg(profile->system.title) : name, name);
    }
    m_import = new QPushButton(tr("&Import extracts…"), importBox);
    m_cancel = new QPushButton(tr("Cancel the import"), importBox);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(importBox);
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    m_status = new QLabel(importBox);
    m_status->setWordWrap(true);
    m_status->setAccessibleDescription(tr("Import status"));
    auto *profileLabel = new QLabel(tr("&Profile:"), importBox);
    profileLabel->setBuddy(m_profile);
    auto *row = new QHBoxLayout;
    row->addWidget(profileLabel);
    row->addWidget(m_profile, 1);
    row->addWidget(m_import);
    row->addWidget(m_cancel);
    auto *importLayout = new QVBoxLayout(importBox);
    importLayout->addLayout(row);
    importLayout->addWidget(m_progress);
    importLayout->addWidget(m_status);

    m_report = new QLabel(this);
    m_report->setWordWrap(true);
    m_report->setTextFormat(Qt::RichText);
    m_report->setAccessibleDescription(tr("Merge report"));
    m_rejectsModel = new RejectsModel(this);
    m_rejectsView = makeListView(m_rejectsModel, tr("Rejected rows"),
                                 tr("Rows of the extracts kept out at import, and why"), this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_systems);
    layout->addWidget(systemsView);
    layout->addWidget(m_report);
    layout->addWidget(m_rejectsView, 1);
    layout->addWidget(importBox);

    connect(m_import, &QPushButton::clicked, this, &DataPage::chooseAndImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
        m_status->setText(tr("Cancelling: the register will keep exactly what it held before…"));
    });
    connect(m_viewJob, &RegisterViewJob::loaded, this, [this](std::shared_ptr<const RegisterView> view) {
        if (m_status->text() == tr("Loading the counts…"))
            m_status->setText(tr("Ready to count: %1 crimes, %2 crime-person links.")
                                  .arg(QLocale().toString(view->frame.crimeCount()),
                                       QLocale().toString(view->frame.linkCount())));
        m_draft->setView(std::move(view));
        emit completeChanged();
    });
    connect(m_viewJob, &RegisterViewJob::failed, this, [this](const QString &message) {
        m_status->setText(tr("The counts cannot be loaded: %1").arg(message));
        emit completeChanged();
    });
}

DataPage::~DataPage() = default;

void DataPage::initializePage()
{
    showRegister();
    if (!m_draft->view())
        loadView();
}

bool DataPage::isImporting() const
{
    return m_job && m_job->isRunning();
}

bool DataPage::isLoading() const
{
    return m_viewJob->isRunning();
}

bool DataPage::isComplete() const
{
    return m_draft->view() && !isImporting() && !isLoading();
}

void DataPage::loadView()
{
    m_draft->setView(nullptr);
    m_status->setText(tr("Loading the counts…"));
    m_viewJob->start(m_draft->context().registerLocation);
    emit completeChanged();
}

void DataPage::showRegister()
{
    Register *reg = m_draft->context().reg;
    if (!reg)
        return;
    Result<RegisterOverview> overview = RegisterOverview::load(*reg, m_draft->context().isDemo);
    if (!overview) {
        m_report->setText(
            tr("<p>The register cannot be read: %1</p>").arg(overview.error().toString().toHtmlEscaped()));
        return;
    }
    Result<QVector<SystemInfo>> systems = reg->systems();
    m_systems->setText(systemsSummaryHtml(systems ? *systems : QVector<SystemInfo>()));
    const MergeReport &r = overview->report;
    m_systemsModel->setSystems(r.systems);
    m_rejectsModel->setRejects(r.rejects);
    m_rejectsView->setVisible(!r.rejects.isEmpty());
    m_report->setText(overview->imports.isEmpty() ? tr("<p>This register holds no extracts yet: import the "
                                                       "extracts of each system below.</p>")
                                                  : mergeSummaryHtml(r));
}

void DataPage::chooseAndImport()
{
    QStringList files;
    if (m_chooseFiles)
        files = m_chooseFiles();
    else
        files = QFileDialog::getOpenFileNames(this, tr("Extracts to import"), QString(),
                                              tr("Extracts (*.csv *.xlsx);;All files (*)"));
    if (files.isEmpty())
        return;
    startImport(m_profile->currentData().toString(), files);
}

void DataPage::startImport(const QString &profileName, const QStringList &files)
{
    if (isImporting())
        return;
    Result<SourceProfile> profile = SourceProfile::load(profileName);
    if (!profile) {
        m_status->setText(tr("The profile cannot be read: %1").arg(profile.error().toString()));
        emit importFinished(false);
        return;
    }
    QVector<ImportItem> items;
    for (const QString &file : files)
        items << ImportItem{*profile, file};
    delete m_job;
    m_job = new ImportJob(m_draft->context().registerLocation, items, this);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_import->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(plural(files.size(), tr("Importing 1 file…"), tr("Importing %1 files…")));
    connect(m_job, &ImportJob::progressChanged, this, [this](int percent, const QString &stage) {
        m_progress->setValue(percent);
        m_status->setText(stage);
    });
    auto finish = [this] {
        m_progress->setVisible(false);
        m_import->setEnabled(true);
        m_cancel->setEnabled(false);
    };
    connect(m_job, &ImportJob::succeeded, this, [this, finish](const ImportSummary &summary) {
        finish();
        showRegister();
        loadView();
        // Said after the counts start loading, so that the summary stays in view while they load.
        m_status->setText(tr("Imported %1 rows (%2 kept, %3 rejected); the systems were merged again.")
                              .arg(QLocale().toString(summary.rowsRead), QLocale().toString(summary.rowsKept),
                                   QLocale().toString(summary.rowsRejected)));
        emit registerChanged();
        emit importFinished(true);
    });
    connect(m_job, &ImportJob::failed, this, [this, finish](const QString &message) {
        finish();
        m_status->setText(message);
        emit completeChanged();
        emit importFinished(false);
    });
    m_job->start();
    emit completeChanged();
}

} // namespace foi::ui
