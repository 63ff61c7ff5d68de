#pragma once

#include "Preferences.h"
#include "count/CountingFrame.h"
#include "protect/Release.h"
#include "register/RegisterOverview.h"
#include "requests/Deadlines.h"
#include "requests/RequestActionDialog.h"
#include "requests/RequestLists.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace foi {
class Register;
}

namespace foi::ui {

class AuditModel;
class DisclosureLogDialog;
class MinimumThresholdDialog;
class FirstRunDialog;
class GettingStartedDialog;
class ImportsModel;
class OpenRegisterDialog;
class IssuesModel;
class RegisterViewJob;
class RejectsModel;
class RequestWizard;
class RequestsModel;
class SystemsModel;

/// The application's main window: the request register (what is due, overdue, responded) with each
/// request's history, New request to open the wizard, and what the open register holds: its systems,
/// imports and merge report, with the doubtful crimes and the rejected rows for the data returns staff. The
/// status line says which register is open.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a register (a file, or a team register's address) and shows it. A server that asks for a
    /// password is answered through the password asker (up to three tries); the password stays in memory.
    /// On failure the window keeps what it showed and the error is returned (the caller decides how to tell
    /// the officer).
    Status openRegister(const QString &location, bool isDemo = false);

    /// What opens when the application starts: the register asked for on the command line (its error is
    /// returned), else the one set in the preferences (when it cannot be opened, the officer is told why
    /// and the demo register opens instead), else the demo register.
    Status openAtStart(const QString &requested = {}, qint64 demoCrimes = 20000);

    /// The first run (no register given, none in the preferences, no demo register yet): offers the demo
    /// register, a register file or a team register (window-modal) and returns the dialog. Until a register
    /// is open, cancelling a choice comes back to it; Quit closes the window.
    FirstRunDialog *showFirstRun();
    /// Getting started: the seed's request walked through (Help menu, and the first run).
    GettingStartedDialog *showGettingStarted();

    /// Opens the dialog that chooses a register file or a team register (window-modal) and returns it;
    /// when the officer clicks Open, the register is opened, and remembered for the next start if asked.
    OpenRegisterDialog *chooseRegister();

    /// Opens the demo register, making it first (with a progress dialog that can cancel) when missing.
    /// demoCrimes sets the size of a new demo register.
    void openDemoRegister(qint64 demoCrimes = 20000);

    const RegisterOverview &overview() const { return m_overview; }
    Register *currentRegister() const { return m_register.get(); }

    /// The open register's counting frame, loaded off the GUI thread once the register is open (the merge
    /// stored it, so this is a read of its columns); null until frameReady(true).
    std::shared_ptr<const CountingFrame> frame() const;
    /// The frame with the systems and earlier releases, as the wizard counts from them.
    std::shared_ptr<const RegisterView> registerView() const { return m_view; }

    /// Where errors for the officer go: a message box unless set (tests set their own, as KeePassXC's
    /// MessageBox::setNextAnswer does, so that no modal dialog waits for a click).
    using ErrorHandler = std::function<void(const QString &title, const QString &message)>;
    void setErrorHandler(ErrorHandler handler) { m_errorHandler = std::move(handler); }
    /// Where news for the officer goes (a file written, bank holidays loaded): a message box unless set.
    void setNoticeHandler(ErrorHandler handler) { m_noticeHandler = std::move(handler); }
    /// Asks for a file: save true for one to write. A file dialog unless set (tests set their own).
    using FileChooser = std::function<QString(const QString &caption, const QString &start,
                                              const QString &filter, bool save)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    /// Asks for a team register's password when its server wants one that ~/.pgpass does not hold: a
    /// password dialog unless set (tests set their own). Nothing returned: the officer cancelled.
    using PasswordAsker = std::function<std::optional<QString>(const QString &location, const QString &why)>;
    void setPasswordAsker(PasswordAsker asker) { m_askPassword = std::move(asker); }
    /// Asks a yes-or-no question (a message box unless set; tests set their own): true for yes.
    using QuestionAsker = std::function<bool(const QString &title, const QString &question)>;
    void setQuestionAsker(QuestionAsker asker) { m_askQuestion = std::move(asker); }
    /// The clock the due days are counted by (tests fix the day).
    void setClock(const Clock *clock);
    /// The settings a new wizard starts from (read from QSettings at start; the preferences dialog
    /// changes them).
    void setPreferences(const Preferences &preferences) { m_preferences = preferences; }
    const Preferences &preferences() const { return m_preferences; }

    /// Opens the wizard for a new request (window-modal) and returns it; null when no register is open.
    RequestWizard *newRequest();
    /// Opens the wizard on a request of the register.
    RequestWizard *openRequest(const QString &reference);
    /// Shows the requests of a list (Open, DueThisWeek, Overdue, Responded, All).
    void showRequests(RequestList list);
    /// Selects a request in the list shown; false when the list does not hold it.
    bool selectRequest(const QString &reference);

