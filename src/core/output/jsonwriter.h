#pragma once

// The AWS CLI's --output json: 4-space indent, keys in the order held,
// non-ASCII as UTF-8, a final newline, and nothing at all for an empty answer.

#include <QByteArray>
#include <nlohmann/json.hpp>

namespace jobdesk::output {

QByteArray writeJson(const nlohmann::ordered_json &response);

}  // namespace jobdesk::output
