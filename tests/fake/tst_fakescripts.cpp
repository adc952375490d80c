// Scripts of the fake endpoint: throttling, server errors, forced errors, transport
// faults and delays, set in code or in fixtures.

#include "fake/fakecodepipeline.h"
#include "support/fakeclient.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeScripts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void script_throttleThenServe();
    void script_serverErrors_data();
    void script_serverErrors();
    void script_forcedErrorOnce();
    void script_faults();
    void script_emptyAnswers_data();
    void script_emptyAnswers();
    void script_delay();
    void script_globalAndFixtureScripts();

private:
    RawResponse call(const SignedRequestSpec &spec);

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeScripts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFakeScripts::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(fakeFixturePath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QCOMPARE(loaded.value(), 4);
    QVERIFY(m_fake->listen());
}

void TestFakeScripts::cleanup()
{
    m_fake.reset();
}

RawResponse TestFakeScripts::call(const SignedRequestSpec &spec)
{
    return callFake(m_fake->port(), spec);
}

void TestFakeScripts::script_throttleThenServe()
{
    FakeScript script;
    script.throttleCount = 2;
    QVERIFY(m_fake->setScript(FakeJobOne, script));
    const SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                                 compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                              {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    for (int i = 0; i < 2; ++i) {
        const RawResponse r = call(spec);
        QCOMPARE(r.status, 400);
        QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("ThrottlingException"));
        QCOMPARE(r.header("x-amzn-errortype"),
                 QByteArray("ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.codepipeline/"));
    }
    QCOMPARE(call(spec).status, 200);
    QCOMPARE(m_fake->requestCount(FakeJobOne), 3);
    // Other jobs are not affected.
    QCOMPARE(call({QStringLiteral("GetThirdPartyJobDetails"),
                   compactJson({{QStringLiteral("jobId"), FakeJobTwo},
                                {QStringLiteral("clientToken"), QStringLiteral("token-two")}})})
                 .status,
             200);
}

void TestFakeScripts::script_serverErrors_data()
{
    QTest::addColumn<bool>("html");
    QTest::newRow("json") << false;
    QTest::newRow("html") << true;
}

void TestFakeScripts::script_serverErrors()
{
    QFETCH(bool, html);
    FakeScript script;
    script.serverErrors = {500, 502, 503, 504};
    script.serverErrorBody = html ? FakeScript::ServerErrorBody::Html : FakeScript::ServerErrorBody::Json;
    QVERIFY(m_fake->setScript(FakeJobOne, script));
    const SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                                 compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                              {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    for (int status : {500, 502, 503, 504}) {
        const RawResponse r = call(spec);
        QCOMPARE(r.status, status);
        if (html) {
            QCOMPARE(r.header("content-type"), QByteArray("text/html"));
            QVERIFY(r.body.contains(QByteArray("<h1>" + QByteArray::number(status))));
        } else {
            QVERIFY(!jsonObject(r.body).value(QStringLiteral("__type")).toString().isEmpty());
        }
    }
    QCOMPARE(call(spec).status, 200);
}

void TestFakeScripts::script_forcedErrorOnce()
{
    FakeScript script;
    script.error =
        FakeScript::ForcedError{QStringLiteral("ConcurrentModificationException"), QStringLiteral("Try again"), 409, 1};
    script.operations = {QStringLiteral("AcknowledgeThirdPartyJob")};
    QVERIFY(m_fake->setScript(FakeJobOne, script));
    // Not the scripted operation: served normally.
    QCOMPARE(call({QStringLiteral("GetThirdPartyJobDetails"),
                   compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                {QStringLiteral("clientToken"), QStringLiteral("token-one")}})})
                 .status,
             200);
    const SignedRequestSpec ack{QStringLiteral("AcknowledgeThirdPartyJob"),
                                compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                             {QStringLiteral("nonce"), QStringLiteral("17")},
                                             {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    RawResponse r = call(ack);
    QCOMPARE(r.status, 409);
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(),
             QStringLiteral("ConcurrentModificationException"));
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("message")).toString(), QStringLiteral("Try again"));
    r = call(ack);
    QCOMPARE(r.status, 200);
}

