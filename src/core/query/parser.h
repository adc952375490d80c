#pragma once

// Builds an expression's tree from its tokens: a top-down operator precedence
// parser with jmespath.py's binding powers, so that projections stop, and
// operators group, exactly as they do for the AWS CLI.

#include "core/query/lexer.h"
#include "core/query/node.h"

#include <memory>
#include <vector>

namespace jobdesk::query {

class Parser
{
public:
    // Refuses, as a Syntax error, an expression nested more than
    // Expression::maxDepth levels deep, which keeps every later walk of the
    // tree within a bounded stack.
    static Result<std::unique_ptr<Node>, QueryError> parse(std::vector<Token> tokens);

private:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    using NodePtr = std::unique_ptr<Node>;

    NodePtr expression(int bindingPower);
    NodePtr nud(const Token &token);
    NodePtr led(Token::Type type, NodePtr left);
    NodePtr parseIndexExpression();
    NodePtr parseSlice();
    NodePtr parseMultiSelectList(int position);
    NodePtr parseMultiSelectHash(int position);
    NodePtr parseProjectionRhs(int bindingPower);
    NodePtr parseDotRhs(int bindingPower);
    NodePtr parseFunctionCall(NodePtr name);
    NodePtr parseFilter(NodePtr left, int position);
    NodePtr projectIfSlice(NodePtr left, NodePtr right);
    NodePtr comparator(Node::Comparison comparison, NodePtr left);

    NodePtr make(Node::Type type, int position);
    NodePtr make(Node::Type type, int position, NodePtr first, NodePtr second = {});
    void adopt(Node &parent, NodePtr child);

    const Token &lookahead(std::size_t offset = 0) const;
    Token::Type currentType() const { return lookahead().type; }
    void advance();
    void match(Token::Type type);
    [[noreturn]] void failExpected(const QString &expected, const Token &found) const;
    [[noreturn]] void failUnexpected(const Token &found) const;
    [[noreturn]] void fail(int position, const QString &message) const;

    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
    int m_depth = 0;
};

}  // namespace jobdesk::query
