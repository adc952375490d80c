// SsoPortalClient against the fake portal: accounts and roles over several pages, role
// keys that the fake CodePipeline then accepts as real SigV4 keys, and the answers to a
// revoked, logged-out or missing token.

#include "core/aws/awsclient.h"
#include "core/sso/ssoportalclient.h"
#include "support/asyncwait.h"
#include "support/ssotestbed.h"

#include <QSignalSpy>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::sso;
using namespace jobdesk::test;

class TestSsoPortalClient : public SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void endpoint_data();
    void endpoint();
    void listAccounts_data();
    void listAccounts();
    void listAccountRoles();
    void listAccountRoles_unknownAccount();
    void roleCredentials_acceptedByCodePipeline();
    void roleCredentials_forbiddenRole();
    void unauthorized_data();
    void unauthorized();
    void logout();
    void listingCancelled();

private:
    Result<QList<SsoAccount>> accounts(const Secret &token);
    Result<aws::Credentials> credentials(const Secret &token, const QString &account, const QString &role);
};

Result<QList<SsoAccount>> TestSsoPortalClient::accounts(const Secret &token)
{
    auto answer =
        waitFor<Result<QList<SsoAccount>>>([&](auto done) { m_portal->listAccounts(token, this, done); }, 20000);
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

Result<aws::Credentials> TestSsoPortalClient::credentials(const Secret &token, const QString &account,
                                                          const QString &role)
{
    auto answer = waitFor<Result<aws::Credentials>>(
        [&](auto done) { m_portal->getRoleCredentials(token, account, role, this, done); }, 20000);
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

void TestSsoPortalClient::endpoint_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("sso");
    QTest::addColumn<QString>("global");
    QTest::addColumn<QString>("portal");
    QTest::addColumn<QString>("oidc");
    QTest::newRow("public") << QStringLiteral("eu-west-1") << QString() << QString()
                            << QStringLiteral("https://portal.sso.eu-west-1.amazonaws.com")
                            << QStringLiteral("https://oidc.eu-west-1.amazonaws.com");
    QTest::newRow("china") << QStringLiteral("cn-north-1") << QString() << QString()
                           << QStringLiteral("https://portal.sso.cn-north-1.amazonaws.com.cn")
                           << QStringLiteral("https://oidc.cn-north-1.amazonaws.com.cn");
    QTest::newRow("service override") << QStringLiteral("us-east-1") << QStringLiteral("http://127.0.0.1:9")
                                      << QString() << QStringLiteral("http://127.0.0.1:9")
                                      << QStringLiteral("http://127.0.0.1:9");
    QTest::newRow("global override") << QStringLiteral("us-east-1") << QString() << QStringLiteral("http://localhost:8")
                                     << QStringLiteral("http://localhost:8") << QStringLiteral("http://localhost:8");
    QTest::newRow("service wins") << QStringLiteral("us-east-1") << QStringLiteral("http://127.0.0.1:9")
                                  << QStringLiteral("http://localhost:8") << QStringLiteral("http://127.0.0.1:9")
                                  << QStringLiteral("http://127.0.0.1:9");
}

void TestSsoPortalClient::endpoint()
{
    QFETCH(QString, region);
    QFETCH(QString, sso);
    QFETCH(QString, global);
    QFETCH(QString, portal);
    QFETCH(QString, oidc);
    QProcessEnvironment env;
    if (!sso.isEmpty()) {
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), sso);
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), sso);
    }
    if (!global.isEmpty())
        env.insert(QStringLiteral("AWS_ENDPOINT_URL"), global);
    const auto p = SsoPortalClient::endpoint(region, env);
    const auto o = SsoOidcClient::endpoint(region, env);
    QVERIFY(p.ok() && o.ok());
    QCOMPARE(p.value().url.toString(QUrl::StripTrailingSlash), portal);
    QCOMPARE(o.value().url.toString(QUrl::StripTrailingSlash), oidc);
    QCOMPARE(p.value().region, region);
    QVERIFY(!SsoPortalClient::endpoint(QStringLiteral("not a region"), env).ok());
    QProcessEnvironment bad;
    bad.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), QStringLiteral("ftp://x"));
    QVERIFY(!SsoPortalClient::endpoint(region, bad).ok());
}

