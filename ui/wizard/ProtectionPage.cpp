#include "wizard/ProtectionPage.h"

#include "Plural.h"
#include "widgets/WheelGuard.h"
#include "wizard/RequestDraft.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

const QVector<Dimension> &dimensions()
{
    static const QVector<Dimension> all = {Dimension::OffenceGroup, Dimension::OffenceSubgroup,
                                           Dimension::OffenceClass, Dimension::Age,
                                           Dimension::Sex,          Dimension::Year,
                                           Dimension::Month,        Dimension::System};
    return all;
}

void selectData(QComboBox *box, const QVariant &value)
{
    const int at = box->findData(value);
    if (at >= 0)
        box->setCurrentIndex(at);
}

} // namespace

QString ProtectionPage::dimensionLabel(Dimension dimension)
{
    switch (dimension) {
    case Dimension::OffenceGroup:
        return tr("Offence group");
    case Dimension::OffenceSubgroup:
        return tr("Offence subgroup");
    case Dimension::OffenceClass:
        return tr("Home Office offence class");
    case Dimension::Age:
        return tr("Age");
    case Dimension::Sex:
        return tr("Sex");
    case Dimension::Year:
        return tr("Year");
    case Dimension::Month:
        return tr("Month");
    case Dimension::System:
        return tr("System");
    }
    return {};
}

QString ProtectionPage::defaultTitle(CountUnit unit, Dimension rows, std::optional<Dimension> columns)
{
    const QString what = unit == CountUnit::Crimes  ? tr("Crimes")
                         : unit == CountUnit::Links ? tr("Crime-person links")
                                                    : tr("Persons");
    auto phrase = [](Dimension d) {
        // "Home Office" keeps its capitals inside a title.
        return d == Dimension::OffenceClass ? dimensionLabel(d) : dimensionLabel(d).toLower();
    };
    QString title = tr("%1 by %2").arg(what, phrase(rows));
    if (columns)
        title += tr(" and %1").arg(phrase(*columns));
    return title;
}

Result<QVector<QPair<int, int>>> ProtectionPage::parseAgeBands(const QString &text)
{
    QVector<QPair<int, int>> bands;
    static const QRegularExpression band(QStringLiteral(R"(^\s*(\d{1,3})\s*(?:-|to|–)\s*(\d{1,3})\s*$)"));
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QRegularExpressionMatch m = band.match(part);
        if (!m.hasMatch())
            return Error(tr("'%1' is not an age band: write bands as 1-4, 5-9").arg(part.trimmed()));
        const int low = m.captured(1).toInt();
        const int high = m.captured(2).toInt();
        if (high < low)
            return Error(tr("the band %1-%2 ends before it starts").arg(low).arg(high));
        if (!bands.isEmpty() && low <= bands.last().second)
            return Error(tr("the band %1-%2 overlaps the one before: give bands in order, without overlaps")
                             .arg(low)
                             .arg(high));
        bands.append({low, high});
    }
    return bands;
}

