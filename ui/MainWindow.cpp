#include "MainWindow.h"

namespace foi::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("FOI Tables"));
}

} // namespace foi::ui
