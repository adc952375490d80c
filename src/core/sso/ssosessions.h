#pragma once

// The IAM Identity Center sign-ins of one process: gives a valid token for an
// sso-session (refreshing it shortly before it expires), a role's keys for an SSO
// profile (kept in memory until shortly before they expire), runs interactive
// sign-ins (a second request for the same session joins the one under way) and signs
// out. The window and jobdesk-cli each own one; the CredentialResolver asks it.

#include "core/aws/credentials.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/sso/ssooidcclient.h"
#include "core/sso/ssoportalclient.h"
#include "core/sso/ssosignin.h"
#include "core/sso/ssotokenstore.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace jobdesk::sso {

// What an SSO profile names: its session (start URL, region, scopes) and the role.
struct SsoProfileConfig
{
    QString profileName;
    SsoSignIn::Settings session;
    QString accountId;
    QString roleName;
};

class SsoSessions : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;
    enum class Flow { AuthorizationCode, DeviceCode };

    // A token this close to expiring is refreshed first (botocore's window).
    static constexpr std::chrono::minutes tokenRefreshWindow{15};
    // Role keys this close to expiring are fetched again.
    static constexpr std::chrono::minutes roleRefreshMargin{5};

    // The error codes of a sign-in that is missing or over; both mean "sign in again".
    static QString notSignedInCode() { return QStringLiteral("SsoNotSignedIn"); }
    static QString expiredCode() { return QStringLiteral("SsoTokenExpired"); }
    static bool needsSignIn(const Error &error);

    // network, store and clock must outlive this. env gives the endpoint overrides
    // (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL).
    SsoSessions(QNetworkAccessManager *network, SsoTokenStore *store, const QProcessEnvironment &env,
                const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~SsoSessions() override;

    SsoTokenStore *store() const { return m_store; }
    // The portal client, pointed at session's region; for the account and role listings.
    Result<SsoPortalClient *> portal(const QString &region);

    // A token fit to use; refreshed (and stored again) within tokenRefreshWindow of its
    // expiry when it can be. Errors: notSignedInCode() when there is none,
    // expiredCode() when it expired and could not be refreshed.
    void token(const SsoSignIn::Settings &session, QObject *context, Callback<SsoCachedToken> done);
    // The role's keys through GetRoleCredentials with the session's token. A token the
    // portal refuses (revoked, signed out elsewhere) ends in expiredCode().
    void roleCredentials(const SsoProfileConfig &profile, QObject *context, Callback<aws::Credentials> done);

    // Starts an interactive sign-in, or returns the one already running for the same
    // session. Connect to its browserUrlReady / deviceCodeReady for what to show; the
    // result comes as signedIn / signInFailed here, after the token is stored. Null when
    // the region gives no endpoint: signInFailed follows from the event loop.
    SsoSignIn *signIn(const SsoSignIn::Settings &session, Flow flow);
    SsoSignIn *runningSignIn(const SsoSignIn::Settings &session) const;
    // Calls Logout with the stored token (if any), then forgets the token and the role
    // keys. Done gets the Logout's failure only when the token could not be forgotten.
    void signOut(const SsoSignIn::Settings &session, QObject *context, Callback<Nothing> done);
    // Forgets the role keys kept in memory.
    void clearRoleCache();

    static QString sessionKey(const SsoSignIn::Settings &session);
    // How a session is named in messages, as the AWS CLI names it: the sso-session's name,
    // or the start URL of a legacy profile. The sign-in errors carry it in Error::field.
    static QString sessionLabel(const SsoSignIn::Settings &session);
    static Error notSignedIn(const SsoSignIn::Settings &session);
    static Error expired(const SsoSignIn::Settings &session, const QString &why = {});

Q_SIGNALS:
    void signInStarted(const jobdesk::sso::SsoSignIn::Settings &session, jobdesk::sso::SsoSignIn *signIn);
    void signedIn(const jobdesk::sso::SsoSignIn::Settings &session, const jobdesk::sso::SsoCachedToken &token);
    void signInFailed(const jobdesk::sso::SsoSignIn::Settings &session, const jobdesk::Error &error);
    void signedOut(const jobdesk::sso::SsoSignIn::Settings &session);

private:
    QDateTime now() const;
    Result<SsoOidcClient *> oidc(const QString &region);
    void finishRefresh(const QString &key, const Result<SsoCachedToken> &result);
    void forgetRoleKeys(const QString &sessionKey);

    QNetworkAccessManager *m_network;
    SsoTokenStore *m_store;
    QProcessEnvironment m_env;
    const Clock *m_clock;
    QHash<QString, SsoOidcClient *> m_oidc;                            // by region
    QHash<QString, SsoPortalClient *> m_portal;                        // by region
    QHash<QString, QPointer<SsoSignIn>> m_signIns;                     // by session key
    QHash<QString, QList<Callback<SsoCachedToken>>> m_refreshWaiters;  // by session key
    QHash<QString, ClientRegistration> m_registrations;                // by region, start URL and flow
    QHash<QString, aws::Credentials> m_roleKeys;                       // by session key, account and role
};

}  // namespace jobdesk::sso
