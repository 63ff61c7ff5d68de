#pragma once

#include "requests/FoiRequest.h"

#include <QDialog>
#include <QVector>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace foi::ui {

class DateField;

/// Asks where to write the disclosure log and which requests it covers (every one responded to, or those
/// responded to between two days), saying how many it will list. It writes nothing: its owner calls core's
/// writeDisclosureLog() with path(), from() and to().
class DisclosureLogDialog final : public QDialog
{
    Q_OBJECT

public:
    /// chooseFile is asked for a file name when the officer clicks Browse (a save dialog unless tests set
    /// their own); suggested is the file offered at first.
    DisclosureLogDialog(const QVector<FoiRequestRecord> &requests, const QString &suggested,
                        std::function<QString(const QString &current)> chooseFile, QWidget *parent = nullptr);

    QString path() const;
    /// The first and last days of the span, or invalid days for every request responded to.
    QDate from() const;
    QDate to() const;
    /// The requests the log will list as the fields stand.
    qsizetype listed() const;

    QCheckBox *spanBox() const { return m_span; }
    DateField *fromEdit() const { return m_from; }
    DateField *toEdit() const { return m_to; }
    QLineEdit *pathEdit() const { return m_path; }
    QLabel *countLabel() const { return m_count; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void showCount();

    QVector<FoiRequestRecord> m_requests;
    std::function<QString(const QString &)> m_chooseFile;
    QCheckBox *m_span;
    DateField *m_from;
    DateField *m_to;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace foi::ui
