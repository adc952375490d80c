// SsoTokenCache: the file name and the JSON the AWS CLI keeps its SSO sign-ins in,
// checked against botocore's own writer (its json.dumps) and reader (SSOTokenLoader
// over JSONFileCache), owner-only, atomic writes, and botocore's whole SSO profile
// chain using a sign-in JobDesk made (against the fake portal and CodePipeline).

#include "core/platform/filesecurity.h"
#include "core/sso/ssotokencache.h"
#include "support/ssotestbed.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::sso;

namespace {

SsoCachedToken sampleToken(bool withRegistration)
{
    SsoCachedToken token;
    token.startUrl = QStringLiteral("https://d-1234567890.awsapps.com/start");
    token.region = QStringLiteral("eu-west-1");
    token.accessToken = Secret(QStringLiteral("aoaAAAAAGtoken/with+slash\"quote\\"));
    token.expiresAt = QDateTime(QDate(2026, 12, 3), QTime(21, 4, 5), Qt::UTC);
    if (withRegistration) {
        token.clientId = QStringLiteral("_Q4m1hMCLXgS0NHCo-kqgXVzLWVhc3QtMQ");
        token.clientSecret = Secret(QStringLiteral("eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.secret"));
        token.registrationExpiresAt = QDateTime(QDate(2027, 3, 3), QTime(12, 0, 0), Qt::UTC);
        token.refreshToken = Secret(QStringLiteral("aorAAAAAGrefresh\u00e9"));
    }
    return token;
}

test::ProcessOutput python(const QString &script, const QStringList &args = {})
{
    return test::runProcess(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
}

}  // namespace

class TestSsoTokenCache : public test::SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void botocoreSignsInWithOurCache();
    void cacheKey_data();
    void cacheKey();
    void serializeAsBotocore_data();
    void serializeAsBotocore();
    void botocoreReadsOurFile();
    void weReadBotocoresFile();
    void writeIsOwnerOnly();
    void readRejects_data();
    void readRejects();
    void missingFile();
    void timeForms_data();
    void timeForms();
};

void TestSsoTokenCache::cacheKey_data()
{
    QTest::addColumn<QString>("startUrl");
    QTest::addColumn<QString>("session");
    QTest::newRow("sso-session") << QStringLiteral("https://d-1234567890.awsapps.com/start")
                                 << QStringLiteral("support-desk");
    QTest::newRow("legacy") << QStringLiteral("https://d-1234567890.awsapps.com/start") << QString();
    QTest::newRow("unicode session") << QStringLiteral("https://x.awsapps.com/start") << QStringLiteral("d\u00e9sk");
}

void TestSsoTokenCache::cacheKey()
{
    QFETCH(QString, startUrl);
    QFETCH(QString, session);
    // botocore's own key, so the file is the one the AWS CLI looks for.
    const QString script =
        QStringLiteral("import sys\nfrom botocore.utils import SSOTokenLoader\n"
                       "print(SSOTokenLoader()._generate_cache_key(sys.argv[1], sys.argv[2] or None))");
    const test::ProcessOutput out = python(script, {startUrl, session});
    QCOMPARE(out.exitCode, 0);
    QCOMPARE(SsoTokenCache::cacheKey(startUrl, session), QString::fromUtf8(out.out.trimmed()));
    SsoTokenCache cache(QStringLiteral("/tmp/x"));
    QCOMPARE(cache.filePath(startUrl, session),
             QStringLiteral("/tmp/x/") + QString::fromUtf8(out.out.trimmed()) + QStringLiteral(".json"));
}

void TestSsoTokenCache::serializeAsBotocore_data()
{
    QTest::addColumn<bool>("withRegistration");
    QTest::newRow("sso-session with refresh token") << true;
    QTest::newRow("legacy") << false;
}

void TestSsoTokenCache::serializeAsBotocore()
{
    QFETCH(bool, withRegistration);
    const SsoCachedToken token = sampleToken(withRegistration);
    // botocore.tokens writes with _sso_json_dumps, datetimes as %Y-%m-%dT%H:%M:%SZ.
    const QString script = QStringLiteral(
        "import sys, json\nfrom datetime import datetime, timezone\nfrom botocore.tokens import _sso_json_dumps\n"
        "d = json.loads(sys.stdin.read())\n"
        "for k in ('expiresAt', 'registrationExpiresAt'):\n"
        "    if k in d: d[k] = datetime.strptime(d[k], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc)\n"
        "sys.stdout.write(_sso_json_dumps(d))");
    const QByteArray ours = SsoTokenCache::serialize(token);
    const test::ProcessOutput out = test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script}, ours);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(ours, out.out);
    QCOMPARE(QJsonDocument::fromJson(ours).object().contains(QStringLiteral("refreshToken")), withRegistration);
}

