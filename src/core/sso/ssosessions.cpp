#include "core/sso/ssosessions.h"

#include <QPointer>
#include <QTimer>

namespace jobdesk::sso {

namespace {

QString roleKey(const SsoProfileConfig &profile)
{
    return SsoSessions::sessionKey(profile.session) + QLatin1Char('|') + profile.accountId + QLatin1Char('|')
        + profile.roleName;
}

// done, called only while context lives; a null context does not guard.
template<typename T>
std::function<void(Result<T>)> guarded(QObject *context, std::function<void(Result<T>)> done)
{
    return [guard = QPointer<QObject>(context), hasContext = context != nullptr,
            done = std::move(done)](Result<T> result) {
        if (!hasContext || guard)
            done(std::move(result));
    };
}

}  // namespace

SsoSessions::SsoSessions(QNetworkAccessManager *network, SsoTokenStore *store, const QProcessEnvironment &env,
                         const Clock &clock, QObject *parent)
    : QObject(parent), m_network(network), m_store(store), m_env(env), m_clock(&clock)
{
}

SsoSessions::~SsoSessions() = default;

bool SsoSessions::needsSignIn(const Error &error)
{
    return error.code == notSignedInCode() || error.code == expiredCode();
}

QString SsoSessions::sessionKey(const SsoSignIn::Settings &session)
{
    return SsoTokenCache::cacheKey(session.startUrl, session.sessionName);
}

QString SsoSessions::sessionLabel(const SsoSignIn::Settings &session)
{
    return session.sessionName.isEmpty() ? session.startUrl : session.sessionName;
}

Error SsoSessions::notSignedIn(const SsoSignIn::Settings &session)
{
    Error error = Error::make(Error::Kind::Credentials, notSignedInCode(),
                              tr("You are not signed in to IAM Identity Center for %1.").arg(sessionLabel(session)),
                              tr("Sign in: in the window with Sign In, or with `jobdesk-cli sso login`."));
    error.field = sessionLabel(session);
    return error;
}

Error SsoSessions::expired(const SsoSignIn::Settings &session, const QString &why)
{
    Error error = Error::make(
        Error::Kind::Credentials, expiredCode(),
        why.isEmpty() ? tr("Your IAM Identity Center sign-in for %1 has expired.").arg(sessionLabel(session)) : why,
        tr("Sign in again: in the window with Sign In Again, or with `jobdesk-cli sso login`."));
    error.field = sessionLabel(session);
    return error;
}

QDateTime SsoSessions::now() const
{
    return m_clock->nowUtc();
}

Result<SsoOidcClient *> SsoSessions::oidc(const QString &region)
{
    if (SsoOidcClient *client = m_oidc.value(region))
        return client;
    Result<SsoEndpoint> endpoint = SsoOidcClient::endpoint(region, m_env);
    if (!endpoint)
        return endpoint.error();
    auto *client = new SsoOidcClient(m_network, this);
    client->setEndpoint(endpoint.value());
    client->setClock(m_clock);
    m_oidc.insert(region, client);
    return client;
}

Result<SsoPortalClient *> SsoSessions::portal(const QString &region)
{
    if (SsoPortalClient *client = m_portal.value(region))
        return client;
    Result<SsoEndpoint> endpoint = SsoPortalClient::endpoint(region, m_env);
    if (!endpoint)
        return endpoint.error();
    auto *client = new SsoPortalClient(m_network, this);
    client->setEndpoint(endpoint.value());
    m_portal.insert(region, client);
    return client;
}

void SsoSessions::token(const SsoSignIn::Settings &session, QObject *context, Callback<SsoCachedToken> done)
{
    const QString key = sessionKey(session);
    const Callback<SsoCachedToken> answer = guarded(context, std::move(done));
    // A refresh under way for the same session: wait for it rather than start another.
    if (m_refreshWaiters.contains(key)) {
        m_refreshWaiters[key].append(answer);
        return;
    }
    m_store->load(session, this, [this, session, key, answer](Result<std::optional<SsoTokenStore::Loaded>> loaded) {
        if (!loaded)
            return answer(loaded.error());
        if (!loaded.value())
            return answer(notSignedIn(session));
        const SsoCachedToken token = loaded.value()->token;
        const QDateTime current = now();
        if (current.secsTo(token.expiresAt) > std::chrono::seconds(tokenRefreshWindow).count())
            return answer(token);
        if (!token.canRefresh(current))
            return answer(token.isExpired(current) ? expired(session) : Result<SsoCachedToken>(token));
        if (m_refreshWaiters.contains(key)) {
            m_refreshWaiters[key].append(answer);
            return;
        }
        m_refreshWaiters.insert(key, {answer});
        Result<SsoOidcClient *> client = oidc(session.region);
        if (!client)
            return finishRefresh(key, client.error());
        auto *refresh = new SsoSignIn(client.value(), this);
        connect(refresh, &SsoSignIn::signedIn, this, [this, session, key, refresh](const SsoCachedToken &renewed) {
            refresh->deleteLater();
            forgetRoleKeys(key);
            m_store->save(session, renewed, this, [this, key, renewed](Status saved) {
                finishRefresh(key, saved ? Result<SsoCachedToken>(renewed) : Result<SsoCachedToken>(saved.error()));
            });
        });
        connect(refresh, &SsoSignIn::failed, this, [this, session, key, token, refresh](const Error &error) {
            refresh->deleteLater();
            // Still valid for a while: keep using it; the next request tries again.
            if (!token.isExpired(now()))
                return finishRefresh(key, token);
            finishRefresh(key,
                          expired(session,
                                  tr("Your IAM Identity Center sign-in for %1 has expired, and "
                                     "renewing it failed: %2")
                                      .arg(sessionLabel(session), error.message)));
        });
        refresh->refresh(session, token);
    });
}

void SsoSessions::finishRefresh(const QString &key, const Result<SsoCachedToken> &result)
{
    const QList<Callback<SsoCachedToken>> waiters = m_refreshWaiters.take(key);
    for (const Callback<SsoCachedToken> &waiter : waiters)
        waiter(result);
}

void SsoSessions::roleCredentials(const SsoProfileConfig &profile, QObject *context, Callback<aws::Credentials> done)
{
    const QString key = roleKey(profile);
    const auto cached = m_roleKeys.constFind(key);
    const Callback<aws::Credentials> answer = guarded(context, std::move(done));
    if (cached != m_roleKeys.constEnd()
        && now().secsTo(cached->expiration) > std::chrono::seconds(roleRefreshMargin).count()) {
        QMetaObject::invokeMethod(
            this, [answer, keys = *cached] { answer(keys); }, Qt::QueuedConnection);
        return;
    }
    token(profile.session, this, [this, profile, key, done = answer](Result<SsoCachedToken> token) {
        if (!token)
            return done(token.error());
        Result<SsoPortalClient *> client = portal(profile.session.region);
        if (!client)
            return done(client.error());
        client.value()->getRoleCredentials(
            token.value().accessToken, profile.accountId, profile.roleName, this,
            [this, profile, key, done](Result<aws::Credentials> keys) {
                if (keys)
                    m_roleKeys.insert(key, keys.value());
                else if (keys.error().httpStatus == 401 || keys.error().code == u"UnauthorizedException")
                    keys = expired(profile.session,
                                   tr("IAM Identity Center no longer accepts the sign-in for %1: it has "
                                      "expired, was signed out, or was revoked.")
                                       .arg(sessionLabel(profile.session)));
                done(std::move(keys));
            });
    });
}

SsoSignIn *SsoSessions::runningSignIn(const SsoSignIn::Settings &session) const
{
    return m_signIns.value(sessionKey(session));
}

SsoSignIn *SsoSessions::signIn(const SsoSignIn::Settings &session, Flow flow)
{
    const QString key = sessionKey(session);
    if (SsoSignIn *running = m_signIns.value(key))
        return running;
    Result<SsoOidcClient *> client = oidc(session.region);
    if (!client) {
        QMetaObject::invokeMethod(
            this, [this, session, error = client.error()] { Q_EMIT signInFailed(session, error); },
            Qt::QueuedConnection);
        return nullptr;
    }
    const QString registrationKey =
        session.region + QLatin1Char('|') + session.startUrl + QLatin1Char('|') + QString::number(int(flow));
    auto *signIn = new SsoSignIn(client.value(), this);
    signIn->setRegistration(m_registrations.value(registrationKey));
    m_signIns.insert(key, signIn);
    connect(signIn, &SsoSignIn::signedIn, this,
            [this, session, key, registrationKey, signIn](const SsoCachedToken &token) {
                m_registrations.insert(registrationKey, signIn->registration());
                forgetRoleKeys(key);
                m_store->save(session, token, this, [this, session, key, signIn, token](Status saved) {
                    m_signIns.remove(key);
                    signIn->deleteLater();
                    if (!saved)
                        return Q_EMIT signInFailed(session, saved.error());
                    Q_EMIT signedIn(session, token);
                });
            });
    connect(signIn, &SsoSignIn::failed, this, [this, session, key, signIn](const Error &error) {
        m_signIns.remove(key);
        signIn->deleteLater();
        Q_EMIT signInFailed(session, error);
    });
    Q_EMIT signInStarted(session, signIn);
    if (flow == Flow::AuthorizationCode)
        signIn->startAuthorizationCode(session);
    else
        signIn->startDeviceAuthorization(session);
    return signIn;
}

void SsoSessions::signOut(const SsoSignIn::Settings &session, QObject *context, Callback<Nothing> done)
{
    const QString key = sessionKey(session);
    const auto forget = [this, session, key, done = guarded(context, std::move(done))](const Secret &accessToken) {
        m_store->remove(session, accessToken, this, [this, session, key, done](Status removed) {
            forgetRoleKeys(key);
            if (removed)
                Q_EMIT signedOut(session);
            done(removed ? Result<Nothing>(Nothing{}) : Result<Nothing>(removed.error()));
        });
    };
    if (SsoSignIn *running = m_signIns.value(key))
        running->cancel();
    m_store->load(session, this, [this, session, forget](Result<std::optional<SsoTokenStore::Loaded>> loaded) {
        if (!loaded || !loaded.value() || loaded.value()->token.isExpired(now()))
            return forget({});
        const Secret accessToken = loaded.value()->token.accessToken;
        Result<SsoPortalClient *> client = portal(session.region);
        if (!client)
            return forget(accessToken);
        // The token is forgotten whatever Logout answers: a person who signs out means it.
        client.value()->logout(accessToken, this, [forget, accessToken](Result<Nothing>) { forget(accessToken); });
    });
}

void SsoSessions::forgetRoleKeys(const QString &sessionKey)
{
    const QString prefix = sessionKey + QLatin1Char('|');
    m_roleKeys.removeIf([&](const auto &entry) { return entry.key().startsWith(prefix); });
}

void SsoSessions::clearRoleCache()
{
    m_roleKeys.clear();
}

}  // namespace jobdesk::sso