ProtectionPage::ProtectionPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setTitle(tr("Tables and protection"));
    setSubTitle(tr("Choose what is counted and how small numbers are protected. The assessment below "
                   "follows every change."));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    // What is counted: the units side by side, the chosen one explained beneath.
    auto *unitBox = new QGroupBox(tr("What is counted"), content);
    auto *unitLayout = new QVBoxLayout(unitBox);
    m_unit = new QButtonGroup(this);
    const struct
    {
        CountUnit unit;
        QString name;
        QString explanation;
    } units[] = {
        {CountUnit::Crimes, tr("C&rimes"),
         tr("Each crime once, however many of the people it is counted for are linked to it.")},
        {CountUnit::Links, tr("Crime-person &links"),
         tr("Each person in each crime once: a crime with two children in it counts twice.")},
        {CountUnit::Persons, tr("&Persons"),
         tr("Each person once, however many crimes they are linked to, across both systems.")},
    };
    auto *unitRow = new QHBoxLayout;
    auto *unitExplanation = new QLabel(unitBox);
    unitExplanation->setWordWrap(true);
    unitExplanation->setAccessibleDescription(tr("What the unit chosen counts"));
    for (const auto &u : units) {
        auto *button = new QRadioButton(u.name, unitBox);
        button->setAccessibleDescription(u.explanation);
        m_unit->addButton(button, int(u.unit));
        unitRow->addWidget(button);
        const QString explanation = u.explanation;
        connect(button, &QRadioButton::toggled, unitExplanation, [unitExplanation, explanation](bool on) {
            if (on)
                unitExplanation->setText(explanation);
        });
    }
    unitRow->addStretch(1);
    unitLayout->addLayout(unitRow);
    unitLayout->addWidget(unitExplanation);
    layout->addWidget(unitBox);

    // The tables: a line each, every control with its own label (a screen reader says which table).
    auto *tablesBox = new QGroupBox(tr("Tables"), content);
    auto *tablesLayout = new QVBoxLayout(tablesBox);
    m_tableGrid = new QGridLayout;
    m_tableGrid->setColumnStretch(1, 3);
    m_tableGrid->setColumnStretch(3, 1);
    m_tableGrid->setColumnStretch(5, 1);
    tablesLayout->addLayout(m_tableGrid);
    m_addTable = new QPushButton(tr("&Add a table"), tablesBox);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addTable);
    addRow->addStretch(1);
    tablesLayout->addLayout(addRow);
    layout->addWidget(tablesBox);

    // The protection.
    auto *protectionBox = new QGroupBox(tr("Protection of small numbers"), content);
    auto *form = new QFormLayout(protectionBox);
    m_threshold = new QSpinBox(protectionBox);
    m_threshold->setRange(0, 50);
    m_threshold->setSpecialValueText(tr("No threshold"));
    m_threshold->setAccessibleName(tr("Threshold"));
    m_threshold->setToolTip(tr("Counts from 1 up to one below this number are withheld and shown as [c]."));
    form->addRow(tr("&Withhold counts below:"), m_threshold);
    m_thresholdReason = new QLineEdit(protectionBox);
    m_thresholdReason->setAccessibleName(
        tr("Why the threshold is below %1").arg(ProtectionPolicy::kUsualThreshold));
    m_thresholdReason->setPlaceholderText(tr("Needed for a threshold below %1; kept in the audit trail")
                                              .arg(ProtectionPolicy::kUsualThreshold));
    form->addRow(tr("Why a lower thres&hold:"), m_thresholdReason);
    m_revealReason = new QLineEdit(protectionBox);
    m_revealReason->setAccessibleName(tr("Why counts an earlier release withheld may be shown"));
    m_revealReason->setPlaceholderText(
        tr("Needed to show a count an earlier release withheld; kept in the audit trail"));
    form->addRow(tr("Why re&veal what was withheld:"), m_revealReason);
    m_secondary = new QCheckBox(
        tr("Also withhold &other counts, so that none can be worked out from the totals"), protectionBox);
    form->addRow(m_secondary);
    m_separate = new QCheckBox(tr("Release a two-way table as &separate one-way tables"), protectionBox);
    form->addRow(m_separate);
    m_zeros = new QCheckBox(tr("Withhold true &zeros as well"), protectionBox);
    form->addRow(m_zeros);
    m_order = new QComboBox(protectionBox);
    m_order->setAccessibleName(tr("Order of the rows"));
    m_order->addItem(tr("Alphabetical, ages ascending (the order gives nothing away)"),
                     int(ProtectionPolicy::Order::Alphabetical));
    m_order->addItem(tr("Largest count first"), int(ProtectionPolicy::Order::Count));
    form->addRow(tr("Or&der of the rows:"), m_order);
    m_round = new QComboBox(protectionBox);
    m_round->setAccessibleName(tr("Rounding"));
    m_round->addItem(tr("Exact counts"), 0);
    m_round->addItem(tr("Round to the nearest 5"), 5);
    m_round->addItem(tr("Round to the nearest 10"), 10);
    form->addRow(tr("Ro&unding:"), m_round);
    m_ageBands = new QLineEdit(protectionBox);
    m_ageBands->setAccessibleName(tr("Age bands"));
    m_ageBands->setPlaceholderText(tr("Single years; or bands such as 1-4, 5-9"));
    form->addRow(tr("A&ge bands:"), m_ageBands);
    m_sensitive = new QComboBox(protectionBox);
    m_sensitive->setAccessibleName(tr("Sexual offences"));
    m_sensitive->addItem(tr("Protect them like every other count (small counts withheld)"),
                         int(ProtectionPolicy::Sensitive::Protect));
    m_sensitive->addItem(tr("Withhold every count of them (s.44(1), Sexual Offences (Amendment) Act 1992)"),
                         int(ProtectionPolicy::Sensitive::Suppress));
    m_sensitive->addItem(tr("Release them as one combined row"), int(ProtectionPolicy::Sensitive::Combine));
    form->addRow(tr("Se&xual offences:"), m_sensitive);
    layout->addWidget(protectionBox);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("What is counted, the tables and the protection"));
    m_scroll = scroll;

    // The assessment, always in view.
    auto *assessmentBox = new QGroupBox(tr("Assessment"), this);
    auto *assessmentLayout = new QVBoxLayout(assessmentBox);
    m_busy = new QProgressBar(assessmentBox);
    m_busy->setAccessibleName(tr("Working out the release"));
    m_busy->setRange(0, 0);
    m_busy->setVisible(false);
    m_assessment = new QLabel(assessmentBox);
    m_assessment->setWordWrap(true);
    m_assessment->setTextFormat(Qt::RichText);
    m_assessment->setAccessibleDescription(tr("The assessment of the release as it stands"));
    m_assessment->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_alternatives = new QGridLayout;
    assessmentLayout->addWidget(m_busy);
    assessmentLayout->addWidget(m_assessment);
    assessmentLayout->addLayout(m_alternatives);

    auto *pageLayout = new QVBoxLayout(this);
    pageLayout->addWidget(scroll, 1);
    pageLayout->addWidget(assessmentBox);

    connect(m_addTable, &QPushButton::clicked, this, [this] {
        TableRow &row = addTable(TableSpec{QString(), Dimension::Age, std::nullopt});
        row.rows->setFocus();
        readChoices();
    });
    connect(m_unit, &QButtonGroup::idClicked, this, &ProtectionPage::readChoices);
    connect(m_threshold, qOverload<int>(&QSpinBox::valueChanged), this, &ProtectionPage::readChoices);
    connect(m_thresholdReason, &QLineEdit::textChanged, this, &ProtectionPage::readChoices);
    connect(m_revealReason, &QLineEdit::textChanged, this, &ProtectionPage::readChoices);
    for (QCheckBox *box : {m_secondary, m_separate, m_zeros})
        connect(box, &QCheckBox::toggled, this, &ProtectionPage::readChoices);
    for (QComboBox *box : {m_order, m_round, m_sensitive})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &ProtectionPage::readChoices);
    connect(m_ageBands, &QLineEdit::textChanged, this, &ProtectionPage::readChoices);
    connect(m_draft, &RequestDraft::releaseChanged, this, &ProtectionPage::showAssessment);
}

