// Tests of the fake CodePipeline endpoint over real sockets: the protocol,
// the five operations and their job state, signature checks, HTTP framing,
// scripted faults, fixtures and TLS.

#include "fake/fakecodepipeline.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <nlohmann/json.hpp>

using namespace jobdesk;
using namespace jobdesk::fake;
using jobdesk::test::RawHttpClient;
using jobdesk::test::RawResponse;
using jobdesk::test::SignedRequestSpec;

namespace {

const QString JobOne = QStringLiteral("11111111-2222-4333-8444-555555555555");
const QString JobTwo = QStringLiteral("22222222-3333-4444-8555-666666666666");
const QString JobTimedOut = QStringLiteral("33333333-4444-4555-8666-777777777777");
const QString JobScripted = QStringLiteral("44444444-5555-4666-8777-888888888888");

QString fixturePath()
{
    return test::dataDir() + QStringLiteral("/fake/jobs.json");
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QJsonObject buildType(const QString &provider = QStringLiteral("TestVendor"))
{
    return {{QStringLiteral("category"), QStringLiteral("Build")},
            {QStringLiteral("owner"), QStringLiteral("ThirdParty")},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("version"), QStringLiteral("1")}};
}

}  // namespace

class TestFakeCodePipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void getJobDetails_servesFixtureBytes();
    void errors_data();
    void errors();
    void lifecycle_pollAcknowledgeSucceed();
    void lifecycle_failure();
    void signature_data();
    void signature();
    void clockSkew_data();
    void clockSkew();
    void http_keepAliveAndClose();
    void http_pipelinedAndBytewise();
    void http_chunkedBody();
    void http_limits_data();
    void http_limits();
    void http_expectContinue();
    void script_throttleThenServe();
    void script_serverErrors_data();
    void script_serverErrors();
    void script_forcedErrorOnce();
    void script_faults();
    void script_delay();
    void script_globalAndFixtureScripts();
    void fixtures_invalid_data();
    void fixtures_invalid();
    void addJob_generatedLargeJob();
    void addJob_minimalDetails();
    void networkAccessManager_inProcess();
    void tls_roundTrip();

private:
    RawResponse call(const SignedRequestSpec &spec);
    QNetworkRequest namRequest(const QUrl &url, const QString &operation, const QByteArray &body);

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeCodePipeline::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFakeCodePipeline::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(fixturePath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QCOMPARE(loaded.value(), 4);
    QVERIFY(m_fake->listen());
}

void TestFakeCodePipeline::cleanup()
{
    m_fake.reset();
}

RawResponse TestFakeCodePipeline::call(const SignedRequestSpec &spec)
{
    RawHttpClient client;
    if (!client.connectTo(m_fake->port()))
        return {};
    client.send(test::signedRequest(m_fake->port(), spec));
    return client.next().value_or(RawResponse{});
}

