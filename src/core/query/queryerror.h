#pragma once

// Why a JMESPath expression could not be compiled or evaluated, and where in
// the expression. The kinds are the JMESPath specification's error names.

#include <QCoreApplication>
#include <QString>

namespace jobdesk::query {

struct QueryError
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::query::QueryError)

public:
    enum class Kind {
        Syntax,           // the expression does not parse (also: nested too deeply)
        UnknownFunction,  // a function name the language does not have
        InvalidArity,     // a function called with the wrong number of arguments
        InvalidType,      // a function argument of the wrong type
        InvalidValue,     // a value no function accepts, e.g. a slice step of 0
    };

    Kind kind = Kind::Syntax;
    // Where the problem is: a 0-based offset in Unicode code points into the
    // expression, or -1 when it is not tied to one place.
    int position = -1;
    QString message;  // one sentence for a person, without the position

    // The specification's name for the kind: "syntax", "unknown-function",
    // "invalid-arity", "invalid-type" or "invalid-value".
    static const char *kindName(Kind kind);
};

}  // namespace jobdesk::query
