// The fake endpoint's S3 scripted: a reset mid-body that a Range request resumes,
// wrong-region answers the client corrects, credentials that expire, SlowDown, and a
// paced body.

#include "support/fakes3testbed.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeS3Faults : public FakeS3TestBed
{
    Q_OBJECT

private Q_SLOTS:
    void client_resumesAfterReset();
    void wrongRegion_data();
    void wrongRegion();
    void expiredTokenAfterSeconds();
    void slowDownThenServe();
    void slowBody();
    void scriptFromFixtures();
};

void TestFakeS3Faults::client_resumesAfterReset()
{
    QByteArray content;
    for (int i = 0; content.size() < 600 * 1024; ++i)
        content += "line " + QByteArray::number(i) + '\n';
    m_fake->putS3Object(QStringLiteral("artifacts-us"), QStringLiteral("pipe/Reset/obj"), content);
    FakeScript script;
    script.operations = {QStringLiteral("GetObject")};
    script.resetAfterBodyBytes = 100 * 1024;  // once: the Range request for the rest succeeds
    QVERIFY(m_fake->setS3Script(QStringLiteral("artifacts-us"), script));
    QByteArrayList ranges;
    connect(m_fake.get(), &FakeCodePipeline::requestReceived, this, [&](const QString &operation) {
        ranges << operation.toLatin1() + ":" + m_fake->lastRequestHeader("range");
    });

    const auto got =
        await(m_client->getObject(config(), {QStringLiteral("artifacts-us"), QStringLiteral("pipe/Reset/obj")},
                                  m_dir.filePath(QStringLiteral("reset.out"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().resumes, 1);
    QCOMPARE(got.value().bytes, qint64(content.size()));
    QCOMPARE(got.value().sha256, sha256Hex(content));
    // One reset only: the last request is the Range request that finished the object.
    QVERIFY2(ranges.size() >= 2, ranges.join(' ').constData());
    QVERIFY2(ranges.last().startsWith("GetObject:bytes="), ranges.join(' ').constData());
    QVERIFY(!ranges.last().startsWith("GetObject:bytes=0-"));
}

void TestFakeS3Faults::wrongRegion_data()
{
    QTest::addColumn<int>("how");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("AuthorizationHeaderMalformed") << int(FakeScript::WrongRegion::AuthorizationHeaderMalformed) << 400
                                                  << QByteArray("AuthorizationHeaderMalformed");
    QTest::newRow("PermanentRedirect") << int(FakeScript::WrongRegion::PermanentRedirect) << 301
                                       << QByteArray("PermanentRedirect");
    QTest::newRow("TemporaryRedirect") << int(FakeScript::WrongRegion::TemporaryRedirect) << 307
                                       << QByteArray("TemporaryRedirect");
}

void TestFakeS3Faults::wrongRegion()
{
    QFETCH(int, how);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    FakeScript script;
    script.wrongRegion = FakeScript::WrongRegion(how);
    QVERIFY(m_fake->setS3Script(QStringLiteral("artifacts-eu"), script));

    // Signed for us-east-1, the bucket is in eu-west-1.
    S3RequestSpec spec;
    spec.path = "/artifacts-eu/pipe/Euro/obj";
    const RawResponse r = call(spec);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("x-amz-bucket-region"), QByteArray("eu-west-1"));
    QCOMPARE(xmlElement(r.body, "Code"), code);
    if (status == 400)
        QCOMPARE(xmlElement(r.body, "Region"), QByteArray("eu-west-1"));
    spec.method = "HEAD";
    const RawResponse head = call(spec);
    QCOMPARE(head.status, status);
    QCOMPARE(head.header("x-amz-bucket-region"), QByteArray("eu-west-1"));

    // The client signs again for the region S3 named, once, and gets the object.
    const auto got =
        await(m_client->getObject(config(), {QStringLiteral("artifacts-eu"), QStringLiteral("pipe/Euro/obj")},
                                  m_dir.filePath(QStringLiteral("eu.out"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().region, QStringLiteral("eu-west-1"));
    QCOMPARE(got.value().sha256, sha256Hex("from Ireland"));
}

void TestFakeS3Faults::expiredTokenAfterSeconds()
{
    FakeScript script;
    script.expireTokenAfterSeconds = 60;
    QVERIFY(m_fake->setS3Script(QStringLiteral("artifacts-us"), script));
    const s3::S3Location input{QStringLiteral("artifacts-us"), QStringLiteral("pipe/SourceArti/abc123")};
    const QString file = m_dir.filePath(QStringLiteral("expiring.zip"));
    QVERIFY(await(m_client->getObject(config(), input, file)).ok());
    m_clock->set(m_clock->nowUtc().addSecs(60));
    QVERIFY(await(m_client->getObject(config(), input, file)).ok());
    m_clock->set(m_clock->nowUtc().addSecs(1));
    const auto expired = await(m_client->getObject(config(), input, file));
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code, QStringLiteral("ExpiredToken"));
    QCOMPARE(expired.error().httpStatus, 400);

    // Other keys have their own first request.
    S3RequestSpec spec;
    spec.path = "/artifacts-us/pipe/SourceArti/abc123";
    spec.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    spec.secretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    spec.sessionToken.clear();
    QCOMPARE(call(spec).status, 200);
    spec.method = "HEAD";
    spec.accessKeyId = FakeS3JobKey;
    spec.secretKey = FakeS3JobSecret;
    spec.sessionToken = FakeS3JobToken;
    const RawResponse head = call(spec);
    QCOMPARE(head.status, 400);
    QCOMPARE(head.header("Content-Length"), QByteArray("0"));
}

void TestFakeS3Faults::slowDownThenServe()
{
    FakeScript script;
    script.serverErrors = {503, 503};
    QVERIFY(m_fake->setS3Script(QStringLiteral("artifacts-us"), script));
    S3RequestSpec spec;
    spec.path = "/artifacts-us/pipe/SourceArti/abc123";
    const RawResponse r = call(spec);
    QCOMPARE(r.status, 503);
    QCOMPARE(xmlElement(r.body, "Code"), QByteArray("SlowDown"));
    // The client retries the second SlowDown away.
    const auto got =
        await(m_client->getObject(config(), {QStringLiteral("artifacts-us"), QString::fromLatin1(spec.path.mid(14))},
                                  m_dir.filePath(QStringLiteral("slowdown.out"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetObject")), 3);
}

void TestFakeS3Faults::slowBody()
{
    const QByteArray content(40 * 1024, 'x');
    m_fake->putS3Object(QStringLiteral("artifacts-us"), QStringLiteral("slow/obj"), content);
    FakeScript script;
    script.bodyBytesPerSecond = 40 * 1024;  // a second for the whole body, in tenths
    QVERIFY(m_fake->setS3Script(QStringLiteral("artifacts-us"), script));
    qint64 lastProgress = 0;
    int progressSteps = 0;
    auto *get = m_client->getObject(config(), {QStringLiteral("artifacts-us"), QStringLiteral("slow/obj")},
                                    m_dir.filePath(QStringLiteral("slow.out")));
    connect(get, &s3::S3Call::progress, this, [&](qint64 bytes, qint64) {
        if (bytes > lastProgress)
            ++progressSteps;
        lastProgress = bytes;
    });
    QElapsedTimer timer;
    timer.start();
    const auto got = await(get);
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().sha256, sha256Hex(content));
    QVERIFY2(timer.elapsed() >= 800, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(progressSteps >= 5, qPrintable(QString::number(progressSteps)));
}

void TestFakeS3Faults::scriptFromFixtures()
{
    const QByteArray json = R"({"buckets":[{"name":"scripted","region":"ap-northeast-1","script":{
        "operations":["GetObject","HeadObject"],"resetAfterBodyBytes":10,"resetCount":2,"bodyBytesPerSecond":4096,
        "expireTokenAfterSeconds":5,"wrongRegion":"temporaryRedirect","serverErrors":[503]}}],
        "objects":[{"bucket":"scripted","key":"k","text":"0123456789abcdef"}]})";
    const auto loaded = m_fake->loadFixturesJson(json);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    const auto bucket = m_fake->s3Bucket(QStringLiteral("scripted"));
    QVERIFY(bucket);
    QCOMPARE(bucket->region, QStringLiteral("ap-northeast-1"));
    const FakeScript &script = bucket->script;
    QCOMPARE(script.operations, QStringList({QStringLiteral("GetObject"), QStringLiteral("HeadObject")}));
    QCOMPARE(script.resetAfterBodyBytes, qint64(10));
    QCOMPARE(script.resetCount, 2);
    QCOMPARE(script.bodyBytesPerSecond, qint64(4096));
    QCOMPARE(script.expireTokenAfterSeconds, 5);
    QCOMPARE(script.wrongRegion, FakeScript::WrongRegion::TemporaryRedirect);

    // Signed for the bucket's region: the 503 first, as SlowDown, then the reset body.
    S3RequestSpec spec;
    spec.path = "/scripted/k";
    spec.region = QStringLiteral("ap-northeast-1");
    const RawResponse slowDown = call(spec);
    QCOMPARE(slowDown.status, 503);
    QCOMPARE(xmlElement(slowDown.body, "Code"), QByteArray("SlowDown"));
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(s3Request(m_fake->port(), spec));
    QVERIFY(client.waitForDisconnect());
    const QByteArray received = client.received();
    QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
    QVERIFY(received.contains("Content-Length: 16\r\n"));
    QVERIFY2(received.endsWith("\r\n\r\n0123456789"), received.constData());
}

QTEST_GUILESS_MAIN(TestFakeS3Faults)
#include "tst_fakes3faults.moc"
