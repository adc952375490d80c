// jobdesk-cli: the AWS CLI's third-party job commands over JobDesk's core.

#include "cli/clirunner.h"
#include "core/platform/processhardening.h"
#include "core/platform/terminal.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // Release builds: no core dumps, and no ptrace by other users, while secrets are in memory.
    (void)jobdesk::platform::ProcessHardening::applyForRelease();
    // jobdesk-cli writes UTF-8 bytes; a Windows console would show them in its OEM code page.
    jobdesk::platform::Terminal::useUtf8Output();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jobdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JOBDESK_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    jobdesk::cli::CliRunner runner(arguments, QProcessEnvironment::systemEnvironment(), stdout, stderr);
    int exitCode = 0;
    QObject::connect(&runner, &jobdesk::cli::CliRunner::done, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    QMetaObject::invokeMethod(&runner, &jobdesk::cli::CliRunner::start, Qt::QueuedConnection);
    app.exec();
    return exitCode;
}
