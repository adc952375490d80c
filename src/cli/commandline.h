#pragma once

// jobdesk-cli's command line, read the way the AWS CLI reads its own:
// global options anywhere, one operation, and the operation's parameters
// named after the service model's members (jobId -> --job-id).

#include "core/codepipeline/servicemodel.h"
#include "core/result.h"

#include <QMap>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace jobdesk::cli {

struct CommandLine
{
    const codepipeline::Operation *operation = nullptr;
    nlohmann::ordered_json params = nlohmann::ordered_json::object();

    // Global options; empty when not given.
    QString region;
    QString endpointUrl;
    QString output;           // json, text, table or keyvalue
    QString readTimeout;      // seconds, as given
    QString connectTimeout;   // seconds, as given
    bool showVersion = false;

    static Result<CommandLine> parse(const QStringList &arguments);

    // --job-id for jobId.
    static QString optionName(const std::string &memberName);
};

} // namespace jobdesk::cli
