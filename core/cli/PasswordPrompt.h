#pragma once

#include "common/Result.h"
#include "register/Register.h"

#include <QString>

#include <memory>
#include <optional>

namespace foi::cli {

/// Asks for a password on the terminal the command runs in (/dev/tty, or the console on Windows), with
/// the typing not shown, as psql does: it works when standard input is a pipe. Nothing when there is no
/// terminal (a script, a scheduled task), so that a command never waits on input nobody will give.
std::optional<QString> askPassword(const QString &prompt);

/// Register::open(), asking for the password on the terminal when a team register's server asks for one
/// that ~/.pgpass does not hold (Error::field "password"), up to three times. The password is kept in
/// this process's memory only (Register::OpenOptions::password).
Result<std::unique_ptr<Register>> openRegisterAsking(const QString &location, Register::OpenOptions options);

} // namespace foi::cli
