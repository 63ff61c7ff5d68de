#include "RequestActionDialog.h"

#include "Plural.h"
#include "widgets/DateField.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

QString day(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("dddd d MMMM yyyy"));
}

QString shortDay(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("d MMMM yyyy"));
}

QString workingDays(qint64 n)
{
    return plural(n, RequestActionDialog::tr("1 working day"), RequestActionDialog::tr("%1 working days"));
}

bool awaiting(const FoiRequestRecord &r)
{
    return !r.clarifications.isEmpty() && !r.clarifications.last().answered.isValid();
}

/// The part of a request a change's error is about, in words, for "Cannot be saved: ...".
QString fieldName(const QString &field)
{
    if (field == kFieldClarificationSought)
        return RequestActionDialog::tr("the day clarification was sought");
    if (field == kFieldClarificationAnswered)
        return RequestActionDialog::tr("the day the clarification arrived");
    if (field == kFieldExtension)
        return RequestActionDialog::tr("the extension");
    if (field == QLatin1String("responded"))
        return RequestActionDialog::tr("the day the response was sent");
    if (field == QLatin1String("review requested"))
        return RequestActionDialog::tr("the day the review was asked for");
    if (field == QLatin1String("review completed"))
        return RequestActionDialog::tr("the day the review was completed");
    if (field == kFieldReviewDays)
        return RequestActionDialog::tr("the review's working days");
    return field;
}

} // namespace

const QVector<RequestAction> &allRequestActions()
{
    static const QVector<RequestAction> actions{
        RequestAction::SeekClarification,
        RequestAction::ClarificationReceived,
        RequestAction::Extend,
        RequestAction::Respond,
        RequestAction::RequestReview,
        RequestAction::CompleteReview,
        RequestAction::Close,
        RequestAction::EditDetails,
    };
    return actions;
}

QString requestActionText(RequestAction action)
{
    switch (action) {
    case RequestAction::SeekClarification:
        return RequestActionDialog::tr("Clarification &sought…");
    case RequestAction::ClarificationReceived:
        return RequestActionDialog::tr("Clarification &received…");
    case RequestAction::Extend:
        return RequestActionDialog::tr("Public interest &extension…");
    case RequestAction::Respond:
        return RequestActionDialog::tr("Response se&nt…");
    case RequestAction::RequestReview:
        return RequestActionDialog::tr("Internal re&view asked for…");
    case RequestAction::CompleteReview:
        return RequestActionDialog::tr("Internal review &completed…");
    case RequestAction::Close:
        return RequestActionDialog::tr("C&lose without a response…");
    case RequestAction::EditDetails:
        return RequestActionDialog::tr("Edit &details…");
    }
    return QString();
}

QString requestActionName(RequestAction action)
{
    return requestActionText(action).remove(QLatin1Char('&')).remove(QChar(0x2026));
}

QString requestActionUnavailable(RequestAction action, const FoiRequestRecord &r)
{
    const bool open = r.status == RequestStatus::Received || r.status == RequestStatus::InProgress ||
                      r.status == RequestStatus::PublicInterestExtension;
    switch (action) {
    case RequestAction::SeekClarification:
        if (awaiting(r))
            return RequestActionDialog::tr("A clarification is awaited: record its answer first.");
        return open ? QString()
                    : RequestActionDialog::tr("Only a request still being answered can be clarified.");
    case RequestAction::ClarificationReceived:
        return awaiting(r) && r.status == RequestStatus::ClarificationSought
                   ? QString()
                   : RequestActionDialog::tr("No clarification is awaited.");
    case RequestAction::Extend:
    case RequestAction::Respond:
        if (r.status == RequestStatus::ClarificationSought)
            return RequestActionDialog::tr("A clarification is awaited: record its answer first.");
        return open ? QString() : RequestActionDialog::tr("The request has been answered.");
    case RequestAction::RequestReview:
        if (r.reviewRequested.isValid())
            return RequestActionDialog::tr("An internal review was asked for on %1.")
                .arg(shortDay(r.reviewRequested));
        return r.responded.isValid()
                   ? QString()
                   : RequestActionDialog::tr("A review follows a response: record the response first.");
    case RequestAction::CompleteReview:
        return r.status == RequestStatus::InternalReview
                   ? QString()
                   : RequestActionDialog::tr("No internal review is under way.");
    case RequestAction::Close:
        return r.status == RequestStatus::Closed ? RequestActionDialog::tr("The request is closed.")
                                                 : QString();
    case RequestAction::EditDetails:
        return QString();
    }
    return QString();
}

