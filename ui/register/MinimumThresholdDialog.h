#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace foi {
class Register;
}

namespace foi::ui {

/// File > Minimum threshold: the force's floor under the threshold, kept in the register for everyone who
/// uses it. A change needs a reason, which goes into the audit trail with the officer's name.
class MinimumThresholdDialog : public QDialog
{
    Q_OBJECT

public:
    MinimumThresholdDialog(Register &reg, QString officer, QWidget *parent = nullptr);

    QSpinBox *thresholdBox() const { return m_threshold; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QLabel *problemLabel() const { return m_problem; }

    void accept() override;

signals:
    /// The minimum was changed and stored.
    void changed(int minimum);

private:
    void updateButtons();

    Register &m_register;
    QString m_officer;
    int m_before = 0;
    QSpinBox *m_threshold;
    QLineEdit *m_reason;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace foi::ui
