#include "cli/helpcommand.h"

#include "cli/exitcode.h"
#include "cli/helptext.h"

namespace jobdesk::cli {

QString HelpCommand::help() const
{
    return tr("Show help");
}

void HelpCommand::run(const CommandLine &commandLine)
{
    const QString page = commandLine.operation ? HelpText::operationPage(*commandLine.operation) : HelpText::overview();
    write(m_streams.out, page.toUtf8());
    finish(ExitSuccess);
}

}  // namespace jobdesk::cli
