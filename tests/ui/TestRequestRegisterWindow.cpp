// The main window's request register: the lists, a request's history, the status line and the preferences.
#include "MainWindow.h"
#include "Preferences.h"
#include "requests/AuditModel.h"
#include "requests/RequestsModel.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace foi;

namespace {

/// A register with three requests: one overdue on 8 March 2018, one due that week, one responded.
QString registerWithRequests(const QTemporaryDir &tmp)
{
    const QString path = tmp.filePath(QStringLiteral("requests.sqlite"));
    Result<std::unique_ptr<Register>> reg = Register::open(path);
    EXPECT_TRUE(reg.ok());
    EXPECT_TRUE(
        (*reg)
            ->addRequest(test::foiRequest("OVERDUE-1", QDate(2018, 1, 15)), QStringLiteral("A. Officer"))
            .ok());
    EXPECT_TRUE(
        (*reg)->addRequest(test::foiRequest("DUE-2", QDate(2018, 2, 12)), QStringLiteral("A. Officer")).ok());
    FoiRequestRecord done = test::foiRequest("DONE-3", QDate(2018, 1, 2));
    done.status = RequestStatus::Responded;
    done.responded = QDate(2018, 1, 20);
    done.outcome = QStringLiteral("Information provided in full");
    EXPECT_TRUE((*reg)->addRequest(done, QStringLiteral("B. Officer")).ok());
    return path;
}

QStringList references(const ui::RequestsModel *model)
{
    QStringList out;
    for (const RequestRow &row : model->rows())
        out << row.request.reference;
    return out;
}

} // namespace

TEST(RequestRegisterWindow, ListsOpenDueThisWeekOverdueAndRespondedRequestsWithTheirHistory)
{
    QTemporaryDir tmp;
    const QString path = registerWithRequests(tmp);
    ui::MainWindow w;
    QStringList errors;
    w.setErrorHandler([&](const QString &title, const QString &message) { errors << title + message; });
    QAbstractItemModelTester requestsTester(w.requestsModel());
    QAbstractItemModelTester historyTester(w.historyModel());
    FixedClock clock(QDate(2018, 3, 12)); // Monday: DUE-2 is due today, OVERDUE-1 was due on 12 February
    w.setClock(&clock);
    ASSERT_TRUE(w.openRegister(path).ok());
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));

    EXPECT_EQ(references(w.requestsModel()),
              (QStringList{QStringLiteral("OVERDUE-1"), QStringLiteral("DUE-2")}));
    // Overdue is said in words, not by colour alone.
    EXPECT_TRUE(w.requestsModel()
                    ->data(w.requestsModel()->index(0, ui::RequestsModel::TimeLeft))
                    .toString()
                    .startsWith(QStringLiteral("Overdue")));
    // The list is chosen from the keyboard: the combo box has the focus and a key moves it on.
    w.listBox()->setFocus();
    QTest::keyClick(w.listBox(), Qt::Key_Down); // Due this week
    ASSERT_EQ(w.listBox()->currentData().toInt(), int(RequestList::DueThisWeek));
    w.showRequests(RequestList::Overdue);
    EXPECT_EQ(references(w.requestsModel()), QStringList{QStringLiteral("OVERDUE-1")});
    w.showRequests(RequestList::Responded);
    EXPECT_EQ(references(w.requestsModel()), QStringList{QStringLiteral("DONE-3")});
    w.showRequests(RequestList::All);
    EXPECT_EQ(w.requestsModel()->rowCount(), 3);

    // A request's history: its lines of the audit trail, newest first.
    w.showRequests(RequestList::Responded);
    w.requestsView()->setCurrentIndex(w.requestsModel()->index(0, 0));
    ASSERT_EQ(w.historyModel()->rowCount(), 1);
    EXPECT_EQ(w.historyModel()->data(w.historyModel()->index(0, ui::AuditModel::What)).toString(),
              QStringLiteral("Request"));
    EXPECT_EQ(w.historyModel()->data(w.historyModel()->index(0, ui::AuditModel::Officer)).toString(),
              QStringLiteral("B. Officer"));
    EXPECT_TRUE(w.historyModel()
                    ->data(w.historyModel()->index(0, ui::AuditModel::Detail))
                    .toString()
                    .startsWith(QStringLiteral("Request added")));

    // The status line says which register is open, and that it is not the demo.
    EXPECT_TRUE(w.locationLabel()->text().startsWith(QStringLiteral("Register: ")))
        << w.locationLabel()->text().toStdString();
    EXPECT_FALSE(w.locationLabel()->text().contains(QStringLiteral("made-up")));
    // A register of requests alone has nothing to count yet, and says so without an error.
    EXPECT_TRUE(w.locationLabel()->text().endsWith(QStringLiteral("no extracts imported yet")))
        << w.locationLabel()->text().toStdString();
    EXPECT_TRUE(errors.isEmpty()) << errors.join(QLatin1Char('\n')).toStdString();
}

