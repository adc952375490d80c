// The five operations of the fake CodePipeline endpoint and the job state they
// move through, its error answers, and its signature and clock checks.

#include "fake/fakecodepipeline.h"
#include "support/fakeclient.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeOperations : public QObject
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

private:
    RawResponse call(const SignedRequestSpec &spec);

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeOperations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFakeOperations::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(fakeFixturePath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QCOMPARE(loaded.value(), 4);
    QVERIFY(m_fake->listen());
}

void TestFakeOperations::cleanup()
{
    m_fake.reset();
}

RawResponse TestFakeOperations::call(const SignedRequestSpec &spec)
{
    return callFake(m_fake->port(), spec);
}

void TestFakeOperations::getJobDetails_servesFixtureBytes()
{
    const RawResponse r = call({QStringLiteral("GetThirdPartyJobDetails"),
                                compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                             {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
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
    QFile file(fakeFixturePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray fixture = file.readAll();
    // The exact text of the fixture, spacing, key order, 1.50 and unknown fields included.
    QVERIFY(details.startsWith("{\"id\":\"11111111-2222-4333-8444-555555555555\",   \"data\" :"));
    QVERIFY(fixture.contains(details));
    QVERIFY(details.contains("\"futureField\":{\"weight\":1.50"));
    QVERIFY(QString::fromUtf8(details).contains(QStringLiteral("\"Ünïcödé\":\"日本語 ✓\"")));

    const QJsonObject parsed = jsonObject(r.body).value(QStringLiteral("jobDetails")).toObject();
    QCOMPARE(parsed.value(QStringLiteral("nonce")).toString(), QStringLiteral("17"));
    QCOMPARE(m_fake->requestCount(FakeJobOne), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 1);
    QCOMPARE(m_fake->lastOperation(), QStringLiteral("GetThirdPartyJobDetails"));
    QVERIFY(m_fake->lastRequestHeader("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
}

void TestFakeOperations::errors_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const auto body = [](std::initializer_list<std::pair<const char *, QJsonValue>> members) {
        QJsonObject o;
        for (const auto &[k, v] : members)
            o.insert(QLatin1String(k), v);
        return compactJson(o);
    };
    const QString get = QStringLiteral("GetThirdPartyJobDetails");
    QTest::newRow("wrong client token") << get << body({{"jobId", FakeJobOne}, {"clientToken", QStringLiteral("nope")}})
                                        << "InvalidClientTokenException"
                                        << "client token";
    QTest::newRow("unknown job") << get
                                 << body({{"jobId", QStringLiteral("99999999-0000-4000-8000-000000000000")},
                                          {"clientToken", QStringLiteral("token-one")}})
                                 << "JobNotFoundException"
                                 << "not found";
    QTest::newRow("timed-out job") << get
                                   << body({{"jobId", FakeJobTimedOut}, {"clientToken", QStringLiteral("token-three")}})
                                   << "InvalidJobException"
                                   << "TimedOut";
    QTest::newRow("missing token") << get << body({{"jobId", FakeJobOne}}) << "ValidationException"
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
                                 << body({{"jobId", FakeJobOne},
                                          {"nonce", QStringLiteral("18")},
                                          {"clientToken", QStringLiteral("token-one")}})
                                 << "InvalidNonceException"
                                 << "nonce";
    QTest::newRow("unknown action type") << "PollForThirdPartyJobs"
                                         << body({{"actionTypeId", buildActionType(QStringLiteral("Nobody"))}})
                                         << "ActionTypeNotFoundException"
                                         << "action type";
    QTest::newRow("batch size zero")
        << "PollForThirdPartyJobs" << body({{"actionTypeId", buildActionType()}, {"maxBatchSize", 0}})
        << "ValidationException"
        << "at 'maxBatchSize' failed to satisfy constraint: Member must have value greater than or equal to 1";
    QJsonObject badType = buildActionType();
    badType.insert(QStringLiteral("owner"), QStringLiteral("Someone"));
    QTest::newRow("enum") << "PollForThirdPartyJobs" << body({{"actionTypeId", badType}}) << "ValidationException"
                          << "Value 'Someone' at 'actionTypeId.owner' failed to satisfy constraint: Member must "
                             "satisfy enum value set: [AWS, ThirdParty, Custom]";
    QTest::newRow("failure details type") << "PutThirdPartyJobFailureResult"
                                          << body({{"jobId", FakeJobOne},
                                                   {"clientToken", QStringLiteral("token-one")},
                                                   {"failureDetails",
                                                    QJsonObject{{QStringLiteral("type"), QStringLiteral("Oops")},
                                                                {QStringLiteral("message"), QStringLiteral("m")}}}})
                                          << "ValidationException"
                                          << "failureDetails.type";
    QTest::newRow("result on finished job")
        << "PutThirdPartyJobSuccessResult"
        << body({{"jobId", FakeJobTimedOut}, {"clientToken", QStringLiteral("token-three")}})
        << "InvalidJobStateException"
        << "TimedOut";
}

void TestFakeOperations::errors()
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
    const QJsonObject error = jsonObject(r.body);
    QCOMPARE(error.value(QStringLiteral("__type")).toString(), code);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY(!r.header("x-amzn-requestid").isEmpty());
}

void TestFakeOperations::lifecycle_pollAcknowledgeSucceed()
{
    const QByteArray pollBody =
        compactJson({{QStringLiteral("actionTypeId"), buildActionType()}, {QStringLiteral("maxBatchSize"), 5}});
    RawResponse r = call({QStringLiteral("PollForThirdPartyJobs"), pollBody});
    QCOMPARE(r.status, 200);
    const QJsonArray jobs = jsonObject(r.body).value(QStringLiteral("jobs")).toArray();
    QCOMPARE(jobs.size(), 2);  // the timed-out one is not queued
    QCOMPARE(jobs[0].toObject().value(QStringLiteral("jobId")).toString(), FakeJobOne);
    QCOMPARE(jobs[0].toObject().value(QStringLiteral("clientId")).toString(),
             QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
    QCOMPARE(jobs[1].toObject().value(QStringLiteral("jobId")).toString(), FakeJobTwo);
    QCOMPARE(m_fake->job(FakeJobOne)->state, FakeJob::State::Dispatched);

    r = call({QStringLiteral("PollForThirdPartyJobs"), pollBody});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"jobs\":[]}"));

    // An action type known without jobs polls empty rather than failing.
    r = call({QStringLiteral("PollForThirdPartyJobs"),
              compactJson({{QStringLiteral("actionTypeId"),
                            QJsonObject{{QStringLiteral("category"), QStringLiteral("Test")},
                                        {QStringLiteral("owner"), QStringLiteral("ThirdParty")},
                                        {QStringLiteral("provider"), QStringLiteral("NoJobsVendor")},
                                        {QStringLiteral("version"), QStringLiteral("3")}}}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"jobs\":[]}"));

    r = call({QStringLiteral("AcknowledgeThirdPartyJob"),
              compactJson({{QStringLiteral("jobId"), FakeJobOne},
                           {QStringLiteral("nonce"), QStringLiteral("17")},
                           {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"status\":\"InProgress\"}"));
    QCOMPARE(m_fake->job(FakeJobOne)->state, FakeJob::State::InProgress);

    const QByteArray success = compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                            {QStringLiteral("clientToken"), QStringLiteral("token-one")},
                                            {QStringLiteral("executionDetails"),
                                             QJsonObject{{QStringLiteral("summary"), QStringLiteral("Built")},
                                                         {QStringLiteral("percentComplete"), 100}}}});
    r = call({QStringLiteral("PutThirdPartyJobSuccessResult"), success});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{}"));
    QCOMPARE(m_fake->job(FakeJobOne)->state, FakeJob::State::Succeeded);
    QCOMPARE(m_fake->job(FakeJobOne)->resultBody, success);

    r = call({QStringLiteral("PutThirdPartyJobSuccessResult"), success});
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidJobStateException"));
    r = call({QStringLiteral("GetThirdPartyJobDetails"),
              compactJson({{QStringLiteral("jobId"), FakeJobOne},
                           {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidJobException"));
    QCOMPARE(m_fake->requestCount(FakeJobOne), 4);
}

void TestFakeOperations::lifecycle_failure()
{
    m_fake->setEmptyOutputBody(QByteArray());
    const QByteArray failure =
        compactJson({{QStringLiteral("jobId"), FakeJobTwo},
                     {QStringLiteral("clientToken"), QStringLiteral("token-two")},
                     {QStringLiteral("failureDetails"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("JobFailed")},
                                  {QStringLiteral("message"), QStringLiteral("Tests failed: 3 of 120")}}}});
    const RawResponse r = call({QStringLiteral("PutThirdPartyJobFailureResult"), failure});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), QByteArray("0"));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_fake->job(FakeJobTwo)->state, FakeJob::State::Failed);
}

void TestFakeOperations::signature_data()
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

void TestFakeOperations::signature()
{
    QFETCH(QString, accessKeyId);
    QFETCH(QString, secretKey);
    QFETCH(QString, sessionToken);
    QFETCH(QString, region);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                           compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                        {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
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
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(), code);
    QVERIFY2(jsonObject(r.body).value(QStringLiteral("message")).toString().contains(messagePart), r.body.constData());
}

void TestFakeOperations::clockSkew_data()
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

void TestFakeOperations::clockSkew()
{
    QFETCH(int, clientOffsetSeconds);
    QFETCH(QString, messagePart);

    const QDateTime serverNow(QDate(2024, 3, 1), QTime(12, 0), QTimeZone::utc());
    FixedClock clock(serverNow);
    m_fake->setClock(clock);
    SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                           compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                        {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.signedAt = serverNow.addSecs(clientOffsetSeconds);
    const RawResponse r = call(spec);
    // The Date header is the fake's time: the clock a client corrects its skew against.
    QCOMPARE(r.header("date"), QByteArray("Fri, 01 Mar 2024 12:00:00 GMT"));
    if (messagePart.isEmpty()) {
        QCOMPARE(r.status, 200);
    } else {
        QCOMPARE(r.status, 400);
        QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(),
                 QStringLiteral("InvalidSignatureException"));
        QCOMPARE(jsonObject(r.body).value(QStringLiteral("message")).toString(), messagePart);
    }
    m_fake.reset();  // before the clock goes
}

QTEST_GUILESS_MAIN(TestFakeOperations)
#include "tst_fakeoperations.moc"