void TestFakeCodePipeline::getJobDetails_servesFixtureBytes()
{
    const RawResponse r =
        call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), QByteArray("application/x-amz-json-1.1"));
    QVERIFY(!QUuid::fromString(QString::fromLatin1(r.header("x-amzn-requestid"))).isNull());
    // RFC 7231's IMF-fixdate; Qt 6.4's Qt::RFC2822Date does not take "GMT", so read it by format.
    QVERIFY(QLocale::c()
                .toDateTime(QString::fromLatin1(r.header("date")), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                .isValid());

    QVERIFY(r.body.startsWith("{\"jobDetails\":"));
    QVERIFY(r.body.endsWith('}'));
    const QByteArray details = r.body.mid(14, r.body.size() - 15);
    QFile file(fixturePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray fixture = file.readAll();
    // The exact text of the fixture, spacing, key order, 1.50 and unknown fields included.
    QVERIFY(details.startsWith("{\"id\":\"11111111-2222-4333-8444-555555555555\",   \"data\" :"));
    QVERIFY(fixture.contains(details));
    QVERIFY(details.contains("\"futureField\":{\"weight\":1.50"));
    QVERIFY(QString::fromUtf8(details).contains(QStringLiteral("\"Ünïcödé\":\"日本語 ✓\"")));

    const QJsonObject parsed = parse(r.body).value(QStringLiteral("jobDetails")).toObject();
    QCOMPARE(parsed.value(QStringLiteral("nonce")).toString(), QStringLiteral("17"));
    QCOMPARE(m_fake->requestCount(JobOne), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 1);
    QCOMPARE(m_fake->lastOperation(), QStringLiteral("GetThirdPartyJobDetails"));
    QVERIFY(m_fake->lastRequestHeader("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
}

void TestFakeCodePipeline::errors_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const auto body = [](std::initializer_list<std::pair<const char *, QJsonValue>> members) {
        QJsonObject o;
        for (const auto &[k, v] : members)
            o.insert(QLatin1String(k), v);
        return json(o);
    };
    const QString get = QStringLiteral("GetThirdPartyJobDetails");
    QTest::newRow("wrong client token") << get << body({{"jobId", JobOne}, {"clientToken", QStringLiteral("nope")}})
                                        << "InvalidClientTokenException"
                                        << "client token";
    QTest::newRow("unknown job") << get
                                 << body({{"jobId", QStringLiteral("99999999-0000-4000-8000-000000000000")},
                                          {"clientToken", QStringLiteral("token-one")}})
                                 << "JobNotFoundException"
                                 << "not found";
    QTest::newRow("timed-out job") << get
                                   << body({{"jobId", JobTimedOut}, {"clientToken", QStringLiteral("token-three")}})
                                   << "InvalidJobException"
                                   << "TimedOut";
    QTest::newRow("missing token") << get << body({{"jobId", JobOne}}) << "ValidationException"
                                   << "1 validation error detected: Value null at 'clientToken' failed to satisfy "
                                      "constraint: Member must not be null";
    QTest::newRow("two problems") << get << body({{"jobId", QString()}}) << "ValidationException"
                                  << "2 validation errors detected: Value '' at 'jobId' failed to satisfy constraint: "
                                     "Member must have length greater than or equal to 1";
    QTest::newRow("wrong type") << get << body({{"jobId", 5}, {"clientToken", QStringLiteral("t")}})
                                << "SerializationException"
                                << "'jobId'";
    QTest::newRow("not json") << get << QByteArray("{\"jobId\":") << "SerializationException"
                              << "JSON";
    QTest::newRow("unknown operation") << "DeletePipeline" << QByteArray("{}") << "UnknownOperationException"
                                       << "";
    QTest::newRow("wrong nonce") << "AcknowledgeThirdPartyJob"
                                 << body({{"jobId", JobOne},
                                          {"nonce", QStringLiteral("18")},
                                          {"clientToken", QStringLiteral("token-one")}})
                                 << "InvalidNonceException"
                                 << "nonce";
    QTest::newRow("unknown action type") << "PollForThirdPartyJobs"
                                         << body({{"actionTypeId", buildType(QStringLiteral("Nobody"))}})
                                         << "ActionTypeNotFoundException"
                                         << "action type";
    QTest::newRow("batch size zero")
        << "PollForThirdPartyJobs" << body({{"actionTypeId", buildType()}, {"maxBatchSize", 0}})
        << "ValidationException"
        << "at 'maxBatchSize' failed to satisfy constraint: Member must have value greater than or equal to 1";
    QJsonObject badType = buildType();
    badType.insert(QStringLiteral("owner"), QStringLiteral("Someone"));
    QTest::newRow("enum") << "PollForThirdPartyJobs" << body({{"actionTypeId", badType}}) << "ValidationException"
                          << "Value 'Someone' at 'actionTypeId.owner' failed to satisfy constraint: Member must "
                             "satisfy enum value set: [AWS, ThirdParty, Custom]";
    QTest::newRow("failure details type") << "PutThirdPartyJobFailureResult"
                                          << body({{"jobId", JobOne},
                                                   {"clientToken", QStringLiteral("token-one")},
                                                   {"failureDetails",
                                                    QJsonObject{{QStringLiteral("type"), QStringLiteral("Oops")},
                                                                {QStringLiteral("message"), QStringLiteral("m")}}}})
                                          << "ValidationException"
                                          << "failureDetails.type";
    QTest::newRow("result on finished job")
        << "PutThirdPartyJobSuccessResult"
        << body({{"jobId", JobTimedOut}, {"clientToken", QStringLiteral("token-three")}}) << "InvalidJobStateException"
        << "TimedOut";
}

void TestFakeCodePipeline::errors()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    const RawResponse r = call({operation, body});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("content-type"), QByteArray("application/x-amz-json-1.1"));
    QCOMPARE(QString::fromUtf8(r.header("x-amzn-errortype")),
             code + QStringLiteral(":http://internal.amazon.com/coral/com.amazonaws.codepipeline/"));
    const QJsonObject error = parse(r.body);
    QCOMPARE(error.value(QStringLiteral("__type")).toString(), code);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY(!r.header("x-amzn-requestid").isEmpty());
}

