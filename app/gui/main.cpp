#include "MainWindow.h"
#include "common/Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    foi::application::setIdentity(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("FOI Tables: safe statistics for Freedom of Information requests"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("register"),
                      QStringLiteral("Open this register file instead of the demo register."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("quit-when-ready"),
                      QStringLiteral("Quit as soon as the window is shown with the register open (for timing "
                                     "and smoke tests).")});
    parser.process(app);

    foi::ui::MainWindow window;
    window.show();
    if (parser.isSet(QStringLiteral("register"))) {
        const foi::Status opened = window.openRegister(parser.value(QStringLiteral("register")));
        if (!opened) {
            qCritical("%s", qPrintable(opened.error().toString()));
            return 2;
        }
    } else {
        window.openDemoRegister();
    }
    if (parser.isSet(QStringLiteral("quit-when-ready")))
        QTimer::singleShot(0, &app, &QApplication::quit); // after the first paint's events
    return app.exec();
}
