#pragma once

// `jobdesk-cli completion bash|zsh`: shell completion scripts generated from
// the service model, so every operation and parameter is offered. Both scripts
// are written from one table of what the command line accepts.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace jobdesk::cli {

class Completion
{
public:
    // What a shell offers where: the commands (with the words after each), the global options,
    // and what follows an option that takes a value.
    struct Table
    {
        struct Command
        {
            QString name;
            QString summary;
            QStringList words;         // offered after the command
            bool withGlobals = false;  // and the global options and "help" too
        };
        enum class ValueKind { Words, Files, Nothing };
        struct OptionValue
        {
            QStringList options;
            ValueKind kind = ValueKind::Nothing;
            QStringList words;
        };

        QList<Command> commands;  // the operations first, then profile, completion, help
        QStringList globals;
        QStringList topLevelExtras;  // offered before a command besides the commands and globals
        QList<OptionValue> optionValues;

        QStringList commandNames() const;
    };

    static Table table();

    // The script for the shell, or nullopt for a shell it does not know.
    static std::optional<QString> script(const QString &shell);
    static QString bash();
    static QString zsh();
};

}  // namespace jobdesk::cli
