// StsClient: endpoints, the AssumeRole form body and its checks, the XML answers, and
// real round trips against the fake STS. The request is cross-checked against botocore
// (serializer and signer), and the fake STS itself against the real AWS CLIs, which must
// accept its signature checks and XML answers.

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "fake/fakecodepipeline.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace jobdesk;
using namespace jobdesk::aws;
using jobdesk::fake::FakeCodePipeline;
using jobdesk::fake::FakeRole;

namespace {

const QString AccessKey = QStringLiteral("AKIDSTSEXAMPLE");
const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYSTSEXAMPLE");
const QString PlainRole = QStringLiteral("arn:aws:iam::123456789012:role/Support");
const QString ExternalRole = QStringLiteral("arn:aws:iam::123456789012:role/Partner");
const QString MfaRole = QStringLiteral("arn:aws:iam::123456789012:role/Guarded");
const QString MfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/support-person");

// Answers every connection with one fixed HTTP response, for answers the fake never gives.
class CannedServer : public QTcpServer
{
public:
    explicit CannedServer(QByteArray response) : m_response(std::move(response))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    if (m_received.contains("\r\n\r\n") && !m_answered) {
                        m_answered = true;
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    int requests() const { return int(m_received.count("POST / ")); }
    void rearm() { m_answered = false; }

private:
    QByteArray m_response;
    QByteArray m_received;
    bool m_answered = false;
};

QByteArray httpAnswer(int status, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
        + "\r\nx-amzn-RequestId: canned-request-id\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

const QByteArray AwsDocAnswer = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
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

}  // namespace

class TestStsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void endpoint_data();
    void endpoint();
    void body_data();
    void body();
    void validate_data();
    void validate();
    void parseAnswer();
    void parseAnswer_malformed_data();
    void parseAnswer_malformed();
    void parseError();

    void fake_success();
    void fake_errors_data();
    void fake_errors();
    void fake_chainingAndExpiry();
    void fake_malformedAnswers_data();
    void fake_malformedAnswers();
    void fake_serverErrorRetried();
    void fake_fixtureRoles();
    void fake_fixtureRolesInvalid_data();
    void fake_fixtureRolesInvalid();

