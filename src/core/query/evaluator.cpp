#include "core/query/evaluator.h"

#include "core/query/functions.h"
#include "core/query/pythonvalues.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace jobdesk::query {

namespace {

// The binary subtype that marks an expression reference.
constexpr std::uint64_t exprefSubtype = 0x6a6d6573;

// The first expression reference inside a result, if any; a stack rather than
// recursion, as the document can be deep.
const Node *findExpref(const nlohmann::ordered_json &root)
{
    std::vector<const nlohmann::ordered_json *> pending{&root};
    while (!pending.empty()) {
        const nlohmann::ordered_json *value = pending.back();
        pending.pop_back();
        if (const Node *node = Evaluator::exprefNode(*value))
            return node;
        if (value->is_array() || value->is_object()) {
            for (const auto &member : *value)
                pending.push_back(&member);
        }
    }
    return nullptr;
}

}  // namespace

nlohmann::ordered_json Evaluator::expref(const Node &node)
{
    const auto address = reinterpret_cast<std::uintptr_t>(&node);
    std::vector<std::uint8_t> bytes(sizeof address);
    std::memcpy(bytes.data(), &address, sizeof address);
    return Json::binary(std::move(bytes), exprefSubtype);
}

const Node *Evaluator::exprefNode(const Json &value)
{
    if (!value.is_binary())
        return nullptr;
    const auto &bytes = value.get_binary();
    std::uintptr_t address = 0;
    if (!bytes.has_subtype() || bytes.subtype() != exprefSubtype || bytes.size() != sizeof address)
        return nullptr;
    std::memcpy(&address, bytes.data(), sizeof address);
    return reinterpret_cast<const Node *>(address);
}

Result<Evaluator::Json, QueryError> Evaluator::search(const Node &root, const Json &document)
{
    try {
        Evaluator evaluator;
        const Value result = evaluator.evaluate(root, Value(Value(), &document));
        if (evaluator.m_madeExpref) {
            if (const Node *reference = findExpref(*result)) {
                fail(QueryError::Kind::InvalidType, reference->position,
                     QueryError::tr("An expression reference (&) can only be given to a function that applies it."));
            }
        }
        return Json(*result);
    } catch (const EvaluationFailure &failure) {
        return failure.error;
    }
}

Evaluator::Value Evaluator::null()
{
    static const Json nullValue;
    return Value(Value(), &nullValue);
}

void Evaluator::fail(QueryError::Kind kind, int position, const QString &message)
{
    throw EvaluationFailure{QueryError{kind, position, message}};
}

Evaluator::Value Evaluator::evaluate(const Node &node, const Value &current)
{
    switch (node.type) {
    case Node::Type::Current: return current;
    case Node::Type::Field: {
        if (!current->is_object())
            return null();
        const auto found = current->find(node.name);
        return found == current->end() ? null() : part(current, *found);
    }
    case Node::Type::Subexpression:
    case Node::Type::IndexExpression:
    case Node::Type::Pipe: {
        // Each step runs even on null, as in jmespath.py: a function at the
        // end of a path still sees (and may reject) the null.
        Value result = current;
        for (const auto &child : node.children)
            result = evaluate(*child, result);
        return result;
    }
    case Node::Type::Index: {
        if (!current->is_array())
            return null();
        const auto size = static_cast<std::int64_t>(current->size());
        // node.index is at least -(2^63 - 1), so adding a size cannot overflow.
        const std::int64_t index = node.index < 0 ? node.index + size : node.index;
        if (index < 0 || index >= size)
            return null();
        return part(current, (*current)[static_cast<std::size_t>(index)]);
    }
    case Node::Type::Slice: return evaluateSlice(node, current);
    case Node::Type::Projection:
    case Node::Type::ValueProjection:
    case Node::Type::FilterProjection: return evaluateProjection(node, current);
    case Node::Type::Flatten: {
        const Value base = evaluate(*node.children[0], current);
        if (!base->is_array())
            return null();
        Json merged = Json::array();
        for (const Json &element : *base) {
            if (element.is_array()) {
                for (const Json &inner : element)
                    merged.push_back(inner);
            } else {
                merged.push_back(element);
            }
        }
        return own(std::move(merged));
    }
    case Node::Type::Literal: return Value(Value(), &node.literal);
    case Node::Type::MultiSelectList: {
        if (current->is_null())
            return null();
        Json list = Json::array();
        for (const auto &child : node.children)
            list.push_back(*evaluate(*child, current));
        return own(std::move(list));
    }
    case Node::Type::MultiSelectHash: {
        if (current->is_null())
            return null();
        Json hash = Json::object();
        for (std::size_t i = 0; i < node.children.size(); ++i)
            hash[node.keys[i]] = *evaluate(*node.children[i], current);
        return own(std::move(hash));
    }
    case Node::Type::Or:
    case Node::Type::And: {
        // Or stops at the first truthy value, And at the first falsy one.
        const bool stopWhen = node.type == Node::Type::Or;
        Value result;
        for (const auto &child : node.children) {
            result = evaluate(*child, current);
            if (PythonValues::isTruthy(*result) == stopWhen)
                break;
        }
        return result;
    }
    case Node::Type::Not: {
        const Value operand = evaluate(*node.children[0], current);
        // Numbers, 0 included, are truthy in JMESPath, so !number is false.
        if (operand->is_number())
            return own(false);
        return own(!PythonValues::isTruthy(*operand));
    }
    case Node::Type::Comparator: return evaluateComparator(node, current);
    case Node::Type::Function: return Functions::call(*this, node, current);
    case Node::Type::Expref: m_madeExpref = true; return own(expref(node));
    }
    return null();
}

