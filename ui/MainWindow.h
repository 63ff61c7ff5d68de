#pragma once

#include <QMainWindow>

namespace foi::ui {

/// The application's main window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace foi::ui