    void botocore_sameRequest_data();
    void botocore_sameRequest();
    void awsCli_acceptsFakeSts_data();
    void awsCli_acceptsFakeSts();
    void awsCli_seesFakeStsErrors_data();
    void awsCli_seesFakeStsErrors();

private:
    ClientConfig config(const QString &accessKey = AccessKey, const QString &secret = SecretKey,
                        const QString &token = {}) const
    {
        ClientConfig c;
        c.endpoint = StsClient::endpoint(QStringLiteral("us-east-1"), m_fake->url()).value();
        c.credentials.accessKeyId = accessKey;
        c.credentials.secretAccessKey = Secret(secret);
        c.credentials.sessionToken = Secret(token);
        c.clock = m_clock.get();
        c.jitter = [] { return 0.0; };
        return c;
    }
    static AssumeRoleParams params(const QString &role, const QString &session = QStringLiteral("jobdesk-test"))
    {
        AssumeRoleParams p;
        p.roleArn = role;
        p.roleSessionName = session;
        return p;
    }
    Result<AssumedRole> assume(const ClientConfig &c, const AssumeRoleParams &p)
    {
        std::optional<Result<AssumedRole>> answer;
        m_sts->assumeRole(c, p, this, [&](Result<AssumedRole> r) { answer.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 60000))
            return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
        return *answer;
    }
    struct CliRun
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    CliRun runCli(const QString &cli, const QStringList &args, const QString &secret = SecretKey)
    {
        QProcessEnvironment env = test::referenceEnvironment(AccessKey, secret);
        env.remove(QStringLiteral("AWS_ENDPOINT_URL_STS"));
        const test::ProcessOutput out = test::runProcessServing(cli, args, env);
        return {out.started && !out.crashed ? out.exitCode : -1, out.out, out.err};
    }

    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<AwsClient> m_client;
    std::unique_ptr<StsClient> m_sts;
};

void TestStsClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStsClient::init()
{
    // "Now", pinned: the AWS CLIs sign with the real time, which stays within the fake's window.
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    m_fake->addCredentials(AccessKey, Secret(SecretKey));
    m_fake->addRole(FakeRole{PlainRole, {}, {}, QStringLiteral("123456"), 7200, {}});
    m_fake->addRole(FakeRole{ExternalRole, QStringLiteral("partner-ext-42"), {}, QStringLiteral("123456"), 3600, {}});
    m_fake->addRole(FakeRole{MfaRole, {}, MfaSerial, QStringLiteral("246810"), 3600, {}});
    QVERIFY(m_fake->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<AwsClient>(m_network.get());
    m_sts = std::make_unique<StsClient>(m_client.get());
}

void TestStsClient::cleanup()
{
    m_sts.reset();
    m_client.reset();
    m_network.reset();
    m_fake.reset();
    m_clock.reset();
}

void TestStsClient::endpoint_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QUrl>("override");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("signingRegion");
    QTest::addColumn<bool>("custom");
    QTest::newRow("regional") << "eu-west-2" << QUrl() << "https://sts.eu-west-2.amazonaws.com/"
                              << "eu-west-2" << false;
    QTest::newRow("us-east-1 is regional too") << "us-east-1" << QUrl() << "https://sts.us-east-1.amazonaws.com/"
                                               << "us-east-1" << false;
    QTest::newRow("china") << "cn-north-1" << QUrl() << "https://sts.cn-north-1.amazonaws.com.cn/"
                           << "cn-north-1" << false;
    QTest::newRow("govcloud") << "us-gov-west-1" << QUrl() << "https://sts.us-gov-west-1.amazonaws.com/"
                              << "us-gov-west-1" << false;
    QTest::newRow("no region: global") << "" << QUrl() << "https://sts.amazonaws.com/"
                                       << "us-east-1" << false;
    QTest::newRow("override") << "ap-south-1" << QUrl(QStringLiteral("http://127.0.0.1:9000"))
                              << "http://127.0.0.1:9000"
                              << "ap-south-1" << true;
    QTest::newRow("override, no region") << "" << QUrl(QStringLiteral("https://sts.example.test/"))
                                         << "https://sts.example.test/"
                                         << "us-east-1" << true;
}

void TestStsClient::endpoint()
{
    QFETCH(QString, region);
    QFETCH(QUrl, override);
    QFETCH(QString, url);
    QFETCH(QString, signingRegion);
    QFETCH(bool, custom);
    const auto e = StsClient::endpoint(region, override);
    QVERIFY(e.ok());
    QCOMPARE(e.value().url.toString(), url);
    QCOMPARE(e.value().signingRegion, signingRegion);
    QCOMPARE(e.value().custom, custom);

    QVERIFY(!StsClient::endpoint(QStringLiteral("Europe")).ok());
    QCOMPARE(StsClient::endpoint(QStringLiteral("us-east-1"), QUrl(QStringLiteral("ftp://x"))).error().kind,
             Error::Kind::Validation);
}

void TestStsClient::body_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("minimal")
        << PlainRole << "jobdesk-session-1700000000"
        << "" << 0 << ""
        << ""
        << QByteArray("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FSupport"
                      "&RoleSessionName=jobdesk-session-1700000000");
    QTest::newRow("everything")
        << MfaRole << "a.b@c=d,e+f"
        << "ext id/é+~" << 900 << MfaSerial << "012345"
        << QByteArray("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FGuarded"
                      "&RoleSessionName=a.b%40c%3Dd%2Ce%2Bf&DurationSeconds=900&ExternalId=ext+id%2F%C3%A9%2B~"
                      "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fsupport-person&TokenCode=012345");
}

void TestStsClient::body()
{
    QFETCH(QString, role);
    QFETCH(QString, session);
    QFETCH(QString, externalId);
    QFETCH(int, duration);
    QFETCH(QString, serial);
    QFETCH(QString, code);
    QFETCH(QByteArray, body);
    AssumeRoleParams p = params(role, session);
    p.externalId = externalId;
    if (duration)
        p.durationSeconds = duration;
    p.serialNumber = serial;
    p.tokenCode = Secret(code);
    QVERIFY(StsClient::validate(p).ok());
    QCOMPARE(StsClient::assumeRoleBody(p), body);
}

void TestStsClient::validate_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("session");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("no role") << ""
                             << "s1" << 0 << ""
                             << ""
                             << ""
                             << "RoleArn";
    QTest::newRow("short role") << "arn:aws:iam::1:role"
                                << "s1" << 0 << ""
                                << ""
                                << ""
                                << "RoleArn";
    QTest::newRow("short session") << PlainRole << "s" << 0 << ""
                                   << ""
                                   << ""
                                   << "RoleSessionName";
    QTest::newRow("session with space") << PlainRole << "my session" << 0 << ""
                                        << ""
                                        << ""
                                        << "RoleSessionName";
    QTest::newRow("long session") << PlainRole << QString(65, QLatin1Char('x')) << 0 << ""
                                  << ""
                                  << ""
                                  << "RoleSessionName";
    QTest::newRow("short duration") << PlainRole << "s1" << 899 << ""
                                    << ""
                                    << ""
                                    << "DurationSeconds";
    QTest::newRow("long duration") << PlainRole << "s1" << 43201 << ""
                                   << ""
                                   << ""
                                   << "DurationSeconds";
    QTest::newRow("short external id") << PlainRole << "s1" << 0 << "x"
                                       << ""
                                       << ""
                                       << "ExternalId";
    QTest::newRow("serial without code") << PlainRole << "s1" << 0 << "" << MfaSerial << ""
                                         << "TokenCode";
    QTest::newRow("code not digits") << PlainRole << "s1" << 0 << "" << MfaSerial << "12345a"
                                     << "TokenCode";
    QTest::newRow("code too short") << PlainRole << "s1" << 0 << "" << MfaSerial << "12345"
                                    << "TokenCode";
    QTest::newRow("code without serial") << PlainRole << "s1" << 0 << ""
                                         << ""
                                         << "123456"
                                         << "SerialNumber";
}

