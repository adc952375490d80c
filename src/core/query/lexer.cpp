#include "core/query/lexer.h"

#include "core/query/expression.h"
#include "core/query/pythonjson.h"
#include "core/query/utf8.h"

#include <QString>

#include <limits>
#include <optional>

namespace jobdesk::query {

namespace {

using Json = nlohmann::ordered_json;

bool isIdentifierStart(char32_t c)
{
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_';
}

bool isDigit(char32_t c)
{
    return c >= U'0' && c <= U'9';
}

bool isIdentifierPart(char32_t c)
{
    return isIdentifierStart(c) || isDigit(c);
}

QString quotedText(std::u32string_view text)
{
    return QStringLiteral("'%1'").arg(QString::fromStdString(Utf8::encode(text)));
}

class Scanner
{
public:
    explicit Scanner(std::u32string codePoints) : m_text(std::move(codePoints)) {}

    Result<std::vector<Token>, QueryError> run();

private:
    char32_t current() const { return m_pos < m_text.size() ? m_text[m_pos] : U'\0'; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    void add(Token::Type type, std::size_t start, std::size_t end);
    void addOneOrTwo(char32_t second, Token::Type both, Token::Type one);
    QueryError error(std::size_t position, const QString &message) const;
    std::optional<QueryError> scanDelimited(char32_t delimiter, std::u32string &contents);
    std::optional<QueryError> scanLiteral();
    std::optional<QueryError> scanRawString();
    std::optional<QueryError> scanQuotedIdentifier();
    std::optional<QueryError> scanNumber();

    std::u32string m_text;
    std::size_t m_pos = 0;
    std::vector<Token> m_tokens;
};

void Scanner::add(Token::Type type, std::size_t start, std::size_t end)
{
    Token token;
    token.type = type;
    token.start = static_cast<int>(start);
    token.text = Utf8::encode(std::u32string_view(m_text).substr(start, end - start));
    m_tokens.push_back(std::move(token));
}

// The tokens that are one character, or two when the second one follows.
void Scanner::addOneOrTwo(char32_t second, Token::Type both, Token::Type one)
{
    const std::size_t start = m_pos++;
    if (current() == second && !atEnd()) {
        ++m_pos;
        add(both, start, m_pos);
    } else {
        add(one, start, m_pos);
    }
}

QueryError Scanner::error(std::size_t position, const QString &message) const
{
    return QueryError{QueryError::Kind::Syntax, static_cast<int>(position), message};
}

// The text up to the closing delimiter. A backslash keeps itself and the
// character after it, so an escaped delimiter does not close the text.
std::optional<QueryError> Scanner::scanDelimited(char32_t delimiter, std::u32string &contents)
{
    const std::size_t start = m_pos++;
    while (atEnd() || current() != delimiter) {
        if (!atEnd() && current() == U'\\') {
            contents += U'\\';
            ++m_pos;
        }
        if (atEnd()) {
            return error(start,
                         QueryError::tr("The %1 that starts here is never closed.")
                             .arg(quotedText(std::u32string(1, delimiter))));
        }
        contents += current();
        ++m_pos;
    }
    ++m_pos;
    return std::nullopt;
}

std::u32string replaceAll(std::u32string text, std::u32string_view from, std::u32string_view to)
{
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::u32string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

// `json`: JSON, or for text that is not JSON the deprecated form jmespath.py
// still accepts, where the text (without leading white space) is a string.
std::optional<QueryError> Scanner::scanLiteral()
{
    const std::size_t start = m_pos;
    std::u32string contents;
    if (auto failed = scanDelimited(U'`', contents))
        return failed;
    contents = replaceAll(contents, U"\\`", U"`");
    bool tooDeep = false;
    std::optional<Json> value = PythonJson::loads(Utf8::encode(contents), Expression::maxDepth, &tooDeep);
    if (tooDeep) {
        return error(start,
                     QueryError::tr("The expression is nested more than %1 levels deep.").arg(Expression::maxDepth));
    }
    if (!value) {
        std::size_t first = 0;
        while (first < contents.size() && Utf8::isPythonSpace(contents[first]))
            ++first;
        const std::string asString = '"' + Utf8::encode(std::u32string_view(contents).substr(first)) + '"';
        value = PythonJson::loads(asString, 0);
        if (!value || !value->is_string())
            return error(start, QueryError::tr("The literal is neither JSON nor text."));
    }
    add(Token::Type::Literal, start, m_pos);
    m_tokens.back().literal = std::make_shared<const Json>(std::move(*value));
    return std::nullopt;
}

// 'raw': the text as written, only \' standing for '.
std::optional<QueryError> Scanner::scanRawString()
{
    const std::size_t start = m_pos;
    std::u32string contents;
    if (auto failed = scanDelimited(U'\'', contents))
        return failed;
    add(Token::Type::Literal, start, m_pos);
    m_tokens.back().literal = std::make_shared<const Json>(Utf8::encode(replaceAll(contents, U"\\'", U"'")));
    return std::nullopt;
}

// "name": a JSON string.
std::optional<QueryError> Scanner::scanQuotedIdentifier()
{
    const std::size_t start = m_pos;
    std::u32string contents;
    if (auto failed = scanDelimited(U'"', contents))
        return failed;
    const Json name = Json::parse('"' + Utf8::encode(contents) + '"', nullptr, false);
    if (name.is_discarded() || !name.is_string())
        return error(start, QueryError::tr("The quoted identifier is not a valid JSON string."));
    add(Token::Type::QuotedIdentifier, start, m_pos);
    m_tokens.back().name = name.get<std::string>();
    return std::nullopt;
}

std::optional<QueryError> Scanner::scanNumber()
{
    const std::size_t start = m_pos;
    const bool negative = current() == U'-';
    if (negative)
        ++m_pos;
    if (atEnd() || !isDigit(current()))
        return error(start, QueryError::tr("Unexpected character %1.").arg(quotedText(U"-")));
    // Python's integers have no bounds; saturating changes no index or slice,
    // as no list comes near 2^63 elements.
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();
    std::int64_t value = 0;
    while (!atEnd() && isDigit(current())) {
        const auto digit = static_cast<std::int64_t>(current() - U'0');
        value = value > (limit - digit) / 10 ? limit : value * 10 + digit;
        ++m_pos;
    }
    add(Token::Type::Number, start, m_pos);
    m_tokens.back().number = negative ? -value : value;
    return std::nullopt;
}

Result<std::vector<Token>, QueryError> Scanner::run()
{
    if (m_text.empty())
        return error(0, QueryError::tr("The expression is empty."));
    while (!atEnd()) {
        const char32_t c = current();
        const std::size_t start = m_pos;
        std::optional<QueryError> failed;
        switch (c) {
        case U'.': add(Token::Type::Dot, start, ++m_pos); break;
        case U'*': add(Token::Type::Star, start, ++m_pos); break;
        case U']': add(Token::Type::RBracket, start, ++m_pos); break;
        case U',': add(Token::Type::Comma, start, ++m_pos); break;
        case U':': add(Token::Type::Colon, start, ++m_pos); break;
        case U'@': add(Token::Type::Current, start, ++m_pos); break;
        case U'(': add(Token::Type::LParen, start, ++m_pos); break;
        case U')': add(Token::Type::RParen, start, ++m_pos); break;
        case U'{': add(Token::Type::LBrace, start, ++m_pos); break;
        case U'}': add(Token::Type::RBrace, start, ++m_pos); break;
        case U' ':
        case U'\t':
        case U'\n':
        case U'\r': ++m_pos; break;
        case U'[':
            ++m_pos;
            if (!atEnd() && current() == U']')
                add(Token::Type::Flatten, start, ++m_pos);
            else if (!atEnd() && current() == U'?')
                add(Token::Type::Filter, start, ++m_pos);
            else
                add(Token::Type::LBracket, start, m_pos);
            break;
        case U'\'': failed = scanRawString(); break;
        case U'`': failed = scanLiteral(); break;
        case U'"': failed = scanQuotedIdentifier(); break;
        case U'|': addOneOrTwo(U'|', Token::Type::Or, Token::Type::Pipe); break;
        case U'&': addOneOrTwo(U'&', Token::Type::And, Token::Type::Expref); break;
        case U'<': addOneOrTwo(U'=', Token::Type::LessOrEqual, Token::Type::Less); break;
        case U'>': addOneOrTwo(U'=', Token::Type::GreaterOrEqual, Token::Type::Greater); break;
        case U'!': addOneOrTwo(U'=', Token::Type::NotEqual, Token::Type::Not); break;
        case U'=':
            ++m_pos;
            if (atEnd() || current() != U'=')
                return error(start, QueryError::tr("Unexpected character %1.").arg(quotedText(U"=")));
            add(Token::Type::Equal, start, ++m_pos);
            break;
        case U'-': failed = scanNumber(); break;
        default:
            if (isDigit(c)) {
                failed = scanNumber();
            } else if (isIdentifierStart(c)) {
                while (!atEnd() && isIdentifierPart(current()))
                    ++m_pos;
                add(Token::Type::UnquotedIdentifier, start, m_pos);
                m_tokens.back().name = m_tokens.back().text;
            } else {
                return error(start, QueryError::tr("Unexpected character %1.").arg(quotedText(std::u32string(1, c))));
            }
        }
        if (failed)
            return *failed;
    }
    Token eof;
    eof.start = static_cast<int>(m_text.size());
    m_tokens.push_back(std::move(eof));
    return std::move(m_tokens);
}

}  // namespace

Result<std::vector<Token>, QueryError> Lexer::tokenize(std::string_view utf8)
{
    std::u32string codePoints;
    int badIndex = 0;
    if (!Utf8::decode(utf8, codePoints, &badIndex))
        return QueryError{QueryError::Kind::Syntax, badIndex, QueryError::tr("The expression is not valid UTF-8.")};
    return Scanner(std::move(codePoints)).run();
}

}  // namespace jobdesk::query
