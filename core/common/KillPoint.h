#pragma once

namespace foi {

/// Named places where a process may die in the worst way (SIGKILL) in the middle of writing: between an
/// export's files and its record, while a merge replaces the last one. Crash-safety tests set the
/// environment variable FOI_TABLES_TEST_KILL_AT to one of the names, and the process kills itself there
/// without unwinding, flushing or closing anything, exactly as `kill -9` would; with the variable unset
/// (always, outside those tests) a kill point does nothing. The names are listed in docs/security.md.
void killPoint(const char *name);

} // namespace foi
