#pragma once

// `jobdesk-cli completion bash|zsh`: prints the completion script for the shell.

#include "cli/command.h"

namespace jobdesk::cli {

class CompletionCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

    QString name() const override { return QStringLiteral("completion"); }
    QString help() const override;
    void run(const CommandLine &commandLine) override;
};

}  // namespace jobdesk::cli
