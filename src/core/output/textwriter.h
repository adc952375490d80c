#pragma once

// `--output text`: renders a parsed response exactly as the AWS CLI's text
// formatter prints it, so scripts written against `aws` work unchanged.

#include <QByteArray>

#include <nlohmann/json.hpp>

#include <string>

namespace jobdesk::output {

// The response as botocore would have parsed it (members in model order,
// absent members left out). An empty object prints nothing.
QByteArray writeText(const nlohmann::ordered_json &response);

// How the AWS CLI shows one value inside text and table output: what
// Python's str() gives for the value botocore parsed (True/False/None,
// Python's float repr, repr() of a list or dict). UTF-8.
std::string awsCliValueText(const nlohmann::ordered_json &value);

}  // namespace jobdesk::output
