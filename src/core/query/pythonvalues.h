#pragma once

// How Python compares and tests the values jmespath.py works on, for JSON
// values: integers and floats compare exactly with each other, true and false
// equal 1 and 0 inside lists and objects, strings order by code point.

#include <nlohmann/json.hpp>

namespace jobdesk::query {

class PythonValues
{
public:
    using Json = nlohmann::ordered_json;

    enum class Order { Less, Equal, Greater, Unordered };

    // A number that is not a boolean.
    static bool isNumber(const Json &value) { return value.is_number(); }
    // Orders two numbers exactly, as Python orders its ints and floats; NaN is unordered.
    static Order compareNumbers(const Json &left, const Json &right);
    // Orders two strings by code point (for valid UTF-8, byte order is the same).
    static Order compareStrings(const Json &left, const Json &right);
    // Python's ==, where True == 1 and False == 0, at any depth. Expression
    // references are distinct objects, equal to nothing.
    static bool equals(const Json &left, const Json &right);
    // jmespath.py's == operator: Python's, except that a boolean never equals a number.
    static bool jmespathEquals(const Json &left, const Json &right);
    // false, null, "", [] and {} are false; everything else, 0 included, is true.
    static bool isTruthy(const Json &value);
    // The JMESPath type: "number", "string", "boolean", "array", "object",
    // "null", or "expref" for an expression reference.
    static const char *typeName(const Json &value);
};

}  // namespace jobdesk::query
