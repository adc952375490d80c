#pragma once

// `jobdesk-cli OPERATION ...`: one of the five CodePipeline third-party job
// operations. Checks the input, resolves the profile, sends the call and
// prints the answer in the chosen output format, or its skeleton.

#include "cli/command.h"
#include "core/aws/clientconfig.h"
#include "core/output/redactor.h"
#include "core/output/tablewriter.h"
#include "core/profiles/resolvedconfig.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace jobdesk::aws {
class AwsClient;
class StsClient;
}
namespace jobdesk::codepipeline {
class OperationCall;
}
namespace jobdesk::profiles {
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::cli {

class DebugLog;

class OperationCommand : public Command
{
    Q_OBJECT

public:
    // arguments are the command line as typed, for the debug log.
    OperationCommand(QStringList arguments, QProcessEnvironment env, Streams streams, QObject *parent = nullptr);
    ~OperationCommand() override;

    // The Python exception the AWS CLI's table formatter ends with on a value it cannot lay out.
    static QString tableFailureText(const output::TableFailure &failure);

    QString name() const override;
    QString help() const override;
    void run(const CommandLine &commandLine) override;

protected:
    QString shown(const QString &message) const override;
    // The GetThirdPartyJobDetails answer for `artifact`, or any operation's: prints it, or
    // its error as the AWS CLI does.
    virtual void onFinished(codepipeline::OperationCall *call);
    // The title of --output table.
    virtual QString tableTitle() const;
    // Applies --query and prints in the chosen format; false when it failed (and said so).
    bool printResponse(const nlohmann::ordered_json &data);
    void debug(const char *logger, const QString &message);

    QProcessEnvironment m_env;
    CommandLine m_cl;
    output::Redactor m_redactor;
    std::unique_ptr<DebugLog> m_debug;
    aws::AwsClient *m_client = nullptr;
    aws::ClientConfig m_config;  // the settings the call was sent with, once sent

private:
    bool checkInput();
    void resolveAndSend();
    void onResolveFailed(const Error &error);
    // A profile whose IAM Identity Center sign-in is missing, over or refused: botocore's words.
    void onSsoSignInNeeded(const Error &error);
    void send(const profiles::ResolvedConfig &resolved);

    QStringList m_arguments;
    QString m_outputFormat;
    profiles::ProfileStore *m_store = nullptr;
    profiles::CredentialResolver *m_resolver = nullptr;
    aws::StsClient *m_sts = nullptr;
};

}  // namespace jobdesk::cli
