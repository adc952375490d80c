#pragma once

// Splits a JMESPath expression into tokens, as jmespath.py's lexer does,
// with each token's position in code points for error messages.

#include "core/query/queryerror.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jobdesk::query {

struct Token
{
    enum class Type {
        Eof,
        UnquotedIdentifier,
        QuotedIdentifier,
        Literal,
        Number,
        Dot,
        Star,
        Flatten,  // []
        Filter,   // [?
        LBracket,
        RBracket,
        LBrace,
        RBrace,
        LParen,
        RParen,
        Comma,
        Colon,
        Current,  // @
        Expref,   // &
        Pipe,
        Or,
        And,
        Not,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    };

    Type type = Type::Eof;
    int start = 0;            // in code points
    std::string text;         // as written
    std::string name;         // an identifier's name, its escapes decoded
    std::int64_t number = 0;  // saturated at the int64 range, where indexing behaves the same
    // Shared rather than held, which keeps Token's moves free of anything
    // that could throw.
    std::shared_ptr<const nlohmann::ordered_json> literal;
};

class Lexer
{
public:
    // The tokens of an expression, ending with an Eof token.
    static Result<std::vector<Token>, QueryError> tokenize(std::string_view utf8);
};

}  // namespace jobdesk::query
