#pragma once

// Runs one jobdesk-cli invocation: reads the command line, hands it to the
// command it names, and reports that command's exit code (the AWS CLI v2's).

#include "cli/command.h"
#include "cli/exitcode.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdio>

namespace jobdesk::cli {

class CliRunner : public QObject
{
    Q_OBJECT

public:
    CliRunner(QStringList arguments, QProcessEnvironment env, std::FILE *out, std::FILE *err,
              QObject *parent = nullptr);

    // Starts the work; done() carries the exit code.
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    Command *commandFor(CommandLine::Command command);

    QStringList m_arguments;
    QProcessEnvironment m_env;
    Streams m_streams;
};

}  // namespace jobdesk::cli
