#pragma once

#include <QList>
#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QVBoxLayout;

namespace foi::ui {

class ReleasedTableModel;
class RequestDraft;

/// Page 5: exactly what will be released: each table with [c] where a count is withheld, a bar chart of
/// its released values (a withheld count is never drawn), the warnings in plain English with what would
/// remove each risk, and the search and disclosure paragraphs of the response. The officer's own view of
/// the true counts is a tick away and marked as such; it never reaches a file.
class PreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit PreviewPage(RequestDraft *draft, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QTabWidget *tablesTabs() const { return m_tabs; }
    const QList<ReleasedTableModel *> &tableModels() const { return m_models; }
    QCheckBox *unprotectedBox() const { return m_unprotected; }
    QLabel *unprotectedBanner() const { return m_banner; }
    /// Says so when nothing matched or the period lies outside the records; hidden otherwise.
    QLabel *emptyNotice() const { return m_empty; }
    /// One label per warning, in the order of the release.
    const QList<QLabel *> &warningLabels() const { return m_warnings; }
    QCheckBox *warningsWeighedBox() const { return m_weighed; }
    QLabel *searchLabel() const { return m_search; }
    QLabel *disclosureLabel() const { return m_disclosure; }

private:
    void showRelease();

    RequestDraft *m_draft;
    QLabel *m_banner;
    QTabWidget *m_tabs;
    QList<ReleasedTableModel *> m_models;
    QCheckBox *m_unprotected;
    QVBoxLayout *m_warningsLayout;
    QList<QLabel *> m_warnings;
    QPointer<QLabel> m_noWarnings;
    QLabel *m_empty = nullptr;
    QList<QPushButton *> m_fixes;
    QCheckBox *m_weighed;
    QWidget *m_text;
    QWidget *m_textTab; ///< the response's paragraphs, the last tab
    QLabel *m_search;
    QLabel *m_disclosure;
};

} // namespace foi::ui
