// What the command line's `request update`, `disclosure-log` and `bank-holidays --load` do, the main window
// does: a request's life recorded from its Update menu (clarification, extension, response, internal
// review, close, details), a stale copy refused, the disclosure log written and a newer bank-holidays feed
// loaded from the File menu. Every change lands in the register and its audit trail.
#include "MainWindow.h"
#include "WizardDriver.h"
#include "requests/AuditModel.h"
#include "requests/DisclosureLogDialog.h"
#include "requests/RequestActionDialog.h"
#include "requests/RequestsModel.h"
#include "support/TestSupport.h"
#include "widgets/DateField.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace foi;
using ui::RequestAction;

namespace {

struct Window
{
    QTemporaryDir tmp;
    QString path;
    FixedClock clock{QDate(2018, 4, 10)};
    ui::MainWindow w;
    QStringList errors;
    QStringList notices;
    QString chosenFile;

    Window()
    {
        path = tmp.filePath(QStringLiteral("requests.sqlite"));
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        EXPECT_TRUE(reg.ok());
        EXPECT_TRUE(
            (*reg)
                ->addRequest(test::foiRequest("20180212", QDate(2018, 2, 12)), QStringLiteral("A. Officer"))
                .ok());
        FoiRequestRecord done = test::foiRequest("20180102", QDate(2018, 1, 2));
        done.status = RequestStatus::Responded;
        done.responded = QDate(2018, 1, 20);
        done.outcome = QStringLiteral("Information provided in full");
        EXPECT_TRUE((*reg)->addRequest(done, QStringLiteral("B. Officer")).ok());
        w.setErrorHandler([this](const QString &title, const QString &message) {
            errors << title + QStringLiteral(": ") + message;
        });
        w.setNoticeHandler([this](const QString &title, const QString &message) {
            notices << title + QStringLiteral(": ") + message;
        });
        w.setFileChooser(
            [this](const QString &, const QString &, const QString &, bool) { return chosenFile; });
        w.setClock(&clock);
        EXPECT_TRUE(w.openRegister(path).ok());
        w.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&w));
    }

    FoiRequestRecord stored(const QString &reference)
    {
        Result<std::unique_ptr<Register>> reg = Register::open(path);
        EXPECT_TRUE(reg.ok());
        Result<std::optional<FoiRequestRecord>> found = (*reg)->findRequest(reference);
        EXPECT_TRUE(found.ok() && found->has_value());
        return found.ok() && found->has_value() ? **found : FoiRequestRecord();
    }

    QString timeLeft(const QString &reference)
    {
        for (int row = 0; row < w.requestsModel()->rowCount(); ++row) {
            if (w.requestsModel()->rows().at(row).request.reference == reference)
                return w.requestsModel()
                    ->data(w.requestsModel()->index(row, ui::RequestsModel::TimeLeft))
                    .toString();
        }
        return QStringLiteral("(not listed)");
    }

    /// Opens the action's dialog from the Update menu, as the officer does.
    ui::RequestActionDialog *open(RequestAction action)
    {
        QAction *a = w.requestAction(action);
        EXPECT_TRUE(a->isEnabled()) << requestActionText(action).toStdString() << ": "
                                    << a->toolTip().toStdString();
        a->trigger();
        auto *dialog = w.findChild<ui::RequestActionDialog *>();
        EXPECT_NE(dialog, nullptr);
        if (dialog) {
            EXPECT_TRUE(QTest::qWaitForWindowExposed(dialog));
        }
        return dialog;
    }

    /// Clicks Record, and waits for the dialog to go.
    void record(ui::RequestActionDialog *dialog)
    {
        QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
        ASSERT_TRUE(ok->isEnabled()) << dialog->effectLabel()->text().toStdString();
        QPointer<ui::RequestActionDialog> watch(dialog);
        QTest::mouseClick(ok, Qt::LeftButton);
        ASSERT_TRUE(QTest::qWaitFor([&] { return watch.isNull(); }));
    }
};

int historyLines(ui::MainWindow &w)
{
    return w.historyModel()->rowCount();
}

} // namespace

