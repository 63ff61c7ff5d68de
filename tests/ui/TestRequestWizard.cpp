// The request wizard driven as an officer drives it, through the seed's request on the demo register.
#include "WizardDriver.h"
#include "demo/DemoGenerator.h"
#include "protect/Release.h"
#include "register/MinimumThresholdDialog.h"
#include "register/Register.h"
#include "register/RegisterModels.h"
#include "requests/AuditModel.h"
#include "requests/RequestsModel.h"
#include "wizard/CriteriaPage.h"
#include "wizard/DataPage.h"
#include "wizard/ExportPage.h"
#include "wizard/PreviewPage.h"
#include "wizard/ProtectionPage.h"
#include "wizard/ReleasedTableModel.h"
#include "wizard/RequestPage.h"
#include "wizard/TabulateJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <gtest/gtest.h>

using namespace foi;
using test::clickNext;
using test::waitUntilComplete;

namespace {

std::string json(const Request &r)
{
    return r.toJson().toStdString();
}

QStringList labelTexts(const QList<QLabel *> &labels)
{
    QStringList out;
    for (const QLabel *l : labels)
        out << l->text();
    return out;
}

} // namespace

TEST(RequestWizard, TakesTheSeedRequestFromNewRequestToTheExportedSpreadsheetTheCommandLineWouldGive)
{
    test::Desk desk;
    // What the command line gives for the seed's request file on this register, before anything is released.
    const test::CliRun cli =
        test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), desk.registerPath,
                      QStringLiteral("--request"), test::seedRequestPath(), QStringLiteral("--format"),
                      QStringLiteral("json")});
    ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();
    const QVector<QVector<QStringList>> expected = test::jsonTables(cli.out.toUtf8());
    ASSERT_EQ(expected.size(), 2);

    test::saveScreenshot(desk.window.get(), QStringLiteral("main-window"));
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    wizard->tabulateJob()->setDelay(0);
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::RequestPageId);
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // nothing entered yet

    // 1. The request: the due day appears as soon as the day received is set.
    test::expectUsablePage(wizard->requestPage());
    test::enterSeedRequest(wizard, true);
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::DataPageId)
        << desk.errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(wizard->requestPage()->dueLabel()->text().contains(QStringLiteral("Wednesday 7 March 2018")))
        << wizard->requestPage()->dueLabel()->text().toStdString();
    // Nothing is stored from the page: the request goes into the register with its release.
    EXPECT_EQ(desk.window->requestsModel()->rowCount(), 0);
    EXPECT_FALSE(desk.window->currentRegister()->findRequest(QStringLiteral("20180207"))->has_value());

    // 2. The data: the systems and the merge report.
    ASSERT_TRUE(waitUntilComplete(wizard));
    EXPECT_EQ(wizard->dataPage()->systemsModel()->rowCount(), 2);
    EXPECT_TRUE(wizard->dataPage()->reportLabel()->text().contains(QStringLiteral("After the merge")));
    EXPECT_GT(wizard->dataPage()->rejectsModel()->rowCount(), 0); // the demo rejects rows on purpose
    test::saveScreenshot(wizard, QStringLiteral("wizard-2-data"));
    test::expectUsablePage(wizard->dataPage());
    clickNext(wizard);

    // 3. The criteria.
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::CriteriaPageId);
    test::chooseSeedCriteria(wizard);
    test::saveScreenshot(wizard, QStringLiteral("wizard-3-criteria"));
    test::expectUsablePage(wizard->criteriaPage());
    clickNext(wizard);

    // 4. Tables and protection: the seed's two tables, threshold 5 from the preferences.
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::ProtectionPageId);
    test::nameSeedTables(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard))
        << wizard->protectionPage()->assessmentLabel()->text().toStdString();
    EXPECT_TRUE(
        wizard->protectionPage()->assessmentLabel()->text().contains(QStringLiteral("The audit passes")));
    // The officer's clicks made exactly the seed's request file.
    Result<Request> seed = Request::load(test::seedRequestPath());
    ASSERT_TRUE(seed.ok());
    EXPECT_TRUE(wizard->draft()->request == *seed) << json(wizard->draft()->request) << "\n" << json(*seed);
    test::saveScreenshot(wizard, QStringLiteral("wizard-4-protection"));
    test::expectUsablePage(wizard->protectionPage());
    clickNext(wizard);

    // 5. Preview: each table as released, the warnings weighed before going on.
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::PreviewPageId);
    ui::PreviewPage *preview = wizard->previewPage();
    ASSERT_EQ(preview->tableModels().size(), 2);
    for (int t = 0; t < 2; ++t) {
        const ui::ReleasedTableModel *model = preview->tableModels()[t];
        ASSERT_EQ(model->rowCount(), expected[t].size());
        for (int r = 0; r < model->rowCount(); ++r)
            for (int c = 0; c < model->columnCount(); ++c)
                EXPECT_EQ(model->data(model->index(r, c)).toString(), expected[t][r][c]) << t << " " << r;
    }
    const QJsonArray cliWarnings =
        QJsonDocument::fromJson(cli.out.toUtf8()).object().value(QStringLiteral("warnings")).toArray();
    EXPECT_EQ(preview->warningLabels().size(), cliWarnings.size());
    ASSERT_FALSE(cliWarnings.isEmpty());
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // the warnings are not weighed yet
    // The officer's own view shows the true counts, marked, and the release again when unticked.
    test::clickCheckBox(preview->unprotectedBox());
    EXPECT_TRUE(preview->unprotectedBanner()->isVisible());
    EXPECT_TRUE(preview->tableModels()[0]->unprotected());
    test::clickCheckBox(preview->unprotectedBox());
    EXPECT_FALSE(preview->tableModels()[0]->unprotected());
    EXPECT_FALSE(preview->searchLabel()->text().isEmpty());
    EXPECT_EQ(
        preview->searchLabel()->text(),
        QJsonDocument::fromJson(cli.out.toUtf8()).object().value(QStringLiteral("search_text")).toString());
    test::clickCheckBox(preview->warningsWeighedBox());
    test::saveScreenshot(wizard, QStringLiteral("wizard-5-preview"));
    test::expectUsablePage(wizard->previewPage());
    clickNext(wizard);

    // 6. Export: the files named from the reference, through the gate, recorded, the request responded.
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::ExportPageId);
    ui::ExportPage *exportPage = wizard->exportPage();
    EXPECT_EQ(QDir::fromNativeSeparators(exportPage->folderEdit()->text()), desk.outputFolder);
    EXPECT_TRUE(exportPage->namesLabel()->text().contains(QStringLiteral("FOI-20180207.xlsx")));
    EXPECT_FALSE(wizard->button(QWizard::FinishButton)->isEnabled()); // nothing exported yet
    test::clickCheckBox(exportPage->markRespondedBox());
    QTest::mouseClick(exportPage->exportButton(), Qt::LeftButton);
    ASSERT_EQ(exportPage->writtenFiles().size(), 2) << exportPage->resultLabel()->text().toStdString();
    const QString xlsx = QDir(desk.outputFolder).filePath(QStringLiteral("FOI-20180207.xlsx"));
    EXPECT_EQ(exportPage->writtenFiles().first(), xlsx);
    EXPECT_TRUE(
        QFileInfo::exists(QDir(desk.outputFolder).filePath(QStringLiteral("FOI-20180207-response.docx"))));
    EXPECT_TRUE(exportPage->responseTextEdit()->toPlainText().contains(QStringLiteral("FOI-20180207.xlsx")));
    test::saveScreenshot(wizard, QStringLiteral("wizard-6-export"));
    test::expectUsablePage(wizard->exportPage());

    // The spreadsheet's cells, as a requester's spreadsheet program reads them, are the command line's.
    QString error;
    const QVector<QVector<QStringList>> exported = test::xlsxTables(xlsx, &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_EQ(exported, expected);
    // So is the request file the wizard saves.
    const QString requestFile = desk.tmp.filePath(QStringLiteral("wizard-request.json"));
    ASSERT_TRUE(exportPage->saveRequestFile(requestFile));
    const test::CliRun again = test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"),
                                             desk.registerPath, QStringLiteral("--request"), requestFile,
                                             QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_EQ(test::jsonTables(again.out.toUtf8()), expected);

    // The register holds the release with its two files, and the request responded.
    Register *reg = desk.window->currentRegister();
    Result<QVector<ReleaseRecord>> releases = reg->releases();
    ASSERT_TRUE(releases.ok());
    ASSERT_EQ(releases->size(), 1);
    EXPECT_EQ(releases->first().files.size(), 2);
    EXPECT_EQ(releases->first().officer, QStringLiteral("A. Officer"));
    Result<std::optional<FoiRequestRecord>> stored = reg->findRequest(QStringLiteral("20180207"));
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->status, RequestStatus::Responded);
    EXPECT_EQ((*stored)->responded, QDate(2018, 2, 8));
    EXPECT_EQ((*stored)->outcome, QStringLiteral("Information provided in part"));

    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
    // Off the open list: the window shows the list that holds it, the request selected, with its history.
    ASSERT_EQ(desk.window->requestsModel()->rowCount(), 1);
    const QModelIndex current = desk.window->requestsView()->currentIndex();
    ASSERT_TRUE(current.isValid()) << "the request answered is not selected";
    EXPECT_EQ(desk.window->requestsModel()->rows().at(current.row()).request.reference,
              QStringLiteral("20180207"));
    QStringList history;
    for (const AuditEvent &e : desk.window->historyModel()->events())
        history << e.action;
    EXPECT_TRUE(history.contains(QStringLiteral("release"))) << history.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(history.count(QStringLiteral("export")), 2);
    EXPECT_TRUE(desk.errors.isEmpty()) << desk.errors.join(QLatin1Char('\n')).toStdString();
}

