#include "MainWindow.h"

#include "FirstRunDialog.h"
#include "Plural.h"
#include "common/Application.h"
#include "register/DemoRegisterJob.h"
#include "register/MergeSummary.h"
#include "register/MinimumThresholdDialog.h"
#include "register/OpenRegisterDialog.h"
#include "register/RegisterJobs.h"
#include "register/RegisterModels.h"
#include "requests/AuditModel.h"
#include "requests/DisclosureLogDialog.h"
#include "requests/RequestsModel.h"
#include "wizard/RequestStore.h"
#include "wizard/RequestWizard.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

QString n(qint64 v)
{
    return QLocale().toString(v);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_preferences(Preferences::load())
{
    setWindowTitle(tr("FOI Tables"));
    m_viewJob = new RegisterViewJob(this);
    connect(m_viewJob, &RegisterViewJob::loaded, this, [this](std::shared_ptr<const RegisterView> view) {
        m_view = std::move(view);
        m_location->setText(registerDescription() +
                            tr(" — ready: %1 crimes, %2 links")
                                .arg(n(m_view->frame.crimeCount()), n(m_view->frame.linkCount())));
        emit frameReady(true);
    });
    connect(m_viewJob, &RegisterViewJob::failed, this, [this](const QString &message) {
        m_location->setText(registerDescription() + tr(" — the counts could not be loaded"));
        showError(tr("The register's counts cannot be loaded"), message);
        emit frameReady(false);
    });
    buildUi();
    buildMenus();
    resize(1100, 720);
}

MainWindow::~MainWindow()
{
    // The wizard holds the register: it goes first.
    delete m_wizard;
}

std::shared_ptr<const CountingFrame> MainWindow::frame() const
{
    if (!m_view)
        return nullptr;
    return std::shared_ptr<const CountingFrame>(m_view, &m_view->frame);
}

void MainWindow::buildUi()
{
    m_mainTabs = new QTabWidget(this);

    // The requests.
    auto *requestsTab = new QWidget(m_mainTabs);
    auto *requestsLayout = new QVBoxLayout(requestsTab);
    m_list = new QComboBox(requestsTab);
    m_list->setAccessibleName(tr("Which requests"));
    m_list->addItem(tr("Open requests"), int(RequestList::Open));
    m_list->addItem(tr("Due this week"), int(RequestList::DueThisWeek));
    m_list->addItem(tr("Overdue"), int(RequestList::Overdue));
    m_list->addItem(tr("Responded"), int(RequestList::Responded));
    m_list->addItem(tr("All requests"), int(RequestList::All));
    auto *listLabel = new QLabel(tr("&Show:"), requestsTab);
    listLabel->setBuddy(m_list);
    m_newRequest = new QPushButton(tr("&New request…"), requestsTab);
    m_newRequest->setEnabled(false);
    m_openRequest = new QPushButton(tr("O&pen request…"), requestsTab);
    m_openRequest->setEnabled(false);
    m_update = new QPushButton(tr("&Update"), requestsTab);
    m_update->setToolTip(tr("Record a clarification, an extension, the response, an internal review, or "
                            "correct the request's details"));
    m_update->setEnabled(false);
    auto *updateMenu = new QMenu(m_update);
    for (RequestAction action : allRequestActions()) {
        if (action == RequestAction::EditDetails)
            updateMenu->addSeparator();
        QAction *a = updateMenu->addAction(requestActionText(action));
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, [this, action] { recordOnRequest(action); });
        m_actions.insert(int(action), a);
    }
    updateMenu->addSeparator();
    m_deleteRequest = updateMenu->addAction(tr("&Delete the request…"));
    m_deleteRequest->setEnabled(false);
    m_deleteRequest->setShortcut(QKeySequence::Delete);
    m_deleteRequest->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteRequest, &QAction::triggered, this, [this] { deleteChosenRequest(); });
    m_update->setMenu(updateMenu);
    auto *bar = new QHBoxLayout;
    bar->addWidget(listLabel);
    bar->addWidget(m_list);
    bar->addStretch(1);
    bar->addWidget(m_openRequest);
    bar->addWidget(m_update);
    bar->addWidget(m_newRequest);
    requestsLayout->addLayout(bar);
    m_requests = new RequestsModel(this);
    m_requestsView =
        makeListView(m_requests, tr("Requests"),
                     tr("The requests of the list chosen: reference, received, due, status"), requestsTab);
    m_requestsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_requestsView->addAction(m_deleteRequest); // the Delete key on the list
    requestsLayout->addWidget(m_requestsView, 3);
    m_requestSummary = new QLabel(requestsTab);
    m_requestSummary->setWordWrap(true);
    m_requestSummary->setAccessibleDescription(tr("The request chosen"));
    m_requestSummary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    requestsLayout->addWidget(m_requestSummary);
    m_historyTitle = new QLabel(tr("History: choose a request above."), requestsTab);
    requestsLayout->addWidget(m_historyTitle);
    m_history = new AuditModel(this);
    QTableView *historyView =
        makeListView(m_history, tr("History of the request"),
                     tr("What was done with the request chosen, oldest first"), requestsTab);
    m_historyTitle->setBuddy(historyView);
    requestsLayout->addWidget(historyView, 2);
    requestsTab->setAccessibleName(tr("Requests"));
    m_mainTabs->addTab(requestsTab, tr("&Requests"));

    // What the register holds.
    auto *registerTab = new QWidget(m_mainTabs);
    auto *layout = new QVBoxLayout(registerTab);
    m_summary = new QLabel(registerTab);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("No register is open."));
    layout->addWidget(m_summary);
    m_systems = new SystemsModel(this);
    m_imports = new ImportsModel(this);
    m_issues = new IssuesModel(this);
    m_rejects = new RejectsModel(this);
    m_tabs = new QTabWidget(registerTab);
    m_tabs->addTab(makeListView(m_systems, tr("Systems"), tr("The systems the crimes come from"), m_tabs),
                   tr("Systems"));
    m_tabs->addTab(makeListView(m_imports, tr("Imports"), tr("The extracts imported, oldest first"), m_tabs),
                   tr("Imports"));
    m_tabs->addTab(
        makeListView(m_issues, tr("Merge issues"), tr("What the merge of the systems met"), m_tabs),
        tr("Merge issues"));
    m_tabs->addTab(makeListView(m_rejects, tr("Rejected rows"),
                                tr("Rows of the extracts kept out at import, and why"), m_tabs),
                   tr("Rejected rows"));
    layout->addWidget(m_tabs, 1);
    registerTab->setAccessibleName(tr("Register"));
    m_mainTabs->addTab(registerTab, tr("Re&gister"));

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setMargin(6);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_mainTabs, 1);
    setCentralWidget(central);

    m_location = new QLabel(this);
    m_location->setAccessibleDescription(tr("The register open"));
    statusBar()->addWidget(m_location, 1);

    connect(m_list, qOverload<int>(&QComboBox::currentIndexChanged), this, &MainWindow::showRequestList);
    connect(m_newRequest, &QPushButton::clicked, this, [this] { newRequest(); });
    connect(m_openRequest, &QPushButton::clicked, this, [this] {
        const QModelIndex at = m_requestsView->currentIndex();
        if (at.isValid())
            openRequest(m_requests->rows().at(at.row()).request.reference);
    });
    connect(m_requestsView, &QTableView::activated, this, [this](const QModelIndex &at) {
        if (at.isValid() && m_view)
            openRequest(m_requests->rows().at(at.row()).request.reference);
    });
    connect(m_requestsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showHistory);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New request…"), this, [this] { newRequest(); });
    newAction->setShortcut(QKeySequence::New);
    file->addSeparator();
    QAction *open = file->addAction(tr("&Open register…"), this, [this] { chooseRegister(); });
    open->setToolTip(tr("A register file on this computer, or a team register on a server"));
    open->setShortcut(QKeySequence::Open);
    QAction *demo = file->addAction(tr("Open the &demo register"), this, [this] { openDemoRegister(); });
    demo->setToolTip(tr("A register of made-up crimes, for trying the application"));
    QAction *reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *log = file->addAction(tr("Write the disc&losure log…"), this, [this] { writeDisclosureLog(); });
    log->setToolTip(tr("A CSV file of the requests responded to, to publish"));
    QAction *holidays = file->addAction(tr("Load &bank holidays…"), this, &MainWindow::chooseBankHolidays);
    holidays->setToolTip(
        tr("A newer download of https://www.gov.uk/bank-holidays.json, for counting due days "
           "past the holidays known"));
    QAction *minimum = file->addAction(tr("&Minimum threshold…"), this, [this] { showMinimumThreshold(); });
    minimum->setToolTip(tr("The force's floor under the threshold, for everyone who uses this register"));
    file->addSeparator();
    QAction *prefs = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    prefs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    prefs->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *request = menuBar()->addMenu(tr("Re&quest"));
    request->addAction(tr("&Open request…"), this, [this] {
        if (const FoiRequestRecord *r = currentRequest())
            openRequest(r->reference);
    });
    request->addSeparator();
    for (RequestAction action : allRequestActions()) {
        if (action == RequestAction::EditDetails)
            request->addSeparator();
        request->addAction(m_actions.value(int(action)));
    }
    request->addSeparator();
    request->addAction(m_deleteRequest);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started"), this, [this] { showGettingStarted(); });
    help->addAction(tr("&About FOI Tables"), this, [this] {
        QMessageBox::about(
            this, tr("About FOI Tables"),
            tr("<p><b>FOI Tables %1</b></p><p>Counts crimes for Freedom of Information requests and "
               "releases tables that cannot identify anyone.</p><p>Reference data: Home Office, "
               "Open Government Licence v3.0.</p>")
                .arg(application::version()));
    });
}

