#pragma once

#include "wizard/OffenceTreeModel.h"

#include <QMap>
#include <QVector>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace foi::ui {

class DateField;
class OffenceFilterProxy;
class OffenceTreeModel;
class RequestDraft;

/// Page 3: which records the request counts: the period and which date it is on, the ages, the roles,
/// the outcomes by name (with the Home Office number), and the offences as a tree of group, subgroup and
/// class with check boxes, presets and a search box. The period starts empty: the officer gives the days the
/// request asks about, never a guess.
class CriteriaPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit CriteriaPage(RequestDraft *draft, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    DateField *fromEdit() const { return m_from; }
    DateField *toEdit() const { return m_to; }
    QComboBox *dateBasisBox() const { return m_basis; }
    QCheckBox *ageLimitBox() const { return m_ageLimit; }
    QSpinBox *ageMinBox() const { return m_ageMin; }
    QSpinBox *ageMaxBox() const { return m_ageMax; }
    /// The role check boxes, by role name ("suspect").
    const QMap<QString, QCheckBox *> &roleBoxes() const { return m_roles; }
    QListWidget *outcomesList() const { return m_outcomes; }
    QComboBox *presetBox() const { return m_preset; }
    QPushButton *applyPresetButton() const { return m_applyPreset; }
    QLineEdit *offenceSearch() const { return m_search; }
    QTreeView *offenceTree() const { return m_tree; }
    OffenceTreeModel *offenceModel() const { return m_offences; }
    OffenceFilterProxy *offenceProxy() const { return m_proxy; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    void readChoices();
    void showCriteria();

    RequestDraft *m_draft;
    DateField *m_from;
    DateField *m_to;
    QComboBox *m_basis;
    QCheckBox *m_ageLimit;
    QSpinBox *m_ageMin;
    QSpinBox *m_ageMax;
    QMap<QString, QCheckBox *> m_roles;
    QListWidget *m_outcomes;
    QComboBox *m_preset;
    QVector<OffencePreset> m_presets;
    QPushButton *m_applyPreset;
    QPushButton *m_clearOffences;
    QLineEdit *m_search;
    QTreeView *m_tree;
    OffenceTreeModel *m_offences;
    OffenceFilterProxy *m_proxy;
    QLabel *m_summary;
    bool m_showing = false;
    QString m_problem;
};

} // namespace foi::ui
