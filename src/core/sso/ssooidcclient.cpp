#include "core/sso/ssooidcclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace jobdesk::sso {

namespace {

Error incomplete(const QString &operation, const QString &detail)
{
    return Error::make(Error::Kind::Protocol, QStringLiteral("MalformedResponse"),
                       SsoOidcClient::tr("The answer to %1 is incomplete: %2").arg(operation, detail),
                       SsoOidcClient::tr("Something other than IAM Identity Center answered. Check the OIDC "
                                         "endpoint (AWS_ENDPOINT_URL_SSO_OIDC) and any proxy in between."));
}

QDateTime wholeSeconds(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

QJsonArray array(const QStringList &list)
{
    QJsonArray out;
    for (const QString &item : list)
        out.append(item);
    return out;
}

}  // namespace

QString TokenGrant::grantTypeName(Type type)
{
    switch (type) {
    case Type::DeviceCode: return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
    case Type::AuthorizationCode: return QStringLiteral("authorization_code");
    case Type::RefreshToken: return QStringLiteral("refresh_token");
    }
    return {};
}

SsoOidcClient::SsoOidcClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network) {}

Result<SsoEndpoint> SsoOidcClient::endpoint(const QString &region, const QProcessEnvironment &env)
{
    return SsoRequest::endpointFor(region, env, QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), QStringLiteral("oidc"));
}

QUrl SsoOidcClient::authorizeUrl(const SsoEndpoint &endpoint)
{
    QUrl url = endpoint.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/authorize"));
    return url;
}

template<typename T>
SsoRequest *SsoOidcClient::send(const QString &operation, const QString &path, const QByteArray &body, QObject *context,
                                std::function<Result<T>(const QJsonObject &)> parse, Callback<T> done)
{
    auto *request = new SsoRequest(m_network, m_endpoint, operation, this);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(request, &SsoRequest::finished, this, [request, guard, hasContext, parse, done] {
        if (hasContext && !guard)
            return;
        const Result<QJsonObject> &answer = request->result();
        if (!answer.ok()) {
            Error error = answer.error();
            if (error.kind == Error::Kind::Service && error.hint.isEmpty())
                error.hint = explain(error);
            return done(error);
        }
        done(parse(answer.value()));
    });
    request->post(path, body, {});
    return request;
}

SsoRequest *SsoOidcClient::registerClient(const RegisterClientParams &params, QObject *context,
                                          Callback<ClientRegistration> done)
{
    QJsonObject body{{QStringLiteral("clientName"), params.clientName},
                     {QStringLiteral("clientType"), QStringLiteral("public")}};
    if (!params.scopes.isEmpty())
        body.insert(QStringLiteral("scopes"), array(params.scopes));
    if (!params.grantTypes.isEmpty())
        body.insert(QStringLiteral("grantTypes"), array(params.grantTypes));
    if (!params.redirectUris.isEmpty())
        body.insert(QStringLiteral("redirectUris"), array(params.redirectUris));
    if (!params.issuerUrl.isEmpty())
        body.insert(QStringLiteral("issuerUrl"), params.issuerUrl);
    const QStringList grantTypes = params.grantTypes;
    return send<ClientRegistration>(
        QStringLiteral("RegisterClient"), QStringLiteral("/client/register"),
        QJsonDocument(body).toJson(QJsonDocument::Compact), context,
        [grantTypes](const QJsonObject &object) {
            Result<ClientRegistration> client = parseRegistration(object);
            if (client)
                client.value().grantTypes = grantTypes;
            return client;
        },
        std::move(done));
}

SsoRequest *SsoOidcClient::startDeviceAuthorization(const ClientRegistration &client, const QString &startUrl,
                                                    QObject *context, Callback<DeviceAuthorization> done)
{
    const QJsonObject body{{QStringLiteral("clientId"), client.clientId},
                           {QStringLiteral("clientSecret"), client.clientSecret.revealText()},
                           {QStringLiteral("startUrl"), startUrl}};
    const Clock *clock = m_clock;
    return send<DeviceAuthorization>(
        QStringLiteral("StartDeviceAuthorization"), QStringLiteral("/device_authorization"),
        QJsonDocument(body).toJson(QJsonDocument::Compact), context,
        [clock](const QJsonObject &object) { return parseDeviceAuthorization(object, clock->nowUtc()); },
        std::move(done));
}

