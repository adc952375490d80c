// Assume-role profiles end to end: the shared config's role_arn settings, read by the
// CredentialResolver, become real AssumeRole calls to the fake STS through StsClient
// (source_profile, credential_source = Environment, external_id, duration, MFA through
// the caller's prompt, role chaining, caching on a fixed clock), and the keys they give
// fetch a job from the fake CodePipeline. The AWS CLI, run on the same config files,
// must assume the same roles with the same settings.

#include "core/aws/awsclient.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/stsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/profiles/credentialresolver.h"
#include "fake/fakecodepipeline.h"
#include "support/asyncwait.h"
#include "support/corefixtures.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace jobdesk;
using jobdesk::aws::Credentials;
using jobdesk::fake::FakeCodePipeline;
using jobdesk::fake::FakeJob;
using jobdesk::fake::FakeRole;
using jobdesk::profiles::CredentialResolver;
using jobdesk::profiles::ResolvedConfig;

namespace {

const QString SourceKey = QStringLiteral("AKIAASSUMESOURCE0001");
const QString SourceSecret = QStringLiteral("sourceSecretKey/+0123456789abcdefABCDEF");
const QString SupportRole = QStringLiteral("arn:aws:iam::111122223333:role/Support");
const QString PartnerRole = QStringLiteral("arn:aws:iam::111122223333:role/Partner");
const QString GuardedRole = QStringLiteral("arn:aws:iam::111122223333:role/Guarded");
const QString OuterRole = QStringLiteral("arn:aws:iam::444455556666:role/CrossAccount");
const QString MfaSerial = QStringLiteral("arn:aws:iam::111122223333:mfa/support-person");
const QString MfaCode = QStringLiteral("246810");
const QString JobId = QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
const QString ClientToken = QStringLiteral("client-token-for-assume-role");

using EnvVars = QMap<QString, QString>;

}  // namespace

Q_DECLARE_METATYPE(EnvVars)
Q_DECLARE_METATYPE(std::optional<QString>)

class TestAssumeRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sourceProfile();
    void externalIdAndSessionSettings();
    void credentialSourceEnvironment_data();
    void credentialSourceEnvironment();
    void mfa_data();
    void mfa();
    void mfaWithoutPrompt();
    void mfaAskedOnceForConcurrentRequests();
    void roleChaining();
    void cachedUntilNearExpiry();
    void endToEndJobFetch();
    void awsCliAssumesTheSameRoles_data();
    void awsCliAssumesTheSameRoles();

private:
    QProcessEnvironment environment(const EnvVars &extra = {}) const
    {
        return test::sharedConfigEnvironment(m_dir.path(), extra);
    }
    std::unique_ptr<CredentialResolver> resolver(const EnvVars &extra = {})
    {
        auto r = std::make_unique<CredentialResolver>(nullptr, environment(extra), *m_clock);
        aws::ClientConfig base;
        base.jitter = [] { return 0.0; };
        r->setStsClient(m_sts.get(), base);
        return r;
    }
    Result<ResolvedConfig> resolve(CredentialResolver &r, const QString &profile)
    {
        return *test::waitFor<Result<ResolvedConfig>>([&](auto done) { r.resolve(profile, this, std::move(done)); });
    }
    Result<codepipeline::OperationResult> fetchJob(const ResolvedConfig &config)
    {
        auto endpoint = aws::EndpointResolver::resolve(config.region, false, config.endpointUrl.toString());
        if (!endpoint)
            return endpoint.error();
        aws::ClientConfig client;
        client.endpoint = endpoint.value();
        client.credentials = config.credentials;
        client.clock = m_clock.get();
        codepipeline::Json params;
        params["jobId"] = JobId.toStdString();
        params["clientToken"] = ClientToken.toStdString();
        const auto *operation = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
        codepipeline::OperationCall *call =
            codepipeline::OperationCall::start(m_client.get(), client, *operation, params);
        std::optional<Result<codepipeline::OperationResult>> result;
        connect(call, &codepipeline::OperationCall::finished, this, [&result, call] { result = call->result(); });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000))
            return Error::make(Error::Kind::Timeout, QStringLiteral("TestHang"), QStringLiteral("no answer"));
        return *result;
    }
    void writeFile(const QString &name, const QString &text)
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsClient> m_client;
    std::unique_ptr<aws::StsClient> m_sts;
};

