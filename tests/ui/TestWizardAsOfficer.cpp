// The wizard as a new officer meets it: typed days, the wheel, defaults, the folder for the files, the
// keyboard alone and what a screen reader hears, each driven as the officer drives it.
#include "MainWindow.h"
#include "WizardDriver.h"
#include "register/Register.h"
#include "requests/RequestsModel.h"
#include "widgets/DateField.h"
#include "wizard/CriteriaPage.h"
#include "wizard/DataPage.h"
#include "wizard/ExportPage.h"
#include "wizard/PreviewPage.h"
#include "wizard/ProtectionPage.h"
#include "wizard/RequestPage.h"
#include "wizard/TabulateJob.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>
#include <QtTest/qtestspontaneevent.h>

#include <gtest/gtest.h>

using namespace foi;
using test::clickNext;
using test::waitUntilComplete;

namespace {

/// One notch of the mouse wheel over a widget, delivered as the window system delivers it (so that it
/// travels up to the widget's parents when the widget ignores it).
void turnWheel(QWidget *over, int notches)
{
    const QPointF at = QPointF(over->rect().center());
    QWheelEvent wheel(at, QPointF(over->mapToGlobal(at.toPoint())), QPoint(), QPoint(0, 120 * notches),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QSpontaneKeyEvent::setSpontaneous(&wheel);
    qApp->notify(over, &wheel);
}

void expectHeardAndNoClash(ui::RequestWizard *wizard)
{
    const QStringList heard = test::accessibilityProblems(wizard->currentPage());
    EXPECT_TRUE(heard.isEmpty()) << "page " << wizard->currentId() << ":\n"
                                 << heard.join(QLatin1Char('\n')).toStdString();
    const QStringList clashes = test::mnemonicClashes(wizard->currentPage(), wizard);
    EXPECT_TRUE(clashes.isEmpty()) << "page " << wizard->currentId() << ":\n"
                                   << clashes.join(QLatin1Char('\n')).toStdString();
}

} // namespace

TEST(DateField, ReadsADayAsAnOfficerWritesIt)
{
    const struct
    {
        const char *typed;
        QDate day;
    } read[] = {
        {"15 Mar 2017", QDate(2017, 3, 15)},         {"15 March 2017", QDate(2017, 3, 15)},
        {"15/03/2017", QDate(2017, 3, 15)},          {"15/3/17", QDate(2017, 3, 15)},
        {"15.03.2017", QDate(2017, 3, 15)},          {"2017-03-15", QDate(2017, 3, 15)},
        {"March 15, 2017", QDate(2017, 3, 15)},      {"Wednesday 7 February 2018", QDate(2018, 2, 7)},
        {"7th of February 2018", QDate(2018, 2, 7)}, {"1 sept 2016", QDate(2016, 9, 1)},
        {" 31 JAN 2018 ", QDate(2018, 1, 31)},
    };
    for (const auto &r : read) {
        const std::optional<QDate> day = ui::DateField::parse(QString::fromLatin1(r.typed));
        ASSERT_TRUE(day.has_value()) << r.typed;
        EXPECT_EQ(*day, r.day) << r.typed;
    }
    const struct
    {
        const char *typed;
        const char *why;
    } refused[] = {
        {"31 Feb 2018", "there is no 31 February 2018"},
        {"15 Mar", "give the year too"},
        {"15 Smarch 2017", "'smarch' is not a month"},
        {"15/13/2017", "'13' is not a month"},
        {"yesterday", "write it as"},
        {"15 Mar 201", "'201' is not a year"},
    };
    for (const auto &r : refused) {
        QString why;
        EXPECT_FALSE(ui::DateField::parse(QString::fromLatin1(r.typed), &why).has_value()) << r.typed;
        EXPECT_TRUE(why.contains(QString::fromLatin1(r.why))) << r.typed << ": " << why.toStdString();
    }
}

TEST(WizardAsOfficer, ADayTypedOverTheOneShownIsTheDayTypedAndTabLeavesTheField)
{
    test::Desk desk;
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    ui::RequestPage *page = wizard->requestPage();
    ui::DateField *received = page->receivedEdit();
    EXPECT_EQ(received->date(), QDate(2018, 2, 8)); // today, on the desk's clock

    // The officer clicks into the day (the cursor lands mid-word), selects it all and types.
    QTest::mouseClick(received->lineEdit(), Qt::LeftButton);
    for (const char *typed : {"15 Mar 2017", "31 Jan 2018", "7/2/2018"}) {
        test::typeDate(received, QString::fromLatin1(typed));
        EXPECT_EQ(received->date(), ui::DateField::parse(QString::fromLatin1(typed)).value()) << typed;
    }
    EXPECT_TRUE(page->dueLabel()->text().contains(QStringLiteral("Wednesday 7 March 2018")))
        << page->dueLabel()->text().toStdString();
    // Up and Down move a day; Tab leaves the field at once (a date edit walked its parts first), and the
    // day typed as 7/2/2018 is written back as the field writes days.
    QTest::keyClick(received->lineEdit(), Qt::Key_Up);
    EXPECT_EQ(received->date(), QDate(2018, 2, 8));
    QTest::keyClick(received->lineEdit(), Qt::Key_Down);
    EXPECT_EQ(received->date(), QDate(2018, 2, 7));
    QTest::keyClick(received->lineEdit(), Qt::Key_Tab);
    EXPECT_TRUE(page->titleEdit()->hasFocus());
    EXPECT_EQ(received->lineEdit()->text(), QStringLiteral("7 February 2018"));
    EXPECT_TRUE(page->titleEdit()->text().isEmpty()) << "a part of the day landed in the title";

    // A day that is not one, or lies after today, holds the wizard back and says why.
    QTest::keyClicks(page->referenceEdit(), QStringLiteral("20180207"));
    QTest::keyClicks(page->titleEdit(), QStringLiteral("Children"));
    page->wordsEdit()->setFocus();
    QTest::keyClicks(page->wordsEdit(), QStringLiteral("How many children"));
    EXPECT_TRUE(wizard->button(QWizard::NextButton)->isEnabled());
    test::typeDate(received, QStringLiteral("31 Feb 2018"));
    EXPECT_FALSE(received->date().isValid());
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled());
    EXPECT_TRUE(page->dueLabel()->text().contains(QStringLiteral("there is no 31 February 2018")))
        << page->dueLabel()->text().toStdString();
    test::typeDate(received, QStringLiteral("9 Feb 2018"));
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled());
    EXPECT_TRUE(page->dueLabel()->text().contains(QStringLiteral("after 8 February 2018")))
        << page->dueLabel()->text().toStdString();

    // Alt+Down opens the calendar; Enter there chooses the day and gives the field its focus back.
    test::typeDate(received, QStringLiteral("7 Feb 2018"));
    QTest::keyClick(received->lineEdit(), Qt::Key_Down, Qt::AltModifier);
    QCalendarWidget *calendar = received->calendar();
    ASSERT_NE(calendar, nullptr);
    EXPECT_EQ(calendar->selectedDate(), QDate(2018, 2, 7));
    test::saveScreenshot(calendar->window(), QStringLiteral("date-calendar"));
    QTest::keyClick(calendar->focusWidget() ? calendar->focusWidget() : calendar, Qt::Key_Left);
    QTest::keyClick(calendar->focusWidget() ? calendar->focusWidget() : calendar, Qt::Key_Return);
    EXPECT_EQ(received->calendar(), nullptr);
    EXPECT_EQ(received->date(), QDate(2018, 2, 6));
    test::saveScreenshot(wizard, QStringLiteral("wizard-1-request-typed"));
}

