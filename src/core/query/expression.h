#pragma once

// A compiled JMESPath expression: parsed once into a tree, then evaluated over
// any number of documents, with the results python's jmespath 1.1 (what the
// AWS CLI's --query runs on) gives for the same expression and document.
//
// Where it cannot or should not do the same:
// - Python's ints have no bounds; a JSON number here is an int64, a uint64 or
//   a double. Sums stay exact while they fit the first two; a result beyond
//   both (sum, floor/ceil of a huge float, to_number, a literal) is the
//   nearest double. Floats are summed left to right as Python 3.11 does.
// - Where jmespath.py lets a Python exception escape (a number ordered against
//   a string, contains() of a non-string in a string, merge() of a non-object,
//   floor() of infinity, a slice step of 0) this gives InvalidType or
//   InvalidValue errors.
// - Nesting beyond maxDepth, in the expression or in a `literal`, is refused.
// - A quoted identifier or literal that escapes a lone surrogate (U+D800 to
//   U+DFFF) is a syntax error, as UTF-8 cannot hold one.
// - An expression reference (&expr) in the result is an InvalidType error,
//   where the AWS CLI fails to print it; to_string(&expr) leaves out the
//   object's address.

#include "core/query/queryerror.h"
#include "core/result.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace jobdesk::query {

struct Node;

class Expression
{
public:
    // How deeply an expression may nest (brackets, sub-expressions, function
    // calls) before compile() refuses it; evaluation recursion is bounded by it.
    static constexpr int maxDepth = 256;

    // The expression as UTF-8 text.
    static Result<Expression, QueryError> compile(std::string_view text);
    static Result<Expression, QueryError> compile(const QString &text);

    // Evaluates the expression over a document. Object members keep the
    // document's order; integers and floats stay apart as in Python.
    Result<nlohmann::ordered_json, QueryError> search(const nlohmann::ordered_json &document) const;

    // The text it was compiled from.
    const std::string &text() const { return m_text; }

private:
    Expression(std::shared_ptr<const Node> root, std::string text);

    std::shared_ptr<const Node> m_root;  // immutable, so copies share it
    std::string m_text;
};

}  // namespace jobdesk::query
