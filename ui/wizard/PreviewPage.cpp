#include "wizard/PreviewPage.h"

#include "wizard/ReleaseChart.h"
#include "wizard/ReleasedTableModel.h"
#include "wizard/RequestDraft.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QWizard>
#include <QtCharts/QChartView>

namespace foi::ui {

namespace {

QString warningTitle(const QString &kind)
{
    if (kind == QLatin1String("differencing"))
        return PreviewPage::tr("Differencing with an earlier release");
    if (kind == QLatin1String("linkage"))
        return PreviewPage::tr("Linkage between the tables");
    if (kind == QLatin1String("sensitive"))
        return PreviewPage::tr("Sexual offences");
    if (kind == QLatin1String("heavy-suppression"))
        return PreviewPage::tr("Much is withheld");
    if (kind == QLatin1String("rejected-rows"))
        return PreviewPage::tr("Rows kept out at import");
    if (kind == QLatin1String("outside-data"))
        return PreviewPage::tr("The period and the records held");
    if (kind == QLatin1String("nothing-matched"))
        return PreviewPage::tr("Nothing matched");
    if (kind == QLatin1String("reveals-withheld"))
        return PreviewPage::tr("Counts an earlier release withheld");
    return kind;
}

/// A paragraph of text: a screen reader reads its text as its name, and what it is as its description.
QLabel *paragraph(const QString &what, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAccessibleDescription(what);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

PreviewPage::PreviewPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setTitle(tr("Preview"));
    setSubTitle(tr("This is exactly what will be released. [c] marks a count withheld to protect the people "
                   "in it."));

    m_banner =
        new QLabel(tr("<b>Your own view: the true counts.</b> Not for release: nothing in this view is "
                      "ever exported. Untick the box below to see the release again."),
                   this);
    m_banner->setWordWrap(true);
    m_banner->setFrameShape(QFrame::Box);
    m_banner->setMargin(6);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #3b2300; }"));
    m_banner->setVisible(false);
    m_banner->setAccessibleDescription(tr("Unprotected view"));

    // A tab per table, and the response's paragraphs last.
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Tables to be released"));
    m_tabs->setAccessibleDescription(tr("A tab per table as it will be released, and the response's words"));
    m_text = new QWidget;
    auto *textLayout = new QVBoxLayout(m_text);
    m_search = paragraph(tr("The search"), m_text);
    m_disclosure = paragraph(tr("The disclosure"), m_text);
    textLayout->addWidget(m_search);
    textLayout->addWidget(m_disclosure);
    textLayout->addStretch(1);
    auto *textScroll = new QScrollArea;
    textScroll->setWidget(m_text);
    textScroll->setWidgetResizable(true);
    textScroll->setFrameShape(QFrame::NoFrame);
    textScroll->setAccessibleName(tr("What the response says"));
    m_textTab = textScroll;
    m_tabs->addTab(m_textTab, tr("What the response says"));

    m_unprotected = new QCheckBox(tr("Show me the &true counts (my own view, never released)"), this);

    // The warnings, always in view under the tables.
    auto *warningsBox = new QGroupBox(tr("Warnings"), this);
    m_warningsLayout = new QVBoxLayout(warningsBox);
    m_weighed =
        new QCheckBox(tr("I have &weighed these warnings and the release should go ahead"), warningsBox);
    m_warningsLayout->addWidget(m_weighed);

    m_empty = paragraph(tr("What the answer holds"), this);
    m_empty->setFrameShape(QFrame::Box);
    m_empty->setMargin(6);
    m_empty->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_empty);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_unprotected);
    layout->addWidget(warningsBox);

    connect(m_unprotected, &QCheckBox::toggled, this, [this](bool on) {
        m_banner->setVisible(on);
        for (ReleasedTableModel *model : std::as_const(m_models))
            model->setUnprotected(on);
    });
    connect(m_weighed, &QCheckBox::toggled, this, &PreviewPage::completeChanged);
}

void PreviewPage::initializePage()
{
    m_unprotected->setChecked(false);
    m_weighed->setChecked(false);
    showRelease();
}

