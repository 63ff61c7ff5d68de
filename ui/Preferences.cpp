#include "Preferences.h"

#include "export/ResponseText.h"
#include "register/OpenRegisterDialog.h"
#include "register/Register.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace foi::ui {

PreferencesDialog::PreferencesDialog(const Preferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_start(preferences)
{
    setWindowTitle(tr("Preferences — FOI Tables"));

    auto *you = new QGroupBox(tr("You and your force"), this);
    auto *youForm = new QFormLayout(you);
    m_officer = new QLineEdit(preferences.officer, you);
    m_officer->setPlaceholderText(tr("The computer account's name"));
    m_officer->setToolTip(tr("Kept with the requests and releases you record; never written into a file"));
    m_organisation = new QLineEdit(preferences.organisation, you);
    m_organisation->setPlaceholderText(tr("e.g. Example Constabulary"));
    m_contact = new QLineEdit(preferences.contact, you);
    m_contact->setPlaceholderText(tr("e.g. Freedom of Information Unit, foi@example.police.uk"));
    youForm->addRow(tr("Your &name:"), m_officer);
    youForm->addRow(tr("&Organisation:"), m_organisation);
    youForm->addRow(tr("&Contact:"), m_contact);

    auto *files = new QGroupBox(tr("Files"), this);
    auto *filesForm = new QFormLayout(files);
    auto pathRow = [this, files](QLineEdit *edit, const QString &name, bool folder) {
        edit->setAccessibleName(name);
        auto *browse = new QPushButton(tr("Browse…"), files);
        browse->setAccessibleName(tr("Choose: %1").arg(name));
        connect(browse, &QPushButton::clicked, this, [this, edit, folder] {
            const QString path = folder ? QFileDialog::getExistingDirectory(this, QString(), edit->text())
                                        : QFileDialog::getOpenFileName(this, QString(), edit->text());
            if (!path.isEmpty())
                edit->setText(path);
        });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browse);
        return row;
    };
    m_letter = new QLineEdit(preferences.letterTemplate, files);
    m_letter->setPlaceholderText(tr("The built-in letter"));
    m_folder = new QLineEdit(preferences.exportFolder, files);
    m_folder->setPlaceholderText(tr("Documents"));
    m_register = new QLineEdit(preferences.registerPath, files);
    m_register->setPlaceholderText(tr("The demo register (made-up data)"));
    auto *letterLabel = new QLabel(tr("&Letter template:"), files);
    letterLabel->setBuddy(m_letter);
    auto *folderLabel = new QLabel(tr("&Folder for the files:"), files);
    folderLabel->setBuddy(m_folder);
    auto *registerLabel = new QLabel(tr("&Register at start:"), files);
    registerLabel->setBuddy(m_register);
    filesForm->addRow(letterLabel, pathRow(m_letter, tr("Letter template"), false));
    filesForm->addRow(folderLabel, pathRow(m_folder, tr("Folder for the files"), true));
    m_register->setAccessibleName(tr("Register at start"));
    m_register->setToolTip(tr("A register file, or a team register's address "
                              "(postgresql://user@server:port/database); empty for the demo register"));
    auto *chooseRegister = new QPushButton(tr("Choose…"), files);
    chooseRegister->setAccessibleName(tr("Choose: Register at start"));
    connect(chooseRegister, &QPushButton::clicked, this, [this] {
        OpenRegisterDialog dialog(
            m_register->text().trimmed(),
            [this](const QString &current) {
                return QFileDialog::getOpenFileName(
                    this, tr("Register at start"), current,
                    tr("FOI Tables registers (*.sqlite *.db);;All files (*)"));
            },
            this);
        dialog.atStartBox()->setChecked(true);
        dialog.atStartBox()->setVisible(false);
        if (dialog.exec() == QDialog::Accepted)
            m_register->setText(dialog.location());
    });
    auto *registerRow = new QHBoxLayout;
    registerRow->addWidget(m_register, 1);
    registerRow->addWidget(chooseRegister);
    filesForm->addRow(registerLabel, registerRow);

    auto *policy = new QGroupBox(tr("A new request starts with"), this);
    auto *policyForm = new QFormLayout(policy);
    m_threshold = new QSpinBox(policy);
    m_threshold->setRange(0, 50);
    m_threshold->setSpecialValueText(tr("No threshold"));
    m_threshold->setValue(preferences.policy.threshold);
    m_secondary = new QCheckBox(tr("&Complementary suppression"), policy);
    m_secondary->setChecked(preferences.policy.secondary);
    m_separate = new QCheckBox(tr("&Separate one-way tables"), policy);
    m_separate->setChecked(preferences.policy.separateTables);
    m_round = new QComboBox(policy);
    m_round->addItem(tr("Exact counts"), 0);
    m_round->addItem(tr("Round to the nearest 5"), 5);
    m_round->addItem(tr("Round to the nearest 10"), 10);
    m_round->setCurrentIndex(std::max(0, m_round->findData(preferences.policy.round.value_or(0))));
    policyForm->addRow(tr("&Withhold counts below:"), m_threshold);
    policyForm->addRow(m_secondary);
    policyForm->addRow(m_separate);
    policyForm->addRow(tr("R&ounding:"), m_round);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(you);
    layout->addWidget(files);
    layout->addWidget(policy);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p = m_start;
    p.officer = m_officer->text().trimmed();
    p.organisation = m_organisation->text().trimmed();
    p.contact = m_contact->text().trimmed();
    p.letterTemplate = m_letter->text().trimmed();
    p.exportFolder = m_folder->text().trimmed();
    p.registerPath = m_register->text().trimmed();
    p.policy.threshold = m_threshold->value();
    p.policy.secondary = m_secondary->isChecked();
    p.policy.separateTables = m_separate->isChecked();
    const int round = m_round->currentData().toInt();
    p.policy.round = round > 0 ? std::optional<int>(round) : std::nullopt;
    return p;
}

void PreferencesDialog::accept()
{
    // A letter template is checked now, not when a release is due.
    const QString letter = m_letter->text().trimmed();
    if (!letter.isEmpty()) {
        Result<LetterTemplate> loaded = LetterTemplate::load(letter);
        if (!loaded) {
            m_error->setText(tr("The letter template cannot be used: %1").arg(loaded.error().toString()));
            m_error->setVisible(true);
            m_letter->setFocus();
            return;
        }
    }
    // The register to open at start: a file that exists, or a team register's address that can be tried.
    const QString location = m_register->text().trimmed();
    if (!location.isEmpty()) {
        const Status checked =
            Register::isServerLocation(location)
                ? Register::checkServerAddress(location)
                : (QFileInfo(location).isFile()
                       ? Status()
                       : Status(Error(tr("there is no file %1").arg(QDir::toNativeSeparators(location)))));
        if (!checked) {
            m_error->setText(tr("The register at start cannot be used: %1").arg(checked.error().message));
            m_error->setVisible(true);
            m_register->setFocus();
            return;
        }
    }
    QDialog::accept();
}

} // namespace foi::ui
