// SsoSessions against the fake's IAM Identity Center and the throwaway keychain: the
// token kept in the keychain (and in the AWS CLI's cache only when shared), a second
// sign-in joined, refresh before expiry, expiry, revocation, role keys kept in memory,
// a token botocore wrote used as it is, and sign-out.

#include "core/clock.h"
#include "core/sso/ssosessions.h"
#include "support/ssotestbed.h"
#include "support/testkeychain.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::sso;

class TestSsoSessions : public test::SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signInKeepsTheTokenInTheKeychainOnly();
    void sharingWritesTheAwsCliCache();
    void secondSignInJoinsTheFirst();
    void roleKeysAreKeptUntilNearExpiry();
    void tokenIsRefreshedBeforeItExpires();
    void expiredTokenWithoutRefreshNeedsSignIn();
    void notSignedInNamesTheSession();
    void revokedTokenNeedsSignIn();
    void usesTheTokenBotocoreWrote();
    void signOutCallsLogoutAndForgets();
    void cancelledSignInReportsCancelled();

private:
    Result<SsoCachedToken> tokenNow();
    Result<aws::Credentials> roleKeys(const QString &account, const QString &role);
    bool signInThroughSessions();

    std::unique_ptr<QTemporaryDir> m_cacheDir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<SsoTokenStore> m_store;
    std::unique_ptr<SsoSessions> m_sessions;
};

void TestSsoSessions::initTestCase()
{
    SsoTestBed::initTestCase();
    JOBDESK_REQUIRE_KEYCHAIN();
}

void TestSsoSessions::init()
{
    SsoTestBed::init();
    m_cacheDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_cacheDir->isValid());
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_store = std::make_unique<SsoTokenStore>(SsoTokenCache(m_cacheDir->path()));
    m_store->setShareWithAwsCli(false);
    m_sessions = std::make_unique<SsoSessions>(m_network.get(), m_store.get(), environment(), *m_clock);
    m_fake->setClock(*m_clock);
}

void TestSsoSessions::cleanup()
{
    // Each case starts signed out.
    test::waitFor<Status>([&](auto done) { m_store->remove(settings(true), {}, m_sessions.get(), std::move(done)); });
    test::waitFor<Status>([&](auto done) { m_store->remove(settings(false), {}, m_sessions.get(), std::move(done)); });
    m_sessions.reset();
    m_store.reset();
    m_cacheDir.reset();
    SsoTestBed::cleanup();
    m_clock.reset();
}

Result<SsoCachedToken> TestSsoSessions::tokenNow()
{
    auto answer = test::waitFor<Result<SsoCachedToken>>(
        [&](auto done) { m_sessions->token(settings(true), m_sessions.get(), std::move(done)); });
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("NoAnswer"), QStringLiteral("no answer"));
    return *answer;
}

Result<aws::Credentials> TestSsoSessions::roleKeys(const QString &account, const QString &role)
{
    SsoProfileConfig profile{QStringLiteral("desk"), settings(true), account, role};
    auto answer = test::waitFor<Result<aws::Credentials>>(
        [&](auto done) { m_sessions->roleCredentials(profile, m_sessions.get(), std::move(done)); });
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("NoAnswer"), QStringLiteral("no answer"));
    return *answer;
}

bool TestSsoSessions::signInThroughSessions()
{
    approveAutomatically();
    QSignalSpy signedIn(m_sessions.get(), &SsoSessions::signedIn);
    if (!m_sessions->signIn(settings(true), SsoSessions::Flow::DeviceCode))
        return false;
    return signedIn.wait(20000);
}

void TestSsoSessions::signInKeepsTheTokenInTheKeychainOnly()
{
    QVERIFY(signInThroughSessions());
    const std::optional<QByteArray> stored = test::lookUpWithSecretTool(SsoTokenStore::keychainKey(settings(true)));
    QVERIFY(stored);
    const Result<SsoCachedToken> parsed = SsoTokenCache::parse(*stored);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().startUrl, test::ssofix::StartUrl);
    QVERIFY(!parsed.value().refreshToken.isEmpty());
    QVERIFY(QDir(m_cacheDir->path()).entryList(QDir::Files).isEmpty());

    const Result<SsoCachedToken> token = tokenNow();
    QVERIFY(token.ok());
    QCOMPARE(token.value().accessToken, parsed.value().accessToken);
}

