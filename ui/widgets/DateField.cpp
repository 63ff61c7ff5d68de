#include "widgets/DateField.h"

#include <QCalendarWidget>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

/// 1-12 for a month's name or its start ("mar", "sept", "march"), in the desk's language or English.
int monthFromName(const QString &word)
{
    if (word.size() < 3)
        return 0;
    for (const QLocale &locale : {QLocale(), QLocale(QLocale::English, QLocale::UnitedKingdom)}) {
        for (int m = 1; m <= 12; ++m) {
            const QString full = locale.monthName(m, QLocale::LongFormat).toLower();
            if (full == word ||
                locale.monthName(m, QLocale::ShortFormat).toLower().remove(QLatin1Char('.')) == word ||
                full.startsWith(word))
                return m;
        }
    }
    return 0;
}

bool isWeekday(const QString &word)
{
    if (word.size() < 3)
        return false;
    for (const QLocale &locale : {QLocale(), QLocale(QLocale::English, QLocale::UnitedKingdom)}) {
        for (int d = 1; d <= 7; ++d) {
            if (locale.dayName(d, QLocale::LongFormat).toLower().startsWith(word))
                return true;
        }
    }
    return false;
}

QString hint()
{
    return DateField::tr(
        "Type a day, as 15 March 2017 or 15/03/2017; Up and Down move a day, Alt+Down opens a calendar.");
}

QString written(const QDate &day)
{
    return QLocale().toString(day, QStringLiteral("d MMMM yyyy"));
}

} // namespace

DateField::DateField(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_button(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("e.g. 15 March 2017"));
    m_edit->installEventFilter(this);
    m_button->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_button->setToolTip(tr("Choose from a calendar (Alt+Down)"));
    m_button->setAccessibleName(tr("Choose from a calendar"));
    // One stop for Tab: the calendar is reached from the field with Alt+Down, or with the mouse.
    m_button->setFocusPolicy(Qt::NoFocus);
    setFocusProxy(m_edit);
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    connect(m_edit, &QLineEdit::textChanged, this, &DateField::readText);
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        // A day typed as 15/3/17 is written back as the field writes days, so that it is read as meant.
        if (m_date.isValid() && m_edit->text() != QLocale().toString(m_date, m_format))
            writeDate(m_date);
    });
    connect(m_button, &QToolButton::clicked, this, &DateField::showCalendar);
    readText();
}

DateField::DateField(const QDate &date, QWidget *parent)
    : DateField(parent)
{
    setDate(date);
}

void DateField::setDate(const QDate &date)
{
    if (!date.isValid()) {
        writeDate(QDate());
        return;
    }
    writeDate(std::clamp(date, m_min, m_max));
}

void DateField::setDisplayFormat(const QString &format)
{
    m_format = format;
    if (m_date.isValid())
        writeDate(m_date);
}

void DateField::setMinimumDate(const QDate &date)
{
    if (!date.isValid())
        return;
    m_min = date;
    if (m_max < m_min)
        m_max = m_min;
    // As a QDateEdit does: a day held outside the new range moves into it.
    if (m_date.isValid() && m_date < m_min)
        writeDate(m_min);
    else
        readText();
}

void DateField::setMaximumDate(const QDate &date)
{
    if (!date.isValid())
        return;
    m_max = date;
    if (m_min > m_max)
        m_min = m_max;
    if (m_date.isValid() && m_date > m_max)
        writeDate(m_max);
    else
        readText();
}

void DateField::setAllowEmpty(bool allow)
{
    m_allowEmpty = allow;
    readText();
}

void DateField::setFieldName(const QString &name)
{
    m_name = name;
    setAccessibleName(name);
    m_edit->setAccessibleName(name);
    m_button->setAccessibleName(tr("Choose the %1 day from a calendar").arg(name.toLower()));
}

QCalendarWidget *DateField::calendar() const
{
    return m_popup && m_popup->isVisible() ? m_calendar : nullptr;
}

