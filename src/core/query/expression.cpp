#include "core/query/expression.h"

#include "core/query/evaluator.h"
#include "core/query/lexer.h"
#include "core/query/node.h"
#include "core/query/parser.h"

namespace jobdesk::query {

Expression::Expression(std::shared_ptr<const Node> root, std::string text)
    : m_root(std::move(root)), m_text(std::move(text))
{
}

Result<Expression, QueryError> Expression::compile(std::string_view text)
{
    auto tokens = Lexer::tokenize(text);
    if (!tokens.ok())
        return tokens.error();
    auto root = Parser::parse(std::move(tokens).value());
    if (!root.ok())
        return root.error();
    return Expression(std::shared_ptr<const Node>(std::move(root).value()), std::string(text));
}

Result<Expression, QueryError> Expression::compile(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return compile(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

Result<nlohmann::ordered_json, QueryError> Expression::search(const nlohmann::ordered_json &document) const
{
    return Evaluator::search(*m_root, document);
}

}  // namespace jobdesk::query
