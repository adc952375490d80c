#include "core/output/keyvaluewriter.h"

#include <cmath>
#include <string>
#include <string_view>

namespace jobdesk::output {

namespace {

using Json = nlohmann::ordered_json;

// "\u001f" for a control character, as JSON writes it.
std::string controlEscape(unsigned char c)
{
    static constexpr char hex[] = "0123456789abcdef";
    return {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
}

std::string escapeValue(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default:
            if (byte < 0x20 || byte == 0x7f)
                out += controlEscape(byte);
            else
                out += c;
        }
    }
    return out;
}

// A --query result can hold what JSON has no spelling for (to_number('1e400'));
// written as --output json writes it, not as null.
std::string numberWithoutJsonSpelling(double value)
{
    if (std::isnan(value))
        return "NaN";
    return value < 0 ? "-Infinity" : "Infinity";
}

bool isPlainName(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '.' || c == '[' || c == ']' || c == '"' || c == '\\')
            return false;
    }
    return true;
}

std::string memberPath(const std::string &parent, const std::string &name)
{
    if (!isPlainName(name)) {
        // JSON's own escaping (UTF-8 kept as is) keeps the name readable and parseable.
        return parent + '[' + Json(name).dump() + ']';
    }
    return parent.empty() ? name : parent + '.' + name;
}

void appendLeaves(const Json &value, const std::string &path, std::string &out)
{
    if (value.is_object() && !value.empty()) {
        for (const auto &[key, member] : value.items())
            appendLeaves(member, memberPath(path, key), out);
        return;
    }
    if (value.is_array() && !value.empty()) {
        for (size_t i = 0; i < value.size(); ++i)
            appendLeaves(value[i], path + '[' + std::to_string(i) + ']', out);
        return;
    }
    // A --query result that is a single value has no path: it prints alone.
    if (!path.empty()) {
        out += path;
        out += '\t';
    }
    if (value.is_string())
        out += escapeValue(value.get_ref<const std::string &>());
    else if (value.is_number_float() && !std::isfinite(value.get<double>()))
        out += numberWithoutJsonSpelling(value.get<double>());
    else
        out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    out += '\n';
}

}  // namespace

QByteArray writeKeyValue(const Json &response)
{
    if ((response.is_object() || response.is_array()) && response.empty())
        return {};
    std::string out;
    appendLeaves(response, std::string(), out);
    return QByteArray::fromStdString(out);
}

}  // namespace jobdesk::output