void PreviewPage::showRelease()
{
    while (m_tabs->count() > 1) { // the tables' tabs go; the response's paragraphs stay last
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        w->deleteLater();
    }
    m_models.clear();
    for (QLabel *l : std::as_const(m_warnings))
        l->deleteLater();
    m_warnings.clear();
    delete m_noWarnings;
    for (QPushButton *b : std::as_const(m_fixes))
        b->deleteLater();
    m_fixes.clear();

    m_empty->setVisible(false);
    const std::shared_ptr<const Release> release = m_draft->release();
    if (!release)
        return;
    for (const ReleasedTable &table : release->tables) {
        auto *tab = new QSplitter(Qt::Horizontal);
        tab->setAccessibleName(table.spec.title);
        tab->setAccessibleDescription(tr("The table as released, and its chart"));
        auto *left = new QWidget(tab);
        auto *leftLayout = new QVBoxLayout(left);
        leftLayout->setContentsMargins(0, 0, 0, 0);
        if (!table.notes.isEmpty()) {
            QLabel *notes = paragraph(tr("Notes"), left);
            notes->setText(table.notes.join(QLatin1Char('\n')));
            leftLayout->addWidget(notes);
        }
        auto *model = new ReleasedTableModel(tab);
        model->setPolicy(release->request.protection);
        model->setTable(table);
        model->setUnprotected(m_unprotected->isChecked());
        m_models << model;
        auto *view = new QTableView(left);
        view->setModel(model);
        view->setAccessibleName(table.spec.title);
        view->setAccessibleDescription(
            tr("The table as it will be released: %1 rows; [c] marks a count withheld")
                .arg(model->rowCount()));
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->verticalHeader()->hide();
        // The labels take the room they need; the counts theirs, never cut off.
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        view->horizontalHeader()->setMinimumSectionSize(60);
        view->setWordWrap(false);
        view->setTabKeyNavigation(false);
        leftLayout->addWidget(view, 1);

        auto *right = new QWidget(tab);
        auto *rightLayout = new QVBoxLayout(right);
        rightLayout->setContentsMargins(0, 0, 0, 0);
        auto *chart = new QChartView(makeReleaseChart(table), right);
        chart->setRenderHint(QPainter::Antialiasing);
        chart->setMinimumSize(280, 220);
        chart->setAccessibleName(tr("Chart of %1").arg(table.spec.title));
        const QString caption = chartCaption(table);
        chart->setAccessibleDescription(chartDescription(table));
        rightLayout->addWidget(chart, 1);
        if (!caption.isEmpty()) {
            QLabel *captionLabel = paragraph(tr("About the chart"), right);
            captionLabel->setText(caption);
            rightLayout->addWidget(captionLabel);
        }
        tab->addWidget(left);
        tab->addWidget(right);
        tab->setStretchFactor(0, 3);
        tab->setStretchFactor(1, 2);
        m_tabs->insertTab(m_tabs->count() - 1, tab, table.spec.title);
    }

    int at = 0;
    for (const ReleaseWarning &w : release->warnings) {
        auto *label = paragraph(warningTitle(w.kind), m_weighed->parentWidget());
        label->setTextFormat(Qt::RichText);
        QString html =
            tr("<b>%1.</b> %2").arg(warningTitle(w.kind).toHtmlEscaped(), w.message.toHtmlEscaped());
        if (!w.fix.isEmpty())
            html += tr("<br><i>What would remove the risk:</i> %1").arg(w.fix.toHtmlEscaped());
        label->setText(html);
        m_warningsLayout->insertWidget(at++, label);
        m_warnings << label;
        if (w.kind == QLatin1String("heavy-suppression") && !release->alternatives.isEmpty()) {
            // The alternatives are on the protection page, with what each would withhold.
            auto *fix =
                new QPushButton(tr("See the alternatives on the protection page"), m_weighed->parentWidget());
            connect(fix, &QPushButton::clicked, this, [this] {
                if (wizard())
                    wizard()->back();
            });
            m_warningsLayout->insertWidget(at++, fix);
            m_fixes << fix;
        }
    }
    if (release->warnings.isEmpty()) {
        auto *label = paragraph(tr("Warnings"), m_weighed->parentWidget());
        label->setText(
            tr("Nothing to warn about: no earlier release differs from this one by a few people, and "
               "no table gives away another's withheld counts."));
        m_warningsLayout->insertWidget(0, label);
        m_noWarnings = label;
    }
    m_weighed->setVisible(!release->warnings.isEmpty());
    // Nothing to count, or a period the records do not cover: said above the tables, not only below.
    const QStringList empty = release->coverageMessages();
    m_empty->setText(empty.join(QLatin1Char(' ')));
    m_empty->setVisible(!empty.isEmpty());
    m_tabs->setCurrentIndex(0);
    m_search->setText(release->searchText);
    m_disclosure->setText(release->disclosureText);
    emit completeChanged();
}

bool PreviewPage::isComplete() const
{
    const std::shared_ptr<const Release> release = m_draft->release();
    if (!release || !release->passes)
        return false;
    return release->warnings.isEmpty() || m_weighed->isChecked();
}

} // namespace foi::ui
