#include "common/Application.h"

#include <QApplication>
#include <QMainWindow>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    foi::application::setIdentity(app);
    QMainWindow w;
    w.show();
    return app.exec();
}
