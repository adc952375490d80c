#include "cli/helptext.h"

#include "cli/commandline.h"

#include <QCoreApplication>
#include <QStringList>

namespace jobdesk::cli {

namespace {

using codepipeline::Operation;
using codepipeline::ServiceModel;
using codepipeline::Shape;

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::cli::HelpText", text);
}

QString typeName(const Shape *shape)
{
    switch (shape->type) {
    case Shape::Type::String: return tr("string");
    case Shape::Type::Integer: return tr("integer");
    case Shape::Type::Boolean: return tr("boolean");
    case Shape::Type::Timestamp: return tr("timestamp");
    case Shape::Type::Structure: return tr("structure");
    case Shape::Type::List: return tr("list");
    case Shape::Type::Map: return tr("map");
    }
    return {};
}

QString constraints(const Shape *shape)
{
    QStringList parts;
    if (!shape->enumValues.empty()) {
        QStringList values;
        for (const auto &v : shape->enumValues)
            values << QString::fromStdString(v);
        parts << tr("one of: %1").arg(values.join(QStringLiteral(", ")));
    }
    const bool isString = shape->type == Shape::Type::String;
    if (shape->min && shape->max)
        parts << (isString ? tr("length %1 to %2") : tr("from %1 to %2")).arg(*shape->min).arg(*shape->max);
    else if (shape->min)
        parts << (isString ? tr("at least %1 characters") : tr("at least %1")).arg(*shape->min);
    else if (shape->max)
        parts << (isString ? tr("at most %1 characters") : tr("at most %1")).arg(*shape->max);
    if (!shape->pattern.empty())
        parts << tr("pattern %1").arg(QString::fromStdString(shape->pattern));
    return parts.join(QStringLiteral("; "));
}

// The members of a structure parameter, one line each, for its shorthand.
void describeMembers(QStringList &lines, const Shape *shape, const QString &indent, int depth)
{
    if (!shape || depth > 6)
        return;
    for (const auto &member : shape->members) {
        QString line = indent + QString::fromStdString(member.name) + QStringLiteral(" (") + typeName(member.shape);
        if (shape->isRequired(member.name))
            line += tr(", required");
        line += QLatin1Char(')');
        const QString limits = constraints(member.shape);
        if (!limits.isEmpty())
            line += QStringLiteral(": ") + limits;
        lines << line;
        const Shape *inner = member.shape;
        if (inner->type == Shape::Type::List)
            inner = inner->member;
        if (inner && inner->type == Shape::Type::Structure)
            describeMembers(lines, inner, indent + QStringLiteral("    "), depth + 1);
        else if (inner && inner->type == Shape::Type::Map)
            lines << indent + QStringLiteral("    ") + tr("(a map of names to strings)");
    }
}

QString globalOptionsText()
{
    return tr(
        "GLOBAL OPTIONS\n"
        "  --output json|text|table|keyvalue   How to print the answer (default json, or AWS_DEFAULT_OUTPUT).\n"
        "                                      keyvalue is jobdesk-cli's own: one path<TAB>value line per field.\n"
        "  --query EXPRESSION                  Print only what this JMESPath expression selects from the answer,\n"
        "                                      in any --output, as aws --query does: e.g. "
        "jobDetails.data.actionTypeId\n"
        "                                      or 'jobs[].{id: jobId, nonce: nonce}'. It is checked before sending.\n"
        "  --region REGION                     The AWS Region (else AWS_REGION, AWS_DEFAULT_REGION or the profile).\n"
        "  --endpoint-url URL                  Send to this endpoint instead of the Region's.\n"
        "  --profile NAME                      A JobDesk profile, else an AWS shared-config profile of that name.\n"
        "  --debug                             Log each request and response on stderr, secrets replaced.\n"
        "  --no-verify-ssl                     Do not check the endpoint's certificate (prints a warning).\n"
        "  --ca-bundle PATH                    Trust only the certificates in this PEM file (else AWS_CA_BUNDLE).\n"
        "  --no-sign-request                   Send the request unsigned.\n"
        "  --cli-read-timeout SECONDS          Wait this long for an answer; 0 waits forever (default 60).\n"
        "  --cli-connect-timeout SECONDS       Wait this long for a connection; 0 waits forever (default 60).\n"
        "  --color on|off|auto                 Colour in table output (auto: only on a terminal).\n"
        "  --no-paginate                       Accepted for compatibility; these operations do not page.\n"
        "  --version                           Print the version.\n"
        "\n"
        "ENVIRONMENT\n"
        "  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_CONFIG_FILE,\n"
        "  AWS_SHARED_CREDENTIALS_FILE, AWS_REGION, AWS_DEFAULT_REGION, AWS_DEFAULT_OUTPUT, AWS_CA_BUNDLE,\n"
        "  AWS_RETRY_MODE (legacy: 5 attempts, standard: 3), AWS_MAX_ATTEMPTS, HTTPS_PROXY, HTTP_PROXY, NO_PROXY.\n"
        "\n"
        "EXIT CODES\n"
        "  0 success, 252 bad command line or parameters, 253 configuration or credentials missing,\n"
        "  254 the service answered with an error, 255 anything else (network, timeout, bad answer, or a\n"
        "  --query that fails on the answer, e.g. a function given a value of the wrong type).\n");
}

QString example(const Operation &operation)
{
    const std::string &n = operation.name;
    if (n == "GetThirdPartyJobDetails")
        return QStringLiteral(
            "  jobdesk-cli get-third-party-job-details --job-id 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d \\\n"
            "      --client-token \"$TOKEN\" --output table\n");
    if (n == "PollForThirdPartyJobs")
        return QStringLiteral(
            "  jobdesk-cli poll-for-third-party-jobs \\\n"
            "      --action-type-id category=Build,owner=ThirdParty,provider=AcmeCI,version=1 --max-batch-size 1\n");
    if (n == "AcknowledgeThirdPartyJob")
        return QStringLiteral(
            "  jobdesk-cli acknowledge-third-party-job --job-id \"$JOB\" --nonce 3 --client-token \"$TOKEN\"\n");
    if (n == "PutThirdPartyJobSuccessResult")
        return QStringLiteral(
            "  jobdesk-cli put-third-party-job-success-result --job-id \"$JOB\" --client-token \"$TOKEN\" \\\n"
            "      --execution-details summary=\"Build 42 passed\",percentComplete=100\n");
    return QStringLiteral(
        "  jobdesk-cli put-third-party-job-failure-result --job-id \"$JOB\" --client-token \"$TOKEN\" \\\n"
        "      --failure-details 'type=JobFailed,message=\"tests failed, see the build log\"'\n");
}

}  // namespace

