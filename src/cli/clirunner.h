#pragma once

// Runs one jobdesk-cli invocation: reads the command line and environment,
// sends the operation, prints what the AWS CLI would print, and reports the
// AWS CLI v2 exit code.

#include "core/aws/awsclient.h"
#include "core/codepipeline/operationcall.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdio>

namespace jobdesk::cli {

// AWS CLI v2's exit codes.
enum ExitCode {
    ExitSuccess = 0,
    ExitParamError = 252,
    ExitConfigError = 253,
    ExitServiceError = 254,
    ExitGeneralError = 255,
};

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
    void fail(const QString &message, int exitCode);
    void onFinished(codepipeline::OperationCall *call);
    void write(std::FILE *stream, const QByteArray &bytes);

    QStringList m_arguments;
    QProcessEnvironment m_env;
    std::FILE *m_out;
    std::FILE *m_err;
    QString m_outputFormat;
    aws::AwsClient *m_client = nullptr;
};

} // namespace jobdesk::cli