TEST(WizardAsOfficer, TheWheelOverASettingNotBeingWorkedOnScrollsThePageAndChangesNothing)
{
    test::Desk desk;
    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    wizard->resize(960, 520); // a short window: the page scrolls
    QTest::qWait(50);
    ui::ProtectionPage *page = wizard->protectionPage();
    QComboBox *rows = page->tableRows().first().rows;
    QSpinBox *threshold = page->thresholdBox();
    page->tableRows().first().title->setFocus();
    const int rowsAt = rows->currentIndex();
    const int thresholdWas = threshold->value();
    QScrollBar *bar = page->scrollArea()->verticalScrollBar();
    ASSERT_GT(bar->maximum(), 0) << "the page does not scroll at this size";
    bar->setValue(0);

    turnWheel(rows, -1);
    turnWheel(rows, -1);
    EXPECT_EQ(rows->currentIndex(), rowsAt) << "the wheel changed table 1's rows";
    EXPECT_FALSE(rows->hasFocus()) << "the wheel gave the rows box the focus";
    EXPECT_GT(bar->value(), 0) << "the page did not scroll";
    turnWheel(threshold, 1);
    EXPECT_EQ(threshold->value(), thresholdWas) << "the wheel changed the threshold";
    EXPECT_FALSE(threshold->hasFocus());

    // Once the officer is working on it (tabbed to or clicked), the wheel is theirs to use.
    rows->setFocus(Qt::TabFocusReason);
    turnWheel(rows, -1);
    EXPECT_NE(rows->currentIndex(), rowsAt);
}