void TestStsClient::validate()
{
    QFETCH(QString, role);
    QFETCH(QString, session);
    QFETCH(int, duration);
    QFETCH(QString, externalId);
    QFETCH(QString, serial);
    QFETCH(QString, code);
    QFETCH(QString, field);
    AssumeRoleParams p = params(role, session);
    if (duration)
        p.durationSeconds = duration;
    p.externalId = externalId;
    p.serialNumber = serial;
    p.tokenCode = Secret(code);
    const Status s = StsClient::validate(p);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, Error::Kind::Validation);
    QCOMPARE(s.error().field, field);
    QVERIFY(!s.error().message.isEmpty());

    // Nothing invalid is sent.
    const Result<AssumedRole> sent = assume(config(), p);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().field, field);
    QCOMPARE(m_fake->requestCount(), 0);
}

void TestStsClient::parseAnswer()
{
    // The example answer of the STS API reference (elements in its order, with SourceIdentity
    // and PackedPolicySize that JobDesk does not need).
    const auto role = StsClient::parseAssumeRoleResponse(AwsDocAnswer);
    QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().message));
    QCOMPARE(role.value().credentials.accessKeyId, QStringLiteral("ASIAIOSFODNN7EXAMPLE"));
    QCOMPARE(role.value().credentials.secretAccessKey.revealText(),
             QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
    QCOMPARE(role.value().credentials.sessionToken.revealText(), QStringLiteral("AQoDYXdzEPT//////////wEXAMPLEtc764"));
    QCOMPARE(role.value().credentials.expiration, QDateTime(QDate(2019, 7, 15), QTime(23, 28, 33, 359), Qt::UTC));
    QCOMPARE(role.value().assumedRoleArn, QStringLiteral("arn:aws:sts::123456789012:assumed-role/demo/John"));
    QCOMPARE(role.value().assumedRoleId, QStringLiteral("ARO123EXAMPLE123:John"));
    QCOMPARE(role.value().requestId, QStringLiteral("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
}

void TestStsClient::parseAnswer_malformed_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("messagePart");
    QByteArray cut = AwsDocAnswer;
    cut.truncate(cut.indexOf("</Credentials>"));
    QTest::newRow("truncated") << cut << "not valid XML";
    QTest::newRow("empty") << QByteArray() << "not valid XML";
    QTest::newRow("json") << QByteArray("{\"Credentials\":{}}") << "not valid XML";
    QTest::newRow("mismatched tags") << QByteArray("<AssumeRoleResponse><AssumeRoleResult></AssumeRoleResponse>")
                                     << "not valid XML";
    QTest::newRow("doctype") << QByteArray(
        "<!DOCTYPE x [<!ENTITY a \"b\">]><AssumeRoleResponse>&a;</AssumeRoleResponse>")
                             << "document type declaration";
    QTest::newRow("other document") << QByteArray("<html><body>Gateway</body></html>") << "<html>";
    QByteArray noToken = AwsDocAnswer;
    noToken.replace("AQoDYXdzEPT//////////wEXAMPLEtc764", "");
    QTest::newRow("no session token") << noToken << "session token";
    QByteArray badTime = AwsDocAnswer;
    badTime.replace("2019-07-15T23:28:33.359Z", "tomorrow");
    QTest::newRow("bad expiration") << badTime << "tomorrow";
}

void TestStsClient::parseAnswer_malformed()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, messagePart);
    const auto role = StsClient::parseAssumeRoleResponse(xml);
    QVERIFY(!role.ok());
    QCOMPARE(role.error().kind, Error::Kind::Protocol);
    QCOMPARE(role.error().code, QStringLiteral("MalformedResponse"));
    QVERIFY2(role.error().message.contains(messagePart), qPrintable(role.error().message));
    QVERIFY(!role.error().hint.isEmpty());
}