TEST(RequestActions, RecordARequestsLifeFromItsUpdateMenu)
{
    Window t;
    ui::MainWindow &w = t.w;
    ASSERT_TRUE(w.selectRequest(QStringLiteral("20180212")));
    EXPECT_TRUE(w.updateButton()->isEnabled());
    // What cannot be recorded yet is disabled, and says why.
    EXPECT_FALSE(w.requestAction(RequestAction::ClarificationReceived)->isEnabled());
    EXPECT_EQ(w.requestAction(RequestAction::ClarificationReceived)->toolTip(),
              QStringLiteral("No clarification is awaited."));
    EXPECT_FALSE(w.requestAction(RequestAction::CompleteReview)->isEnabled());
    int lines = historyLines(w);

    // Clarification sought, chosen from the Update menu with the keyboard: Space opens the menu, S its item.
    w.updateButton()->setFocus();
    QTimer::singleShot(0, [] {
        QWidget *menu = QApplication::activePopupWidget();
        ASSERT_NE(menu, nullptr);
        QTest::keyClick(menu, Qt::Key_S);
    });
    QTest::keyClick(w.updateButton(), Qt::Key_Space);
    auto *seek = w.findChild<ui::RequestActionDialog *>();
    ASSERT_NE(seek, nullptr);
    EXPECT_EQ(seek->action(), RequestAction::SeekClarification);
    test::expectUsablePage(seek);
    const QStringList heard = test::accessibilityProblems(seek);
    EXPECT_TRUE(heard.isEmpty()) << heard.join(QLatin1Char('\n')).toStdString();
    // Typed over the day shown, as the officer writes it: the whole day is the one typed.
    test::typeDate(seek->dayEdit(), QStringLiteral("14 February 2018"));
    EXPECT_EQ(seek->dayEdit()->date(), QDate(2018, 2, 14));
    EXPECT_TRUE(seek->effectLabel()->text().contains(QStringLiteral("Clarification sought")) &&
                seek->effectLabel()->text().contains(QStringLiteral("clock stops")))
        << seek->effectLabel()->text().toStdString();
    t.record(seek);
    FoiRequestRecord r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::ClarificationSought);
    ASSERT_EQ(r.clarifications.size(), 1);
    EXPECT_EQ(r.clarifications[0].sought, QDate(2018, 2, 14));
    EXPECT_TRUE(t.timeLeft(QStringLiteral("20180212")).startsWith(QStringLiteral("Clock stopped")));
    EXPECT_TRUE(w.requestSummaryLabel()->text().contains(
        QStringLiteral("Clarification sought 14 February 2018, awaited.")))
        << w.requestSummaryLabel()->text().toStdString();
    EXPECT_GT(historyLines(w), lines) << "the change is in the request's history";
    lines = historyLines(w);
    EXPECT_TRUE(w.statusBar()->currentMessage().contains(QStringLiteral("clarification sought recorded")))
        << w.statusBar()->currentMessage().toStdString();
    EXPECT_FALSE(w.requestAction(RequestAction::SeekClarification)->isEnabled());

    // The answer restarts the clock at day 0: 20 working days after 19 February, past the substitute day for
    // St Patrick's Day (Monday 19 March, Northern Ireland), is 20 March.
    ui::RequestActionDialog *answer = t.open(RequestAction::ClarificationReceived);
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer->dayEdit()->minimumDate(), QDate(2018, 2, 14)) << "not before it was sought";
    answer->dayEdit()->setDate(QDate(2018, 2, 19));
    EXPECT_TRUE(answer->effectLabel()->text().contains(QStringLiteral("20 March 2018")))
        << answer->effectLabel()->text().toStdString();
    t.record(answer);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::InProgress);
    EXPECT_EQ(r.clarifications[0].answered, QDate(2018, 2, 19));
    EXPECT_TRUE(w.requestSummaryLabel()->text().contains(QStringLiteral("Due 20 March 2018.")))
        << w.requestSummaryLabel()->text().toStdString();

    // A public interest extension of 10 working days.
    ui::RequestActionDialog *extend = t.open(RequestAction::Extend);
    ASSERT_NE(extend, nullptr);
    EXPECT_EQ(extend->daysBox()->maximum(), 20);
    extend->daysBox()->setValue(10);
    t.record(extend);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::PublicInterestExtension);
    EXPECT_EQ(r.extensionDays, 10);
    Result<QDate> extendedDue = dueDay(r.received, r.clarifications, 10);
    ASSERT_TRUE(extendedDue.ok());
    EXPECT_GT(*extendedDue, QDate(2018, 3, 20));
    EXPECT_EQ(w.requestsModel()->rows().at(w.requestsView()->currentIndex().row()).timing.due, *extendedDue);

    // The response, with its outcome: it leaves the open requests, and the window shows it among all.
    ui::RequestActionDialog *respond = t.open(RequestAction::Respond);
    ASSERT_NE(respond, nullptr);
    EXPECT_FALSE(respond->buttons()->button(QDialogButtonBox::Ok)->isEnabled()) << "no outcome chosen yet";
    EXPECT_TRUE(respond->effectLabel()->text().contains(QStringLiteral("outcome")));
    EXPECT_EQ(respond->dayEdit()->maximumDate(), QDate(2018, 4, 10)) << "never a day after today";
    respond->dayEdit()->setDate(QDate(2018, 4, 3));
    test::saveScreenshot(respond, QStringLiteral("request-response-sent"));
    respond->outcomeBox()->setCurrentIndex(
        respond->outcomeBox()->findText(QStringLiteral("Information provided in part")));
    EXPECT_TRUE(respond->effectLabel()->text().contains(QStringLiteral("on time")))
        << respond->effectLabel()->text().toStdString();
    t.record(respond);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::Responded);
    EXPECT_EQ(r.responded, QDate(2018, 4, 3));
    EXPECT_EQ(r.outcome, QStringLiteral("Information provided in part"));
    EXPECT_EQ(w.listBox()->currentData().toInt(), int(RequestList::All));
    ASSERT_TRUE(w.requestsView()->currentIndex().isValid());
    EXPECT_EQ(w.requestsModel()->rows().at(w.requestsView()->currentIndex().row()).request.reference,
              QStringLiteral("20180212"));
    EXPECT_TRUE(t.timeLeft(QStringLiteral("20180212")).startsWith(QStringLiteral("Responded in")));

    // An internal review, then its completion: the request is closed with the outcome the review left.
    EXPECT_FALSE(w.requestAction(RequestAction::Respond)->isEnabled());
    ui::RequestActionDialog *review = t.open(RequestAction::RequestReview);
    ASSERT_NE(review, nullptr);
    review->dayEdit()->setDate(QDate(2018, 4, 5));
    review->daysBox()->setValue(40);
    t.record(review);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::InternalReview);
    EXPECT_EQ(r.reviewDays, 40);
    w.showRequests(RequestList::Open);
    EXPECT_NE(t.timeLeft(QStringLiteral("20180212")), QStringLiteral("(not listed)"))
        << "an internal review is open work";
    ASSERT_TRUE(w.selectRequest(QStringLiteral("20180212")));
    ui::RequestActionDialog *complete = t.open(RequestAction::CompleteReview);
    ASSERT_NE(complete, nullptr);
    EXPECT_EQ(complete->outcomeBox()->currentText(), QStringLiteral("Information provided in part"));
    complete->dayEdit()->setDate(QDate(2018, 4, 9));
    complete->outcomeBox()->setCurrentIndex(
        complete->outcomeBox()->findText(QStringLiteral("Information provided in full")));
    t.record(complete);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::Closed);
    EXPECT_EQ(r.reviewCompleted, QDate(2018, 4, 9));
    EXPECT_EQ(r.outcome, QStringLiteral("Information provided in full"));

    // Details corrected: the title and notes, typed.
    ui::RequestActionDialog *details = t.open(RequestAction::EditDetails);
    ASSERT_NE(details, nullptr);
    test::expectUsablePage(details);
    EXPECT_FALSE(details->buttons()->button(QDialogButtonBox::Ok)->isEnabled()) << "nothing changed yet";
    details->titleEdit()->selectAll();
    QTest::keyClicks(details->titleEdit(), QStringLiteral("Knife crime by ward"));
    details->notesEdit()->setFocus();
    QTest::keyClicks(details->notesEdit(), QStringLiteral("Review upheld the s.40(2) withholding."));
    t.record(details);
    r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.title, QStringLiteral("Knife crime by ward"));
    EXPECT_EQ(r.notes, QStringLiteral("Review upheld the s.40(2) withholding."));
    EXPECT_EQ(r.status, RequestStatus::Closed);
    EXPECT_TRUE(w.requestSummaryLabel()->text().contains(QStringLiteral("Notes: Review upheld")));

    test::saveScreenshot(&w, QStringLiteral("main-window-request-history"));
    // Seven changes, seven versions, and every one in the audit trail.
    EXPECT_EQ(r.version, 8);
    EXPECT_GE(historyLines(w), lines + 6);
    EXPECT_TRUE(t.errors.isEmpty()) << t.errors.join(QLatin1Char('\n')).toStdString();
}