void DateField::showCalendar()
{
    if (!m_popup) {
        auto *frame = new QFrame(this, Qt::Popup);
        frame->setFrameShape(QFrame::StyledPanel);
        m_calendar = new QCalendarWidget(frame);
        m_calendar->setAccessibleName(m_name.isEmpty() ? tr("Calendar") : tr("Calendar: %1").arg(m_name));
        m_calendar->setAccessibleDescription(
            tr("The arrow keys move a day or a week, Page Up and Page Down a month; Enter chooses the day, "
               "Escape closes the calendar."));
        auto *layout = new QVBoxLayout(frame);
        layout->setContentsMargins(2, 2, 2, 2);
        layout->addWidget(m_calendar);
        auto choose = [this](const QDate &day) {
            m_popup->hide();
            writeDate(day);
            m_edit->setFocus(Qt::PopupFocusReason);
        };
        connect(m_calendar, &QCalendarWidget::activated, this, choose);
        connect(m_calendar, &QCalendarWidget::clicked, this, choose);
        m_popup = frame;
    }
    m_calendar->setDateRange(m_min, m_max);
    m_calendar->setSelectedDate(m_date.isValid() ? m_date : std::clamp(QDate::currentDate(), m_min, m_max));
    m_popup->adjustSize();
    m_popup->move(mapToGlobal(QPoint(0, height())));
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

std::optional<QDate> DateField::parse(const QString &text, QString *why)
{
    auto fail = [why](const QString &message) -> std::optional<QDate> {
        if (why)
            *why = message;
        return std::nullopt;
    };
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return fail(tr("no day is given"));
    static const QRegularExpression allowed(QStringLiteral(R"(^[\p{L}\d\s/.,'\-]+$)"));
    if (!allowed.match(t).hasMatch())
        return fail(tr("write it as 15 March 2017 or 15/03/2017"));

    static const QRegularExpression word(QStringLiteral(R"(\p{L}+|\d+)"));
    QStringList tokens;
    for (auto it = word.globalMatch(t); it.hasNext();) {
        const QString token = it.next().captured();
        const bool afterNumber = !tokens.isEmpty() && tokens.last().at(0).isDigit();
        // "7th of February", "Wednesday 7 February": the ordinal, "of" and the day's name say nothing more.
        if (afterNumber && (token == QLatin1String("st") || token == QLatin1String("nd") ||
                            token == QLatin1String("rd") || token == QLatin1String("th")))
            continue;
        if (token == QLatin1String("of") ||
            (tokens.isEmpty() && !token.at(0).isDigit() && isWeekday(token) && !monthFromName(token)))
            continue;
        tokens << token;
    }
    if (tokens.size() == 2)
        return fail(tr("give the year too, as 15 March 2017"));
    if (tokens.size() != 3)
        return fail(tr("write it as 15 March 2017 or 15/03/2017"));

    QString dayText, monthText, yearText;
    if (tokens[0].size() == 4 && tokens[0].at(0).isDigit()) { // 2017-03-15
        yearText = tokens[0];
        monthText = tokens[1];
        dayText = tokens[2];
    } else if (!tokens[0].at(0).isDigit()) { // March 15, 2017
        monthText = tokens[0];
        dayText = tokens[1];
        yearText = tokens[2];
    } else { // 15 March 2017, 15/03/2017: the day first, as written in the UK
        dayText = tokens[0];
        monthText = tokens[1];
        yearText = tokens[2];
    }
    bool ok = false;
    const int day = dayText.toInt(&ok);
    if (!ok || dayText.size() > 2)
        return fail(tr("'%1' is not a day of the month").arg(dayText));
    int month = monthText.at(0).isDigit() ? monthText.toInt(&ok) : monthFromName(monthText);
    if (monthText.at(0).isDigit() && (!ok || monthText.size() > 2))
        month = 0;
    if (month < 1 || month > 12)
        return fail(tr("'%1' is not a month").arg(monthText));
    if (!yearText.at(0).isDigit() || (yearText.size() != 4 && yearText.size() != 2))
        return fail(tr("'%1' is not a year: give it as 2017").arg(yearText));
    int year = yearText.toInt();
    if (yearText.size() == 2) // 17 is 2017; 95 is 1995
        year += year + 2000 > QDate::currentDate().year() + 20 ? 1900 : 2000;
    const QDate date(year, month, day);
    if (!date.isValid())
        return fail(tr("there is no %1 %2 %3")
                        .arg(day)
                        .arg(QLocale().monthName(month, QLocale::LongFormat))
                        .arg(year));
    return date;
}

bool DateField::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_edit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const QDate from = m_date.isValid() ? m_date : std::clamp(QDate::currentDate(), m_min, m_max);
    if ((key->key() == Qt::Key_Down && (key->modifiers() & Qt::AltModifier)) || key->key() == Qt::Key_F4) {
        showCalendar();
        return true;
    }
    if (key->modifiers() & (Qt::AltModifier | Qt::ControlModifier))
        return false;
    switch (key->key()) {
    case Qt::Key_Up:
        writeDate(std::clamp(m_date.isValid() ? from.addDays(1) : from, m_min, m_max));
        return true;
    case Qt::Key_Down:
        writeDate(std::clamp(m_date.isValid() ? from.addDays(-1) : from, m_min, m_max));
        return true;
    case Qt::Key_PageUp:
        writeDate(std::clamp(m_date.isValid() ? from.addMonths(1) : from, m_min, m_max));
        return true;
    case Qt::Key_PageDown:
        writeDate(std::clamp(m_date.isValid() ? from.addMonths(-1) : from, m_min, m_max));
        return true;
    default:
        return false;
    }
}

void DateField::readText()
{
    const QString text = m_edit->text().trimmed();
    QDate date;
    QString problem;
    if (text.isEmpty()) {
        if (!m_allowEmpty)
            problem = tr("Type a day, as 15 March 2017.");
    } else {
        QString why;
        const std::optional<QDate> parsed = parse(text, &why);
        if (!parsed)
            problem = tr("\"%1\" is not a day: %2.").arg(text, why);
        else if (*parsed < m_min)
            problem = tr("%1 is before %2, the first day it can be.").arg(written(*parsed), written(m_min));
        else if (*parsed > m_max)
            problem = tr("%1 is after %2, the last day it can be.").arg(written(*parsed), written(m_max));
        else
            date = *parsed;
    }
    m_problem = problem;
    showProblem();
    if (date != m_date) {
        m_date = date;
        emit dateChanged(m_date);
    }
    emit edited();
}

void DateField::writeDate(const QDate &date)
{
    const QString text = date.isValid() ? QLocale().toString(date, m_format) : QString();
    if (m_edit->text() != text)
        m_edit->setText(text); // read again through textChanged
    else
        readText();
}

void DateField::showProblem()
{
    // A day that cannot be read is marked, and said: the page shows the same words where it explains.
    const bool marked = !m_problem.isEmpty() && !m_edit->text().trimmed().isEmpty();
    QPalette palette; // the application's, inherited
    if (marked)
        palette.setColor(QPalette::Base, QColor(0xfd, 0xe7, 0xe9));
    m_edit->setPalette(palette);
    m_edit->setToolTip(marked ? m_problem : QString());
    m_edit->setAccessibleDescription((marked ? m_problem + QLatin1Char(' ') : QString()) + hint());
}

} // namespace foi::ui
