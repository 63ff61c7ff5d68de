#pragma once

#include <QWizardPage>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace foi::ui {

class RequestDraft;

/// Page 6: the files. The formats, the folder and the file names (from the reference); the export runs
/// through the safety gate and records the release in the register with each file's SHA-256; the response
/// text is shown with a copy button; the request can be marked responded with the same step.
class ExportPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ExportPage(RequestDraft *draft, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    /// Exports as the Export button does; false (and the reason shown) when nothing was written.
    bool exportNow();
    /// The folder offered first: the one given if it exists, else Documents, else the home folder.
    static QString startingFolder(const QString &preferred);
    /// Writes the request file (criteria, tables, protection) for foi-tables-cli, as the button does.
    bool saveRequestFile(const QString &path);
    /// Where Browse gets its folder (a folder dialog unless set; tests set their own).
    void setFolderChooser(std::function<QString()> chooser) { m_chooseFolder = std::move(chooser); }

    QCheckBox *xlsxBox() const { return m_xlsx; }
    QCheckBox *odsBox() const { return m_ods; }
    QCheckBox *csvBox() const { return m_csv; }
    QLineEdit *folderEdit() const { return m_folder; }
    QComboBox *responseBox() const { return m_response; }
    QPushButton *browseButton() const { return m_browse; }
    QCheckBox *replaceBox() const { return m_replace; }
    QCheckBox *markRespondedBox() const { return m_markResponded; }
    QComboBox *outcomeBox() const { return m_outcome; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *namesLabel() const { return m_names; }
    QLabel *resultLabel() const { return m_result; }
    QPlainTextEdit *responseTextEdit() const { return m_responseText; }
    QPushButton *copyButton() const { return m_copy; }
    /// The files written by the last export (full paths).
    const QStringList &writtenFiles() const { return m_written; }

signals:
    /// A release was exported and recorded, into this folder (the main window shows the register again,
    /// and offers the folder first next time).
    void published(const QString &folder);

private:
    QStringList plannedFiles() const;
    QString responsePath() const;
    void showNames();

    RequestDraft *m_draft;
    QCheckBox *m_xlsx;
    QCheckBox *m_ods;
    QCheckBox *m_csv;
    QLineEdit *m_folder;
    QPushButton *m_browse;
    QLabel *m_names;
    QComboBox *m_response;
    QCheckBox *m_replace;
    QCheckBox *m_markResponded;
    QComboBox *m_outcome;
    QPushButton *m_export;
    QPushButton *m_saveRequest;
    QLabel *m_result;
    QPlainTextEdit *m_responseText;
    QPushButton *m_copy;
    QStringList m_written;
    std::function<QString()> m_chooseFolder;
};

} // namespace foi::ui