TEST(WizardAsOfficer, NoPeriodIsGuessedNoPresetLooksAppliedAndTheProtectionIsInView)
{
    test::Desk desk;
    ui::RequestWizard *wizard = test::seedRequestToCriteria(desk);
    ASSERT_NE(wizard, nullptr);
    ui::CriteriaPage *criteria = wizard->criteriaPage();
    EXPECT_TRUE(criteria->fromEdit()->lineEdit()->text().isEmpty());
    EXPECT_TRUE(criteria->toEdit()->lineEdit()->text().isEmpty());
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled()) << "no period chosen, yet Next is on";
    EXPECT_TRUE(criteria->summaryLabel()->text().contains(QStringLiteral("Give the period")))
        << criteria->summaryLabel()->text().toStdString();
    EXPECT_EQ(criteria->presetBox()->currentIndex(), 0);
    EXPECT_TRUE(criteria->presetBox()->currentText().startsWith(QStringLiteral("Choose a preset")));
    EXPECT_FALSE(criteria->applyPresetButton()->isEnabled());
    test::saveScreenshot(wizard, QStringLiteral("wizard-3-criteria-empty"));
    test::chooseSeedCriteria(wizard);
    EXPECT_TRUE(wizard->button(QWizard::NextButton)->isEnabled());
    clickNext(wizard);

    // At the wizard's own size, the protection's first settings show without scrolling.
    ui::ProtectionPage *page = wizard->protectionPage();
    ASSERT_TRUE(waitUntilComplete(wizard));
    QWidget *viewport = page->scrollArea()->viewport();
    for (QWidget *w : {static_cast<QWidget *>(page->thresholdBox()),
                       static_cast<QWidget *>(page->tableRows().last().rows)}) {
        const QRect at(w->mapTo(viewport, QPoint(0, 0)), w->size());
        EXPECT_TRUE(viewport->rect().contains(at))
            << w->accessibleName().toStdString() << " is below the fold: " << at.y() << " of "
            << viewport->height();
    }
}

TEST(WizardAsOfficer, TheFilesGoToAFolderThatExistsAndTheLastOneIsOfferedNextTime)
{
    test::Desk desk;
    ui::Preferences p = desk.window->preferences();
    p.exportFolder = desk.tmp.filePath(QStringLiteral("Documents")); // a new account's: not made yet
    p.lastFolder.clear();
    desk.window->setPreferences(p);
    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    clickNext(wizard);
    test::clickCheckBox(wizard->previewPage()->warningsWeighedBox());
    clickNext(wizard);
    ui::ExportPage *exportPage = wizard->exportPage();
    const QString offered = QDir::fromNativeSeparators(exportPage->folderEdit()->text());
    EXPECT_TRUE(QFileInfo(offered).isDir()) << offered.toStdString();
    EXPECT_NE(offered, p.exportFolder);

    // The officer chooses the folder with Browse, exports, and finishes.
    exportPage->setFolderChooser([&] { return desk.outputFolder; });
    QTest::mouseClick(exportPage->browseButton(), Qt::LeftButton);
    EXPECT_EQ(QDir::fromNativeSeparators(exportPage->folderEdit()->text()), desk.outputFolder);
    QTest::mouseClick(exportPage->exportButton(), Qt::LeftButton);
    ASSERT_FALSE(exportPage->writtenFiles().isEmpty()) << exportPage->resultLabel()->text().toStdString();
    EXPECT_TRUE(exportPage->resultLabel()->hasFocus()) << "the result is not where a screen reader is";
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
    EXPECT_EQ(desk.window->preferences().lastFolder, desk.outputFolder);

    // The next request's files go there first.
    ui::RequestWizard *next = desk.startNewRequest();
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->draft()->context().exportFolder, desk.outputFolder);
    next->reject();
}

