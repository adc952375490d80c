// SsoOidcClient: the calls against the fake OIDC service, the answers it refuses to
// read, and the service's error shapes turned into Errors.

#include "core/sso/ssooidcclient.h"
#include "support/asyncwait.h"
#include "support/ssotestbed.h"

#include <QJsonDocument>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::sso;
using namespace jobdesk::test;

class TestSsoOidcClient : public SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void registerAndStart();
    void invalidClient();
    void pendingThenToken();
    void wrongGrants_data();
    void wrongGrants();
    void parseRefuses_data();
    void parseRefuses();
    void serviceError_data();
    void serviceError();
    void unreachable();
    void cancelled();

private:
    Result<ClientRegistration> registerClient(const RegisterClientParams &params);
    Result<SsoToken> token(const ClientRegistration &client, const TokenGrant &grant);
};

Result<ClientRegistration> TestSsoOidcClient::registerClient(const RegisterClientParams &params)
{
    auto answer =
        waitFor<Result<ClientRegistration>>([&](auto done) { m_oidc->registerClient(params, this, done); }, 20000);
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

Result<SsoToken> TestSsoOidcClient::token(const ClientRegistration &client, const TokenGrant &grant)
{
    auto answer = waitFor<Result<SsoToken>>([&](auto done) { m_oidc->createToken(client, grant, this, done); }, 20000);
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

void TestSsoOidcClient::registerAndStart()
{
    const auto client = registerClient({QStringLiteral("jobdesk"), {QStringLiteral("sso:account:access")}, {}, {}, {}});
    QVERIFY(client.ok());
    QVERIFY(!client.value().clientId.isEmpty());
    QVERIFY(client.value().expiresAt > QDateTime::currentDateTimeUtc().addDays(80));
    QVERIFY(client.value().isValid(QDateTime::currentDateTimeUtc()));
    auto device = waitFor<Result<DeviceAuthorization>>(
        [&](auto done) { m_oidc->startDeviceAuthorization(client.value(), ssofix::StartUrl, this, done); }, 20000);
    QVERIFY(device && device->ok());
    QCOMPARE(device->value().intervalSeconds, 1);
    QVERIFY(device->value().userCode.contains(QLatin1Char('-')));
    QVERIFY(device->value().expiresAt > QDateTime::currentDateTimeUtc().addSecs(500));
    // The body is the service's JSON, sent unsigned.
    QVERIFY(m_fake->lastRequestHeader("authorization").isEmpty());
    const QJsonObject sent = QJsonDocument::fromJson(m_fake->lastRequestBody()).object();
    QCOMPARE(sent.value(QStringLiteral("startUrl")).toString(), ssofix::StartUrl);
    QCOMPARE(sent.value(QStringLiteral("clientSecret")).toString(), client.value().clientSecret.revealText());
}

void TestSsoOidcClient::invalidClient()
{
    ClientRegistration stranger;
    stranger.clientId = QStringLiteral("nobody");
    stranger.clientSecret = Secret(QStringLiteral("nothing"));
    auto device = waitFor<Result<DeviceAuthorization>>(
        [&](auto done) { m_oidc->startDeviceAuthorization(stranger, ssofix::StartUrl, this, done); }, 20000);
    QVERIFY(device && !device->ok());
    QCOMPARE(device->error().code, QStringLiteral("InvalidClientException"));
    QCOMPARE(device->error().httpStatus, 401);
    QVERIFY(device->error().hint.contains(QStringLiteral("register")));
}

void TestSsoOidcClient::pendingThenToken()
{
    const auto client = registerClient({QStringLiteral("jobdesk"), {}, {}, {}, {}});
    QVERIFY(client.ok());
    QString userCode;
    connect(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted, this,
            [&](const QString &code) { userCode = code; });
    auto device = waitFor<Result<DeviceAuthorization>>(
        [&](auto done) { m_oidc->startDeviceAuthorization(client.value(), ssofix::StartUrl, this, done); }, 20000);
    QVERIFY(device && device->ok());
    QCOMPARE(userCode, device->value().userCode);
    TokenGrant grant;
    grant.deviceCode = device->value().deviceCode;
    const auto pending = token(client.value(), grant);
    QVERIFY(!pending.ok());
    QCOMPARE(pending.error().code, QStringLiteral("AuthorizationPendingException"));
    QCOMPARE(pending.error().httpStatus, 400);
    QVERIFY(m_fake->approveSsoUserCode(userCode));
    const auto issued = token(client.value(), grant);
    QVERIFY(issued.ok());
    // Registered without scopes: no refresh token, as the service does.
    QVERIFY(issued.value().refreshToken.isEmpty());
    // A device code works once.
    const auto again = token(client.value(), grant);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("InvalidGrantException"));
}

void TestSsoOidcClient::wrongGrants_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown device code") << int(TokenGrant::Type::DeviceCode)
                                         << QStringLiteral("InvalidGrantException");
    QTest::newRow("unknown authorization code")
        << int(TokenGrant::Type::AuthorizationCode) << QStringLiteral("InvalidGrantException");
    QTest::newRow("unknown refresh token")
        << int(TokenGrant::Type::RefreshToken) << QStringLiteral("InvalidGrantException");
}

