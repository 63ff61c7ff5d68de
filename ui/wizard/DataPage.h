#pragma once

#include <QStringList>
#include <QWizardPage>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace foi::ui {

class ImportJob;
class RegisterViewJob;
class RejectsModel;
class RequestDraft;
class SystemsModel;

/// Page 2: what the register holds to count from: its systems with their date ranges and the cutover, and
/// the merge report (migrated crimes matched, conflicts, rejected rows with their reasons). More extracts
/// can be imported here, off the GUI thread with progress and cancel; the counts are loaded again after.
class DataPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit DataPage(RequestDraft *draft, QWidget *parent = nullptr);
    ~DataPage() override;

    void initializePage() override;
    bool isComplete() const override;

    /// Imports extracts with a source profile (a built-in name or a profile file), as the Import button
    /// does after asking for the files.
    void startImport(const QString &profile, const QStringList &files);
    /// Where the Import button gets its files (a file dialog unless set; tests set their own).
    void setFileChooser(std::function<QStringList()> chooser) { m_chooseFiles = std::move(chooser); }

    bool isImporting() const;
    bool isLoading() const;
    QComboBox *profileBox() const { return m_profile; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *reportLabel() const { return m_report; }
    SystemsModel *systemsModel() const { return m_systemsModel; }
    RejectsModel *rejectsModel() const { return m_rejectsModel; }

signals:
    /// The register now holds more: the main window shows it again.
    void registerChanged();
    /// An import ended: ok false when it failed or was cancelled.
    void importFinished(bool ok);

private:
    void showRegister();
    void chooseAndImport();
    void loadView();

    RequestDraft *m_draft;
    QLabel *m_systems;
    SystemsModel *m_systemsModel;
    QComboBox *m_profile;
    QPushButton *m_import;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_report;
    RejectsModel *m_rejectsModel;
    QTableView *m_rejectsView;
    ImportJob *m_job = nullptr;
    RegisterViewJob *m_viewJob;
    std::function<QStringList()> m_chooseFiles;
};

} // namespace foi::ui
