#pragma once

// The command line that repeats an action with the AWS CLI or jobdesk-cli, for a
// support ticket or a colleague's terminal: parameters in the model's order with the
// AWS CLI's option names, quoted for a POSIX shell, and no secret in it (the client
// token is a placeholder to fill in).

#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"

#include <QString>

namespace jobdesk::output {

struct CliContext
{
    QString profile;  // empty: left out
    QString region;
    QString endpointOverride;
};

class CliCommand
{
public:
    // e.g. "jobdesk-cli acknowledge-third-party-job --job-id ID --nonce 3 --client-token
    // '<client-token>' --region us-east-1". program is written as given ("aws codepipeline").
    static QString line(const QString &program, const codepipeline::Operation &operation,
                        const codepipeline::Json &params, const CliContext &context);

    // The AWS CLI's option name for a member: jobId -> --job-id.
    static QString optionName(const std::string &member);
    // value as one word of a POSIX shell: unchanged when nothing in it is special, else in single quotes.
    static QString shellQuoted(const QString &value);
};

}  // namespace jobdesk::output
