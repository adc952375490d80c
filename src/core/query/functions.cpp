#include "core/query/functions.h"

#include "core/output/pythonrepr.h"
#include "core/query/pythonnumber.h"
#include "core/query/pythonvalues.h"
#include "core/query/utf8.h"

#include <QStringList>

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

namespace jobdesk::query {

namespace {

using Json = nlohmann::ordered_json;
using Value = Evaluator::Value;
using Order = PythonValues::Order;

// The types a parameter accepts, as in the specification's signatures.
constexpr unsigned AnyType = 0;
constexpr unsigned NumberType = 1u << 0;
constexpr unsigned StringType = 1u << 1;
constexpr unsigned BooleanType = 1u << 2;
constexpr unsigned NullType = 1u << 3;
constexpr unsigned ArrayType = 1u << 4;
constexpr unsigned ObjectType = 1u << 5;
constexpr unsigned ExprefType = 1u << 6;
constexpr unsigned ArrayOfNumbers = 1u << 7;
constexpr unsigned ArrayOfStrings = 1u << 8;

struct Call
{
    Evaluator &evaluator;
    const Node &node;
    std::vector<Value> arguments;

    const Json &json(std::size_t i) const { return *arguments[i]; }
    QString name() const { return QString::fromStdString(node.name); }
    [[noreturn]] void failType(const QString &message) const
    {
        Evaluator::fail(QueryError::Kind::InvalidType, node.position, message);
    }
    // Applies the expression reference argument i to a value.
    Value apply(std::size_t i, const Value &value) const
    {
        return evaluator.evaluate(*Evaluator::exprefNode(json(i))->children[0], value);
    }
};

using Implementation = std::function<Value(const Call &)>;

struct Function
{
    std::string_view name;
    std::vector<unsigned> parameters;
    bool variadic;  // the last parameter repeats, at least once
    Implementation run;
};

QString typeList(unsigned types)
{
    static const std::pair<unsigned, const char *> names[] = {
        {NumberType, "number"}, {StringType, "string"},           {BooleanType, "boolean"},
        {ArrayType, "array"},   {ObjectType, "object"},           {NullType, "null"},
        {ExprefType, "expref"}, {ArrayOfNumbers, "array-number"}, {ArrayOfStrings, "array-string"},
    };
    QStringList parts;
    for (const auto &[bit, name] : names) {
        if (types & bit)
            parts << QLatin1String(name);
    }
    return parts.join(QLatin1String(" | "));
}

unsigned typeBit(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null: return NullType;
    case Json::value_t::boolean: return BooleanType;
    case Json::value_t::string: return StringType;
    case Json::value_t::array: return ArrayType;
    case Json::value_t::object: return ObjectType;
    case Json::value_t::binary: return ExprefType;
    default: return NumberType;
    }
}

void checkArgument(const Call &call, std::size_t index, unsigned types)
{
    if (types == AnyType)
        return;
    const Json &value = call.json(index);
    const QString position = QString::number(index + 1);
    const unsigned actual = typeBit(value);
    const unsigned elementTypes = types & (ArrayOfNumbers | ArrayOfStrings);
    const bool allowed = (types & actual) || (actual == ArrayType && elementTypes);
    if (!allowed) {
        call.failType(QueryError::tr("Argument %1 of %2() must be %3, not %4.")
                          .arg(position, call.name(), typeList(types), QLatin1String(PythonValues::typeName(value))));
    }
    if (actual != ArrayType || !elementTypes || value.empty())
        return;
    // With both element types allowed, the first element decides which.
    const Json &list = value;
    unsigned required = elementTypes;
    if (elementTypes == (ArrayOfNumbers | ArrayOfStrings))
        required = list[0].is_number() ? ArrayOfNumbers : (list[0].is_string() ? ArrayOfStrings : AnyType);
    for (const Json &element : list) {
        const bool fits =
            (required == ArrayOfNumbers && element.is_number()) || (required == ArrayOfStrings && element.is_string());
        if (!fits) {
            call.failType(
                QueryError::tr("Argument %1 of %2() must be %3, but one of its elements is %4.")
                    .arg(position, call.name(), typeList(types), QLatin1String(PythonValues::typeName(element))));
        }
    }
}

// Numbers with numbers, strings with strings; Python raises for anything else.
Order compareKeys(const Call &call, const Json &left, const Json &right)
{
    if (left.is_number() && right.is_number())
        return PythonValues::compareNumbers(left, right);
    if (left.is_string() && right.is_string())
        return PythonValues::compareStrings(left, right);
    call.failType(QueryError::tr("Cannot compare %1 with %2.")
                      .arg(QLatin1String(PythonValues::typeName(left)), QLatin1String(PythonValues::typeName(right))));
}

// A stable merge sort of positions by keys. Unlike std::stable_sort it stays
// well defined when NaN makes the order inconsistent.
void stableSort(std::vector<std::size_t> &order, const std::function<bool(std::size_t, std::size_t)> &less)
{
    std::vector<std::size_t> buffer(order.size());
    for (std::size_t width = 1; width < order.size(); width *= 2) {
        for (std::size_t begin = 0; begin < order.size(); begin += 2 * width) {
            const std::size_t middle = std::min(begin + width, order.size());
            const std::size_t end = std::min(begin + 2 * width, order.size());
            std::size_t left = begin;
            std::size_t right = middle;
            std::size_t out = begin;
            while (left < middle && right < end)
                buffer[out++] = less(order[right], order[left]) ? order[right++] : order[left++];
            while (left < middle)
                buffer[out++] = order[left++];
            while (right < end)
                buffer[out++] = order[right++];
        }
        order.swap(buffer);
    }
}

Value sortedBy(const Call &call, const Json &list, const std::vector<Json> &keys)
{
    std::vector<std::size_t> order(list.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    stableSort(order, [&](std::size_t a, std::size_t b) { return compareKeys(call, keys[a], keys[b]) == Order::Less; });
    Json sorted = Json::array();
    for (std::size_t i : order)
        sorted.push_back(list[i]);
    return Evaluator::own(std::move(sorted));
}

// max() and min(): the first of the greatest (or least) elements.
Value extreme(const Call &call, const Json &list, const std::vector<Json> &keys, Order wanted)
{
    if (list.empty())
        return Evaluator::null();
    std::size_t best = 0;
    for (std::size_t i = 1; i < list.size(); ++i) {
        if (compareKeys(call, keys[i], keys[best]) == wanted)
            best = i;
    }
    return Evaluator::part(call.arguments[0], list[best]);
}

// The keys of sort_by(), min_by() and max_by(): each element's value of the
// expression, which must be a number or a string (for sort_by(), the type of
// the first one).
std::vector<Json> keysOf(const Call &call, bool sameTypeAsFirst)
{
    const Json &list = call.json(0);
    std::vector<Json> keys;
    QString required = QStringLiteral("number | string");
    for (const Json &element : list) {
        Json key = *call.apply(1, Evaluator::part(call.arguments[0], element));
        const bool fits = sameTypeAsFirst && !keys.empty()
            ? (key.is_number() == keys[0].is_number() && key.is_string() == keys[0].is_string())
            : (key.is_number() || key.is_string());
        if (!fits) {
            call.failType(QueryError::tr("The expression given to %1() must give %2 for every element, not %3.")
                              .arg(call.name(), required, QLatin1String(PythonValues::typeName(key))));
        }
        if (sameTypeAsFirst && keys.empty())
            required = QLatin1String(PythonValues::typeName(key));
        keys.push_back(std::move(key));
    }
    return keys;
}

std::vector<Json> elementsAsKeys(const Json &list)
{
    return std::vector<Json>(list.begin(), list.end());
}

Value integerOf(const Call &call, const std::optional<Json> &result)
{
    if (!result) {
        Evaluator::fail(QueryError::Kind::InvalidValue, call.node.position,
                        QueryError::tr("%1 cannot be converted to an integer.")
                            .arg(QString::fromStdString(output::pythonFloat(call.json(0).get<double>()))));
    }
    return Evaluator::own(*result);
}

Value reversed(const Json &value)
{
    if (value.is_array()) {
        Json list = Json::array();
        for (auto it = value.rbegin(); it != value.rend(); ++it)
            list.push_back(*it);
        return Evaluator::own(std::move(list));
    }
    const std::string &text = value.get_ref<const std::string &>();
    std::vector<std::string_view> pieces;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t next = Utf8::nextBoundary(text, pos);
        pieces.emplace_back(text.data() + pos, next - pos);
        pos = next;
    }
    std::string out;
    out.reserve(text.size());
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
        out += *it;
    return Evaluator::own(std::move(out));
}

QString notConvertible(const Call &call)
{
    return QueryError::tr("Argument %1 of %2() must be %3, not %4.")
        .arg(QStringLiteral("1"), call.name(), QStringLiteral("number | string | boolean | array | object | null"),
             QStringLiteral("expref"));
}

const std::vector<Function> &functionTable()
{
    using E = Evaluator;
    static const std::vector<Function> table = {
        {"abs", {NumberType}, false, [](const Call &c) { return E::own(PythonNumber::abs(c.json(0))); }},
        {"avg",
         {ArrayOfNumbers},
         false,
         [](const Call &c) { return c.json(0).empty() ? E::null() : E::own(PythonNumber::mean(c.json(0))); }},
        {"ceil", {NumberType}, false, [](const Call &c) { return integerOf(c, PythonNumber::ceil(c.json(0))); }},
        {"contains",
         {ArrayType | StringType, AnyType},
         false,
         [](const Call &c) {
             const Json &subject = c.json(0);
             const Json &search = c.json(1);
             if (subject.is_array()) {
                 return E::own(std::any_of(subject.begin(), subject.end(),
                                           [&](const Json &element) { return PythonValues::equals(element, search); }));
             }
             // Python's `in` on a str takes only a str.
             if (!search.is_string()) {
                 c.failType(QueryError::tr("Argument %1 of %2() must be %3, not %4.")
                                .arg(QStringLiteral("2"), c.name(), QStringLiteral("string"),
                                     QLatin1String(PythonValues::typeName(search))));
             }
             return E::own(subject.get_ref<const std::string &>().find(search.get_ref<const std::string &>())
                           != std::string::npos);
         }},
        {"ends_with",
         {StringType, StringType},
         false,
         [](const Call &c) {
             const std::string &text = c.json(0).get_ref<const std::string &>();
             const std::string &suffix = c.json(1).get_ref<const std::string &>();
             return E::own(text.size() >= suffix.size()
                           && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0);
         }},
        {"floor", {NumberType}, false, [](const Call &c) { return integerOf(c, PythonNumber::floor(c.json(0))); }},
        {"join",
         {StringType, ArrayOfStrings},
         false,
         [](const Call &c) {
             std::string joined;
             bool first = true;
             for (const Json &part : c.json(1)) {
                 if (!first)
                     joined += c.json(0).get_ref<const std::string &>();
                 joined += part.get_ref<const std::string &>();
                 first = false;
             }
             return E::own(std::move(joined));
         }},
        {"keys",
         {ObjectType},
         false,
         [](const Call &c) {
             Json keys = Json::array();
             for (auto it = c.json(0).begin(); it != c.json(0).end(); ++it)
                 keys.push_back(it.key());
             return E::own(std::move(keys));
         }},
        {"length",
         {StringType | ArrayType | ObjectType},
         false,
         [](const Call &c) {
             const Json &value = c.json(0);
             const std::size_t length =
                 value.is_string() ? Utf8::length(value.get_ref<const std::string &>()) : value.size();
             return E::own(static_cast<std::int64_t>(length));
         }},
        {"map",
         {ExprefType, ArrayType},
         false,
         [](const Call &c) {
             Json mapped = Json::array();
             for (const Json &element : c.json(1))
                 mapped.push_back(*c.apply(0, E::part(c.arguments[1], element)));
             return E::own(std::move(mapped));
         }},
        {"max",
         {ArrayOfNumbers | ArrayOfStrings},
         false,
         [](const Call &c) { return extreme(c, c.json(0), elementsAsKeys(c.json(0)), Order::Greater); }},
        {"max_by",
         {ArrayType, ExprefType},
         false,
         [](const Call &c) { return extreme(c, c.json(0), keysOf(c, false), Order::Greater); }},
        {"merge",
         {ObjectType},
         true,
         [](const Call &c) {
             Json merged = Json::object();
             for (const Value &argument : c.arguments) {
                 for (auto it = argument->begin(); it != argument->end(); ++it)
                     merged[it.key()] = it.value();
             }
             return E::own(std::move(merged));
         }},
        {"min",
         {ArrayOfNumbers | ArrayOfStrings},
         false,
         [](const Call &c) { return extreme(c, c.json(0), elementsAsKeys(c.json(0)), Order::Less); }},
        {"min_by",
         {ArrayType, ExprefType},
         false,
         [](const Call &c) { return extreme(c, c.json(0), keysOf(c, false), Order::Less); }},
        {"not_null",
         {AnyType},
         true,
         [](const Call &c) {
             for (const Value &argument : c.arguments) {
                 if (!argument->is_null())
                     return argument;
             }
             return E::null();
         }},
        {"reverse", {ArrayType | StringType}, false, [](const Call &c) { return reversed(c.json(0)); }},
        {"sort",
         {ArrayOfStrings | ArrayOfNumbers},
         false,
         [](const Call &c) { return sortedBy(c, c.json(0), elementsAsKeys(c.json(0))); }},
        {"sort_by",
         {ArrayType, ExprefType},
         false,
         [](const Call &c) { return sortedBy(c, c.json(0), keysOf(c, true)); }},
        {"starts_with",
         {StringType, StringType},
         false,
         [](const Call &c) {
             const std::string &text = c.json(0).get_ref<const std::string &>();
             const std::string &prefix = c.json(1).get_ref<const std::string &>();
             return E::own(text.compare(0, prefix.size(), prefix) == 0);
         }},
        {"sum", {ArrayOfNumbers}, false, [](const Call &c) { return E::own(PythonNumber::sum(c.json(0))); }},
        {"to_array",
         {AnyType},
         false,
         [](const Call &c) { return c.json(0).is_array() ? c.arguments[0] : E::own(Json::array({c.json(0)})); }},
        {"to_number",
         {AnyType},
         false,
         [](const Call &c) {
             const Json &value = c.json(0);
             if (value.is_number())
                 return c.arguments[0];
             // Python's int() raises for an expression reference, unlike for
             // the other values to_number() gives null for.
             if (value.is_binary())
                 c.failType(notConvertible(c));
             if (!value.is_string())
                 return E::null();
             const auto number = PythonNumber::fromString(value.get_ref<const std::string &>());
             return number ? E::own(*number) : E::null();
         }},
        {"to_string",
         {AnyType},
         false,
         [](const Call &c) {
             if (c.json(0).is_string())
                 return c.arguments[0];
             // jmespath.py writes the reference's Python repr() as a JSON
             // string; its address, which changes from run to run, is left out.
             if (c.json(0).is_binary())
                 return E::own("\"<jmespath.visitor._Expression object>\"");
             return E::own(output::pythonJsonDumps(c.json(0)));
         }},
        {"type",
         {AnyType},
         false,
         [](const Call &c) {
             // jmespath.py's type() has no answer for an expression reference.
             if (c.json(0).is_binary())
                 return E::null();
             return E::own(PythonValues::typeName(c.json(0)));
         }},
        {"values",
         {ObjectType},
         false,
         [](const Call &c) {
             Json values = Json::array();
             for (const Json &value : c.json(0))
                 values.push_back(value);
             return E::own(std::move(values));
         }},
    };
    return table;
}

}  // namespace

