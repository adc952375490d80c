#pragma once

// Talks to the IAM Identity Center OIDC service (oidc.REGION.amazonaws.com): registers
// JobDesk as a public client, starts a device authorization, and asks for tokens with the
// device code, an authorization code (PKCE) or a refresh token. Unsigned JSON; each call
// is an SsoRequest that the caller may cancel.

#include "core/clock.h"
#include "core/result.h"
#include "core/secret.h"
#include "core/sso/ssorequest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace jobdesk::sso {

struct RegisterClientParams
{
    QString clientName;        // e.g. "jobdesk-<host>"
    QStringList scopes;        // sso_registration_scopes; a refresh token comes only with scopes
    QStringList grantTypes;    // empty: not sent (the device flow); "authorization_code", "refresh_token"
    QStringList redirectUris;  // for authorization_code: the loopback callback
    QString issuerUrl;         // the start URL, sent with grantTypes as the AWS CLI does
};

struct ClientRegistration
{
    QString clientId;
    Secret clientSecret;
    QDateTime issuedAt;
    QDateTime expiresAt;     // clientSecretExpiresAt
    QStringList grantTypes;  // as registered (the service does not say); empty: the device flow's

    bool isValid(const QDateTime &now) const { return !clientId.isEmpty() && expiresAt > now; }
};

struct DeviceAuthorization
{
    Secret deviceCode;
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete;
    int intervalSeconds = 5;
    QDateTime expiresAt;
};

struct SsoToken
{
    Secret accessToken;
    Secret refreshToken;  // empty when the service gave none
    QDateTime expiresAt;
};

// What CreateToken is asked for.
struct TokenGrant
{
    enum class Type { DeviceCode, AuthorizationCode, RefreshToken };
    Type type = Type::DeviceCode;
    Secret deviceCode;    // DeviceCode
    Secret code;          // AuthorizationCode: from the redirect
    QString redirectUri;  // AuthorizationCode: as sent to the authorize page
    Secret codeVerifier;  // AuthorizationCode: the PKCE verifier
    Secret refreshToken;  // RefreshToken
    QStringList scopes;   // RefreshToken, optional

    static QString grantTypeName(Type type);
};

class SsoOidcClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    // network must outlive the client; clock decides expiresAt from expiresIn (null: the system's).
    explicit SsoOidcClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Where OIDC calls go for region: AWS_ENDPOINT_URL_SSO_OIDC, then AWS_ENDPOINT_URL,
    // then https://oidc.REGION.amazonaws.com (amazonaws.com.cn in China), as the AWS SDKs resolve it.
    static Result<SsoEndpoint> endpoint(const QString &region, const QProcessEnvironment &env);
    // The page a browser opens for the authorization-code flow (…/authorize).
    static QUrl authorizeUrl(const SsoEndpoint &endpoint);

    void setEndpoint(const SsoEndpoint &endpoint) { m_endpoint = endpoint; }
    const SsoEndpoint &currentEndpoint() const { return m_endpoint; }
    void setClock(const Clock *clock) { m_clock = clock ? clock : &Clock::system(); }
    const Clock &clock() const { return *m_clock; }

    // Each returns the request (cancel() ends it) and calls done once, from the event
    // loop, unless context is gone by then.
    SsoRequest *registerClient(const RegisterClientParams &params, QObject *context, Callback<ClientRegistration> done);
    SsoRequest *startDeviceAuthorization(const ClientRegistration &client, const QString &startUrl, QObject *context,
                                         Callback<DeviceAuthorization> done);
    SsoRequest *createToken(const ClientRegistration &client, const TokenGrant &grant, QObject *context,
                            Callback<SsoToken> done);

    // The answers, read as the service gives them; anything missing is a Protocol error.
    static Result<ClientRegistration> parseRegistration(const QJsonObject &object);
    static Result<DeviceAuthorization> parseDeviceAuthorization(const QJsonObject &object, const QDateTime &now);
    static Result<SsoToken> parseToken(const QJsonObject &object, const QDateTime &now);
    // What a person should do about an OIDC error.
    static QString explain(const Error &error);

private:
    template<typename T>
    SsoRequest *send(const QString &operation, const QString &path, const QByteArray &body, QObject *context,
                     std::function<Result<T>(const QJsonObject &)> parse, Callback<T> done);

    QNetworkAccessManager *m_network;
    SsoEndpoint m_endpoint;
    const Clock *m_clock = &Clock::system();
};

}  // namespace jobdesk::sso