void TestSsoPortalClient::listAccounts_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("extraAccounts");
    QTest::newRow("one page") << 0 << 0;
    QTest::newRow("a page each") << 1 << 0;
    QTest::newRow("many pages") << 2 << 9;
}

void TestSsoPortalClient::listAccounts()
{
    QFETCH(int, pageSize);
    QFETCH(int, extraAccounts);
    for (int i = 0; i < extraAccounts; ++i)
        m_fake->addSsoAccount({QStringLiteral("9999000000%1").arg(i, 2, 10, QLatin1Char('0')),
                               QStringLiteral("Extra %1").arg(i),
                               QString(),
                               {QStringLiteral("ReadOnly")}});
    const auto token = signIn();
    QVERIFY(token);
    m_portal->setPageSize(pageSize);
    m_fake->resetCounters();
    const auto list = accounts(token->accessToken);
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().summary()));
    QCOMPARE(list.value().size(), 2 + extraAccounts);
    QCOMPARE(list.value().at(0).accountId, ssofix::SupportAccount);
    QCOMPARE(list.value().at(0).accountName, QStringLiteral("Support"));
    QCOMPARE(list.value().at(1).emailAddress, QStringLiteral("ci@example.com"));
    const int total = 2 + extraAccounts;
    const int pages = pageSize == 0 ? 1 : (total + pageSize - 1) / pageSize;
    QCOMPARE(m_fake->operationCount(QStringLiteral("ListAccounts")), pages);
    // Unsigned: the token travels in its own header, never as an Authorization.
    QVERIFY(m_fake->lastRequestHeader("authorization").isEmpty());
    QCOMPARE(m_fake->lastRequestHeader("x-amz-sso_bearer_token"), token->accessToken.reveal());
}

void TestSsoPortalClient::listAccountRoles()
{
    const auto token = signIn();
    QVERIFY(token);
    m_portal->setPageSize(1);
    auto roles = waitFor<Result<QList<SsoRole>>>(
        [&](auto done) { m_portal->listAccountRoles(token->accessToken, ssofix::SupportAccount, this, done); }, 20000);
    QVERIFY(roles && roles->ok());
    QCOMPARE(roles->value().size(), 2);
    QCOMPARE(roles->value().at(0).roleName, QStringLiteral("ReadOnly"));
    QCOMPARE(roles->value().at(1).roleName, QStringLiteral("PartnerSupport"));
    QCOMPARE(roles->value().at(1).accountId, ssofix::SupportAccount);
}

