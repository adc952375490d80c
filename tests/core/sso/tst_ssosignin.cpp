// SsoSignIn against the fake OIDC service: the device flow (approved, pending, slow_down,
// denied, expired, cancelled), the authorization-code flow with PKCE through the
// loopback redirect (a wrong state refused), and refresh (a revoked session refused).

#include "core/sso/ssosignin.h"
#include "support/ssotestbed.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace jobdesk;
using namespace jobdesk::sso;
using namespace jobdesk::test;

namespace {

// The browser: opens the page and tells where the authorize page sends it.
QUrl followAuthorize(QNetworkAccessManager *network, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network->get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return {};
    reply->deleteLater();
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 302)
        return {};
    return QUrl::fromEncoded(reply->rawHeader("Location"));
}

// The browser arriving at the loopback listener; returns the page's status.
int visit(QNetworkAccessManager *network, const QUrl &url)
{
    QNetworkReply *reply = network->get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

}  // namespace

class TestSsoSignIn : public SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void device_approved_data();
    void device_approved();
    void device_slowDown();
    void device_denied();
    void device_expires();
    void device_cancel();
    void device_registrationReused();
    void pkce_signsIn();
    void pkce_wrongStateRefused();
    void pkce_deniedInBrowser();
    void pkce_challenge();
    void refresh_renews();
    void refresh_revoked();
    void refresh_withoutRefreshToken();
    void busy();
};

void TestSsoSignIn::device_approved_data()
{
    QTest::addColumn<bool>("withSession");
    QTest::newRow("sso-session") << true;
    QTest::newRow("legacy") << false;
}

void TestSsoSignIn::device_approved()
{
    QFETCH(bool, withSession);
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy code(&signIn, &SsoSignIn::deviceCodeReady);
    QSignalSpy polls(&signIn, &SsoSignIn::polling);
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QSignalSpy pending(m_fake.get(), &fake::FakeCodePipeline::requestAnswered);
    QVERIFY(signIn.startDeviceAuthorization(settings(withSession)));
    QVERIFY(code.wait(10000));
    const QString userCode = code.first().at(0).toString();
    QVERIFY(code.first().at(2).toUrl().toString().endsWith(userCode));
    // Polled while the person has not approved yet: authorization_pending, and polling goes on.
    QTRY_VERIFY_WITH_TIMEOUT(polls.size() >= 2, 10000);
    QVERIFY(done.isEmpty());
    QVERIFY(std::any_of(pending.cbegin(), pending.cend(), [](const QList<QVariant> &a) {
        return a.at(2).toString() == QLatin1String("AuthorizationPendingException");
    }));
    QVERIFY(m_fake->approveSsoUserCode(userCode));
    QVERIFY(done.wait(10000));
    QVERIFY(failed.isEmpty());
    const auto token = done.first().first().value<SsoCachedToken>();
    QVERIFY(token.accessToken.reveal().startsWith("aoa"));
    QCOMPARE(token.startUrl, ssofix::StartUrl);
    QCOMPARE(token.region, ssofix::Region);
    QVERIFY(token.expiresAt > QDateTime::currentDateTimeUtc().addSecs(28000));
    // With scopes (an sso-session) the service gives a refresh token, and the registration goes beside it.
    QCOMPARE(token.refreshToken.isEmpty(), !withSession);
    QCOMPARE(token.clientId.isEmpty(), !withSession);
    QCOMPARE(token.canRefresh(QDateTime::currentDateTimeUtc()), withSession);
    QCOMPARE(m_fake->operationCount(QStringLiteral("RegisterClient")), 1);
    QVERIFY(!signIn.isRunning());
}

void TestSsoSignIn::device_slowDown()
{
    approveAutomatically();
    m_fake->slowDownNextSsoTokenPolls(1);
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy polls(&signIn, &SsoSignIn::polling);
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(done.wait(30000));
    // The first poll got slow_down; the next came five seconds later than the interval.
    QCOMPARE(polls.size(), 2);
    QCOMPARE(polls.at(0).first().toInt(), 1);
    QCOMPARE(polls.at(1).first().toInt(), 1 + SsoSignIn::slowDownStepSeconds);
    QVERIFY(timer.elapsed() >= 6000);
}

