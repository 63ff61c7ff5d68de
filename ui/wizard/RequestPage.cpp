#include "wizard/RequestPage.h"

#include "Plural.h"
#include "widgets/DateField.h"
#include "wizard/RequestDraft.h"
#include "wizard/RequestStore.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>

namespace foi::ui {

RequestPage::RequestPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setTitle(tr("The request"));
    setSubTitle(tr("Enter the request as it arrived. The requester's name and address do not belong here: "
                   "only their words."));

    m_reference = new QLineEdit(this);
    m_reference->setAccessibleName(tr("Reference"));
    m_reference->setPlaceholderText(tr("Your unit's reference, e.g. 20180207"));
    m_received = new DateField(this);
    m_received->setFieldName(tr("Received"));
    m_received->setDisplayFormat(QStringLiteral("d MMMM yyyy"));
    m_due = new QLabel(this);
    // Its name is its text, so that a screen reader reads the due day itself.
    m_due->setAccessibleDescription(tr("The day the response is due"));
    m_due->setWordWrap(true);
    m_due->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_title = new QLineEdit(this);
    m_title->setAccessibleName(tr("Title"));
    m_title->setPlaceholderText(tr("A short title for the list of requests"));
    m_words = new QPlainTextEdit(this);
    m_words->setAccessibleName(tr("The requester's words"));
    m_words->setPlaceholderText(tr("Paste the request here, as the requester wrote it"));
    m_words->setTabChangesFocus(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setAccessibleDescription(tr("Why the request cannot be taken further yet"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("Re&ceived:"), m_received);
    form->addRow(tr("Due:"), m_due);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("The requester's &words:"), m_words);
    form->addRow(m_error);

    registerField(QStringLiteral("reference*"), m_reference);
    registerField(QStringLiteral("title*"), m_title);
    connect(m_received, &DateField::edited, this, [this] {
        showDue();
        emit completeChanged();
    });
    connect(m_words, &QPlainTextEdit::textChanged, this, &RequestPage::completeChanged);
}

void RequestPage::initializePage()
{
    const FoiRequestRecord &r = m_draft->record;
    m_reference->setText(r.reference);
    // A stored request keeps its reference: the register, releases and audit trail know it by that.
    m_reference->setReadOnly(r.version > 0);
    m_received->setMaximumDate(m_draft->context().clock->today());
    m_received->setDate(r.received.isValid() ? r.received : m_draft->context().clock->today());
    m_title->setText(r.title);
    m_words->setPlainText(r.requesterWords);
    showDue();
}

void RequestPage::showDue()
{
    const WizardContext &c = m_draft->context();
    if (!m_received->date().isValid()) {
        m_due->setText(m_received->problem());
        return;
    }
    Result<Deadline> deadline = requestDeadline(m_received->date(), m_draft->record.clarifications,
                                                m_draft->record.extensionDays, c.calendar);
    if (!deadline) {
        m_due->setText(deadline.error().message);
        return;
    }
    QString text = tr("%1, %2 working days after it was received.")
                       .arg(QLocale().toString(deadline->due, QStringLiteral("dddd d MMMM yyyy")))
                       .arg(deadline->workingDays);
    Result<int> left = workingDaysLeft(deadline->due, *c.clock, c.calendar);
    if (left && *left < 0)
        text += QLatin1Char(' ') +
                tr("It is overdue by %1.").arg(plural(-*left, tr("1 working day"), tr("%1 working days")));
    else if (left)
        text += QLatin1Char(' ') + plural(*left, tr("1 working day left."), tr("%1 working days left."));
    m_due->setText(text);
}

bool RequestPage::isComplete() const
{
    return !m_reference->text().trimmed().isEmpty() && m_received->date().isValid() &&
           !m_title->text().trimmed().isEmpty() && !m_words->toPlainText().trimmed().isEmpty();
}

bool RequestPage::validatePage()
{
    FoiRequestRecord r = m_draft->record;
    r.reference = m_reference->text().trimmed();
    r.received = m_received->date();
    r.title = m_title->text().trimmed();
    r.requesterWords = m_words->toPlainText().trimmed();
    auto refuse = [this](const QString &message) {
        m_error->setText(message);
        m_error->setVisible(true);
        return false;
    };
    if (Status s = r.validate(); !s)
        return refuse(s.error().message);
    if (r.version == 0 && m_draft->context().store) {
        Result<std::optional<FoiRequestRecord>> existing = m_draft->context().store->findRequest(r.reference);
        if (!existing)
            return refuse(existing.error().toString());
        if (*existing)
            return refuse(tr("The register already holds a request %1 (\"%2\"). Give this one its own "
                             "reference, or open %1 from the list of requests.")
                              .arg(r.reference, (*existing)->title));
    }
    m_draft->record = r;
    m_draft->request.reference = r.reference;
    m_draft->request.received = r.received;
    m_draft->request.title = r.title;
    m_draft->request.requestText = r.requesterWords;
    // Nothing is stored yet: the request goes into the register with its release, at Finish, or when the
    // officer leaves and says to keep it.
    m_draft->setEntered();
    m_error->setVisible(false);
    m_draft->markChanged();
    return true;
}

} // namespace foi::ui
