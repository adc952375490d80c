#include "fake/fakessooidc.h"

#include "core/aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace jobdesk::fake {

using json = nlohmann::json;

namespace {

constexpr char kDeviceGrant[] = "urn:ietf:params:oauth:grant-type:device_code";

QString randomText(int length, const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
{
    const int size = int(qstrlen(alphabet));
    QString out;
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(size)]));
    return out;
}

// The exception each OAuth error code comes with, as the service names it in x-amzn-ErrorType.
QByteArray exceptionFor(const QString &error)
{
    static const QHash<QString, QByteArray> names{
        {QStringLiteral("authorization_pending"), "AuthorizationPendingException"},
        {QStringLiteral("slow_down"), "SlowDownException"},
        {QStringLiteral("expired_token"), "ExpiredTokenException"},
        {QStringLiteral("access_denied"), "AccessDeniedException"},
        {QStringLiteral("invalid_grant"), "InvalidGrantException"},
        {QStringLiteral("invalid_client"), "InvalidClientException"},
        {QStringLiteral("invalid_scope"), "InvalidScopeException"},
        {QStringLiteral("unauthorized_client"), "UnauthorizedClientException"},
        {QStringLiteral("unsupported_grant_type"), "UnsupportedGrantTypeException"},
        {QStringLiteral("invalid_redirect_uri"), "InvalidRedirectUriException"},
        {QStringLiteral("invalid_client_metadata"), "InvalidClientMetadataException"},
    };
    return names.value(error, "InvalidRequestException");
}

QString text(const json &body, const char *key)
{
    const auto it = body.find(key);
    return it != body.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QStringList texts(const json &body, const char *key)
{
    QStringList out;
    const auto it = body.find(key);
    if (it != body.end() && it->is_array()) {
        for (const auto &v : *it) {
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
        }
    }
    return out;
}

FakeReply jsonReply(const json &body)
{
    FakeReply reply;
    reply.contentType = "application/json";
    reply.body = QByteArray::fromStdString(body.dump());
    return reply;
}

bool equalSecrets(const QString &a, const QString &b)
{
    return aws::SigV4Signer::signaturesEqual(a.toUtf8(), b.toUtf8());
}

}  // namespace

bool FakeSsoOidc::isOidcPath(const QByteArray &path)
{
    return path == "/client/register" || path == "/device_authorization" || path == "/token" || path == "/authorize";
}

FakeReply FakeSsoOidc::oauthError(const QString &error, const QString &description)
{
    FakeReply reply;
    reply.status = error == QLatin1String("invalid_client") ? 401 : 400;
    reply.contentType = "application/json";
    reply.errorType = exceptionFor(error);
    reply.errorCode = QString::fromLatin1(reply.errorType);
    json body;
    body["error"] = error.toStdString();
    if (!description.isEmpty())
        body["error_description"] = description.toStdString();
    reply.body = QByteArray::fromStdString(body.dump());
    return reply;
}

FakeService::Received FakeSsoOidc::receive(const HttpRequest &request)
{
    const QByteArray path = request.path();
    Received received;
    received.operation = path == "/client/register" ? QStringLiteral("RegisterClient")
        : path == "/device_authorization"           ? QStringLiteral("StartDeviceAuthorization")
        : path == "/token"                          ? QStringLiteral("CreateToken")
                                                    : QStringLiteral("Authorize");
    return received;
}

FakeReply FakeSsoOidc::answer(const HttpRequest &request, const Received &received)
{
    if (received.operation == QLatin1String("Authorize")) {
        if (request.method != "GET")
            return oauthError(QStringLiteral("invalid_request"), QStringLiteral("The authorize page takes GET."));
        return authorize(request);
    }
    if (request.method != "POST")
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("%1 takes POST.").arg(received.operation));
    if (received.operation == QLatin1String("RegisterClient"))
        return registerClient(request);
    if (received.operation == QLatin1String("StartDeviceAuthorization"))
        return startDeviceAuthorization(request);
    return createToken(request);
}

FakeReply FakeSsoOidc::registerClient(const HttpRequest &request)
{
    const json body =
        json::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (!body.is_object())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("The body is not a JSON object."));
    const QString name = text(body, "clientName");
    const QString type = text(body, "clientType");
    if (name.isEmpty() || type != QLatin1String("public"))
        return oauthError(QStringLiteral("invalid_client_metadata"),
                          QStringLiteral("clientName is required and clientType must be public."));
    Client client;
    client.secret = Secret(QStringLiteral("eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.") + randomText(200));
    client.scopes = texts(body, "scopes");
    client.grantTypes = texts(body, "grantTypes");
    client.redirectUris = texts(body, "redirectUris");
    if (client.grantTypes.contains(QLatin1String("authorization_code")) && client.redirectUris.isEmpty())
        return oauthError(QStringLiteral("invalid_redirect_uri"),
                          QStringLiteral("The authorization_code grant needs redirectUris."));
    const QDateTime issued = now();
    client.expires = issued.addSecs(m_lifetimes.clientRegistration);
    const QString clientId = randomText(22);
    m_clients.insert(clientId, client);

    json out;
    out["clientId"] = clientId.toStdString();
    out["clientIdIssuedAt"] = issued.toSecsSinceEpoch();
    out["clientSecret"] = client.secret.revealText().toStdString();
    out["clientSecretExpiresAt"] = client.expires.toSecsSinceEpoch();
    return jsonReply(out);
}