ProtectionPage::TableRow &ProtectionPage::addTable(const TableSpec &spec)
{
    const int line = int(m_tables.size());
    QWidget *parent = m_addTable->parentWidget();
    TableRow row;
    row.title = new QLineEdit(spec.title, parent);
    row.title->setAccessibleName(tr("Title of table %1").arg(line + 1));
    row.title->setPlaceholderText(tr("A title (made from the choices if left empty)"));
    row.label = new QLabel(tr("Table %1:").arg(line + 1), parent);
    row.label->setBuddy(row.title);
    row.rows = new QComboBox(parent);
    row.rows->setAccessibleName(tr("Rows of table %1").arg(line + 1));
    row.rows->setAccessibleDescription(tr("What table %1 is broken down by, down its rows").arg(line + 1));
    row.rowsLabel = new QLabel(tr("rows"), parent);
    row.rowsLabel->setAccessibleName(tr("Rows of table %1").arg(line + 1));
    row.rowsLabel->setBuddy(row.rows);
    row.columns = new QComboBox(parent);
    row.columns->setAccessibleName(tr("Columns of table %1").arg(line + 1));
    row.columns->setAccessibleDescription(
        tr("What table %1 is broken down by across its columns, if anything").arg(line + 1));
    row.columnsLabel = new QLabel(tr("columns"), parent);
    row.columnsLabel->setAccessibleName(tr("Columns of table %1").arg(line + 1));
    row.columnsLabel->setBuddy(row.columns);
    row.columns->addItem(tr("Nothing (one-way)"), -1);
    for (Dimension d : dimensions()) {
        row.rows->addItem(dimensionLabel(d), int(d));
        row.columns->addItem(dimensionLabel(d), int(d));
    }
    for (QComboBox *box : {row.rows, row.columns}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    selectData(row.rows, int(spec.rows));
    selectData(row.columns, spec.columns ? int(*spec.columns) : -1);
    row.remove = new QPushButton(tr("Remove"), parent);
    row.remove->setAccessibleName(tr("Remove table %1").arg(line + 1));
    m_tableGrid->addWidget(row.label, line, 0);
    m_tableGrid->addWidget(row.title, line, 1);
    m_tableGrid->addWidget(row.rowsLabel, line, 2);
    m_tableGrid->addWidget(row.rows, line, 3);
    m_tableGrid->addWidget(row.columnsLabel, line, 4);
    m_tableGrid->addWidget(row.columns, line, 5);
    m_tableGrid->addWidget(row.remove, line, 6);
    guardWheel(row.rows);
    guardWheel(row.columns);
    connect(row.title, &QLineEdit::textChanged, this, &ProtectionPage::readChoices);
    connect(row.rows, qOverload<int>(&QComboBox::currentIndexChanged), this, &ProtectionPage::readChoices);
    connect(row.columns, qOverload<int>(&QComboBox::currentIndexChanged), this, &ProtectionPage::readChoices);
    QPushButton *remove = row.remove;
    connect(remove, &QPushButton::clicked, this, [this, remove] { removeTable(remove); });
    m_tables << row;
    return m_tables.last();
}

void ProtectionPage::removeTable(QPushButton *button)
{
    // The grid is laid out again from the tables that stay, so that the lines stay numbered in order.
    QVector<TableSpec> specs;
    for (const TableRow &row : std::as_const(m_tables)) {
        if (row.remove == button)
            continue;
        const int columns = row.columns->currentData().toInt();
        specs << TableSpec{row.title->text(), Dimension(row.rows->currentData().toInt()),
                           columns < 0 ? std::nullopt : std::optional<Dimension>(Dimension(columns))};
    }
    for (const TableRow &row : std::as_const(m_tables)) {
        for (QWidget *w : {static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.title),
                           static_cast<QWidget *>(row.rowsLabel), static_cast<QWidget *>(row.rows),
                           static_cast<QWidget *>(row.columnsLabel), static_cast<QWidget *>(row.columns),
                           static_cast<QWidget *>(row.remove)}) {
            m_tableGrid->removeWidget(w);
            w->deleteLater();
        }
    }
    m_tables.clear();
    m_showing = true;
    for (const TableSpec &spec : specs)
        addTable(spec);
    m_showing = false;
    m_addTable->setFocus();
    readChoices();
}

