#include "register/MinimumThresholdDialog.h"

#include "count/Request.h"
#include "register/Register.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace foi::ui {

MinimumThresholdDialog::MinimumThresholdDialog(Register &reg, QString officer, QWidget *parent)
    : QDialog(parent)
    , m_register(reg)
    , m_officer(std::move(officer))
{
    setWindowTitle(tr("Minimum threshold"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("No release with a threshold below this minimum passes its audit, whatever its reason, for "
           "everyone who uses this register. A threshold below %1 also needs a reason on the request.")
            .arg(ProtectionPolicy::kUsualThreshold),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_threshold = new QSpinBox(this);
    m_threshold->setRange(0, 100);
    m_threshold->setFocusPolicy(Qt::StrongFocus);
    m_threshold->setAccessibleName(tr("Minimum threshold"));
    form->addRow(tr("&Minimum threshold:"), m_threshold);
    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Why the minimum changes"));
    m_reason->setPlaceholderText(tr("Kept in the audit trail"));
    form->addRow(tr("&Why it changes:"), m_reason);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MinimumThresholdDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &MinimumThresholdDialog::reject);

    Result<int> minimum = m_register.minimumThreshold();
    if (minimum) {
        m_before = *minimum;
        m_threshold->setValue(*minimum);
    } else {
        m_problem->setText(minimum.error().toString());
        m_problem->show();
    }
    connect(m_threshold, qOverload<int>(&QSpinBox::valueChanged), this,
            &MinimumThresholdDialog::updateButtons);
    connect(m_reason, &QLineEdit::textChanged, this, &MinimumThresholdDialog::updateButtons);
    updateButtons();
}

void MinimumThresholdDialog::updateButtons()
{
    // Unchanged, nothing to store; changed, only with a reason.
    const bool changedValue = m_threshold->value() != m_before;
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!changedValue || !m_reason->text().trimmed().isEmpty());
}

void MinimumThresholdDialog::accept()
{
    if (m_threshold->value() == m_before) {
        QDialog::accept();
        return;
    }
    if (Status s = m_register.setMinimumThreshold(m_threshold->value(), m_reason->text(), m_officer); !s) {
        m_problem->setText(s.error().toString());
        m_problem->show();
        return;
    }
    emit changed(m_threshold->value());
    QDialog::accept();
}

} // namespace foi::ui