FakeReply FakeSsoOidc::startDeviceAuthorization(const HttpRequest &request)
{
    const json body =
        json::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (!body.is_object())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("The body is not a JSON object."));
    const QString clientId = text(body, "clientId");
    const auto client = m_clients.constFind(clientId);
    if (client == m_clients.constEnd() || !equalSecrets(client->secret.revealText(), text(body, "clientSecret")))
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("Invalid client"));
    if (client->expires <= now())
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("Client secret has expired"));
    if (!text(body, "startUrl").startsWith(QLatin1String("https://")))
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("startUrl must be an https URL."));

    Device device;
    device.clientId = clientId;
    device.userCode = randomText(4, "BCDFGHJKLMNPQRSTVWXZ") + QLatin1Char('-') + randomText(4, "BCDFGHJKLMNPQRSTVWXZ");
    device.expires = now().addSecs(m_lifetimes.deviceCode);
    const QString deviceCode = randomText(64);
    m_devices.insert(deviceCode, device);

    const QString verification = QStringLiteral("https://device.sso.us-east-1.amazonaws.com/");
    json out;
    out["deviceCode"] = deviceCode.toStdString();
    out["expiresIn"] = m_lifetimes.deviceCode;
    out["interval"] = m_lifetimes.pollInterval;
    out["userCode"] = device.userCode.toStdString();
    out["verificationUri"] = verification.toStdString();
    out["verificationUriComplete"] =
        QString(verification + QStringLiteral("?user_code=") + device.userCode).toStdString();
    if (onDeviceAuthorization)
        onDeviceAuthorization(device.userCode);
    return jsonReply(out);
}

bool FakeSsoOidc::approveUserCode(const QString &userCode)
{
    return settleUserCode(userCode, true);
}

bool FakeSsoOidc::denyUserCode(const QString &userCode)
{
    return settleUserCode(userCode, false);
}

bool FakeSsoOidc::settleUserCode(const QString &userCode, bool approved)
{
    for (Device &device : m_devices) {
        if (device.userCode == userCode && device.state == Device::Pending) {
            device.state = approved ? Device::Approved : Device::Denied;
            return true;
        }
    }
    return false;
}

bool FakeSsoOidc::revoke(const QString &accessToken)
{
    for (Session &session : m_sessions) {
        if (!session.revoked && session.accessToken == accessToken) {
            session.revoked = true;
            return true;
        }
    }
    return false;
}

FakeSsoOidc::TokenState FakeSsoOidc::tokenState(const QString &accessToken) const
{
    for (const Session &session : m_sessions) {
        if (!session.revoked && !accessToken.isEmpty() && equalSecrets(session.accessToken, accessToken))
            return session.expires <= now() ? TokenState::Expired : TokenState::Valid;
    }
    return TokenState::Unknown;
}

bool FakeSsoOidc::redirectRegistered(const Client &client, const QString &redirectUri) const
{
    // Loopback redirects match whatever the port (RFC 8252, section 7.3).
    const QUrl asked(redirectUri);
    for (const QString &registered : client.redirectUris) {
        const QUrl url(registered);
        if (url.scheme() == asked.scheme() && url.host() == asked.host() && url.path() == asked.path()
            && (url.port() == asked.port() || url.host() == QLatin1String("127.0.0.1")))
            return true;
    }
    return false;
}