void ProtectionPage::initializePage()
{
    m_showing = true;
    const Request &r = m_draft->request;
    if (QAbstractButton *b = m_unit->button(int(r.unit)))
        b->setChecked(true);
    if (m_tables.isEmpty()) {
        QVector<TableSpec> specs = r.tables;
        if (specs.isEmpty())
            specs = {TableSpec{QString(), Dimension::OffenceClass, std::nullopt},
                     TableSpec{QString(), Dimension::Age, std::nullopt}};
        for (const TableSpec &spec : specs)
            addTable(spec);
    }
    showPolicy(r.protection);
    m_showing = false;
    readChoices();
}

void ProtectionPage::showPolicy(const ProtectionPolicy &p)
{
    m_threshold->setValue(p.threshold);
    m_thresholdReason->setText(p.thresholdReason);
    m_revealReason->setText(p.revealReason);
    m_secondary->setChecked(p.secondary);
    m_separate->setChecked(p.separateTables);
    m_zeros->setChecked(p.suppressZeros);
    selectData(m_order, int(p.order));
    selectData(m_round, p.round.value_or(0));
    selectData(m_sensitive, int(p.sensitive));
    QStringList bands;
    for (const auto &band : p.ageBands)
        bands << QStringLiteral("%1-%2").arg(band.first).arg(band.second);
    m_ageBands->setText(bands.join(QStringLiteral(", ")));
}

