// Which keys and settings a request gets: JobDesk profiles first, then shared-config
// profiles, then the AWS CLI chain, checked against `aws configure list` where the
// AWS CLI answers the same question.

#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "support/corefixtures.h"
#include "support/testkeychain.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::Result;
using jobdesk::Secret;
using jobdesk::Status;
using jobdesk::aws::Credentials;
using jobdesk::profiles::AssumeRoleRequest;
using jobdesk::profiles::CredentialResolver;
using jobdesk::profiles::Profile;
using jobdesk::profiles::ProfileStore;
using jobdesk::profiles::ResolvedConfig;
using jobdesk::test::waitFor;

using EnvVars = QMap<QString, QString>;
Q_DECLARE_METATYPE(EnvVars)

class TestCredentialResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void awsCliChain_data();
    void awsCliChain();
    void sharedProfileSettings();
    void environmentOverridesSettings();
    void invalidSettings();
    void jobdeskProfileFirst();
    void linkedProfile();
    void environmentProfile();
    void missingProfiles();
    void assumeRoleWithoutStsClient();
    void assumeRoleSeam();
    void assumeRoleLoop();

private:
    QProcessEnvironment environment(const EnvVars &extra = {}) const
    {
        return jobdesk::test::sharedConfigEnvironment(m_dir.path(), extra);
    }
    Result<ResolvedConfig> resolve(CredentialResolver &resolver, const QString &name)
    {
        return *waitFor<Result<ResolvedConfig>>([&](auto done) { resolver.resolve(name, this, std::move(done)); });
    }
    Status save(const Profile &profile, const Credentials *keys)
    {
        return *waitFor<Status>([&](auto done) { m_store->saveProfile(profile, keys, this, std::move(done)); });
    }
    // What `aws configure list` shows of the access key: its last four characters,
    // or the CLI's error text.
    static QString awsCliAccessKeyTail(const QProcessEnvironment &env, const QString &profile)
    {
        QStringList args{QStringLiteral("configure"), QStringLiteral("list")};
        if (!profile.isEmpty())
            args << QStringLiteral("--profile") << profile;
        const auto out = jobdesk::test::runProcess(jobdesk::test::awsClis().constFirst(), args, {}, env);
        if (out.exitCode != 0)
            return QString::fromUtf8(out.err).trimmed();
        for (const QByteArray &line : out.out.split('\n')) {
            const QList<QByteArray> columns = line.simplified().split(' ');
            if (columns.size() >= 2 && columns.at(0) == "access_key")
                return QString::fromUtf8(columns.at(1).right(4));
        }
        return {};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_store;
};