TEST(WizardAsOfficer, EveryPageIsReadAloudInFullAndNoTwoControlsShareAnAltKey)
{
    test::Desk desk;
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    wizard->tabulateJob()->setDelay(0);
    expectHeardAndNoClash(wizard);
    test::enterSeedRequest(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard));
    expectHeardAndNoClash(wizard);
    clickNext(wizard);
    test::chooseSeedCriteria(wizard);
    expectHeardAndNoClash(wizard);
    clickNext(wizard);
    test::nameSeedTables(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard));
    expectHeardAndNoClash(wizard);
    clickNext(wizard);
    expectHeardAndNoClash(wizard);
    test::clickCheckBox(wizard->previewPage()->warningsWeighedBox());
    clickNext(wizard);
    expectHeardAndNoClash(wizard);
    QTest::mouseClick(wizard->exportPage()->exportButton(), Qt::LeftButton);
    expectHeardAndNoClash(wizard);
    const QStringList window = test::accessibilityProblems(desk.window.get());
    EXPECT_TRUE(window.isEmpty()) << window.join(QLatin1Char('\n')).toStdString();
}

TEST(WizardAsOfficer, TheKeyboardAloneTakesTheRequestToTheExport)
{
    test::Desk desk;
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    wizard->tabulateJob()->setDelay(0);
    // The wizard is the window the keys go to, as on the desk.
    QApplication::setActiveWindow(wizard);
    ASSERT_TRUE(QTest::qWaitForWindowActive(wizard));
    auto keys = [](const QString &text) {
        QTest::keyClicks(QApplication::focusWidget(), text);
    };
    auto key = [](Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget(), k, m);
    };
    // Tab (never the mouse) brings the keyboard to a control; false when it never gets there.
    auto tabTo = [&](QWidget *target) {
        for (int i = 0; i < 80; ++i) {
            QWidget *at = QApplication::focusWidget();
            if (at == target || (at && target->isAncestorOf(at)))
                return true;
            key(Qt::Key_Tab);
        }
        return false;
    };
    auto press = [&](QAbstractButton *button) {
        ASSERT_TRUE(tabTo(button)) << button->text().toStdString() << " cannot be reached with Tab";
        key(Qt::Key_Space);
    };
    auto next = [&] {
        press(wizard->button(QWizard::NextButton));
    };

    // The request: Tab from field to field.
    ui::RequestPage *request = wizard->requestPage();
    ASSERT_TRUE(tabTo(request->referenceEdit()));
    keys(QStringLiteral("20180207"));
    key(Qt::Key_Tab);
    key(Qt::Key_A, Qt::ControlModifier);
    keys(QStringLiteral("7 February 2018"));
    key(Qt::Key_Tab);
    keys(QStringLiteral("Children and violent crime"));
    key(Qt::Key_Tab);
    keys(QStringLiteral("How many children aged 1 - 9 were linked to violent crime?"));
    EXPECT_EQ(request->receivedEdit()->date(), QDate(2018, 2, 7));
    EXPECT_EQ(request->titleEdit()->text(), QStringLiteral("Children and violent crime"));
    next();
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::DataPageId);
    ASSERT_TRUE(waitUntilComplete(wizard));
    next();
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::CriteriaPageId);

    // The criteria.
    ui::CriteriaPage *criteria = wizard->criteriaPage();
    ASSERT_TRUE(tabTo(criteria->fromEdit()));
    keys(QStringLiteral("1 Jan 2016"));
    ASSERT_TRUE(tabTo(criteria->toEdit()));
    keys(QStringLiteral("31 Jan 2018"));
    press(criteria->ageLimitBox());
    EXPECT_TRUE(criteria->ageLimitBox()->isChecked());
    ASSERT_TRUE(tabTo(criteria->ageMinBox()));
    key(Qt::Key_A, Qt::ControlModifier);
    keys(QStringLiteral("1"));
    ASSERT_TRUE(tabTo(criteria->ageMaxBox()));
    key(Qt::Key_A, Qt::ControlModifier);
    keys(QStringLiteral("9"));
    press(criteria->roleBoxes().value(QStringLiteral("suspect")));
    press(criteria->roleBoxes().value(QStringLiteral("offender")));
    ASSERT_TRUE(tabTo(criteria->outcomesList()));
    for (int i = 0; i < criteria->outcomesList()->count(); ++i) {
        if (criteria->outcomesList()->currentRow() < 0)
            key(Qt::Key_Home);
        if (criteria->outcomesList()->currentItem()->data(Qt::UserRole).toInt() == 11)
            break;
        key(Qt::Key_Down);
    }
    key(Qt::Key_Space);
    EXPECT_EQ(wizard->draft()->request.criteria.outcomes, QVector<int>{11});
    ASSERT_TRUE(tabTo(criteria->presetBox()));
    key(Qt::Key_Down); // the first preset after the prompt
    EXPECT_EQ(criteria->presetBox()->currentText(), QStringLiteral("Violence against the person"));
    press(criteria->applyPresetButton());
    EXPECT_GT(criteria->offenceModel()->checkedClassCount(), 0);
    EXPECT_EQ(wizard->draft()->request.criteria.from, QDate(2016, 1, 1));
    EXPECT_EQ(wizard->draft()->request.criteria.to, QDate(2018, 1, 31));
    EXPECT_EQ(*wizard->draft()->request.criteria.ageMin, 1);
    EXPECT_EQ(*wizard->draft()->request.criteria.ageMax, 9);
    next();
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::ProtectionPageId);

    // Tables and protection, the preview with its warnings weighed, and the export.
    ASSERT_TRUE(waitUntilComplete(wizard));
    next();
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::PreviewPageId);
    press(wizard->previewPage()->warningsWeighedBox());
    EXPECT_TRUE(wizard->previewPage()->warningsWeighedBox()->isChecked());
    next();
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::ExportPageId);
    press(wizard->exportPage()->exportButton());
    EXPECT_FALSE(wizard->exportPage()->writtenFiles().isEmpty())
        << wizard->exportPage()->resultLabel()->text().toStdString();
    press(wizard->button(QWizard::FinishButton));
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
}

