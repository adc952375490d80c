// SSO profiles through the CredentialResolver, as the AWS CLI chains them: an
// sso-session profile, the legacy form, an SSO profile as the source_profile of a role,
// a JobDesk SSO profile, configuration errors worded as botocore's, "not signed in";
// and botocore itself reading the sign-in that JobDesk shared with the AWS CLI.

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/ssoprofileconfig.h"
#include "support/corefixtures.h"
#include "support/ssotestbed.h"
#include "support/testkeychain.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::profiles;
using jobdesk::sso::SsoSessions;

namespace {

const QByteArray Config = "[profile desk]\n"
                          "sso_session = support-desk\n"
                          "sso_account_id = 444455556666\n"
                          "sso_role_name = JobWorker\n"
                          "region = eu-west-1\n"
                          "\n"
                          "[sso-session support-desk]\n"
                          "sso_start_url = https://d-1234567890.awsapps.com/start\n"
                          "sso_region = us-east-1\n"
                          "sso_registration_scopes = sso:account:access\n"
                          "\n"
                          "[profile legacy]\n"
                          "sso_start_url = https://d-1234567890.awsapps.com/start\n"
                          "sso_region = us-east-1\n"
                          "sso_account_id = 111122223333\n"
                          "sso_role_name = ReadOnly\n"
                          "\n"
                          "[profile partner]\n"
                          "role_arn = arn:aws:iam::210987654321:role/PartnerJobs\n"
                          "source_profile = desk\n"
                          "region = us-west-2\n";

const QString PartnerRole = QStringLiteral("arn:aws:iam::210987654321:role/PartnerJobs");

}  // namespace

class TestSsoProfiles : public test::SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void configErrors_data();
    void configErrors();
    void notSignedIn();
    void ssoSessionProfile();
    void legacyProfile();
    void ssoProfileAsSourceOfARole();
    void jobDeskSsoProfile();
    void botocoreUsesTheSharedSignIn();

private:
    Result<ResolvedConfig> resolve(const QString &profile);
    bool signInWith(const sso::SsoSignIn::Settings &session);

    QTemporaryDir m_home;
    std::unique_ptr<aws::AwsClient> m_awsClient;
    std::unique_ptr<aws::StsClient> m_sts;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<CredentialResolver> m_resolver;
};

void TestSsoProfiles::initTestCase()
{
    SsoTestBed::initTestCase();
    JOBDESK_REQUIRE_KEYCHAIN();
}

void TestSsoProfiles::init()
{
    SsoTestBed::init();
    QVERIFY(m_home.isValid());
    QFile config(QDir(m_home.path()).filePath(QStringLiteral("config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(Config);
    config.close();
    m_fake->addRole(fake::FakeRole{PartnerRole, {}, {}, QStringLiteral("123456"), 3600, {}});
    QProcessEnvironment env = test::sharedConfigEnvironment(m_home.path());
    env.insert(environment());
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), m_fake->url().toString());
    m_awsClient = std::make_unique<aws::AwsClient>(m_network.get());
    m_sts = std::make_unique<aws::StsClient>(m_awsClient.get());
    m_store = std::make_unique<ProfileStore>(QDir(m_home.path()).filePath(QStringLiteral("jobdesk.ini")));
    m_resolver = std::make_unique<CredentialResolver>(m_store.get(), env);
    m_resolver->setStsClient(m_sts.get());
    m_resolver->ssoSessions()->store()->setShareWithAwsCli(false);
}

void TestSsoProfiles::cleanup()
{
    for (const bool withSession : {true, false}) {
        test::waitFor<Status>([&](auto done) {
            m_resolver->ssoSessions()->store()->remove(settings(withSession), {}, this, std::move(done));
        });
    }
    m_resolver.reset();
    m_store.reset();
    m_sts.reset();
    m_awsClient.reset();
    QDir(QDir(m_home.path()).filePath(QStringLiteral(".aws"))).removeRecursively();
    SsoTestBed::cleanup();
}

Result<ResolvedConfig> TestSsoProfiles::resolve(const QString &profile)
{
    auto answer =
        test::waitFor<Result<ResolvedConfig>>([&](auto done) { m_resolver->resolve(profile, this, std::move(done)); });
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("NoAnswer"), QStringLiteral("no answer"));
    return *answer;
}

