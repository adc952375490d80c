#include "core/query/pythonnumber.h"

#include "core/query/utf8.h"

#include <QChar>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace jobdesk::query {

namespace {

using Json = nlohmann::ordered_json;

constexpr double twoTo63 = 9223372036854775808.0;
constexpr double twoTo64 = 18446744073709551616.0;

// A 128-bit two's complement integer, wide enough that adding int64 and
// uint64 values one by one cannot overflow before 2^63 additions.
class WideInt
{
public:
    void add(const Json &number)
    {
        const std::uint64_t previous = m_low;
        if (number.is_number_unsigned()) {
            m_low += number.get<std::uint64_t>();
            m_high += m_low < previous ? 1 : 0;
        } else {
            const std::int64_t value = number.get<std::int64_t>();
            m_low += static_cast<std::uint64_t>(value);
            m_high += (m_low < previous ? 1 : 0) + (value < 0 ? ~std::uint64_t{0} : 0);
        }
    }

    double toDouble() const
    {
        // Rounds twice when the value needs more than 64 bits: off by at most
        // one unit in the last place from Python's int-to-float conversion.
        return static_cast<double>(static_cast<std::int64_t>(m_high)) * twoTo64 + static_cast<double>(m_low);
    }

    Json toJson() const
    {
        constexpr std::uint64_t signBit = std::uint64_t{1} << 63;
        if (m_high == 0)
            return m_low < signBit ? Json(static_cast<std::int64_t>(m_low)) : Json(m_low);
        if (m_high == ~std::uint64_t{0} && m_low >= signBit)
            return Json(static_cast<std::int64_t>(m_low));
        return Json(toDouble());
    }

private:
    std::uint64_t m_low = 0;
    std::uint64_t m_high = 0;
};

double toDouble(const Json &number)
{
    if (number.is_number_float())
        return number.get<double>();
    if (number.is_number_unsigned())
        return static_cast<double>(number.get<std::uint64_t>());
    return static_cast<double>(number.get<std::int64_t>());
}

// The ints this representation holds, or the nearest float beyond them.
Json integralDouble(double value)
{
    if (value >= -twoTo63 && value < twoTo63)
        return Json(static_cast<std::int64_t>(value));
    if (value >= 0 && value < twoTo64)
        return Json(static_cast<std::uint64_t>(value));
    return Json(value);
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Underscores may only stand between two digits; returns the text without them.
std::optional<std::string> withoutUnderscores(const std::string &text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '_') {
            out += text[i];
            continue;
        }
        if (i == 0 || i + 1 == text.size() || !isAsciiDigit(text[i - 1]) || !isAsciiDigit(text[i + 1]))
            return std::nullopt;
    }
    return out;
}

std::optional<Json> parseInt(const std::string &text)
{
    std::size_t pos = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+'))
        pos = 1;
    const auto digits = withoutUnderscores(text.substr(pos));
    if (!digits || digits->empty())
        return std::nullopt;
    for (char c : *digits) {
        if (!isAsciiDigit(c))
            return std::nullopt;
    }
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(digits->data(), digits->data() + digits->size(), magnitude);
    if (ec == std::errc() && end == digits->data() + digits->size()) {
        if (!negative)
            return magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                ? Json(static_cast<std::int64_t>(magnitude))
                : Json(magnitude);
        if (magnitude <= (std::uint64_t{1} << 63))
            return Json(static_cast<std::int64_t>(0 - magnitude));
    }
    // Beyond int64 and uint64: the nearest float (from_chars rounds correctly).
    double value = 0;
    const auto [floatEnd, floatEc] = std::from_chars(digits->data(), digits->data() + digits->size(), value);
    if (floatEc == std::errc::result_out_of_range || floatEnd != digits->data() + digits->size())
        value = std::numeric_limits<double>::infinity();
    return Json(negative ? -value : value);
}

bool equalsIgnoringCase(std::string_view text, std::string_view lowerWord)
{
    if (text.size() != lowerWord.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != lowerWord[i])
            return false;
    }
    return true;
}

}  // namespace

bool PythonNumber::decimalOverflows(std::string_view text)
{
    const std::size_t ePos = text.find_first_of("eE");
    const std::string_view mantissa = text.substr(0, ePos);
    long long exponent = 0;
    if (ePos != std::string_view::npos) {
        std::string_view digits = text.substr(ePos + 1);
        const bool negative = !digits.empty() && digits[0] == '-';
        if (!digits.empty() && (digits[0] == '-' || digits[0] == '+'))
            digits.remove_prefix(1);
        for (char c : digits)
            exponent = exponent > 1'000'000'000 ? exponent : exponent * 10 + (c - '0');
        if (negative)
            exponent = -exponent;
    }
    const std::size_t point = mantissa.find('.');
    const std::string_view whole = mantissa.substr(0, point);
    const std::size_t firstSignificant = whole.find_first_not_of('0');
    if (firstSignificant != std::string_view::npos)
        return static_cast<long long>(whole.size() - firstSignificant) + exponent > 0;
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
    const std::size_t leadingZeros = fraction.find_first_not_of('0');
    if (leadingZeros == std::string_view::npos)
        return false;
    return exponent - static_cast<long long>(leadingZeros) > 0;
}

