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
    const QString topic = commandLine.commandArguments.value(0);
    const QString page = commandLine.operation ? HelpText::operationPage(*commandLine.operation)
        : topic == QLatin1String("artifact")   ? HelpText::artifactPage()
        : topic == QLatin1String("profile")    ? HelpText::profilePage()
        : topic == QLatin1String("sso")        ? HelpText::ssoPage()
                                               : HelpText::overview();
    write(m_streams.out, page.toUtf8());
    finish(ExitSuccess);
}

}  // namespace jobdesk::cli
