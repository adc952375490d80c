#pragma once

// The IAM Identity Center OIDC half of the fake endpoint (oidc.REGION.amazonaws.com):
// RegisterClient, StartDeviceAuthorization and CreateToken (device code, authorization
// code with PKCE, refresh token) as the service's JSON REST API shapes them, and the
// /authorize page that sends the browser back to the client's loopback redirect. Tests
// approve or deny user codes, revoke tokens and ask for slow_down through FakeCodePipeline.

#include "core/clock.h"
#include "core/secret.h"
#include "fake/fakeservice.h"
#include "fake/fakessoaccount.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace jobdesk::fake {

class FakeSsoOidc : public FakeService
{
public:
    enum class TokenState { Valid, Expired, Unknown };

    explicit FakeSsoOidc(const Clock *clock) : m_clock(clock) {}
    void setClock(const Clock *clock) { m_clock = clock; }

    FakeSsoLifetimes &lifetimes() { return m_lifetimes; }
    const FakeSsoLifetimes &lifetimes() const { return m_lifetimes; }

    bool approveUserCode(const QString &userCode);
    bool denyUserCode(const QString &userCode);
    void slowDownNextPolls(int count) { m_slowDowns = count; }
    // The session the access token belongs to ends: its access and refresh tokens stop working.
    bool revoke(const QString &accessToken);
    TokenState tokenState(const QString &accessToken) const;
    // When the authorize page is told to refuse, it redirects with error=access_denied.
    void setAuthorizeDenied(bool denied) { m_authorizeDenied = denied; }

    // Called with each user code that StartDeviceAuthorization hands out, and with the
    // grant type of each token issued.
    std::function<void(const QString &userCode)> onDeviceAuthorization;
    std::function<void(const QString &grantType)> onTokenIssued;

    static bool isOidcPath(const QByteArray &path);

    bool accepts(const HttpRequest &request) const override { return isOidcPath(request.path()); }
    Received receive(const HttpRequest &request) override;
    FakeReply answer(const HttpRequest &request, const Received &received) override;

    // An error as the OIDC service shapes it: {"error", "error_description"} in the body
    // and the exception's name in x-amzn-ErrorType.
    static FakeReply oauthError(const QString &error, const QString &description);

private:
    // The person at the browser answers a pending device authorization.
    bool settleUserCode(const QString &userCode, bool approved);
    struct Client
    {
        Secret secret;
        QStringList scopes;
        QStringList grantTypes;
        QStringList redirectUris;
        QDateTime expires;
    };
    struct Device
    {
        QString clientId;
        QString userCode;
        QDateTime expires;
        enum { Pending, Approved, Denied, Used } state = Pending;
    };
    struct Grant
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QStringList scopes;
        QDateTime expires;
    };
    struct Session
    {
        QString clientId;
        QString accessToken;
        QString refreshToken;  // empty for a client registered without scopes
        QDateTime expires;
        bool revoked = false;
    };

    QDateTime now() const { return m_clock->nowUtc().toUTC(); }
    FakeReply registerClient(const HttpRequest &request);
    FakeReply startDeviceAuthorization(const HttpRequest &request);
    FakeReply createToken(const HttpRequest &request);
    FakeReply authorize(const HttpRequest &request);
    FakeReply issue(const QString &clientId, const QString &grantType);
    bool redirectRegistered(const Client &client, const QString &redirectUri) const;

    const Clock *m_clock;
    FakeSsoLifetimes m_lifetimes;
    QHash<QString, Client> m_clients;
    QHash<QString, Device> m_devices;  // by device code
    QHash<QString, Grant> m_codes;     // authorization codes not yet used
    QList<Session> m_sessions;
    int m_slowDowns = 0;
    bool m_authorizeDenied = false;
};

}  // namespace jobdesk::fake
