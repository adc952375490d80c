// The AssumeRole request cross-checked against botocore (serializer and signer), and
// the fake STS against the real AWS CLIs, which must accept its signature checks and
// XML answers.

#include "core/aws/stsclient.h"
#include "support/ststestbed.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;
using namespace jobdesk::test::sts;

class TestStsClientReference : public test::StsTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void botocore_sameRequest_data();
    void botocore_sameRequest();
    void awsCli_acceptsFakeSts_data();
    void awsCli_acceptsFakeSts();
    void awsCli_seesFakeStsErrors_data();
    void awsCli_seesFakeStsErrors();

private:
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
};

void TestStsClientReference::botocore_sameRequest_data()
{
    addParamsColumns();
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

void TestStsClientReference::botocore_sameRequest()
{
    QFETCH(bool, withToken);

    // Send it for real (to the fake), then ask botocore how it would have serialized
    // these parameters and signed the request that arrived.
    const AssumeRoleParams p = fetchParams();
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
    add("RoleArn", p.roleArn);
    add("RoleSessionName", p.roleSessionName);
    if (p.durationSeconds)
        add("DurationSeconds", *p.durationSeconds);
    if (!p.externalId.isEmpty())
        add("ExternalId", p.externalId);
    if (!p.serialNumber.isEmpty()) {
        add("SerialNumber", p.serialNumber);
        add("TokenCode", p.tokenCode.revealText());
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

void TestStsClientReference::awsCli_acceptsFakeSts_data()
{
    QTest::addColumn<QString>("cli");
    for (const QString &cli : test::awsClis())
        QTest::newRow(qPrintable(cli)) << cli;
}

void TestStsClientReference::awsCli_acceptsFakeSts()
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

void TestStsClientReference::awsCli_seesFakeStsErrors_data()
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

void TestStsClientReference::awsCli_seesFakeStsErrors()
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

QTEST_GUILESS_MAIN(TestStsClientReference)
#include "tst_stsclientreference.moc"