    /// Opens the dialog for an action on the chosen request (window-modal) and returns it; when the officer
    /// records it, the change is saved to the register (refused if someone else saved the request since
    /// the list was read) and the lists are read again. Null when no request is chosen or the action does
    /// not apply to it (the action is disabled then, its tool tip saying why).
    RequestActionDialog *recordOnRequest(RequestAction action);
    QAction *requestAction(RequestAction action) const { return m_actions.value(int(action)); }
    /// Deletes the chosen request, after asking: only a request with no release (a published answer
    /// stays on record), as the register refuses the rest. False when nothing was deleted.
    bool deleteChosenRequest();
    QAction *deleteRequestAction() const { return m_deleteRequest; }

    /// Opens the dialog that writes the disclosure log (window-modal) and returns it; null when no register
    /// is open. Writing records the file in the audit trail.
    DisclosureLogDialog *writeDisclosureLog();
    /// File > Minimum threshold: opens the dialog (null without a register).
    MinimumThresholdDialog *showMinimumThreshold();
    /// Loads a newer download of the gov.uk bank holidays into the register, for everyone who uses it, and
    /// counts every due day by it from now on.
    Status loadBankHolidays(const QString &path);

    SystemsModel *systemsModel() const { return m_systems; }
    ImportsModel *importsModel() const { return m_imports; }
    IssuesModel *issuesModel() const { return m_issues; }
    RejectsModel *rejectsModel() const { return m_rejects; }
    RequestsModel *requestsModel() const { return m_requests; }
    AuditModel *historyModel() const { return m_history; }
    QTableView *requestsView() const { return m_requestsView; }
    QComboBox *listBox() const { return m_list; }
    QPushButton *newRequestButton() const { return m_newRequest; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *requestSummaryLabel() const { return m_requestSummary; }
    QPushButton *updateButton() const { return m_update; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *locationLabel() const { return m_location; }
    QTabWidget *tabs() const { return m_mainTabs; }

signals:
    /// The demo register is ready (or could not be made: ok false).
    void demoRegisterReady(bool ok);
    /// The open register's counting frame is loaded (ok false: it could not be; the error was shown).
    void frameReady(bool ok);

private:
    void buildUi();
    void buildMenus();
    void showOverview();
    void showRequestList();
    void showHistory();
    void reload();
    void showError(const QString &title, const QString &message);
    void showNotice(const QString &title, const QString &message);
    void loadView();
    void showPreferences();
    void chooseBankHolidays();
    void saveRequestChange(const FoiRequestRecord &changed, const QString &what);
    const FoiRequestRecord *currentRequest() const;
    QString officer() const;
    std::optional<QString> askPassword(const QString &location, const QString &why);
    QString registerDescription() const;
    RequestWizard *startWizard(const FoiRequestRecord *stored);

    std::unique_ptr<Register> m_register;
    RegisterOverview m_overview;
    Preferences m_preferences;
    const Clock *m_clock = &SystemClock::instance();
    WorkingDays m_calendar = WorkingDays::builtIn();
    SystemsModel *m_systems = nullptr;
    ImportsModel *m_imports = nullptr;
    IssuesModel *m_issues = nullptr;
    RejectsModel *m_rejects = nullptr;
    RequestsModel *m_requests = nullptr;
    AuditModel *m_history = nullptr;
    QTableView *m_requestsView = nullptr;
    QComboBox *m_list = nullptr;
    QPushButton *m_newRequest = nullptr;
    QPushButton *m_openRequest = nullptr;
    QPushButton *m_update = nullptr;
    QHash<int, QAction *> m_actions;
    QAction *m_deleteRequest = nullptr;
    QuestionAsker m_askQuestion;
    QLabel *m_requestSummary = nullptr;
    QLabel *m_historyTitle = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_location = nullptr;
    QTabWidget *m_mainTabs = nullptr;
    QTabWidget *m_tabs = nullptr;
    ErrorHandler m_errorHandler;
    ErrorHandler m_noticeHandler;
    FileChooser m_chooseFile;
    PasswordAsker m_askPassword;
    bool m_firstRun = false; ///< the first-run choice is pending: no register opened from it yet
    QString m_keptReference; ///< the request the wizard kept, selected in the list when it closes
    bool m_keptOpen = true;
    qint64 m_demoCrimes = 20000; ///< the size of a demo register made at start
    std::shared_ptr<const RegisterView> m_view;
    RegisterViewJob *m_viewJob = nullptr;
    QPointer<RequestWizard> m_wizard;
};

} // namespace foi::ui
