#include "WizardDriver.h"

#include "demo/DemoRegister.h"
#include "widgets/DateField.h"
#include "wizard/CriteriaPage.h"
#include "wizard/DataPage.h"
#include "wizard/OffenceTreeModel.h"
#include "wizard/ProtectionPage.h"
#include "wizard/RequestPage.h"
#include "wizard/TabulateJob.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>
#include <QWizard>
#include <QtCharts/QChartView>

#include <gtest/gtest.h>

#include <functional>

namespace foi::test {

QString demoRegisterTemplate()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString p = dir.filePath(QStringLiteral("demo.sqlite"));
        DemoOptions options;
        options.crimes = 20000;
        Result<ImportSummary> built = buildDemoRegister(p, options);
        EXPECT_TRUE(built.ok()) << built.error().toString().toStdString();
        return p;
    }();
    return path;
}

QString seedRequestPath()
{
    return dataPath(QStringLiteral("requests/seed-20180207.json"));
}

Desk::Desk()
{
    registerPath = tmp.filePath(QStringLiteral("register.sqlite"));
    EXPECT_TRUE(QFile::copy(demoRegisterTemplate(), registerPath));
    QFile::setPermissions(registerPath, QFile::ReadOwner | QFile::WriteOwner);
    outputFolder = tmp.filePath(QStringLiteral("letters"));
    QDir().mkpath(outputFolder);

    window = std::make_unique<ui::MainWindow>();
    window->setErrorHandler([this](const QString &title, const QString &message) {
        errors << title + QStringLiteral(": ") + message;
    });
    window->setClock(&clock);
    ui::Preferences p;
    p.organisation = QStringLiteral("Example Constabulary");
    p.contact = QStringLiteral("Freedom of Information Unit, foi@example.police.uk");
    p.officer = QStringLiteral("A. Officer");
    p.exportFolder = outputFolder;
    p.policy.threshold = 5;
    window->setPreferences(p);
    QSignalSpy ready(window.get(), &ui::MainWindow::frameReady);
    const Status opened = window->openRegister(registerPath, true);
    EXPECT_TRUE(opened.ok()) << opened.error().toString().toStdString();
    EXPECT_TRUE(ready.wait(60000));
    window->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(window.get()));
}

Desk::~Desk()
{
    window.reset();
}

ui::RequestWizard *Desk::startNewRequest()
{
    QTest::mouseClick(window->newRequestButton(), Qt::LeftButton);
    auto *wizard = window->findChild<ui::RequestWizard *>();
    EXPECT_NE(wizard, nullptr);
    if (wizard) {
        EXPECT_TRUE(QTest::qWaitForWindowExposed(wizard));
    }
    return wizard;
}

void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

void clickNext(ui::RequestWizard *wizard)
{
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    EXPECT_TRUE(next->isEnabled()) << "Next is disabled on page " << wizard->currentId();
    QTest::mouseClick(next, Qt::LeftButton);
}

bool waitUntilComplete(ui::RequestWizard *wizard, int timeoutMs)
{
    return QTest::qWaitFor([wizard] { return wizard->currentPage()->isComplete(); }, timeoutMs);
}