QString HelpText::operationSummary(const Operation &operation)
{
    const std::string &n = operation.name;
    if (n == "GetThirdPartyJobDetails")
        return tr("Shows one third-party job: its action type, configuration, pipeline, artifacts and the "
                  "temporary artifact credentials.");
    if (n == "PollForThirdPartyJobs")
        return tr("Takes up to --max-batch-size jobs of one action type off the queue and prints their IDs.");
    if (n == "AcknowledgeThirdPartyJob")
        return tr("Tells CodePipeline a worker has taken the job; prints the job's new status.");
    if (n == "PutThirdPartyJobSuccessResult")
        return tr("Reports that the job succeeded, or with a continuation token that it is still running.");
    if (n == "PutThirdPartyJobFailureResult")
        return tr("Reports that the job failed, with the failure type and a message for the pipeline's users.");
    return {};
}

QString HelpText::parameterDescription(const std::string &name)
{
    if (name == "jobId")
        return tr("The job's ID, as poll-for-third-party-jobs returned it.");
    if (name == "clientToken")
        return tr("The client token of the partner's action configuration; only a caller that knows it may see or "
                  "change the job. It is never printed by --debug.");
    if (name == "nonce")
        return tr("The nonce from the job's details (get-third-party-job-details shows it); it ties the "
                  "acknowledgement to this delivery of the job.");
    if (name == "actionTypeId")
        return tr(
            "Which custom action's jobs to take: category, owner (ThirdParty for partners), provider and version.");
    if (name == "maxBatchSize")
        return tr("Take at most this many jobs (1 or more).");
    if (name == "currentRevision")
        return tr("The revision the action worked on: revision and changeIdentifier, optionally created (a time) and "
                  "revisionSummary.");
    if (name == "continuationToken")
        return tr("Give one when the work is not finished: CodePipeline runs the action again later with this token "
                  "in the job's details.");
    if (name == "executionDetails")
        return tr("What the action did: a summary, the external system's execution ID and percentComplete (0-100).");
    if (name == "failureDetails")
        return tr("Why the job failed: type, a message people will read, optionally the external execution ID.");
    return {};
}