void TestStsClient::parseError()
{
    const QByteArray xml =
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
        "  <Error>\n    <Type>Sender</Type>\n    <Code>AccessDenied</Code>\n"
        "    <Message>User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole on resource: "
        "r</Message>\n"
        "  </Error>\n  <RequestId>8d5d1c1e-0000-4000-8000-000000000001</RequestId>\n</ErrorResponse>\n";
    const auto error = StsClient::parseErrorResponse(403, xml);
    QVERIFY(error);
    QCOMPARE(error->kind, Error::Kind::Service);
    QCOMPARE(error->code, QStringLiteral("AccessDenied"));
    QVERIFY(error->message.startsWith(QStringLiteral("User: arn:aws:iam::1:user/x is not authorized")));
    QCOMPARE(error->requestId, QStringLiteral("8d5d1c1e-0000-4000-8000-000000000001"));
    QCOMPARE(error->httpStatus, 403);
    QVERIFY(error->hint.contains(QStringLiteral("trust policy")));

    QVERIFY(!StsClient::parseErrorResponse(502, "<html><body>Bad Gateway</body></html>"));
    QVERIFY(!StsClient::parseErrorResponse(500, ""));
    QVERIFY(!StsClient::parseErrorResponse(403, AwsDocAnswer));
}

void TestStsClient::fake_success()
{
    AssumeRoleParams p = params(PlainRole, QStringLiteral("support-ticket-42"));
    p.durationSeconds = 5400;
    const auto role = assume(config(), p);
    QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().summary()));
    const Credentials &keys = role.value().credentials;
    QVERIFY(keys.accessKeyId.startsWith(QLatin1String("ASIA")));
    QCOMPARE(keys.accessKeyId.size(), 20);
    QCOMPARE(keys.secretAccessKey.size(), 40);
    QVERIFY(!keys.sessionToken.isEmpty());
    const QDateTime expected = QDateTime::fromSecsSinceEpoch(m_clock->nowUtc().toSecsSinceEpoch() + 5400, Qt::UTC);
    QCOMPARE(keys.expiration, expected);
    QCOMPARE(role.value().assumedRoleArn,
             QStringLiteral("arn:aws:sts::123456789012:assumed-role/Support/support-ticket-42"));
    QVERIFY(role.value().assumedRoleId.endsWith(QLatin1String(":support-ticket-42")));
    QVERIFY(!role.value().requestId.isEmpty());

    // What went on the wire.
    QCOMPARE(m_fake->lastRequestHeader("content-type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
    QVERIFY(m_fake->lastRequestHeader("x-amz-target").isEmpty());
    QVERIFY(m_fake->lastRequestHeader("authorization").contains("/us-east-1/sts/aws4_request"));
    QCOMPARE(m_fake->lastRequestBody(), StsClient::assumeRoleBody(p));
    QCOMPARE(m_fake->operationCount(QStringLiteral("AssumeRole")), 1);
    const auto sessions = m_fake->roleSessions();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).accessKeyId, keys.accessKeyId);
    QCOMPARE(sessions.at(0).sourceAccessKeyId, AccessKey);
    QCOMPARE(sessions.at(0).durationSeconds, 5400);

    // The same keys are good for a second role, MFA and external ID included.
    AssumeRoleParams withId = params(ExternalRole);
    withId.externalId = QStringLiteral("partner-ext-42");
    QVERIFY(assume(config(), withId).ok());
    AssumeRoleParams withMfa = params(MfaRole);
    withMfa.serialNumber = MfaSerial;
    withMfa.tokenCode = Secret(QStringLiteral("246810"));
    const auto mfa = assume(config(), withMfa);
    QVERIFY2(mfa.ok(), qPrintable(mfa.ok() ? QString() : mfa.error().summary()));
    QCOMPARE(m_fake->roleSessions().constLast().serialNumber, MfaSerial);
}

void TestStsClient::fake_errors_data()
{
    QTest::addColumn<QString>("accessKey");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("duration");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("messagePart");

    const QString denied = QStringLiteral("is not authorized to perform: sts:AssumeRole on resource: ");
    QTest::newRow("unknown role") << AccessKey << SecretKey << "arn:aws:iam::123456789012:role/Nobody"
                                  << ""
                                  << ""
                                  << "" << 0 << 403 << "AccessDenied"
                                  << denied + QStringLiteral("arn:aws:iam::123456789012:role/Nobody");
    QTest::newRow("missing external id") << AccessKey << SecretKey << ExternalRole << ""
                                         << ""
                                         << "" << 0 << 403 << "AccessDenied" << denied;
    QTest::newRow("wrong external id") << AccessKey << SecretKey << ExternalRole << "partner-ext-43"
                                       << ""
                                       << "" << 0 << 403 << "AccessDenied" << denied;
    QTest::newRow("no MFA") << AccessKey << SecretKey << MfaRole << ""
                            << ""
                            << "" << 0 << 403 << "AccessDenied" << denied;
    QTest::newRow("wrong MFA code") << AccessKey << SecretKey << MfaRole << "" << MfaSerial << "135791" << 0 << 403
                                    << "AccessDenied"
                                    << "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    QTest::newRow("longer than the role allows") << AccessKey << SecretKey << ExternalRole << "partner-ext-42"
                                                 << ""
                                                 << "" << 7200 << 400 << "ValidationError"
                                                 << "MaxSessionDuration";
    QString wrong = SecretKey;
    wrong[3] = QLatin1Char('x');
    QTest::newRow("bad signature") << AccessKey << wrong << PlainRole << ""
                                   << ""
                                   << "" << 0 << 403 << "SignatureDoesNotMatch"
                                   << "The request signature we calculated does not match the signature you provided.";
    QTest::newRow("unknown key") << "AKIDUNKNOWN0000000" << SecretKey << PlainRole << ""
                                 << ""
                                 << "" << 0 << 403 << "InvalidClientTokenId"
                                 << "The security token included in the request is invalid.";
}