void TestFakeCodePipeline::lifecycle_pollAcknowledgeSucceed()
{
    const QByteArray pollBody =
        json({{QStringLiteral("actionTypeId"), buildType()}, {QStringLiteral("maxBatchSize"), 5}});
    RawResponse r = call({QStringLiteral("PollForThirdPartyJobs"), pollBody});
    QCOMPARE(r.status, 200);
    const QJsonArray jobs = parse(r.body).value(QStringLiteral("jobs")).toArray();
    QCOMPARE(jobs.size(), 2);  // the timed-out one is not queued
    QCOMPARE(jobs[0].toObject().value(QStringLiteral("jobId")).toString(), JobOne);
    QCOMPARE(jobs[0].toObject().value(QStringLiteral("clientId")).toString(),
             QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
    QCOMPARE(jobs[1].toObject().value(QStringLiteral("jobId")).toString(), JobTwo);
    QCOMPARE(m_fake->job(JobOne)->state, FakeJob::State::Dispatched);

    r = call({QStringLiteral("PollForThirdPartyJobs"), pollBody});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"jobs\":[]}"));

    // An action type known without jobs polls empty rather than failing.
    r = call({QStringLiteral("PollForThirdPartyJobs"),
              json({{QStringLiteral("actionTypeId"),
                     QJsonObject{{QStringLiteral("category"), QStringLiteral("Test")},
                                 {QStringLiteral("owner"), QStringLiteral("ThirdParty")},
                                 {QStringLiteral("provider"), QStringLiteral("NoJobsVendor")},
                                 {QStringLiteral("version"), QStringLiteral("3")}}}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"jobs\":[]}"));

    r = call({QStringLiteral("AcknowledgeThirdPartyJob"),
              json({{QStringLiteral("jobId"), JobOne},
                    {QStringLiteral("nonce"), QStringLiteral("17")},
                    {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"status\":\"InProgress\"}"));
    QCOMPARE(m_fake->job(JobOne)->state, FakeJob::State::InProgress);

    const QByteArray success = json({{QStringLiteral("jobId"), JobOne},
                                     {QStringLiteral("clientToken"), QStringLiteral("token-one")},
                                     {QStringLiteral("executionDetails"),
                                      QJsonObject{{QStringLiteral("summary"), QStringLiteral("Built")},
                                                  {QStringLiteral("percentComplete"), 100}}}});
    r = call({QStringLiteral("PutThirdPartyJobSuccessResult"), success});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{}"));
    QCOMPARE(m_fake->job(JobOne)->state, FakeJob::State::Succeeded);
    QCOMPARE(m_fake->job(JobOne)->resultBody, success);

    r = call({QStringLiteral("PutThirdPartyJobSuccessResult"), success});
    QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidJobStateException"));
    r = call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidJobException"));
    QCOMPARE(m_fake->requestCount(JobOne), 4);
}

void TestFakeCodePipeline::lifecycle_failure()
{
    m_fake->setEmptyOutputBody(QByteArray());
    const QByteArray failure =
        json({{QStringLiteral("jobId"), JobTwo},
              {QStringLiteral("clientToken"), QStringLiteral("token-two")},
              {QStringLiteral("failureDetails"),
               QJsonObject{{QStringLiteral("type"), QStringLiteral("JobFailed")},
                           {QStringLiteral("message"), QStringLiteral("Tests failed: 3 of 120")}}}});
    const RawResponse r = call({QStringLiteral("PutThirdPartyJobFailureResult"), failure});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), QByteArray("0"));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_fake->job(JobTwo)->state, FakeJob::State::Failed);
}

void TestFakeCodePipeline::signature_data()
{
    QTest::addColumn<QString>("accessKeyId");
    QTest::addColumn<QString>("secretKey");
    QTest::addColumn<QString>("sessionToken");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("unknown key") << "AKIDUNKNOWN"
                                 << "whatever"
                                 << ""
                                 << "us-east-1"
                                 << "UnrecognizedClientException"
                                 << "The security token included in the request is invalid.";
    QTest::newRow("wrong secret") << "AKIDEXAMPLE"
                                  << "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ"
                                  << ""
                                  << "us-east-1"
                                  << "InvalidSignatureException"
                                  << "The request signature we calculated does not match the signature you provided. "
                                     "Check your AWS Secret Access Key and signing method.";
    QTest::newRow("session token right") << "ASIAEXAMPLETOKEN"
                                         << "tokenSecretEXAMPLEKEY"
                                         << "FQoGZXIvYXdzEXAMPLEsessiontoken//=="
                                         << "eu-west-1"
                                         << ""
                                         << "";
    QTest::newRow("session token wrong") << "ASIAEXAMPLETOKEN"
                                         << "tokenSecretEXAMPLEKEY"
                                         << "FQoGZXIvYXdzEXAMPLEother"
                                         << "us-east-1"
                                         << "UnrecognizedClientException"
                                         << "security token";
    QTest::newRow("session token missing") << "ASIAEXAMPLETOKEN"
                                           << "tokenSecretEXAMPLEKEY"
                                           << ""
                                           << "us-east-1"
                                           << "UnrecognizedClientException"
                                           << "security token";
}

void TestFakeCodePipeline::signature()
{
    QFETCH(QString, accessKeyId);
    QFETCH(QString, secretKey);
    QFETCH(QString, sessionToken);
    QFETCH(QString, region);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.accessKeyId = accessKeyId;
    spec.secretKey = secretKey;
    spec.sessionToken = sessionToken;
    spec.region = region;
    const RawResponse r = call(spec);
    if (code.isEmpty()) {
        QCOMPARE(r.status, 200);
        return;
    }
    QCOMPARE(r.status, 400);
    QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), code);
    QVERIFY2(parse(r.body).value(QStringLiteral("message")).toString().contains(messagePart), r.body.constData());
}

