#pragma once

#include "common/Result.h"
#include "demo/DemoGenerator.h"
#include "import/Importer.h"

#include <atomic>
#include <functional>

namespace foi {

/// Makes a register from made-up extracts: generates CMS and CONNECT extracts in a temporary folder,
/// imports both with the built-in profiles (one transaction), and deletes the extracts. The first run
/// of the application opens this register. progress gets a fraction 0..1 and a few words.
Result<ImportSummary> buildDemoRegister(const QString &registerPath, const DemoOptions &options,
                                        const std::function<void(double, const QString &)> &progress = {},
                                        const std::atomic_bool *cancel = nullptr);

} // namespace foi
