#include "cli/shorthandparser.h"

#include <QCoreApplication>
#include <QFile>

#include <optional>
#include <string>

namespace jobdesk::cli {

namespace {

using Json = nlohmann::ordered_json;
using codepipeline::Shape;

// The parser works on code points, as the AWS CLI (Python) does: positions in
// its error messages and its character classes (which stop at U+FFFF) count them.
using Text = std::u32string;

struct ParseFailure
{
    QString message;
};

bool inRange(char32_t c, char32_t from, char32_t to)
{
    return c >= from && c <= to;
}

// Python's str.isspace()/\s for the characters that matter here.
bool isUnicodeSpace(char32_t c)
{
    return c == U' ' || inRange(c, 0x09, 0x0d) || inRange(c, 0x1c, 0x1f) || c == 0x85 || c == 0xa0 || c == 0x1680
        || inRange(c, 0x2000, 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

// string.whitespace: the ASCII set only.
bool isAsciiSpace(char32_t c)
{
    return c == U' ' || inRange(c, 0x09, 0x0d);
}

// The first character of an unquoted value: no quotes, comma, '=', '[' or '{'.
bool isStartWordChar(char32_t c)
{
    return c == U'!' || inRange(c, U'#', U'&') || inRange(c, U'(', U'+') || inRange(c, U'-', U'<')
        || inRange(c, U'>', U'Z') || inRange(c, U'\\', U'z') || inRange(c, U'|', 0xffff);
}

// Later characters of a value directly after '=': no quotes, comma, ']' or '}'.
bool isFirstFollowChar(char32_t c)
{
    return isUnicodeSpace(c) || c == U'!' || inRange(c, U'#', U'&') || inRange(c, U'(', U'+') || inRange(c, U'-', U'\\')
        || inRange(c, U'^', U'|') || inRange(c, U'~', 0xffff);
}

// Later characters of a further comma-separated value: no quotes, comma or '='.
bool isSecondFollowChar(char32_t c)
{
    return isUnicodeSpace(c) || c == U'!' || inRange(c, U'#', U'&') || inRange(c, U'(', U'+') || inRange(c, U'-', U'<')
        || inRange(c, U'>', 0xffff);
}

bool isKeyChar(char32_t c)
{
    return inRange(c, U'a', U'z') || inRange(c, U'A', U'Z') || inRange(c, U'0', U'9') || c == U'-' || c == U'_'
        || c == U'.' || c == U'#' || c == U'/' || c == U':';
}

QString toQString(const Text &text)
{
    return QString::fromUcs4(text.data(), qsizetype(text.size()));
}

std::string toUtf8(const Text &text)
{
    return toQString(text).toStdString();
}

Text replaceAll(Text text, const Text &from, const Text &to)
{
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != Text::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

Text rstripUnicode(Text text)
{
    while (!text.empty() && isUnicodeSpace(text.back()))
        text.pop_back();
    return text;
}

class Parser
{
public:
    explicit Parser(Text input) : m_input(std::move(input)) {}

    static constexpr int kMaxDepth = 64;

    Json parameter()
    {
        Json params = Json::object();
        auto [firstKey, firstValue] = keyValue();
        params[firstKey] = std::move(firstValue);
        std::size_t lastIndex = m_index;
        while (m_index < m_input.size()) {
            expect(U',', true);
            auto [key, value] = keyValue();
            if (params.contains(key))
                throw duplicateKey(key, lastIndex + 1);
            params[key] = std::move(value);
            lastIndex = m_index;
        }
        return params;
    }

private:
    std::pair<std::string, Json> keyValue()
    {
        const std::string k = key();
        m_resolveFiles = false;
        if (tryExpect(U'@'))
            m_resolveFiles = true;
        expect(U'=', true);
        return {k, values()};
    }

    std::string key()
    {
        const std::size_t start = m_index;
        while (!atEof() && isKeyChar(current()))
            ++m_index;
        return toUtf8(m_input.substr(start, m_index - start));
    }

    Json values()
    {
        if (atEof())
            return "";
        if (current() == U'[')
            return explicitList();
        if (current() == U'{')
            return hashLiteral();
        return csvValue();
    }

    Json csvValue()
    {
        Json first = firstValue();
        consumeWhitespace();
        if (atEof() || m_input[m_index] != U',')
            return first;
        expect(U',', true);
        Json list = Json::array({first});
        while (true) {
            try {
                Json next = secondValue();
                consumeWhitespace();
                if (atEof()) {
                    list.push_back(std::move(next));
                    break;
                }
                expect(U',', true);
                list.push_back(std::move(next));
            } catch (const ParseFailure &) {
                // `a=b,c=d`: what looked like a second value is the next key, so
                // step back to the comma before it and let the caller go on.
                if (atEof())
                    throw;
                backtrackTo(U',');
                break;
            }
        }
        if (list.size() == 1)
            return first;
        return list;
    }

    Json explicitList()
    {
        expect(U'[', true);
        Json list = Json::array();
        while (current() != U']') {
            list.push_back(explicitValues());
            consumeWhitespace();
            if (current() != U']') {
                expect(U',');
                consumeWhitespace();
            }
        }
        expect(U']');
        return list;
    }

    Json explicitValues()
    {
        if (current() != U'[' && current() != U'{')
            return firstValue();
        // Each level of brackets is a level of recursion; a real parameter nests a few deep.
        if (++m_depth > kMaxDepth) {
            throw ParseFailure{QCoreApplication::translate("jobdesk::cli::ShorthandParser",
                                                           "Error parsing parameter: nested more than %1 levels deep.")
                                   .arg(kMaxDepth)};
        }
        Json value = current() == U'[' ? explicitList() : hashLiteral();
        --m_depth;
        return value;
    }

    Json hashLiteral()
    {
        expect(U'{', true);
        Json object = Json::object();
        while (current() != U'}') {
            const std::string k = key();
            m_resolveFiles = false;
            if (tryExpect(U'@'))
                m_resolveFiles = true;
            expect(U'=', true);
            Json v = explicitValues();
            consumeWhitespace();
            if (current() != U'}') {
                expect(U',');
                consumeWhitespace();
            }
            object[k] = std::move(v);
        }
        expect(U'}');
        return object;
    }

    Json firstValue()
    {
        if (current() == U'\'')
            return quoted(U'\'');
        if (current() == U'"')
            return quoted(U'"');
        // An unquoted value; nothing at all is an empty string here.
        const std::size_t length = matchWord(isFirstFollowChar);
        Text consumed = m_input.substr(m_index, length);
        m_index += length;
        return resolved(rstripUnicode(replaceAll(consumed, U"\\,", U",")));
    }

    Json secondValue()
    {
        if (current() == U'\'')
            return quoted(U'\'');
        if (current() == U'"')
            return quoted(U'"');
        const std::size_t length = matchWord(isSecondFollowChar);
        if (length == 0)
            throw syntaxError(QStringLiteral("<second>"), QStringLiteral("<none>"), m_index);
        Text consumed = m_input.substr(m_index, length);
        m_index += length;
        return resolved(rstripUnicode(replaceAll(consumed, U"\\,", U",")));
    }

    // Length of a word at the current position: a start character, then
    // follow characters, where "\," counts as one unit anywhere.
    std::size_t matchWord(bool (*follows)(char32_t)) const
    {
        std::size_t i = m_index;
        auto escapedComma = [this](std::size_t at) {
            return at + 1 < m_input.size() && m_input[at] == U'\\' && m_input[at + 1] == U',';
        };
        if (escapedComma(i))
            i += 2;
        else if (i < m_input.size() && isStartWordChar(m_input[i]))
            i += 1;
        else
            return 0;
        while (i < m_input.size()) {
            if (escapedComma(i))
                i += 2;
            else if (follows(m_input[i]))
                i += 1;
            else
                break;
        }
        return i - m_index;
    }

    // A quoted value: the quote char may be escaped with a backslash inside;
    // "\\" stands for one backslash.
    Json quoted(char32_t quote)
    {
        const std::size_t start = m_index;
        std::size_t i = start + 1;
        std::optional<std::size_t> lastEscape;
        std::optional<std::size_t> end;
        while (i < m_input.size()) {
            if (m_input[i] == U'\\' && i + 1 < m_input.size() && m_input[i + 1] == quote) {
                lastEscape = i;
                i += 2;
            } else if (m_input[i] == quote) {
                end = i + 1;
                break;
            } else {
                ++i;
            }
        }
        // Without a closing quote the last escaped quote closes it instead
        // (the backslash then stays part of the value), as a backtracking regex would.
        if (!end && lastEscape)
            end = *lastEscape + 2;
        if (!end) {
            throw syntaxError(quote == U'"' ? QStringLiteral("<double quoted>") : QStringLiteral("<singled quoted>"),
                              QStringLiteral("<none>"), m_index);
        }
        m_index = *end;
        Text inner = m_input.substr(start + 1, *end - start - 2);
        const Text escapedQuote = {U'\\', quote};
        inner = replaceAll(inner, escapedQuote, Text(1, quote));
        inner = replaceAll(inner, U"\\\\", U"\\");
        return resolved(inner);
    }

    Json resolved(const Text &value)
    {
        const QString text = toQString(value);
        if (m_resolveFiles
            && (text.startsWith(QLatin1String("file://")) || text.startsWith(QLatin1String("fileb://")))) {
            const QString path = text.section(QLatin1String("://"), 1);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                throw ParseFailure{
                    QCoreApplication::translate("jobdesk::cli::ShorthandParser", "Unable to load paramfile %1")
                        .arg(text)};
            }
            return QString::fromUtf8(file.readAll()).toStdString();
        }
        return text.toStdString();
    }

    bool tryExpect(char32_t c)
    {
        const std::size_t saved = m_index;
        try {
            expect(c, true);
            return true;
        } catch (const ParseFailure &) {
            m_index = saved;
            return false;
        }
    }

    void expect(char32_t c, bool consumeSpace = false)
    {
        if (consumeSpace)
            consumeWhitespace();
        if (m_index >= m_input.size())
            throw syntaxError(toQString(Text(1, c)), QStringLiteral("EOF"), m_index);
        if (m_input[m_index] != c)
            throw syntaxError(toQString(Text(1, c)), toQString(Text(1, m_input[m_index])), m_index);
        ++m_index;
        if (consumeSpace)
            consumeWhitespace();
    }

    // EOF reads as a character no rule accepts.
    char32_t current() const { return m_index < m_input.size() ? m_input[m_index] : char32_t(0x110000); }
    bool atEof() const { return m_index >= m_input.size(); }

    void backtrackTo(char32_t c)
    {
        while (m_index > 0 && m_input[m_index] != c)
            --m_index;
    }

    void consumeWhitespace()
    {
        while (!atEof() && isAsciiSpace(current()))
            ++m_index;
    }

    // The input with a caret under the position, as the AWS CLI shows it.
    QString errorLocation(std::size_t index) const
    {
        Text consumed = m_input;
        Text remaining;
        std::size_t spaces = index;
        const Text before = m_input.substr(0, std::min(index, m_input.size()));
        const std::size_t lastNewline = before.rfind(U'\n');
        if (lastNewline != Text::npos)
            spaces = index - lastNewline - 1;
        const std::size_t nextNewline = index < m_input.size() ? m_input.find(U'\n', index) : Text::npos;
        if (nextNewline != Text::npos) {
            consumed = m_input.substr(0, nextNewline);
            remaining = m_input.substr(nextNewline);
        }
        return toQString(consumed) + QLatin1Char('\n') + QString(qsizetype(spaces), QLatin1Char(' ')) + QLatin1Char('^')
            + toQString(remaining);
    }

    ParseFailure syntaxError(const QString &expected, const QString &actual, std::size_t index) const
    {
        return {QStringLiteral("Expected: '%1', received: '%2' for input:\n%3")
                    .arg(expected, actual, errorLocation(index))};
    }

    ParseFailure duplicateKey(const std::string &k, std::size_t index) const
    {
        return {QStringLiteral("Second instance of key \"%1\" encountered for input:\n%2\n"
                               "This is often because there is a preceding \",\" instead of a space.")
                    .arg(QString::fromStdString(k), errorLocation(index))};
    }

    Text m_input;
    int m_depth = 0;
    std::size_t m_index = 0;
    bool m_resolveFiles = false;
};

// Python's int(): surrounding whitespace, a sign, digits with single underscores between them.
std::optional<long long> pythonInt(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    if (t.contains(QLatin1String("__")) || t.endsWith(QLatin1Char('_')) || t.startsWith(QLatin1Char('_')))
        return std::nullopt;
    if ((t.startsWith(QLatin1Char('+')) || t.startsWith(QLatin1Char('-'))) && t.size() > 1
        && t.at(1) == QLatin1Char('_'))
        return std::nullopt;
    t.remove(QLatin1Char('_'));
    bool ok = false;
    const long long value = t.toLongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return value;
}

Status visit(const Shape *shape, Json &value)
{
    if (!shape || value.is_null())
        return success();
    switch (shape->type) {
    case Shape::Type::Structure:
        if (value.is_object()) {
            for (const auto &member : shape->members) {
                auto it = value.find(member.name);
                if (it != value.end()) {
                    Status s = visit(member.shape, *it);
                    if (!s)
                        return s;
                }
            }
        }
        return success();
    case Shape::Type::List:
        if (!value.is_array()) {
            value = Json::array({value});
            return success();
        }
        for (Json &element : value) {
            Status s = visit(shape->member, element);
            if (!s)
                return s;
        }
        return success();
    case Shape::Type::Map:
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                Status s = visit(shape->value, it.value());
                if (!s)
                    return s;
            }
        }
        return success();
    case Shape::Type::Integer:
        if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>());
            const auto number = pythonInt(text);
            if (!number) {
                return Error::make(Error::Kind::Validation, QStringLiteral("InvalidInteger"),
                                   QStringLiteral("invalid literal for int() with base 10: '%1'").arg(text));
            }
            value = *number;
        }
        return success();
    case Shape::Type::Boolean:
        if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>()).toLower();
            if (text == QLatin1String("true"))
                value = true;
            else if (text == QLatin1String("false"))
                value = false;
        }
        return success();
    default: return success();
    }
}

}  // namespace

Result<ShorthandParser::Json> ShorthandParser::parse(const QString &text)
{
    const QList<uint> ucs4 = text.toUcs4();
    Text input;
    input.reserve(std::size_t(ucs4.size()));
    for (uint c : ucs4)
        input.push_back(char32_t(c));
    try {
        Parser parser(std::move(input));
        return parser.parameter();
    } catch (const ParseFailure &failure) {
        return Error::make(Error::Kind::Validation, QStringLiteral("ShorthandSyntax"), failure.message);
    }
}

Status ShorthandParser::applyModel(const Shape *shape, Json &value)
{
    return visit(shape, value);
}

}  // namespace jobdesk::cli
