#pragma once

#include "requests/Deadlines.h"
#include "requests/FoiRequest.h"
#include "requests/RequestChange.h"

#include <QDialog>
#include <QVector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace foi::ui {

class DateField;

/// What an officer records on a request after it was logged, in the order a request lives: each is what
/// the command line's `request update` does with one of its options.
enum class RequestAction
{
    SeekClarification,     ///< --clarification-sought: the clock stops
    ClarificationReceived, ///< --clarification-received: the clock starts again from day 0
    Extend,                ///< --extension: a public interest extension
    Respond,               ///< --responded and --outcome
    RequestReview,         ///< --review-requested and --review-days
    CompleteReview,        ///< --review-completed
    Close,                 ///< --status closed (withdrawn, no answer to a clarification, ...)
    EditDetails,           ///< --title, --officer, --notes, --outcome and --status, to correct a mistake
};

const QVector<RequestAction> &allRequestActions();
/// The action as a menu names it, with its mnemonic: "Clarification &sought…".
QString requestActionText(RequestAction action);
/// The action in words, as a title or a sentence names it: "Clarification sought".
QString requestActionName(RequestAction action);
/// Why the action cannot be recorded on the request as it stands ("No clarification is awaited."), or an
/// empty string when it can.
QString requestActionUnavailable(RequestAction action, const FoiRequestRecord &request);

/// A small dialog for one action on one request: the day and what else the action needs, and below them
/// what the change will do (the new status and due day), worked out by core's applyRequestChange() as the
/// officer types. OK is enabled only for a change that can be saved; otherwise the line says what to fix.
/// The dialog saves nothing: its owner saves changed() to the register.
class RequestActionDialog final : public QDialog
{
    Q_OBJECT

public:
    RequestActionDialog(RequestAction action, const FoiRequestRecord &request, const Clock &clock,
                        const WorkingDays &calendar, QWidget *parent = nullptr);

    RequestAction action() const { return m_action; }
    const FoiRequestRecord &request() const { return m_request; }
    /// The change as the dialog's fields stand.
    RequestChange change() const;
    /// The request with the change made, or why it cannot be.
    const Result<FoiRequestRecord> &changed() const { return m_changed; }

    // For tests and accessibility checks: the fields (null when the action has none of that kind).
    DateField *dayEdit() const { return m_day; }
    QSpinBox *daysBox() const { return m_days; }
    QComboBox *outcomeBox() const { return m_outcome; }
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *officerEdit() const { return m_officer; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QLabel *effectLabel() const { return m_effect; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void showEffect();
    QString effectText(const FoiRequestRecord &changed) const;

    RequestAction m_action;
    FoiRequestRecord m_request;
    const Clock &m_clock;
    WorkingDays m_calendar;
    Result<FoiRequestRecord> m_changed;
    DateField *m_day = nullptr;
    QSpinBox *m_days = nullptr;
    QComboBox *m_outcome = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_officer = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLabel *m_effect = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

/// A request's state in a line or two for the main window: received, due (or why not), clarifications,
/// extension, response and outcome, review, notes.
QString requestSummaryText(const FoiRequestRecord &request, const RequestTiming &timing);

} // namespace foi::ui