void MainWindow::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &SystemClock::instance();
    showRequestList();
}

Status MainWindow::openRegister(const QString &path, bool isDemo)
{
    if (m_wizard)
        return Error(tr("Close the request wizard before opening another register."));
    Register::OpenOptions options;
    options.createIfMissing = false;
    // A team server that wants a password: asked for, tried, and asked again when refused.
    Result<std::unique_ptr<Register>> reg = Register::openAsking(
        path, options, [this, &path](const Error &why) { return askPassword(path, why.message); });
    if (!reg)
        return reg.error();
    Result<RegisterOverview> overview = RegisterOverview::load(**reg, isDemo);
    if (!overview)
        return overview.error();
    Result<WorkingDays> calendar = registerCalendar(**reg);
    if (!calendar)
        return calendar.error();
    m_register = std::move(reg).value();
    m_overview = *overview;
    m_calendar = *calendar;
    showOverview();
    showRequestList();
    loadView();
    return {};
}

QString MainWindow::registerDescription() const
{
    const RegisterOverview &o = m_overview;
    if (Register::isServerLocation(o.location))
        return tr("Team register on a server: %1").arg(o.location);
    return o.isDemo ? tr("Demo register (made-up data): %1").arg(QDir::toNativeSeparators(o.location))
                    : tr("Register: %1").arg(QDir::toNativeSeparators(o.location));
}