void TestFakeCodePipeline::clockSkew_data()
{
    QTest::addColumn<int>("clientOffsetSeconds");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("4 min behind") << -240 << "";
    QTest::newRow("4 min ahead") << 240 << "";
    QTest::newRow("10 min behind") << -600
                                   << "Signature expired: 20240301T115000Z is now earlier than 20240301T115500Z "
                                      "(20240301T120000Z - 5 min.)";
    QTest::newRow("1 h ahead") << 3600
                               << "Signature not yet current: 20240301T130000Z is still later than 20240301T120500Z "
                                  "(20240301T120000Z + 5 min.)";
}

void TestFakeCodePipeline::clockSkew()
{
    QFETCH(int, clientOffsetSeconds);
    QFETCH(QString, messagePart);

    const QDateTime serverNow(QDate(2024, 3, 1), QTime(12, 0), QTimeZone::utc());
    FixedClock clock(serverNow);
    m_fake->setClock(clock);
    SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.signedAt = serverNow.addSecs(clientOffsetSeconds);
    const RawResponse r = call(spec);
    // The Date header is the fake's time: the clock a client corrects its skew against.
    QCOMPARE(r.header("date"), QByteArray("Fri, 01 Mar 2024 12:00:00 GMT"));
    if (messagePart.isEmpty()) {
        QCOMPARE(r.status, 200);
    } else {
        QCOMPARE(r.status, 400);
        QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidSignatureException"));
        QCOMPARE(parse(r.body).value(QStringLiteral("message")).toString(), messagePart);
    }
    m_fake.reset();  // before the clock goes
}

void TestFakeCodePipeline::http_keepAliveAndClose()
{
    const QByteArray body =
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    for (int i = 0; i < 3; ++i) {
        client.send(test::signedRequest(m_fake->port(), {QStringLiteral("GetThirdPartyJobDetails"), body}));
        const auto r = client.next();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->header("connection").isEmpty());
    }
    QCOMPARE(m_fake->connectionCount(), 1);
    QCOMPARE(m_fake->requestCount(), 3);

    SignedRequestSpec closing{QStringLiteral("GetThirdPartyJobDetails"), body};
    closing.extraHeaders = {{"Connection", "close"}};
    client.send(test::signedRequest(m_fake->port(), closing));
    const auto r = client.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(client.waitForDisconnect());
}

