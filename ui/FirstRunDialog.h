#pragma once

#include <QDialog>

class QCommandLinkButton;
class QLineEdit;
class QPushButton;

namespace foi::ui {

/// What the application offers when it starts with no register yet: the demo register, clearly made-up
/// data for trying it; a register file; or a team register on a server. Getting started walks through
/// the seed's request. Each choice closes the dialog and says which was made; the window does the rest.
class FirstRunDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        None,
        Demo,
        File,
        TeamServer,
    };

    explicit FirstRunDialog(QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    /// The officer's name as given (proposed from the account's full name); empty when cleared.
    QString officer() const;
    QLineEdit *officerEdit() const { return m_officer; }

    QCommandLinkButton *demoButton() const { return m_demo; }
    QCommandLinkButton *fileButton() const { return m_file; }
    QCommandLinkButton *teamButton() const { return m_team; }
    QPushButton *gettingStartedButton() const { return m_gettingStarted; }

signals:
    void gettingStartedAsked();

private:
    void choose(Choice choice);

    Choice m_choice = Choice::None;
    QCommandLinkButton *m_demo;
    QCommandLinkButton *m_file;
    QCommandLinkButton *m_team;
    QPushButton *m_gettingStarted;
    QLineEdit *m_officer;
};

/// Getting started: the seed's request (how many children under ten were linked to violent crime, by age
/// and offence) from the request register to the files attached to the response, page by page of the
/// wizard, on the demo register.
class GettingStartedDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit GettingStartedDialog(QWidget *parent = nullptr);

    /// The walk-through, as HTML (also for tests).
    static QString text();
};

} // namespace foi::ui
