#include "cli/CliApp.h"
#include "common/Application.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    foi::application::setIdentity(app);
    return foi::cli::run(app.arguments());
}
