#pragma once

// Python's arithmetic on the numbers of a JSON document, for the query
// functions that compute: ints stay ints and never overflow, floats stay
// floats. Python's ints have no bounds; JSON values here hold an int64 or a
// uint64, so a result beyond both becomes the nearest float, the closest
// value this representation has.

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace jobdesk::query {

class PythonNumber
{
public:
    using Json = nlohmann::ordered_json;

    // int(text), or failing that float(text), as jmespath.py's to_number()
    // tries them: surrounding white space, a sign, underscores between
    // digits, any script's decimal digits, inf, infinity and nan. nullopt
    // where both would raise.
    static std::optional<Json> fromString(std::string_view text);
    // sum() over a list of numbers, added left to right as Python 3.11 does:
    // exactly while they are ints, in floats from the first float on.
    static Json sum(const Json &numbers);
    // sum(numbers) / len(numbers) for a non-empty list.
    static double mean(const Json &numbers);
    static Json abs(const Json &number);
    // math.floor() and math.ceil(): ints, nullopt for inf and nan.
    static std::optional<Json> floor(const Json &number);
    static std::optional<Json> ceil(const Json &number);
    // Whether unsigned decimal text (digits, a point, an exponent) that a
    // double cannot hold is too large for one, rather than too small.
    static bool decimalOverflows(std::string_view text);
};

}  // namespace jobdesk::query
