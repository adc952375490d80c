#include "core/query/pythonjson.h"

#include "core/query/pythonnumber.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace jobdesk::query {

namespace {

using Json = nlohmann::ordered_json;

class Reader
{
public:
    Reader(std::string_view text, int maxDepth, bool *tooDeep) : m_text(text), m_maxDepth(maxDepth), m_tooDeep(tooDeep)
    {
    }

    std::optional<Json> run();

private:
    struct Container
    {
        Json value;
        std::string key;  // the member being read, for an object
    };

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace();
    bool consume(std::string_view word);
    std::optional<Json> string();
    std::optional<Json> number();

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_maxDepth;
    bool *m_tooDeep;
};

void Reader::skipSpace()
{
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
        ++m_pos;
}

bool Reader::consume(std::string_view word)
{
    if (m_text.substr(m_pos, word.size()) != word)
        return false;
    m_pos += word.size();
    return true;
}

// Finds the closing quote, then lets nlohmann decode the escapes; both follow
// JSON's rules for strings, as Python's strict mode does.
std::optional<Json> Reader::string()
{
    const std::size_t start = m_pos++;
    while (!atEnd() && peek() != '"') {
        if (peek() == '\\')
            ++m_pos;
        ++m_pos;
    }
    if (atEnd())
        return std::nullopt;
    ++m_pos;
    Json value = Json::parse(m_text.substr(start, m_pos - start), nullptr, false);
    if (value.is_discarded() || !value.is_string())
        return std::nullopt;
    return value;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
std::optional<Json> Reader::number()
{
    const std::size_t start = m_pos;
    const auto digits = [this] {
        const std::size_t from = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos - from;
    };
    consume("-");
    if (consume("0")) {
        // A leading zero stands alone.
    } else if (digits() == 0) {
        return std::nullopt;
    }
    bool isFloat = false;
    const std::size_t beforeFraction = m_pos;
    if (consume(".")) {
        if (digits() == 0)
            m_pos = beforeFraction;  // "1." is the int 1 followed by text json.loads rejects
        else
            isFloat = true;
    }
    const std::size_t beforeExponent = m_pos;
    if (consume("e") || consume("E")) {
        if (!consume("-"))
            consume("+");
        if (digits() == 0)
            m_pos = beforeExponent;
        else
            isFloat = true;
    }
    const std::string_view text = m_text.substr(start, m_pos - start);
    if (!isFloat) {
        const bool negative = text[0] == '-';
        std::uint64_t magnitude = 0;
        const auto [end, ec] = std::from_chars(text.data() + (negative ? 1 : 0), text.data() + text.size(), magnitude);
        if (ec == std::errc() && end == text.data() + text.size()) {
            if (!negative && magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return Json(static_cast<std::int64_t>(magnitude));
            if (!negative)
                return Json(magnitude);
            if (magnitude <= (std::uint64_t{1} << 63))
                return Json(static_cast<std::int64_t>(0 - magnitude));
        }
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        // Too large is infinity; too small is zero, as float() gives.
        const bool negative = text[0] == '-';
        const double magnitude = PythonNumber::decimalOverflows(text.substr(negative ? 1 : 0))
            ? std::numeric_limits<double>::infinity()
            : 0.0;
        value = negative ? -magnitude : magnitude;
    } else if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return Json(value);
}

// Without recursion: containers being read wait on a stack.
std::optional<Json> Reader::run()
{
    std::vector<Container> open;
    while (true) {
        skipSpace();
        std::optional<Json> value;
        const char c = peek();
        if (c == '{' || c == '[') {
            if (static_cast<int>(open.size()) >= m_maxDepth) {
                if (m_tooDeep)
                    *m_tooDeep = true;
                return std::nullopt;
            }
            ++m_pos;
            open.push_back({c == '{' ? Json::object() : Json::array(), {}});
            skipSpace();
            if (c == '{' && peek() != '}') {
                auto key = peek() == '"' ? string() : std::nullopt;
                skipSpace();
                if (!key || !consume(":"))
                    return std::nullopt;
                open.back().key = key->get<std::string>();
                continue;
            }
            if (c == '[' && peek() != ']')
                continue;
            ++m_pos;
            value = std::move(open.back().value);
            open.pop_back();
        } else if (c == '"') {
            value = string();
        } else if (consume("true")) {
            value = Json(true);
        } else if (consume("false")) {
            value = Json(false);
        } else if (consume("null")) {
            value = Json();
        } else if (consume("NaN")) {
            value = Json(std::numeric_limits<double>::quiet_NaN());
        } else if (consume("Infinity")) {
            value = Json(std::numeric_limits<double>::infinity());
        } else if (consume("-Infinity")) {
            value = Json(-std::numeric_limits<double>::infinity());
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            value = number();
        }
        if (!value)
            return std::nullopt;

        // Hand the value to the containers it completes.
        while (true) {
            if (open.empty()) {
                skipSpace();
                if (!atEnd())
                    return std::nullopt;
                return value;
            }
            Container &parent = open.back();
            if (parent.value.is_object())
                parent.value[parent.key] = std::move(*value);
            else
                parent.value.push_back(std::move(*value));
            skipSpace();
            if (consume(",")) {
                if (parent.value.is_object()) {
                    skipSpace();
                    auto key = peek() == '"' ? string() : std::nullopt;
                    skipSpace();
                    if (!key || !consume(":"))
                        return std::nullopt;
                    parent.key = key->get<std::string>();
                }
                break;
            }
            if (!consume(parent.value.is_object() ? "}" : "]"))
                return std::nullopt;
            value = std::move(parent.value);
            open.pop_back();
        }
    }
}

}  // namespace

std::optional<nlohmann::ordered_json> PythonJson::loads(std::string_view text, int maxDepth, bool *tooDeep)
{
    return Reader(text, maxDepth, tooDeep).run();
}

}  // namespace jobdesk::query