void TestAssumeRole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestAssumeRole::init()
{
    // The real time, pinned: our signatures and the fake's expirations follow this clock,
    // and the AWS CLI's real-time signatures stay inside the fake's window.
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    m_fake->addCredentials(SourceKey, Secret(SourceSecret));
    m_fake->addRole(FakeRole{SupportRole, {}, {}, MfaCode, 3600, {SourceKey}});
    m_fake->addRole(FakeRole{PartnerRole, QStringLiteral("partner-ext-42"), {}, MfaCode, 3600, {}});
    m_fake->addRole(FakeRole{GuardedRole, {}, MfaSerial, MfaCode, 3600, {}});
    m_fake->addRole(FakeRole{OuterRole, {}, {}, MfaCode, 3600, {}});
    FakeJob job;
    job.jobId = JobId;
    job.clientToken = ClientToken;
    job.nonce = QStringLiteral("3");
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"),
                        QStringLiteral("1")};
    QVERIFY(m_fake->addJob(job).ok());
    QVERIFY(m_fake->listen());

    const QString endpoint = m_fake->url().toString();
    writeFile(
        QStringLiteral("credentials"),
        QStringLiteral("[source]\naws_access_key_id = %1\naws_secret_access_key = %2\n").arg(SourceKey, SourceSecret));
    writeFile(QStringLiteral("config"),
              QStringLiteral(
                  "[default]\nregion = us-east-1\n"
                  "[profile support]\nrole_arn = %1\nsource_profile = source\nregion = us-east-1\nendpoint_url = %6\n"
                  "[profile partner]\nrole_arn = %2\nsource_profile = source\nexternal_id = partner-ext-42\n"
                  "role_session_name = ticket-42\nduration_seconds = 1800\nregion = eu-west-1\nendpoint_url = %6\n"
                  "[profile partner-wrong-id]\nrole_arn = %2\nsource_profile = source\nexternal_id = partner-ext-43\n"
                  "endpoint_url = %6\n"
                  "[profile guarded]\nrole_arn = %3\nsource_profile = source\nmfa_serial = %5\nregion = us-east-1\n"
                  "endpoint_url = %6\n"
                  "[profile from-env]\nrole_arn = %1\ncredential_source = Environment\nregion = "
                  "us-east-1\nendpoint_url = %6\n"
                  "[profile chained]\nrole_arn = %4\nsource_profile = guarded\nrole_session_name = outer\n"
                  "region = us-east-1\nendpoint_url = %6\n")
                  .arg(SupportRole, PartnerRole, GuardedRole, OuterRole, MfaSerial, endpoint));

    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<aws::AwsClient>(m_network.get());
    m_sts = std::make_unique<aws::StsClient>(m_client.get());
}

void TestAssumeRole::cleanup()
{
    m_sts.reset();
    m_client.reset();
    m_network.reset();
    m_fake.reset();
    m_clock.reset();
}

void TestAssumeRole::sourceProfile()
{
    auto r = resolver();
    const auto resolved = resolve(*r, QStringLiteral("support"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
    const Credentials &keys = resolved.value().credentials;
    QVERIFY(keys.accessKeyId.startsWith(QLatin1String("ASIA")));
    QVERIFY(!keys.sessionToken.isEmpty());
    QCOMPARE(keys.expiration, QDateTime::fromSecsSinceEpoch(m_clock->nowUtc().toSecsSinceEpoch() + 3600, Qt::UTC));
    QVERIFY(resolved.value().credentialSource.contains(SupportRole));
    QCOMPARE(resolved.value().region, QStringLiteral("us-east-1"));

    const auto sessions = m_fake->roleSessions();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).roleArn, SupportRole);
    QCOMPARE(sessions.at(0).sourceAccessKeyId, SourceKey);
    QCOMPARE(sessions.at(0).accessKeyId, keys.accessKeyId);
    // No role_session_name: JobDesk's own default, like botocore's botocore-session-<epoch>.
    QCOMPARE(sessions.at(0).sessionName,
             QStringLiteral("jobdesk-session-%1").arg(m_clock->nowUtc().toSecsSinceEpoch()));
    QCOMPARE(CredentialResolver::defaultRoleSessionName(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC)),
             QStringLiteral("jobdesk-session-1704164645"));
    // STS was asked with the source keys, for service sts in the profile's region.
    QVERIFY(m_fake->roleSessions().size() == 1);
}

