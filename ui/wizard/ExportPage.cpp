#include "wizard/ExportPage.h"

#include "export/Publish.h"
#include "wizard/RequestDraft.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace foi::ui {

ExportPage::ExportPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setTitle(tr("Export"));
    setSubTitle(tr("Write the files to attach to the response. Each file is checked before it is put in "
                   "place: it holds the released tables and their notes, and nothing else."));

    auto *filesBox = new QGroupBox(tr("Files"), this);
    auto *form = new QFormLayout(filesBox);
    m_xlsx = new QCheckBox(tr("E&xcel workbook (.xlsx)"), filesBox);
    m_ods = new QCheckBox(tr("&OpenDocument spreadsheet (.ods)"), filesBox);
    m_csv = new QCheckBox(tr("C&SV, a file per table"), filesBox);
    m_xlsx->setChecked(true);
    auto *formats = new QHBoxLayout;
    formats->addWidget(m_xlsx);
    formats->addWidget(m_ods);
    formats->addWidget(m_csv);
    formats->addStretch(1);
    form->addRow(tr("Formats:"), formats);
    m_response = new QComboBox(filesBox);
    m_response->setAccessibleName(tr("Response letter"));
    m_response->addItem(tr("Word document (.docx)"), QStringLiteral("docx"));
    m_response->addItem(tr("OpenDocument text (.odt)"), QStringLiteral("odt"));
    m_response->addItem(tr("Plain text (.txt)"), QStringLiteral("txt"));
    m_response->addItem(tr("No letter file: I will paste the text"), QString());
    form->addRow(tr("Response &letter:"), m_response);
    m_folder = new QLineEdit(filesBox);
    m_folder->setAccessibleName(tr("Folder"));
    m_browse = new QPushButton(tr("Bro&wse…"), filesBox);
    m_browse->setAccessibleName(tr("Choose the folder"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    auto *folderLabel = new QLabel(tr("Fol&der:"), filesBox);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    m_names = new QLabel(filesBox);
    m_names->setWordWrap(true);
    m_names->setAccessibleDescription(tr("The files the export will write"));
    form->addRow(tr("File names:"), m_names);
    m_replace = new QCheckBox(tr("&Replace files of the same name"), filesBox);
    form->addRow(m_replace);

    auto *requestBox = new QGroupBox(tr("The request"), this);
    auto *requestForm = new QFormLayout(requestBox);
    m_markResponded = new QCheckBox(tr("&Mark the request responded today, with this release"), requestBox);
    m_outcome = new QComboBox(requestBox);
    m_outcome->setAccessibleName(tr("Outcome"));
    m_outcome->addItem(tr("As the release shows (in full, or in part when a count is withheld)"), QString());
    for (const QString &outcome : requestOutcomes())
        m_outcome->addItem(outcome, outcome);
    m_outcome->setEnabled(false);
    requestForm->addRow(m_markResponded);
    requestForm->addRow(tr("O&utcome:"), m_outcome);

    m_export = new QPushButton(tr("&Export"), this);
    m_export->setDefault(false);
    m_saveRequest = new QPushButton(tr("Save the re&quest file…"), this);
    m_saveRequest->setToolTip(tr("The criteria, tables and protection, for foi-tables-cli or a later check"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_export);
    buttons->addWidget(m_saveRequest);
    buttons->addStretch(1);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setAccessibleDescription(tr("What the export did"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_responseText = new QPlainTextEdit(this);
    m_responseText->setReadOnly(true);
    m_responseText->setAccessibleName(tr("Response text"));
    m_responseText->setTabChangesFocus(true);
    m_responseText->setPlaceholderText(tr("The response text appears here after the export."));
    m_copy = new QPushButton(tr("&Copy the response text"), this);
    m_copy->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(filesBox);
    layout->addWidget(requestBox);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addWidget(m_responseText, 1);
    layout->addWidget(m_copy, 0, Qt::AlignLeft);

    for (QCheckBox *box : {m_xlsx, m_ods, m_csv})
        connect(box, &QCheckBox::toggled, this, &ExportPage::showNames);
    connect(m_response, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportPage::showNames);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportPage::showNames);
    connect(m_markResponded, &QCheckBox::toggled, m_outcome, &QWidget::setEnabled);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            m_chooseFolder
                ? m_chooseFolder()
                : QFileDialog::getExistingDirectory(this, tr("Folder for the files"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(folder));
    });
    connect(m_export, &QPushButton::clicked, this, &ExportPage::exportNow);
    connect(m_saveRequest, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the request file"),
            QDir(m_folder->text())
                .filePath(releaseFileName(m_draft->request.reference, QStringLiteral("json"))),
            tr("Request files (*.json)"));
        if (!path.isEmpty())
            saveRequestFile(path);
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_responseText->toPlainText());
        m_result->setText(m_result->text() + QLatin1Char('\n') +
                          tr("The response text is on the clipboard."));
    });
}

QString ExportPage::startingFolder(const QString &preferred)
{
    // A new account may have no Documents folder yet: a folder that is not there is never offered.
    for (const QString &folder :
         {preferred, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), QDir::homePath()}) {
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            return folder;
    }
    return QDir::homePath();
}