void TestFakeScripts::script_faults()
{
    const SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                                 compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                              {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    FakeScript script;

    script.fault = FakeScript::Fault::MalformedBody;
    script.faultCount = 1;
    m_fake->setScript(FakeJobOne, script);
    RawResponse r = call(spec);
    QCOMPARE(r.status, 200);
    QJsonParseError error{};
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(call(spec).status, 200);  // count used up

    script.fault = FakeScript::Fault::TruncatedBody;
    m_fake->setScript(FakeJobOne, script);
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
    m_fake->setScript(FakeJobOne, script);
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
    m_fake->setScript(FakeJobOne, script);
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

void TestFakeScripts::script_emptyAnswers_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty body") << int(FakeScript::Fault::EmptyBody) << QByteArray();
    QTest::newRow("empty object") << int(FakeScript::Fault::EmptyObject) << QByteArray("{}");
}

// A 200 answer with nothing in it, which the model allows for every operation.
void TestFakeScripts::script_emptyAnswers()
{
    QFETCH(int, fault);
    QFETCH(QByteArray, body);
    const SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                                 compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                              {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    FakeScript script;
    script.fault = FakeScript::Fault(fault);
    script.faultCount = 1;
    m_fake->setScript(FakeJobOne, script);
    RawResponse r = call(spec);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, body);
    QCOMPARE(r.header("content-length"), QByteArray::number(body.size()));
    QVERIFY(!r.header("x-amzn-requestid").isEmpty());
    r = call(spec);  // count used up: the job again
    QVERIFY(r.body.contains("jobDetails"));
    m_fake->clearScripts();
}

void TestFakeScripts::script_delay()
{
    FakeScript script;
    script.delayMs = 300;
    m_fake->setScript(FakeJobOne, script);
    QSignalSpy received(m_fake.get(), &FakeCodePipeline::requestReceived);
    QSignalSpy answered(m_fake.get(), &FakeCodePipeline::requestAnswered);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    const QByteArray one =
        test::signedRequest(m_fake->port(),
                            {QStringLiteral("GetThirdPartyJobDetails"),
                             compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                          {QStringLiteral("clientToken"), QStringLiteral("token-one")}})});
    client.send(one + one);  // the second waits behind the delayed first
    QVERIFY(received.wait(10000));
    QCOMPARE(answered.count(), 0);  // the answer is held back while the loop keeps running
    QCOMPARE(client.next()->status, 200);
    QCOMPARE(client.next()->status, 200);
    QCOMPARE(answered.count(), 2);
}

void TestFakeScripts::script_globalAndFixtureScripts()
{
    // From the fixture: only GetThirdPartyJobDetails, one throttle then one 503.
    const SignedRequestSpec get{QStringLiteral("GetThirdPartyJobDetails"),
                                compactJson({{QStringLiteral("jobId"), FakeJobScripted},
                                             {QStringLiteral("clientToken"), QStringLiteral("token-four")}})};
    QCOMPARE(call(get).status, 400);
    QCOMPARE(call(get).status, 503);
    QCOMPARE(call(get).status, 200);

    FakeScript global;
    global.throttleCount = 1;
    global.operations = {QStringLiteral("PollForThirdPartyJobs")};
    m_fake->setGlobalScript(global);
    const SignedRequestSpec poll{QStringLiteral("PollForThirdPartyJobs"),
                                 compactJson({{QStringLiteral("actionTypeId"), buildActionType()}})};
    RawResponse r = call(poll);
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("__type")).toString(), QStringLiteral("ThrottlingException"));
    r = call(poll);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonObject(r.body).value(QStringLiteral("jobs")).toArray().size(), 1);
    QCOMPARE(m_fake->operationCount(QStringLiteral("PollForThirdPartyJobs")), 2);
}

QTEST_GUILESS_MAIN(TestFakeScripts)
#include "tst_fakescripts.moc"