// Python's slice semantics: negative positions count from the end, bounds
// are clamped, and a negative step walks backwards.
Evaluator::Value Evaluator::evaluateSlice(const Node &node, const Value &current)
{
    if (!current->is_array())
        return null();
    const std::int64_t step = node.slice[2].value_or(1);
    if (step == 0)
        fail(QueryError::Kind::InvalidValue, node.position, QueryError::tr("A slice step cannot be 0."));
    const auto length = static_cast<std::int64_t>(current->size());
    const std::int64_t lower = step < 0 ? -1 : 0;
    const std::int64_t upper = step < 0 ? length - 1 : length;
    // Bounds are at least -(2^63 - 1) (the lexer saturates), so adding the
    // length cannot overflow.
    const auto clamp = [&](const std::optional<std::int64_t> &bound, std::int64_t absent) {
        if (!bound)
            return absent;
        std::int64_t value = *bound;
        if (value < 0) {
            value += length;
            if (value < lower)
                value = lower;
        } else if (value > upper) {
            value = upper;
        }
        return value;
    };
    const std::int64_t start = clamp(node.slice[0], step < 0 ? upper : lower);
    const std::int64_t stop = clamp(node.slice[1], step < 0 ? lower : upper);

    Json result = Json::array();
    // The distance to stop is compared before each step, so i never
    // overflows however large the step is.
    if (step > 0) {
        for (std::int64_t i = start; i < stop;) {
            result.push_back((*current)[static_cast<std::size_t>(i)]);
            if (stop - i <= step)
                break;
            i += step;
        }
    } else {
        for (std::int64_t i = start; i > stop;) {
            result.push_back((*current)[static_cast<std::size_t>(i)]);
            if (i - stop <= -step)
                break;
            i += step;
        }
    }
    return own(std::move(result));
}

Evaluator::Value Evaluator::evaluateProjection(const Node &node, const Value &current)
{
    const Value base = evaluate(*node.children[0], current);
    const bool overValues = node.type == Node::Type::ValueProjection;
    if (overValues ? !base->is_object() : !base->is_array())
        return null();
    const Node *condition = node.type == Node::Type::FilterProjection ? node.children[2].get() : nullptr;
    Json collected = Json::array();
    for (const Json &element : *base) {
        const Value value = part(base, element);
        if (condition && !PythonValues::isTruthy(*evaluate(*condition, value)))
            continue;
        const Value projected = evaluate(*node.children[1], value);
        if (!projected->is_null())
            collected.push_back(*projected);
    }
    return own(std::move(collected));
}

Evaluator::Value Evaluator::evaluateComparator(const Node &node, const Value &current)
{
    const Value left = evaluate(*node.children[0], current);
    const Value right = evaluate(*node.children[1], current);
    switch (node.comparison) {
    case Node::Comparison::Equal: return own(PythonValues::jmespathEquals(*left, *right));
    case Node::Comparison::NotEqual: return own(!PythonValues::jmespathEquals(*left, *right));
    default: break;
    }
    // Ordering is defined between numbers and between strings; any other
    // operand gives null. A number against a string is an error, as it is in
    // Python.
    const auto comparable = [](const Json &value) { return value.is_number() || value.is_string(); };
    if (!comparable(*left) || !comparable(*right))
        return null();
    if (left->is_number() != right->is_number()) {
        fail(QueryError::Kind::InvalidType, node.position,
             QueryError::tr("Cannot compare %1 with %2.")
                 .arg(QLatin1String(PythonValues::typeName(*left)), QLatin1String(PythonValues::typeName(*right))));
    }
    using Order = PythonValues::Order;
    const Order order =
        left->is_number() ? PythonValues::compareNumbers(*left, *right) : PythonValues::compareStrings(*left, *right);
    switch (node.comparison) {
    case Node::Comparison::Less: return own(order == Order::Less);
    case Node::Comparison::LessOrEqual: return own(order == Order::Less || order == Order::Equal);
    case Node::Comparison::Greater: return own(order == Order::Greater);
    default: return own(order == Order::Greater || order == Order::Equal);
    }
}

}  // namespace jobdesk::query