TEST(RequestWizard, GoingBackAndChangingACriterionWorksTheReleaseOutAgain)
{
    test::Desk desk;
    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    const qint64 before = wizard->draft()->release()->summary.crimes;

    // Back to the criteria: the choices are as left; the oldest age lowered to 5.
    QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::CriteriaPageId);
    ui::CriteriaPage *criteria = wizard->criteriaPage();
    EXPECT_TRUE(criteria->ageLimitBox()->isChecked());
    EXPECT_EQ(criteria->ageMaxBox()->value(), 9);
    criteria->ageMaxBox()->setFocus();
    criteria->ageMaxBox()->selectAll();
    QTest::keyClicks(criteria->ageMaxBox(), QStringLiteral("5"));
    EXPECT_FALSE(wizard->draft()->release()); // what was worked out before no longer holds
    clickNext(wizard);
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::ProtectionPageId);
    ASSERT_TRUE(waitUntilComplete(wizard));
    EXPECT_EQ(*wizard->draft()->request.criteria.ageMax, 5);
    EXPECT_EQ(wizard->protectionPage()->tableRows().size(), 2); // the tables as left
    const std::shared_ptr<const Release> release = wizard->draft()->release();
    ASSERT_TRUE(release);
    EXPECT_LT(release->summary.crimes, before);
    // The command line agrees with what the wizard now shows.
    const QString requestFile = desk.tmp.filePath(QStringLiteral("younger.json"));
    ASSERT_TRUE(wizard->draft()->request.save(requestFile).ok());
    const test::CliRun cli = test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"),
                                           desk.registerPath, QStringLiteral("--request"), requestFile,
                                           QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();
    QVector<QVector<QStringList>> shown;
    for (const ReleasedTable &t : release->tables) {
        QVector<QStringList> rows;
        for (const ReleasedCell &c : t.cells)
            rows << QStringList{c.rowLabel, c.shown};
        rows << QStringList{QStringLiteral("Total"), t.total.shown};
        shown << rows;
    }
    EXPECT_EQ(shown, test::jsonTables(cli.out.toUtf8()));
}