RequestActionDialog::RequestActionDialog(RequestAction action, const FoiRequestRecord &request,
                                         const Clock &clock, const WorkingDays &calendar, QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_request(request)
    , m_clock(clock)
    , m_calendar(calendar)
    , m_changed(Error(QString()))
{
    setWindowTitle(tr("%1 — request %2").arg(requestActionName(action), request.reference));

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    const QDate today = clock.today();

    auto addDay = [&](const QString &label, const QString &name, const QDate &earliest, const QDate &held) {
        m_day = new DateField(this);
        m_day->setFieldName(name);
        m_day->setDisplayFormat(QStringLiteral("d MMMM yyyy"));
        m_day->setMinimumDate(earliest.isValid() ? earliest : request.received);
        // Things are recorded when they have happened: never a day after today.
        m_day->setMaximumDate(std::max(today, m_day->minimumDate()));
        m_day->setDate(held.isValid() ? held : today);
        form->addRow(label, m_day);
    };
    auto addOutcome = [&](const QString &label, bool allowNone) {
        m_outcome = new QComboBox(this);
        m_outcome->setAccessibleName(tr("Outcome"));
        if (allowNone)
            m_outcome->addItem(tr("No outcome recorded"), QString());
        for (const QString &o : requestOutcomes())
            m_outcome->addItem(o, o);
        m_outcome->setCurrentIndex(request.outcome.isEmpty() ? (allowNone ? 0 : -1)
                                                             : m_outcome->findData(request.outcome));
        if (!allowNone)
            m_outcome->setPlaceholderText(tr("Choose how it was answered"));
        form->addRow(label, m_outcome);
    };
    auto addNotes = [&] {
        m_notes = new QPlainTextEdit(this);
        m_notes->setAccessibleName(tr("Notes"));
        m_notes->setTabChangesFocus(true);
        m_notes->setPlainText(request.notes);
        m_notes->setPlaceholderText(tr("Anything a colleague picking this up should know. Nothing about the "
                                       "requester or the people in the records."));
        form->addRow(tr("&Notes:"), m_notes);
    };

    switch (action) {
    case RequestAction::SeekClarification:
        intro->setText(
            tr("Record the day you asked the requester to clarify the request. The 20 working days "
               "stop on that day and start again from day 0 when the answer arrives (section 1(3) "
               "of the Act)."));
        addDay(tr("Day &sought:"), tr("Day clarification was sought"),
               request.clarifications.isEmpty() ? request.received : request.clarifications.last().answered,
               QDate());
        break;
    case RequestAction::ClarificationReceived:
        intro->setText(tr("Record the day the requester's answer arrived. The 20 working days start again "
                          "from day 0 on that day."));
        addDay(tr("Day it &arrived:"), tr("Day the clarification arrived"),
               request.clarifications.isEmpty() ? request.received : request.clarifications.last().sought,
               QDate());
        break;
    case RequestAction::Extend:
        intro->setText(
            tr("A public interest extension gives time to weigh the public interest in a qualified "
               "exemption (section 10(3)). The ICO expects no more than 20 further working days. "
               "Tell the requester before the request is due."));
        m_days = new QSpinBox(this);
        m_days->setAccessibleName(tr("Further working days"));
        m_days->setRange(1, kMaxExtensionDays);
        m_days->setValue(request.extensionDays > 0 ? request.extensionDays : kMaxExtensionDays);
        form->addRow(tr("&Further working days:"), m_days);
        break;
    case RequestAction::Respond:
        intro->setText(tr("Record the day the response was sent and how the request was answered. The "
                          "disclosure log lists both."));
        addDay(tr("Day &sent:"), tr("Day the response was sent"),
               request.clarifications.isEmpty() ? request.received : request.clarifications.last().answered,
               request.responded);
        addOutcome(tr("&Outcome:"), false);
        break;
    case RequestAction::RequestReview:
        intro->setText(
            tr("The requester asked for the response to be reviewed. The ICO expects a review within "
               "20 working days, and no more than 40 where it is complex."));
        addDay(tr("Day &asked for:"), tr("Day the review was asked for"), request.responded, QDate());
        m_days = new QSpinBox(this);
        m_days->setAccessibleName(tr("Working days for the review"));
        m_days->setRange(kReviewWorkingDays, kMaxReviewWorkingDays);
        m_days->setValue(request.reviewDays);
        form->addRow(tr("&Working days for the review:"), m_days);
        break;
    case RequestAction::CompleteReview:
        intro->setText(tr("Record the day the review was completed, and the outcome it left. The request is "
                          "then closed."));
        addDay(tr("Day &completed:"), tr("Day the review was completed"), request.reviewRequested, QDate());
        addOutcome(tr("&Outcome after the review:"), false);
        break;
    case RequestAction::Close:
        intro->setText(tr("Close a request that will have no response: withdrawn, or no answer to a "
                          "clarification. It leaves the open lists."));
        addOutcome(tr("&Outcome:"), true);
        if (request.outcome.isEmpty())
            m_outcome->setCurrentIndex(m_outcome->findData(QStringLiteral("Withdrawn")));
        addNotes();
        break;
    case RequestAction::EditDetails:
        intro->setText(tr("Correct what the register holds about the request. Each change is kept in its "
                          "history."));
        m_title = new QLineEdit(request.title, this);
        m_title->setAccessibleName(tr("Title"));
        form->addRow(tr("&Title:"), m_title);
        m_officer = new QLineEdit(request.officer, this);
        m_officer->setAccessibleName(tr("Officer"));
        form->addRow(tr("O&fficer:"), m_officer);
        m_status = new QComboBox(this);
        m_status->setAccessibleName(tr("Status"));
        for (RequestStatus s : allRequestStatuses())
            m_status->addItem(requestStatusName(s), int(s));
        m_status->setCurrentIndex(m_status->findData(int(request.status)));
        form->addRow(tr("&Status:"), m_status);
        addOutcome(tr("&Outcome:"), true);
        addNotes();
        break;
    }

    m_effect = new QLabel(this);
    m_effect->setWordWrap(true);
    m_effect->setAccessibleDescription(tr("What this records"));
    m_effect->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Record"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_changed)
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_effect);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    if (m_day)
        connect(m_day, &DateField::edited, this, &RequestActionDialog::showEffect);
    if (m_days)
        connect(m_days, qOverload<int>(&QSpinBox::valueChanged), this, &RequestActionDialog::showEffect);
    if (m_outcome)
        connect(m_outcome, qOverload<int>(&QComboBox::currentIndexChanged), this,
                &RequestActionDialog::showEffect);
    if (m_status)
        connect(m_status, qOverload<int>(&QComboBox::currentIndexChanged), this,
                &RequestActionDialog::showEffect);
    if (m_title)
        connect(m_title, &QLineEdit::textChanged, this, &RequestActionDialog::showEffect);
    if (m_officer)
        connect(m_officer, &QLineEdit::textChanged, this, &RequestActionDialog::showEffect);
    if (m_notes)
        connect(m_notes, &QPlainTextEdit::textChanged, this, &RequestActionDialog::showEffect);
    showEffect();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

RequestChange RequestActionDialog::change() const
{
    RequestChange c;
    const QDate d = m_day ? m_day->date() : QDate();
    const std::optional<QString> outcome = m_outcome && m_outcome->currentIndex() >= 0
                                               ? std::optional<QString>(m_outcome->currentData().toString())
                                               : std::nullopt;
    switch (m_action) {
    case RequestAction::SeekClarification:
        c.clarificationSought = d;
        break;
    case RequestAction::ClarificationReceived:
        c.clarificationReceived = d;
        break;
    case RequestAction::Extend:
        c.extensionDays = m_days->value();
        break;
    case RequestAction::Respond:
        c.responded = d;
        c.outcome = outcome;
        break;
    case RequestAction::RequestReview:
        c.reviewRequested = d;
        c.reviewDays = m_days->value();
        break;
    case RequestAction::CompleteReview:
        c.reviewCompleted = d;
        c.outcome = outcome;
        break;
    case RequestAction::Close:
        c.status = RequestStatus::Closed;
        c.outcome = outcome;
        c.notes = m_notes->toPlainText();
        break;
    case RequestAction::EditDetails:
        c.title = m_title->text();
        c.officer = m_officer->text();
        c.status = RequestStatus(m_status->currentData().toInt());
        c.outcome = outcome;
        c.notes = m_notes->toPlainText();
        break;
    }
    return c;
}

void RequestActionDialog::showEffect()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    const auto refuse = [&](const QString &why) {
        m_changed = Error(why);
        m_effect->setText(why);
        ok->setEnabled(false);
    };
    if (m_day && !m_day->date().isValid())
        return refuse(m_day->problem());
    if (m_outcome && m_outcome->currentIndex() < 0)
        return refuse(tr("Choose the outcome: the disclosure log lists it."));
    Result<FoiRequestRecord> changed = applyRequestChange(m_request, change(), m_calendar);
    if (!changed) {
        const QString part = fieldName(changed.error().field);
        return refuse(part.isEmpty() || part == changed.error().field
                          ? tr("Cannot be recorded: %1.").arg(changed.error().message)
                          : tr("Cannot be recorded: %1 — %2.").arg(part, changed.error().message));
    }
    if (*changed == m_request)
        return refuse(tr("Nothing is changed yet."));
    m_changed = std::move(changed);
    m_effect->setText(effectText(*m_changed));
    ok->setEnabled(true);
}

