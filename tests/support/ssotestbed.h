#pragma once

// The set-up the SSO tests share: a fake endpoint with two accounts and their roles,
// listening on loopback, and the OIDC and portal clients pointed at it the way the AWS
// SDKs are (AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO naming its one port).

#include "core/sso/ssooidcclient.h"
#include "core/sso/ssoportalclient.h"
#include "core/sso/ssosignin.h"
#include "fake/fakecodepipeline.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QProcessEnvironment>

#include <memory>

namespace jobdesk::test {

namespace ssofix {
inline const QString StartUrl = QStringLiteral("https://d-1234567890.awsapps.com/start");
inline const QString Region = QStringLiteral("us-east-1");
inline const QString SessionName = QStringLiteral("support-desk");
inline const QString SupportAccount = QStringLiteral("111122223333");
inline const QString PartnerAccount = QStringLiteral("444455556666");
}  // namespace ssofix

// A test class derives from it: each case starts with a fresh fake and clients, in
// QStandardPaths' test mode.
class SsoTestBed : public QObject
{
    Q_OBJECT

protected Q_SLOTS:  // run by name; a test class may call them from its own
    void initTestCase();
    void init();
    void cleanup();

public:
    // The environment a client (or botocore) reaches the fake with.
    QProcessEnvironment environment() const;
    jobdesk::sso::SsoSignIn::Settings settings(bool withSession = true) const;
    // A whole device sign-in, approved at once; fails the test (returns empty) if it does not succeed.
    std::optional<jobdesk::sso::SsoCachedToken> signIn(bool withSession = true);
    // Approves every user code the fake hands out from now on.
    void approveAutomatically();

protected:
    std::unique_ptr<fake::FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<jobdesk::sso::SsoOidcClient> m_oidc;
    std::unique_ptr<jobdesk::sso::SsoPortalClient> m_portal;
};

}  // namespace jobdesk::test