QString HelpText::overview()
{
    QString page =
        tr("NAME\n"
           "  jobdesk-cli - CodePipeline's third-party job operations, as the AWS CLI runs them\n"
           "\n"
           "SYNOPSIS\n"
           "  jobdesk-cli [codepipeline] OPERATION [PARAMETERS] [GLOBAL OPTIONS]\n"
           "  jobdesk-cli OPERATION help\n"
           "  jobdesk-cli profile list|add|remove|show ...\n"
           "  jobdesk-cli artifact list|get|put --job-id ID --client-token TOKEN ...\n"
           "  jobdesk-cli sso login|logout ...\n"
           "  jobdesk-cli completion bash|zsh\n"
           "\n"
           "DESCRIPTION\n"
           "  Options, output and exit codes are those of `aws codepipeline`, so scripts written for the AWS\n"
           "  CLI run unchanged. Secrets never reach --debug output.\n"
           "\n"
           "OPERATIONS\n");
    for (const Operation &op : ServiceModel::codePipeline().operations())
        page += QStringLiteral("  %1\n      %2\n").arg(QString::fromStdString(op.cliName), operationSummary(op));
    page += tr("\n"
               "OTHER COMMANDS\n"
               "  help                 This page.\n"
               "  profile              Manage JobDesk profiles (jobdesk-cli profile help).\n"
               "  artifact             List, download, extract and upload a job's S3 artifacts\n"
               "                       (jobdesk-cli artifact help).\n"
               "  sso                  Sign in to IAM Identity Center for an SSO profile, or sign out\n"
               "                       (jobdesk-cli sso help).\n"
               "  completion bash|zsh  Print a shell completion script, e.g. source <(jobdesk-cli completion bash).\n"
               "\n");
    page += globalOptionsText();
    return page;
}