TEST(RequestWizard, WarnsOfDifferencingWithAnEarlierReleaseAndWaitsUntilTheOfficerHasWeighedIt)
{
    test::Desk desk;
    // An earlier release of the same question to the end of September 2017, recorded from the command line
    // by a colleague: the seed's request differs from it by a few crimes.
    Result<Request> earlier = Request::load(test::seedRequestPath());
    ASSERT_TRUE(earlier.ok());
    earlier->reference = QStringLiteral("20171015");
    earlier->criteria.to = QDate(2017, 9, 30);
    const QString earlierFile = desk.tmp.filePath(QStringLiteral("earlier.json"));
    ASSERT_TRUE(earlier->save(earlierFile).ok());
    const test::CliRun recorded =
        test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), desk.registerPath,
                      QStringLiteral("--request"), earlierFile, QStringLiteral("--record")});
    ASSERT_EQ(recorded.exitCode, 0) << recorded.err.toStdString();
    const test::CliRun cli =
        test::runCli({QStringLiteral("tabulate"), QStringLiteral("--register"), desk.registerPath,
                      QStringLiteral("--request"), test::seedRequestPath(), QStringLiteral("--format"),
                      QStringLiteral("json")});
    ASSERT_EQ(cli.exitCode, 0);
    ASSERT_TRUE(cli.out.contains(QStringLiteral("\"differencing\"")))
        << "the demo data no longer differ by a few";
    // The window reads the register again, with the colleague's release.
    QSignalSpy ready(desk.window.get(), &ui::MainWindow::frameReady);
    ASSERT_TRUE(desk.window->openRegister(desk.registerPath, true).ok());
    ASSERT_TRUE(ready.wait(60000));

    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    clickNext(wizard);
    ASSERT_EQ(wizard->currentId(), ui::RequestWizard::PreviewPageId);
    const QStringList warnings = labelTexts(wizard->previewPage()->warningLabels());
    const QString all = warnings.join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("Differencing with an earlier release"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("20171015"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("What would remove the risk"))) << all.toStdString();
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled());
    test::clickCheckBox(wizard->previewPage()->warningsWeighedBox());
    EXPECT_TRUE(wizard->button(QWizard::NextButton)->isEnabled());
}