TEST(RequestActions, ARequestWhoseClarificationNeverCameIsClosed)
{
    Window t;
    ASSERT_TRUE(t.w.selectRequest(QStringLiteral("20180212")));
    ui::RequestActionDialog *seek = t.open(RequestAction::SeekClarification);
    ASSERT_NE(seek, nullptr);
    seek->dayEdit()->setDate(QDate(2018, 2, 13));
    t.record(seek);
    EXPECT_FALSE(t.w.requestAction(RequestAction::Respond)->isEnabled());
    ui::RequestActionDialog *close = t.open(RequestAction::Close);
    ASSERT_NE(close, nullptr);
    EXPECT_EQ(close->outcomeBox()->currentText(), QStringLiteral("Withdrawn"));
    close->notesEdit()->setPlainText(QStringLiteral("No answer to the clarification."));
    EXPECT_TRUE(close->effectLabel()->text().contains(QStringLiteral("leaves the open lists")))
        << close->effectLabel()->text().toStdString();
    t.record(close);
    const FoiRequestRecord r = t.stored(QStringLiteral("20180212"));
    EXPECT_EQ(r.status, RequestStatus::Closed);
    EXPECT_EQ(r.outcome, QStringLiteral("Withdrawn"));
    t.w.showRequests(RequestList::Open);
    EXPECT_EQ(t.timeLeft(QStringLiteral("20180212")), QStringLiteral("(not listed)"));
    EXPECT_TRUE(t.errors.isEmpty()) << t.errors.join(QLatin1Char('\n')).toStdString();
}

