#include "core/output/pythonrepr.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace jobdesk::output {

namespace {

using Json = nlohmann::ordered_json;

constexpr char32_t replacementCharacter = 0xfffd;

// Decodes one UTF-8 sequence at text[pos]; an invalid or truncated sequence
// gives U+FFFD and consumes one byte, so any input moves forward.
char32_t decodeUtf8(std::string_view text, size_t &pos)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    int length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        cp = lead & 0x1f;
        minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        cp = lead & 0x0f;
        minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        cp = lead & 0x07;
        minimum = 0x10000;
    } else {
        ++pos;
        return replacementCharacter;
    }
    if (pos + static_cast<size_t>(length) > text.size()) {
        ++pos;
        return replacementCharacter;
    }
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + static_cast<size_t>(i));
        if ((next & 0xc0) != 0x80) {
            ++pos;
            return replacementCharacter;
        }
        cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        ++pos;
        return replacementCharacter;
    }
    pos += static_cast<size_t>(length);
    return cp;
}

void appendHex4(std::string &out, char32_t unit)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += digits[(unit >> shift) & 0xf];
}

void appendString(std::string &out, std::string_view text)
{
    out += '"';
    size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = decodeUtf8(text, pos);
        switch (cp) {
        case U'"': out += "\\\""; break;
        case U'\\': out += "\\\\"; break;
        case U'\n': out += "\\n"; break;
        case U'\r': out += "\\r"; break;
        case U'\t': out += "\\t"; break;
        case U'\b': out += "\\b"; break;
        case U'\f': out += "\\f"; break;
        default:
            if (cp < 0x20 || cp > 0x7e) {
                if (cp > 0xffff) {
                    const char32_t offset = cp - 0x10000;
                    appendHex4(out, 0xd800 + (offset >> 10));
                    appendHex4(out, 0xdc00 + (offset & 0x3ff));
                } else {
                    appendHex4(out, cp);
                }
            } else {
                out += static_cast<char>(cp);
            }
        }
    }
    out += '"';
}

std::string jsonFloat(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value < 0 ? "-Infinity" : "Infinity";
    return pythonFloat(value);
}

// An explicit stack rather than recursion, so a deeply nested document cannot
// exhaust the call stack.
void dump(std::string &out, const Json &root, JsonSeparators separators)
{
    struct Frame
    {
        Json::const_iterator next;
        Json::const_iterator end;
        bool isArray;
        bool first;
    };
    std::vector<Frame> stack;
    const auto scalar = [&out](const Json &value) {
        switch (value.type()) {
        case Json::value_t::null: out += "null"; break;
        case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; break;
        case Json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); break;
        case Json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); break;
        case Json::value_t::number_float: out += jsonFloat(value.get<double>()); break;
        case Json::value_t::string: appendString(out, value.get_ref<const std::string &>()); break;
        default: out += "null"; break;
        }
    };
    const auto open = [&](const Json &value) {
        if (value.is_array() || value.is_object()) {
            out += value.is_array() ? '[' : '{';
            stack.push_back({value.cbegin(), value.cend(), value.is_array(), true});
        } else {
            scalar(value);
        }
    };
    open(root);
    while (!stack.empty()) {
        Frame &frame = stack.back();
        if (frame.next == frame.end) {
            out += frame.isArray ? ']' : '}';
            stack.pop_back();
            continue;
        }
        if (!frame.first)
            out += separators == JsonSeparators::Compact ? "," : ", ";
        frame.first = false;
        const auto member = frame.next++;
        if (!frame.isArray) {
            appendString(out, member.key());
            out += separators == JsonSeparators::Compact ? ":" : ": ";
        }
        // open() may grow the stack, which invalidates frame.
        open(member.value());
    }
}

}  // namespace

std::string pythonFloat(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";

    std::array<char, 64> buffer{};
    const auto [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    if (ec != std::errc())
        return {};
    std::string_view sci(buffer.data(), static_cast<size_t>(end - buffer.data()));

    std::string sign;
    if (!sci.empty() && sci.front() == '-') {
        sign = "-";
        sci.remove_prefix(1);
    }
    const size_t ePos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, ePos)) {
        if (c != '.')
            digits += c;
    }
    int exponent = 0;
    const std::string_view expText = sci.substr(ePos + 1);
    std::from_chars(expText.data() + (expText.front() == '+' ? 1 : 0), expText.data() + expText.size(), exponent);
    // Position of the decimal point relative to the start of the digits.
    const int point = exponent + 1;
    const int count = static_cast<int>(digits.size());

    if (point <= -4 || point > 16) {
        std::string out = sign + digits.substr(0, 1);
        if (count > 1)
            out += '.' + digits.substr(1);
        const int shown = point - 1;
        std::string exponentDigits = std::to_string(std::abs(shown));
        if (exponentDigits.size() < 2)
            exponentDigits.insert(0, 1, '0');
        return out + 'e' + (shown < 0 ? '-' : '+') + exponentDigits;
    }
    if (point <= 0)
        return sign + "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    if (point >= count)
        return sign + digits + std::string(static_cast<size_t>(point - count), '0') + ".0";
    return sign + digits.substr(0, static_cast<size_t>(point)) + '.' + digits.substr(static_cast<size_t>(point));
}

std::string pythonJsonDumps(const nlohmann::ordered_json &value, JsonSeparators separators)
{
    std::string out;
    dump(out, value, separators);
    return out;
}

}  // namespace jobdesk::output