void typeDate(ui::DateField *field, const QString &text)
{
    QLineEdit *edit = field->lineEdit();
    edit->setFocus(Qt::TabFocusReason);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

void enterSeedRequest(ui::RequestWizard *wizard, bool screenshot)
{
    ui::RequestPage *page = wizard->requestPage();
    Result<Request> seed = Request::load(seedRequestPath());
    ASSERT_TRUE(seed.ok());
    QTest::keyClicks(page->referenceEdit(), seed->reference);
    // The day is typed over the one shown, as an officer writes it; Tab goes on to the title.
    QTest::keyClick(page->referenceEdit(), Qt::Key_Tab);
    EXPECT_TRUE(page->receivedEdit()->lineEdit()->hasFocus());
    typeDate(page->receivedEdit(), seed->received.toString(QStringLiteral("d MMM yyyy")));
    EXPECT_EQ(page->receivedEdit()->date(), seed->received);
    QTest::keyClick(page->receivedEdit()->lineEdit(), Qt::Key_Tab);
    EXPECT_TRUE(page->titleEdit()->hasFocus());
    QTest::keyClicks(page->titleEdit(), seed->title);
    page->wordsEdit()->setFocus();
    QTest::keyClicks(page->wordsEdit(), seed->requestText);
    EXPECT_TRUE(page->isComplete());
    if (screenshot)
        saveScreenshot(wizard, QStringLiteral("wizard-1-request"));
    // Enter in a line edit is the wizard's default button: Next.
    QTest::keyClick(page->titleEdit(), Qt::Key_Return);
}

void chooseSeedCriteria(ui::RequestWizard *wizard)
{
    ui::CriteriaPage *page = wizard->criteriaPage();
    typeDate(page->fromEdit(), QStringLiteral("1 January 2016"));
    typeDate(page->toEdit(), QStringLiteral("31/01/2018"));
    EXPECT_EQ(page->fromEdit()->date(), QDate(2016, 1, 1));
    EXPECT_EQ(page->toEdit()->date(), QDate(2018, 1, 31));
    page->dateBasisBox()->setCurrentIndex(
        page->dateBasisBox()->findData(int(Criteria::DateBasis::Committed)));
    clickCheckBox(page->ageLimitBox());
    EXPECT_TRUE(page->ageLimitBox()->isChecked());
    for (QSpinBox *box : {page->ageMinBox(), page->ageMaxBox()}) {
        box->setFocus();
        box->selectAll();
        QTest::keyClicks(box, box == page->ageMinBox() ? QStringLiteral("1") : QStringLiteral("9"));
    }
    EXPECT_EQ(page->ageMinBox()->value(), 1);
    EXPECT_EQ(page->ageMaxBox()->value(), 9);
    clickCheckBox(page->roleBoxes().value(QStringLiteral("suspect")));
    clickCheckBox(page->roleBoxes().value(QStringLiteral("offender")));
    // Outcome 11 ticked from the keyboard: the item made current, then Space.
    QListWidget *outcomes = page->outcomesList();
    for (int i = 0; i < outcomes->count(); ++i) {
        if (outcomes->item(i)->data(Qt::UserRole).toInt() == 11) {
            outcomes->setFocus();
            outcomes->setCurrentRow(i);
            QTest::keyClick(outcomes, Qt::Key_Space);
            EXPECT_EQ(outcomes->item(i)->checkState(), Qt::Checked);
        }
    }
    const int preset = page->presetBox()->findText(QStringLiteral("Violence against the person"));
    ASSERT_GE(preset, 0);
    page->presetBox()->setCurrentIndex(preset);
    QTest::mouseClick(page->applyPresetButton(), Qt::LeftButton);
    EXPECT_GT(page->offenceModel()->checkedClassCount(), 0);
}

void nameSeedTables(ui::RequestWizard *wizard)
{
    Result<Request> seed = Request::load(seedRequestPath());
    ASSERT_TRUE(seed.ok());
    ui::ProtectionPage *page = wizard->protectionPage();
    ASSERT_EQ(page->tableRows().size(), seed->tables.size());
    for (int i = 0; i < seed->tables.size(); ++i) {
        QLineEdit *title = page->tableRows()[i].title;
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, seed->tables[i].title);
    }
}

void expectUsablePage(QWidget *page)
{
    const QList<QWidget *> widgets = page->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(page) || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        ASSERT_NE(a, nullptr);
        const QString name = a->text(QAccessible::Name).trimmed();
        EXPECT_FALSE(name.isEmpty()) << "a " << w->metaObject()->className() << " ("
                                     << w->objectName().toStdString() << ") has no accessible name, on "
                                     << page->metaObject()->className();
    }
    const QSize needed = page->minimumSizeHint();
    EXPECT_LE(needed.width(), page->width()) << page->metaObject()->className() << " needs a wider window";
    EXPECT_LE(needed.height(), page->height()) << page->metaObject()->className() << " needs a taller window";
}

ui::RequestWizard *seedRequestToCriteria(Desk &desk)
{
    ui::RequestWizard *wizard = desk.startNewRequest();
    if (!wizard)
        return nullptr;
    wizard->tabulateJob()->setDelay(0);
    enterSeedRequest(wizard);
    const bool loaded = waitUntilComplete(wizard);
    EXPECT_TRUE(loaded) << "the Data page did not load the counts";
    if (!loaded)
        return nullptr;
    clickNext(wizard);
    EXPECT_EQ(wizard->currentId(), ui::RequestWizard::CriteriaPageId);
    return wizard->currentId() == ui::RequestWizard::CriteriaPageId ? wizard : nullptr;
}

