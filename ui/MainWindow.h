#pragma once

#include "count/CountingFrame.h"
#include "register/RegisterOverview.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QTabWidget;
class QTableView;

namespace foi {
class Register;
}

namespace foi::ui {

class SystemsModel;
class ImportsModel;
class IssuesModel;
class RejectsModel;

/// The application's main window. Until the request wizard exists it shows what the open register
/// holds: its systems, its imports and the merge report, with the doubtful crimes and the rejected
/// rows listed for the data returns staff.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a register file and shows it. On failure the window keeps what it showed and the error is
    /// returned (the caller decides how to tell the officer).
    Status openRegister(const QString &path, bool isDemo = false);

    /// Opens the demo register, making it first (with a progress dialog that can cancel) when missing.
    /// demoCrimes sets the size of a new demo register.
    void openDemoRegister(qint64 demoCrimes = 20000);

    const RegisterOverview &overview() const { return m_overview; }

    /// The open register's counting frame, loaded off the GUI thread once the register is open (the merge
    /// stored it, so this is a read of its columns); null until frameReady(true).
    std::shared_ptr<const CountingFrame> frame() const { return m_frame; }

    /// Where errors for the officer go: a message box unless set (tests set their own, as KeePassXC's
    /// MessageBox::setNextAnswer does, so that no modal dialog waits for a click).
    using ErrorHandler = std::function<void(const QString &title, const QString &message)>;
    void setErrorHandler(ErrorHandler handler) { m_errorHandler = std::move(handler); }

    SystemsModel *systemsModel() const { return m_systems; }
    ImportsModel *importsModel() const { return m_imports; }
    IssuesModel *issuesModel() const { return m_issues; }
    RejectsModel *rejectsModel() const { return m_rejects; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *bannerLabel() const { return m_banner; }

signals:
    /// The demo register is ready (or could not be made: ok false).
    void demoRegisterReady(bool ok);
    /// The open register's counting frame is loaded (ok false: it could not be; the error was shown).
    void frameReady(bool ok);

private:
    void buildUi();
    void buildMenus();
    void showOverview();
    void chooseRegister();
    void reload();
    void showError(const QString &title, const QString &message);
    void loadFrame();

    std::unique_ptr<Register> m_register;
    RegisterOverview m_overview;
    SystemsModel *m_systems = nullptr;
    ImportsModel *m_imports = nullptr;
    IssuesModel *m_issues = nullptr;
    RejectsModel *m_rejects = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_location = nullptr;
    QTabWidget *m_tabs = nullptr;
    ErrorHandler m_errorHandler;
    std::shared_ptr<const CountingFrame> m_frame;
    QFutureWatcher<Result<CountingFrame>> m_frameWatcher;
    quint64 m_frameGeneration = 0; ///< a frame loaded for a register no longer open is dropped
};

} // namespace foi::ui