Evaluator::Value Functions::call(Evaluator &evaluator, const Node &node, const Evaluator::Value &current)
{
    Call call{evaluator, node, {}};
    for (const auto &child : node.children)
        call.arguments.push_back(evaluator.evaluate(*child, current));
    const auto &table = functionTable();
    const auto found = std::find_if(table.begin(), table.end(), [&](const Function &f) { return f.name == node.name; });
    if (found == table.end()) {
        Evaluator::fail(QueryError::Kind::UnknownFunction, node.position,
                        QueryError::tr("Unknown function %1().").arg(call.name()));
    }
    const std::size_t given = call.arguments.size();
    const std::size_t expected = found->parameters.size();
    if (found->variadic ? given < expected : given != expected) {
        const QString message = found->variadic
            ? QueryError::tr("Too few arguments for %1(): expected at least %2, got %3.")
            : QueryError::tr("Wrong number of arguments for %1(): expected %2, got %3.");
        Evaluator::fail(QueryError::Kind::InvalidArity, node.position,
                        message.arg(call.name(), QString::number(expected), QString::number(given)));
    }
    for (std::size_t i = 0; i < given; ++i)
        checkArgument(call, i, found->parameters[std::min(i, expected - 1)]);
    return found->run(call);
}

}  // namespace jobdesk::query
