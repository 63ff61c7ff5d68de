#include "DisclosureLogDialog.h"

#include "Plural.h"
#include "requests/RequestLists.h"
#include "widgets/DateField.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace foi::ui {

DisclosureLogDialog::DisclosureLogDialog(const QVector<FoiRequestRecord> &requests, const QString &suggested,
                                         std::function<QString(const QString &)> chooseFile, QWidget *parent)
    : QDialog(parent)
    , m_requests(requests)
    , m_chooseFile(std::move(chooseFile))
{
    setWindowTitle(tr("Write the disclosure log"));
    auto *intro =
        new QLabel(tr("The disclosure log lists each request responded to: its reference, the days it "
                      "was received and answered, its title, the outcome and the files released. "
                      "It is a CSV file to publish; nothing about the requesters is in it."),
                   this);
    intro->setWordWrap(true);

    QDate first, last;
    for (const FoiRequestRecord &r : requests) {
        if (!r.responded.isValid())
            continue;
        first = first.isValid() ? std::min(first, r.responded) : r.responded;
        last = last.isValid() ? std::max(last, r.responded) : r.responded;
    }
    if (!first.isValid())
        first = last = QDate::currentDate();
    m_span = new QCheckBox(tr("Only requests responded to &between"), this);
    m_span->setAccessibleName(tr("Only requests responded to between two days"));
    m_from = new DateField(first, this);
    m_from->setFieldName(tr("First day"));
    m_to = new DateField(last, this);
    m_to->setFieldName(tr("Last day"));
    for (DateField *e : {m_from, m_to})
        e->setEnabled(false);
    auto *span = new QHBoxLayout;
    span->addWidget(m_span);
    span->addWidget(m_from);
    span->addWidget(new QLabel(tr("and"), this));
    span->addWidget(m_to);
    span->addStretch(1);

    m_path = new QLineEdit(QDir::toNativeSeparators(suggested), this);
    m_path->setAccessibleName(tr("File"));
    m_browse = new QPushButton(tr("B&rowse…"), this);
    auto *file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), file);
    qobject_cast<QLabel *>(form->labelForField(file))->setBuddy(m_path);

    m_count = new QLabel(this);
    m_count->setAccessibleDescription(tr("How many requests the log will list"));
    m_count->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(span);
    layout->addLayout(form);
    layout->addWidget(m_count);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_span, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        showCount();
    });
    connect(m_from, &DateField::edited, this, &DisclosureLogDialog::showCount);
    connect(m_to, &DateField::edited, this, &DisclosureLogDialog::showCount);
    connect(m_path, &QLineEdit::textChanged, this, &DisclosureLogDialog::showCount);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString chosen = m_chooseFile ? m_chooseFile(path()) : QString();
        if (!chosen.isEmpty())
            m_path->setText(QDir::toNativeSeparators(chosen));
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showCount();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

QString DisclosureLogDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

QDate DisclosureLogDialog::from() const
{
    return m_span->isChecked() ? m_from->date() : QDate();
}

QDate DisclosureLogDialog::to() const
{
    return m_span->isChecked() ? m_to->date() : QDate();
}

qsizetype DisclosureLogDialog::listed() const
{
    const QDate f = from(), t = to();
    return std::count_if(m_requests.begin(), m_requests.end(),
                         [&](const FoiRequestRecord &r) { return inDisclosureLog(r, f, t); });
}

void DisclosureLogDialog::showCount()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    for (DateField *day : {m_from, m_to}) {
        if (m_span->isChecked() && !day->hasAcceptableInput()) {
            m_count->setText(day->problem());
            ok->setEnabled(false);
            return;
        }
    }
    if (from().isValid() && to() < from()) {
        m_count->setText(tr("The last day is before the first: change one of them."));
        ok->setEnabled(false);
        return;
    }
    if (path().isEmpty()) {
        m_count->setText(tr("Choose the file to write."));
        ok->setEnabled(false);
        return;
    }
    const qsizetype n = listed();
    QString text = tr("It will list %1.").arg(plural(n, tr("1 request"), tr("%1 requests")));
    if (QFileInfo::exists(path()))
        text += QLatin1Char(' ') + tr("The file already exists and will be replaced.");
    m_count->setText(text);
    ok->setEnabled(true);
}

} // namespace foi::ui
