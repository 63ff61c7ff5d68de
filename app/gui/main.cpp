#include "MainWindow.h"
#include "common/Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>
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
                      QStringLiteral("Open this register (a file, or a team register's address "
                                     "postgresql://user@host:port/database) instead of the one in the "
                                     "preferences or the demo register."),
                      QStringLiteral("PATH|ADDRESS")});
    parser.addOption(
        {QStringLiteral("demo"), QStringLiteral("Open the demo register (made-up data), making it "
                                                "first when missing.")});
    parser.addOption({QStringLiteral("quit-when-ready"),
                      QStringLiteral("Quit as soon as the window is shown with the register open and its "
                                     "counts loaded (for timing and smoke tests).")});
    parser.process(app);

    foi::ui::MainWindow window;
    if (parser.isSet(QStringLiteral("quit-when-ready"))) {
        // Ready: the window shown, the register open and its counting frame loaded.
        QObject::connect(&window, &foi::ui::MainWindow::frameReady, &app, [&app](bool ok) {
            QTimer::singleShot(0, &app, [&app, ok] { app.exit(ok ? 0 : 2); });
        });
        QObject::connect(&window, &foi::ui::MainWindow::demoRegisterReady, &app, [&app](bool ok) {
            if (!ok)
                QTimer::singleShot(0, &app, [&app] { app.exit(2); });
        });
    }
    window.show();
    if (parser.isSet(QStringLiteral("demo")) && !parser.isSet(QStringLiteral("register"))) {
        window.openDemoRegister();
    } else {
        // The register asked for, else the preferred one, else the demo register once chosen, else the
        // first run's choice of the demo register, a file or a team register.
        const foi::Status opened = window.openAtStart(parser.value(QStringLiteral("register")));
        if (!opened) {
            qCritical("%s", qPrintable(opened.error().toString()));
            return 2;
        }
    }
    const int code = app.exec();
    // The background jobs' threads end before the application does.
    QThreadPool::globalInstance()->waitForDone();
    return code;
}