void ProtectionPage::readChoices()
{
    if (m_showing)
        return;
    Request &r = m_draft->request;
    r.unit = CountUnit(m_unit->checkedId() < 0 ? int(CountUnit::Crimes) : m_unit->checkedId());
    r.tables.clear();
    for (const TableRow &row : std::as_const(m_tables)) {
        TableSpec spec;
        spec.rows = Dimension(row.rows->currentData().toInt());
        const int columns = row.columns->currentData().toInt();
        if (columns >= 0)
            spec.columns = Dimension(columns);
        spec.title = row.title->text().trimmed();
        if (spec.title.isEmpty())
            spec.title = defaultTitle(r.unit, spec.rows, spec.columns);
        r.tables << spec;
    }
    ProtectionPolicy &p = r.protection;
    p.threshold = m_threshold->value();
    p.thresholdReason = m_thresholdReason->text().trimmed();
    p.revealReason = m_revealReason->text().trimmed();
    p.secondary = m_secondary->isChecked();
    p.separateTables = m_separate->isChecked();
    p.suppressZeros = m_zeros->isChecked();
    p.order = ProtectionPolicy::Order(m_order->currentData().toInt());
    const int round = m_round->currentData().toInt();
    p.round = round > 0 ? std::optional<int>(round) : std::nullopt;
    p.sensitive = ProtectionPolicy::Sensitive(m_sensitive->currentData().toInt());
    m_problem.clear();
    Result<QVector<QPair<int, int>>> bands = parseAgeBands(m_ageBands->text());
    if (bands)
        p.ageBands = *bands;
    else
        m_problem = bands.error().message;
    for (int i = 0; i < m_tables.size(); ++i)
        m_tables[i].remove->setEnabled(m_tables.size() > 1);
    m_draft->markChanged();
}

