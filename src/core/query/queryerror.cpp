#include "core/query/queryerror.h"

namespace jobdesk::query {

const char *QueryError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Syntax: return "syntax";
    case Kind::UnknownFunction: return "unknown-function";
    case Kind::InvalidArity: return "invalid-arity";
    case Kind::InvalidType: return "invalid-type";
    case Kind::InvalidValue: return "invalid-value";
    }
    return "syntax";
}

}  // namespace jobdesk::query
