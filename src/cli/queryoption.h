#pragma once

// --query: the JMESPath expression applied to an answer before it is printed,
// compiled once from the command line. Its errors read as the AWS CLI's do:
// "Bad value for --query EXPR: ..." before anything is sent, and the failure
// of the expression on the answer after it arrived.

#include "core/error.h"
#include "core/query/expression.h"
#include "core/result.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace jobdesk::cli {

class QueryOption
{
public:
    // Error code of an expression that does not parse (the AWS CLI v2 exits 252 on it).
    static QString badQueryCode() { return QStringLiteral("BadQuery"); }
    // Error code of an expression that failed on the answer (the AWS CLI exits 255).
    static QString queryFailedCode() { return QStringLiteral("QueryFailed"); }

    // Compiles the expression given to --query. Only a syntax error is refused here:
    // the AWS CLI finds an unknown function or a wrong number of arguments only when
    // it evaluates the expression, after the call, so those wait for apply().
    static Result<QueryOption> compile(const QString &text);

    // The answer as the expression selects it.
    Result<nlohmann::ordered_json> apply(const nlohmann::ordered_json &answer) const;

    const QString &text() const { return m_text; }

private:
    QueryOption() = default;

    QString m_text;
    std::optional<query::Expression> m_expression;
    std::optional<query::QueryError> m_deferred;  // an error compile() found that evaluation reports
};

}  // namespace jobdesk::cli
