// bench_register --register PATH [--repeat N] REQUEST...
//
// Times, on a real register, what an officer waits for: opening the register with everything tabulate
// needs (the counting frame, the systems, the earlier releases), then each request from the open
// register to protected tables, N times (the least and the median are printed). bench/run compares
// these figures with the sqlite3 shell's GROUP BY of the same criteria.
//
// Prints tab-separated lines:
//   open    <ms>
//   tabulate    <request file>    <least ms>    <median ms>    <cells>    <withheld>

#include "count/Request.h"
#include "protect/Release.h"
#include "register/Register.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace foi;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString path;
    int repeat = 20;
    QStringList requests;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--register") && i + 1 < args.size())
            path = args[++i];
        else if (args[i] == QLatin1String("--repeat") && i + 1 < args.size())
            repeat = std::max(1, args[++i].toInt());
        else
            requests << args[i];
    }
    if (path.isEmpty() || requests.isEmpty()) {
        std::fprintf(stderr, "usage: bench_register --register PATH [--repeat N] REQUEST...\n");
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    Register::OpenOptions options;
    options.createIfMissing = false;
    Result<std::unique_ptr<Register>> reg = Register::open(path, options);
    if (!reg) {
        std::fprintf(stderr, "bench_register: %s\n", qPrintable(reg.error().toString()));
        return 2;
    }
    Result<RegisterView> view = loadRegisterView(**reg);
    if (!view) {
        std::fprintf(stderr, "bench_register: %s\n", qPrintable(view.error().toString()));
        return 2;
    }
    std::printf("open\t%.1f\n", double(timer.nsecsElapsed()) / 1e6);

    for (const QString &file : requests) {
        Result<Request> request = Request::load(file);
        if (!request) {
            std::fprintf(stderr, "bench_register: %s\n", qPrintable(request.error().toString()));
            return 2;
        }
        std::vector<double> ms;
        int cells = 0;
        int withheld = 0;
        for (int i = 0; i < repeat; ++i) {
            timer.restart();
            Result<Release> release = tabulate(view->frame, *request, view->context);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!release) {
                std::fprintf(stderr, "bench_register: %s\n", qPrintable(release.error().toString()));
                return 2;
            }
            cells = release->innerCells();
            withheld = release->withheldCells();
        }
        std::sort(ms.begin(), ms.end());
        std::printf("tabulate\t%s\t%.1f\t%.1f\t%d\t%d\n", qPrintable(file), ms.front(), ms[ms.size() / 2],
                    cells, withheld);
    }
    return 0;
}