void TestAssumeRole::externalIdAndSessionSettings()
{
    auto r = resolver();
    const auto resolved = resolve(*r, QStringLiteral("partner"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
    const auto session = m_fake->roleSessions().constLast();
    QCOMPARE(session.roleArn, PartnerRole);
    QCOMPARE(session.externalId, QStringLiteral("partner-ext-42"));
    QCOMPARE(session.sessionName, QStringLiteral("ticket-42"));
    QCOMPARE(session.durationSeconds, 1800);
    QCOMPARE(resolved.value().credentials.expiration, session.expiration);
    // The STS request was signed for the profile's region.
    QVERIFY(m_fake->lastRequestHeader("authorization").contains("/eu-west-1/sts/aws4_request"));

    const auto wrongId = resolve(*r, QStringLiteral("partner-wrong-id"));
    QVERIFY(!wrongId.ok());
    QCOMPARE(wrongId.error().kind, Error::Kind::Service);
    QCOMPARE(wrongId.error().code, QStringLiteral("AccessDenied"));
    QVERIFY(wrongId.error().message.contains(PartnerRole));
    QVERIFY(wrongId.error().hint.contains(QLatin1String("external_id")));
    QVERIFY(!wrongId.error().requestId.isEmpty());
}

void TestAssumeRole::credentialSourceEnvironment_data()
{
    QTest::addColumn<EnvVars>("env");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("keys in the environment") << EnvVars{{QStringLiteral("AWS_ACCESS_KEY_ID"), SourceKey},
                                                        {QStringLiteral("AWS_SECRET_ACCESS_KEY"), SourceSecret}}
                                             << QString();
    QTest::newRow("no keys") << EnvVars{} << QStringLiteral("NoCredentials");
    QTest::newRow("keys STS does not know")
        << EnvVars{{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAUNKNOWNKEY000001")},
                   {QStringLiteral("AWS_SECRET_ACCESS_KEY"), SourceSecret}}
        << QStringLiteral("InvalidClientTokenId");
    QTest::newRow("wrong secret") << EnvVars{{QStringLiteral("AWS_ACCESS_KEY_ID"), SourceKey},
                                             {QStringLiteral("AWS_SECRET_ACCESS_KEY"),
                                              QStringLiteral("not-the-secret")}}
                                  << QStringLiteral("SignatureDoesNotMatch");
}

void TestAssumeRole::credentialSourceEnvironment()
{
    QFETCH(EnvVars, env);
    QFETCH(QString, errorCode);
    auto r = resolver(env);
    const auto resolved = resolve(*r, QStringLiteral("from-env"));
    if (errorCode.isEmpty()) {
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
        QCOMPARE(m_fake->roleSessions().constLast().sourceAccessKeyId, SourceKey);
        QCOMPARE(resolved.value().credentials.accessKeyId, m_fake->roleSessions().constLast().accessKeyId);
    } else {
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().code, errorCode);
        QVERIFY(m_fake->roleSessions().isEmpty());
    }
}

void TestAssumeRole::mfa_data()
{
    QTest::addColumn<std::optional<QString>>("answer");
    QTest::addColumn<bool>("answerLater");  // as a dialog would, from the event loop
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<int>("stsCalls");
    QTest::newRow("right code") << std::optional<QString>(MfaCode) << false << QString() << 1;
    QTest::newRow("right code, later") << std::optional<QString>(MfaCode) << true << QString() << 1;
    QTest::newRow("typed with spaces") << std::optional<QString>(QStringLiteral(" 246 810 ")) << false << QString()
                                       << 1;
    QTest::newRow("wrong code") << std::optional<QString>(QStringLiteral("135791")) << false
                                << QStringLiteral("AccessDenied") << 1;
    QTest::newRow("cancelled") << std::optional<QString>() << false << QStringLiteral("MfaCancelled") << 0;
    QTest::newRow("cancelled later") << std::optional<QString>() << true << QStringLiteral("MfaCancelled") << 0;
    QTest::newRow("not a code") << std::optional<QString>(QStringLiteral("24681a")) << false
                                << QStringLiteral("InvalidMfaCode") << 0;
    QTest::newRow("empty") << std::optional<QString>(QString()) << false << QStringLiteral("InvalidMfaCode") << 0;
}

void TestAssumeRole::mfa()
{
    QFETCH(std::optional<QString>, answer);
    QFETCH(bool, answerLater);
    QFETCH(QString, errorCode);
    QFETCH(int, stsCalls);

    auto r = resolver();
    QList<CredentialResolver::MfaChallenge> asked;
    r->setMfaPrompt([&](const CredentialResolver::MfaChallenge &challenge, CredentialResolver::MfaAnswer reply) {
        asked << challenge;
        if (answerLater)
            QTimer::singleShot(0, this, [reply, answer] { reply(answer); });
        else
            reply(answer);
    });
    const auto resolved = resolve(*r, QStringLiteral("guarded"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).profileName, QStringLiteral("guarded"));
    QCOMPARE(asked.at(0).roleArn, GuardedRole);
    QCOMPARE(asked.at(0).mfaSerial, MfaSerial);
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), stsCalls);

    if (errorCode.isEmpty()) {
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
        QCOMPARE(m_fake->roleSessions().constLast().serialNumber, MfaSerial);
        QVERIFY(m_fake->lastRequestBody().contains("&TokenCode=246810"));
        return;
    }
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, errorCode);
    QVERIFY(!resolved.error().message.isEmpty());
    QVERIFY(!resolved.error().hint.isEmpty());
    if (errorCode == QLatin1String("MfaCancelled")) {
        QCOMPARE(resolved.error().kind, Error::Kind::Cancelled);
        QCOMPARE(resolved.error().message,
                 QStringLiteral("No MFA code was entered, so profile “guarded” did not assume the role %1.")
                     .arg(GuardedRole));
        QVERIFY(resolved.error().hint.contains(MfaSerial));
    }
    if (errorCode == QLatin1String("AccessDenied"))
        QVERIFY(resolved.error().message.contains(QLatin1String("MultiFactorAuthentication failed")));

    // A failure is not cached: the next request asks again.
    const auto again = resolve(*r, QStringLiteral("guarded"));
    QCOMPARE(asked.size(), 2);
    Q_UNUSED(again);
}

