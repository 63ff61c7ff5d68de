#include "wizard/CriteriaPage.h"

#include "reference/Classification.h"
#include "reference/OutcomeTypes.h"
#include "widgets/DateField.h"
#include "wizard/OffenceTreeModel.h"
#include "wizard/RequestDraft.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

const ClassificationVersion &versionFor(const QDate &day)
{
    return Classification::builtIn().versionAt(day.isValid() ? day : QDate::currentDate());
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Suspect:
        return CriteriaPage::tr("&Suspects");
    case Role::Offender:
        return CriteriaPage::tr("O&ffenders");
    case Role::Victim:
        return CriteriaPage::tr("&Victims");
    case Role::Witness:
        return CriteriaPage::tr("&Witnesses");
    case Role::Subject:
        return CriteriaPage::tr("Sub&jects");
    case Role::None:
        break;
    }
    return {};
}

} // namespace

CriteriaPage::CriteriaPage(RequestDraft *draft, QWidget *parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setTitle(tr("What to count"));
    setSubTitle(tr("Choose the records the request asks about. Leave a choice empty to count every record."));

    // Left: period, ages, roles, outcomes.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);

    auto *periodBox = new QGroupBox(tr("Period"), left);
    auto *periodForm = new QFormLayout(periodBox);
    m_from = new DateField(periodBox);
    m_from->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    m_from->setFieldName(tr("From"));
    m_from->setAllowEmpty(true);
    m_from->lineEdit()->setPlaceholderText(tr("The first day asked about"));
    m_to = new DateField(periodBox);
    m_to->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    m_to->setFieldName(tr("To"));
    m_to->setAllowEmpty(true);
    m_to->lineEdit()->setPlaceholderText(tr("The last day asked about"));
    m_basis = new QComboBox(periodBox);
    m_basis->setAccessibleName(tr("Which date"));
    m_basis->addItem(tr("The day the crime was committed"), int(Criteria::DateBasis::Committed));
    m_basis->addItem(tr("The day the crime was recorded"), int(Criteria::DateBasis::Recorded));
    periodForm->addRow(tr("Fr&om:"), m_from);
    periodForm->addRow(tr("&To:"), m_to);
    periodForm->addRow(tr("&Date:"), m_basis);
    leftLayout->addWidget(periodBox);

    auto *peopleBox = new QGroupBox(tr("People"), left);
    auto *peopleLayout = new QVBoxLayout(peopleBox);
    m_ageLimit = new QCheckBox(tr("Only people &aged"), peopleBox);
    m_ageMin = new QSpinBox(peopleBox);
    m_ageMin->setRange(0, 120);
    m_ageMin->setAccessibleName(tr("Youngest age"));
    m_ageMax = new QSpinBox(peopleBox);
    m_ageMax->setRange(0, 120);
    m_ageMax->setAccessibleName(tr("Oldest age"));
    auto *ages = new QHBoxLayout;
    ages->addWidget(m_ageLimit);
    ages->addWidget(m_ageMin);
    ages->addWidget(new QLabel(tr("to"), peopleBox));
    ages->addWidget(m_ageMax);
    ages->addStretch(1);
    peopleLayout->addLayout(ages);
    peopleLayout->addWidget(new QLabel(tr("Linked to the crime as (none ticked: any role):"), peopleBox));
    auto *roles = new QHBoxLayout;
    for (Role role : {Role::Suspect, Role::Offender, Role::Victim, Role::Witness, Role::Subject}) {
        auto *box = new QCheckBox(roleLabel(role), peopleBox);
        m_roles.insert(roleName(role), box);
        roles->addWidget(box);
    }
    roles->addStretch(1);
    peopleLayout->addLayout(roles);
    leftLayout->addWidget(peopleBox);

    auto *outcomesBox = new QGroupBox(tr("Outcomes (none ticked: any outcome)"), left);
    auto *outcomesLayout = new QVBoxLayout(outcomesBox);
    m_outcomes = new QListWidget(outcomesBox);
    m_outcomes->setAccessibleName(tr("Outcomes"));
    m_outcomes->setAccessibleDescription(
        tr("The Home Office outcome types, each with a check box; none ticked counts every outcome."));
    for (const OutcomeType &o : OutcomeTypes::builtIn().all()) {
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(o.number).arg(o.shortLabel), m_outcomes);
        item->setData(Qt::UserRole, o.number);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(o.description);
    }
    outcomesLayout->addWidget(m_outcomes);
    leftLayout->addWidget(outcomesBox, 1);

    // Right: the offences.
    auto *offencesBox = new QGroupBox(tr("Offences (none ticked: every offence)"), this);
    auto *offencesLayout = new QVBoxLayout(offencesBox);
    m_preset = new QComboBox(offencesBox);
    m_preset->setAccessibleName(tr("Preset"));
    m_applyPreset = new QPushButton(tr("Appl&y"), offencesBox);
    m_applyPreset->setAccessibleName(tr("Tick the preset's offences"));
    m_applyPreset->setEnabled(false);
    m_clearOffences = new QPushButton(tr("C&lear"), offencesBox);
    m_clearOffences->setAccessibleName(tr("Clear the offences"));
    auto *presetLabel = new QLabel(tr("&Preset:"), offencesBox);
    presetLabel->setBuddy(m_preset);
    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(presetLabel);
    presetRow->addWidget(m_preset, 1);
    presetRow->addWidget(m_applyPreset);
    presetRow->addWidget(m_clearOffences);
    offencesLayout->addLayout(presetRow);
    m_search = new QLineEdit(offencesBox);
    m_search->setAccessibleName(tr("Search the offences"));
    m_search->setPlaceholderText(tr("Search: a code (8N) or words (assault)"));
    m_search->setClearButtonEnabled(true);
    auto *searchLabel = new QLabel(tr("Sea&rch:"), offencesBox);
    searchLabel->setBuddy(m_search);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    offencesLayout->addLayout(searchRow);
    m_offences = new OffenceTreeModel(versionFor(m_draft->request.received), this);
    m_proxy = new OffenceFilterProxy(this);
    m_proxy->setSourceModel(m_offences);
    m_tree = new QTreeView(offencesBox);
    m_tree->setModel(m_proxy);
    m_tree->setAccessibleName(tr("Offences"));
    m_tree->setAccessibleDescription(
        tr("Offence groups, subgroups and Home Office classes, each with a check "
           "box; none ticked counts every offence."));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    offencesLayout->addWidget(m_tree, 1);
    m_summary = new QLabel(offencesBox);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleDescription(tr("What is counted, and what is missing"));
    offencesLayout->addWidget(m_summary);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(left, 1);
    layout->addWidget(offencesBox, 1);

    connect(m_from, &DateField::edited, this, &CriteriaPage::readChoices);
    connect(m_to, &DateField::edited, this, [this] {
        const ClassificationVersion &version =
            versionFor(m_to->date().isValid() ? m_to->date() : m_draft->request.received);
        if (version.id != m_offences->versionId())
            m_offences->setVersion(version);
        readChoices();
    });
    connect(m_basis, qOverload<int>(&QComboBox::currentIndexChanged), this, &CriteriaPage::readChoices);
    connect(m_ageLimit, &QCheckBox::toggled, this, [this](bool on) {
        m_ageMin->setEnabled(on);
        m_ageMax->setEnabled(on);
        readChoices();
    });
    connect(m_ageMin, qOverload<int>(&QSpinBox::valueChanged), this, &CriteriaPage::readChoices);
    connect(m_ageMax, qOverload<int>(&QSpinBox::valueChanged), this, &CriteriaPage::readChoices);
    for (QCheckBox *box : std::as_const(m_roles))
        connect(box, &QCheckBox::toggled, this, &CriteriaPage::readChoices);
    connect(m_outcomes, &QListWidget::itemChanged, this, &CriteriaPage::readChoices);
    connect(m_offences, &OffenceTreeModel::selectionChanged, this, &CriteriaPage::readChoices);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    connect(m_preset, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int at) { m_applyPreset->setEnabled(at > 0); });
    connect(m_applyPreset, &QPushButton::clicked, this, [this] {
        // The first line only asks for a choice: the presets follow it.
        const int at = m_preset->currentIndex() - 1;
        if (at >= 0 && at < m_presets.size())
            m_offences->applyPreset(m_presets[at]);
    });
    connect(m_clearOffences, &QPushButton::clicked, this,
            [this] { m_offences->setSelection(OffenceSelection()); });
}