FakeReply FakeSsoOidc::authorize(const HttpRequest &request)
{
    const QUrlQuery query(QString::fromUtf8(request.query()));
    const auto param = [&](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    const auto page = [](int status, const QString &message) {
        FakeReply reply;
        reply.status = status;
        reply.contentType = "text/html; charset=utf-8";
        reply.requestId = "-";
        reply.body = "<html><body><p>" + message.toHtmlEscaped().toUtf8() + "</p></body></html>";
        return reply;
    };
    const auto client = m_clients.constFind(param("client_id"));
    if (client == m_clients.constEnd())
        return page(400, QStringLiteral("Unknown client_id."));
    const QString redirectUri = param("redirect_uri");
    // A redirect that was not registered is never followed: that is what keeps codes from strangers.
    if (!redirectRegistered(*client, redirectUri))
        return page(400, QStringLiteral("The redirect_uri is not registered for this client."));
    QUrl target(redirectUri);
    QUrlQuery back;
    if (param("response_type") != QLatin1String("code") || param("code_challenge_method") != QLatin1String("S256")
        || param("code_challenge").isEmpty()) {
        back.addQueryItem(QStringLiteral("error"), QStringLiteral("invalid_request"));
    } else if (m_authorizeDenied) {
        back.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
    } else {
        Grant grant;
        grant.clientId = client.key();
        grant.redirectUri = redirectUri;
        grant.challenge = param("code_challenge");
        grant.scopes = param("scopes").split(QLatin1Char(' '), Qt::SkipEmptyParts);
        grant.expires = now().addSecs(300);
        const QString code = randomText(48);
        m_codes.insert(code, grant);
        back.addQueryItem(QStringLiteral("code"), code);
    }
    back.addQueryItem(QStringLiteral("state"), param("state"));
    target.setQuery(back);
    FakeReply reply = page(302, QStringLiteral("Redirecting."));
    reply.headers.append({"Location", target.toEncoded()});
    return reply;
}

FakeReply FakeSsoOidc::createToken(const HttpRequest &request)
{
    const json body =
        json::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (!body.is_object())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("The body is not a JSON object."));
    const QString clientId = text(body, "clientId");
    const auto client = m_clients.constFind(clientId);
    if (client == m_clients.constEnd() || !equalSecrets(client->secret.revealText(), text(body, "clientSecret")))
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("Invalid client"));
    if (client->expires <= now())
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("Client secret has expired"));
    const QString grantType = text(body, "grantType");

    if (grantType == QLatin1String(kDeviceGrant)) {
        const auto device = m_devices.find(text(body, "deviceCode"));
        if (device == m_devices.end() || device->clientId != clientId || device->state == Device::Used)
            return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("Invalid device code provided"));
        if (device->expires <= now())
            return oauthError(QStringLiteral("expired_token"), QStringLiteral("Device code has expired"));
        if (m_slowDowns > 0) {
            --m_slowDowns;
            return oauthError(QStringLiteral("slow_down"), QString());
        }
        if (device->state == Device::Denied)
            return oauthError(QStringLiteral("access_denied"), QStringLiteral("The user denied the request"));
        if (device->state == Device::Pending)
            return oauthError(QStringLiteral("authorization_pending"), QString());
        device->state = Device::Used;
        return issue(clientId, grantType);
    }
    if (grantType == QLatin1String("authorization_code")) {
        const auto grant = m_codes.constFind(text(body, "code"));
        if (grant == m_codes.constEnd() || grant->clientId != clientId || grant->expires <= now())
            return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("Invalid authorization code"));
        const Grant used = *grant;
        m_codes.erase(grant);  // a code works once, right or wrong
        if (used.redirectUri != text(body, "redirectUri"))
            return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("redirectUri does not match"));
        const QByteArray challenge =
            QCryptographicHash::hash(text(body, "codeVerifier").toUtf8(), QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (!equalSecrets(QString::fromLatin1(challenge), used.challenge))
            return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("Code verifier does not match"));
        return issue(clientId, grantType);
    }
    if (grantType == QLatin1String("refresh_token")) {
        const QString refreshToken = text(body, "refreshToken");
        for (Session &session : m_sessions) {
            if (session.clientId == clientId && !session.refreshToken.isEmpty()
                && equalSecrets(session.refreshToken, refreshToken)) {
                if (session.revoked)
                    break;
                // The old pair goes: a refresh token works once.
                session.revoked = true;
                return issue(clientId, grantType);
            }
        }
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("Invalid refresh token provided"));
    }
    return oauthError(QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("Unsupported grant type: %1").arg(grantType));
}

FakeReply FakeSsoOidc::issue(const QString &clientId, const QString &grantType)
{
    Session session;
    session.clientId = clientId;
    session.accessToken = QStringLiteral("aoaAAAAAG") + randomText(300);
    // As the service does: a refresh token only for a client registered with scopes.
    if (!m_clients.value(clientId).scopes.isEmpty())
        session.refreshToken = QStringLiteral("aorAAAAAG") + randomText(300);
    session.expires = now().addSecs(m_lifetimes.accessToken);
    m_sessions.append(session);

    json out;
    out["accessToken"] = session.accessToken.toStdString();
    out["tokenType"] = "Bearer";
    out["expiresIn"] = m_lifetimes.accessToken;
    if (!session.refreshToken.isEmpty())
        out["refreshToken"] = session.refreshToken.toStdString();
    if (onTokenIssued)
        onTokenIssued(grantType);
    return jsonReply(out);
}

}  // namespace jobdesk::fake