void TestSsoSessions::sharingWritesTheAwsCliCache()
{
    m_store->setShareWithAwsCli(true);
    QVERIFY(signInThroughSessions());
    QFile file(m_store->awsCliCache().filePath(test::ssofix::StartUrl, test::ssofix::SessionName));
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    const Result<SsoCachedToken> cached =
        m_store->awsCliCache().read(test::ssofix::StartUrl, test::ssofix::SessionName);
    QVERIFY(cached.ok());
    QCOMPARE(cached.value().accessToken, tokenNow().value().accessToken);
}

void TestSsoSessions::secondSignInJoinsTheFirst()
{
    QSignalSpy started(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
    QSignalSpy issued(m_fake.get(), &fake::FakeCodePipeline::ssoTokenIssued);
    QSignalSpy signedIn(m_sessions.get(), &SsoSessions::signedIn);
    SsoSignIn *first = m_sessions->signIn(settings(true), SsoSessions::Flow::DeviceCode);
    SsoSignIn *second = m_sessions->signIn(settings(true), SsoSessions::Flow::DeviceCode);
    QVERIFY(first);
    QCOMPARE(second, first);
    QCOMPARE(m_sessions->runningSignIn(settings(true)), first);
    QVERIFY(started.wait(10000));
    QVERIFY(m_fake->approveSsoUserCode(started.first().first().toString()));
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(started.size(), 1);
    QCOMPARE(issued.size(), 1);
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(m_sessions->runningSignIn(settings(true)), nullptr);
}

void TestSsoSessions::roleKeysAreKeptUntilNearExpiry()
{
    QVERIFY(signInThroughSessions());
    const Result<aws::Credentials> first = roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QVERIFY(first.value().accessKeyId.startsWith(QLatin1String("ASIA")));
    QVERIFY(first.value().expiration.isValid());
    QCOMPARE(roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker")).value().accessKeyId,
             first.value().accessKeyId);
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);

    // Within the margin of their expiry they are fetched again.
    m_clock->set(first.value().expiration.addSecs(-60));
    const Result<aws::Credentials> again = roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY(again.ok());
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 2);
}

void TestSsoSessions::tokenIsRefreshedBeforeItExpires()
{
    QVERIFY(signInThroughSessions());
    const SsoCachedToken before = tokenNow().value();
    QSignalSpy issued(m_fake.get(), &fake::FakeCodePipeline::ssoTokenIssued);
    m_clock->set(before.expiresAt.addSecs(-10 * 60));
    const Result<SsoCachedToken> renewed = tokenNow();
    QVERIFY(renewed.ok());
    QCOMPARE(issued.size(), 1);
    QCOMPARE(issued.first().first().toString(), QStringLiteral("refresh_token"));
    QVERIFY(!(renewed.value().accessToken == before.accessToken));
    QVERIFY(renewed.value().expiresAt > before.expiresAt);
    // Stored again: the next request uses it without another refresh.
    QCOMPARE(tokenNow().value().accessToken, renewed.value().accessToken);
    QCOMPARE(issued.size(), 1);
}

void TestSsoSessions::expiredTokenWithoutRefreshNeedsSignIn()
{
    // A token from before: expired, and its registration too, so it cannot be renewed.
    SsoCachedToken old;
    old.startUrl = test::ssofix::StartUrl;
    old.region = test::ssofix::Region;
    old.accessToken = Secret(QByteArrayLiteral("old-access-token"));
    old.expiresAt = m_clock->nowUtc().addSecs(-60);
    auto saved = test::waitFor<Status>(
        [&](auto done) { m_store->save(settings(true), old, m_sessions.get(), std::move(done)); });
    QVERIFY(saved && saved->ok());
    const Result<SsoCachedToken> token = tokenNow();
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, SsoSessions::expiredCode());
    QVERIFY(SsoSessions::needsSignIn(token.error()));
    QCOMPARE(token.error().field, test::ssofix::SessionName);
}