SsoRequest *SsoOidcClient::createToken(const ClientRegistration &client, const TokenGrant &grant, QObject *context,
                                       Callback<SsoToken> done)
{
    QJsonObject body{{QStringLiteral("clientId"), client.clientId},
                     {QStringLiteral("clientSecret"), client.clientSecret.revealText()},
                     {QStringLiteral("grantType"), TokenGrant::grantTypeName(grant.type)}};
    switch (grant.type) {
    case TokenGrant::Type::DeviceCode: body.insert(QStringLiteral("deviceCode"), grant.deviceCode.revealText()); break;
    case TokenGrant::Type::AuthorizationCode:
        body.insert(QStringLiteral("code"), grant.code.revealText());
        body.insert(QStringLiteral("redirectUri"), grant.redirectUri);
        body.insert(QStringLiteral("codeVerifier"), grant.codeVerifier.revealText());
        break;
    case TokenGrant::Type::RefreshToken:
        body.insert(QStringLiteral("refreshToken"), grant.refreshToken.revealText());
        if (!grant.scopes.isEmpty())
            body.insert(QStringLiteral("scope"), array(grant.scopes));
        break;
    }
    QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const Clock *clock = m_clock;
    SsoRequest *request = send<SsoToken>(
        QStringLiteral("CreateToken"), QStringLiteral("/token"), bytes, context,
        [clock](const QJsonObject &object) { return parseToken(object, clock->nowUtc()); }, std::move(done));
    wipeString(bytes);
    return request;
}

Result<ClientRegistration> SsoOidcClient::parseRegistration(const QJsonObject &object)
{
    ClientRegistration client;
    client.clientId = object.value(QStringLiteral("clientId")).toString();
    client.clientSecret = Secret(object.value(QStringLiteral("clientSecret")).toString());
    const qint64 expires = qint64(object.value(QStringLiteral("clientSecretExpiresAt")).toDouble(-1));
    if (client.clientId.isEmpty() || client.clientSecret.isEmpty() || expires <= 0)
        return incomplete(QStringLiteral("RegisterClient"),
                          tr("it lacks the clientId, clientSecret or clientSecretExpiresAt."));
    client.issuedAt =
        QDateTime::fromSecsSinceEpoch(qint64(object.value(QStringLiteral("clientIdIssuedAt")).toDouble()), Qt::UTC);
    client.expiresAt = QDateTime::fromSecsSinceEpoch(expires, Qt::UTC);
    return client;
}

Result<DeviceAuthorization> SsoOidcClient::parseDeviceAuthorization(const QJsonObject &object, const QDateTime &now)
{
    DeviceAuthorization device;
    device.deviceCode = Secret(object.value(QStringLiteral("deviceCode")).toString());
    device.userCode = object.value(QStringLiteral("userCode")).toString();
    device.verificationUri = QUrl(object.value(QStringLiteral("verificationUri")).toString(), QUrl::StrictMode);
    device.verificationUriComplete =
        QUrl(object.value(QStringLiteral("verificationUriComplete")).toString(), QUrl::StrictMode);
    const int expiresIn = object.value(QStringLiteral("expiresIn")).toInt(-1);
    // RFC 8628 section 3.2: without an interval the client waits 5 seconds.
    device.intervalSeconds = object.value(QStringLiteral("interval")).toInt(5);
    if (device.deviceCode.isEmpty() || device.userCode.isEmpty() || !device.verificationUri.isValid() || expiresIn <= 0)
        return incomplete(QStringLiteral("StartDeviceAuthorization"),
                          tr("it lacks the deviceCode, userCode, verificationUri or expiresIn."));
    if (device.intervalSeconds < 1 || device.intervalSeconds > 60)
        return incomplete(QStringLiteral("StartDeviceAuthorization"),
                          tr("the polling interval %1 is not 1 to 60 seconds.").arg(device.intervalSeconds));
    device.expiresAt = wholeSeconds(now.toUTC()).addSecs(expiresIn);
    return device;
}

Result<SsoToken> SsoOidcClient::parseToken(const QJsonObject &object, const QDateTime &now)
{
    SsoToken token;
    token.accessToken = Secret(object.value(QStringLiteral("accessToken")).toString());
    token.refreshToken = Secret(object.value(QStringLiteral("refreshToken")).toString());
    const int expiresIn = object.value(QStringLiteral("expiresIn")).toInt(-1);
    if (token.accessToken.isEmpty() || expiresIn <= 0)
        return incomplete(QStringLiteral("CreateToken"), tr("it lacks the accessToken or expiresIn."));
    token.expiresAt = wholeSeconds(now.toUTC()).addSecs(expiresIn);
    return token;
}

QString SsoOidcClient::explain(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("InvalidClientException"))
        return tr("IAM Identity Center no longer knows this client registration. Sign in again to register anew.");
    if (code == QLatin1String("InvalidGrantException"))
        return tr("The sign-in was not accepted or has been revoked. Sign in again.");
    if (code == QLatin1String("ExpiredTokenException"))
        return tr("The sign-in request expired before it was approved. Sign in again and approve it in time.");
    if (code == QLatin1String("AccessDeniedException"))
        return tr("The sign-in was denied in the browser.");
    if (code == QLatin1String("InvalidRequestException") || code == QLatin1String("InvalidScopeException"))
        return tr("Check sso_start_url, sso_region and sso_registration_scopes.");
    return tr("Check sso_start_url and sso_region, and that IAM Identity Center is reachable.");
}

}  // namespace jobdesk::sso