void TestFakeCodePipeline::http_pipelinedAndBytewise()
{
    const QByteArray body =
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    const QByteArray one = test::signedRequest(m_fake->port(), {QStringLiteral("GetThirdPartyJobDetails"), body});
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(one + one);
    QCOMPARE(client.next()->status, 200);
    QCOMPARE(client.next()->status, 200);

    // One byte per packet: every parser state sees a partial read.
    for (const char c : one) {
        client.send(QByteArray(1, c));
        QTest::qWait(0);
    }
    const auto r = client.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(m_fake->requestCount(JobOne), 3);
}

void TestFakeCodePipeline::http_chunkedBody()
{
    SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.chunked = true;
    const RawResponse r = call(spec);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_fake->lastRequestBody(), spec.body);
}

void TestFakeCodePipeline::http_limits_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("huge header") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(40000, 'a')
                                               + "\r\n\r\n")
                                 << 400;
    QTest::newRow("endless header") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(40000, 'a'))
                                    << 400;
    QTest::newRow("huge body") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n{") << 413;
    QTest::newRow("huge chunk") << QByteArray(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFF\r\n")
                                << 413;
    QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n") << 400;
    QTest::newRow("both framings") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n")
                                   << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("bad request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("bad header") << QByteArray("POST / HTTP/1.1\r\nno colon here\r\n\r\n") << 400;
    QTest::newRow("unsigned") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}") << 400;
    QTest::newRow("GET") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
}

void TestFakeCodePipeline::http_limits()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(request);
    const auto r = client.next();
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QVERIFY(!parse(r->body).value(QStringLiteral("__type")).toString().isEmpty());
    // The fake survives and keeps serving.
    QCOMPARE(
        call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})})
            .status,
        200);
}

void TestFakeCodePipeline::http_expectContinue()
{
    SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.extraHeaders = {{"Expect", "100-continue"}};
    const QByteArray bytes = test::signedRequest(m_fake->port(), spec);
    const qsizetype split = bytes.indexOf("\r\n\r\n") + 4;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(bytes.left(split));
    QVERIFY(QTest::qWaitFor([&] { return client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"); }, 10000));
    client.send(bytes.mid(split));
    QVERIFY(QTest::qWaitFor([&] { return client.received().contains("HTTP/1.1 200 OK"); }, 10000));
}

void TestFakeCodePipeline::script_throttleThenServe()
{
    FakeScript script;
    script.throttleCount = 2;
    QVERIFY(m_fake->setScript(JobOne, script));
    const SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    for (int i = 0; i < 2; ++i) {
        const RawResponse r = call(spec);
        QCOMPARE(r.status, 400);
        QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("ThrottlingException"));
        QCOMPARE(r.header("x-amzn-errortype"),
                 QByteArray("ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.codepipeline/"));
    }
    QCOMPARE(call(spec).status, 200);
    QCOMPARE(m_fake->requestCount(JobOne), 3);
    // Other jobs are not affected.
    QCOMPARE(
        call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), JobTwo}, {QStringLiteral("clientToken"), QStringLiteral("token-two")}})})
            .status,
        200);
}

void TestFakeCodePipeline::script_serverErrors_data()
{
    QTest::addColumn<bool>("html");
    QTest::newRow("json") << false;
    QTest::newRow("html") << true;
}

void TestFakeCodePipeline::script_serverErrors()
{
    QFETCH(bool, html);
    FakeScript script;
    script.serverErrors = {500, 502, 503, 504};
    script.serverErrorBody = html ? FakeScript::ServerErrorBody::Html : FakeScript::ServerErrorBody::Json;
    QVERIFY(m_fake->setScript(JobOne, script));
    const SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    for (int status : {500, 502, 503, 504}) {
        const RawResponse r = call(spec);
        QCOMPARE(r.status, status);
        if (html) {
            QCOMPARE(r.header("content-type"), QByteArray("text/html"));
            QVERIFY(r.body.contains(QByteArray("<h1>" + QByteArray::number(status))));
        } else {
            QVERIFY(!parse(r.body).value(QStringLiteral("__type")).toString().isEmpty());
        }
    }
    QCOMPARE(call(spec).status, 200);
}

