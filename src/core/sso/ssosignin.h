#pragma once

// One sign-in to IAM Identity Center, start to end: registers the client (or reuses a
// registration that is still valid), then either the authorization-code flow with PKCE
// and a loopback redirect, or the device-code flow polled at the service's interval; or
// renews a sign-in with its refresh token. Reports what to show the person, then one
// result. Cancellable at any point.

#include "core/error.h"
#include "core/sso/ssooidcclient.h"
#include "core/sso/ssotokencache.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace jobdesk::sso {

class SsoLoopbackReceiver;

class SsoSignIn : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        QString startUrl;     // sso_start_url
        QString region;       // sso_region
        QString sessionName;  // the sso-session's name; empty: a legacy profile
        QStringList scopes;   // sso_registration_scopes; a refresh token comes only with scopes
        QString clientName = QStringLiteral("jobdesk");
        int authorizationTimeoutSeconds = 600;  // how long the browser may take in the code flow
    };

    // Added to the polling interval on each slow_down (RFC 8628, section 3.5).
    static constexpr int slowDownStepSeconds = 5;

    // client must outlive the sign-in.
    explicit SsoSignIn(SsoOidcClient *client, QObject *parent = nullptr);
    ~SsoSignIn() override;

    // A registration kept from before; used while valid and fit for the flow.
    void setRegistration(const ClientRegistration &registration) { m_registration = registration; }
    ClientRegistration registration() const { return m_registration; }

    // Each returns false (and does nothing) while a sign-in is running.
    bool startAuthorizationCode(const Settings &settings);
    bool startDeviceAuthorization(const Settings &settings);
    // token must carry its registration and refresh token (SsoCachedToken::canRefresh).
    bool refresh(const Settings &settings, const SsoCachedToken &token);
    void cancel();
    bool isRunning() const { return m_running; }

    // The PKCE pair: a random verifier and its S256 challenge (RFC 7636).
    static QString codeChallenge(const Secret &verifier);
    static Secret makeCodeVerifier();

Q_SIGNALS:
    // The authorization-code flow: the page to open in a browser.
    void browserUrlReady(const QUrl &url);
    // The device flow: the code the person confirms, and where.
    void deviceCodeReady(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete);
    // Emitted before each CreateToken poll of the device flow, with the interval in force.
    void polling(int intervalSeconds);
    // The registration and token, ready for the keychain or the AWS CLI's cache.
    void signedIn(const jobdesk::sso::SsoCachedToken &token);
    void failed(const jobdesk::Error &error);

private:
    void withRegistration(bool authorizationCode, std::function<void()> next);
    void beginAuthorizationCode();
    void beginDeviceAuthorization();
    void poll();
    void exchangeCode(const Secret &code);
    void succeed(const SsoToken &token);
    void fail(const Error &error);
    void stop();
    QDateTime now() const;

    SsoOidcClient *m_client;
    Settings m_settings;
    ClientRegistration m_registration;
    bool m_running = false;
    QPointer<SsoRequest> m_request;
    QPointer<SsoLoopbackReceiver> m_receiver;
    Secret m_verifier;
    QString m_redirectUri;
    Secret m_deviceCode;
    int m_intervalSeconds = 5;
    qint64 m_deviceLifetimeMs = 0;
    QElapsedTimer m_deviceClock;  // since StartDeviceAuthorization answered
    QTimer m_pollTimer;
    QTimer m_deadline;  // the code flow's wait for the browser
};

}  // namespace jobdesk::sso