QString RequestActionDialog::effectText(const FoiRequestRecord &changed) const
{
    const RequestTiming t = requestTiming(changed, m_clock, m_calendar);
    QString text = tr("The request will be: %1.").arg(requestStatusName(changed.status));
    QString more;
    if (changed.status == RequestStatus::Closed) {
        more = tr("It leaves the open lists.");
    } else if (t.clockStopped) {
        more = tr("The clock stops until the requester answers.");
    } else if (changed.status == RequestStatus::InternalReview && t.reviewDue.isValid()) {
        more = tr("The review is due on %1.").arg(day(t.reviewDue));
    } else if (changed.status == RequestStatus::Responded && t.workingDaysTaken) {
        more = t.late ? tr("Answered late, in %1: it was due on %2.")
                            .arg(workingDays(*t.workingDaysTaken), day(t.due))
                      : tr("Answered in %1, on time.").arg(workingDays(*t.workingDaysTaken));
    } else if (!t.problem.isEmpty()) {
        more = tr("Its due day cannot be counted: %1").arg(t.problem);
    } else if (t.due.isValid()) {
        more = tr("It is due on %1.").arg(day(t.due));
        if (t.workingDaysLeft && *t.workingDaysLeft < 0)
            more += QLatin1Char(' ') + tr("It is overdue by %1.").arg(workingDays(-*t.workingDaysLeft));
        else if (t.workingDaysLeft)
            more += QLatin1Char(' ') + tr("%1 left.").arg(workingDays(*t.workingDaysLeft));
    }
    return more.isEmpty() ? text : text + QLatin1Char(' ') + more;
}