void TestAssumeRole::mfaWithoutPrompt()
{
    auto r = resolver();
    const auto resolved = resolve(*r, QStringLiteral("guarded"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, QStringLiteral("MfaPromptUnavailable"));
    QVERIFY(resolved.error().message.contains(MfaSerial));
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 0);
}

void TestAssumeRole::mfaAskedOnceForConcurrentRequests()
{
    auto r = resolver();
    QList<CredentialResolver::MfaAnswer> pending;
    r->setMfaPrompt(
        [&](const CredentialResolver::MfaChallenge &, CredentialResolver::MfaAnswer reply) { pending << reply; });

    // Two lookups start before the person has answered the one prompt.
    std::optional<Result<ResolvedConfig>> first;
    std::optional<Result<ResolvedConfig>> second;
    r->resolve(QStringLiteral("guarded"), this, [&](Result<ResolvedConfig> c) { first.emplace(std::move(c)); });
    r->resolve(QStringLiteral("guarded"), this, [&](Result<ResolvedConfig> c) { second.emplace(std::move(c)); });
    QVERIFY(QTest::qWaitFor([&] { return !pending.isEmpty(); }, 30000));
    QTest::qWait(0);
    QCOMPARE(pending.size(), 1);
    pending.constFirst()(MfaCode);
    QVERIFY(QTest::qWaitFor([&] { return first && second; }, 30000));
    QVERIFY(first->ok() && second->ok());
    QCOMPARE(first->value().credentials.accessKeyId, second->value().credentials.accessKeyId);
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 1);

    // Answering twice does nothing more.
    pending.constFirst()(MfaCode);
    QTest::qWait(0);
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 1);

    // Later lookups use the cached keys without a prompt.
    QVERIFY(resolve(*r, QStringLiteral("guarded")).ok());
    QCOMPARE(pending.size(), 1);
}

