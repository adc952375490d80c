#pragma once

// Runs one jobdesk-cli invocation: reads the command line and environment,
// resolves the profile, sends the operation, prints what the AWS CLI would
// print, and reports the AWS CLI v2 exit code.

#include "cli/commandline.h"
#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/output/redactor.h"
#include "core/profiles/resolvedconfig.h"

#include <QNetworkProxy>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdio>
#include <memory>

namespace jobdesk::profiles {
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::cli {

class DebugLog;

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
    ~CliRunner() override;

    // Starts the work; done() carries the exit code.
    void start();

    // The proxy the AWS CLI would use for url under env (HTTPS_PROXY / HTTP_PROXY
    // by scheme, lower case first, NO_PROXY honoured); NoProxy when none applies.
    static QNetworkProxy proxyFor(const QUrl &url, const QProcessEnvironment &env);

Q_SIGNALS:
    void done(int exitCode);

private:
    void fail(const QString &message, int exitCode);
    void failUsage(const Error &error);
    void runOperation();
    bool checkInput();
    void send(const profiles::ResolvedConfig &resolved);
    void onFinished(codepipeline::OperationCall *call);
    void printResponse(const nlohmann::ordered_json &data);
    void write(std::FILE *stream, const QByteArray &bytes);
    void debug(const char *logger, const QString &message);

    QStringList m_arguments;
    QProcessEnvironment m_env;
    std::FILE *m_out;
    std::FILE *m_err;
    CommandLine m_cl;
    QString m_outputFormat;
    output::Redactor m_redactor;
    std::unique_ptr<DebugLog> m_debug;
    profiles::ProfileStore *m_store = nullptr;
    profiles::CredentialResolver *m_resolver = nullptr;
    aws::AwsClient *m_client = nullptr;
    aws::StsClient *m_sts = nullptr;
};

}  // namespace jobdesk::cli