void TestStsClient::fake_errors()
{
    QFETCH(QString, accessKey);
    QFETCH(QString, secret);
    QFETCH(QString, role);
    QFETCH(QString, externalId);
    QFETCH(QString, serial);
    QFETCH(QString, code);
    QFETCH(int, duration);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, messagePart);
    AssumeRoleParams p = params(role);
    p.externalId = externalId;
    p.serialNumber = serial;
    p.tokenCode = Secret(code);
    if (duration)
        p.durationSeconds = duration;
    const auto result = assume(config(accessKey, secret), p);
    QVERIFY(!result.ok());
    const Error &e = result.error();
    QCOMPARE(e.kind, Error::Kind::Service);
    QCOMPARE(e.code, errorCode);
    QCOMPARE(e.httpStatus, status);
    QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
    QVERIFY(!e.requestId.isEmpty());
    QVERIFY(!e.hint.isEmpty());
    QCOMPARE(e.attempts, 1);  // none of these is worth a retry
    QVERIFY(m_fake->roleSessions().isEmpty());
}

void TestStsClient::fake_chainingAndExpiry()
{
    AssumeRoleParams first = params(PlainRole);
    first.durationSeconds = 900;
    const auto inner = assume(config(), first);
    QVERIFY(inner.ok());
    const Credentials &keys = inner.value().credentials;

    // Role chaining: the temporary keys sign the next AssumeRole, limited to one hour.
    AssumeRoleParams second = params(PlainRole, QStringLiteral("chained"));
    second.durationSeconds = 7200;
    const auto tooLong =
        assume(config(keys.accessKeyId, keys.secretAccessKey.revealText(), keys.sessionToken.revealText()), second);
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().code, QStringLiteral("ValidationError"));
    QVERIFY(tooLong.error().message.contains(QLatin1String("role chaining")));
    second.durationSeconds = 3600;
    const auto outer =
        assume(config(keys.accessKeyId, keys.secretAccessKey.revealText(), keys.sessionToken.revealText()), second);
    QVERIFY2(outer.ok(), qPrintable(outer.ok() ? QString() : outer.error().summary()));
    QCOMPARE(m_fake->roleSessions().constLast().sourceAccessKeyId, keys.accessKeyId);

    // Without its session token the temporary key is refused.
    const auto noToken = assume(config(keys.accessKeyId, keys.secretAccessKey.revealText()), params(PlainRole));
    QVERIFY(!noToken.ok());
    QCOMPARE(noToken.error().code, QStringLiteral("InvalidClientTokenId"));

    // After its expiration on the fake clock, it is expired.
    m_clock->set(keys.expiration.addSecs(1));
    const auto expired = assume(
        config(keys.accessKeyId, keys.secretAccessKey.revealText(), keys.sessionToken.revealText()), params(PlainRole));
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code, QStringLiteral("ExpiredToken"));
    QCOMPARE(expired.error().httpStatus, 400);
    QVERIFY(expired.error().hint.contains(QLatin1String("expired")));
}

void TestStsClient::fake_malformedAnswers_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");
    QByteArray cut = AwsDocAnswer;
    cut.truncate(cut.indexOf("<Expiration>"));
    QTest::newRow("truncated XML") << httpAnswer(200, "text/xml", cut) << "MalformedResponse"
                                   << int(Error::Kind::Protocol);
    QTest::newRow("HTML with 200") << httpAnswer(200, "text/html", "<html><body>Captive portal</body></html>")
                                   << "MalformedResponse" << int(Error::Kind::Protocol);
    QTest::newRow("JSON with 200") << httpAnswer(200, "application/json", "{\"Credentials\":{}}") << "MalformedResponse"
                                   << int(Error::Kind::Protocol);
    // Not an STS error document: the client's own reading of the status stays.
    QTest::newRow("HTML with 403") << httpAnswer(403, "text/html", "<html><body>Forbidden by proxy</body></html>")
                                   << "403" << int(Error::Kind::Service);
}

