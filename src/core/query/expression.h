#pragma once

// A compiled JMESPath expression: parsed once into a tree, then evaluated over
// any number of documents, with the results python's jmespath 1.1 (what the
// AWS CLI's --query runs on) gives for the same expression and document.

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
