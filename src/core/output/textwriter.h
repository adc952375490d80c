#pragma once

// `--output text`: renders a parsed response exactly as the AWS CLI's text
// formatter prints it, so scripts written against `aws` work unchanged.

#include <QByteArray>

#include <nlohmann/json.hpp>

#include <string>

namespace jobdesk::output {

// The response as botocore would have parsed it (members in model order,
// absent members left out), or any value a --query selected from it. An empty
// object prints nothing.
//
// A list that holds an object and anything else (a --query result such as
// [{"a": 1}, 2]) makes the AWS CLI's text formatter stop part way: it has
// printed the lines before that list, and ends with Python's exception
// "'<type>' object has no attribute 'items'". Then the lines before are
// returned and *failedType (when given) is that Python type name: int, str,
// float, bool, NoneType or list. It is left empty otherwise.
QByteArray writeText(const nlohmann::ordered_json &response, std::string *failedType = nullptr);

// How the AWS CLI shows one value inside text and table output: what
// Python's str() gives for the value botocore parsed (True/False/None,
// Python's float repr, repr() of a list or dict). UTF-8.
std::string awsCliValueText(const nlohmann::ordered_json &value);

// Python's name for the type of the value botocore parsed (str, int, float,
// bool, NoneType, list, dict), as the AWS CLI's exceptions print it.
std::string pythonTypeName(const nlohmann::ordered_json &value);

}  // namespace jobdesk::output
