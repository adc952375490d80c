#pragma once

// `jobdesk-cli help` and `jobdesk-cli OPERATION help`: the overview, or one operation's page.

#include "cli/command.h"

namespace jobdesk::cli {

class HelpCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

    QString name() const override { return QStringLiteral("help"); }
    QString help() const override;
    void run(const CommandLine &commandLine) override;
};

}  // namespace jobdesk::cli