void TestCredentialResolver::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
    QVERIFY(!jobdesk::test::awsClis().isEmpty());
    const QString helper = QStringLiteral("/bin/sh ") + jobdesk::test::dataDir()
        + QStringLiteral("/profiles/credential-helper.sh static -");
    QFile config(m_dir.filePath(QStringLiteral("config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(
        QStringLiteral(
            "[default]\nregion = us-east-1\n"
            "[profile envprof]\nregion = eu-west-2\naws_access_key_id = AKIAENVPROF\naws_secret_access_key = "
            "envprofSecret\n"
            "[profile proc]\ncredential_process = %1\nregion = ap-northeast-1\nmax_attempts = 4\nretry_mode = "
            "adaptive\n"
            "endpoint_url = https://codepipeline.example.test\nca_bundle = /etc/jobdesk-test/ca.pem\n"
            "[profile order]\naws_access_key_id = AKIACONFIGFILE\naws_secret_access_key = c\ncredential_process = %1\n"
            "[profile proc-over-config]\naws_access_key_id = AKIACONFIGONLY\naws_secret_access_key = "
            "c\ncredential_process = %1\n"
            "[profile same-name]\naws_access_key_id = AKIASHAREDSAME\naws_secret_access_key = s\n"
            "[profile no-keys]\nregion = eu-central-1\n"
            "[profile bad-attempts]\nmax_attempts = many\naws_access_key_id = AKIABAD\naws_secret_access_key = b\n"
            "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Support\nsource_profile = envprof\nexternal_id "
            "= ext-1\n"
            "duration_seconds = 1800\nrole_session_name = jobdesk\nmfa_serial = "
            "arn:aws:iam::123456789012:mfa/me\nregion = us-west-2\n"
            "[profile role-env]\nrole_arn = arn:aws:iam::123456789012:role/FromEnv\ncredential_source = Environment\n"
            "[profile role-chain]\nrole_arn = arn:aws:iam::123456789012:role/Outer\nsource_profile = role\n"
            "[profile loop-a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop-b\n"
            "[profile loop-b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop-a\n")
            .arg(helper)
            .toUtf8());
    config.close();
    QFile credentials(m_dir.filePath(QStringLiteral("credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[default]\naws_access_key_id = AKIADEFAULTCREDS\naws_secret_access_key = defaultSecret\n"
                      "[order]\naws_access_key_id = AKIACREDSFILE\naws_secret_access_key = k\n");
    credentials.close();
    m_store = std::make_unique<ProfileStore>(m_dir.filePath(QStringLiteral("jobdesk.ini")));
}

void TestCredentialResolver::cleanupTestCase()
{
    if (!m_store)
        return;
    for (const Profile &p : m_store->profiles())
        waitFor<Status>([&](auto done) { m_store->removeProfile(p.name, this, std::move(done)); });
}

void TestCredentialResolver::awsCliChain_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<EnvVars>("extra");
    QTest::addColumn<QString>("accessKeyId");  // empty: an error is expected

    const QString id = QStringLiteral("AWS_ACCESS_KEY_ID");
    const QString secret = QStringLiteral("AWS_SECRET_ACCESS_KEY");
    QTest::newRow("default profile") << QString() << EnvVars{} << QStringLiteral("AKIADEFAULTCREDS");
    QTest::newRow("AWS_PROFILE") << QString() << EnvVars{{QStringLiteral("AWS_PROFILE"), QStringLiteral("envprof")}}
                                 << QStringLiteral("AKIAENVPROF");
    QTest::newRow("AWS_DEFAULT_PROFILE beats AWS_PROFILE")
        << QString()
        << EnvVars{{QStringLiteral("AWS_DEFAULT_PROFILE"), QStringLiteral("envprof")},
                   {QStringLiteral("AWS_PROFILE"), QStringLiteral("default")}}
        << QStringLiteral("AKIAENVPROF");
    QTest::newRow("environment keys beat AWS_PROFILE")
        << QString()
        << EnvVars{{QStringLiteral("AWS_PROFILE"), QStringLiteral("envprof")},
                   {id, QStringLiteral("AKIAFROMENVX")},
                   {secret, QStringLiteral("e")}}
        << QStringLiteral("AKIAFROMENVX");
    QTest::newRow("environment keys beat default")
        << QString() << EnvVars{{id, QStringLiteral("AKIAFROMENVY")}, {secret, QStringLiteral("e")}}
        << QStringLiteral("AKIAFROMENVY");
    QTest::newRow("AWS_PROFILE must exist even with keys")
        << QString()
        << EnvVars{{QStringLiteral("AWS_PROFILE"), QStringLiteral("missing")},
                   {id, QStringLiteral("AKIAFROMENVZ")},
                   {secret, QStringLiteral("e")}}
        << QString();
    QTest::newRow("AWS_PROFILE with credential_process")
        << QString() << EnvVars{{QStringLiteral("AWS_PROFILE"), QStringLiteral("proc")}}
        << QStringLiteral("AKIAPROCESSEXAMPLE");
    QTest::newRow("named profile ignores environment keys")
        << QStringLiteral("envprof") << EnvVars{{id, QStringLiteral("AKIAFROMENVW")}, {secret, QStringLiteral("e")}}
        << QStringLiteral("AKIAENVPROF");
    QTest::newRow("credentials file beats credential_process")
        << QStringLiteral("order") << EnvVars{} << QStringLiteral("AKIACREDSFILE");
    QTest::newRow("credential_process beats config keys")
        << QStringLiteral("proc-over-config") << EnvVars{} << QStringLiteral("AKIAPROCESSEXAMPLE");
}

void TestCredentialResolver::awsCliChain()
{
    QFETCH(QString, profile);
    QFETCH(EnvVars, extra);
    QFETCH(QString, accessKeyId);
    const QProcessEnvironment env = environment(extra);
    CredentialResolver resolver(nullptr, env);
    const auto resolved = resolve(resolver, profile);
    const QString cli = awsCliAccessKeyTail(env, profile);
    if (accessKeyId.isEmpty()) {
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().code, QStringLiteral("ProfileNotFound"));
        QVERIFY2(cli.contains(QStringLiteral("could not be found")), qPrintable(cli));
        QVERIFY(resolved.error().message.contains(QStringLiteral("could not be found")));
        return;
    }
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QCOMPARE(resolved.value().credentials.accessKeyId, accessKeyId);
    QCOMPARE(cli, accessKeyId.right(4));  // the AWS CLI picks the same keys
}

void TestCredentialResolver::sharedProfileSettings()
{
    CredentialResolver resolver(nullptr, environment());
    const auto resolved = resolve(resolver, QStringLiteral("proc"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    const ResolvedConfig &c = resolved.value();
    QCOMPARE(c.region, QStringLiteral("ap-northeast-1"));
    QCOMPARE(c.endpointUrl, QUrl(QStringLiteral("https://codepipeline.example.test")));
    QCOMPARE(c.caBundle, QStringLiteral("/etc/jobdesk-test/ca.pem"));
    QCOMPARE(c.retryMode, QStringLiteral("adaptive"));
    QCOMPARE(c.maxAttempts, std::optional<int>(4));
    QCOMPARE(c.profileName, QStringLiteral("proc"));
    QCOMPARE(c.credentialSource, QStringLiteral("credential_process of profile “proc”"));
    QCOMPARE(c.credentials.secretAccessKey.revealText(), QStringLiteral("processSecret"));
}

void TestCredentialResolver::environmentOverridesSettings()
{
    CredentialResolver resolver(
        nullptr,
        environment({{QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("eu-south-1")},
                     {QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("9")},
                     {QStringLiteral("AWS_RETRY_MODE"), QStringLiteral("standard")},
                     {QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("http://127.0.0.1:4566")},
                     {QStringLiteral("AWS_CA_BUNDLE"), QStringLiteral("/env/ca.pem")}}));
    const auto resolved = resolve(resolver, QStringLiteral("proc"));
    QVERIFY(resolved.ok());
    QCOMPARE(resolved.value().region, QStringLiteral("eu-south-1"));
    QCOMPARE(resolved.value().maxAttempts, std::optional<int>(9));
    QCOMPARE(resolved.value().retryMode, QStringLiteral("standard"));
    QCOMPARE(resolved.value().endpointUrl, QUrl(QStringLiteral("http://127.0.0.1:4566")));
    QCOMPARE(resolved.value().caBundle, QStringLiteral("/env/ca.pem"));
    // AWS_REGION comes before AWS_DEFAULT_REGION, as in AWS CLI v2.
    CredentialResolver both(nullptr,
                            environment({{QStringLiteral("AWS_REGION"), QStringLiteral("me-south-1")},
                                         {QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("eu-south-1")}}));
    QCOMPARE(resolve(both, QStringLiteral("proc")).value().region, QStringLiteral("me-south-1"));
}

void TestCredentialResolver::invalidSettings()
{
    CredentialResolver resolver(nullptr, environment());
    const auto bad = resolve(resolver, QStringLiteral("bad-attempts"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, QStringLiteral("max_attempts"));
    QVERIFY(bad.error().message.contains(QStringLiteral("bad-attempts")));

    CredentialResolver badEnv(nullptr, environment({{QStringLiteral("AWS_RETRY_MODE"), QStringLiteral("sometimes")}}));
    QCOMPARE(resolve(badEnv, QStringLiteral("envprof")).error().field, QStringLiteral("AWS_RETRY_MODE"));

    const auto noKeys = resolve(resolver, QStringLiteral("no-keys"));
    QVERIFY(!noKeys.ok());
    QCOMPARE(noKeys.error().code, QStringLiteral("NoCredentials"));
}

void TestCredentialResolver::jobdeskProfileFirst()
{
    Profile same;
    same.name = QStringLiteral("same-name");
    same.region = QStringLiteral("ca-central-1");
    Credentials keys;
    keys.accessKeyId = QStringLiteral("AKIAJOBDESKSAME");
    keys.secretAccessKey = Secret(QStringLiteral("jobdeskSecret"));
    keys.sessionToken = Secret(QStringLiteral("jobdeskToken"));
    QVERIFY(save(same, &keys).ok());
    CredentialResolver resolver(m_store.get(), environment());
    const auto resolved = resolve(resolver, QStringLiteral("same-name"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QCOMPARE(resolved.value().credentials.accessKeyId, QStringLiteral("AKIAJOBDESKSAME"));
    QCOMPARE(resolved.value().credentials.sessionToken.revealText(), QStringLiteral("jobdeskToken"));
    QCOMPARE(resolved.value().region, QStringLiteral("ca-central-1"));
    QVERIFY(resolved.value().credentialSource.contains(QStringLiteral("keychain")));

    // Without the store the shared-config profile of that name answers.
    CredentialResolver sharedOnly(nullptr, environment());
    QCOMPARE(resolve(sharedOnly, QStringLiteral("same-name")).value().credentials.accessKeyId,
             QStringLiteral("AKIASHAREDSAME"));
}

void TestCredentialResolver::linkedProfile()
{
    Profile linked;
    linked.name = QStringLiteral("partner");
    linked.source = Profile::CredentialSource::SharedConfig;
    linked.sharedConfigProfile = QStringLiteral("proc");
    linked.region = QStringLiteral("sa-east-1");
    QVERIFY(save(linked, nullptr).ok());
    CredentialResolver resolver(m_store.get(), environment());
    const auto resolved = resolve(resolver, QStringLiteral("partner"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    QCOMPARE(resolved.value().credentials.accessKeyId, QStringLiteral("AKIAPROCESSEXAMPLE"));
    QCOMPARE(resolved.value().region, QStringLiteral("sa-east-1"));  // the JobDesk profile's own region wins
    QCOMPARE(resolved.value().maxAttempts, std::optional<int>(4));   // the rest comes from the linked profile
    QCOMPARE(resolved.value().endpointUrl, QUrl(QStringLiteral("https://codepipeline.example.test")));
    QCOMPARE(resolved.value().profileName, QStringLiteral("partner"));

    Profile dangling = linked;
    dangling.name = QStringLiteral("dangling");
    dangling.sharedConfigProfile = QStringLiteral("gone");
    QVERIFY(save(dangling, nullptr).ok());
    const auto broken = resolve(resolver, QStringLiteral("dangling"));
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().code, QStringLiteral("ProfileNotFound"));
    QVERIFY(broken.error().message.contains(QStringLiteral("gone")));
}

void TestCredentialResolver::environmentProfile()
{
    Profile env;
    env.name = QStringLiteral("env-source");
    env.source = Profile::CredentialSource::Environment;
    env.endpoint = QUrl(QStringLiteral("http://127.0.0.1:9999"));
    QVERIFY(save(env, nullptr).ok());
    CredentialResolver resolver(m_store.get(),
                                environment({{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENVSOURCE")},
                                             {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("x")},
                                             {QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-2")}}));
    const auto resolved = resolve(resolver, QStringLiteral("env-source"));
    QVERIFY(resolved.ok());
    QCOMPARE(resolved.value().credentials.accessKeyId, QStringLiteral("AKIAENVSOURCE"));
    QCOMPARE(resolved.value().region, QStringLiteral("us-east-2"));
    QCOMPARE(resolved.value().endpointUrl, QUrl(QStringLiteral("http://127.0.0.1:9999")));

    CredentialResolver partial(m_store.get(),
                               environment({{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAONLYID")}}));
    QCOMPARE(resolve(partial, QStringLiteral("env-source")).error().code, QStringLiteral("PartialCredentials"));
}

void TestCredentialResolver::missingProfiles()
{
    CredentialResolver resolver(m_store.get(), environment());
    const auto missing = resolve(resolver, QStringLiteral("nobody"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("ProfileNotFound"));

    // No profile files and no environment keys at all.
    QProcessEnvironment bare;
    bare.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("empty-home")));
    CredentialResolver nothing(nullptr, bare);
    const auto none = resolve(nothing, QString());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("NoCredentials"));
    QCOMPARE(none.error().message, QStringLiteral("Unable to locate credentials."));
}

void TestCredentialResolver::assumeRoleWithoutStsClient()
{
    CredentialResolver resolver(nullptr, environment());
    const auto resolved = resolve(resolver, QStringLiteral("role"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, QStringLiteral("AssumeRoleNotSupported"));
    QVERIFY(resolved.error().message.contains(QStringLiteral("arn:aws:iam::123456789012:role/Support")));
    QVERIFY(!resolved.error().hint.isEmpty());
}

void TestCredentialResolver::assumeRoleSeam()
{
    // Stands in for the STS client that does not exist yet: records what it is asked
    // and answers with keys derived from the request.
    QList<AssumeRoleRequest> asked;
    CredentialResolver resolver(nullptr,
                                environment({{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENVSRC")},
                                             {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("envSrc")}}));
    resolver.setAssumeRole(
        [&asked](const AssumeRoleRequest &request, QObject *context, CredentialResolver::CredentialsCallback done) {
            asked << request;
            Credentials role;
            role.accessKeyId = QStringLiteral("ASIA") + request.roleArn.section(QLatin1Char('/'), -1).toUpper();
            role.secretAccessKey = Secret(QStringLiteral("roleSecret"));
            role.sessionToken = Secret(QStringLiteral("roleToken"));
            QMetaObject::invokeMethod(
                context, [done, role] { done(role); }, Qt::QueuedConnection);
        });

    const auto viaProfile = resolve(resolver, QStringLiteral("role"));
    QVERIFY2(viaProfile.ok(), qPrintable(viaProfile.ok() ? QString() : viaProfile.error().message));
    QCOMPARE(viaProfile.value().credentials.accessKeyId, QStringLiteral("ASIASUPPORT"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).sourceCredentials.accessKeyId,
             QStringLiteral("AKIAENVPROF"));  // from source_profile, not the environment
    QCOMPARE(asked.at(0).externalId, QStringLiteral("ext-1"));
    QCOMPARE(asked.at(0).durationSeconds, std::optional<int>(1800));
    QCOMPARE(asked.at(0).roleSessionName, QStringLiteral("jobdesk"));
    QCOMPARE(asked.at(0).mfaSerial, QStringLiteral("arn:aws:iam::123456789012:mfa/me"));
    QCOMPARE(asked.at(0).region, QStringLiteral("us-west-2"));

    asked.clear();
    const auto viaEnvironment = resolve(resolver, QStringLiteral("role-env"));
    QVERIFY(viaEnvironment.ok());
    QCOMPARE(asked.at(0).sourceCredentials.accessKeyId, QStringLiteral("AKIAENVSRC"));

    // Role chaining: the outer role is assumed with the inner role's keys.
    asked.clear();
    const auto chained = resolve(resolver, QStringLiteral("role-chain"));
    QVERIFY(chained.ok());
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.at(1).sourceCredentials.accessKeyId, QStringLiteral("ASIASUPPORT"));
    QCOMPARE(chained.value().credentials.accessKeyId, QStringLiteral("ASIAOUTER"));
}

void TestCredentialResolver::assumeRoleLoop()
{
    CredentialResolver resolver(nullptr, environment());
    resolver.setAssumeRole([](const AssumeRoleRequest &, QObject *, CredentialResolver::CredentialsCallback done) {
        done(jobdesk::Error::make(jobdesk::Error::Kind::Service, QStringLiteral("Unexpected"),
                                  QStringLiteral("should not be asked")));
    });
    const auto resolved = resolve(resolver, QStringLiteral("loop-a"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, QStringLiteral("InvalidConfig"));
    QVERIFY(resolved.error().message.contains(QStringLiteral("loop")));
}

QTEST_GUILESS_MAIN(TestCredentialResolver)
#include "tst_credentialresolver.moc"
