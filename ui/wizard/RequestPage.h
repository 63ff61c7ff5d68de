#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace foi::ui {

class DateField;
class RequestDraft;

/// Page 1: the request as it arrived: the unit's reference, the day it was received (the due day shows at
/// once, in working days under s.10), a short title and the requester's words, pasted in. Nothing is stored
/// from this page: the wizard hands the request to the register when it is exported, finished or kept.
class RequestPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit RequestPage(RequestDraft *draft, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QLineEdit *referenceEdit() const { return m_reference; }
    DateField *receivedEdit() const { return m_received; }
    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *wordsEdit() const { return m_words; }
    QLabel *dueLabel() const { return m_due; }
    QLabel *errorLabel() const { return m_error; }

private:
    void showDue();

    RequestDraft *m_draft;
    QLineEdit *m_reference;
    DateField *m_received;
    QLabel *m_due;
    QLineEdit *m_title;
    QPlainTextEdit *m_words;
    QLabel *m_error;
};

} // namespace foi::ui
