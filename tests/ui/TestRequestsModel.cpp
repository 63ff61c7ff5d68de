// The request register as the main window lists it: each request's due day and time left in words (so
// that overdue and due soon do not rest on colour), checked on a fixed day by QAbstractItemModelTester.

#include "requests/RequestsModel.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

using namespace foi;

namespace {

FoiRequestRecord request(const char *reference, const QDate &received)
{
    return test::foiRequest(reference, received);
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}

} // namespace

TEST(RequestsModel, SaysInWordsWhatIsOverdueAndWhatIsDueSoon)
{
    const FixedClock clock(QDate(2018, 7, 25));
    QVector<FoiRequestRecord> all;
    all << request("later", QDate(2018, 7, 20));  // due 20 August (6 August is a Scottish holiday)
    all << request("soon", QDate(2018, 7, 2));    // due 31 July: 4 working days left
    all << request("overdue", QDate(2018, 6, 1)); // due 29 June
    all << request("today", QDate(2018, 6, 26));  // due 25 July (12 July is a Northern Irish holiday)
    FoiRequestRecord waiting = request("waiting", QDate(2018, 7, 10));
    waiting.status = RequestStatus::ClarificationSought;
    waiting.clarifications = {{QDate(2018, 7, 11), QDate()}};
    all << waiting;
    FoiRequestRecord answered = request("answered", QDate(2018, 2, 7));
    answered.status = RequestStatus::Responded;
    answered.responded = QDate(2018, 3, 1);
    all << answered;

    ui::RequestsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows(requestList(all, RequestList::All, clock));
    ASSERT_EQ(model.rowCount(), 6);
    EXPECT_EQ(model.columnCount(), int(ui::RequestsModel::ColumnCount));
    QHash<QString, int> rowOf;
    for (int r = 0; r < model.rowCount(); ++r)
        rowOf.insert(cell(model, r, ui::RequestsModel::Reference), r);
    // In due order, the stopped clock last.
    EXPECT_EQ(rowOf.value(QStringLiteral("overdue")), 1);
    EXPECT_EQ(rowOf.value(QStringLiteral("waiting")), 5);

    auto timeLeft = [&](const char *ref) {
        return cell(model, rowOf.value(QLatin1String(ref)), ui::RequestsModel::TimeLeft);
    };
    EXPECT_EQ(timeLeft("overdue"), QStringLiteral("Overdue by 17 working days"));
    EXPECT_EQ(timeLeft("today"), QStringLiteral("Due today"));
    EXPECT_EQ(timeLeft("soon"), QStringLiteral("Due soon: 4 working days left"));
    EXPECT_EQ(timeLeft("later"), QStringLiteral("17 working days left"));
    EXPECT_EQ(timeLeft("waiting"), QStringLiteral("Clock stopped: clarification sought"));
    EXPECT_EQ(timeLeft("answered"), QStringLiteral("Responded in 16 working days"));
    EXPECT_EQ(cell(model, rowOf.value(QStringLiteral("soon")), ui::RequestsModel::Due),
              QLocale().toString(QDate(2018, 7, 31), QStringLiteral("ddd d MMM yyyy")));
    EXPECT_EQ(cell(model, rowOf.value(QStringLiteral("waiting")), ui::RequestsModel::Status),
              QStringLiteral("Clarification sought"));
    // An icon repeats what the words say for overdue and due soon, never for the rest.
    const int overdue = rowOf.value(QStringLiteral("overdue")), later = rowOf.value(QStringLiteral("later"));
    EXPECT_TRUE(model.data(model.index(overdue, ui::RequestsModel::TimeLeft), Qt::DecorationRole).isValid());
    EXPECT_TRUE(model
                    .data(model.index(rowOf.value(QStringLiteral("soon")), ui::RequestsModel::TimeLeft),
                          Qt::DecorationRole)
                    .isValid());
    EXPECT_FALSE(model.data(model.index(later, ui::RequestsModel::TimeLeft), Qt::DecorationRole).isValid());
    // Screen readers hear the same words.
    EXPECT_EQ(cell(model, overdue, ui::RequestsModel::TimeLeft, Qt::AccessibleTextRole),
              QStringLiteral("Overdue by 17 working days"));
    EXPECT_EQ(model.headerData(ui::RequestsModel::TimeLeft, Qt::Horizontal).toString(),
              QStringLiteral("Time left"));

    // Changing the rows resets the model cleanly (the tester checks every signal).
    model.setRows(requestList(all, RequestList::Overdue, clock));
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(cell(model, 0, ui::RequestsModel::Reference), QStringLiteral("overdue"));
}