void TestSsoSignIn::device_denied()
{
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy code(&signIn, &SsoSignIn::deviceCodeReady);
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(code.wait(10000));
    QVERIFY(m_fake->denySsoUserCode(code.first().first().toString()));
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("AccessDeniedException"));
    QCOMPARE(error.kind, Error::Kind::Service);
    QVERIFY(!error.hint.isEmpty());
}

void TestSsoSignIn::device_expires()
{
    fake::FakeSsoLifetimes lifetimes = m_fake->ssoLifetimes();
    lifetimes.deviceCode = 2;
    m_fake->setSsoLifetimes(lifetimes);
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QSignalSpy polls(&signIn, &SsoSignIn::polling);
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(failed.wait(15000));
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("ExpiredTokenException"));
    QVERIFY(polls.size() <= 2);
    QVERIFY(!signIn.isRunning());
}

void TestSsoSignIn::device_cancel()
{
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy code(&signIn, &SsoSignIn::deviceCodeReady);
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(code.wait(10000));
    signIn.cancel();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Cancelled);
    // Approving now changes nothing: no poll goes out any more.
    const int tokenCalls = m_fake->operationCount(QStringLiteral("CreateToken"));
    QVERIFY(m_fake->approveSsoUserCode(code.first().first().toString()));
    QTest::qWait(2500);
    QCOMPARE(m_fake->operationCount(QStringLiteral("CreateToken")), tokenCalls);
    QVERIFY(done.isEmpty());
    QCOMPARE(failed.size(), 1);
}

void TestSsoSignIn::device_registrationReused()
{
    approveAutomatically();
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(done.wait(20000));
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(done.wait(20000));
    QCOMPARE(m_fake->operationCount(QStringLiteral("RegisterClient")), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("StartDeviceAuthorization")), 2);
}

void TestSsoSignIn::pkce_signsIn()
{
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy url(&signIn, &SsoSignIn::browserUrlReady);
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QVERIFY(signIn.startAuthorizationCode(settings()));
    QVERIFY(url.wait(10000));
    const QUrl page = url.first().first().toUrl();
    const QUrlQuery query(page);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QVERIFY(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)
                .startsWith(QStringLiteral("http://127.0.0.1:")));
    const QUrl back = followAuthorize(m_network.get(), page);
    QVERIFY(back.isValid());
    QCOMPARE(visit(m_network.get(), back), 200);
    QVERIFY(done.wait(10000));
    QVERIFY(failed.isEmpty());
    const auto token = done.first().first().value<SsoCachedToken>();
    QVERIFY(token.accessToken.reveal().startsWith("aoa"));
    QVERIFY(!token.refreshToken.isEmpty());
    QVERIFY(signIn.registration().grantTypes.contains(QStringLiteral("authorization_code")));
}

void TestSsoSignIn::pkce_wrongStateRefused()
{
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy url(&signIn, &SsoSignIn::browserUrlReady);
    QSignalSpy done(&signIn, &SsoSignIn::signedIn);
    QVERIFY(signIn.startAuthorizationCode(settings()));
    QVERIFY(url.wait(10000));
    QUrl back = followAuthorize(m_network.get(), url.first().first().toUrl());
    QVERIFY(back.isValid());
    QUrlQuery forged(back);
    const QString state = forged.queryItemValue(QStringLiteral("state"));
    forged.removeQueryItem(QStringLiteral("state"));
    forged.addQueryItem(QStringLiteral("state"), state + QStringLiteral("x"));
    QUrl wrong = back;
    wrong.setQuery(forged);
    QCOMPARE(visit(m_network.get(), wrong), 400);
    QUrl noState = back;
    QUrlQuery without(back);
    without.removeQueryItem(QStringLiteral("state"));
    noState.setQuery(without);
    QCOMPARE(visit(m_network.get(), noState), 400);
    QTest::qWait(200);
    QVERIFY(done.isEmpty());
    QCOMPARE(m_fake->operationCount(QStringLiteral("CreateToken")), 0);
    // The real answer still gets through afterwards.
    QCOMPARE(visit(m_network.get(), back), 200);
    QVERIFY(done.wait(10000));
}

