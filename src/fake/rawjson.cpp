#include "fake/rawjson.h"

#include <nlohmann/json.hpp>

namespace jobdesk::fake {

namespace {
constexpr int kMaxDepth = 256;
}

qsizetype RawJson::skipSpace(const QByteArray &text, qsizetype pos)
{
    while (pos < text.size()) {
        const char c = text[pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ++pos;
    }
    return pos;
}

// Returns the position after the closing quote, or -1.
qsizetype RawJson::skipString(const QByteArray &text, qsizetype pos)
{
    if (pos >= text.size() || text[pos] != '"')
        return -1;
    ++pos;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\\')
            pos += 2;
        else if (c == '"')
            return pos + 1;
        else
            ++pos;
    }
    return -1;
}

// Returns the position after the value, or -1. Scalars are only delimited
// here; their validity is nlohmann's business.
qsizetype RawJson::skipValue(const QByteArray &text, qsizetype pos, int depth)
{
    if (depth > kMaxDepth)
        return -1;
    pos = skipSpace(text, pos);
    if (pos >= text.size())
        return -1;
    const char c = text[pos];
    if (c == '"')
        return skipString(text, pos);
    if (c == '{' || c == '[') {
        const char close = c == '{' ? '}' : ']';
        pos = skipSpace(text, pos + 1);
        if (pos < text.size() && text[pos] == close)
            return pos + 1;
        for (;;) {
            if (c == '{') {
                pos = skipString(text, skipSpace(text, pos));
                if (pos < 0)
                    return -1;
                pos = skipSpace(text, pos);
                if (pos >= text.size() || text[pos] != ':')
                    return -1;
                ++pos;
            }
            pos = skipValue(text, pos, depth + 1);
            if (pos < 0)
                return -1;
            pos = skipSpace(text, pos);
            if (pos >= text.size())
                return -1;
            if (text[pos] == close)
                return pos + 1;
            if (text[pos] != ',')
                return -1;
            ++pos;
        }
    }
    const qsizetype start = pos;
    while (pos < text.size()) {
        const char d = text[pos];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r')
            break;
        ++pos;
    }
    return pos > start ? pos : -1;
}

std::optional<QList<RawJson::Member>> RawJson::objectMembers(const QByteArray &text, qsizetype at)
{
    qsizetype pos = skipSpace(text, at);
    if (pos >= text.size() || text[pos] != '{')
        return std::nullopt;
    QList<Member> members;
    pos = skipSpace(text, pos + 1);
    if (pos < text.size() && text[pos] == '}')
        return members;
    for (;;) {
        pos = skipSpace(text, pos);
        const qsizetype keyEnd = skipString(text, pos);
        if (keyEnd < 0)
            return std::nullopt;
        const auto key = nlohmann::json::parse(text.constData() + pos, text.constData() + keyEnd, nullptr, false);
        if (!key.is_string())
            return std::nullopt;
        pos = skipSpace(text, keyEnd);
        if (pos >= text.size() || text[pos] != ':')
            return std::nullopt;
        const qsizetype valueBegin = skipSpace(text, pos + 1);
        const qsizetype valueEnd = skipValue(text, valueBegin, 1);
        if (valueEnd < 0)
            return std::nullopt;
        members.append({QString::fromStdString(key.get<std::string>()), {valueBegin, valueEnd}});
        pos = skipSpace(text, valueEnd);
        if (pos >= text.size())
            return std::nullopt;
        if (text[pos] == '}')
            return members;
        if (text[pos] != ',')
            return std::nullopt;
        ++pos;
    }
}

std::optional<QList<RawJson::Span>> RawJson::arrayElements(const QByteArray &text, qsizetype at)
{
    qsizetype pos = skipSpace(text, at);
    if (pos >= text.size() || text[pos] != '[')
        return std::nullopt;
    QList<Span> elements;
    pos = skipSpace(text, pos + 1);
    if (pos < text.size() && text[pos] == ']')
        return elements;
    for (;;) {
        const qsizetype begin = skipSpace(text, pos);
        const qsizetype end = skipValue(text, begin, 1);
        if (end < 0)
            return std::nullopt;
        elements.append({begin, end});
        pos = skipSpace(text, end);
        if (pos >= text.size())
            return std::nullopt;
        if (text[pos] == ']')
            return elements;
        if (text[pos] != ',')
            return std::nullopt;
        ++pos;
    }
}

std::optional<RawJson::Span> RawJson::member(const QByteArray &text, const QString &key, qsizetype at)
{
    const auto members = objectMembers(text, at);
    if (!members)
        return std::nullopt;
    std::optional<Span> found;
    for (const Member &m : *members) {
        if (m.key == key)
            found = m.value;
    }
    return found;
}

}  // namespace jobdesk::fake
