#include "support/ststestbed.h"

#include <QStandardPaths>
#include <QTest>

#include <optional>

namespace jobdesk::test {

QByteArray sts::awsDocAnswer()
{
    return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
           "<AssumeRoleResult>\n"
           "<SourceIdentity>DevUser123</SourceIdentity>\n"
           "<AssumedRoleUser>\n"
           "  <Arn>arn:aws:sts::123456789012:assumed-role/demo/John</Arn>\n"
           "  <AssumedRoleId>ARO123EXAMPLE123:John</AssumedRoleId>\n"
           "</AssumedRoleUser>\n"
           "<Credentials>\n"
           "  <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>\n"
           "  <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\n"
           "  <Expiration>2019-07-15T23:28:33.359Z</Expiration>\n"
           "  <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
           "</Credentials>\n"
           "<PackedPolicySize>8</PackedPolicySize>\n"
           "</AssumeRoleResult>\n"
           "<ResponseMetadata>\n"
           "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n"
           "</ResponseMetadata>\n"
           "</AssumeRoleResponse>\n";
}

void StsTestBed::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void StsTestBed::init()
{
    // "Now", pinned: the AWS CLIs sign with the real time, which stays within the fake's window.
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<fake::FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    m_fake->addCredentials(sts::AccessKey, Secret(sts::SecretKey));
    m_fake->addRole(fake::FakeRole{sts::PlainRole, {}, {}, QStringLiteral("123456"), 7200, {}});
    m_fake->addRole(
        fake::FakeRole{sts::ExternalRole, QStringLiteral("partner-ext-42"), {}, QStringLiteral("123456"), 3600, {}});
    m_fake->addRole(fake::FakeRole{sts::MfaRole, {}, sts::MfaSerial, QStringLiteral("246810"), 3600, {}});
    QVERIFY(m_fake->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<aws::AwsClient>(m_network.get());
    m_sts = std::make_unique<aws::StsClient>(m_client.get());
}

void StsTestBed::cleanup()
{
    m_sts.reset();
    m_client.reset();
    m_network.reset();
    m_fake.reset();
    m_clock.reset();
}

aws::ClientConfig StsTestBed::config(const QString &accessKey, const QString &secret, const QString &token) const
{
    aws::ClientConfig c;
    c.endpoint = aws::StsClient::endpoint(QStringLiteral("us-east-1"), m_fake->url()).value();
    c.credentials.accessKeyId = accessKey;
    c.credentials.secretAccessKey = Secret(secret);
    c.credentials.sessionToken = Secret(token);
    c.clock = m_clock.get();
    c.jitter = [] { return 0.0; };
    return c;
}

aws::AssumeRoleParams StsTestBed::params(const QString &role, const QString &session)
{
    aws::AssumeRoleParams p;
    p.roleArn = role;
    p.roleSessionName = session;
    return p;
}

aws::AssumeRoleParams StsTestBed::params(const QString &role, const QString &session, const QString &externalId,
                                         int durationSeconds, const QString &serial, const QString &code)
{
    aws::AssumeRoleParams p = params(role, session);
    p.externalId = externalId;
    if (durationSeconds)
        p.durationSeconds = durationSeconds;
    p.serialNumber = serial;
    p.tokenCode = Secret(code);
    return p;
}

void StsTestBed::addParamsColumns()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("code");
}

aws::AssumeRoleParams StsTestBed::fetchParams()
{
    QFETCH(QString, role);
    QFETCH(QString, session);
    QFETCH(QString, externalId);
    QFETCH(int, duration);
    QFETCH(QString, serial);
    QFETCH(QString, code);
    return params(role, session, externalId, duration, serial, code);
}

Result<aws::AssumedRole> StsTestBed::assume(const aws::ClientConfig &c, const aws::AssumeRoleParams &p)
{
    std::optional<Result<aws::AssumedRole>> answer;
    m_sts->assumeRole(c, p, this, [&](Result<aws::AssumedRole> r) { answer.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 60000))
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

}  // namespace jobdesk::test