void TestSsoSessions::notSignedInNamesTheSession()
{
    const Result<aws::Credentials> keys = roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, SsoSessions::notSignedInCode());
    QVERIFY(keys.error().message.contains(test::ssofix::SessionName));
    QVERIFY(!keys.error().hint.isEmpty());
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 0);
}

void TestSsoSessions::revokedTokenNeedsSignIn()
{
    QVERIFY(signInThroughSessions());
    QVERIFY(m_fake->revokeSsoToken(tokenNow().value().accessToken));
    const Result<aws::Credentials> keys = roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, SsoSessions::expiredCode());
    QVERIFY(keys.error().message.contains(QLatin1String("revoked")));
}

void TestSsoSessions::usesTheTokenBotocoreWrote()
{
    const auto token = signIn();  // a sign-in made elsewhere, as `aws sso login` makes it
    QVERIFY(token);
    // botocore's own writer puts it where the AWS CLI keeps it.
    const QString script = QStringLiteral(
        "import sys, json\nfrom datetime import datetime, timezone\n"
        "from botocore.utils import SSOTokenLoader, JSONFileCache\n"
        "t = json.loads(sys.stdin.read())\n"
        "SSOTokenLoader(cache=JSONFileCache(sys.argv[1])).save_token(sys.argv[2], t, session_name=sys.argv[3])\n");
    const test::ProcessOutput out = test::runProcess(
        QStringLiteral("python3"),
        {QStringLiteral("-c"), script, m_cacheDir->path(), test::ssofix::StartUrl, test::ssofix::SessionName},
        SsoTokenCache::serialize(*token));
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QVERIFY(QFile::exists(m_store->awsCliCache().filePath(test::ssofix::StartUrl, test::ssofix::SessionName)));

    const Result<aws::Credentials> keys = roleKeys(test::ssofix::SupportAccount, QStringLiteral("ReadOnly"));
    QVERIFY2(keys.ok(), qPrintable(keys.ok() ? QString() : keys.error().message));
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);
    // Read, never copied into the keychain.
    QVERIFY(!test::lookUpWithSecretTool(SsoTokenStore::keychainKey(settings(true))));
}

void TestSsoSessions::signOutCallsLogoutAndForgets()
{
    QVERIFY(signInThroughSessions());
    QVERIFY(roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker")).ok());
    QSignalSpy signedOut(m_sessions.get(), &SsoSessions::signedOut);
    auto done = test::waitFor<Result<Nothing>>(
        [&](auto reply) { m_sessions->signOut(settings(true), m_sessions.get(), std::move(reply)); });
    QVERIFY(done && done->ok());
    QCOMPARE(signedOut.size(), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("Logout")), 1);
    QVERIFY(!test::lookUpWithSecretTool(SsoTokenStore::keychainKey(settings(true))));
    const Result<aws::Credentials> keys = roleKeys(test::ssofix::PartnerAccount, QStringLiteral("JobWorker"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, SsoSessions::notSignedInCode());
}

void TestSsoSessions::cancelledSignInReportsCancelled()
{
    QSignalSpy failed(m_sessions.get(), &SsoSessions::signInFailed);
    QSignalSpy started(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
    SsoSignIn *signIn = m_sessions->signIn(settings(true), SsoSessions::Flow::DeviceCode);
    QVERIFY(signIn);
    QVERIFY(started.wait(10000));
    signIn->cancel();
    QVERIFY(failed.size() == 1 || failed.wait(5000));
    QCOMPARE(failed.first().at(1).value<Error>().kind, Error::Kind::Cancelled);
    QCOMPARE(m_sessions->runningSignIn(settings(true)), nullptr);
    QCOMPARE(tokenNow().error().code, SsoSessions::notSignedInCode());
}

QTEST_GUILESS_MAIN(TestSsoSessions)
#include "tst_ssosessions.moc"