namespace {

std::optional<Json> parseFloat(const std::string &text)
{
    std::string_view body = text;
    bool negative = false;
    if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
        negative = body[0] == '-';
        body.remove_prefix(1);
    }
    if (equalsIgnoringCase(body, "inf") || equalsIgnoringCase(body, "infinity"))
        return Json(negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
    if (equalsIgnoringCase(body, "nan"))
        return Json(std::numeric_limits<double>::quiet_NaN());
    const auto cleaned = withoutUnderscores(std::string(body));
    if (!cleaned)
        return std::nullopt;
    // digits [. digits] | . digits, then an optional exponent.
    const std::string &number = *cleaned;
    std::size_t pos = 0;
    std::size_t mantissaDigits = 0;
    while (pos < number.size() && isAsciiDigit(number[pos])) {
        ++pos;
        ++mantissaDigits;
    }
    if (pos < number.size() && number[pos] == '.') {
        ++pos;
        while (pos < number.size() && isAsciiDigit(number[pos])) {
            ++pos;
            ++mantissaDigits;
        }
    }
    if (mantissaDigits == 0)
        return std::nullopt;
    if (pos < number.size() && (number[pos] == 'e' || number[pos] == 'E')) {
        ++pos;
        if (pos < number.size() && (number[pos] == '-' || number[pos] == '+'))
            ++pos;
        std::size_t exponentDigits = 0;
        while (pos < number.size() && isAsciiDigit(number[pos])) {
            ++pos;
            ++exponentDigits;
        }
        if (exponentDigits == 0)
            return std::nullopt;
    }
    if (pos != number.size())
        return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec == std::errc::result_out_of_range)
        value = PythonNumber::decimalOverflows(number) ? std::numeric_limits<double>::infinity() : 0.0;
    else if (ec != std::errc() || end != number.data() + number.size())
        return std::nullopt;
    return Json(negative ? -value : value);
}

}  // namespace

std::optional<Json> PythonNumber::fromString(std::string_view text)
{
    std::u32string codePoints;
    if (!Utf8::decode(text, codePoints, nullptr))
        return std::nullopt;
    std::size_t first = 0;
    std::size_t last = codePoints.size();
    while (first < last && Utf8::isPythonSpace(codePoints[first]))
        ++first;
    while (last > first && Utf8::isPythonSpace(codePoints[last - 1]))
        --last;
    // Python reads every script's decimal digits as the ASCII ones.
    std::string ascii;
    for (std::size_t i = first; i < last; ++i) {
        const char32_t cp = codePoints[i];
        if (cp < 0x80) {
            ascii += static_cast<char>(cp);
        } else if (QChar::category(cp) == QChar::Number_DecimalDigit && QChar::digitValue(cp) >= 0) {
            ascii += static_cast<char>('0' + QChar::digitValue(cp));
        } else {
            return std::nullopt;
        }
    }
    if (auto integer = parseInt(ascii))
        return integer;
    return parseFloat(ascii);
}

Json PythonNumber::sum(const Json &numbers)
{
    WideInt exact;
    std::optional<double> inexact;
    for (const Json &number : numbers) {
        if (inexact) {
            *inexact += toDouble(number);
        } else if (number.is_number_float()) {
            inexact = exact.toDouble() + number.get<double>();
        } else {
            exact.add(number);
        }
    }
    return inexact ? Json(*inexact) : exact.toJson();
}

double PythonNumber::mean(const Json &numbers)
{
    const Json total = sum(numbers);
    return toDouble(total) / static_cast<double>(numbers.size());
}

Json PythonNumber::abs(const Json &number)
{
    if (number.is_number_float())
        return Json(std::fabs(number.get<double>()));
    if (number.is_number_unsigned())
        return number;
    const std::int64_t value = number.get<std::int64_t>();
    if (value >= 0)
        return number;
    // -(-2^63) does not fit an int64 but does fit a uint64.
    const std::uint64_t magnitude = 0 - static_cast<std::uint64_t>(value);
    return magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
        ? Json(static_cast<std::int64_t>(magnitude))
        : Json(magnitude);
}

std::optional<Json> PythonNumber::floor(const Json &number)
{
    if (!number.is_number_float())
        return number;
    const double value = number.get<double>();
    if (!std::isfinite(value))
        return std::nullopt;
    return integralDouble(std::floor(value));
}

std::optional<Json> PythonNumber::ceil(const Json &number)
{
    if (!number.is_number_float())
        return number;
    const double value = number.get<double>();
    if (!std::isfinite(value))
        return std::nullopt;
    return integralDouble(std::ceil(value));
}

}  // namespace jobdesk::query