TEST(RequestWizard, CancellingAnImportKeepsTheRegisterAsItWasAndLeavingAsksBeforeKeepingTheRequest)
{
    test::Desk desk;
    const qint64 importsBefore = desk.window->currentRegister()->imports()->size();
    ui::RequestWizard *wizard = desk.startNewRequest();
    ASSERT_NE(wizard, nullptr);
    test::enterSeedRequest(wizard);
    ASSERT_TRUE(waitUntilComplete(wizard));

    // A large extract to import, cancelled as soon as it starts.
    DemoOptions options;
    options.crimes = 50000;
    const QString extracts = desk.tmp.filePath(QStringLiteral("extracts"));
    Result<DemoFiles> files = generateDemo(extracts, options);
    ASSERT_TRUE(files.ok()) << files.error().toString().toStdString();
    ui::DataPage *data = wizard->dataPage();
    QSignalSpy finished(data, &ui::DataPage::importFinished);
    data->setFileChooser([&] { return QStringList{files->cmsCsv}; });
    data->profileBox()->setCurrentIndex(data->profileBox()->findData(QStringLiteral("cms")));
    QTest::mouseClick(data->importButton(), Qt::LeftButton);
    EXPECT_TRUE(data->isImporting());
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // not while the register changes
    EXPECT_TRUE(data->cancelButton()->isEnabled());
    QTest::mouseClick(data->cancelButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_FALSE(finished.first().first().toBool());
    EXPECT_TRUE(data->statusLabel()->text().contains(QStringLiteral("cancelled")))
        << data->statusLabel()->text().toStdString();
    EXPECT_EQ(desk.window->currentRegister()->imports()->size(), importsBefore);
    EXPECT_TRUE(waitUntilComplete(wizard));

    // Escape asks before leaving: "Go back" stays, "Keep it on the list" stores the request, in progress.
    QStringList asked;
    ui::RequestWizard::Leave answer = ui::RequestWizard::Leave::Stay;
    wizard->setLeaveQuestion([&](const QString &question) {
        asked << question;
        return answer;
    });
    QTest::keyClick(wizard, Qt::Key_Escape);
    ASSERT_EQ(asked.size(), 1);
    EXPECT_TRUE(asked[0].contains(QStringLiteral("20180207"))) << asked[0].toStdString();
    EXPECT_TRUE(wizard->isVisible());
    EXPECT_FALSE(desk.window->currentRegister()->findRequest(QStringLiteral("20180207"))->has_value());
    answer = ui::RequestWizard::Leave::Keep;
    QTest::keyClick(wizard, Qt::Key_Escape);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
    Result<std::optional<FoiRequestRecord>> stored =
        desk.window->currentRegister()->findRequest(QStringLiteral("20180207"));
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->status, RequestStatus::InProgress);
    EXPECT_EQ(desk.window->requestsModel()->rowCount(), 1);
}