void TestSsoPortalClient::listAccountRoles_unknownAccount()
{
    const auto token = signIn();
    QVERIFY(token);
    auto roles = waitFor<Result<QList<SsoRole>>>(
        [&](auto done) { m_portal->listAccountRoles(token->accessToken, QStringLiteral("000000000000"), this, done); },
        20000);
    QVERIFY(roles && !roles->ok());
    QCOMPARE(roles->error().code, QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(roles->error().httpStatus, 404);
}

void TestSsoPortalClient::roleCredentials_acceptedByCodePipeline()
{
    const auto token = signIn();
    QVERIFY(token);
    const auto keys = credentials(token->accessToken, ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY2(keys.ok(), qPrintable(keys.ok() ? QString() : keys.error().summary()));
    QVERIFY(keys.value().accessKeyId.startsWith(QStringLiteral("ASIA")));
    QVERIFY(!keys.value().sessionToken.isEmpty());
    QVERIFY(keys.value().expiration > QDateTime::currentDateTimeUtc().addSecs(3500));

    // The keys sign a real CodePipeline request, which the fake verifies.
    m_fake->addActionType(
        {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"), QStringLiteral("1")});
    aws::AwsClient client(m_network.get());
    aws::ClientConfig config;
    config.endpoint = aws::Endpoint{m_fake->url(), QStringLiteral("us-east-1"), true};
    config.credentials = keys.value();
    config.retry.maxAttempts = 1;
    const auto send = [&](const aws::ClientConfig &c) {
        aws::AwsCall *call = client.post(c, "CodePipeline_20150709.PollForThirdPartyJobs", "application/x-amz-json-1.1",
                                         R"({"actionTypeId":{"category":"Build","owner":"ThirdParty",)"
                                         R"("provider":"AcmeCI","version":"1"}})");
        QSignalSpy done(call, &aws::AwsCall::finished);
        done.wait(20000);
        return call->result();
    };
    const auto good = send(config);
    QVERIFY2(good.ok(), qPrintable(good.ok() ? QString() : good.error().summary()));
    // The same key with another secret is refused: the signature really is checked.
    aws::ClientConfig forged = config;
    forged.credentials.secretAccessKey = Secret(QStringLiteral("not-the-secret-at-all-0000000000000000000"));
    const auto bad = send(forged);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("InvalidSignatureException"));
}

void TestSsoPortalClient::roleCredentials_forbiddenRole()
{
    const auto token = signIn();
    QVERIFY(token);
    const auto keys = credentials(token->accessToken, ssofix::PartnerAccount, QStringLiteral("ReadOnly"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, QStringLiteral("ForbiddenException"));
    QVERIFY(keys.error().hint.contains(QStringLiteral("sso_role_name")));
}

void TestSsoPortalClient::unauthorized_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("revoked") << QStringLiteral("revoked");
    QTest::newRow("made up") << QStringLiteral("made up");
    QTest::newRow("expired") << QStringLiteral("expired");
}

void TestSsoPortalClient::unauthorized()
{
    QFETCH(QString, how);
    if (how == QLatin1String("expired")) {
        fake::FakeSsoLifetimes lifetimes = m_fake->ssoLifetimes();
        lifetimes.accessToken = 1;
        m_fake->setSsoLifetimes(lifetimes);
    }
    const auto token = signIn();
    QVERIFY(token);
    Secret use = token->accessToken;
    if (how == QLatin1String("revoked"))
        QVERIFY(m_fake->revokeSsoToken(token->accessToken));
    else if (how == QLatin1String("made up"))
        use = Secret(QStringLiteral("aoaAAAAAGmadeup"));
    else
        QTest::qWait(1500);
    const auto keys = credentials(use, ssofix::SupportAccount, QStringLiteral("ReadOnly"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, QStringLiteral("UnauthorizedException"));
    QCOMPARE(keys.error().httpStatus, 401);
    QVERIFY(keys.error().hint.contains(QStringLiteral("Sign in again")));
    QVERIFY(!keys.error().message.contains(use.revealText()));
    const auto list = accounts(use);
    QVERIFY(!list.ok());
    QCOMPARE(list.error().code, QStringLiteral("UnauthorizedException"));
}

void TestSsoPortalClient::logout()
{
    const auto token = signIn();
    QVERIFY(token);
    auto out = waitFor<Result<Nothing>>([&](auto done) { m_portal->logout(token->accessToken, this, done); }, 20000);
    QVERIFY(out && out->ok());
    QCOMPARE(m_fake->operationCount(QStringLiteral("Logout")), 1);
    const auto keys = credentials(token->accessToken, ssofix::SupportAccount, QStringLiteral("ReadOnly"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, QStringLiteral("UnauthorizedException"));
}

void TestSsoPortalClient::listingCancelled()
{
    const auto token = signIn();
    QVERIFY(token);
    m_portal->setPageSize(1);
    bool called = false;
    QObject *listing = m_portal->listAccounts(token->accessToken, this, [&](auto) { called = true; });
    delete listing;
    QTest::qWait(500);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestSsoPortalClient)
#include "tst_ssoportalclient.moc"
