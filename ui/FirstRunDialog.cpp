#include "FirstRunDialog.h"

#include "common/Application.h"
#include "reference/OutcomeTypes.h"

#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace foi::ui {

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Welcome to FOI Tables"));
    auto *intro = new QLabel(tr("<p><b>Welcome to FOI Tables.</b></p><p>FOI Tables counts crimes for Freedom "
                                "of Information requests from your force's crime systems, and releases "
                                "tables that cannot identify anyone. It keeps what it imports in a "
                                "<i>register</i>. There is none on this computer yet: what would you like "
                                "to open?</p>"),
                             this);
    intro->setWordWrap(true);

    // Who records what: asked once, proposed from the account's full name, kept in the settings.
    m_officer = new QLineEdit(application::accountFullName(), this);
    m_officer->setAccessibleName(tr("Your name"));
    m_officer->setPlaceholderText(application::accountLoginName());
    m_officer->setToolTip(tr("Kept with the requests and releases you record; never written into a file"));
    auto *officerLabel = new QLabel(tr("Your &name, for the audit trail (never written into a file):"), this);
    officerLabel->setBuddy(m_officer);
    officerLabel->setWordWrap(true);

    m_demo = new QCommandLinkButton(tr("Try the &demo register"),
                                    tr("Made-up crimes and people, for learning the application. Nothing in "
                                       "it is real, and it is labelled as such wherever it is shown."),
                                    this);
    m_file = new QCommandLinkButton(tr("Open a register &file"),
                                    tr("A register on this computer or a shared drive, made by FOI Tables."),
                                    this);
    m_team = new QCommandLinkButton(tr("Connect to a &team register"),
                                    tr("Your FOI team's register on the force's PostgreSQL server, so that "
                                       "everyone's releases are checked against each other."),
                                    this);
    m_demo->setDefault(true);
    connect(m_demo, &QCommandLinkButton::clicked, this, [this] { choose(Choice::Demo); });
    connect(m_file, &QCommandLinkButton::clicked, this, [this] { choose(Choice::File); });
    connect(m_team, &QCommandLinkButton::clicked, this, [this] { choose(Choice::TeamServer); });

    auto *buttons = new QDialogButtonBox(this);
    m_gettingStarted = buttons->addButton(tr("&Getting started"), QDialogButtonBox::HelpRole);
    connect(m_gettingStarted, &QPushButton::clicked, this, &FirstRunDialog::gettingStartedAsked);
    buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(officerLabel);
    layout->addWidget(m_officer);
    layout->addWidget(m_demo);
    layout->addWidget(m_file);
    layout->addWidget(m_team);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

QString FirstRunDialog::officer() const
{
    return m_officer->text().trimmed();
}

void FirstRunDialog::choose(Choice choice)
{
    m_choice = choice;
    accept();
}

GettingStartedDialog::GettingStartedDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Getting started — FOI Tables"));
    auto *browser = new QTextBrowser(this);
    browser->setOpenLinks(false);
    browser->setAccessibleName(tr("Getting started"));
    browser->setAccessibleDescription(tr("The seed's request answered page by page of the wizard"));
    browser->setHtml(text());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    resize(640, 560);
}

namespace {

/// An outcome as the Criteria page lists it: "11 — Prosecution prevented - suspect under age".
QString outcomeWords(int number)
{
    const OutcomeType *type = OutcomeTypes::builtIn().find(number);
    return type ? GettingStartedDialog::tr("%1 — %2").arg(number).arg(type->shortLabel)
                : QString::number(number);
}

} // namespace

QString GettingStartedDialog::text()
{
    return tr("<h2>Getting started: a request, from the list to the response</h2>"
              "<p>On 7 February 2018 a requester asked a force: <i>how many children under the age of "
              "criminal "
              "responsibility (aged 1 to 9) were linked to a violent crime as a suspect or offender from "
              "January "
              "2016 to January 2018, with the age recorded at the time and the nature of the offence?</i> "
              "The "
              "force's crimes are in two systems: the legacy CMS, frozen at its cutover, and CONNECT, with "
              "the "
              "open crimes migrated into it. The demo register holds made-up extracts of both, so you can "
              "answer "
              "this request on it.</p>"
              "<ol>"
              "<li><p><b>New request</b> (Ctrl+N) opens the wizard. On <b>The request</b> page give the "
              "reference <tt>20180207</tt>, the day it was received (7 February 2018) and a title, and paste "
              "the "
              "requester's words, never their name or address. The due day appears at once: 20 working days, "
              "with the bank holidays. <i>Next</i> keeps the request in the register's list.</p></li>"
              "<li><p><b>The data</b> shows what the register holds: each system, the migrated crimes "
              "counted "
              "once, and the rows kept out at import with their reasons. <i>Import extracts…</i> adds "
              "more.</p></li>"
              "<li><p><b>What to count</b>: the period 1 January 2016 to 31 January 2018 on the day the "
              "crime was "
              "committed; ages 1 to 9; the role suspect or offender; the outcome <i>%1</i> (the suspect "
              "below the age of criminal responsibility); and the offences, with the preset <i>Violence "
              "against the person</i>.</p></li>"
              "<li><p><b>Tables and protection</b>: count crimes, in two separate one-way tables, by offence "
              "class and by age, in alphabetical and ascending order, as the force did. Counts below the "
              "threshold are withheld, with enough others that none can be worked out; the assessment says "
              "how "
              "many and why, and whether the audit proves it.</p></li>"
              "<li><p><b>Preview</b> shows each table exactly as it will be released, <tt>[c]</tt> where a "
              "count "
              "is withheld, with a chart. Read the warnings (an earlier release of the same figures, tables "
              "that "
              "could be linked, sexual offences) and tick that you have weighed them.</p></li>"
              "<li><p><b>Export</b> writes the spreadsheet (XLSX, ODS or CSV) and the response letter, which "
              "explains the search and the exemptions (sections 40(2) and 44(1)). Every file is checked to "
              "hold "
              "the released cells and nothing else, and the release is recorded, so that later requests are "
              "checked against it.</p></li>"
              "</ol>"
              "<p>Everything the wizard does, <tt>foi-tables-cli</tt> does too (<tt>man "
              "foi-tables-cli</tt>). "
              "When you are ready for real data, open your force's register with <i>File → Open "
              "register…</i>; "
              "the demo register stays labelled as made-up data.</p>")
        .arg(outcomeWords(11).toHtmlEscaped());
}

} // namespace foi::ui