void MainWindow::loadView()
{
    // On a connection of its own: a Qt Sql connection belongs to the thread that opened it.
    m_view.reset();
    m_newRequest->setEnabled(true);
    if (m_overview.imports.isEmpty()) {
        // Nothing to count yet: requests can be logged, and the wizard's Data page imports the extracts.
        m_location->setText(registerDescription() + tr(" — no extracts imported yet"));
        return;
    }
    m_location->setText(registerDescription() + tr(" — loading the counts…"));
    m_viewJob->start(m_overview.location);
}

void MainWindow::showRequestList()
{
    if (!m_register || !m_requests)
        return;
    Result<QVector<FoiRequestRecord>> all = m_register->requests();
    if (!all) {
        showError(tr("The requests cannot be read"), all.error().toString());
        return;
    }
    const QString current =
        m_requestsView->currentIndex().isValid()
            ? m_requests->rows().at(m_requestsView->currentIndex().row()).request.reference
            : QString();
    m_requests->setRows(
        requestList(*all, RequestList(m_list->currentData().toInt()), *m_clock, 5, m_calendar));
    if (!current.isEmpty())
        selectRequest(current);
    m_requestsView->resizeColumnsToContents();
    showHistory();
}

void MainWindow::showRequests(RequestList list)
{
    m_list->setCurrentIndex(m_list->findData(int(list)));
}

