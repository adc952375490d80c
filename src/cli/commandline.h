#pragma once

// jobdesk-cli's command line, read the way the AWS CLI reads its own:
// global options anywhere, one operation, and the operation's parameters
// named after the service model's members (jobId -> --job-id), given as
// plain values, shorthand, JSON, file:// or through --cli-input-json.

#include "cli/queryoption.h"
#include "core/codepipeline/servicemodel.h"
#include "core/result.h"

#include <QMap>
#include <QStringList>
#include <nlohmann/json.hpp>

#include <optional>

namespace jobdesk::cli {

struct CommandLine
{
    enum class Command {
        Operation,   // send one of the five operations (or print its skeleton)
        Version,     // --version
        Help,        // help / OPERATION help / --help
        Completion,  // completion bash|zsh
        Profile,     // profile list|add|remove|show
        Artifact,    // artifact list|get|put: a job's S3 artifacts
        Sso,         // sso login|logout: IAM Identity Center sign-in, as `aws sso` does it
    };

    Command command = Command::Operation;
    const codepipeline::Operation *operation = nullptr;  // also set for OPERATION help
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    QString skeleton;  // "input" or "output" for --generate-cli-skeleton; empty otherwise
    bool quietPollWarning = false;
    QStringList commandArguments;  // what follows "completion", "profile", "artifact" or "sso" (and "help")

    // Global options; empty when not given.
    QString region;
    QString endpointUrl;
    QString output;  // json, text, table or keyvalue
    QString profile;
    QString color;  // on, off or auto
    QString caBundle;
    QString readTimeout;               // seconds, as given
    QString connectTimeout;            // seconds, as given
    std::optional<QueryOption> query;  // --query, compiled
    QStringList givenOptions;          // the global options with a value that were given, even as ""
    bool debug = false;
    bool noVerifySsl = false;
    bool noPaginate = false;
    bool noSignRequest = false;

    // Error codes of parse failures: "Usage" errors are shown under the usage
    // lines as the AWS CLI's argument parser does; others stand alone.
    static QString usageErrorCode() { return QStringLiteral("Usage"); }
    static QString unknownOptionsCode() { return QStringLiteral("UnknownOptions"); }

    static Result<CommandLine> parse(const QStringList &arguments);

    // --job-id for jobId.
    static QString optionName(const std::string &memberName);

    // The global options that take a value, and those that do not.
    static const QStringList &globalOptionsWithValue();
    static const QStringList &globalFlags();

    // What the AWS CLI sends for a timestamp given as text: whole seconds since
    // the epoch, from ISO 8601 (UTC unless a zone is given) or a number.
    static Result<long long> parseTimestamp(const QString &text);
};

}  // namespace jobdesk::cli
