#pragma once

#include <QDate>
#include <QWidget>

#include <optional>

class QCalendarWidget;
class QLineEdit;
class QToolButton;

namespace foi::ui {

/// A day, typed as an officer writes it ("15 Mar 2017", "15/03/2017", "2017-03-15", "Wednesday 7 February
/// 2018") or chosen from a calendar. One stop for Tab (a QDateEdit walks its day, month and year), the
/// whole text replaced when typed over, and the date always the one the text shows: while the text is not
/// a day in range, date() is invalid and problem() says why. Up and Down move a day, Page Up and Page
/// Down a month, Alt+Down (or F4) opens the calendar. The wheel never changes it.
class DateField final : public QWidget
{
    Q_OBJECT

public:
    explicit DateField(QWidget *parent = nullptr);
    explicit DateField(const QDate &date, QWidget *parent = nullptr);

    /// The day the text shows; invalid while it is empty or not a day in range.
    QDate date() const { return m_date; }
    /// Shows the day (kept within the range); an invalid date empties the field.
    void setDate(const QDate &date);

    /// How the day is written back once typed or chosen ("d MMMM yyyy": 7 February 2018).
    void setDisplayFormat(const QString &format);
    QString displayFormat() const { return m_format; }

    void setMinimumDate(const QDate &date);
    void setMaximumDate(const QDate &date);
    QDate minimumDate() const { return m_min; }
    QDate maximumDate() const { return m_max; }

    /// Whether an empty field is acceptable (a day not given); by default it is not.
    void setAllowEmpty(bool allow);
    bool hasAcceptableInput() const { return m_problem.isEmpty(); }
    /// Why the text is not acceptable, in words for the officer; empty when it is.
    QString problem() const { return m_problem; }

    /// The name a screen reader says for the field (and, with it, its calendar button).
    void setFieldName(const QString &name);

    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *calendarButton() const { return m_button; }
    /// The calendar while it is shown; null otherwise.
    QCalendarWidget *calendar() const;
    void showCalendar();

    /// Reads a typed day, day before month as written in the UK; nullopt when it is not one. `why`, when
    /// given, says what is wrong ("there is no 31 February 2018").
    static std::optional<QDate> parse(const QString &text, QString *why = nullptr);

signals:
    /// The day shown changed, typed or chosen; invalid when the text stopped being a day.
    void dateChanged(const QDate &date);
    /// The text was read again: the day, or why it is not one (problem()), may have changed.
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void readText();
    void writeDate(const QDate &date);
    void showProblem();

    QLineEdit *m_edit;
    QToolButton *m_button;
    QWidget *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
    QString m_format = QStringLiteral("d MMMM yyyy");
    QString m_name;
    QDate m_date;
    QDate m_min{100, 1, 1};
    QDate m_max{9999, 12, 31};
    bool m_allowEmpty = false;
    QString m_problem;
};

} // namespace foi::ui