ui::RequestWizard *seedRequestToProtection(Desk &desk)
{
    ui::RequestWizard *wizard = seedRequestToCriteria(desk);
    if (!wizard)
        return nullptr;
    chooseSeedCriteria(wizard);
    clickNext(wizard);
    nameSeedTables(wizard);
    const bool worked = waitUntilComplete(wizard);
    EXPECT_TRUE(worked) << "the release was not worked out";
    EXPECT_EQ(wizard->currentId(), ui::RequestWizard::ProtectionPageId);
    return worked && wizard->currentId() == ui::RequestWizard::ProtectionPageId ? wizard : nullptr;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = QStringLiteral(FOI_SCREENSHOT_DIR);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(
        name + QString::fromLocal8Bit(qgetenv("FOI_SCREENSHOT_SUFFIX")) + QStringLiteral(".png"));
    QTest::qWait(50); // let the layouts and charts settle
    EXPECT_TRUE(widget->grab().save(path)) << path.toStdString();
}

namespace {

QString cellText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}

} // namespace

QVector<QVector<QStringList>> xlsxTables(const QString &path, QString *error)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(FOI_SOURCE_DIR "/tests/tools/check_xlsx.py"), path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    QVector<QVector<QStringList>> tables;
    const QJsonArray sheets = QJsonDocument::fromJson(python.readAllStandardOutput())
                                  .object()
                                  .value(QStringLiteral("sheets"))
                                  .toArray();
    for (const QJsonValue &s : sheets) {
        const QJsonObject sheet = s.toObject();
        const QJsonArray named = sheet.value(QStringLiteral("tables")).toArray();
        // The released tables' sheets (Table_1, Table_2, ...), not the cover, contents or notes.
        if (named.isEmpty() ||
            !sheet.value(QStringLiteral("name")).toString().startsWith(QLatin1String("Table_")))
            continue;
        // The named table's range ("A4:B10") says where its header is.
        const QString ref = named.first().toObject().value(QStringLiteral("ref")).toString();
        const int headerRow = ref.section(QLatin1Char(':'), 0, 0).mid(1).toInt();
        const QJsonArray values = sheet.value(QStringLiteral("values")).toArray();
        QVector<QStringList> rows;
        for (qsizetype r = headerRow; r < values.size(); ++r) { // below the header
            QStringList line;
            for (const QJsonValue &v : values[r].toArray())
                line << cellText(v);
            rows << line;
        }
        tables << rows;
    }
    return tables;
}

QVector<QVector<QStringList>> jsonTables(const QByteArray &json)
{
    QVector<QVector<QStringList>> tables;
    const QJsonArray all = QJsonDocument::fromJson(json).object().value(QStringLiteral("tables")).toArray();
    for (const QJsonValue &t : all) {
        const QJsonObject table = t.toObject();
        EXPECT_TRUE(table.value(QStringLiteral("columns")).isNull()) << "one-way tables only";
        QVector<QStringList> rows;
        for (const QJsonValue &c : table.value(QStringLiteral("cells")).toArray()) {
            const QJsonObject cell = c.toObject();
            rows << QStringList{cell.value(QStringLiteral("row_label")).toString(),
                                cell.value(QStringLiteral("shown")).toString()};
        }
        rows << QStringList{
            QStringLiteral("Total"),
            table.value(QStringLiteral("total")).toObject().value(QStringLiteral("shown")).toString()};
        tables << rows;
    }
    return tables;
}

} // namespace foi::test