QString requestSummaryText(const FoiRequestRecord &r, const RequestTiming &t)
{
    QStringList parts;
    parts << RequestActionDialog::tr("Received %1.").arg(shortDay(r.received));
    for (qsizetype i = 0; i < r.clarifications.size(); ++i) {
        const Clarification &c = r.clarifications[i];
        parts << (c.answered.isValid()
                      ? RequestActionDialog::tr("Clarification sought %1, answered %2.")
                            .arg(shortDay(c.sought), shortDay(c.answered))
                      : RequestActionDialog::tr("Clarification sought %1, awaited.").arg(shortDay(c.sought)));
    }
    if (r.extensionDays > 0)
        parts
            << RequestActionDialog::tr("Public interest extension of %1.").arg(workingDays(r.extensionDays));
    if (t.due.isValid())
        parts << RequestActionDialog::tr("Due %1.").arg(shortDay(t.due));
    else if (!t.problem.isEmpty() && isOpenStatus(r.status))
        parts << RequestActionDialog::tr("The due day cannot be counted: %1").arg(t.problem);
    if (r.responded.isValid())
        parts << (r.outcome.isEmpty() ? RequestActionDialog::tr("Responded %1.").arg(shortDay(r.responded))
                                      : RequestActionDialog::tr("Responded %1: %2.")
                                            .arg(shortDay(r.responded), r.outcome.toLower()));
    else if (!r.outcome.isEmpty())
        parts << RequestActionDialog::tr("Outcome: %1.").arg(r.outcome.toLower());
    if (r.reviewRequested.isValid())
        parts << (r.reviewCompleted.isValid()
                      ? RequestActionDialog::tr("Internal review asked for %1, completed %2.")
                            .arg(shortDay(r.reviewRequested), shortDay(r.reviewCompleted))
                      : RequestActionDialog::tr("Internal review asked for %1, due %2.")
                            .arg(shortDay(r.reviewRequested),
                                 t.reviewDue.isValid() ? shortDay(t.reviewDue)
                                                       : RequestActionDialog::tr("(not counted)")));
    QString text = parts.join(QLatin1Char(' '));
    if (!r.notes.trimmed().isEmpty())
        text += QLatin1Char('\n') + RequestActionDialog::tr("Notes: %1").arg(r.notes.trimmed());
    return text;
}

} // namespace foi::ui
