#include "cli/versioncommand.h"

#include "cli/exitcode.h"

namespace jobdesk::cli {

QString VersionCommand::help() const
{
    return tr("Print the version of jobdesk-cli");
}

void VersionCommand::run(const CommandLine &)
{
    write(m_streams.out, QByteArrayLiteral("jobdesk-cli/" JOBDESK_VERSION "\n"));
    finish(ExitSuccess);
}

}  // namespace jobdesk::cli
