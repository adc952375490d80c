#include "core/codepipeline/responseparser.h"

#include <QCoreApplication>
#include <QString>

namespace jobdesk::codepipeline {

namespace {

Error malformed(const QString &message)
{
    return Error::make(
        Error::Kind::Protocol, QStringLiteral("MalformedResponse"), message,
        ResponseParser::tr("The service or a proxy between you and it sent something that is not a "
                           "CodePipeline answer. Check the endpoint URL and any proxy settings, then try again."));
}

const char *typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "a list";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::null: return "null";
    default: return "an unknown value";
    }
}

struct Conformer
{
    std::optional<Error> error;

    Json fail(const std::string &path, const char *expected, const Json &value)
    {
        if (!error) {
            error = malformed(ResponseParser::tr("The response field %1 should be %2 but is %3.")
                                  .arg(QString::fromStdString(path.empty() ? std::string("(top level)") : path),
                                       QLatin1String(expected), QLatin1String(typeName(value))));
        }
        return Json();
    }

    Json walk(const Shape *shape, const Json &value, const std::string &path)
    {
        using Type = Shape::Type;
        switch (shape->type) {
        case Type::Structure: {
            if (!value.is_object())
                return fail(path, "an object", value);
            Json out = Json::object();
            for (const Member &member : shape->members) {
                auto it = value.find(member.name);
                if (it == value.end() || it->is_null())
                    continue;
                out[member.name] = walk(member.shape, *it, path.empty() ? member.name : path + '.' + member.name);
            }
            return out;
        }
        case Type::List: {
            if (!value.is_array())
                return fail(path, "a list", value);
            Json out = Json::array();
            for (std::size_t i = 0; i < value.size(); ++i) {
                const Json &item = value[i];
                out.push_back(item.is_null() ? Json()
                                             : walk(shape->member, item, path + '[' + std::to_string(i) + ']'));
            }
            return out;
        }
        case Type::Map: {
            if (!value.is_object())
                return fail(path, "an object", value);
            Json out = Json::object();
            for (auto it = value.begin(); it != value.end(); ++it) {
                out[it.key()] = it->is_null() ? Json() : walk(shape->value, it.value(), path + '.' + it.key());
            }
            return out;
        }
        case Type::String:
            if (!value.is_string())
                return fail(path, "a string", value);
            return value;
        case Type::Integer:
            if (!value.is_number_integer())
                return fail(path, "a whole number", value);
            return value;
        case Type::Boolean:
            if (!value.is_boolean())
                return fail(path, "true or false", value);
            return value;
        case Type::Timestamp:
            if (!value.is_number() && !value.is_string())
                return fail(path, "a time", value);
            return value;
        }
        return value;
    }
};

}  // namespace

Result<Json> ResponseParser::conform(const Shape *shape, const Json &value)
{
    Conformer conformer;
    Json out = conformer.walk(shape, value, std::string());
    if (conformer.error)
        return *conformer.error;
    return out;
}

bool ResponseParser::nestsDeeperThan(const QByteArray &json, int depth)
{
    int level = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++level > depth)
                return true;
        } else if (c == ']' || c == '}') {
            --level;
        }
    }
    return false;
}

Result<ParsedResponse> ResponseParser::parse(const Shape *outputShape, const QByteArray &body)
{
    ParsedResponse parsed;
    if (body.trimmed().isEmpty()) {
        // CodePipeline answers operations without output with an empty body or {}.
        parsed.data = Json::object();
        parsed.wire = Json::object();
        return parsed;
    }
    if (nestsDeeperThan(body, maxNestingDepth))
        return malformed(
            tr("The answer nests more than %1 levels deep; no CodePipeline answer does.").arg(maxNestingDepth));
    parsed.wire = Json::parse(body.constBegin(), body.constEnd(), nullptr, /*allow_exceptions=*/false);
    if (parsed.wire.is_discarded()) {
        const bool looksLikeHtml = body.trimmed().startsWith('<');
        return malformed(looksLikeHtml
                             ? tr("The answer was an HTML page, not JSON (a captive portal, proxy or wrong endpoint?).")
                             : tr("The answer is not valid JSON; it may have been cut short "
                                  "(%n bytes received).",
                                  nullptr, int(body.size())));
    }
    if (!parsed.wire.is_object())
        return malformed(tr("The answer is JSON but not an object."));
    if (!outputShape) {
        parsed.data = Json::object();
        return parsed;
    }
    auto conformed = conform(outputShape, parsed.wire);
    if (!conformed)
        return conformed.error();
    parsed.data = std::move(conformed).value();
    return parsed;
}

}  // namespace jobdesk::codepipeline