void TestSsoSignIn::pkce_deniedInBrowser()
{
    m_fake->setSsoAuthorizeDenied(true);
    SsoSignIn signIn(m_oidc.get());
    QSignalSpy url(&signIn, &SsoSignIn::browserUrlReady);
    QSignalSpy failed(&signIn, &SsoSignIn::failed);
    QVERIFY(signIn.startAuthorizationCode(settings()));
    QVERIFY(url.wait(10000));
    const QUrl back = followAuthorize(m_network.get(), url.first().first().toUrl());
    QVERIFY(back.isValid());
    QCOMPARE(visit(m_network.get(), back), 200);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QCOMPARE(failed.first().first().value<Error>().code, QStringLiteral("AccessDeniedException"));
}

void TestSsoSignIn::pkce_challenge()
{
    // RFC 7636, appendix B.
    QCOMPARE(SsoSignIn::codeChallenge(Secret(QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const Secret a = SsoSignIn::makeCodeVerifier();
    const Secret b = SsoSignIn::makeCodeVerifier();
    QVERIFY(a.size() >= 43 && a.size() <= 128);
    QVERIFY(!(a == b));
}

void TestSsoSignIn::refresh_renews()
{
    const auto first = signIn();
    QVERIFY(first);
    SsoSignIn renew(m_oidc.get());
    QSignalSpy done(&renew, &SsoSignIn::signedIn);
    QSignalSpy failed(&renew, &SsoSignIn::failed);
    QVERIFY(renew.refresh(settings(), *first));
    QVERIFY(done.wait(10000));
    QVERIFY(failed.isEmpty());
    const auto second = done.first().first().value<SsoCachedToken>();
    QVERIFY(!(second.accessToken == first->accessToken));
    QCOMPARE(second.clientId, first->clientId);
    QCOMPARE(m_fake->operationCount(QStringLiteral("RegisterClient")), 1);
    // The old refresh token is used up.
    SsoSignIn again(m_oidc.get());
    QSignalSpy againFailed(&again, &SsoSignIn::failed);
    QVERIFY(again.refresh(settings(), *first));
    QVERIFY(againFailed.wait(10000));
    QCOMPARE(againFailed.first().first().value<Error>().code, QStringLiteral("InvalidGrantException"));
}

void TestSsoSignIn::refresh_revoked()
{
    const auto token = signIn();
    QVERIFY(token);
    QVERIFY(m_fake->revokeSsoToken(token->accessToken));
    SsoSignIn renew(m_oidc.get());
    QSignalSpy failed(&renew, &SsoSignIn::failed);
    QVERIFY(renew.refresh(settings(), *token));
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("InvalidGrantException"));
    QCOMPARE(error.httpStatus, 400);
    QVERIFY(!error.hint.isEmpty());
    QVERIFY(!error.message.contains(token->refreshToken.revealText()));
}

void TestSsoSignIn::refresh_withoutRefreshToken()
{
    const auto token = signIn(false);
    QVERIFY(token);
    SsoSignIn renew(m_oidc.get());
    QSignalSpy failed(&renew, &SsoSignIn::failed);
    QVERIFY(renew.refresh(settings(false), *token));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().value<Error>().code, QStringLiteral("SsoRefreshUnavailable"));
}

void TestSsoSignIn::busy()
{
    SsoSignIn signIn(m_oidc.get());
    QVERIFY(signIn.startDeviceAuthorization(settings()));
    QVERIFY(!signIn.startDeviceAuthorization(settings()));
    QVERIFY(!signIn.startAuthorizationCode(settings()));
    signIn.cancel();
    QVERIFY(!signIn.isRunning());
}

QTEST_GUILESS_MAIN(TestSsoSignIn)
#include "tst_ssosignin.moc"