void TestAssumeRole::roleChaining()
{
    auto r = resolver();
    int prompts = 0;
    r->setMfaPrompt([&](const CredentialResolver::MfaChallenge &challenge, CredentialResolver::MfaAnswer reply) {
        ++prompts;
        QCOMPARE(challenge.roleArn, GuardedRole);  // the inner role has the MFA, not the outer one
        reply(MfaCode);
    });
    const auto resolved = resolve(*r, QStringLiteral("chained"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
    QCOMPARE(prompts, 1);
    const auto sessions = m_fake->roleSessions();
    QCOMPARE(sessions.size(), 2);
    QCOMPARE(sessions.at(0).roleArn, GuardedRole);
    QCOMPARE(sessions.at(0).sourceAccessKeyId, SourceKey);
    QCOMPARE(sessions.at(1).roleArn, OuterRole);
    QCOMPARE(sessions.at(1).sourceAccessKeyId, sessions.at(0).accessKeyId);
    QCOMPARE(sessions.at(1).sessionName, QStringLiteral("outer"));
    QCOMPARE(resolved.value().credentials.accessKeyId, sessions.at(1).accessKeyId);

    // Both links are cached: nothing is asked again.
    QVERIFY(resolve(*r, QStringLiteral("chained")).ok());
    QCOMPARE(prompts, 1);
    QCOMPARE(m_fake->roleSessions().size(), 2);
}

void TestAssumeRole::cachedUntilNearExpiry()
{
    auto r = resolver();
    int prompts = 0;
    r->setMfaPrompt([&](const CredentialResolver::MfaChallenge &, CredentialResolver::MfaAnswer reply) {
        ++prompts;
        reply(MfaCode);
    });
    const auto first = resolve(*r, QStringLiteral("support"));
    QVERIFY(first.ok());
    const QDateTime expiration = first.value().credentials.expiration;
    const auto guarded = resolve(*r, QStringLiteral("guarded"));
    QVERIFY(guarded.ok());
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 2);

    // Reused while more than the refresh margin is left.
    const qint64 margin =
        std::chrono::duration_cast<std::chrono::seconds>(CredentialResolver::roleRefreshMargin).count();
    for (const qint64 before : {qint64(3000), margin + 60, margin + 1}) {
        m_clock->set(expiration.addSecs(-before));
        const auto again = resolve(*r, QStringLiteral("support"));
        QVERIFY(again.ok());
        QCOMPARE(again.value().credentials.accessKeyId, first.value().credentials.accessKeyId);
        QVERIFY(resolve(*r, QStringLiteral("guarded")).ok());
    }
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 2);
    QCOMPARE(prompts, 1);

    // Within the margin: new keys, and a new MFA prompt for the guarded role.
    m_clock->set(expiration.addSecs(-margin));
    const auto renewed = resolve(*r, QStringLiteral("support"));
    QVERIFY(renewed.ok());
    QVERIFY(renewed.value().credentials.accessKeyId != first.value().credentials.accessKeyId);
    QCOMPARE(renewed.value().credentials.expiration, m_clock->nowUtc().addSecs(3600));
    QVERIFY(resolve(*r, QStringLiteral("guarded")).ok());
    QCOMPARE(prompts, 2);
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 4);

    // clearCache() forgets them at once.
    r->clearCache();
    QVERIFY(resolve(*r, QStringLiteral("support")).ok());
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 5);
}

void TestAssumeRole::endToEndJobFetch()
{
    auto r = resolver();
    const auto resolved = resolve(*r, QStringLiteral("support"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
    QCOMPARE(resolved.value().endpointUrl, m_fake->url());

    const auto job = fetchJob(resolved.value());
    QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().summary()));
    QCOMPARE(QString::fromStdString(job.value().response.data["jobDetails"]["id"].get<std::string>()), JobId);
    // Signed with the role's keys and session token, not the source keys.
    const QByteArray signedBy =
        "AWS4-HMAC-SHA256 Credential=" + resolved.value().credentials.accessKeyId.toLatin1() + '/';
    QVERIFY(m_fake->lastRequestHeader("authorization").startsWith(signedBy));
    QCOMPARE(m_fake->lastRequestHeader("x-amz-security-token"), resolved.value().credentials.sessionToken.reveal());
    QCOMPARE(m_fake->requestCount(JobId), 1);

    // Once the role's keys have expired, CodePipeline refuses them; resolving again gives fresh ones.
    m_clock->set(resolved.value().credentials.expiration.addSecs(1));
    const auto stale = fetchJob(resolved.value());
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().code, QStringLiteral("ExpiredTokenException"));
    const auto fresh = resolve(*r, QStringLiteral("support"));
    QVERIFY(fresh.ok());
    QVERIFY(fresh.value().credentials.accessKeyId != resolved.value().credentials.accessKeyId);
    QVERIFY(fetchJob(fresh.value()).ok());
}

