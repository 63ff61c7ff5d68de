#include "cli/PasswordPrompt.h"

#include <QUrl>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace foi::cli {

#ifdef Q_OS_WIN

std::optional<QString> askPassword(const QString &prompt)
{
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                            0, nullptr);
    HANDLE out = CreateFileW(L"CONOUT$", GENERIC_WRITE, FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
    if (in == INVALID_HANDLE_VALUE || out == INVALID_HANDLE_VALUE) {
        if (in != INVALID_HANDLE_VALUE)
            CloseHandle(in);
        if (out != INVALID_HANDLE_VALUE)
            CloseHandle(out);
        return std::nullopt;
    }
    DWORD mode = 0;
    GetConsoleMode(in, &mode);
    SetConsoleMode(in, mode & ~ENABLE_ECHO_INPUT);
    const std::wstring text = prompt.toStdWString();
    DWORD written = 0;
    WriteConsoleW(out, text.c_str(), DWORD(text.size()), &written, nullptr);
    std::wstring typed;
    wchar_t c = 0;
    DWORD read = 0;
    while (ReadConsoleW(in, &c, 1, &read, nullptr) && read == 1 && c != L'\r' && c != L'\n')
        typed.push_back(c);
    SetConsoleMode(in, mode);
    WriteConsoleW(out, L"\r\n", 2, &written, nullptr);
    CloseHandle(in);
    CloseHandle(out);
    return QString::fromStdWString(typed);
}

#else

std::optional<QString> askPassword(const QString &prompt)
{
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0)
        return std::nullopt;
    termios saved{};
    if (::tcgetattr(tty, &saved) != 0) {
        ::close(tty);
        return std::nullopt;
    }
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ECHONL;
    // The echo goes off before the prompt shows, so that nothing typed after it is ever shown.
    const QByteArray text = prompt.toLocal8Bit();
    if (::tcsetattr(tty, TCSAFLUSH, &quiet) != 0) {
        ::close(tty);
        return std::nullopt;
    }
    if (::write(tty, text.constData(), size_t(text.size())) < 0) {
        ::tcsetattr(tty, TCSAFLUSH, &saved);
        ::close(tty);
        return std::nullopt;
    }
    QByteArray typed;
    char c = 0;
    bool ended = false;
    while (::read(tty, &c, 1) == 1) {
        if (c == '\n' || c == '\r') {
            ended = true;
            break;
        }
        typed.append(c);
    }
    ::tcsetattr(tty, TCSAFLUSH, &saved);
    ::close(tty);
    if (!ended)
        return std::nullopt; // the terminal closed before a line was typed
    QString password = QString::fromLocal8Bit(typed);
    typed.fill('\0');
    return password;
}

#endif

Result<std::unique_ptr<Register>> openRegisterAsking(const QString &location, Register::OpenOptions options)
{
    const QUrl url(location);
    return Register::openAsking(location, std::move(options), [&url](const Error &why) {
        return askPassword(
            QStringLiteral("%1\nPassword for %2 on %3: ").arg(why.message, url.userName(), url.host()));
    });
}

} // namespace foi::cli
