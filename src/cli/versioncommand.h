#pragma once

// `jobdesk-cli --version`: the program's name and version, as the AWS CLI prints its own.

#include "cli/command.h"

namespace jobdesk::cli {

class VersionCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

    QString name() const override { return QStringLiteral("--version"); }
    QString help() const override;
    void run(const CommandLine &commandLine) override;
};

}  // namespace jobdesk::cli