void MainWindow::showHistory()
{
    const QModelIndex at = m_requestsView->currentIndex();
    m_openRequest->setEnabled(at.isValid());
    m_update->setEnabled(at.isValid() && m_register);
    const FoiRequestRecord *chosen = currentRequest();
    for (RequestAction action : allRequestActions()) {
        QAction *a = m_actions.value(int(action));
        const QString why =
            chosen ? requestActionUnavailable(action, *chosen) : tr("Choose a request first.");
        a->setEnabled(why.isEmpty());
        a->setToolTip(why);
        a->setStatusTip(why);
    }
    if (!at.isValid() || !m_register) {
        m_deleteRequest->setEnabled(false);
        m_history->setEvents({});
        m_requestSummary->clear();
        m_historyTitle->setText(tr("&History: choose a request above."));
        return;
    }
    const FoiRequestRecord &r = m_requests->rows().at(at.row()).request;
    m_requestSummary->setText(requestSummaryText(r, m_requests->rows().at(at.row()).timing));
    Result<QVector<AuditEvent>> events = m_register->auditTrail(r.reference);
    m_history->setEvents(events ? *events : QVector<AuditEvent>());
    const bool released = !events || std::any_of(events->begin(), events->end(), [](const AuditEvent &e) {
        return e.action == QLatin1String("release");
    });
    m_deleteRequest->setEnabled(!released);
    const QString why = released ? tr("A request with a release cannot be deleted: what was published stays "
                                      "on record.")
                                 : QString();
    m_deleteRequest->setToolTip(why);
    m_deleteRequest->setStatusTip(why);
    m_historyTitle->setText(tr("&History of %1: %2").arg(r.reference, r.title));
}

bool MainWindow::selectRequest(const QString &reference)
{
    for (int row = 0; row < m_requests->rowCount(); ++row) {
        if (m_requests->rows().at(row).request.reference == reference) {
            m_requestsView->setCurrentIndex(m_requests->index(row, 0));
            return true;
        }
    }
    return false;
}

const FoiRequestRecord *MainWindow::currentRequest() const
{
    const QModelIndex at = m_requestsView->currentIndex();
    if (!at.isValid() || !m_register)
        return nullptr;
    return &m_requests->rows().at(at.row()).request;
}

QString MainWindow::officer() const
{
    return m_preferences.officer.isEmpty() ? application::officerName() : m_preferences.officer;
}

RequestActionDialog *MainWindow::recordOnRequest(RequestAction action)
{
    const FoiRequestRecord *chosen = currentRequest();
    if (!chosen || !requestActionUnavailable(action, *chosen).isEmpty())
        return nullptr;
    auto *dialog = new RequestActionDialog(action, *chosen, *m_clock, m_calendar, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { saveRequestChange(*dialog->changed(), requestActionName(dialog->action())); });
    dialog->open();
    return dialog;
}

