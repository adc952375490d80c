#pragma once

// Reads JSON as Python's json.loads() does, for `literals` in expressions:
// NaN, Infinity and -Infinity are numbers, a float too large for a double is
// infinity, and integers stay integers. Python's integers have no bounds;
// beyond int64 and uint64 one becomes the nearest float here.

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace jobdesk::query {

class PythonJson
{
public:
    // nullopt for text json.loads() rejects, and for arrays and objects
    // nested more than maxDepth levels (which Python would read), which sets
    // *tooDeep. Strings with a lone surrogate escape, which UTF-8 cannot
    // hold, are rejected.
    static std::optional<nlohmann::ordered_json> loads(std::string_view text, int maxDepth, bool *tooDeep = nullptr);
};

}  // namespace jobdesk::query
