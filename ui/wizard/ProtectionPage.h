#pragma once

#include "count/Request.h"

#include <QVector>
#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace foi::ui {

class RequestDraft;

/// Page 4: what is counted and how it is protected: the counting unit (each explained in a sentence), the
/// tables, and the protection (threshold, complementary suppression, separate one-way tables, order,
/// rounding or age bands, sexual offences). The assessment below is worked out again, off the GUI thread,
/// whenever a choice changes; a release whose audit fails cannot go on, and the changes that would let it
/// are offered.
class ProtectionPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ProtectionPage(RequestDraft *draft, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    /// A table's row of controls.
    struct TableRow
    {
        QLabel *label = nullptr; ///< "Table 1:", the title's label
        QLabel *rowsLabel = nullptr;
        QLabel *columnsLabel = nullptr;
        QLineEdit *title = nullptr;
        QComboBox *rows = nullptr;
        QComboBox *columns = nullptr;
        QPushButton *remove = nullptr;
    };
    const QVector<TableRow> &tableRows() const { return m_tables; }
    QPushButton *addTableButton() const { return m_addTable; }
    QButtonGroup *unitButtons() const { return m_unit; }
    QSpinBox *thresholdBox() const { return m_threshold; }
    QScrollArea *scrollArea() const { return m_scroll; }
    QLineEdit *thresholdReasonField() const { return m_thresholdReason; }
    QLineEdit *revealReasonField() const { return m_revealReason; }
    QCheckBox *secondaryBox() const { return m_secondary; }
    QCheckBox *separateBox() const { return m_separate; }
    QComboBox *orderBox() const { return m_order; }
    QComboBox *roundingBox() const { return m_round; }
    QComboBox *sensitiveBox() const { return m_sensitive; }
    QCheckBox *zerosBox() const { return m_zeros; }
    QLineEdit *ageBandsEdit() const { return m_ageBands; }
    QLabel *assessmentLabel() const { return m_assessment; }
    /// The buttons that apply a change the assessment offers.
    QList<QPushButton *> alternativeButtons() const { return m_alternativeButtons; }

    /// The release could not be worked out (a solver failure): says so where the assessment goes.
    void showCountingError(const QString &message);

    /// A dimension as the officer reads it ("Home Office offence class").
    static QString dimensionLabel(Dimension dimension);
    /// The title a table gets when the officer gives none ("Crimes by age").
    static QString defaultTitle(CountUnit unit, Dimension rows, std::optional<Dimension> columns);
    /// "1-4, 5-9" as bands; an error says what is wrong.
    static Result<QVector<QPair<int, int>>> parseAgeBands(const QString &text);

private:
    TableRow &addTable(const TableSpec &spec);
    void removeTable(QPushButton *button);
    void readChoices();
    void showAssessment();
    void showPolicy(const ProtectionPolicy &policy);

    RequestDraft *m_draft;
    QButtonGroup *m_unit;
    QGridLayout *m_tableGrid;
    QVector<TableRow> m_tables;
    QPushButton *m_addTable;
    QScrollArea *m_scroll = nullptr;
    QSpinBox *m_threshold;
    QLineEdit *m_thresholdReason;
    QLineEdit *m_revealReason;
    QCheckBox *m_secondary;
    QCheckBox *m_separate;
    QComboBox *m_order;
    QComboBox *m_round;
    QComboBox *m_sensitive;
    QCheckBox *m_zeros;
    QLineEdit *m_ageBands;
    QLabel *m_assessment;
    QProgressBar *m_busy;
    QGridLayout *m_alternatives;
    QList<QPushButton *> m_alternativeButtons;
    bool m_showing = false; ///< set while the controls are filled from the request: no change to read
    QString m_problem;      ///< a choice that cannot be used as typed (age bands)
};

} // namespace foi::ui