void MainWindow::saveRequestChange(const FoiRequestRecord &changed, const QString &what)
{
    Result<qint64> saved = m_register->updateRequest(changed, officer());
    if (!saved) {
        showError(tr("Request %1 was not changed").arg(changed.reference), saved.error().toString());
        showRequestList(); // whatever someone else saved is shown
        return;
    }
    showRequestList();
    if (!selectRequest(changed.reference)) {
        // It left the list shown (a response leaves the open ones): the list that holds it is shown.
        showRequests(isOpenStatus(changed.status) ? RequestList::Open : RequestList::All);
        selectRequest(changed.reference);
    }
    statusBar()->showMessage(tr("Request %1: %2 recorded.").arg(changed.reference, what.toLower()), 8000);
}

bool MainWindow::deleteChosenRequest()
{
    const FoiRequestRecord *chosen = currentRequest();
    if (!chosen || !m_register)
        return false;
    const FoiRequestRecord r = *chosen;
    const QString title = tr("Delete request %1").arg(r.reference);
    const QString question =
        tr("Delete request %1 (\"%2\") from the register? It has no release. The audit trail keeps a line "
           "saying it was deleted, by whom and when.")
            .arg(r.reference, r.title);
    const bool yes = m_askQuestion
                         ? m_askQuestion(title, question)
                         : QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No,
                                                 QMessageBox::No) == QMessageBox::Yes;
    if (!yes)
        return false;
    if (const Status s = m_register->deleteRequest(r.reference, r.version, officer()); !s) {
        showError(tr("Request %1 was not deleted").arg(r.reference), s.error().toString());
        showRequestList();
        return false;
    }
    showRequestList();
    statusBar()->showMessage(tr("Request %1 deleted.").arg(r.reference), 8000);
    return true;
}

DisclosureLogDialog *MainWindow::writeDisclosureLog()
{
    if (!m_register)
        return nullptr;
    Result<QVector<FoiRequestRecord>> all = m_register->requests();
    if (!all) {
        showError(tr("The requests cannot be read"), all.error().toString());
        return nullptr;
    }
    const QString folder =
        m_preferences.exportFolder.isEmpty() ? QDir::homePath() : m_preferences.exportFolder;
    const QString suggested = QDir(folder).filePath(
        QStringLiteral("disclosure-log-%1.csv").arg(m_clock->today().toString(Qt::ISODate)));
    auto *dialog = new DisclosureLogDialog(
        *all, suggested,
        [this](const QString &current) {
            return m_chooseFile
                       ? m_chooseFile(tr("Write the disclosure log"), current, tr("CSV files (*.csv)"), true)
                       : QFileDialog::getSaveFileName(this, tr("Write the disclosure log"), current,
                                                      tr("CSV files (*.csv)"));
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Result<DisclosureLogWritten> written =
            foi::writeDisclosureLog(*m_register, dialog->path(), officer(), dialog->from(), dialog->to());
        if (!written) {
            showError(tr("The disclosure log was not written"), written.error().toString());
            return;
        }
        showHistory();
        const QString message =
            tr("%1\n\nIt lists %2. SHA-256: %3")
                .arg(QDir::toNativeSeparators(written->path),
                     plural(written->requests, tr("1 request"), tr("%1 requests")), written->sha256);
        showNotice(tr("Disclosure log written"), message);
    });
    dialog->open();
    return dialog;
}