QString HelpText::operationPage(const Operation &operation)
{
    const QString name = QString::fromStdString(operation.cliName);
    QString page = tr("NAME\n  %1\n\nDESCRIPTION\n  %2\n").arg(name, operationSummary(operation));
    if (operation.name == "PollForThirdPartyJobs") {
        page +=
            tr("\n  Careful: polling takes the jobs off the queue that your production job workers read. A job you\n"
               "  poll but do not acknowledge comes back only after it times out. A warning says so on stderr\n"
               "  unless --quiet-poll-warning is given.\n");
    }

    page += tr("\nSYNOPSIS\n  jobdesk-cli %1").arg(name);
    const Shape *input = operation.input;
    for (const auto &member : input->members) {
        const QString option = CommandLine::optionName(member.name);
        const QString value = QStringLiteral("<%1>").arg(QString::fromStdString(member.name));
        page += input->isRequired(member.name) ? QStringLiteral("\n      %1 %2").arg(option, value)
                                               : QStringLiteral("\n      [%1 %2]").arg(option, value);
    }
    if (operation.name == "PollForThirdPartyJobs")
        page += QStringLiteral("\n      [--quiet-poll-warning]");
    page += QStringLiteral("\n      [--cli-input-json <value>]\n      [--generate-cli-skeleton <input|output>]\n");

    page += tr("\nOPTIONS\n");
    for (const auto &member : input->members) {
        const Shape *shape = member.shape;
        page += QStringLiteral("  %1 (%2%3)\n")
                    .arg(CommandLine::optionName(member.name), typeName(shape),
                         input->isRequired(member.name) ? tr(", required") : QString());
        page += QStringLiteral("      %1\n").arg(parameterDescription(member.name));
        const QString limits = constraints(shape);
        if (!limits.isEmpty())
            page += QStringLiteral("      %1\n").arg(limits);
        if (shape->type == Shape::Type::Structure) {
            page += tr("      Shorthand: key=value pairs separated by commas; quote a value that holds a comma.\n"
                       "      JSON: an object, or file://PATH to read it from a file. Members:\n");
            QStringList lines;
            describeMembers(lines, shape, QStringLiteral("        "), 0);
            page += lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        }
    }
    if (operation.name == "PollForThirdPartyJobs")
        page += tr("  --quiet-poll-warning\n      Do not print the warning that polling takes jobs off the queue.\n");
    page += tr("  --cli-input-json <value>\n"
               "      All parameters as one JSON object (or file://PATH); options given on the command line win.\n"
               "  --generate-cli-skeleton <input|output>\n"
               "      input (the default) prints an empty parameter object for --cli-input-json; output prints a\n"
               "      sample answer in the chosen --output format. Nothing is sent.\n");

    page += tr("\nOUTPUT\n");
    if (!operation.output || operation.output->members.empty()) {
        page += tr("  Nothing is printed on success; the exit code is 0.\n");
    } else {
        QStringList lines;
        describeMembers(lines, operation.output, QStringLiteral("  "), 0);
        page += lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    if (operation.name == "GetThirdPartyJobDetails") {
        page += tr(
            "  artifactCredentials are live keys to the pipeline's artifact bucket: do not paste them into tickets.\n"
            "  --output text drops the configuration keys, exactly as the AWS CLI does; --output keyvalue keeps "
            "them.\n");
    }

    page += tr("\nERRORS\n  ");
    QStringList errors;
    for (const auto &e : operation.errors)
        errors << QString::fromStdString(e);
    page += errors.join(QStringLiteral(", ")) + tr(" (exit code 254)\n");

    page += tr("\nEXAMPLE\n") + example(operation);
    page += QLatin1Char('\n') + globalOptionsText();
    return page;
}

QString HelpText::profilePage()
{
    return tr("NAME\n"
              "  jobdesk-cli profile - JobDesk profiles: named accounts whose keys live in the OS keychain\n"
              "\n"
              "SYNOPSIS\n"
              "  jobdesk-cli profile list\n"
              "  jobdesk-cli profile add NAME --region REGION --access-key-id AKID [--endpoint-url URL]\n"
              "  jobdesk-cli profile add NAME --aws-profile AWSNAME [--region REGION] [--endpoint-url URL]\n"
              "  jobdesk-cli profile add NAME --environment [--region REGION] [--endpoint-url URL]\n"
              "  jobdesk-cli profile show NAME\n"
              "  jobdesk-cli profile remove NAME\n"
              "\n"
              "DESCRIPTION\n"
              "  add with --access-key-id reads the secret access key from the first line of stdin and, when there\n"
              "  is one, the session token from the second; on a terminal it asks without echo. A secret is never\n"
              "  taken as an argument. --aws-profile links a profile of ~/.aws/config instead, read at each request.\n"
              "  show masks every secret. remove deletes the profile and its keychain entries.\n"
              "  Any operation takes --profile NAME: a JobDesk profile of that name first, then the AWS one.\n");
}

QString HelpText::artifactPage()
{
    return tr("NAME\n"
              "  jobdesk-cli artifact - a third-party job's input and output artifacts in S3\n"
              "\n"
              "SYNOPSIS\n"
              "  jobdesk-cli artifact list --job-id ID --client-token TOKEN [--name INPUT_ARTIFACT]\n"
              "  jobdesk-cli artifact get --job-id ID --client-token TOKEN --name INPUT_ARTIFACT\n"
              "      (--output-file FILE | --extract-to FOLDER)\n"
              "  jobdesk-cli artifact put --job-id ID --client-token TOKEN --name OUTPUT_ARTIFACT\n"
              "      --source FILE|FOLDER\n"
              "  Each also takes --s3-endpoint-url URL and the global options.\n"
              "\n"
              "DESCRIPTION\n"
              "  Each subcommand first fetches the job with GetThirdPartyJobDetails (same profile, region,\n"
              "  endpoint and credentials as get-third-party-job-details), then reaches S3 with the artifact\n"
              "  credentials that come with the job. They last about 15 minutes: when S3 says they expired,\n"
              "  run the command again.\n"
              "\n"
              "  list            The job's artifacts: name, direction, revision, bucket, key and s3:// URI.\n"
              "  list --name     Downloads the input artifact to a temporary file (removed afterwards) and\n"
              "                  lists its entries: name, type, size, packed size, modified time and CRC-32.\n"
              "  get             Downloads an input artifact. --output-file streams it to FILE, replacing\n"
              "                  one that exists; --extract-to unpacks the zip into FOLDER, replacing files\n"
              "                  there, and refuses entries that would land outside it. Prints the file or\n"
              "                  folder, the bytes, the SHA-256 of the downloaded bytes, ETag and encryption.\n"
              "  put             Uploads FILE, or FOLDER zipped (its files under their relative paths,\n"
              "                  sorted), as the output artifact, with Content-Type application/zip and, when\n"
              "                  the job names a KMS key, aws:kms encryption with that key. Prints what\n"
              "                  HeadObject then says about the object.\n"
              "\n"
              "OPTIONS\n"
              "  --job-id ID              The job, as for get-third-party-job-details.\n"
              "  --client-token TOKEN     The job's client token.\n"
              "  --name NAME              The artifact, by the name the job gives it.\n"
              "  --output-file FILE       get: where to write the artifact.\n"
              "  --extract-to FOLDER      get: where to extract the artifact (made when missing).\n"
              "  --source FILE|FOLDER     put: what to upload.\n"
              "  --s3-endpoint-url URL    S3 endpoint to use instead of S3's own hosts (path-style);\n"
              "                           else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL.\n"
              "\n"
              "  --output, --query, --debug and the other global options work as for the operations. On a\n"
              "  terminal, progress is shown on stderr. Ctrl+C stops the transfer, removes partial files and\n"
              "  exits with 130. Exit codes: 252 for the command line or an unknown artifact name, 253 for\n"
              "  credentials, 254 when CodePipeline or S3 answered with an error, 255 otherwise.\n");
}

QString HelpText::ssoPage()
{
    return tr("NAME\n"
              "  jobdesk-cli sso - sign in to IAM Identity Center (AWS SSO) for SSO profiles, as aws sso does\n"
              "\n"
              "SYNOPSIS\n"
              "  jobdesk-cli sso login [--profile NAME | --sso-session NAME] [--use-device-code] [--no-browser]\n"
              "  jobdesk-cli sso logout\n"
              "\n"
              "DESCRIPTION\n"
              "  An SSO profile names an sso-session (or, in the legacy form, a start URL and region) and an\n"
              "  account and role: sso_session, sso_account_id and sso_role_name in ~/.aws/config, as\n"
              "  `aws configure sso` writes them, or a JobDesk profile set up in the window. Once signed in, any\n"
              "  operation with --profile NAME gets the role's keys from IAM Identity Center.\n"
              "\n"
              "  login           Signs in for the profile's sso-session: --profile, else AWS_PROFILE, else\n"
              "                  the default profile (a JobDesk profile of that name first), or the\n"
              "                  [sso-session NAME] section --sso-session names. It opens the sign-in page in\n"
              "                  the browser ($BROWSER, else the desktop's) and prints its address, waits\n"
              "                  until the page sends the browser back to jobdesk-cli on 127.0.0.1 (or the\n"
              "                  device code is approved), then prints the start URL it signed in to.\n"
              "  logout          Signs out of every session the AWS config's profiles and sso-sessions and\n"
              "                  the JobDesk SSO profiles name: calls Logout and forgets the token.\n"
              "\n"
              "OPTIONS\n"
              "  --sso-session NAME   Sign in for this [sso-session NAME] of the AWS config file.\n"
              "  --use-device-code    Sign in with a code shown here and confirmed on any device, instead of\n"
              "                       the browser coming back to this computer. A legacy profile always does.\n"
              "  --no-browser         Print the page to open instead of opening it.\n"
              "\n"
              "  The token is kept in the OS keychain. It is written to the AWS CLI's cache\n"
              "  (~/.aws/sso/cache) too only when \"Share sign-in with the AWS CLI\" is on in the window's\n"
              "  settings; a valid token `aws sso login` left there is used as it is. Ctrl+C stops the sign-in\n"
              "  and exits with 130. Exit codes: 252 for the command line, 253 for a profile or sso-session\n"
              "  that is missing or incomplete, 254 when IAM Identity Center refused, 255 otherwise (the\n"
              "  sign-in expired before it was approved, the network). An operation whose profile is not\n"
              "  signed in, or whose sign-in has expired, ends with 255 and the AWS CLI's message.\n");
}

}  // namespace jobdesk::cli