void CriteriaPage::initializePage()
{
    m_preset->clear();
    m_preset->addItem(tr("Choose a preset, then Apply"));
    m_presets = OffenceTreeModel::presets(versionFor(m_draft->request.received));
    for (const OffencePreset &p : std::as_const(m_presets)) {
        m_preset->addItem(p.name);
        m_preset->setItemData(m_preset->count() - 1, p.description, Qt::ToolTipRole);
    }
    showCriteria();
}

void CriteriaPage::showCriteria()
{
    m_showing = true;
    const Criteria &c = m_draft->request.criteria;
    const QDate received =
        m_draft->request.received.isValid() ? m_draft->request.received : m_draft->context().clock->today();
    // With no period yet, none is guessed: a default near the request's would be taken for what it asks.
    m_to->setMaximumDate(received);
    m_from->setMaximumDate(received);
    m_to->setDate(c.to);
    m_from->setDate(c.from);
    m_basis->setCurrentIndex(m_basis->findData(int(c.dateBasis)));
    m_ageLimit->setChecked(c.hasAgeLimit());
    m_ageMin->setValue(c.ageMin.value_or(0));
    m_ageMax->setValue(c.ageMax.value_or(17));
    m_ageMin->setEnabled(c.hasAgeLimit());
    m_ageMax->setEnabled(c.hasAgeLimit());
    for (auto it = m_roles.constBegin(); it != m_roles.constEnd(); ++it) {
        const std::optional<Role> role = roleFromName(it.key());
        it.value()->setChecked(role && c.roles.contains(*role));
    }
    for (int i = 0; i < m_outcomes->count(); ++i) {
        QListWidgetItem *item = m_outcomes->item(i);
        item->setCheckState(c.outcomes.contains(item->data(Qt::UserRole).toInt()) ? Qt::Checked
                                                                                  : Qt::Unchecked);
    }
    const ClassificationVersion &version = versionFor(m_to->date().isValid() ? m_to->date() : received);
    if (version.id != m_offences->versionId())
        m_offences->setVersion(version);
    m_offences->setSelection(OffenceSelection{c.offenceGroups, c.offenceSubgroups, c.offenceClasses});
    m_showing = false;
    readChoices();
}