TEST(RequestRegisterWindow, HistoryIsNewestFirstAndNamesTheFilesHash)
{
    ui::AuditModel model;
    QAbstractItemModelTester tester(&model);
    AuditEvent first{1,
                     QDateTime(QDate(2018, 3, 1), QTime(10, 0), Qt::UTC),
                     QStringLiteral("A. Officer"),
                     QStringLiteral("release"),
                     QStringLiteral("20180207"),
                     QStringLiteral("Release recorded"),
                     QString()};
    AuditEvent second{2,
                      QDateTime(QDate(2018, 3, 1), QTime(10, 1), Qt::UTC),
                      QStringLiteral("A. Officer"),
                      QStringLiteral("export"),
                      QStringLiteral("20180207"),
                      QStringLiteral("FOI-20180207.xlsx"),
                      QStringLiteral("a3a112f12c55aa00bb")};
    model.setEvents({first, second});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.data(model.index(0, ui::AuditModel::What)).toString(), QStringLiteral("File exported"));
    EXPECT_EQ(model.data(model.index(0, ui::AuditModel::Detail)).toString(),
              QStringLiteral("FOI-20180207.xlsx (SHA-256 a3a112f12c55…)"));
    EXPECT_EQ(model.data(model.index(0, ui::AuditModel::Detail), Qt::ToolTipRole).toString(),
              QStringLiteral("SHA-256 a3a112f12c55aa00bb"));
    EXPECT_EQ(model.data(model.index(1, ui::AuditModel::What)).toString(),
              QStringLiteral("Release recorded"));
    EXPECT_EQ(model.data(model.index(1, ui::AuditModel::When), Qt::UserRole).toDateTime(), first.at);
}

TEST(RequestRegisterWindow, PreferencesAreKeptUnderTheApplicationsSettingsAndReadBack)
{
    QSettings().clear();
    ui::Preferences start = ui::Preferences::load();
    EXPECT_EQ(start.policy.threshold, 5); // a new request starts with the seed's threshold
    EXPECT_TRUE(start.policy.secondary);
    ui::PreferencesDialog dialog(start);
    QTest::keyClicks(dialog.organisationEdit(), QStringLiteral("Example Constabulary"));
    QTest::keyClicks(dialog.contactEdit(), QStringLiteral("foi@example.police.uk"));
    dialog.thresholdBox()->setValue(10);
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    dialog.preferences().save();
    const ui::Preferences read = ui::Preferences::load();
    EXPECT_EQ(read.organisation, QStringLiteral("Example Constabulary"));
    EXPECT_EQ(read.contact, QStringLiteral("foi@example.police.uk"));
    EXPECT_EQ(read.policy.threshold, 10);
    // The command line reads the same keys.
    EXPECT_EQ(QSettings().value(QStringLiteral("release/organisation")).toString(),
              QStringLiteral("Example Constabulary"));

    // A letter template that cannot be used is refused when it is chosen, not when a release is due.
    QTemporaryDir tmp;
    const QString bad = tmp.filePath(QStringLiteral("letter.txt"));
    test::writeAll(bad, "Dear requester,\n{{unknown}}\n");
    ui::PreferencesDialog again(read);
    again.letterTemplateEdit()->setText(bad);
    again.accept();
    EXPECT_NE(again.result(), QDialog::Accepted);
    QSettings().clear();
}
