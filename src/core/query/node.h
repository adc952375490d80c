#pragma once

// One node of a compiled expression's tree. The parser builds the tree once;
// after that it is never changed, so copies of an Expression share it.

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jobdesk::query {

struct Node
{
    enum class Type {
        Current,           // @, and the implicit left or right side of a projection
        Field,             // name
        Subexpression,     // children applied in turn: a.b.c
        Index,             // [index]
        Slice,             // [start:stop:step]
        IndexExpression,   // children applied in turn: a[0][1]
        Projection,        // children: the list, then what to apply to each element
        ValueProjection,   // the same over an object's values: a.*
        FilterProjection,  // children: the list, what to apply, the condition
        Flatten,           // children: the list to flatten one level
        Literal,           // `json` or 'raw'
        MultiSelectList,   // [a, b]
        MultiSelectHash,   // {key: a, ...}: keys[i] names children[i]
        Pipe,              // children applied in turn, each starting afresh: a | b
        Or,                // the first truthy child's value, else the last one's
        And,               // the first falsy child's value, else the last one's
        Not,               // !child
        Comparator,        // children: left, right
        Function,          // name(children...)
        Expref,            // &child: the expression itself, for a function to apply
    };
    enum class Comparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

    explicit Node(Type nodeType, int tokenPosition) : type(nodeType), position(tokenPosition) {}

    Type type;
    // Where the node's token starts in the expression, in code points: a
    // function's name for Function, the operator for Comparator.
    int position;
    // Levels from this node down to its deepest leaf; compile() bounds it.
    int height = 1;
    std::string name;
    std::vector<std::string> keys;
    std::vector<std::unique_ptr<Node>> children;
    nlohmann::ordered_json literal;
    std::int64_t index = 0;
    std::array<std::optional<std::int64_t>, 3> slice;  // start, stop, step
    Comparison comparison = Comparison::Equal;
};

}  // namespace jobdesk::query