void TestSsoTokenCache::botocoreReadsOurFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SsoTokenCache cache(dir.path());
    const SsoCachedToken token = sampleToken(true);
    QVERIFY(cache.write(token, QStringLiteral("support-desk")).ok());
    const QString script =
        QStringLiteral("import sys, json\nfrom botocore.utils import SSOTokenLoader, JSONFileCache\n"
                       "t = SSOTokenLoader(cache=JSONFileCache(sys.argv[1]))(sys.argv[2], session_name=sys.argv[3])\n"
                       "print(json.dumps(t, sort_keys=True))");
    const test::ProcessOutput out = python(script, {dir.path(), token.startUrl, QStringLiteral("support-desk")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const QJsonObject read = QJsonDocument::fromJson(out.out).object();
    QCOMPARE(read.value(QStringLiteral("accessToken")).toString(), token.accessToken.revealText());
    QCOMPARE(read.value(QStringLiteral("refreshToken")).toString(), token.refreshToken.revealText());
    QCOMPARE(read.value(QStringLiteral("clientSecret")).toString(), token.clientSecret.revealText());
    QCOMPARE(read.value(QStringLiteral("expiresAt")).toString(), QStringLiteral("2026-12-03T21:04:05Z"));
    QCOMPARE(read.value(QStringLiteral("registrationExpiresAt")).toString(), QStringLiteral("2027-03-03T12:00:00Z"));
    QCOMPARE(read.value(QStringLiteral("region")).toString(), token.region);
}

void TestSsoTokenCache::weReadBotocoresFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // botocore's SSOTokenProvider saves a refreshed token through SSOTokenLoader.save_token.
    const QString script = QStringLiteral(
        "import sys\nfrom datetime import datetime, timezone, timedelta\n"
        "from botocore.utils import SSOTokenLoader, JSONFileCache\nfrom botocore.tokens import _sso_json_dumps\n"
        "loader = SSOTokenLoader(cache=JSONFileCache(sys.argv[1], dumps_func=_sso_json_dumps))\n"
        "now = datetime(2026, 12, 3, 13, 0, 0, tzinfo=timezone.utc)\n"
        "loader.save_token(sys.argv[2], {'startUrl': sys.argv[2], 'region': 'us-east-1', 'accessToken': 'aoa-bc',"
        " 'expiresAt': now + timedelta(hours=8), 'clientId': 'cid', 'clientSecret': 'csecret',"
        " 'registrationExpiresAt': '2027-03-03T12:00:00Z', 'refreshToken': 'aor-bc'}, session_name=sys.argv[3])\n");
    const QString startUrl = QStringLiteral("https://d-1234567890.awsapps.com/start");
    const test::ProcessOutput out = python(script, {dir.path(), startUrl, QStringLiteral("support-desk")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const Result<SsoCachedToken> token = SsoTokenCache(dir.path()).read(startUrl, QStringLiteral("support-desk"));
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
    QCOMPARE(token.value().accessToken.revealText(), QStringLiteral("aoa-bc"));
    QCOMPARE(token.value().refreshToken.revealText(), QStringLiteral("aor-bc"));
    QCOMPARE(token.value().clientId, QStringLiteral("cid"));
    QCOMPARE(token.value().expiresAt, QDateTime(QDate(2026, 12, 3), QTime(21, 0, 0), Qt::UTC));
    QCOMPARE(token.value().registrationExpiresAt, QDateTime(QDate(2027, 3, 3), QTime(12, 0, 0), Qt::UTC));
    QVERIFY(token.value().canRefresh(QDateTime(QDate(2026, 12, 3), QTime(13, 0, 0), Qt::UTC)));
    // A legacy profile's token is another file.
    QVERIFY(!SsoTokenCache(dir.path()).read(startUrl, QString()).ok());
}

void TestSsoTokenCache::writeIsOwnerOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SsoTokenCache cache(dir.path() + QStringLiteral("/sso/cache"));  // made on the way
    const SsoCachedToken token = sampleToken(false);
    QVERIFY(cache.write(token, QString()).ok());
    const QString path = cache.filePath(token.startUrl, QString());
    QVERIFY(platform::FileSecurity::isOwnerOnly(path));
    // Written again in one step: still owner-only, and the new token.
    SsoCachedToken second = token;
    second.accessToken = Secret(QStringLiteral("second"));
    QVERIFY(cache.write(second, QString()).ok());
    QVERIFY(platform::FileSecurity::isOwnerOnly(path));
    QCOMPARE(cache.read(token.startUrl, QString()).value().accessToken.revealText(), QStringLiteral("second"));
    QVERIFY(cache.remove(token.startUrl, QString()).ok());
    QVERIFY(!QFile::exists(path));
}

void TestSsoTokenCache::readRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not JSON") << QByteArray("{\"accessToken\": ") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
    QTest::newRow("no access token") << QByteArray("{\"expiresAt\": \"2026-12-03T21:04:05Z\"}")
                                     << QStringLiteral("no accessToken");
    QTest::newRow("no expiry") << QByteArray("{\"accessToken\": \"a\"}") << QStringLiteral("no accessToken");
    QTest::newRow("bad expiry") << QByteArray("{\"accessToken\": \"a\", \"expiresAt\": \"soon\"}")
                                << QStringLiteral("\"soon\" is not a time");
    QTest::newRow("bad registration expiry")
        << QByteArray("{\"accessToken\": \"a\", \"expiresAt\": \"2026-12-03T21:04:05Z\", "
                      "\"registrationExpiresAt\": 7}")
        << QStringLiteral("registrationExpiresAt");
}