TEST(WizardAsOfficer, WalkingTheAccessibleTreeWhileThePagesAreBuiltNeverCrashes)
{
    test::Desk desk;
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    wizard->tabulateJob()->setDelay(0);
    // A screen reader reads the window whenever it is told something changed: here, at every turn of the
    // event loop, while the pages are being built, torn down and built again.
    int walks = 0;
    QTimer reader;
    reader.setInterval(0);
    QObject::connect(&reader, &QTimer::timeout, [&] {
        if (auto *w = desk.window->findChild<ui::RequestWizard *>()) {
            test::walkAccessibleTree(w);
            ++walks;
        }
    });
    reader.start();
    test::enterSeedRequest(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard));
    clickNext(wizard);
    test::chooseSeedCriteria(wizard);
    clickNext(wizard);
    for (int round = 0; round < 3; ++round) {
        ASSERT_TRUE(waitUntilComplete(wizard));
        clickNext(wizard); // the Preview is built: tabs, tables, charts
        ASSERT_EQ(wizard->currentId(), ui::RequestWizard::PreviewPageId);
        QTest::qWait(20);
        wizard->back();
        // A change of threshold: the release is worked out again while the reader walks.
        QSpinBox *threshold = wizard->protectionPage()->thresholdBox();
        threshold->setValue(round % 2 ? 5 : 6);
    }
    reader.stop();
    EXPECT_GT(walks, 10);
}