void ProtectionPage::showAssessment()
{
    for (QPushButton *b : std::as_const(m_alternativeButtons))
        b->deleteLater();
    m_alternativeButtons.clear();
    const std::shared_ptr<const Release> release = m_draft->release();
    if (!m_problem.isEmpty()) {
        m_busy->setVisible(false);
        m_assessment->setText(tr("<p><b>Age bands:</b> %1</p>").arg(m_problem.toHtmlEscaped()));
        emit completeChanged();
        return;
    }
    if (!release) {
        m_busy->setVisible(m_draft->view() != nullptr);
        m_assessment->setText(m_draft->view() ? tr("Working out what would be released…")
                                              : tr("The counts are not loaded yet."));
        emit completeChanged();
        return;
    }
    m_busy->setVisible(false);
    int threshold = 0, secondary = 0, sensitive = 0, cells = 0;
    for (const ReleasedTable &t : release->tables) {
        for (const ReleasedCell &c : t.cells) {
            if (c.isMargin())
                continue;
            ++cells;
            threshold += c.status == CellStatus::Threshold;
            secondary += c.status == CellStatus::Secondary;
            sensitive += c.status == CellStatus::Sensitive;
        }
    }
    const Request &r = release->request;
    const qint64 counted = release->matched();
    const QString unit = r.unit == CountUnit::Crimes  ? tr("crimes")
                         : r.unit == CountUnit::Links ? tr("crime-person links")
                                                      : tr("persons");
    QString html;
    // An empty answer, or a period the records do not cover, is said first: "0 crimes, the audit passes"
    // alone reads like an answer.
    for (const QString &message : release->coverageMessages())
        html += tr("<p><b>%1</b></p>").arg(message.toHtmlEscaped());
    if (counted == 0)
        html += tr("<p><b>No %1</b> match the criteria: every count in the tables is 0. ").arg(unit);
    else
        html += tr("<p><b>%1 %2</b> match the criteria, in %3. ")
                    .arg(QLocale().toString(counted), unit,
                         plural(release->tables.size(), tr("1 table"), tr("%1 tables")));
    html += tr("%1 of %2 counts are withheld: %3 below the threshold, %4 so that those cannot be worked out, "
               "%5 sexual offences.</p>")
                .arg(threshold + secondary + sensitive)
                .arg(cells)
                .arg(threshold)
                .arg(secondary)
                .arg(sensitive);
    if (release->passes)
        html +=
            tr("<p><b>The audit passes:</b> no withheld count can be worked out, or narrowed too far, from "
               "what is released.</p>");
    else
        html += tr("<p><b>The audit fails, so this cannot be released:</b> %1</p>")
                    .arg(release->failure.toHtmlEscaped());
    if (!release->alternatives.isEmpty())
        html += tr("<p>These changes would withhold less:</p>");
    m_assessment->setText(html);
    for (const ReleaseAlternative &a : release->alternatives) {
        // Two to a line, each named shortly (the words before a colon), so the settings stay in view.
        const QString what = a.description.section(QLatin1Char(':'), 0, 0);
        const QString text = tr("%1: %2 of %3 counts withheld%4")
                                 .arg(a.description)
                                 .arg(a.cellsWithheld)
                                 .arg(a.cells)
                                 .arg(a.passes ? QString() : tr(" (its audit fails)"));
        auto *button = new QPushButton(tr("%1: %2 of %3 withheld%4")
                                           .arg(what)
                                           .arg(a.cellsWithheld)
                                           .arg(a.cells)
                                           .arg(a.passes ? QString() : tr(" (audit fails)")),
                                       m_assessment->parentWidget());
        button->setToolTip(text);
        button->setAccessibleDescription(text);
        button->setEnabled(a.passes);
        const ProtectionPolicy policy = a.policy;
        connect(button, &QPushButton::clicked, this, [this, policy] {
            m_showing = true;
            showPolicy(policy);
            m_showing = false;
            readChoices();
        });
        const int at = int(m_alternativeButtons.size());
        m_alternatives->addWidget(button, at / 2, at % 2);
        m_alternativeButtons << button;
    }
    emit completeChanged();
}

void ProtectionPage::showCountingError(const QString &message)
{
    m_busy->setVisible(false);
    m_assessment->setText(
        tr("<p><b>The release could not be worked out:</b> %1</p>").arg(message.toHtmlEscaped()));
}

bool ProtectionPage::isComplete() const
{
    const std::shared_ptr<const Release> release = m_draft->release();
    return m_problem.isEmpty() && release && release->passes && !m_tables.isEmpty();
}

} // namespace foi::ui
