#pragma once

#include "workflow/DeskSettings.h"

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace foi::ui {

/// The desk's settings, as the window edits them: the command line reads the same (DeskSettings).
using Preferences = DeskSettings;

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