void CriteriaPage::readChoices()
{
    if (m_showing)
        return;
    Criteria &c = m_draft->request.criteria;
    c.from = m_from->date();
    c.to = m_to->date();
    c.dateBasis = Criteria::DateBasis(m_basis->currentData().toInt());
    c.ageMin.reset();
    c.ageMax.reset();
    if (m_ageLimit->isChecked()) {
        c.ageMin = m_ageMin->value();
        c.ageMax = m_ageMax->value();
    }
    c.roles.clear();
    for (Role role : {Role::Suspect, Role::Offender, Role::Subject, Role::Victim, Role::Witness}) {
        if (m_roles.value(roleName(role))->isChecked())
            c.roles << role;
    }
    c.outcomes.clear();
    for (int i = 0; i < m_outcomes->count(); ++i) {
        if (m_outcomes->item(i)->checkState() == Qt::Checked)
            c.outcomes << m_outcomes->item(i)->data(Qt::UserRole).toInt();
    }
    const OffenceSelection offences = m_offences->selection();
    c.offenceGroups = offences.groups;
    c.offenceSubgroups = offences.subgroups;
    c.offenceClasses = offences.classes;

    m_problem.clear();
    if (!m_from->hasAcceptableInput())
        m_problem = tr("From: %1").arg(m_from->problem());
    else if (!m_to->hasAcceptableInput())
        m_problem = tr("To: %1").arg(m_to->problem());
    else if (!c.from.isValid() || !c.to.isValid())
        m_problem = tr("Give the period the request asks about: its first day (From) and its last (To).");
    else if (c.from > c.to)
        m_problem = tr("The period ends before it starts.");
    else if (c.hasAgeLimit() && *c.ageMin > *c.ageMax)
        m_problem = tr("The youngest age is above the oldest.");
    const int chosen = m_offences->checkedClassCount();
    QString summary =
        chosen == 0 ? tr("Every offence is counted.")
                    : tr("%1 of %2 offence classes are counted.").arg(chosen).arg(m_offences->classCount());
    if (!m_problem.isEmpty())
        summary = m_problem + QLatin1Char(' ') + summary;
    m_summary->setText(summary);
    m_draft->markChanged();
    emit completeChanged();
}

bool CriteriaPage::isComplete() const
{
    return m_problem.isEmpty();
}

} // namespace foi::ui