namespace {

/// What the register holds that a wizard could change: its requests, releases and audit trail.
QString registerState(Register &reg)
{
    QStringList state;
    const Result<QVector<FoiRequestRecord>> requests = reg.requests();
    for (const FoiRequestRecord &r : *requests)
        state << r.reference + QLatin1Char('/') + QString::number(r.version);
    state << QString::number(reg.releases()->size());
    state << QString::number(reg.auditTrail()->size());
    return state.join(QLatin1Char(' '));
}

} // namespace

TEST(RequestWizard, CancelOnEveryPageWithDiscardLeavesTheRegisterAsItWas)
{
    test::Desk desk;
    Register &reg = *desk.window->currentRegister();
    const QString before = registerState(reg);
    for (int page = ui::RequestWizard::RequestPageId; page <= ui::RequestWizard::PreviewPageId; ++page) {
        SCOPED_TRACE(page);
        ui::RequestWizard *wizard = desk.startNewRequest();
        ASSERT_NE(wizard, nullptr);
        wizard->tabulateJob()->setDelay(0);
        int questions = 0;
        wizard->setLeaveQuestion([&](const QString &) {
            ++questions;
            return ui::RequestWizard::Leave::Discard;
        });
        if (page == ui::RequestWizard::RequestPageId) {
            QTest::keyClicks(wizard->requestPage()->referenceEdit(), QStringLiteral("20180207"));
        } else {
            test::enterSeedRequest(wizard);
            ASSERT_TRUE(waitUntilComplete(wizard));
        }
        if (page >= ui::RequestWizard::CriteriaPageId) {
            clickNext(wizard);
            test::chooseSeedCriteria(wizard);
        }
        if (page >= ui::RequestWizard::ProtectionPageId) {
            clickNext(wizard);
            test::nameSeedTables(wizard);
            ASSERT_TRUE(waitUntilComplete(wizard));
        }
        if (page >= ui::RequestWizard::PreviewPageId)
            clickNext(wizard);
        ASSERT_EQ(wizard->currentId(), page);
        QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        ASSERT_TRUE(
            QTest::qWaitFor([&] { return desk.window->findChild<ui::RequestWizard *>() == nullptr; }, 5000));
        // Nothing entered yet on the first page: nothing to ask about.
        EXPECT_EQ(questions, page == ui::RequestWizard::RequestPageId ? 0 : 1);
        EXPECT_EQ(registerState(reg), before);
        EXPECT_EQ(desk.window->requestsModel()->rowCount(), 0);
    }
}