void TestStsClient::fake_malformedAnswers()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, code);
    QFETCH(int, kind);
    CannedServer server(response);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ClientConfig c = config();
    c.endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
    const auto result = assume(c, params(PlainRole));
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind), kind);
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
    if (result.error().kind == Error::Kind::Protocol) {
        QVERIFY(result.error().message.startsWith(QLatin1String("The STS answer")));
        QCOMPARE(result.error().requestId, QStringLiteral("canned-request-id"));
        QCOMPARE(result.error().httpStatus, 200);
    }
}

void TestStsClient::fake_serverErrorRetried()
{
    // An STS 503 in XML is retried by the client, and after the last attempt the XML's code is kept.
    const QByteArray xml = "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                           "<Message>Please try again</Message></Error><RequestId>rid-503</RequestId></ErrorResponse>";
    CannedServer server(httpAnswer(503, "text/xml", xml));
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ClientConfig c = config();
    c.endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
    c.retry = RetryPolicy{RetryMode::Standard, 2};
    connect(&server, &QTcpServer::newConnection, &server, [&server] { server.rearm(); });
    const auto result = assume(c, params(PlainRole));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("ServiceUnavailable"));
    QCOMPARE(result.error().message, QStringLiteral("Please try again"));
    QCOMPARE(result.error().requestId, QStringLiteral("rid-503"));
    QCOMPARE(result.error().attempts, 2);
    QVERIFY(result.error().retriesExhausted);
    QCOMPARE(server.requests(), 2);
}

void TestStsClient::fake_fixtureRoles()
{
    // Roles from a fixtures file (as jobdesk-fake reads them) behave like addRole().
    FakeCodePipeline fake;
    fake.setClock(*m_clock);
    const QByteArray fixtures =
        R"({"credentials":[{"accessKeyId":"AKIDFIXTURE000000001","secretAccessKey":"fixtureSecret"}],
        "roles":[{"arn":"arn:aws:iam::999988887777:role/FromFixture","externalId":"fx-1","mfaSerial":"arn:aws:iam::999988887777:mfa/p",
                  "mfaCode":"111222","maxSessionDuration":7200,"trustedAccessKeyIds":["AKIDFIXTURE000000001"],"_note":"ignored"}]})";
    const auto loaded = fake.loadFixturesJson(fixtures);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(fake.roles().size(), 1);
    const FakeRole role = fake.roles().constFirst();
    QCOMPARE(role.externalId, QStringLiteral("fx-1"));
    QCOMPARE(role.mfaCode, QStringLiteral("111222"));
    QCOMPARE(role.maxSessionDurationSeconds, 7200);
    QCOMPARE(role.trustedAccessKeyIds, QStringList{QStringLiteral("AKIDFIXTURE000000001")});
    QVERIFY(fake.listen());

    AssumeRoleParams p = params(role.arn);
    p.externalId = QStringLiteral("fx-1");
    p.serialNumber = role.mfaSerial;
    p.tokenCode = Secret(QStringLiteral("111222"));
    p.durationSeconds = 7200;
    ClientConfig c = config(QStringLiteral("AKIDFIXTURE000000001"), QStringLiteral("fixtureSecret"));
    c.endpoint.url = fake.url();
    const auto assumed = assume(c, p);
    QVERIFY2(assumed.ok(), qPrintable(assumed.ok() ? QString() : assumed.error().summary()));
    // A key the role does not trust is denied even though STS knows it.
    fake.addCredentials(AccessKey, Secret(SecretKey));
    ClientConfig other = config();
    other.endpoint.url = fake.url();
    QCOMPARE(assume(other, p).error().code, QStringLiteral("AccessDenied"));
}

void TestStsClient::fake_fixtureRolesInvalid_data()
{
    QTest::addColumn<QByteArray>("fixtures");
    QTest::addColumn<QString>("field");
    QTest::newRow("not an array") << QByteArray(R"({"roles":{}})") << "roles";
    QTest::newRow("no arn") << QByteArray(R"({"roles":[{"externalId":"x"}]})") << "roles[0]";
    QTest::newRow("not an arn") << QByteArray(R"({"roles":[{"arn":"Support"}]})") << "roles[0]";
    QTest::newRow("unknown key") << QByteArray(R"({"roles":[{"arn":"arn:aws:iam::1:role/Support","maxDuration":1}]})")
                                 << "roles[0].maxDuration";
    QTest::newRow("duration") << QByteArray(
        R"({"roles":[{"arn":"arn:aws:iam::1:role/Support","maxSessionDuration":60}]})")
                              << "roles[0].maxSessionDuration";
    QTest::newRow("trusted keys") << QByteArray(
        R"({"roles":[{"arn":"arn:aws:iam::1:role/Support","trustedAccessKeyIds":[1]}]})")
                                  << "roles[0].trustedAccessKeyIds";
}

void TestStsClient::fake_fixtureRolesInvalid()
{
    QFETCH(QByteArray, fixtures);
    QFETCH(QString, field);
    FakeCodePipeline fake;
    const auto loaded = fake.loadFixturesJson(fixtures);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().field, field);
    QVERIFY(fake.roles().isEmpty());
}

