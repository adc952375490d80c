#include "cli/completioncommand.h"

#include "cli/completion.h"
#include "cli/exitcode.h"

namespace jobdesk::cli {

QString CompletionCommand::help() const
{
    return tr("Print a shell completion script");
}

void CompletionCommand::run(const CommandLine &commandLine)
{
    const auto script = Completion::script(commandLine.commandArguments.value(0));
    if (!script || commandLine.commandArguments.size() != 1) {
        fail(Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(),
                         tr("completion takes one shell: bash or zsh")));
        return;
    }
    write(m_streams.out, script->toUtf8());
    finish(ExitSuccess);
}

}  // namespace jobdesk::cli