TEST(WizardAsOfficer, ARequestKeptWithNoReleaseCanBeDeletedAndOneWithAReleaseCannot)
{
    test::Desk desk;
    QStringList asked;
    bool answer = false;
    desk.window->setQuestionAsker([&](const QString &, const QString &question) {
        asked << question;
        return answer;
    });
    // A request entered, then left and kept on the list.
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    test::enterSeedRequest(wizard);
    wizard->setLeaveQuestion([](const QString &) { return ui::RequestWizard::Leave::Keep; });
    wizard->reject();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
    ASSERT_EQ(desk.window->requestsModel()->rowCount(), 1);
    ASSERT_TRUE(desk.window->selectRequest(QStringLiteral("20180207")));
    EXPECT_TRUE(desk.window->deleteRequestAction()->isEnabled());

    // The Delete key on the list asks first; No keeps it.
    desk.window->requestsView()->setFocus();
    QApplication::setActiveWindow(desk.window.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(desk.window.get()));
    QTest::keyClick(desk.window->requestsView(), Qt::Key_Delete);
    ASSERT_EQ(asked.size(), 1);
    EXPECT_TRUE(asked[0].contains(QStringLiteral("20180207")));
    EXPECT_EQ(desk.window->requestsModel()->rowCount(), 1);
    answer = true;
    EXPECT_TRUE(desk.window->deleteChosenRequest());
    EXPECT_EQ(desk.window->requestsModel()->rowCount(), 0);
    Register &reg = *desk.window->currentRegister();
    EXPECT_FALSE(reg.findRequest(QStringLiteral("20180207"))->has_value());
    QStringList actions;
    const Result<QVector<AuditEvent>> trail = reg.auditTrail(QStringLiteral("20180207"));
    ASSERT_TRUE(trail.ok());
    for (const AuditEvent &e : *trail)
        actions << e.action;
    EXPECT_TRUE(actions.contains(QStringLiteral("request-deleted")))
        << actions.join(QLatin1Char(' ')).toStdString();

    // Answered with a release: the action is off, and says why.
    ui::RequestWizard *answered = test::seedRequestToProtection(desk);
    ASSERT_NE(answered, nullptr);
    clickNext(answered);
    test::clickCheckBox(answered->previewPage()->warningsWeighedBox());
    clickNext(answered);
    QTest::mouseClick(answered->exportPage()->exportButton(), Qt::LeftButton);
    ASSERT_FALSE(answered->exportPage()->writtenFiles().isEmpty());
    QTest::mouseClick(answered->button(QWizard::FinishButton), Qt::LeftButton);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
    ASSERT_TRUE(desk.window->selectRequest(QStringLiteral("20180207")));
    EXPECT_FALSE(desk.window->deleteRequestAction()->isEnabled());
    EXPECT_TRUE(desk.window->deleteRequestAction()->toolTip().contains(QStringLiteral("release")));
    // Even asked directly, the register refuses: what was published stays on record.
    QStringList errors = desk.errors;
    EXPECT_FALSE(desk.window->deleteChosenRequest());
    EXPECT_TRUE(reg.findRequest(QStringLiteral("20180207"))->has_value());
    EXPECT_GT(desk.errors.size(), errors.size());
}

TEST(WizardAsOfficer, APeriodOutsideTheRecordsIsSaidOnEveryPageAndTheLetterFitsAnEmptyAnswer)
{
    test::Desk desk;
    ui::RequestWizard *wizard = test::seedRequestToCriteria(desk);
    ASSERT_NE(wizard, nullptr);
    test::chooseSeedCriteria(wizard);
    // Years before the demo's records begin (February 2015).
    test::typeDate(wizard->criteriaPage()->fromEdit(), QStringLiteral("1 Jan 2005"));
    test::typeDate(wizard->criteriaPage()->toEdit(), QStringLiteral("31 Dec 2006"));
    clickNext(wizard);
    test::nameSeedTables(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard));
    const QString assessment = wizard->protectionPage()->assessmentLabel()->text();
    EXPECT_TRUE(assessment.contains(QStringLiteral("lies outside the records held")))
        << assessment.toStdString();
    EXPECT_TRUE(assessment.contains(QStringLiteral("No crimes"))) << assessment.toStdString();
    test::saveScreenshot(wizard, QStringLiteral("wizard-4-protection-empty"));
    clickNext(wizard);

    ui::PreviewPage *preview = wizard->previewPage();
    EXPECT_TRUE(preview->emptyNotice()->isVisible());
    EXPECT_TRUE(preview->emptyNotice()->text().contains(QStringLiteral("6 February 2015")))
        << preview->emptyNotice()->text().toStdString();
    EXPECT_TRUE(preview->disclosureLabel()->text().contains(QStringLiteral("No crimes matched")))
        << preview->disclosureLabel()->text().toStdString();
    EXPECT_FALSE(preview->disclosureLabel()->text().contains(QStringLiteral("Due to the low numbers")));
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled()) << "the notice is not weighed yet";
    test::saveScreenshot(wizard, QStringLiteral("wizard-5-preview-empty"));
    test::clickCheckBox(preview->warningsWeighedBox());
    clickNext(wizard);
    QTest::mouseClick(wizard->exportPage()->exportButton(), Qt::LeftButton);
    ASSERT_FALSE(wizard->exportPage()->writtenFiles().isEmpty())
        << wizard->exportPage()->resultLabel()->text().toStdString();
    const QString letter = wizard->exportPage()->responseTextEdit()->toPlainText();
    EXPECT_TRUE(letter.contains(QStringLiteral("No crimes matched these criteria"))) << letter.toStdString();
    EXPECT_TRUE(letter.contains(QStringLiteral("The records searched run from 6 February 2015")))
        << letter.toStdString();
    EXPECT_FALSE(letter.contains(QStringLiteral("Due to the low numbers"))) << letter.toStdString();
}
