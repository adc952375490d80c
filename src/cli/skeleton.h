#pragma once

// --generate-cli-skeleton: the input skeleton in the AWS CLI's layout (empty
// strings, 0, the epoch), and for `output` a sample response that is valid
// against the service model, which the AWS CLI cannot produce for
// GetThirdPartyJobDetails.

#include "core/codepipeline/servicemodel.h"

#include <nlohmann/json.hpp>

namespace jobdesk::cli {

class Skeleton
{
public:
    using Json = nlohmann::ordered_json;

    // Every member in model order. Enums take their first value where the AWS
    // CLI picks one at random, so the skeleton is the same on every run.
    static Json input(const codepipeline::Shape *shape);

    // A sample response: every member filled with a value within the model's
    // lengths, ranges, patterns and enums. An operation without output gives {}.
    static Json output(const codepipeline::Shape *shape);
};

}  // namespace jobdesk::cli