TEST(RequestActions, AChangeMadeOnAStaleCopyIsRefusedAndTheOtherOfficersKept)
{
    Window t;
    ASSERT_TRUE(t.w.selectRequest(QStringLiteral("20180212")));
    ui::RequestActionDialog *details = t.open(RequestAction::EditDetails);
    ASSERT_NE(details, nullptr);
    details->notesEdit()->setPlainText(QStringLiteral("Mine"));

    // A colleague saves the same request while the dialog is open.
    {
        Result<std::unique_ptr<Register>> reg = Register::open(t.path);
        ASSERT_TRUE(reg.ok());
        FoiRequestRecord theirs = **(*reg)->findRequest(QStringLiteral("20180212"));
        theirs.notes = QStringLiteral("Theirs");
        ASSERT_TRUE((*reg)->updateRequest(theirs, QStringLiteral("B. Officer")).ok());
    }
    t.record(details);
    ASSERT_EQ(t.errors.size(), 1);
    EXPECT_TRUE(t.errors[0].contains(QStringLiteral("20180212"))) << t.errors[0].toStdString();
    EXPECT_EQ(t.stored(QStringLiteral("20180212")).notes, QStringLiteral("Theirs"));
    // The list was read again: the next change starts from their version.
    ASSERT_TRUE(t.w.selectRequest(QStringLiteral("20180212")));
    EXPECT_TRUE(t.w.requestSummaryLabel()->text().contains(QStringLiteral("Notes: Theirs")))
        << t.w.requestSummaryLabel()->text().toStdString();
}

TEST(RequestActions, WriteTheDisclosureLogFromTheFileMenu)
{
    Window t;
    t.chosenFile = t.tmp.filePath(QStringLiteral("log.csv"));
    ui::DisclosureLogDialog *dialog = t.w.writeDisclosureLog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    test::expectUsablePage(dialog);
    EXPECT_TRUE(dialog->pathEdit()->text().endsWith(QStringLiteral("disclosure-log-2018-04-10.csv")))
        << dialog->pathEdit()->text().toStdString();
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) { // Browse…: the chooser's file
        if (b->text() == QStringLiteral("B&rowse…"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    EXPECT_EQ(dialog->path(), t.chosenFile);
    EXPECT_EQ(dialog->countLabel()->text(), QStringLiteral("It will list 1 request."));
    // Only those responded to in February: none.
    test::clickCheckBox(dialog->spanBox());
    dialog->fromEdit()->setDate(QDate(2018, 2, 1));
    dialog->toEdit()->setDate(QDate(2018, 2, 28));
    EXPECT_EQ(dialog->listed(), 0);
    dialog->toEdit()->setDate(QDate(2018, 1, 1));
    EXPECT_FALSE(dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled())
        << "the days the wrong way round";
    test::clickCheckBox(dialog->spanBox());
    EXPECT_EQ(dialog->listed(), 1);
    test::saveScreenshot(dialog, QStringLiteral("disclosure-log"));
    const QStringList logHeard = test::accessibilityProblems(dialog);
    EXPECT_TRUE(logHeard.isEmpty()) << logHeard.join(QLatin1Char('\n')).toStdString();
    QPointer<ui::DisclosureLogDialog> watch(dialog);
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return watch.isNull(); }));

    ASSERT_TRUE(t.errors.isEmpty()) << t.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(t.notices.size(), 1);
    EXPECT_TRUE(t.notices[0].contains(QStringLiteral("SHA-256"))) << t.notices[0].toStdString();
    QFile file(t.chosenFile);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    Result<std::unique_ptr<Register>> reg = Register::open(t.path);
    ASSERT_TRUE(reg.ok());
    EXPECT_EQ(file.readAll(), disclosureLogCsv(*(*reg)->requests(), *(*reg)->releases()));
    Result<QVector<AuditEvent>> trail = (*reg)->auditTrail();
    ASSERT_TRUE(trail.ok());
    EXPECT_TRUE(std::any_of(trail->begin(), trail->end(), [](const AuditEvent &e) {
        return e.detail.startsWith(QLatin1String("Disclosure log log.csv (1 request"));
    }));
}

