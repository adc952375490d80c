// StsClient on its own: endpoints, the AssumeRole form body and its checks, and the
// XML answers and errors it reads. Round trips are in tst_stsclientfake, the
// comparisons with botocore and the AWS CLIs in tst_stsclientreference.

#include "core/aws/stsclient.h"
#include "support/ststestbed.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;
using namespace jobdesk::test::sts;

namespace {

const QByteArray AwsDocAnswer = test::sts::awsDocAnswer();

}  // namespace

class TestStsClient : public test::StsTestBed
{
    Q_OBJECT

private Q_SLOTS:
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
};

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
    addParamsColumns();
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
    QFETCH(QByteArray, body);
    const AssumeRoleParams p = fetchParams();
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
    const AssumeRoleParams p = params(role, session, externalId, duration, serial, code);
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

QTEST_GUILESS_MAIN(TestStsClient)
#include "tst_stsclient.moc"