bool TestSsoProfiles::signInWith(const sso::SsoSignIn::Settings &session)
{
    approveAutomatically();
    QSignalSpy signedIn(m_resolver->ssoSessions(), &SsoSessions::signedIn);
    return m_resolver->ssoSessions()->signIn(session, SsoSessions::Flow::DeviceCode) && signedIn.wait(20000);
}

void TestSsoProfiles::configErrors_data()
{
    QTest::addColumn<QByteArray>("profile");
    QTest::addColumn<QString>("message");
    QTest::newRow("no such sso-session") << QByteArray("sso_session = nowhere\nsso_account_id = 1\nsso_role_name = R\n")
                                         << QStringLiteral("The specified sso-session does not exist: \"nowhere\"");
    QTest::newRow("legacy without region")
        << QByteArray("sso_start_url = https://x.awsapps.com/start\nsso_account_id = 1\nsso_role_name = R\n")
        << QStringLiteral("The profile \"broken\" is configured to use SSO but is missing required "
                          "configuration: sso_region");
    QTest::newRow("inconsistent start URL")
        << QByteArray("sso_session = support-desk\nsso_start_url = https://other.awsapps.com/start\n"
                      "sso_account_id = 1\nsso_role_name = R\n")
        << QStringLiteral("The value for sso_start_url is inconsistent between profile "
                          "(https://other.awsapps.com/start) and sso-session "
                          "(https://d-1234567890.awsapps.com/start).");
}

void TestSsoProfiles::configErrors()
{
    QFETCH(QByteArray, profile);
    QFETCH(QString, message);
    const Result<SharedConfig> config = SharedConfig::parse(Config + "\n[profile broken]\n" + profile, {});
    QVERIFY(config.ok());
    const auto read = ssoProfileConfig(config.value(), QStringLiteral("broken"));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().message, message);

    // botocore says the same of the same file.
    QFile file(QDir(m_home.path()).filePath(QStringLiteral("config")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Config + "\n[profile broken]\n" + profile);
    file.close();
    QProcessEnvironment env = test::sharedConfigEnvironment(m_home.path());
    env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("broken"));
    const test::ProcessOutput out = test::runProcessServing(
        QStringLiteral("python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import botocore.session\ntry:\n    botocore.session.Session().get_credentials()\n"
                        "except Exception as e:\n    print(e)\n")},
        env, 60000);
    QCOMPARE(QString::fromUtf8(out.out.trimmed()), message);
    QCOMPARE(resolve(QStringLiteral("broken")).error().message, message);
}

void TestSsoProfiles::notSignedIn()
{
    const Result<ResolvedConfig> resolved = resolve(QStringLiteral("desk"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, SsoSessions::notSignedInCode());
    QCOMPARE(resolved.error().field, test::ssofix::SessionName);
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 0);
}