void TestStsClient::botocore_sameRequest_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("withToken");
    QTest::newRow("plain") << PlainRole << "jobdesk-session-1700000000"
                           << "" << 0 << ""
                           << "" << false;
    QTest::newRow("external id and duration") << ExternalRole << "ticket_42"
                                              << "partner-ext-42" << 3600 << ""
                                              << "" << false;
    QTest::newRow("mfa") << MfaRole << "a.b@c=d,e+f"
                         << "" << 900 << MfaSerial << "246810" << false;
    QTest::newRow("odd external id, session token") << PlainRole << "s-2"
                                                    << "ext id/é+~&=%" << 0 << ""
                                                    << "" << true;
}

void TestStsClient::botocore_sameRequest()
{
    QFETCH(QString, role);
    QFETCH(QString, session);
    QFETCH(QString, externalId);
    QFETCH(int, duration);
    QFETCH(QString, serial);
    QFETCH(QString, code);
    QFETCH(bool, withToken);

    // Send it for real (to the fake), then ask botocore how it would have serialized
    // these parameters and signed the request that arrived.
    AssumeRoleParams p = params(role, session);
    p.externalId = externalId;
    if (duration)
        p.durationSeconds = duration;
    p.serialNumber = serial;
    p.tokenCode = Secret(code);
    const QString token = withToken ? QStringLiteral("FwoGZXIvYXdzEXAMPLEtoken/+=") : QString();
    if (withToken)
        m_fake->addCredentials(QStringLiteral("ASIATOKENSOURCE00001"), Secret(SecretKey), Secret(token));
    const auto result =
        assume(config(withToken ? QStringLiteral("ASIATOKENSOURCE00001") : AccessKey, SecretKey, token), p);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));

    QJsonArray ordered;  // botocore serializes members in the order given
    const auto add = [&](const char *name, const QJsonValue &value) {
        ordered.append(QJsonArray{QLatin1String(name), value});
    };
    add("RoleArn", role);
    add("RoleSessionName", session);
    if (duration)
        add("DurationSeconds", duration);
    if (!externalId.isEmpty())
        add("ExternalId", externalId);
    if (!serial.isEmpty()) {
        add("SerialNumber", serial);
        add("TokenCode", code);
    }
    QJsonObject input;
    input.insert(QStringLiteral("params"), ordered);
    input.insert(QStringLiteral("endpoint"), QString(m_fake->url().toString() + QLatin1Char('/')));
    input.insert(QStringLiteral("amz_date"), QString::fromLatin1(m_fake->lastRequestHeader("x-amz-date")));
    input.insert(QStringLiteral("sent_body"), QString::fromUtf8(m_fake->lastRequestBody()));
    input.insert(QStringLiteral("content_type"), QString::fromLatin1(m_fake->lastRequestHeader("content-type")));
    input.insert(QStringLiteral("access_key"), withToken ? QStringLiteral("ASIATOKENSOURCE00001") : AccessKey);
    input.insert(QStringLiteral("secret_key"), SecretKey);
    input.insert(QStringLiteral("token"), token);
    input.insert(QStringLiteral("region"), QStringLiteral("us-east-1"));

    const QString script = QStringLiteral(R"PY(
import datetime, json, sys
import botocore.auth, botocore.session
from botocore import serialize
from botocore.awsrequest import AWSRequest, create_request_object, prepare_request_dict
from botocore.credentials import Credentials
case = json.load(sys.stdin)
params = {name: value for name, value in case['params']}
model = botocore.session.get_session().get_service_model('sts').operation_model('AssumeRole')
request = serialize.create_serializer('query').serialize_to_request(params, model)
prepare_request_dict(request, endpoint_url=case['endpoint'])
body = create_request_object(request).prepare().body
body = body if isinstance(body, bytes) else body.encode()
now = datetime.datetime.strptime(case['amz_date'], '%Y%m%dT%H%M%SZ')
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: now
sent = AWSRequest(method='POST', url=case['endpoint'], data=case['sent_body'].encode(),
                  headers={'Content-Type': case['content_type']})
botocore.auth.SigV4Auth(Credentials(case['access_key'], case['secret_key'], case['token'] or None), 'sts',
                        case['region']).add_auth(sent)
json.dump({'body': body.decode(), 'content_type': request['headers'].get('Content-Type'),
           'authorization': sent.headers['Authorization'],
           'token': sent.headers.get('X-Amz-Security-Token')}, sys.stdout)
)PY");
    const test::ProcessOutput out = test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script},
                                                     QJsonDocument(input).toJson(QJsonDocument::Compact));
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const QJsonObject boto = QJsonDocument::fromJson(out.out).object();
    QCOMPARE(m_fake->lastRequestBody(), boto.value(QStringLiteral("body")).toString().toUtf8());
    QCOMPARE(m_fake->lastRequestHeader("content-type"), boto.value(QStringLiteral("content_type")).toString().toUtf8());
    QCOMPARE(m_fake->lastRequestHeader("authorization"),
             boto.value(QStringLiteral("authorization")).toString().toUtf8());
    if (withToken)
        QCOMPARE(m_fake->lastRequestHeader("x-amz-security-token"),
                 boto.value(QStringLiteral("token")).toString().toUtf8());
}

