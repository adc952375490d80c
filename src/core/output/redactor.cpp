#include "core/output/redactor.h"

#include <QRegularExpression>

#include <algorithm>

namespace jobdesk::output {

namespace {

using Json = Redactor::Json;
using codepipeline::Shape;

std::string placeholderUtf8()
{
    return Secret::placeholder().toStdString();
}

// Strings shorter than this are not searched for in free text: replacing every
// "1" or "a" would destroy the log without protecting anything.
constexpr qsizetype kMinSecretLength = 4;

}  // namespace

Redactor::Redactor(const codepipeline::Operation *operation) : m_operation(operation) {}

void Redactor::addSecret(const Secret &secret)
{
    const QByteArray bytes = secret.reveal();
    if (bytes.size() < kMinSecretLength || m_secrets.contains(bytes))
        return;
    m_secrets.append(bytes);
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    // The JSON-escaped spelling too, for secrets with characters JSON escapes ("/" stays, "\"" does not).
    const std::string escaped = Json(std::string(bytes.constData(), std::size_t(bytes.size()))).dump();
    const QByteArray inner = QByteArray::fromStdString(escaped.substr(1, escaped.size() - 2));
    if (inner != bytes && !m_secrets.contains(inner)) {
        m_secrets.append(inner);
        std::sort(m_secrets.begin(), m_secrets.end(),
                  [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    }
}

void Redactor::addSecret(const QString &secret)
{
    addSecret(Secret(secret));
}

bool Redactor::isSecretMemberName(const std::string &name)
{
    // clientToken is not marked sensitive in the service model, but it is the
    // partner's shared secret for the job; the others are artifact credentials.
    static const char *const names[] = {"clientToken",         "secretAccessKey", "sessionToken", "accessKeyId",
                                        "artifactCredentials", "SecretAccessKey", "SessionToken"};
    return std::any_of(std::begin(names), std::end(names), [&name](const char *n) { return name == n; });
}

Json Redactor::redactJson(const Shape *shape, const Json &value) const
{
    if (shape && shape->sensitive)
        return placeholderUtf8();
    if (value.is_object()) {
        Json out = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            const Shape *memberShape = nullptr;
            if (shape && shape->type == Shape::Type::Structure) {
                if (const auto *member = shape->findMember(it.key()))
                    memberShape = member->shape;
            } else if (shape && shape->type == Shape::Type::Map) {
                memberShape = shape->value;
            }
            if (isSecretMemberName(it.key()) || (memberShape && memberShape->sensitive))
                out[it.key()] = placeholderUtf8();
            else
                out[it.key()] = redactJson(memberShape, it.value());
        }
        return out;
    }
    if (value.is_array()) {
        Json out = Json::array();
        const Shape *element = shape && shape->type == Shape::Type::List ? shape->member : nullptr;
        for (const Json &item : value)
            out.push_back(redactJson(element, item));
        return out;
    }
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        const QByteArray scrubbed = redactText(QByteArray::fromStdString(s));
        return scrubbed.toStdString();
    }
    return value;
}

QByteArray Redactor::redactBody(const Shape *shape, const QByteArray &body) const
{
    if (body.isEmpty())
        return body;
    Json parsed = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (parsed.is_discarded()) {
        // Not JSON (an HTML error page, a cut-off answer): blank anything that looks
        // like a secret member, then every known secret.
        QByteArray text = redactText(body);
        static const QRegularExpression member(QStringLiteral(
            "(\"(?:clientToken|secretAccessKey|sessionToken|accessKeyId)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\"?)"));
        QString asText = QString::fromUtf8(text);
        asText.replace(member, QStringLiteral("\\1") + placeholder() + QStringLiteral("\\3"));
        return asText.toUtf8();
    }
    const std::string out = redactJson(shape, parsed).dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray::fromStdString(out);
}

QByteArray Redactor::redactRequestBody(const QByteArray &body) const
{
    return redactBody(m_operation ? m_operation->input : nullptr, body);
}

QByteArray Redactor::redactResponseBody(const QByteArray &body) const
{
    return redactBody(m_operation ? m_operation->output : nullptr, body);
}

QByteArray Redactor::redactHeader(const QByteArray &name, const QByteArray &value) const
{
    const QByteArray lower = name.toLower();
    if (lower == "authorization") {
        // Credential (the key ID and scope) and SignedHeaders help debugging; the signature does not.
        QByteArray out = value;
        const qsizetype at = out.indexOf("Signature=");
        if (at >= 0) {
            qsizetype end = out.indexOf(',', at);
            if (end < 0)
                end = out.size();
            out.replace(at + 10, end - at - 10, placeholder().toUtf8());
        } else {
            out = placeholder().toUtf8();
        }
        return out;
    }
    if (lower == "x-amz-security-token" || lower == "cookie" || lower == "set-cookie" || lower == "proxy-authorization")
        return placeholder().toUtf8();
    return redactText(value);
}

Redactor::HeaderList Redactor::redactHeaders(const HeaderList &headers) const
{
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers)
        out.append({name, redactHeader(name, value)});
    return out;
}

QByteArray Redactor::redactText(const QByteArray &text) const
{
    QByteArray out = text;
    const QByteArray replacement = placeholder().toUtf8();
    for (const QByteArray &secret : m_secrets)
        out.replace(secret, replacement);
    return out;
}

QString Redactor::redactText(const QString &text) const
{
    return QString::fromUtf8(redactText(text.toUtf8()));
}

}  // namespace jobdesk::output
