#pragma once

// Reading fixture JSON: the fixture loader and the script reader take strings
// the same way, absent or not a string meaning empty.

#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace jobdesk::fake {

inline QString fixtureString(const nlohmann::ordered_json &value, const char *key)
{
    const auto it = value.find(key);
    return it != value.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

}  // namespace jobdesk::fake
