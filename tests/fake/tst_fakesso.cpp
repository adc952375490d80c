// The fake's IAM Identity Center services as botocore sees them (its sso-oidc and sso
// clients parse our answers and errors), the authorize page's refusals, and the
// fixture's "sso" accounts.

#include "fake/fakecodepipeline.h"
#include "support/testenv.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using jobdesk::fake::FakeCodePipeline;

class TestFakeSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void botocoreReadsOidcAnswers();
    void botocoreReadsPortalErrors();
    void authorizeRefuses_data();
    void authorizeRefuses();
    void fixtures();
    void fixturesInvalid_data();
    void fixturesInvalid();
};

namespace {

QProcessEnvironment botocoreEnv(const FakeCodePipeline &fake)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("HOME"), QDir::tempPath());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/nonexistent"));
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), fake.url().toString());
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), fake.url().toString());
    return env;
}

}  // namespace

void TestFakeSso::botocoreReadsOidcAnswers()
{
    FakeCodePipeline fake;
    QVERIFY(fake.listen());
    fake.slowDownNextSsoTokenPolls(1);
    const QString script = QStringLiteral(
        "import botocore.session\n"
        "from botocore import UNSIGNED\nfrom botocore.config import Config\n"
        "c = botocore.session.Session().create_client('sso-oidc', region_name='us-east-1', "
        "config=Config(signature_version=UNSIGNED))\n"
        "r = c.register_client(clientName='botocore', clientType='public', scopes=['sso:account:access'])\n"
        "d = c.start_device_authorization(clientId=r['clientId'], clientSecret=r['clientSecret'], "
        "startUrl='https://d-1234567890.awsapps.com/start')\n"
        "print(d['userCode'], d['interval'], d['expiresIn'])\n"
        "for i in range(2):\n"
        "    try:\n"
        "        c.create_token(grantType='urn:ietf:params:oauth:grant-type:device_code', "
        "clientId=r['clientId'], clientSecret=r['clientSecret'], deviceCode=d['deviceCode'])\n"
        "    except c.exceptions.SlowDownException as e: print('slow', e.response['error'])\n"
        "    except c.exceptions.AuthorizationPendingException as e: print('pending', e.response['error'])\n"
        "try:\n"
        "    c.create_token(grantType='refresh_token', clientId=r['clientId'], clientSecret='wrong', "
        "refreshToken='x')\n"
        "except c.exceptions.InvalidClientException as e: print('client', e.response['ResponseMetadata']"
        "['HTTPStatusCode'])\n");
    const test::ProcessOutput out =
        test::runProcessServing(QStringLiteral("python3"), {QStringLiteral("-c"), script}, botocoreEnv(fake), 60000);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const QList<QByteArray> lines = out.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).endsWith(" 1 600"));
    QCOMPARE(lines.at(1), QByteArray("slow slow_down"));
    QCOMPARE(lines.at(2), QByteArray("pending authorization_pending"));
    QCOMPARE(lines.at(3), QByteArray("client 401"));
}

void TestFakeSso::botocoreReadsPortalErrors()
{
    FakeCodePipeline fake;
    QVERIFY(fake.listen());
    const QString script = QStringLiteral(
        "import botocore.session\n"
        "from botocore import UNSIGNED\nfrom botocore.config import Config\n"
        "c = botocore.session.Session().create_client('sso', region_name='us-east-1', "
        "config=Config(signature_version=UNSIGNED))\n"
        "try:\n"
        "    c.get_role_credentials(accessToken='made-up', accountId='111122223333', roleName='R')\n"
        "except c.exceptions.UnauthorizedException as e: print('unauthorized', e.response['Error']['Message'])\n");
    const test::ProcessOutput out =
        test::runProcessServing(QStringLiteral("python3"), {QStringLiteral("-c"), script}, botocoreEnv(fake), 60000);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(out.out.trimmed(), QByteArray("unauthorized Session token not found or invalid"));
    QCOMPARE(fake.operationCount(QStringLiteral("GetRoleCredentials")), 1);
}

void TestFakeSso::authorizeRefuses_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unknown client") << QStringLiteral(
        "client_id=nobody&redirect_uri=http://127.0.0.1:1/oauth/callback");
    QTest::newRow("no client") << QString();
}

void TestFakeSso::authorizeRefuses()
{
    QFETCH(QString, query);
    FakeCodePipeline fake;
    QVERIFY(fake.listen());
    QNetworkAccessManager network;
    QUrl url = fake.url();
    url.setPath(QStringLiteral("/authorize"));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QVERIFY(!reply->hasRawHeader("Location"));
    delete reply;
}

void TestFakeSso::fixtures()
{
    FakeCodePipeline fake;
    const auto loaded = fake.loadFixturesJson(R"({"sso": {"_note": "x", "accounts": [
        {"accountId": "111122223333", "accountName": "Support", "emailAddress": "s@example.com",
         "roles": ["ReadOnly", "PartnerSupport"]},
        {"accountId": "444455556666"}]}})");
    QVERIFY(loaded.ok());
    const auto accounts = fake.ssoAccounts();
    QCOMPARE(accounts.size(), 2);
    QCOMPARE(accounts.at(0).roleNames, (QStringList{QStringLiteral("ReadOnly"), QStringLiteral("PartnerSupport")}));
    QCOMPARE(accounts.at(0).emailAddress, QStringLiteral("s@example.com"));
    QVERIFY(accounts.at(1).roleNames.isEmpty());
}

void TestFakeSso::fixturesInvalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not an object") << QByteArray(R"({"sso": []})") << QStringLiteral("sso must be an object");
    QTest::newRow("unknown key") << QByteArray(R"({"sso": {"users": []}})") << QStringLiteral("accounts");
    QTest::newRow("short account") << QByteArray(R"({"sso": {"accounts": [{"accountId": "123"}]}})")
                                   << QStringLiteral("12-digit");
    QTest::newRow("letters") << QByteArray(R"({"sso": {"accounts": [{"accountId": "11112222333a"}]}})")
                             << QStringLiteral("12-digit");
    QTest::newRow("roles not names") << QByteArray(
        R"({"sso": {"accounts": [{"accountId": "111122223333", "roles": [1]}]}})")
                                     << QStringLiteral("roles");
}

void TestFakeSso::fixturesInvalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, detail);
    FakeCodePipeline fake;
    const auto loaded = fake.loadFixturesJson(json);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(detail), qPrintable(loaded.error().message));
    QVERIFY(fake.ssoAccounts().isEmpty());
}

QTEST_GUILESS_MAIN(TestFakeSso)
#include "tst_fakesso.moc"
