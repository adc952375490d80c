#pragma once

// The AWS CLI's --output json: Python's json.dump with a 4-space indent, keys in
// the order held, non-ASCII as UTF-8, floats as Python writes them, a final
// newline, and nothing at all for an empty object (an answer without a body).
// Any value prints, as a --query result can be: null, a number, a list...

#include <QByteArray>
#include <nlohmann/json.hpp>

namespace jobdesk::output {

QByteArray writeJson(const nlohmann::ordered_json &response);

}  // namespace jobdesk::output
