#include "core/query/pythonvalues.h"

#include <cmath>
#include <cstdint>

namespace jobdesk::query {

namespace {

using Order = PythonValues::Order;
using Json = nlohmann::ordered_json;

template<typename T>
Order compareSame(T left, T right)
{
    if (left < right)
        return Order::Less;
    if (right < left)
        return Order::Greater;
    return Order::Equal;
}

Order reverse(Order order)
{
    switch (order) {
    case Order::Less: return Order::Greater;
    case Order::Greater: return Order::Less;
    default: return order;
    }
}

constexpr double twoTo63 = 9223372036854775808.0;
constexpr double twoTo64 = 18446744073709551616.0;

// Exact, unlike converting the integer to double, which rounds above 2^53.
Order compareIntDouble(std::int64_t left, double right)
{
    if (std::isnan(right))
        return Order::Unordered;
    if (right >= twoTo63)
        return Order::Less;
    if (right < -twoTo63)
        return Order::Greater;
    const auto whole = static_cast<std::int64_t>(right);  // in range: checked above
    if (left != whole)
        return compareSame(left, whole);
    return compareSame(0.0, right - static_cast<double>(whole));
}

Order compareUnsignedDouble(std::uint64_t left, double right)
{
    if (std::isnan(right))
        return Order::Unordered;
    if (right < 0)
        return Order::Greater;
    if (right >= twoTo64)
        return Order::Less;
    const auto whole = static_cast<std::uint64_t>(right);
    if (left != whole)
        return compareSame(left, whole);
    return compareSame(0.0, right - static_cast<double>(whole));
}

Order compareIntUnsigned(std::int64_t left, std::uint64_t right)
{
    if (left < 0)
        return Order::Less;
    return compareSame(static_cast<std::uint64_t>(left), right);
}

// Python's bool is an int: inside lists and objects True == 1.
bool isNumeric(const Json &value)
{
    return value.is_number() || value.is_boolean();
}

Json asNumber(const Json &value)
{
    if (value.is_boolean())
        return Json(static_cast<std::int64_t>(value.get<bool>() ? 1 : 0));
    return value;
}

}  // namespace

Order PythonValues::compareNumbers(const Json &left, const Json &right)
{
    using T = Json::value_t;
    const T l = left.type();
    const T r = right.type();
    if (l == T::number_float && r == T::number_float) {
        const double a = left.get<double>();
        const double b = right.get<double>();
        if (std::isnan(a) || std::isnan(b))
            return Order::Unordered;
        return compareSame(a, b);
    }
    if (l == T::number_float)
        return reverse(compareNumbers(right, left));
    if (r == T::number_float) {
        if (l == T::number_unsigned)
            return compareUnsignedDouble(left.get<std::uint64_t>(), right.get<double>());
        return compareIntDouble(left.get<std::int64_t>(), right.get<double>());
    }
    if (l == T::number_unsigned && r == T::number_unsigned)
        return compareSame(left.get<std::uint64_t>(), right.get<std::uint64_t>());
    if (l == T::number_unsigned)
        return reverse(compareIntUnsigned(right.get<std::int64_t>(), left.get<std::uint64_t>()));
    if (r == T::number_unsigned)
        return compareIntUnsigned(left.get<std::int64_t>(), right.get<std::uint64_t>());
    return compareSame(left.get<std::int64_t>(), right.get<std::int64_t>());
}

Order PythonValues::compareStrings(const Json &left, const Json &right)
{
    const int result = left.get_ref<const std::string &>().compare(right.get_ref<const std::string &>());
    return result < 0 ? Order::Less : (result > 0 ? Order::Greater : Order::Equal);
}

bool PythonValues::equals(const Json &left, const Json &right)
{
    if (isNumeric(left) && isNumeric(right))
        return compareNumbers(asNumber(left), asNumber(right)) == Order::Equal;
    if (left.type() != right.type())
        return false;
    switch (left.type()) {
    case Json::value_t::null: return true;
    case Json::value_t::string: return left.get_ref<const std::string &>() == right.get_ref<const std::string &>();
    case Json::value_t::array:
        if (left.size() != right.size())
            return false;
        for (std::size_t i = 0; i < left.size(); ++i) {
            if (!equals(left[i], right[i]))
                return false;
        }
        return true;
    case Json::value_t::object:
        if (left.size() != right.size())
            return false;
        for (auto it = left.begin(); it != left.end(); ++it) {
            const auto other = right.find(it.key());
            if (other == right.end() || !equals(it.value(), *other))
                return false;
        }
        return true;
    default: return false;
    }
}

bool PythonValues::jmespathEquals(const Json &left, const Json &right)
{
    if ((left.is_boolean() && right.is_number()) || (left.is_number() && right.is_boolean()))
        return false;
    return equals(left, right);
}

bool PythonValues::isTruthy(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::string: return !value.get_ref<const std::string &>().empty();
    case Json::value_t::array:
    case Json::value_t::object: return !value.empty();
    default: return true;
    }
}

const char *PythonValues::typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    case Json::value_t::binary: return "expref";
    default: return "number";
    }
}

}  // namespace jobdesk::query
