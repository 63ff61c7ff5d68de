#pragma once

#include "count/Request.h"

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace foi::ui {

/// The desk's settings, kept with QSettings under the application's reverse-DNS id. The command line
/// reads the same keys (release/organisation, release/contact, release/letterTemplate, officer/name).
struct Preferences
{
    QString officer;         ///< officer/name: empty means the computer account
    QString organisation;    ///< release/organisation
    QString contact;         ///< release/contact
    QString letterTemplate;  ///< release/letterTemplate: empty means the built-in letter
    QString exportFolder;    ///< release/folder: the folder a new request's files go to first
    QString lastFolder;      ///< release/lastFolder: the folder the last files went to (offered first)
    QString registerPath;    ///< register/location: empty means the demo register
    ProtectionPolicy policy; ///< policy/*: the protection a new request starts from

    static Preferences load();
    void save() const;
};

/// Edits the Preferences: who the officer is, the force's name and contact for the files, the letter
/// template, the folder for the files, the protection a new request starts from, and the register opened
/// at start.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const Preferences &preferences, QWidget *parent = nullptr);

    Preferences preferences() const;
    QLineEdit *organisationEdit() const { return m_organisation; }
    QLineEdit *contactEdit() const { return m_contact; }
    QLineEdit *officerEdit() const { return m_officer; }
    QSpinBox *thresholdBox() const { return m_threshold; }
    QLineEdit *letterTemplateEdit() const { return m_letter; }
    QLineEdit *registerEdit() const { return m_register; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    Preferences m_start;
    QLineEdit *m_officer;
    QLineEdit *m_organisation;
    QLineEdit *m_contact;
    QLineEdit *m_letter;
    QLineEdit *m_folder;
    QLineEdit *m_register;
    QSpinBox *m_threshold;
    QCheckBox *m_secondary;
    QCheckBox *m_separate;
    QComboBox *m_round;
    QLabel *m_error;
};

} // namespace foi::ui
