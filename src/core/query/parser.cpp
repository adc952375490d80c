#include "core/query/parser.h"

#include "core/query/expression.h"

#include <algorithm>

namespace jobdesk::query {

namespace {

using Type = Token::Type;

// The binding powers of jmespath.py's parser. Tokens below projectionStop end
// a projection's right-hand side.
constexpr int projectionStop = 10;

int bindingPower(Type type)
{
    switch (type) {
    case Type::Pipe: return 1;
    case Type::Or: return 2;
    case Type::And: return 3;
    case Type::Equal:
    case Type::NotEqual:
    case Type::Less:
    case Type::LessOrEqual:
    case Type::Greater:
    case Type::GreaterOrEqual: return 5;
    case Type::Flatten: return 9;
    case Type::Star: return 20;
    case Type::Filter: return 21;
    case Type::Dot: return 40;
    case Type::Not: return 45;
    case Type::LBrace: return 50;
    case Type::LBracket: return 55;
    case Type::LParen: return 60;
    default: return 0;
    }
}

// How parsing stops at the first error: the parser's functions throw this,
// and Parser::parse() turns it into its result. It never leaves the parser.
struct ParseFailure
{
    QueryError error;
};

QString describe(const Token &token)
{
    if (token.type == Type::Eof)
        return QueryError::tr("the end of the expression");
    return QStringLiteral("'%1'").arg(QString::fromStdString(token.text));
}

}  // namespace

Result<std::unique_ptr<Node>, QueryError> Parser::parse(std::vector<Token> tokens)
{
    Parser parser(std::move(tokens));
    try {
        NodePtr root = parser.expression(0);
        if (parser.currentType() != Type::Eof)
            parser.failUnexpected(parser.lookahead());
        return root;
    } catch (const ParseFailure &failure) {
        return failure.error;
    }
}

void Parser::fail(int position, const QString &message) const
{
    throw ParseFailure{QueryError{QueryError::Kind::Syntax, position, message}};
}

void Parser::failExpected(const QString &expected, const Token &found) const
{
    fail(found.start, QueryError::tr("Expected %1 but found %2.").arg(expected, describe(found)));
}

void Parser::failUnexpected(const Token &found) const
{
    fail(found.start, QueryError::tr("Unexpected %1.").arg(describe(found)));
}

const Token &Parser::lookahead(std::size_t offset) const
{
    // The Eof token ends every list, and the parser never looks past it.
    return m_tokens[std::min(m_index + offset, m_tokens.size() - 1)];
}

void Parser::advance()
{
    if (m_index + 1 < m_tokens.size())
        ++m_index;
}

void Parser::match(Type type)
{
    if (currentType() != type) {
        QString expected;
        switch (type) {
        case Type::RBracket: expected = QStringLiteral("']'"); break;
        case Type::RParen: expected = QStringLiteral("')'"); break;
        case Type::RBrace: expected = QStringLiteral("'}'"); break;
        case Type::Colon: expected = QStringLiteral("':'"); break;
        case Type::Comma: expected = QStringLiteral("','"); break;
        case Type::Star: expected = QStringLiteral("'*'"); break;
        default: expected = QueryError::tr("an identifier"); break;
        }
        failExpected(expected, lookahead());
    }
    advance();
}

Parser::NodePtr Parser::make(Node::Type type, int position)
{
    return std::make_unique<Node>(type, position);
}

Parser::NodePtr Parser::make(Node::Type type, int position, NodePtr first, NodePtr second)
{
    NodePtr node = make(type, position);
    adopt(*node, std::move(first));
    if (second)
        adopt(*node, std::move(second));
    return node;
}

void Parser::adopt(Node &parent, NodePtr child)
{
    parent.height = std::max(parent.height, child->height + 1);
    if (parent.height > Expression::maxDepth)
        fail(lookahead().start,
             QueryError::tr("The expression is nested more than %1 levels deep.").arg(Expression::maxDepth));
    parent.children.push_back(std::move(child));
}

Parser::NodePtr Parser::expression(int power)
{
    // Every level of brackets, parentheses, projections and operators comes
    // through here, so this bounds the parser's own recursion.
    if (m_depth >= Expression::maxDepth)
        fail(lookahead().start,
             QueryError::tr("The expression is nested more than %1 levels deep.").arg(Expression::maxDepth));
    ++m_depth;
    const Token token = lookahead();
    advance();
    NodePtr left = nud(token);
    while (power < bindingPower(currentType()))
        left = led(currentType(), std::move(left));
    --m_depth;
    return left;
}

Parser::NodePtr Parser::nud(const Token &token)
{
    switch (token.type) {
    case Type::Literal: {
        NodePtr node = make(Node::Type::Literal, token.start);
        node->literal = *token.literal;
        return node;
    }
    case Type::UnquotedIdentifier: {
        NodePtr node = make(Node::Type::Field, token.start);
        node->name = token.name;
        return node;
    }
    case Type::QuotedIdentifier: {
        if (currentType() == Type::LParen)
            fail(token.start, QueryError::tr("A quoted identifier cannot name a function."));
        NodePtr node = make(Node::Type::Field, token.start);
        node->name = token.name;
        return node;
    }
    case Type::Star: {
        NodePtr right = currentType() == Type::RBracket ? make(Node::Type::Current, token.start)
                                                        : parseProjectionRhs(bindingPower(Type::Star));
        return make(Node::Type::ValueProjection, token.start, make(Node::Type::Current, token.start), std::move(right));
    }
    case Type::Filter: return parseFilter(make(Node::Type::Current, token.start), token.start);
    case Type::LBrace: return parseMultiSelectHash(token.start);
    case Type::LParen: {
        NodePtr inner = expression(0);
        match(Type::RParen);
        return inner;
    }
    case Type::Flatten: {
        NodePtr flatten = make(Node::Type::Flatten, token.start, make(Node::Type::Current, token.start));
        return make(Node::Type::Projection, token.start, std::move(flatten),
                    parseProjectionRhs(bindingPower(Type::Flatten)));
    }
    case Type::Not: return make(Node::Type::Not, token.start, expression(bindingPower(Type::Not)));
    case Type::LBracket:
        if (currentType() == Type::Number || currentType() == Type::Colon)
            return projectIfSlice(make(Node::Type::Current, token.start), parseIndexExpression());
        if (currentType() == Type::Star && lookahead(1).type == Type::RBracket) {
            advance();
            advance();
            return make(Node::Type::Projection, token.start, make(Node::Type::Current, token.start),
                        parseProjectionRhs(bindingPower(Type::Star)));
        }
        return parseMultiSelectList(token.start);
    case Type::Current: return make(Node::Type::Current, token.start);
    case Type::Expref: return make(Node::Type::Expref, token.start, expression(0));
    default:
        if (token.type == Type::Eof)
            failExpected(QueryError::tr("an expression"), token);
        failUnexpected(token);
    }
}

Parser::NodePtr Parser::led(Type type, NodePtr left)
{
    const Token token = lookahead();
    switch (type) {
    case Type::Dot:
        advance();
        if (currentType() == Type::Star) {
            advance();
            return make(Node::Type::ValueProjection, token.start, std::move(left),
                        parseProjectionRhs(bindingPower(Type::Dot)));
        }
        if (left->type == Node::Type::Subexpression) {
            adopt(*left, parseDotRhs(bindingPower(Type::Dot)));
            return left;
        } else {
            NodePtr right = parseDotRhs(bindingPower(Type::Dot));
            const int position = left->position;
            return make(Node::Type::Subexpression, position, std::move(left), std::move(right));
        }
    case Type::Pipe:
    case Type::Or:
    case Type::And: {
        advance();
        const Node::Type nodeType =
            type == Type::Pipe ? Node::Type::Pipe : (type == Type::Or ? Node::Type::Or : Node::Type::And);
        NodePtr right = expression(bindingPower(type));
        // a | b | c and a || b || c group to the left; one node holding all
        // of them in turn behaves the same and keeps long chains shallow.
        if (left->type == nodeType) {
            adopt(*left, std::move(right));
            return left;
        }
        return make(nodeType, token.start, std::move(left), std::move(right));
    }
    case Type::LParen: advance(); return parseFunctionCall(std::move(left));
    case Type::Filter: advance(); return parseFilter(std::move(left), token.start);
    case Type::Equal: advance(); return comparator(Node::Comparison::Equal, std::move(left));
    case Type::NotEqual: advance(); return comparator(Node::Comparison::NotEqual, std::move(left));
    case Type::Less: advance(); return comparator(Node::Comparison::Less, std::move(left));
    case Type::LessOrEqual: advance(); return comparator(Node::Comparison::LessOrEqual, std::move(left));
    case Type::Greater: advance(); return comparator(Node::Comparison::Greater, std::move(left));
    case Type::GreaterOrEqual: advance(); return comparator(Node::Comparison::GreaterOrEqual, std::move(left));
    case Type::Flatten: {
        advance();
        NodePtr flatten = make(Node::Type::Flatten, token.start, std::move(left));
        return make(Node::Type::Projection, token.start, std::move(flatten),
                    parseProjectionRhs(bindingPower(Type::Flatten)));
    }
    case Type::LBracket:
        advance();
        if (currentType() == Type::Number || currentType() == Type::Colon) {
            NodePtr right = parseIndexExpression();
            // jmespath.py adds to an index expression in place, so a slice
            // after an index does not start a projection: a[0][1:].b
            if (left->type == Node::Type::IndexExpression) {
                adopt(*left, std::move(right));
                return left;
            }
            return projectIfSlice(std::move(left), std::move(right));
        }
        match(Type::Star);
        match(Type::RBracket);
        return make(Node::Type::Projection, token.start, std::move(left), parseProjectionRhs(bindingPower(Type::Star)));
    default: failUnexpected(token);
    }
}

// After "[?": the condition, then what to apply to the elements it keeps.
Parser::NodePtr Parser::parseFilter(NodePtr left, int position)
{
    NodePtr condition = expression(0);
    match(Type::RBracket);
    NodePtr right = currentType() == Type::Flatten ? make(Node::Type::Current, position)
                                                   : parseProjectionRhs(bindingPower(Type::Filter));
    NodePtr node = make(Node::Type::FilterProjection, position, std::move(left), std::move(right));
    adopt(*node, std::move(condition));
    return node;
}

Parser::NodePtr Parser::comparator(Node::Comparison comparison, NodePtr left)
{
    const int position = m_tokens[m_index - 1].start;
    NodePtr node = make(Node::Type::Comparator, position, std::move(left), expression(bindingPower(Type::Equal)));
    node->comparison = comparison;
    return node;
}

Parser::NodePtr Parser::parseFunctionCall(NodePtr name)
{
    if (name->type != Node::Type::Field) {
        // The token before the parenthesis is what cannot be a function's name.
        const Token &before = m_tokens[m_index >= 2 ? m_index - 2 : 0];
        fail(before.start, QueryError::tr("%1 cannot name a function.").arg(describe(before)));
    }
    NodePtr call = make(Node::Type::Function, name->position);
    call->name = name->name;
    while (currentType() != Type::RParen) {
        NodePtr argument = expression(0);
        if (currentType() == Type::Comma)
            match(Type::Comma);
        adopt(*call, std::move(argument));
    }
    match(Type::RParen);
    return call;
}

Parser::NodePtr Parser::parseIndexExpression()
{
    if (currentType() == Type::Colon || lookahead(1).type == Type::Colon)
        return parseSlice();
    NodePtr node = make(Node::Type::Index, lookahead().start);
    node->index = lookahead().number;
    advance();
    match(Type::RBracket);
    return node;
}

Parser::NodePtr Parser::parseSlice()
{
    NodePtr node = make(Node::Type::Slice, lookahead().start);
    std::size_t part = 0;
    while (currentType() != Type::RBracket && part < 3) {
        if (currentType() == Type::Colon) {
            ++part;
            if (part == 3)
                failUnexpected(lookahead());
            advance();
        } else if (currentType() == Type::Number) {
            node->slice[part] = lookahead().number;
            advance();
        } else {
            failExpected(QueryError::tr("a number, ':' or ']'"), lookahead());
        }
    }
    match(Type::RBracket);
    return node;
}

Parser::NodePtr Parser::projectIfSlice(NodePtr left, NodePtr right)
{
    const bool isSlice = right->type == Node::Type::Slice;
    const int position = right->position;
    const int start = left->position;
    NodePtr index = make(Node::Type::IndexExpression, start, std::move(left), std::move(right));
    if (!isSlice)
        return index;
    return make(Node::Type::Projection, position, std::move(index), parseProjectionRhs(bindingPower(Type::Star)));
}

Parser::NodePtr Parser::parseMultiSelectList(int position)
{
    NodePtr list = make(Node::Type::MultiSelectList, position);
    while (true) {
        adopt(*list, expression(0));
        if (currentType() == Type::RBracket)
            break;
        match(Type::Comma);
    }
    match(Type::RBracket);
    return list;
}

Parser::NodePtr Parser::parseMultiSelectHash(int position)
{
    NodePtr hash = make(Node::Type::MultiSelectHash, position);
    while (true) {
        const Token key = lookahead();
        if (key.type != Type::QuotedIdentifier && key.type != Type::UnquotedIdentifier)
            failExpected(QueryError::tr("an identifier"), key);
        advance();
        match(Type::Colon);
        hash->keys.push_back(key.name);
        adopt(*hash, expression(0));
        if (currentType() == Type::Comma) {
            match(Type::Comma);
        } else if (currentType() == Type::RBrace) {
            match(Type::RBrace);
            break;
        }
    }
    return hash;
}

Parser::NodePtr Parser::parseProjectionRhs(int power)
{
    const Type type = currentType();
    if (bindingPower(type) < projectionStop)
        return make(Node::Type::Current, lookahead().start);
    if (type == Type::LBracket || type == Type::Filter)
        return expression(power);
    if (type == Type::Dot) {
        advance();
        return parseDotRhs(power);
    }
    failUnexpected(lookahead());
}

Parser::NodePtr Parser::parseDotRhs(int power)
{
    const Token token = lookahead();
    switch (token.type) {
    case Type::QuotedIdentifier:
    case Type::UnquotedIdentifier:
    case Type::Star: return expression(power);
    case Type::LBracket: advance(); return parseMultiSelectList(token.start);
    case Type::LBrace: advance(); return parseMultiSelectHash(token.start);
    default: failExpected(QueryError::tr("an identifier, '[' or '{'"), token);
    }
}

}  // namespace jobdesk::query