MinimumThresholdDialog *MainWindow::showMinimumThreshold()
{
    if (!m_register)
        return nullptr;
    auto *dialog = new MinimumThresholdDialog(*m_register, officer(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The wizard's assessments read the minimum from the register's view: read it again.
    connect(dialog, &MinimumThresholdDialog::changed, this, [this] { reload(); });
    dialog->open();
    return dialog;
}

void MainWindow::chooseBankHolidays()
{
    if (!m_register)
        return;
    const QString caption = tr("Load bank holidays");
    const QString filter = tr("gov.uk bank holidays (*.json);;All files (*)");
    const QString path = m_chooseFile ? m_chooseFile(caption, QString(), filter, false)
                                      : QFileDialog::getOpenFileName(this, caption, QString(), filter);
    if (path.isEmpty())
        return;
    if (const Status s = loadBankHolidays(path); !s)
        showError(tr("The bank holidays were not loaded"), s.error().toString());
}

Status MainWindow::loadBankHolidays(const QString &path)
{
    if (!m_register)
        return Error(tr("No register is open."));
    Result<WorkingDays> calendar = foi::loadBankHolidays(*m_register, path, officer());
    if (!calendar)
        return calendar.error();
    m_calendar = *calendar;
    showRequestList();
    const BankHolidays &h = m_calendar.holidays();
    const QString message =
        tr("Due days are now counted with the bank holidays up to %1 (%2 in England and Wales, "
           "Scotland and Northern Ireland), for everyone who uses this register.")
            .arg(QLocale().toString(h.lastDay(), QStringLiteral("d MMMM yyyy")),
                 plural(h.all().size(), tr("1 bank holiday"), tr("%1 bank holidays")));
    showNotice(tr("Bank holidays loaded"), message);
    return {};
}

RequestWizard *MainWindow::newRequest()
{
    return startWizard(nullptr);
}

RequestWizard *MainWindow::openRequest(const QString &reference)
{
    if (!m_register)
        return nullptr;
    Result<std::optional<FoiRequestRecord>> found = m_register->findRequest(reference);
    if (!found || !*found) {
        showError(tr("The request cannot be opened"),
                  found ? tr("The register holds no request %1.").arg(reference) : found.error().toString());
        return nullptr;
    }
    return startWizard(&**found);
}

RequestWizard *MainWindow::startWizard(const FoiRequestRecord *stored)
{
    if (!m_register || m_wizard)
        return nullptr;
    WizardContext c;
    c.reg = m_register.get();
    c.store = std::make_shared<RegisterRequestStore>(*m_register, officer());
    c.registerLocation = m_overview.location;
    c.isDemo = m_overview.isDemo;
    c.view = m_view;
    c.clock = m_clock;
    c.calendar = m_calendar;
    const Preferences &p = m_preferences;
    c.officer = officer();
    c.settings.organisation = p.organisation;
    c.settings.contact = p.contact;
    // On the demo register a release names a made-up force, so that trying the wizard needs no set-up.
    if (c.isDemo && c.settings.organisation.isEmpty())
        c.settings.organisation = tr("Demo Constabulary (made-up data)");
    c.defaultPolicy = p.policy;
    // The folder the last files went to, else the preferences' folder (each only if it is still there).
    c.exportFolder =
        !p.lastFolder.isEmpty() && QFileInfo(p.lastFolder).isDir() ? p.lastFolder : p.exportFolder;
    if (!p.letterTemplate.isEmpty()) {
        Result<LetterTemplate> letter = LetterTemplate::load(p.letterTemplate);
        if (!letter) {
            showError(tr("The letter template cannot be used"),
                      tr("%1\n\nCorrect it, or clear it in Preferences to use the built-in letter.")
                          .arg(letter.error().toString()));
            return nullptr;
        }
        c.letter = *letter;
    }
    auto *wizard = new RequestWizard(std::move(c), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (stored)
        wizard->openRequest(*stored);
    connect(wizard, &RequestWizard::registerChanged, this, [this] {
        // The register object stays (the wizard uses it): its overview and lists are read again.
        if (Result<RegisterOverview> o = RegisterOverview::load(*m_register, m_overview.isDemo); o) {
            m_overview = *o;
            showOverview();
        }
        showRequestList();
    });
    connect(wizard, &RequestWizard::exportedTo, this, [this](const QString &folder) {
        m_preferences.lastFolder = folder;
        m_preferences.save();
    });
    connect(wizard, &RequestWizard::requestKept, this, [this](const FoiRequestRecord &kept) {
        m_keptReference = kept.reference;
        m_keptOpen = isOpenStatus(kept.status);
    });
    connect(wizard, &QWizard::finished, this, [this] {
        showRequestList();
        if (!m_keptReference.isEmpty() && !selectRequest(m_keptReference)) {
            // It left the list shown (a response leaves the open ones): the list that holds it is shown.
            showRequests(m_keptOpen ? RequestList::Open : RequestList::All);
            selectRequest(m_keptReference);
        }
        m_keptReference.clear();
        loadView(); // the releases made count in the next request's differencing check
    });
    m_wizard = wizard;
    wizard->open();
    return wizard;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_preferences, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_preferences = dialog.preferences();
    m_preferences.save();
}

void MainWindow::openDemoRegister(qint64 demoCrimes)
{
    const QString path = application::demoRegisterPath();
    if (QFile::exists(path)) {
        const Status s = openRegister(path, true);
        if (!s)
            showError(tr("The demo register cannot be opened"), s.error().toString());
        emit demoRegisterReady(s.ok());
        return;
    }
    DemoOptions options;
    options.crimes = demoCrimes;
    auto *job = new DemoRegisterJob(path, options, this);
    auto *dialog = new QProgressDialog(tr("Making the demo register from made-up extracts…"), tr("Cancel"), 0,
                                       100, this);
    dialog->setWindowTitle(tr("Demo register"));
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    connect(job, &DemoRegisterJob::progressChanged, dialog, [dialog](int percent, const QString &stage) {
        dialog->setValue(percent);
        dialog->setLabelText(stage);
    });
    connect(dialog, &QProgressDialog::canceled, job, &DemoRegisterJob::cancel);
    connect(job, &DemoRegisterJob::succeeded, this, [this, job, dialog, path] {
        dialog->deleteLater();
        job->deleteLater();
        const Status s = openRegister(path, true);
        if (!s)
            showError(tr("The demo register cannot be opened"), s.error().toString());
        emit demoRegisterReady(s.ok());
    });
    connect(job, &DemoRegisterJob::failed, this, [this, job, dialog](const QString &message) {
        const bool cancelled = dialog->wasCanceled();
        dialog->deleteLater();
        job->deleteLater();
        if (!cancelled)
            showError(tr("The demo register could not be made"), message);
        emit demoRegisterReady(false);
    });
    job->start();
}

void MainWindow::showOverview()
{
    const RegisterOverview &o = m_overview;
    const MergeReport &r = o.report;
    m_systems->setSystems(r.systems);
    m_imports->setImports(o.imports);
    m_issues->setIssues(r.issues);
    m_rejects->setRejects(r.rejects);
    m_tabs->setTabText(2, tr("Merge issues (%1)").arg(n(r.issues.size())));
    m_tabs->setTabText(3, tr("Rejected rows (%1)").arg(n(r.rejects.size())));

    m_banner->setVisible(o.isDemo);
    m_banner->setText(tr("<b>Demo register.</b> Every crime and person in it is made up, for trying the "
                         "application. Nothing in it is real."));
    m_location->setText(registerDescription());
    setWindowTitle(o.isDemo ? tr("FOI Tables — demo register") : tr("FOI Tables — %1").arg(o.location));

    if (o.imports.isEmpty()) {
        m_summary->setText(tr("This register holds no extracts yet."));
        return;
    }
    m_summary->setText(mergeSummaryHtml(r));
}

std::optional<QString> MainWindow::askPassword(const QString &location, const QString &why)
{
    if (m_askPassword)
        return m_askPassword(location, why);
    const QUrl url(location);
    bool ok = false;
    const QString typed =
        QInputDialog::getText(this, tr("Password for the team register"),
                              tr("%1.\n\nThe password of %2 on %3 (kept only until FOI Tables closes):")
                                  .arg(why.left(1).toUpper() + why.mid(1), url.userName(), url.host()),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return std::nullopt;
    return typed;
}

OpenRegisterDialog *MainWindow::chooseRegister()
{
    if (m_wizard) {
        showError(tr("The register cannot be opened"),
                  tr("Close the request wizard before opening another register."));
        return nullptr;
    }
    auto *dialog = new OpenRegisterDialog(
        m_overview.isDemo ? QString() : m_overview.location,
        [this](const QString &current) {
            const QString filter = tr("FOI Tables registers (*.sqlite *.db);;All files (*)");
            return m_chooseFile ? m_chooseFile(tr("Open register"), current, filter, false)
                                : QFileDialog::getOpenFileName(this, tr("Open register"), current, filter);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString location = dialog->location();
        const Status s = openRegister(location, location == application::demoRegisterPath());
        if (!s) {
            showError(tr("The register cannot be opened"), s.error().toString());
            if (m_firstRun && !m_register)
                showFirstRun();
            return;
        }
        m_firstRun = false;
        if (dialog->openAtStart()) {
            m_preferences.registerPath = location;
            m_preferences.save();
        }
        statusBar()->showMessage(tr("Opened %1").arg(registerDescription()), 10000);
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        if (m_firstRun && !m_register)
            showFirstRun();
    });
    dialog->open();
    return dialog;
}

FirstRunDialog *MainWindow::showFirstRun()
{
    m_firstRun = true;
    auto *dialog = new FirstRunDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &FirstRunDialog::gettingStartedAsked, this, [this] { showGettingStarted(); });
    connect(dialog, &QDialog::rejected, this, [this] {
        m_firstRun = false;
        close(); // Quit: nothing was opened
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // The name the officer gave is the one every request and release records from now on.
        if (!dialog->officer().isEmpty() && m_preferences.officer.isEmpty()) {
            m_preferences.officer = dialog->officer();
            m_preferences.save();
        }
        const FirstRunDialog::Choice choice = dialog->choice();
        if (choice == FirstRunDialog::Choice::Demo) {
            m_firstRun = false;
            openDemoRegister(m_demoCrimes);
            return;
        }
        OpenRegisterDialog *open = chooseRegister();
        if (!open)
            return;
        (choice == FirstRunDialog::Choice::TeamServer ? open->serverChoice() : open->fileChoice())
            ->setChecked(true);
        open->atStartBox()->setChecked(true);
    });
    dialog->open();
    return dialog;
}

GettingStartedDialog *MainWindow::showGettingStarted()
{
    auto *dialog = new GettingStartedDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

Status MainWindow::openAtStart(const QString &requested, qint64 demoCrimes)
{
    if (!requested.isEmpty())
        return openRegister(requested, requested == application::demoRegisterPath());
    m_demoCrimes = demoCrimes;
    const QString preferred = m_preferences.registerPath;
    if (preferred.isEmpty()) {
        // The demo register once it was chosen (it exists); else the first run's choice.
        if (QFile::exists(application::demoRegisterPath()))
            openDemoRegister(demoCrimes);
        else
            showFirstRun();
        return {};
    }
    const Status s = openRegister(preferred, preferred == application::demoRegisterPath());
    if (s)
        return {};
    showError(tr("The register set in the preferences cannot be opened"),
              tr("%1\n\nThe demo register (made-up data) is open instead. Choose another register with "
                 "File → Open register…, or change it in the preferences.")
                  .arg(s.error().toString()));
    openDemoRegister(demoCrimes);
    return {};
}

void MainWindow::reload()
{
    if (m_overview.location.isEmpty())
        return;
    const Status s = openRegister(m_overview.location, m_overview.isDemo);
    if (!s)
        showError(tr("The register cannot be reloaded"), s.error().toString());
}

void MainWindow::showNotice(const QString &title, const QString &message)
{
    if (m_noticeHandler) {
        m_noticeHandler(title, message);
        return;
    }
    QMessageBox::information(this, title, message);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    if (m_errorHandler) {
        m_errorHandler(title, message);
        return;
    }
    QMessageBox::warning(this, title, message);
}

} // namespace foi::ui