namespace foi::test {

namespace {

QString plain(const QString &text)
{
    QString t = text;
    if (Qt::mightBeRichText(t)) {
        QTextDocument doc;
        doc.setHtml(t);
        t = doc.toPlainText();
    }
    return t.remove(QLatin1Char('&')).simplified();
}

QString describe(QWidget *w)
{
    QString text;
    if (auto *label = qobject_cast<QLabel *>(w))
        text = label->text();
    else if (auto *button = qobject_cast<QAbstractButton *>(w))
        text = button->text();
    return QStringLiteral("%1 '%2'").arg(QString::fromLatin1(w->metaObject()->className()),
                                         plain(text).left(40));
}

bool isTabPane(QWidget *w)
{
    QWidget *stack = w->parentWidget();
    return stack && stack->objectName() == QLatin1String("qt_tabwidget_stackedwidget");
}

bool shown(QWidget *w, QWidget *root)
{
    return w->isVisibleTo(root) && w->isVisible();
}

} // namespace

QStringList accessibilityProblems(QWidget *root)
{
    QStringList problems;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!shown(w, root) || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        if (!a)
            continue;
        const QString name = a->text(QAccessible::Name).trimmed();
        const QString description = a->text(QAccessible::Description).trimmed();
        auto fail = [&](const QString &why) {
            problems << describe(w) + QStringLiteral(": ") + why;
        };

        if (auto *label = qobject_cast<QLabel *>(w)) {
            const QString text = plain(label->text());
            if (!text.isEmpty() && !label->buddy() &&
                !name.simplified().contains(text.left(30), Qt::CaseInsensitive))
                fail(QStringLiteral("a screen reader hears \"%1\", not its text").arg(name));
            continue;
        }
        if (qobject_cast<QComboBox *>(w)) {
            bool labelled = false;
            for (const auto &relation : a->relations(QAccessible::Label)) {
                if (relation.first && qobject_cast<QLabel *>(relation.first->object()))
                    labelled = true;
            }
            if (!labelled)
                fail(QStringLiteral("no label of its own (only its current text \"%1\" is read)").arg(name));
            continue;
        }
        const bool control = (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy();
        if (control && name.isEmpty())
            fail(QStringLiteral("a control with no name"));
        const bool view = (qobject_cast<QAbstractItemView *>(w) && !qobject_cast<QHeaderView *>(w)) ||
                          qobject_cast<QChartView *>(w);
        if (view && (name.isEmpty() || description.isEmpty()))
            fail(
                QStringLiteral("a table, list, tree or chart needs a name and a description (\"%1\", \"%2\")")
                    .arg(name, description));
        if ((qobject_cast<QTextEdit *>(w) || qobject_cast<QPlainTextEdit *>(w)) && name.isEmpty())
            fail(QStringLiteral("a text view with no name"));
        if (isTabPane(w) && name.isEmpty())
            fail(QStringLiteral("a tab pane with no name"));
    }
    return problems;
}

QStringList mnemonicClashes(QWidget *root, QWizard *wizard)
{
    QMap<QChar, QStringList> used;
    auto add = [&](const QString &text) {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('&'))
                continue;
            if (text.at(i + 1) == QLatin1Char('&')) {
                ++i;
                continue;
            }
            used[text.at(i + 1).toLower()] << text;
            return;
        }
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    if (wizard) {
        for (QWizard::WizardButton b : {QWizard::BackButton, QWizard::NextButton, QWizard::CommitButton,
                                        QWizard::FinishButton, QWizard::CancelButton, QWizard::HelpButton}) {
            if (QAbstractButton *button = wizard->button(b); button && button->isVisible())
                widgets << button;
        }
    }
    for (QWidget *w : widgets) {
        if (!w->isVisible() || !w->isEnabled())
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            add(button->text());
        else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            add(label->text());
        else if (auto *group = qobject_cast<QGroupBox *>(w); group && group->isCheckable())
            add(group->title());
    }
    QStringList clashes;
    for (auto it = used.constBegin(); it != used.constEnd(); ++it) {
        if (it.value().size() > 1)
            clashes << QStringLiteral("%1: %2").arg(it.key(), it.value().join(QStringLiteral(", ")));
    }
    return clashes;
}

int walkAccessibleTree(QWidget *root)
{
    int met = 0;
    std::function<void(QAccessibleInterface *, int)> visit = [&](QAccessibleInterface *a, int depth) {
        if (!a || !a->isValid() || depth > 64)
            return;
        ++met;
        (void)a->text(QAccessible::Name);
        (void)a->text(QAccessible::Description);
        (void)a->text(QAccessible::Value);
        (void)a->role();
        (void)a->state();
        (void)a->rect();
        (void)a->relations();
        if (QAccessibleTableInterface *table = a->tableInterface()) {
            const int rows = std::min(table->rowCount(), 50);
            const int columns = std::min(table->columnCount(), 20);
            for (int r = 0; r < rows; ++r) {
                for (int c = 0; c < columns; ++c) {
                    if (QAccessibleInterface *cell = table->cellAt(r, c))
                        (void)cell->text(QAccessible::Name);
                }
            }
        }
        if (QAccessibleValueInterface *value = a->valueInterface())
            (void)value->currentValue();
        const int children = a->childCount();
        for (int i = 0; i < children; ++i) {
            visit(a->child(i), depth + 1);
        }
    };
    visit(QAccessible::queryAccessibleInterface(root), 0);
    return met;
}

} // namespace foi::test
