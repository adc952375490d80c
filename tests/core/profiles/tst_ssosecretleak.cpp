// The SSO leak test: sign-ins, role keys and a sign-out in this process with HOME and the
// XDG folders pointed at a fresh folder, then every file there and in the throwaway
// keyring's folder searched for the access token, refresh token, client secret and role
// keys. With sharing off none may be anywhere; with it on the tokens may be in the AWS
// CLI's cache file only, and the role keys still nowhere.

#include "core/profiles/credentialresolver.h"
#include "support/ssotestbed.h"
#include "support/testenv.h"
#include "support/testkeychain.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using jobdesk::profiles::CredentialResolver;
using jobdesk::profiles::ResolvedConfig;
using jobdesk::sso::SsoSessions;

class TestSsoSecretLeak : public test::SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sharingOffLeavesNothing();
    void sharingOnWritesOnlyTheCacheFile();

private:
    // Signs in, resolves the profile twice and lists the accounts; returns every secret seen.
    QStringList session(CredentialResolver &resolver);

    QTemporaryDir m_root;
    QString m_home;
};

void TestSsoSecretLeak::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_home = test::isolateHome(m_root.path());  // before anything reads a standard path
    QVERIFY(!m_home.isEmpty());
    SsoTestBed::initTestCase();
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).startsWith(m_root.path()));
    JOBDESK_REQUIRE_KEYCHAIN();
    QVERIFY(QDir(m_home).mkpath(QStringLiteral(".aws")));
    QFile config(QDir(m_home).filePath(QStringLiteral(".aws/config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile desk]\nsso_session = " + test::ssofix::SessionName.toUtf8()
                 + "\nsso_account_id = " + test::ssofix::PartnerAccount.toUtf8()
                 + "\nsso_role_name = JobWorker\nregion = us-east-1\n\n[sso-session "
                 + test::ssofix::SessionName.toUtf8() + "]\nsso_start_url = " + test::ssofix::StartUrl.toUtf8()
                 + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
}

QStringList TestSsoSecretLeak::session(CredentialResolver &resolver)
{
    SsoSessions *sessions = resolver.ssoSessions();
    approveAutomatically();
    QSignalSpy signedIn(sessions, &SsoSessions::signedIn);
    if (!sessions->signIn(settings(true), SsoSessions::Flow::DeviceCode) || !signedIn.wait(20000))
        return {};
    const auto token = signedIn.first().at(1).value<sso::SsoCachedToken>();
    QStringList secrets{token.accessToken.revealText(), token.refreshToken.revealText(),
                        token.clientSecret.revealText()};
    for (int i = 0; i < 2; ++i) {
        auto resolved = test::waitFor<Result<ResolvedConfig>>(
            [&](auto done) { resolver.resolve(QStringLiteral("desk"), this, std::move(done)); });
        if (!resolved || !resolved->ok())
            return {};
        secrets << resolved->value().credentials.secretAccessKey.revealText()
                << resolved->value().credentials.sessionToken.revealText();
    }
    auto accounts = test::waitFor<Result<QList<sso::SsoAccount>>>([&](auto done) {
        sessions->portal(test::ssofix::Region).value()->listAccounts(token.accessToken, this, std::move(done));
    });
    if (!accounts || !accounts->ok() || accounts->value().size() != 2)
        return {};
    return secrets;
}

void TestSsoSecretLeak::sharingOffLeavesNothing()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(environment());
    CredentialResolver resolver(nullptr, env);
    resolver.ssoSessions()->store()->setShareWithAwsCli(false);
    const QStringList secrets = session(resolver);
    QCOMPARE(secrets.size(), 7);
    QVERIFY(test::lookUpWithSecretTool(sso::SsoTokenStore::keychainKey(settings(true))));
    const QStringList roots{m_root.path(), qEnvironmentVariable("JOBDESK_KEYCHAIN_HOME")};
    QCOMPARE(test::filesHoldingSecrets(roots, secrets), QStringList());

    auto out = test::waitFor<Result<Nothing>>(
        [&](auto done) { resolver.ssoSessions()->signOut(settings(true), this, std::move(done)); });
    QVERIFY(out && out->ok());
    QVERIFY(!test::lookUpWithSecretTool(sso::SsoTokenStore::keychainKey(settings(true))));
    QCOMPARE(test::filesHoldingSecrets(roots, secrets), QStringList());
}

void TestSsoSecretLeak::sharingOnWritesOnlyTheCacheFile()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(environment());
    CredentialResolver resolver(nullptr, env);
    resolver.ssoSessions()->store()->setShareWithAwsCli(true);
    const QStringList secrets = session(resolver);
    QCOMPARE(secrets.size(), 7);
    const QString cacheFile =
        resolver.ssoSessions()->store()->awsCliCache().filePath(test::ssofix::StartUrl, test::ssofix::SessionName);
    QVERIFY(cacheFile.startsWith(m_home));
    const QStringList roots{m_root.path(), qEnvironmentVariable("JOBDESK_KEYCHAIN_HOME")};
    QCOMPARE(test::filesHoldingSecrets(roots, secrets.mid(0, 3)), QStringList{cacheFile});
    QCOMPARE(test::filesHoldingSecrets(roots, secrets.mid(3)), QStringList());

    auto out = test::waitFor<Result<Nothing>>(
        [&](auto done) { resolver.ssoSessions()->signOut(settings(true), this, std::move(done)); });
    QVERIFY(out && out->ok());
    QVERIFY(!QFile::exists(cacheFile));
    QCOMPARE(test::filesHoldingSecrets(roots, secrets), QStringList());
}

QTEST_GUILESS_MAIN(TestSsoSecretLeak)
#include "tst_ssosecretleak.moc"