void TestFakeCodePipeline::script_forcedErrorOnce()
{
    FakeScript script;
    script.error =
        FakeScript::ForcedError{QStringLiteral("ConcurrentModificationException"), QStringLiteral("Try again"), 409, 1};
    script.operations = {QStringLiteral("AcknowledgeThirdPartyJob")};
    QVERIFY(m_fake->setScript(JobOne, script));
    // Not the scripted operation: served normally.
    QCOMPARE(
        call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})})
            .status,
        200);
    const SignedRequestSpec ack{QStringLiteral("AcknowledgeThirdPartyJob"),
                                json({{QStringLiteral("jobId"), JobOne},
                                      {QStringLiteral("nonce"), QStringLiteral("17")},
                                      {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    RawResponse r = call(ack);
    QCOMPARE(r.status, 409);
    QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(),
             QStringLiteral("ConcurrentModificationException"));
    QCOMPARE(parse(r.body).value(QStringLiteral("message")).toString(), QStringLiteral("Try again"));
    r = call(ack);
    QCOMPARE(r.status, 200);
}

void TestFakeCodePipeline::script_faults()
{
    const SignedRequestSpec spec{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    FakeScript script;

    script.fault = FakeScript::Fault::MalformedBody;
    script.faultCount = 1;
    m_fake->setScript(JobOne, script);
    RawResponse r = call(spec);
    QCOMPARE(r.status, 200);
    QJsonParseError error{};
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(call(spec).status, 200);  // count used up

    script.fault = FakeScript::Fault::TruncatedBody;
    m_fake->setScript(JobOne, script);
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_fake->port()));
        client.send(test::signedRequest(m_fake->port(), spec));
        QVERIFY(!client.next(20000));    // never a complete response...
        QVERIFY(!client.isConnected());  // ...because the fake hung up
        const qsizetype headEnd = client.received().indexOf("\r\n\r\n");
        QVERIFY(headEnd > 0);
        RawResponse head;
        QCOMPARE(test::parseResponse(client.received() + QByteArray(100000, ' '), head) > 0, true);
        QVERIFY(client.received().size() - headEnd - 4 < head.header("content-length").toLongLong());
    }

    script.fault = FakeScript::Fault::NoAnswer;
    script.faultCount = -1;
    m_fake->setScript(JobOne, script);
    {
        QSignalSpy answered(m_fake.get(), &FakeCodePipeline::requestAnswered);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_fake->port()));
        client.send(test::signedRequest(m_fake->port(), spec));
        QVERIFY(answered.wait(10000));
        QCOMPARE(answered.first().at(1).toInt(), 0);
        QTest::qWait(50);
        QVERIFY(client.received().isEmpty());
        QVERIFY(client.isConnected());
    }

    script.fault = FakeScript::Fault::None;
    script.closeAfterAnswer = true;
    m_fake->setScript(JobOne, script);
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_fake->port()));
        client.send(test::signedRequest(m_fake->port(), spec));
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->header("connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnect());
    }
}

