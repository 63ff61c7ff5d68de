#include "MainWindow.h"

#include "common/Application.h"
#include "register/DemoRegisterJob.h"
#include "register/RegisterModels.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace foi::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    return view;
}

QString n(qint64 v)
{
    return QLocale().toString(v);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("FOI Tables"));
    buildUi();
    buildMenus();
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setMargin(6);
    layout->addWidget(m_banner);

    m_summary = new QLabel(central);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("No register is open."));
    layout->addWidget(m_summary);

    m_systems = new SystemsModel(this);
    m_imports = new ImportsModel(this);
    m_issues = new IssuesModel(this);
    m_rejects = new RejectsModel(this);
    m_tabs = new QTabWidget(central);
    m_tabs->addTab(makeTable(m_systems, m_tabs), tr("Systems"));
    m_tabs->addTab(makeTable(m_imports, m_tabs), tr("Imports"));
    m_tabs->addTab(makeTable(m_issues, m_tabs), tr("Merge issues"));
    m_tabs->addTab(makeTable(m_rejects, m_tabs), tr("Rejected rows"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_location = new QLabel(this);
    statusBar()->addWidget(m_location, 1);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open register…"), this, &MainWindow::chooseRegister);
    open->setShortcut(QKeySequence::Open);
    QAction *demo = file->addAction(tr("Open the &demo register"), this, [this] { openDemoRegister(); });
    demo->setToolTip(tr("A register of made-up crimes, for trying the application"));
    QAction *reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About FOI Tables"), this, [this] {
        QMessageBox::about(
            this, tr("About FOI Tables"),
            tr("<p><b>FOI Tables %1</b></p><p>Counts crimes for Freedom of Information requests and "
               "releases tables that cannot identify anyone.</p><p>Reference data: Home Office, "
               "Open Government Licence v3.0.</p>")
                .arg(application::version()));
    });
}

Status MainWindow::openRegister(const QString &path, bool isDemo)
{
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = Register::open(path, options);
    if (!reg)
        return reg.error();
    Result<RegisterOverview> overview = RegisterOverview::load(**reg, isDemo);
    if (!overview)
        return overview.error();
    m_register = std::move(reg).value();
    m_overview = *overview;
    showOverview();
    loadFrame();
    return {};
}

void MainWindow::loadFrame()
{
    // On a connection of its own: a Qt Sql connection belongs to the thread that opened it.
    m_frame.reset();
    const quint64 generation = ++m_frameGeneration;
    const QString path = m_overview.location;
    m_location->setText(m_location->text() + tr(" — loading the counts…"));
    auto *watcher = new QFutureWatcher<Result<CountingFrame>>(this);
    connect(watcher, &QFutureWatcher<Result<CountingFrame>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_frameGeneration)
            return; // another register was opened meanwhile
        Result<CountingFrame> loaded = watcher->result();
        const RegisterOverview &o = m_overview;
        const QString where =
            o.isDemo ? tr("Demo register: %1").arg(o.location) : tr("Register: %1").arg(o.location);
        if (!loaded) {
            m_location->setText(where + tr(" — the counts could not be loaded"));
            showError(tr("The register's counts cannot be loaded"), loaded.error().toString());
            emit frameReady(false);
            return;
        }
        m_frame = std::make_shared<const CountingFrame>(std::move(loaded).value());
        m_location->setText(
            where +
            tr(" — ready: %1 crimes, %2 links").arg(n(m_frame->crimeCount()), n(m_frame->linkCount())));
        emit frameReady(true);
    });
    watcher->setFuture(QtConcurrent::run([path]() -> Result<CountingFrame> {
        Register::OpenOptions options;
        options.createIfMissing = false;
        Result<std::unique_ptr<Register>> reg = Register::open(path, options);
        if (!reg)
            return reg.error();
        return CountingFrame::load(**reg);
    }));
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
    m_location->setText(o.isDemo ? tr("Demo register: %1").arg(o.location)
                                 : tr("Register: %1").arg(o.location));
    setWindowTitle(o.isDemo ? tr("FOI Tables — demo register") : tr("FOI Tables — %1").arg(o.location));

    if (o.imports.isEmpty()) {
        m_summary->setText(tr("This register holds no extracts yet."));
        return;
    }
    qint64 conflicts = 0;
    QStringList conflictParts;
    for (auto it = r.conflictsByField.constBegin(); it != r.conflictsByField.constEnd(); ++it) {
        conflicts += it.value();
        conflictParts << tr("%1 %2").arg(n(it.value()),
                                         QString(it.key()).replace(QLatin1Char('_'), QLatin1Char(' ')));
    }
    QStringList reasons;
    for (auto it = r.rejectsByReason.constBegin(); it != r.rejectsByReason.constEnd(); ++it)
        reasons << tr("%1 %2").arg(n(it.value()), it.key());
    QString html = tr("<p><b>After the merge:</b> %1 crimes, %2 crime-person links, %3 distinct persons "
                      "(%4 known in more than one system).</p>")
                       .arg(n(r.crimes), n(r.links), n(r.persons), n(r.personsInMoreThanOneSystem));
    html +=
        tr("<p><b>Migrated crimes:</b> %1 found in both systems and counted once (%2 took their recorded day "
           "from the legacy system); %3 whose legacy original is missing; %4 legacy crimes claimed "
           "twice.</p>")
            .arg(n(r.migratedMatched), n(r.recordedDaysFromLegacy), n(r.migratedOriginalMissing),
                 n(r.claimedTwice));
    html += tr("<p><b>Conflicts between the two copies:</b> %1%2. The new system's value is counted.</p>")
                .arg(n(conflicts),
                     conflictParts.isEmpty() ? QString() : tr(" (%1)").arg(conflictParts.join(tr(", "))));
    html += tr("<p><b>Ages:</b> %1 links with no known age; %2 recorded as 0, shown apart and never counted "
               "as an "
               "age.</p>")
                .arg(n(r.agesUnknown), n(r.agesFlaggedZero));
    html +=
        tr("<p><b>Rejected rows:</b> %1%2. They are not counted; each is listed with its file, line and "
           "reason.</p>")
            .arg(n(r.rejectedRows), reasons.isEmpty() ? QString() : tr(" (%1)").arg(reasons.join(tr(", "))));
    m_summary->setText(html);
}

void MainWindow::chooseRegister()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open register"), QString(), tr("FOI Tables registers (*.sqlite *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    const Status s = openRegister(path, path == application::demoRegisterPath());
    if (!s)
        showError(tr("The register cannot be opened"), s.error().toString());
}

void MainWindow::reload()
{
    if (m_overview.location.isEmpty())
        return;
    const Status s = openRegister(m_overview.location, m_overview.isDemo);
    if (!s)
        showError(tr("The register cannot be reloaded"), s.error().toString());
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
