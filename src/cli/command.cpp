#include "cli/command.h"

#include "cli/exitcode.h"

#include <QCoreApplication>

namespace jobdesk::cli {

Command::Command(Streams streams, QObject *parent) : QObject(parent), m_streams(streams) {}

bool Command::asksForHelp(const QStringList &arguments)
{
    return arguments.contains(QLatin1String("--help"))
        || (!arguments.isEmpty()
            && (arguments.first() == QLatin1String("help") || arguments.last() == QLatin1String("help")));
}

QString Command::usageLines()
{
    return QCoreApplication::translate("jobdesk::cli::CliRunner",
                                       "usage: jobdesk-cli [options] <operation> [parameters]\n"
                                       "To see help text, you can run:\n"
                                       "\n"
                                       "  jobdesk-cli help\n"
                                       "  jobdesk-cli <operation> help\n"
                                       "\n");
}

void Command::write(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void Command::finish(int exitCode)
{
    Q_EMIT done(exitCode);
}

QByteArray Command::errorText(const Error &error, const QString &message)
{
    if (error.code == CommandLine::usageErrorCode())
        return "\n" + usageLines().toUtf8() + "jobdesk-cli: error: " + message.toUtf8() + "\n\n";
    if (error.code == CommandLine::unknownOptionsCode())
        return "\n" + usageLines().toUtf8() + message.toUtf8() + "\n\n";
    return "\n" + message.toUtf8() + "\n";
}

void Command::fail(const Error &error)
{
    const bool usage = error.code == CommandLine::usageErrorCode() || error.code == CommandLine::unknownOptionsCode();
    write(m_streams.err, errorText(error, usage ? error.message : shown(error.message)));
    finish(exitCodeFor(error));
}

}  // namespace jobdesk::cli
