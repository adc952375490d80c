#include "cli/clirunner.h"

#include "cli/artifactcommand.h"
#include "cli/completioncommand.h"
#include "cli/helpcommand.h"
#include "cli/operationcommand.h"
#include "cli/profilecommand.h"
#include "cli/ssocommand.h"
#include "cli/versioncommand.h"

namespace jobdesk::cli {

CliRunner::CliRunner(QStringList arguments, QProcessEnvironment env, std::FILE *out, std::FILE *err, QObject *parent)
    : QObject(parent), m_arguments(std::move(arguments)), m_env(std::move(env)), m_streams{stdin, out, err}
{
}

Command *CliRunner::commandFor(CommandLine::Command command)
{
    switch (command) {
    case CommandLine::Command::Version: return new VersionCommand(m_streams, this);
    case CommandLine::Command::Help: return new HelpCommand(m_streams, this);
    case CommandLine::Command::Completion: return new CompletionCommand(m_streams, this);
    case CommandLine::Command::Profile: return new ProfileCommand(m_streams, this);
    case CommandLine::Command::Artifact: return new ArtifactCommand(m_arguments, m_env, m_streams, this);
    case CommandLine::Command::Sso: return new SsoCommand(m_env, m_streams, this);
    case CommandLine::Command::Operation: break;
    }
    return new OperationCommand(m_arguments, m_env, m_streams, this);
}

void CliRunner::start()
{
    const auto parsed = CommandLine::parse(m_arguments);
    if (!parsed) {
        const QByteArray text = Command::errorText(parsed.error(), parsed.error().message);
        std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), m_streams.err);
        std::fflush(m_streams.err);
        Q_EMIT done(exitCodeFor(parsed.error()));
        return;
    }
    Command *command = commandFor(parsed.value().command);
    connect(command, &Command::done, this, &CliRunner::done);
    command->run(parsed.value());
}

}  // namespace jobdesk::cli