TEST(RequestActions, LoadANewerBankHolidaysFeedAndTheDueDaysAreCounted)
{
    Window t;
    t.clock.setToday(QDate(2027, 12, 13));
    {
        Result<std::unique_ptr<Register>> reg = Register::open(t.path);
        ASSERT_TRUE(reg.ok());
        ASSERT_TRUE((*reg)
                        ->addRequest(test::foiRequest("FOI-2027-1210", QDate(2027, 12, 10)),
                                     QStringLiteral("A. Officer"))
                        .ok());
    }
    t.w.setClock(&t.clock);
    t.w.showRequests(RequestList::All);
    ASSERT_TRUE(t.w.selectRequest(QStringLiteral("FOI-2027-1210")));
    EXPECT_TRUE(t.timeLeft(QStringLiteral("FOI-2027-1210")).startsWith(QStringLiteral("Not counted")));
    EXPECT_TRUE(t.w.requestSummaryLabel()->text().contains(QStringLiteral("cannot be counted")))
        << t.w.requestSummaryLabel()->text().toStdString();

    // A file that is not the feed is refused, naming it, and nothing changes.
    t.chosenFile = t.tmp.filePath(QStringLiteral("not-a-feed.json"));
    test::writeAll(t.chosenFile, "[1, 2, 3]");
    QAction *load = nullptr;
    for (QAction *a : t.w.findChildren<QAction *>()) {
        if (a->text() == QStringLiteral("Load &bank holidays…"))
            load = a;
    }
    ASSERT_NE(load, nullptr);
    load->trigger();
    ASSERT_EQ(t.errors.size(), 1);
    EXPECT_TRUE(t.errors[0].contains(QStringLiteral("not-a-feed.json"))) << t.errors[0].toStdString();
    EXPECT_TRUE(t.timeLeft(QStringLiteral("FOI-2027-1210")).startsWith(QStringLiteral("Not counted")));

    t.chosenFile = t.tmp.filePath(QStringLiteral("bank-holidays.json"));
    test::writeAll(t.chosenFile, R"({"england-and-wales": {"events": [
        {"title": "New Year’s Day", "date": "2028-01-03"}, {"title": "Good Friday", "date": "2028-04-14"}]},
        "scotland": {"events": [{"title": "2nd January", "date": "2028-01-04"}]}})");
    load->trigger();
    ASSERT_EQ(t.errors.size(), 1) << t.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(t.notices.size(), 1);
    EXPECT_TRUE(t.notices[0].contains(QStringLiteral("14 April 2028"))) << t.notices[0].toStdString();
    ASSERT_TRUE(t.w.selectRequest(QStringLiteral("FOI-2027-1210")));
    EXPECT_EQ(t.w.requestsModel()->rows().at(t.w.requestsView()->currentIndex().row()).timing.due,
              QDate(2028, 1, 13));
    EXPECT_TRUE(t.w.requestSummaryLabel()->text().contains(QStringLiteral("Due 13 January 2028.")))
        << t.w.requestSummaryLabel()->text().toStdString();
    // Kept in the register: a window opened on it later counts by the feed too.
    ui::MainWindow again;
    again.setClock(&t.clock);
    ASSERT_TRUE(again.openRegister(t.path).ok());
    again.showRequests(RequestList::All);
    ASSERT_TRUE(again.selectRequest(QStringLiteral("FOI-2027-1210")));
    EXPECT_EQ(again.requestsModel()->rows().at(again.requestsView()->currentIndex().row()).timing.due,
              QDate(2028, 1, 13));
}
