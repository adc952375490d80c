#include "core/sso/ssosignin.h"

#include "core/sso/ssoloopbackreceiver.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>

namespace jobdesk::sso {

namespace {

QString authorizationCodeGrant()
{
    return QStringLiteral("authorization_code");
}

QString refreshTokenGrant()
{
    return QStringLiteral("refresh_token");
}

}  // namespace

SsoSignIn::SsoSignIn(SsoOidcClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_pollTimer.setSingleShot(true);
    m_deadline.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &SsoSignIn::poll);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(Error::make(Error::Kind::Timeout, QStringLiteral("SignInTimedOut"),
                         tr("The browser did not complete the sign-in in time."),
                         tr("Sign in again, or use the device code instead.")));
    });
}

SsoSignIn::~SsoSignIn()
{
    stop();
}

QDateTime SsoSignIn::now() const
{
    // The client's clock, so that expiry and registration reuse agree with the times it parsed.
    return m_client->clock().nowUtc();
}

Secret SsoSignIn::makeCodeVerifier()
{
    QByteArray random(64, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(random.data()),
                                         reinterpret_cast<quint32 *>(random.data() + random.size()));
    Secret verifier(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    wipeString(random);
    return verifier;
}

QString SsoSignIn::codeChallenge(const Secret &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.reveal(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool SsoSignIn::startAuthorizationCode(const Settings &settings)
{
    if (m_running)
        return false;
    m_running = true;
    m_settings = settings;
    withRegistration(true, [this] { beginAuthorizationCode(); });
    return true;
}

bool SsoSignIn::startDeviceAuthorization(const Settings &settings)
{
    if (m_running)
        return false;
    m_running = true;
    m_settings = settings;
    withRegistration(false, [this] { beginDeviceAuthorization(); });
    return true;
}

bool SsoSignIn::refresh(const Settings &settings, const SsoCachedToken &token)
{
    if (m_running)
        return false;
    m_running = true;
    m_settings = settings;
    if (!token.canRefresh(now())) {
        QTimer::singleShot(0, this, [this] {
            fail(Error::make(Error::Kind::Credentials, QStringLiteral("SsoRefreshUnavailable"),
                             tr("This sign-in cannot be renewed: it has no refresh token, or its client "
                                "registration has expired."),
                             tr("Sign in again.")));
        });
        return true;
    }
    m_registration.clientId = token.clientId;
    m_registration.clientSecret = token.clientSecret;
    m_registration.expiresAt = token.registrationExpiresAt;
    TokenGrant grant;
    grant.type = TokenGrant::Type::RefreshToken;
    grant.refreshToken = token.refreshToken;
    m_request = m_client->createToken(m_registration, grant, this, [this](Result<SsoToken> answer) {
        if (!answer)
            return fail(answer.error());
        succeed(answer.value());
    });
    return true;
}

void SsoSignIn::cancel()
{
    if (m_running)
        fail(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The sign-in was cancelled.")));
}

void SsoSignIn::withRegistration(bool authorizationCode, std::function<void()> next)
{
    const bool fits = authorizationCode ? m_registration.grantTypes.contains(authorizationCodeGrant())
                                        : !m_registration.grantTypes.contains(authorizationCodeGrant());
    if (m_registration.isValid(now()) && fits) {
        QTimer::singleShot(0, this, [this, next] {
            if (m_running)
                next();
        });
        return;
    }
    RegisterClientParams params;
    params.clientName = m_settings.clientName;
    params.scopes = m_settings.scopes;
    if (authorizationCode) {
        params.grantTypes = {authorizationCodeGrant(), refreshTokenGrant()};
        params.redirectUris = {SsoLoopbackReceiver::registeredRedirectUri()};
        params.issuerUrl = m_settings.startUrl;
    }
    m_request = m_client->registerClient(params, this, [this, next](Result<ClientRegistration> answer) {
        if (!answer)
            return fail(answer.error());
        m_registration = answer.value();
        next();
    });
}

void SsoSignIn::beginAuthorizationCode()
{
    const QString state = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_receiver = new SsoLoopbackReceiver(state, this);
    if (!m_receiver->listen())
        return fail(Error::make(Error::Kind::Network, QStringLiteral("LoopbackUnavailable"), m_receiver->errorString(),
                                tr("Use the device code to sign in instead.")));
    connect(m_receiver, &SsoLoopbackReceiver::codeReceived, this, &SsoSignIn::exchangeCode);
    connect(m_receiver, &SsoLoopbackReceiver::errorReceived, this,
            [this](const QString &error, const QString &description) {
                Error e = Error::make(
                    Error::Kind::Service,
                    error == QLatin1String("access_denied") ? QStringLiteral("AccessDeniedException") : error,
                    description.isEmpty() ? tr("The sign-in was not completed in the browser (%1).").arg(error)
                                          : description);
                e.hint = SsoOidcClient::explain(e);
                fail(e);
            });
    m_verifier = makeCodeVerifier();
    m_redirectUri = m_receiver->redirectUri();

    QUrl url = SsoOidcClient::authorizeUrl(m_client->currentEndpoint());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), m_registration.clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(m_redirectUri)));
    query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    if (!m_settings.scopes.isEmpty())
        query.addQueryItem(QStringLiteral("scopes"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_settings.scopes.join(QLatin1Char(' ')))));
    query.addQueryItem(QStringLiteral("code_challenge"), codeChallenge(m_verifier));
    url.setQuery(query);
    if (m_settings.authorizationTimeoutSeconds > 0)
        m_deadline.start(m_settings.authorizationTimeoutSeconds * 1000);
    Q_EMIT browserUrlReady(url);
}

