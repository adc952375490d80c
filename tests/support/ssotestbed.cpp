#include "support/ssotestbed.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace jobdesk::test {

void SsoTestBed::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void SsoTestBed::init()
{
    m_fake = std::make_unique<fake::FakeCodePipeline>();
    fake::FakeSsoLifetimes lifetimes;
    lifetimes.pollInterval = 1;  // the service's shortest, so the polling tests stay short
    m_fake->setSsoLifetimes(lifetimes);
    m_fake->addSsoAccount({ssofix::SupportAccount,
                           QStringLiteral("Support"),
                           QStringLiteral("support@example.com"),
                           {QStringLiteral("ReadOnly"), QStringLiteral("PartnerSupport")}});
    m_fake->addSsoAccount({ssofix::PartnerAccount,
                           QStringLiteral("Partner CI"),
                           QStringLiteral("ci@example.com"),
                           {QStringLiteral("JobWorker")}});
    QVERIFY2(m_fake->listen(), qPrintable(m_fake->errorString()));
    m_network = std::make_unique<QNetworkAccessManager>();
    m_oidc = std::make_unique<jobdesk::sso::SsoOidcClient>(m_network.get());
    m_portal = std::make_unique<jobdesk::sso::SsoPortalClient>(m_network.get());
    auto oidcEndpoint = jobdesk::sso::SsoOidcClient::endpoint(ssofix::Region, environment());
    auto portalEndpoint = jobdesk::sso::SsoPortalClient::endpoint(ssofix::Region, environment());
    QVERIFY(oidcEndpoint.ok() && portalEndpoint.ok());
    m_oidc->setEndpoint(oidcEndpoint.value());
    m_portal->setEndpoint(portalEndpoint.value());
}

void SsoTestBed::cleanup()
{
    m_portal.reset();
    m_oidc.reset();
    m_network.reset();
    m_fake.reset();
}

QProcessEnvironment SsoTestBed::environment() const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), m_fake->url().toString());
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), m_fake->url().toString());
    return env;
}

jobdesk::sso::SsoSignIn::Settings SsoTestBed::settings(bool withSession) const
{
    jobdesk::sso::SsoSignIn::Settings s;
    s.startUrl = ssofix::StartUrl;
    s.region = ssofix::Region;
    if (withSession) {
        s.sessionName = ssofix::SessionName;
        s.scopes = {QStringLiteral("sso:account:access")};
    }
    return s;
}

void SsoTestBed::approveAutomatically()
{
    connect(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted, m_fake.get(),
            [this](const QString &userCode) {
                // Approved after the answer went out, as a person would.
                QTimer::singleShot(0, m_fake.get(), [this, userCode] { m_fake->approveSsoUserCode(userCode); });
            });
}

std::optional<jobdesk::sso::SsoCachedToken> SsoTestBed::signIn(bool withSession)
{
    approveAutomatically();
    jobdesk::sso::SsoSignIn signIn(m_oidc.get());
    QSignalSpy done(&signIn, &jobdesk::sso::SsoSignIn::signedIn);
    QSignalSpy failed(&signIn, &jobdesk::sso::SsoSignIn::failed);
    signIn.startDeviceAuthorization(settings(withSession));
    if (!done.wait(20000) || !failed.isEmpty())
        return std::nullopt;
    return done.first().first().value<jobdesk::sso::SsoCachedToken>();
}

}  // namespace jobdesk::test
