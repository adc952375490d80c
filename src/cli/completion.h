#pragma once

// `jobdesk-cli completion bash|zsh`: shell completion scripts generated from
// the service model, so every operation and parameter is offered.

#include <QString>

#include <optional>

namespace jobdesk::cli {

class Completion
{
public:
    // The script for the shell, or nullopt for a shell it does not know.
    static std::optional<QString> script(const QString &shell);
    static QString bash();
    static QString zsh();
};

}  // namespace jobdesk::cli
