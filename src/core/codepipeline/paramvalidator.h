#pragma once

// Checks an operation's parameters against the service model before anything
// is sent: required members, types, lengths, ranges, enums and patterns, plus
// control characters and stray whitespace around identifiers and tokens.

#include "core/codepipeline/servicemodel.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>
#include <functional>
#include <nlohmann/json.hpp>

namespace jobdesk::codepipeline {

class ParamValidator
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::codepipeline::ParamValidator)

public:
    // Every problem found, one sentence each, naming the parameter by its
    // path (e.g. "failureDetails.message"). Empty when the input is valid.
    struct Problem
    {
        QString field;
        QString message;
    };
    // How checks that go beyond the AWS CLI's name a parameter in their
    // messages (the CLI says "--job-id"); by default "Parameter jobId".
    using NameOf = std::function<QString(const std::string &path)>;
    static QList<Problem> check(const Shape *inputShape, const nlohmann::ordered_json &params,
                                const NameOf &nameOf = {});

    // The first problem as an Error of kind Validation (field set), or success.
    static Status validate(const Shape *inputShape, const nlohmann::ordered_json &params);
};

}  // namespace jobdesk::codepipeline