void TestSsoTokenCache::readRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, detail);
    const Result<SsoCachedToken> token = SsoTokenCache::parse(json, QStringLiteral("/c/x.json"));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, Error::Kind::Protocol);
    QVERIFY2(token.error().message.contains(detail), qPrintable(token.error().message));
    QVERIFY(token.error().message.contains(QStringLiteral("/c/x.json")));
    QVERIFY(!token.error().message.contains(QStringLiteral("\"a\"")));
}

void TestSsoTokenCache::missingFile()
{
    QTemporaryDir dir;
    const Result<SsoCachedToken> token = SsoTokenCache(dir.path()).read(QStringLiteral("https://x/start"), {});
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, Error::Kind::Io);
    QCOMPARE(token.error().code, QStringLiteral("SsoTokenNotCached"));
}

void TestSsoTokenCache::timeForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime t(QDate(2026, 12, 3), QTime(21, 4, 5), Qt::UTC);
    QTest::newRow("Z") << QStringLiteral("2026-12-03T21:04:05Z") << t;
    QTest::newRow("UTC (older AWS CLI v2)") << QStringLiteral("2026-12-03T21:04:05UTC") << t;
    QTest::newRow("offset") << QStringLiteral("2026-12-03T22:04:05+01:00") << t;
    QTest::newRow("fraction") << QStringLiteral("2026-12-03T21:04:05.000Z") << t;
    QTest::newRow("garbage") << QStringLiteral("tomorrow") << QDateTime();
}

void TestSsoTokenCache::timeForms()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = SsoTokenCache::parseTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(SsoTokenCache::formatTime(parsed), QStringLiteral("2026-12-03T21:04:05Z"));
    }
}

void TestSsoTokenCache::botocoreSignsInWithOurCache()
{
    const auto token = signIn();
    QVERIFY(token);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    SsoTokenCache cache(home.path() + QStringLiteral("/.aws/sso/cache"));
    QVERIFY(cache.write(*token, test::ssofix::SessionName).ok());
    QFile config(home.path() + QStringLiteral("/config"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile desk]\nsso_session = " + test::ssofix::SessionName.toUtf8()
                 + "\nsso_account_id = " + test::ssofix::PartnerAccount.toUtf8()
                 + "\nsso_role_name = JobWorker\nregion = us-east-1\n\n[sso-session "
                 + test::ssofix::SessionName.toUtf8() + "]\nsso_start_url = " + test::ssofix::StartUrl.toUtf8()
                 + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
    config.close();
    m_fake->addActionType(
        {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"), QStringLiteral("1")});

    // botocore's own chain: the sso-session token from the cache, GetRoleCredentials from
    // the portal, and a CodePipeline call signed with the role keys.
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("PATH"), QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), config.fileName());
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home.path() + QStringLiteral("/none"));
    env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("desk"));
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_CODEPIPELINE"), m_fake->url().toString());
    const QString script = QStringLiteral(
        "import botocore.session\n"
        "s = botocore.session.Session()\n"
        "c = s.get_credentials().get_frozen_credentials()\n"
        "r = s.create_client('codepipeline').poll_for_third_party_jobs(actionTypeId={'category': 'Build', "
        "'owner': 'ThirdParty', 'provider': 'AcmeCI', 'version': '1'})\n"
        "print(c.access_key, len(r['jobs']))");
    const test::ProcessOutput out =
        test::runProcessServing(QStringLiteral("python3"), {QStringLiteral("-c"), script}, env, 60000);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QVERIFY2(out.out.startsWith("ASIA"), out.out.constData());
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("PollForThirdPartyJobs")), 1);
}

QTEST_GUILESS_MAIN(TestSsoTokenCache)
#include "tst_ssotokencache.moc"
