#include "widgets/WheelGuard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace foi::ui {

namespace {

class WheelFilter final : public QObject
{
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel && watched->isWidgetType() &&
            !static_cast<QWidget *>(watched)->hasFocus()) {
            // Ignored, the wheel goes on to the widget's parents: the page scrolls.
            event->ignore();
            return true;
        }
        return false;
    }
};

WheelFilter *filter()
{
    static WheelFilter *instance = new WheelFilter;
    return instance;
}

void guard(QWidget *w)
{
    static const char *const kGuarded = "foiWheelGuarded";
    if (w->property(kGuarded).toBool())
        return;
    w->setProperty(kGuarded, true);
    w->setFocusPolicy(Qt::StrongFocus);
    w->installEventFilter(filter());
}

} // namespace

void guardWheel(QWidget *root)
{
    if (!root)
        return;
    if (qobject_cast<QComboBox *>(root) || qobject_cast<QAbstractSpinBox *>(root))
        guard(root);
    for (QComboBox *box : root->findChildren<QComboBox *>())
        guard(box);
    for (QAbstractSpinBox *box : root->findChildren<QAbstractSpinBox *>())
        guard(box);
}

} // namespace foi::ui
