#pragma once

// Drives the real main window and request wizard as an officer would: clicks, keys and the widgets'
// own signals, under QT_QPA_PLATFORM=offscreen. Shared by the wizard's GUI tests.

#include "MainWindow.h"
#include "requests/Deadlines.h"
#include "support/TestSupport.h"
#include "wizard/RequestWizard.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

class QCheckBox;
class QWizard;

namespace foi::ui {
class DateField;
}

#include <memory>

namespace foi::test {

/// The demo register (20,000 made-up crimes), made once per test run; each desk works on its own copy.
QString demoRegisterTemplate();

/// The seed's request (tests/data/requests/seed-20180207.json).
QString seedRequestPath();

/// A main window on a fresh copy of the demo register, its counts loaded, on 8 February 2018 (the day
/// after the seed's request arrived), with the force's name and contact set and the files going to a
/// folder of its own.
struct Desk
{
    Desk();
    ~Desk();

    QTemporaryDir tmp;
    QString registerPath;
    QString outputFolder;
    FixedClock clock{QDate(2018, 2, 8)};
    std::unique_ptr<ui::MainWindow> window;
    QStringList errors; ///< what the window would have shown in message boxes

    /// Clicks New request and returns the wizard on its first page.
    ui::RequestWizard *startNewRequest();
};

/// Clicks a check box where an officer would: on its box (a check box laid out across a page is wider than
/// its clickable part, so its middle may not toggle it).
void clickCheckBox(QCheckBox *box);
/// Clicks the wizard's Next button (and checks it was enabled).
void clickNext(ui::RequestWizard *wizard);
/// Waits until the current page is complete (the counts loaded, the release worked out).
bool waitUntilComplete(ui::RequestWizard *wizard, int timeoutMs = 30000);

/// Types a day over the one a date field shows, as an officer does: focus, select all, type.
void typeDate(ui::DateField *field, const QString &text);
/// Enters the seed's request on the Request page by typing, and goes on with Enter (saving a screenshot of
/// the page first when asked).
void enterSeedRequest(ui::RequestWizard *wizard, bool screenshot = false);
/// Chooses the seed's criteria on the Criteria page.
void chooseSeedCriteria(ui::RequestWizard *wizard);
/// Names the seed's two tables on the Protection page (the defaults are the seed's offence class and age).
void nameSeedTables(ui::RequestWizard *wizard);

/// Checks a page as a keyboard or screen reader user meets it: every control that takes focus has an
/// accessible name (its own, its label's or its text), and the page's layout fits in the wizard (no control
/// squeezed below its minimum size). Failures name the control.
void expectUsablePage(QWidget *page);

/// Clicks New request and takes the seed's request through the Request and Data pages to the Criteria page,
/// nothing chosen there yet; null (with the failure reported) when a step fails.
ui::RequestWizard *seedRequestToCriteria(Desk &desk);
/// Clicks New request and takes the seed's request through the Request, Data and Criteria pages to the
/// Protection page, its release worked out; null (with the failure reported) when a step fails.
ui::RequestWizard *seedRequestToProtection(Desk &desk);

/// Saves a PNG of a widget into the build tree's screenshots folder for review (name without suffix;
/// FOI_SCREENSHOT_SUFFIX, when set, is added, as "@2x" for the run at 200%).
void saveScreenshot(QWidget *widget, const QString &name);

/// The table rows of an exported XLSX, as a requester's spreadsheet program (openpyxl) reads them: per
/// table, its lines below the header as text ("Assault with injury", "6"; "Stalking", "[c]"), the totals
/// last.
QVector<QVector<QStringList>> xlsxTables(const QString &path, QString *error);
/// The same from `tabulate --format json` output.
QVector<QVector<QStringList>> jsonTables(const QByteArray &json);

} // namespace foi::test

namespace foi::test {

/// What a screen reader hears, walked through the QAccessible tree under `root` (in-process): every control
/// that is shown has a name (a combo box also a label of its own: on Linux a screen reader takes a combo
/// box's name from its label, not from the box); a label's name is its text, not a tag standing for it;
/// every table, list, tree and chart has a description; every text view and tab pane has a name. Returns
/// the failures, each naming the control ("QLabel 'Merge report': ..."); empty when there is none.
QStringList accessibilityProblems(QWidget *root);

/// The mnemonics (Alt+letter) reachable on `root` as shown: buttons', check boxes', labels' with a buddy
/// and group boxes', with the wizard's own buttons when `wizard` is given. Returns each letter used more than
/// once, with the texts that use it ("b: < &Back, Su&bjects"); empty when none clashes.
QStringList mnemonicClashes(QWidget *root, QWizard *wizard = nullptr);

/// Walks the whole QAccessible tree under `root` as a screen reader does when it reads a window (names,
/// descriptions, roles, states, places, values, tables' cells); returns how many interfaces it met.
int walkAccessibleTree(QWidget *root);

} // namespace foi::test
