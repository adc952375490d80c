#pragma once

// Walks a compiled expression's tree over a document, as jmespath.py's
// interpreter does. Values taken from the document are not copied until they
// go into a new list or object.

#include "core/query/node.h"
#include "core/query/queryerror.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace jobdesk::query {

// How evaluation stops at the first error, as jmespath.py's does: thrown by
// the evaluator and the functions, caught by Evaluator::search(); it never
// leaves the query engine.
struct EvaluationFailure
{
    QueryError error;
};

class Evaluator
{
public:
    using Json = nlohmann::ordered_json;
    // A value during evaluation. One inside the document or the expression
    // points there without owning it; one that evaluation made owns itself,
    // and the parts taken from it share that ownership.
    using Value = std::shared_ptr<const Json>;

    static Result<Json, QueryError> search(const Node &root, const Json &document);

    // Recursion follows the tree, whose height compile() bounds.
    Value evaluate(const Node &node, const Value &current);

    static Value own(Json value) { return std::make_shared<const Json>(std::move(value)); }
    // An expression reference (&expression) is a value too, as in jmespath.py:
    // it can be passed around, put in lists and given to any function, but
    // it cannot be part of a search's result. It is held as a JSON binary
    // value, a type no document has, naming its node.
    static Json expref(const Node &node);
    static const Node *exprefNode(const Json &value);
    static Value part(const Value &whole, const Json &member) { return Value(whole, &member); }
    static Value null();
    [[noreturn]] static void fail(QueryError::Kind kind, int position, const QString &message);

private:
    Value evaluateSlice(const Node &node, const Value &current);
    Value evaluateProjection(const Node &node, const Value &current);
    Value evaluateComparator(const Node &node, const Value &current);

    bool m_madeExpref = false;
};

}  // namespace jobdesk::query
