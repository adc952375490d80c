#pragma once

// The AWS CLI's shorthand syntax for structure parameters
// (`category=Build,owner=ThirdParty`, `a=[x,y]`, `a={b=c}`, quoted values),
// parsed with the same grammar and the same back-compat rules against the
// service model, so a command line written for `aws` means the same here.

#include "core/codepipeline/servicemodel.h"
#include "core/result.h"

#include <QString>
#include <nlohmann/json.hpp>

namespace jobdesk::cli {

class ShorthandParser
{
public:
    using Json = nlohmann::ordered_json;

    // Syntax only: objects whose values are strings, lists or objects.
    // The error message is the AWS CLI's ("Expected: '=', received: 'EOF' for input: ...").
    static Result<Json> parse(const QString &text);

    // What the AWS CLI does after parsing: a scalar where the model has a list
    // becomes a one-element list, integers and booleans get their types.
    static Status applyModel(const codepipeline::Shape *shape, Json &value);
};

}  // namespace jobdesk::cli
