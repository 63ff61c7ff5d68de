#include "common/KillPoint.h"

#include <QByteArray>
#include <QtGlobal>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <csignal>
#include <unistd.h>
#endif

namespace foi {

void killPoint(const char *name)
{
    static const QByteArray wanted = qgetenv("FOI_TABLES_TEST_KILL_AT");
    if (wanted.isEmpty() || wanted != name)
        return;
#ifdef Q_OS_WIN
    TerminateProcess(GetCurrentProcess(), 9);
#else
    ::kill(::getpid(), SIGKILL);
#endif
}

} // namespace foi
