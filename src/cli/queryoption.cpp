#include "cli/queryoption.h"

#include <QCoreApplication>

namespace jobdesk::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::cli::QueryOption", text);
}

// The problem, and where in the expression, counted in characters from 1 as people count them.
QString describe(const query::QueryError &error)
{
    if (error.position < 0)
        return error.message;
    // One arg() call, so that a "%2" inside the message (quoted from the expression) stays as it is.
    return tr("%1 (at column %2)").arg(error.message, QString::number(error.position + 1));
}

// The name of the function called at a position of the expression (counted in
// characters), or nothing when no call starts there.
QString functionAt(const QString &expression, int position)
{
    if (position < 0)
        return {};
    const QList<uint> text = expression.toUcs4();
    const auto isNameChar = [](uint c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    qsizetype end = position;
    while (end < text.size() && isNameChar(text[end]))
        ++end;
    qsizetype paren = end;
    while (paren < text.size()
           && (text[paren] == ' ' || text[paren] == '\t' || text[paren] == '\n' || text[paren] == '\r'))
        ++paren;
    if (end == position || paren >= text.size() || text[paren] != '(')
        return {};
    QString name;
    for (qsizetype i = position; i < end; ++i)
        name += QChar(char16_t(text[i]));
    return name;
}

// What the expression's failure on the answer says. The opening words are the ones
// the AWS CLI's JMESPath library starts the same failure with, so that what scripts
// match on stays the same; the rest is JobDesk's own account of it.
QString evaluationFailure(const QString &expression, const query::QueryError &error)
{
    using Kind = query::QueryError::Kind;
    const QString function = functionAt(expression, error.position);
    if (function.isEmpty())
        return describe(error);
    switch (error.kind) {
    case Kind::UnknownFunction:
        return tr("Unknown function: %1() (at column %2)").arg(function).arg(error.position + 1);
    case Kind::InvalidArity: return tr("Expected other arguments for function %1(): %2").arg(function, describe(error));
    case Kind::InvalidType: return tr("In function %1(), invalid type: %2").arg(function, describe(error));
    default: return describe(error);
    }
}

}  // namespace

Result<QueryOption> QueryOption::compile(const QString &text)
{
    QueryOption option;
    option.m_text = text;
    auto compiled = query::Expression::compile(text);
    if (compiled) {
        option.m_expression = std::move(compiled).value();
        return option;
    }
    const query::QueryError &error = compiled.error();
    if (error.kind != query::QueryError::Kind::Syntax) {
        option.m_deferred = error;
        return option;
    }
    const QString problem = error.position < 0
        ? tr("syntax error: %1").arg(error.message)
        : tr("syntax error at column %1: %2").arg(error.position + 1).arg(error.message);
    return Error::make(Error::Kind::Validation, badQueryCode(), tr("Bad value for --query %1: %2").arg(text, problem));
}

Result<nlohmann::ordered_json> QueryOption::apply(const nlohmann::ordered_json &answer) const
{
    const auto failed = [this](const query::QueryError &error) {
        return Error::make(Error::Kind::Protocol, queryFailedCode(), evaluationFailure(m_text, error));
    };
    if (m_deferred)
        return failed(*m_deferred);
    auto result = m_expression->search(answer);
    if (!result)
        return failed(result.error());
    return std::move(result).value();
}

}  // namespace jobdesk::cli
