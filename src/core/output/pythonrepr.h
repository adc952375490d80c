#pragma once

// How Python writes numbers and JSON, for the parts of JobDesk that must print
// exactly what the AWS CLI (a Python program) prints: the text writer and the
// query engine's to_string().

#include <nlohmann/json.hpp>

#include <string>

namespace jobdesk::output {

// Python's repr() of a float: the shortest digits that read back to the same
// double, in fixed notation unless the decimal point lies outside [-4, 16];
// "nan", "inf" and "-inf" for the values that are not finite.
std::string pythonFloat(double value);

// Compact is json.dumps(value, separators=(',', ':')), what JMESPath's to_string() writes;
// Default is json.dumps(value), what botocore sends as a JSON request body.
enum class JsonSeparators { Compact, Default };

// Python's json.dumps(value): members in the value's order, every character outside
// ASCII written as \uXXXX (a surrogate pair beyond U+FFFF), floats as repr() gives
// them and NaN, Infinity and -Infinity for the values that are not finite. Bytes
// that are not UTF-8 are written as U+FFFD.
std::string pythonJsonDumps(const nlohmann::ordered_json &value, JsonSeparators separators = JsonSeparators::Compact);

}  // namespace jobdesk::output