void TestFakeCodePipeline::script_delay()
{
    FakeScript script;
    script.delayMs = 300;
    m_fake->setScript(JobOne, script);
    QSignalSpy received(m_fake.get(), &FakeCodePipeline::requestReceived);
    QSignalSpy answered(m_fake.get(), &FakeCodePipeline::requestAnswered);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    const QByteArray one = test::signedRequest(
        m_fake->port(),
        {QStringLiteral("GetThirdPartyJobDetails"),
         json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    client.send(one + one);  // the second waits behind the delayed first
    QVERIFY(received.wait(10000));
    QCOMPARE(answered.count(), 0);  // the answer is held back while the loop keeps running
    QCOMPARE(client.next()->status, 200);
    QCOMPARE(client.next()->status, 200);
    QCOMPARE(answered.count(), 2);
}

void TestFakeCodePipeline::script_globalAndFixtureScripts()
{
    // From the fixture: only GetThirdPartyJobDetails, one throttle then one 503.
    const SignedRequestSpec get{
        QStringLiteral("GetThirdPartyJobDetails"),
        json({{QStringLiteral("jobId"), JobScripted}, {QStringLiteral("clientToken"), QStringLiteral("token-four")}})};
    QCOMPARE(call(get).status, 400);
    QCOMPARE(call(get).status, 503);
    QCOMPARE(call(get).status, 200);

    FakeScript global;
    global.throttleCount = 1;
    global.operations = {QStringLiteral("PollForThirdPartyJobs")};
    m_fake->setGlobalScript(global);
    const SignedRequestSpec poll{QStringLiteral("PollForThirdPartyJobs"),
                                 json({{QStringLiteral("actionTypeId"), buildType()}})};
    RawResponse r = call(poll);
    QCOMPARE(parse(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("ThrottlingException"));
    r = call(poll);
    QCOMPARE(r.status, 200);
    QCOMPARE(parse(r.body).value(QStringLiteral("jobs")).toArray().size(), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("PollForThirdPartyJobs")), 2);
}

void TestFakeCodePipeline::fixtures_invalid_data()
{
    QTest::addColumn<QByteArray>("fixtures");
    QTest::addColumn<QString>("field");
    QTest::newRow("not json") << QByteArray("{") << "";
    QTest::newRow("unknown key") << QByteArray(R"({"jobz": []})") << "jobz";
    QTest::newRow("no token") << QByteArray(
        R"({"jobs": [{"jobId": "j", "nonce": "1", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                              << "jobs[0].clientToken";
    QTest::newRow("bad state") << QByteArray(
        R"({"jobs": [{"jobId": "j", "clientToken": "t", "nonce": "1", "state": "Sleeping", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                               << "jobs[0].state";
    QTest::newRow("bad script") << QByteArray(
        R"({"jobs": [{"jobId": "j", "clientToken": "t", "nonce": "1", "script": {"throtle": 1}, "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                                << "jobs[0].script.throtle";
    QTest::newRow("duplicate") << QByteArray(
        R"({"jobs": [{"jobId": ")" + JobOne.toLatin1()
        + R"(", "clientToken": "t", "nonce": "1", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                               << "jobs[0].jobId";
    QTest::newRow("id mismatch") << QByteArray(
        R"({"jobs": [{"jobId": "a", "clientToken": "t", "details": {"id": "b", "nonce": "1", "data": {"actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}}}]})")
                                 << "jobs[0].details.id";
}

void TestFakeCodePipeline::fixtures_invalid()
{
    QFETCH(QByteArray, fixtures);
    QFETCH(QString, field);
    const QStringList before = m_fake->jobIds();
    const auto loaded = m_fake->loadFixturesJson(fixtures);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().field, field);
    QVERIFY(!loaded.error().message.isEmpty());
    QCOMPARE(m_fake->jobIds(), before);  // nothing half-loaded

    QVERIFY(!m_fake->loadFixtures(QStringLiteral("/nonexistent/jobs.json")).ok());
}

