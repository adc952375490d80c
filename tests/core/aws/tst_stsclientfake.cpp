// StsClient against the fake STS: successful and refused AssumeRole calls, role
// chaining and expiry, answers the fake never gives (from a canned server), retries,
// and the fake's roles fixture.

#include "core/aws/stsclient.h"
#include "support/ststestbed.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;
using namespace jobdesk::test::sts;
using jobdesk::fake::FakeCodePipeline;
using jobdesk::fake::FakeRole;

namespace {

const QByteArray AwsDocAnswer = test::sts::awsDocAnswer();

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

}  // namespace

class TestStsClientFake : public test::StsTestBed
{
    Q_OBJECT

private Q_SLOTS:
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
};

void TestStsClientFake::fake_success()
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

void TestStsClientFake::fake_errors_data()
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

void TestStsClientFake::fake_errors()
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

void TestStsClientFake::fake_chainingAndExpiry()
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

void TestStsClientFake::fake_malformedAnswers_data()
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

void TestStsClientFake::fake_malformedAnswers()
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

void TestStsClientFake::fake_serverErrorRetried()
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

void TestStsClientFake::fake_fixtureRoles()
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

void TestStsClientFake::fake_fixtureRolesInvalid_data()
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

void TestStsClientFake::fake_fixtureRolesInvalid()
{
    QFETCH(QByteArray, fixtures);
    QFETCH(QString, field);
    FakeCodePipeline fake;
    const auto loaded = fake.loadFixturesJson(fixtures);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().field, field);
    QVERIFY(fake.roles().isEmpty());
}

QTEST_GUILESS_MAIN(TestStsClientFake)
#include "tst_stsclientfake.moc"
