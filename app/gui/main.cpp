#include "MainWindow.h"
#include "common/Application.h"

#include <QApplication>
#include <QCommandLineParser>

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
    return app.exec();
}