void TestFakeCodePipeline::addJob_generatedLargeJob()
{
    nlohmann::ordered_json details;
    details["id"] = "55555555-6666-4777-8888-999999999999";
    auto &data = details["data"];
    data["actionTypeId"] = {
        {"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "Generated"}, {"version", "1"}};
    // Reverse order: the fake must not sort the configuration map.
    for (int i = 50; i >= 1; --i)
        data["actionConfiguration"]["configuration"]["Key" + std::to_string(i)] = "välüe " + std::to_string(i) + " ☃";
    data["inputArtifacts"] = nlohmann::ordered_json::array();
    for (int i = 0; i < 20; ++i)
        data["inputArtifacts"].push_back({{"name", "Artifact" + std::to_string(i)},
                                          {"revision", std::string(40, 'a' + char(i))},
                                          {"location",
                                           {{"type", "S3"},
                                            {"s3Location",
                                             {{"bucketName", "codepipeline-us-east-1-123456789012"},
                                              {"objectKey", "p/Artifact" + std::to_string(i) + "/abc"}}}}}});
    details["nonce"] = "99";
    const QByteArray detailsText = QByteArray::fromStdString(details.dump(2));

    FakeJob job;
    job.clientToken = QStringLiteral("generated-token");
    job.details = detailsText;
    const auto id = m_fake->addJob(job);
    QVERIFY(id.ok());
    QCOMPARE(id.value(), QStringLiteral("55555555-6666-4777-8888-999999999999"));
    QCOMPARE(m_fake->job(id.value())->nonce, QStringLiteral("99"));
    QCOMPARE(m_fake->job(id.value())->actionTypeId.provider, QStringLiteral("Generated"));
    QVERIFY(!QUuid::fromString(m_fake->job(id.value())->clientId).isNull());

    const RawResponse r = call({QStringLiteral("GetThirdPartyJobDetails"),
                                json({{QStringLiteral("jobId"), id.value()},
                                      {QStringLiteral("clientToken"), QStringLiteral("generated-token")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "{\"jobDetails\":" + detailsText + "}");
}

void TestFakeCodePipeline::addJob_minimalDetails()
{
    const auto id =
        m_fake->addJobJson(R"({"jobId": "66666666-7777-4888-8999-000000000000", "clientToken": "t6", "nonce": "6",
        "actionTypeId": {"category": "Test", "owner": "ThirdParty", "provider": "Mini", "version": "2"},
        "script": {"closeAfterAnswer": true}})");
    QVERIFY(id.ok());
    QVERIFY(m_fake->job(id.value())->script.closeAfterAnswer);
    const RawResponse r =
        call({QStringLiteral("GetThirdPartyJobDetails"),
              json({{QStringLiteral("jobId"), id.value()}, {QStringLiteral("clientToken"), QStringLiteral("t6")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.body,
        QByteArray(
            R"({"jobDetails":{"id":"66666666-7777-4888-8999-000000000000","data":{"actionTypeId":{"category":"Test","owner":"ThirdParty","provider":"Mini","version":"2"}},"nonce":"6"}})"));
}

QNetworkRequest TestFakeCodePipeline::namRequest(const QUrl &url, const QString &operation, const QByteArray &body)
{
    aws::SignableRequest signable;
    signable.method = "POST";
    signable.path = "/";
    signable.headers = {{"Host", "127.0.0.1:" + QByteArray::number(url.port())},
                        {"Content-Type", "application/x-amz-json-1.1"},
                        {"X-Amz-Target", "CodePipeline_20150709." + operation.toUtf8()}};
    signable.body = body;
    aws::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    credentials.secretAccessKey = Secret(QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    aws::SigV4Signer signer;
    signer.signHeaders(signable, credentials, QStringLiteral("us-east-1"), QStringLiteral("codepipeline"));
    QNetworkRequest request(url);
    for (const auto &[name, value] : std::as_const(signable.headers)) {
        if (name != "Host")
            request.setRawHeader(name, value);
    }
    return request;
}

void TestFakeCodePipeline::networkAccessManager_inProcess()
{
    QNetworkAccessManager nam;
    const QByteArray body =
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    for (int i = 0; i < 2; ++i) {
        QNetworkReply *reply =
            nam.post(namRequest(m_fake->url(), QStringLiteral("GetThirdPartyJobDetails"), body), body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(parse(reply->readAll())
                     .value(QStringLiteral("jobDetails"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 JobOne);
        reply->deleteLater();
    }
    QCOMPARE(m_fake->connectionCount(), 1);  // QNAM reused the kept-alive connection
}

void TestFakeCodePipeline::tls_roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    const test::ProcessOutput openssl = test::runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
         QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY2(openssl.exitCode == 0, openssl.err.constData());

    QFile certFile(cert);
    QFile keyFile(key);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certFile.readAll(), QSsl::Pem);
    const QSslKey privateKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    QVERIFY(!certificate.isNull() && !privateKey.isNull());

    FakeCodePipeline tlsFake;
    QVERIFY(tlsFake.loadFixtures(fixturePath()).ok());
    tlsFake.enableTls(certificate, privateKey);
    QVERIFY(tlsFake.listen());
    QCOMPARE(tlsFake.url().scheme(), QStringLiteral("https"));

    QNetworkAccessManager nam;
    const QByteArray body =
        json({{QStringLiteral("jobId"), JobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    QNetworkRequest request = namRequest(tlsFake.url(), QStringLiteral("GetThirdPartyJobDetails"), body);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({certificate});  // trusted as a real CA, no errors ignored
    request.setSslConfiguration(ssl);
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(
        parse(reply->readAll()).value(QStringLiteral("jobDetails")).toObject().value(QStringLiteral("id")).toString(),
        JobOne);
    delete reply;
}

QTEST_GUILESS_MAIN(TestFakeCodePipeline)
#include "tst_fakecodepipeline.moc"