void TestSsoOidcClient::wrongGrants()
{
    QFETCH(int, type);
    QFETCH(QString, code);
    const auto client = registerClient({QStringLiteral("jobdesk"), {QStringLiteral("sso:account:access")}, {}, {}, {}});
    QVERIFY(client.ok());
    TokenGrant grant;
    grant.type = TokenGrant::Type(type);
    grant.deviceCode = Secret(QStringLiteral("made-up"));
    grant.code = Secret(QStringLiteral("made-up"));
    grant.refreshToken = Secret(QStringLiteral("made-up"));
    grant.codeVerifier = Secret(QStringLiteral("made-up"));
    const auto answer = token(client.value(), grant);
    QVERIFY(!answer.ok());
    QCOMPARE(answer.error().code, code);
    QVERIFY(!answer.error().message.isEmpty());
}

void TestSsoOidcClient::parseRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("no expiry") << QByteArray(R"({"accessToken":"a"})");
    QTest::newRow("zero expiry") << QByteArray(R"({"accessToken":"a","expiresIn":0})");
    QTest::newRow("number token") << QByteArray(R"({"accessToken":7,"expiresIn":10})");
}

void TestSsoOidcClient::parseRefuses()
{
    QFETCH(QByteArray, json);
    const auto parsed =
        SsoOidcClient::parseToken(QJsonDocument::fromJson(json).object(), QDateTime::currentDateTimeUtc());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::Protocol);
    QVERIFY(!SsoOidcClient::parseRegistration(QJsonDocument::fromJson(json).object()).ok());
    QVERIFY(!SsoOidcClient::parseDeviceAuthorization(QJsonDocument::fromJson(json).object(),
                                                     QDateTime::currentDateTimeUtc())
                 .ok());
}

void TestSsoOidcClient::serviceError_data()
{
    QTest::addColumn<QByteArray>("errorType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("oidc") << QByteArray("SlowDownException") << QByteArray(R"({"error":"slow_down"})")
                          << QStringLiteral("SlowDownException") << QStringLiteral("slow_down");
    QTest::newRow("with namespace") << QByteArray("InvalidGrantException:http://internal.amazon.com/coral/x/")
                                    << QByteArray(R"({"error":"invalid_grant","error_description":"Bad"})")
                                    << QStringLiteral("InvalidGrantException") << QStringLiteral("Bad");
    QTest::newRow("portal") << QByteArray("UnauthorizedException") << QByteArray(R"({"message":"Session"})")
                            << QStringLiteral("UnauthorizedException") << QStringLiteral("Session");
    QTest::newRow("no header") << QByteArray() << QByteArray(R"({"error":"access_denied"})")
                               << QStringLiteral("access_denied") << QStringLiteral("access_denied");
    QTest::newRow("html") << QByteArray() << QByteArray("<html>502</html>") << QStringLiteral("502")
                          << QStringLiteral("CreateToken failed with HTTP status 502.");
}

void TestSsoOidcClient::serviceError()
{
    QFETCH(QByteArray, errorType);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Error error = SsoRequest::serviceError(QStringLiteral("CreateToken"),
                                                 errorType.isEmpty() && !body.startsWith('{') ? 502 : 400, errorType,
                                                 body, QStringLiteral("rid"));
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
    QCOMPARE(error.requestId, QStringLiteral("rid"));
    QCOMPARE(error.kind, Error::Kind::Service);
}

void TestSsoOidcClient::unreachable()
{
    const quint16 port = m_fake->port();
    m_fake->close();
    SsoEndpoint endpoint = m_oidc->currentEndpoint();
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    m_oidc->setEndpoint(endpoint);
    const auto client = registerClient({QStringLiteral("jobdesk"), {}, {}, {}, {}});
    QVERIFY(!client.ok());
    QCOMPARE(client.error().kind, Error::Kind::Network);
}

void TestSsoOidcClient::cancelled()
{
    bool called = false;
    Result<ClientRegistration> result = Error();
    SsoRequest *request =
        m_oidc->registerClient({QStringLiteral("jobdesk"), {}, {}, {}, {}}, this, [&](Result<ClientRegistration> r) {
            called = true;
            result = std::move(r);
        });
    request->cancel();
    QTRY_VERIFY(called);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(TestSsoOidcClient)
#include "tst_ssooidcclient.moc"