void TestStsClient::awsCli_acceptsFakeSts_data()
{
    QTest::addColumn<QString>("cli");
    for (const QString &cli : test::awsClis())
        QTest::newRow(qPrintable(cli)) << cli;
}

void TestStsClient::awsCli_acceptsFakeSts()
{
    // The real CLI signs with botocore and parses the XML with botocore: if it accepts the
    // fake's answer and prints the keys the fake handed out, the fake speaks STS.
    QFETCH(QString, cli);
    const CliRun run =
        runCli(cli,
               {QStringLiteral("sts"), QStringLiteral("assume-role"), QStringLiteral("--role-arn"), ExternalRole,
                QStringLiteral("--role-session-name"), QStringLiteral("cli-check"), QStringLiteral("--external-id"),
                QStringLiteral("partner-ext-42"), QStringLiteral("--duration-seconds"), QStringLiteral("1800"),
                QStringLiteral("--endpoint-url"), m_fake->url().toString(), QStringLiteral("--output"),
                QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(m_fake->roleSessions().size(), 1);
    const auto session = m_fake->roleSessions().constFirst();
    QCOMPARE(session.sessionName, QStringLiteral("cli-check"));
    QCOMPARE(session.externalId, QStringLiteral("partner-ext-42"));
    QCOMPARE(session.durationSeconds, 1800);
    QCOMPARE(session.sourceAccessKeyId, AccessKey);

    const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
    const QJsonObject credentials = printed.value(QStringLiteral("Credentials")).toObject();
    QCOMPARE(credentials.value(QStringLiteral("AccessKeyId")).toString(), session.accessKeyId);
    QCOMPARE(credentials.value(QStringLiteral("SecretAccessKey")).toString().size(), 40);
    QVERIFY(!credentials.value(QStringLiteral("SessionToken")).toString().isEmpty());
    // botocore prints the expiration with a +00:00 offset.
    const QDateTime expiration =
        QDateTime::fromString(credentials.value(QStringLiteral("Expiration")).toString(), Qt::ISODate);
    QCOMPARE(expiration.toUTC(), session.expiration);
    QCOMPARE(printed.value(QStringLiteral("AssumedRoleUser")).toObject().value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:sts::123456789012:assumed-role/Partner/cli-check"));

    // Our client reads the same answer the same way.
    AssumeRoleParams p = params(ExternalRole, QStringLiteral("cli-check"));
    p.externalId = QStringLiteral("partner-ext-42");
    QVERIFY(assume(config(), p).ok());
}

void TestStsClient::awsCli_seesFakeStsErrors_data()
{
    QTest::addColumn<QString>("cli");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("wrongSecret");
    QTest::addColumn<QString>("expected");
    for (const QString &cli : test::awsClis()) {
        QTest::addRow("%s denied", qPrintable(cli))
            << cli << ExternalRole << false
            << "An error occurred (AccessDenied) when calling the AssumeRole operation: User: "
               "arn:aws:iam::123456789012:user/AKIDSTSEXAMPLE is not authorized to perform: "
               "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Partner";
        QTest::addRow("%s bad signature", qPrintable(cli))
            << cli << PlainRole << true
            << "An error occurred (SignatureDoesNotMatch) when calling the AssumeRole "
               "operation: The request signature we calculated does not match";
    }
}

void TestStsClient::awsCli_seesFakeStsErrors()
{
    QFETCH(QString, cli);
    QFETCH(QString, role);
    QFETCH(bool, wrongSecret);
    QFETCH(QString, expected);
    QString secret = SecretKey;
    if (wrongSecret)
        secret[5] = QLatin1Char('q');
    const CliRun run = runCli(cli,
                              {QStringLiteral("sts"), QStringLiteral("assume-role"), QStringLiteral("--role-arn"), role,
                               QStringLiteral("--role-session-name"), QStringLiteral("cli-check"),
                               QStringLiteral("--endpoint-url"), m_fake->url().toString()},
                              secret);
    QVERIFY2(run.exitCode == 254 || run.exitCode == 255,
             qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    QVERIFY2(QString::fromUtf8(run.err).contains(expected), run.err.constData());
    QVERIFY(m_fake->roleSessions().isEmpty());
}

QTEST_GUILESS_MAIN(TestStsClient)
#include "tst_stsclient.moc"