TEST(RequestWizard, AThresholdBelowTheUsualNeedsAReasonTypedOnTheProtectionPage)
{
    test::Desk desk;
    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    ui::ProtectionPage *page = wizard->protectionPage();
    ASSERT_TRUE(wizard->draft()->release() && wizard->draft()->release()->passes);
    // The officer types a lower threshold: the assessment refuses it and says what to do.
    page->thresholdBox()->setFocus();
    page->thresholdBox()->selectAll();
    QTest::keyClicks(page->thresholdBox(), QStringLiteral("4"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->draft()->release() != nullptr; }, 30000));
    std::shared_ptr<const Release> release = wizard->draft()->release();
    EXPECT_FALSE(release->passes);
    EXPECT_TRUE(release->failure.contains(QStringLiteral("below the usual 5")))
        << release->failure.toStdString();
    EXPECT_TRUE(page->assessmentLabel()->text().contains(QStringLiteral("below the usual 5")))
        << page->assessmentLabel()->text().toStdString();
    EXPECT_FALSE(wizard->button(QWizard::NextButton)->isEnabled());
    // With a reason typed, the release passes, and the reason is the request's.
    QTest::keyClicks(page->thresholdReasonField(), QStringLiteral("agreed with the DPO"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return wizard->draft()->release() != nullptr && wizard->draft()->release()->passes; }, 30000));
    EXPECT_EQ(wizard->draft()->request.protection.thresholdReason, QStringLiteral("agreed with the DPO"));
    EXPECT_EQ(page->thresholdReasonField()->accessibleName(), QStringLiteral("Why the threshold is below 5"));
}

TEST(RequestWizard, TheMinimumThresholdIsSetFromTheFileMenuWithAReasonAndRefusesWhatFallsBelow)
{
    test::Desk desk;
    ui::MinimumThresholdDialog *dialog = desk.window->showMinimumThreshold();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->thresholdBox()->value(), 3); // the default, until someone sets it
    EXPECT_EQ(dialog->thresholdBox()->accessibleName(), QStringLiteral("Minimum threshold"));
    EXPECT_EQ(dialog->reasonEdit()->accessibleName(), QStringLiteral("Why the minimum changes"));
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    dialog->thresholdBox()->setFocus();
    dialog->thresholdBox()->selectAll();
    QTest::keyClicks(dialog->thresholdBox(), QStringLiteral("5"));
    EXPECT_FALSE(ok->isEnabled()); // a change needs a reason
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("Information rights board"));
    ASSERT_TRUE(ok->isEnabled());
    QSignalSpy ready(desk.window.get(), &ui::MainWindow::frameReady);
    QTest::mouseClick(ok, Qt::LeftButton);
    EXPECT_EQ(*desk.window->currentRegister()->minimumThreshold(), 5);
    const auto trail = desk.window->currentRegister()->auditTrail();
    ASSERT_TRUE(trail.ok());
    EXPECT_TRUE(std::any_of(trail->begin(), trail->end(), [](const AuditEvent &e) {
        return e.detail == QStringLiteral("Minimum threshold changed from 3 to 5: Information rights board");
    }));
    ASSERT_TRUE(ready.wait(60000)); // the window reads the register again

    // A threshold of 4 is now refused, whatever the reason typed.
    ui::RequestWizard *wizard = test::seedRequestToProtection(desk);
    ASSERT_NE(wizard, nullptr);
    ui::ProtectionPage *page = wizard->protectionPage();
    page->thresholdBox()->setFocus();
    page->thresholdBox()->selectAll();
    QTest::keyClicks(page->thresholdBox(), QStringLiteral("4"));
    QTest::keyClicks(page->thresholdReasonField(), QStringLiteral("asked for"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto r = wizard->draft()->release();
            return r && r->request.protection.threshold == 4 &&
                   r->request.protection.thresholdReason == QStringLiteral("asked for");
        },
        30000));
    EXPECT_FALSE(wizard->draft()->release()->passes);
    EXPECT_TRUE(
        wizard->draft()->release()->failure.contains(QStringLiteral("below the force's minimum of 5")));
}