void TestSsoProfiles::ssoSessionProfile()
{
    QVERIFY(signInWith(settings(true)));
    const Result<ResolvedConfig> resolved = resolve(QStringLiteral("desk"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QVERIFY(resolved.value().credentials.accessKeyId.startsWith(QLatin1String("ASIA")));
    QVERIFY(!resolved.value().credentials.sessionToken.isEmpty());
    QCOMPARE(resolved.value().region, QStringLiteral("eu-west-1"));
    QVERIFY(resolved.value().credentialSource.contains(QLatin1String("JobWorker")));
    QVERIFY(resolved.value().credentialSource.contains(test::ssofix::PartnerAccount));
    // The keys are kept: a second lookup asks the portal no more.
    QVERIFY(resolve(QStringLiteral("desk")).ok());
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);
}

void TestSsoProfiles::legacyProfile()
{
    QVERIFY(signInWith(settings(false)));
    const Result<ResolvedConfig> resolved = resolve(QStringLiteral("legacy"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QVERIFY(resolved.value().credentials.accessKeyId.startsWith(QLatin1String("ASIA")));
    // The legacy sign-in is not the sso-session's.
    QCOMPARE(resolve(QStringLiteral("desk")).error().code, SsoSessions::notSignedInCode());
}

void TestSsoProfiles::ssoProfileAsSourceOfARole()
{
    QVERIFY(signInWith(settings(true)));
    const Result<ResolvedConfig> resolved = resolve(QStringLiteral("partner"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QCOMPARE(resolved.value().region, QStringLiteral("us-west-2"));
    const QList<fake::FakeRoleSession> sessions = m_fake->roleSessions();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().roleArn, PartnerRole);
    // AssumeRole was signed with the SSO role's keys.
    QVERIFY(sessions.first().sourceAccessKeyId.startsWith(QLatin1String("ASIA")));
    QCOMPARE(resolved.value().credentials.accessKeyId, sessions.first().accessKeyId);
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);
}

void TestSsoProfiles::jobDeskSsoProfile()
{
    Profile profile;
    profile.name = QStringLiteral("Support desk");
    profile.region = QStringLiteral("us-east-2");
    profile.source = Profile::CredentialSource::Sso;
    profile.sso = {test::ssofix::StartUrl, test::ssofix::Region, test::ssofix::SessionName,
                   test::ssofix::SupportAccount, QStringLiteral("PartnerSupport")};
    QVERIFY(ProfileStore::validate(profile).ok());
    auto saved =
        test::waitFor<Status>([&](auto done) { m_store->saveProfile(profile, nullptr, this, std::move(done)); });
    QVERIFY(saved && saved->ok());
    QCOMPARE(m_store->profile(profile.name)->sso, profile.sso);

    QCOMPARE(resolve(profile.name).error().code, SsoSessions::notSignedInCode());
    QVERIFY(signInWith(ssoProfileConfig(profile).session));
    const Result<ResolvedConfig> resolved = resolve(profile.name);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QCOMPARE(resolved.value().region, QStringLiteral("us-east-2"));
    QVERIFY(resolved.value().credentialSource.contains(QLatin1String("PartnerSupport")));

    Profile bad = profile;
    bad.sso.accountId = QStringLiteral("12345");
    QCOMPARE(ProfileStore::validate(bad).error().field, QStringLiteral("sso.accountId"));
    bad = profile;
    bad.sso.startUrl = QStringLiteral("http://d-1234567890.awsapps.com/start");
    QCOMPARE(ProfileStore::validate(bad).error().field, QStringLiteral("sso.startUrl"));
}

void TestSsoProfiles::botocoreUsesTheSharedSignIn()
{
    m_resolver->ssoSessions()->store()->setShareWithAwsCli(true);
    QVERIFY(signInWith(settings(true)));
    QVERIFY(QFile::exists(
        m_resolver->ssoSessions()->store()->awsCliCache().filePath(test::ssofix::StartUrl, test::ssofix::SessionName)));
    QVERIFY(resolve(QStringLiteral("desk")).ok());

    // botocore's own chain, with the same config and HOME: the token from the cache file JobDesk
    // wrote, the role's keys from the fake portal, then AssumeRole for the chained profile.
    QProcessEnvironment env = m_resolver->environment();
    env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("partner"));
    const test::ProcessOutput out =
        test::runProcessServing(QStringLiteral("python3"),
                                {QStringLiteral("-c"),
                                 QStringLiteral("import botocore.session\n"
                                                "c = botocore.session.Session().get_credentials()\n"
                                                "print(c.method, c.get_frozen_credentials().access_key)\n")},
                                env, 60000);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QVERIFY2(out.out.startsWith("assume-role ASIA"), out.out.constData());
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 2);
    QCOMPARE(m_fake->roleSessions().size(), 1);
}

QTEST_GUILESS_MAIN(TestSsoProfiles)
#include "tst_ssoprofiles.moc"