void SsoSignIn::exchangeCode(const Secret &code)
{
    m_deadline.stop();
    if (m_receiver)
        m_receiver->close();
    TokenGrant grant;
    grant.type = TokenGrant::Type::AuthorizationCode;
    grant.code = code;
    grant.redirectUri = m_redirectUri;
    grant.codeVerifier = m_verifier;
    m_request = m_client->createToken(m_registration, grant, this, [this](Result<SsoToken> answer) {
        if (!answer)
            return fail(answer.error());
        succeed(answer.value());
    });
}

void SsoSignIn::beginDeviceAuthorization()
{
    m_request = m_client->startDeviceAuthorization(
        m_registration, m_settings.startUrl, this, [this](Result<DeviceAuthorization> answer) {
            if (!answer)
                return fail(answer.error());
            const DeviceAuthorization &device = answer.value();
            m_deviceCode = device.deviceCode;
            m_intervalSeconds = device.intervalSeconds;
            m_deviceLifetimeMs = qMax<qint64>(0, now().msecsTo(device.expiresAt));
            m_deviceClock.start();
            Q_EMIT deviceCodeReady(device.userCode, device.verificationUri, device.verificationUriComplete);
            if (m_running)
                m_pollTimer.start(m_intervalSeconds * 1000);
        });
}

void SsoSignIn::poll()
{
    if (!m_running)
        return;
    if (m_deviceClock.elapsed() >= m_deviceLifetimeMs) {
        Error e = Error::make(Error::Kind::Timeout, QStringLiteral("ExpiredTokenException"),
                              tr("The sign-in request expired before it was approved."));
        e.hint = SsoOidcClient::explain(e);
        return fail(e);
    }
    Q_EMIT polling(m_intervalSeconds);
    TokenGrant grant;
    grant.type = TokenGrant::Type::DeviceCode;
    grant.deviceCode = m_deviceCode;
    m_request = m_client->createToken(m_registration, grant, this, [this](Result<SsoToken> answer) {
        if (answer)
            return succeed(answer.value());
        const QString &code = answer.error().code;
        if (code == QLatin1String("SlowDownException"))
            m_intervalSeconds += slowDownStepSeconds;
        else if (code != QLatin1String("AuthorizationPendingException"))
            return fail(answer.error());
        if (m_running)
            m_pollTimer.start(m_intervalSeconds * 1000);
    });
}

void SsoSignIn::succeed(const SsoToken &token)
{
    if (!m_running)
        return;
    SsoCachedToken result;
    result.startUrl = m_settings.startUrl;
    result.region = m_settings.region;
    result.accessToken = token.accessToken;
    result.expiresAt = token.expiresAt;
    result.refreshToken = token.refreshToken;
    // A legacy profile keeps no registration beside its token, as the AWS CLI does.
    if (!m_settings.sessionName.isEmpty()) {
        result.clientId = m_registration.clientId;
        result.clientSecret = m_registration.clientSecret;
        result.registrationExpiresAt = m_registration.expiresAt;
    }
    stop();
    Q_EMIT signedIn(result);
}

void SsoSignIn::fail(const Error &error)
{
    // A request cancelled by stop() still answers; the sign-in has reported already.
    if (!m_running)
        return;
    stop();
    Q_EMIT failed(error);
}

void SsoSignIn::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_deadline.stop();
    if (m_request) {
        // Its answer must not reach us any more.
        m_request->disconnect(this);
        m_request->cancel();
    }
    m_request = nullptr;
    if (m_receiver) {
        m_receiver->close();
        m_receiver->deleteLater();
    }
    m_receiver = nullptr;
    m_verifier.clear();
    m_deviceCode.clear();
}

}  // namespace jobdesk::sso
