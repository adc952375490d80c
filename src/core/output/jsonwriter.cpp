#include "core/output/jsonwriter.h"

#include "core/output/textwriter.h"

#include <cmath>
#include <string>

namespace jobdesk::output {

namespace {

using Json = nlohmann::ordered_json;

// Python's json module writes a float with repr(), except the values JSON has
// no spelling for, which it writes as JavaScript does.
std::string pythonJsonFloat(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value < 0 ? "-Infinity" : "Infinity";
    return awsCliValueText(Json(value));
}

std::string scalar(const Json &value)
{
    if (value.is_number_float())
        return pythonJsonFloat(value.get<double>());
    // Invalid UTF-8 cannot reach here (the parser rejects it), but replace rather than throw if it does.
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void append(const Json &value, int depth, std::string &out)
{
    const bool isObject = value.is_object();
    if (!(isObject || value.is_array())) {
        out += scalar(value);
        return;
    }
    if (value.empty()) {
        out += isObject ? "{}" : "[]";
        return;
    }
    const std::string inner(static_cast<size_t>(4 * (depth + 1)), ' ');
    out += isObject ? '{' : '[';
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
        out += first ? "\n" : ",\n";
        first = false;
        out += inner;
        if (isObject) {
            out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
            out += ": ";
        }
        append(it.value(), depth + 1, out);
    }
    out += '\n';
    out += std::string(static_cast<size_t>(4 * depth), ' ');
    out += isObject ? '}' : ']';
}

}  // namespace

QByteArray writeJson(const Json &response)
{
    if (response.is_object() && response.empty())
        return {};
    std::string text;
    append(response, 0, text);
    text += '\n';
    return QByteArray::fromStdString(text);
}

}  // namespace jobdesk::output
