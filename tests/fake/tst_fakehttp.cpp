// The fake endpoint as an HTTP server: keep-alive and close, pipelining, chunked
// bodies, limits, 100-continue, a QNetworkAccessManager client and TLS.

#include "fake/fakecodepipeline.h"
#include "support/fakeclient.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void http_keepAliveAndClose();
    void http_pipelinedAndBytewise();
    void http_chunkedBody();
    void http_limits_data();
    void http_limits();
    void http_expectContinue();
    void networkAccessManager_inProcess();
    void tls_roundTrip();

private:
    RawResponse call(const SignedRequestSpec &spec);
    QNetworkRequest namRequest(const QUrl &url, const QString &operation, const QByteArray &body);

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeHttp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFakeHttp::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(fakeFixturePath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QCOMPARE(loaded.value(), 4);
    QVERIFY(m_fake->listen());
}

void TestFakeHttp::cleanup()
{
    m_fake.reset();
}

RawResponse TestFakeHttp::call(const SignedRequestSpec &spec)
{
    return callFake(m_fake->port(), spec);
}

void TestFakeHttp::http_keepAliveAndClose()
{
    const QByteArray body = compactJson(
        {{QStringLiteral("jobId"), FakeJobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
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

void TestFakeHttp::http_pipelinedAndBytewise()
{
    const QByteArray body = compactJson(
        {{QStringLiteral("jobId"), FakeJobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
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
    QCOMPARE(m_fake->requestCount(FakeJobOne), 3);
}

void TestFakeHttp::http_chunkedBody()
{
    SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                           compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                        {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
    spec.chunked = true;
    const RawResponse r = call(spec);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_fake->lastRequestBody(), spec.body);
}

void TestFakeHttp::http_limits_data()
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

void TestFakeHttp::http_limits()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(request);
    const auto r = client.next();
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QVERIFY(!jsonObject(r->body).value(QStringLiteral("__type")).toString().isEmpty());
    // The fake survives and keeps serving.
    QCOMPARE(call({QStringLiteral("GetThirdPartyJobDetails"),
                   compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                {QStringLiteral("clientToken"), QStringLiteral("token-one")}})})
                 .status,
             200);
}

void TestFakeHttp::http_expectContinue()
{
    SignedRequestSpec spec{QStringLiteral("GetThirdPartyJobDetails"),
                           compactJson({{QStringLiteral("jobId"), FakeJobOne},
                                        {QStringLiteral("clientToken"), QStringLiteral("token-one")}})};
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

QNetworkRequest TestFakeHttp::namRequest(const QUrl &url, const QString &operation, const QByteArray &body)
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

void TestFakeHttp::networkAccessManager_inProcess()
{
    QNetworkAccessManager nam;
    const QByteArray body = compactJson(
        {{QStringLiteral("jobId"), FakeJobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    for (int i = 0; i < 2; ++i) {
        QNetworkReply *reply =
            nam.post(namRequest(m_fake->url(), QStringLiteral("GetThirdPartyJobDetails"), body), body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(answeredJobId(reply->readAll()), FakeJobOne);
        reply->deleteLater();
    }
    QCOMPARE(m_fake->connectionCount(), 1);  // QNAM reused the kept-alive connection
}

void TestFakeHttp::tls_roundTrip()
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
    QVERIFY(tlsFake.loadFixtures(fakeFixturePath()).ok());
    tlsFake.enableTls(certificate, privateKey);
    QVERIFY(tlsFake.listen());
    QCOMPARE(tlsFake.url().scheme(), QStringLiteral("https"));

    QNetworkAccessManager nam;
    const QByteArray body = compactJson(
        {{QStringLiteral("jobId"), FakeJobOne}, {QStringLiteral("clientToken"), QStringLiteral("token-one")}});
    QNetworkRequest request = namRequest(tlsFake.url(), QStringLiteral("GetThirdPartyJobDetails"), body);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({certificate});  // trusted as a real CA, no errors ignored
    request.setSslConfiguration(ssl);
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(answeredJobId(reply->readAll()), FakeJobOne);
    delete reply;
}

QTEST_GUILESS_MAIN(TestFakeHttp)
#include "tst_fakehttp.moc"