void ExportPage::initializePage()
{
    if (m_folder->text().isEmpty())
        m_folder->setText(QDir::toNativeSeparators(startingFolder(m_draft->context().exportFolder)));
    m_written.clear();
    m_result->clear();
    m_responseText->clear();
    m_copy->setEnabled(false);
    showNames();
}

QStringList ExportPage::plannedFiles() const
{
    QStringList files;
    const QDir folder(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    const QString &reference = m_draft->request.reference;
    if (m_xlsx->isChecked())
        files << folder.filePath(releaseFileName(reference, QStringLiteral("xlsx")));
    if (m_ods->isChecked())
        files << folder.filePath(releaseFileName(reference, QStringLiteral("ods")));
    if (m_csv->isChecked())
        files << folder.filePath(releaseFileName(reference, QStringLiteral("csv")));
    return files;
}

QString ExportPage::responsePath() const
{
    const QString suffix = m_response->currentData().toString();
    if (suffix.isEmpty())
        return {};
    return QDir(QDir::fromNativeSeparators(m_folder->text().trimmed()))
        .filePath(releaseFileName(m_draft->request.reference, suffix, true));
}

void ExportPage::showNames()
{
    QStringList names;
    const std::shared_ptr<const Release> release = m_draft->release();
    const int tables = release ? int(release->tables.size()) : 1;
    for (const QString &file : plannedFiles())
        for (const QString &path : exportPaths(file, tables))
            names << QFileInfo(path).fileName();
    if (!responsePath().isEmpty())
        names << QFileInfo(responsePath()).fileName();
    m_names->setText(names.isEmpty() ? tr("Choose at least one format.") : names.join(QStringLiteral(", ")));
    m_export->setEnabled(!plannedFiles().isEmpty());
}

bool ExportPage::exportNow()
{
    const std::shared_ptr<const Release> release = m_draft->release();
    auto refuse = [this](const QString &message) {
        m_result->setText(tr("Nothing was written: %1").arg(message));
        // Where the keyboard is, a screen reader reads it: a failed export is never silent.
        m_result->setFocus(Qt::OtherFocusReason);
        return false;
    };
    if (!release)
        return refuse(tr("the release is still being worked out."));
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return refuse(tr("the folder \"%1\" does not exist; choose one that does.").arg(m_folder->text()));
    QStringList existing;
    for (const QString &file : plannedFiles())
        for (const QString &path : exportPaths(file, int(release->tables.size())))
            if (QFileInfo::exists(path))
                existing << QFileInfo(path).fileName();
    if (!responsePath().isEmpty() && QFileInfo::exists(responsePath()))
        existing << QFileInfo(responsePath()).fileName();
    if (!existing.isEmpty() && !m_replace->isChecked())
        return refuse(
            tr("%1 already in the folder. Choose another folder, or tick \"Replace files of the same "
               "name\".")
                .arg(existing.join(QStringLiteral(", "))));

    const WizardContext &c = m_draft->context();
    PublishOptions options;
    options.spreadsheets = plannedFiles();
    options.response = responsePath();
    options.letter = c.letter;
    options.settings = c.settings;
    options.settings.date = c.clock->today();
    options.at = c.clock->nowUtc();
    options.markResponded = m_markResponded->isChecked();
    options.outcome = m_markResponded->isChecked() ? m_outcome->currentData().toString() : QString();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    // The request goes into the register with its release, in one step.
    Result<Published> done = m_draft->publish(*release, options);
    QApplication::restoreOverrideCursor();
    if (!done)
        return refuse(done.error().toString());

    m_written.clear();
    QStringList lines;
    for (const ExportedFile &f : done->spreadsheets) {
        m_written << f.path;
        lines << tr("%1 (SHA-256 %2…)")
                     .arg(QFileInfo(f.path).fileName(), QString::fromLatin1(f.sha256.left(12)));
    }
    if (done->response) {
        m_written << done->response->path;
        lines << tr("%1 (SHA-256 %2…)")
                     .arg(QFileInfo(done->response->path).fileName(),
                          QString::fromLatin1(done->response->sha256.left(12)));
    }
    QString text = tr("Written to %1 and recorded in the register:\n%2")
                       .arg(QDir::toNativeSeparators(folder), lines.join(QLatin1Char('\n')));
    if (done->request && done->request->status == RequestStatus::Responded) {
        text +=
            QLatin1Char('\n') +
            tr("Request %1 is marked responded (%2).").arg(done->request->reference, done->request->outcome);
    }
    m_result->setText(text);
    m_responseText->setPlainText(
        QString(done->responseText).replace(QStringLiteral("\r\n"), QStringLiteral("\n")));
    m_copy->setEnabled(true);
    m_result->setFocus(Qt::OtherFocusReason);
    emit published(folder);
    emit completeChanged();
    return true;
}

bool ExportPage::saveRequestFile(const QString &path)
{
    // The officer's request, as foi-tables-cli reads it (a two-way table the policy separates stays one).
    if (Status s = m_draft->request.save(path); !s) {
        m_result->setText(tr("The request file was not saved: %1").arg(s.error().toString()));
        return false;
    }
    m_result->setText(tr("The request file is saved as %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool ExportPage::isComplete() const
{
    return !m_written.isEmpty();
}

} // namespace foi::ui