void TestAssumeRole::awsCliAssumesTheSameRoles_data()
{
    QTest::addColumn<QString>("cli");
    QTest::addColumn<QString>("profile");
    // endpoint_url in the config file (which sends the CLI's STS call to the fake too)
    // arrived in AWS CLI v1.29 / botocore 1.31 and in v2.13; older CLIs would call real AWS.
    static const QRegularExpression version(
        QStringLiteral("^aws-cli/(\\d+)\\.(\\d+)\\.\\d+ .*?botocore/(\\d+)\\.(\\d+)"));
    int rows = 0;
    for (const QString &cli : test::awsClis()) {
        const test::ProcessOutput out = test::runProcess(cli, {QStringLiteral("--version")});
        const QString text = QString::fromUtf8(out.out + out.err).trimmed();
        const QRegularExpressionMatch m = version.match(text);
        const bool v2 = text.startsWith(QLatin1String("aws-cli/2."));
        const auto atLeast = [](int major, int minor, int wantMajor, int wantMinor) {
            return major > wantMajor || (major == wantMajor && minor >= wantMinor);
        };
        const bool supported = v2 ? atLeast(2, text.section(QLatin1Char('.'), 1, 1).toInt(), 2, 13)
                                  : m.hasMatch() && atLeast(m.captured(3).toInt(), m.captured(4).toInt(), 1, 31);
        if (!supported)
            continue;
        for (const QString &profile : {QStringLiteral("support"), QStringLiteral("partner")}) {
            QTest::addRow("%s %s", qPrintable(cli), qPrintable(profile)) << cli << profile;
            ++rows;
        }
    }
    QVERIFY2(rows > 0, "no installed AWS CLI reads endpoint_url from the config file");
}

void TestAssumeRole::awsCliAssumesTheSameRoles()
{
    QFETCH(QString, cli);
    QFETCH(QString, profile);

    // The AWS CLI on the same files: it must assume the role with the same settings we use
    // (apart from the generated session name) and fetch the job with the role's keys.
    QProcessEnvironment env = environment({{QStringLiteral("AWS_PAGER"), QString()},
                                           {QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost")}});
    const test::ProcessOutput out = test::runProcessServing(
        cli,
        {QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"), QStringLiteral("--profile"),
         profile, QStringLiteral("--job-id"), JobId, QStringLiteral("--client-token"), ClientToken,
         QStringLiteral("--output"), QStringLiteral("json")},
        env);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(QJsonDocument::fromJson(out.out)
                 .object()
                 .value(QStringLiteral("jobDetails"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             JobId);
    QCOMPARE(m_fake->roleSessions().size(), 1);
    const auto theirs = m_fake->roleSessions().constFirst();
    QVERIFY(m_fake->lastRequestHeader("authorization").contains(theirs.accessKeyId.toLatin1()));

    auto r = resolver();
    const auto resolved = resolve(*r, profile);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().summary()));
    QCOMPARE(m_fake->roleSessions().size(), 2);
    const auto ours = m_fake->roleSessions().constLast();
    QCOMPARE(ours.roleArn, theirs.roleArn);
    QCOMPARE(ours.externalId, theirs.externalId);
    QCOMPARE(ours.durationSeconds, theirs.durationSeconds);
    QCOMPARE(ours.serialNumber, theirs.serialNumber);
    QCOMPARE(ours.sourceAccessKeyId, theirs.sourceAccessKeyId);
    if (profile == QLatin1String("partner")) {
        QCOMPARE(ours.sessionName, theirs.sessionName);
    } else {
        QVERIFY2(theirs.sessionName.startsWith(QLatin1String("botocore-session-")), qPrintable(theirs.sessionName));
        QVERIFY(ours.sessionName.startsWith(QLatin1String("jobdesk-session-")));
    }
    QVERIFY(fetchJob(resolved.value()).ok());
}

QTEST_GUILESS_MAIN(TestAssumeRole)
#include "tst_assumerole.moc"
