// S3Client against a raw local HTTP server that records the exact bytes it receives and
// answers as scripted: the request line and headers on the wire (and that their
// signature verifies), resuming a dropped download, re-signing once for the region S3
// names, error bodies kept out of the file, cancelling, and the upload's headers.

#include "core/aws/sigv4signer.h"
#include "core/s3/s3client.h"
#include "core/s3/s3request.h"
#include "support/rawhttpserver.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <optional>

using namespace jobdesk;
using namespace jobdesk::s3;
using jobdesk::test::Answer;
using jobdesk::test::ReceivedRequest;
using jobdesk::test::response;

namespace {

const QString AccessKey = QStringLiteral("ASIAJOBDESKTEST00001");
const QByteArray SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const QByteArray Token = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLEtoken+/=";

QByteArray errorXml(const QByteArray &code, const QByteArray &extra = {})
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
        + "</Code><Message>Refused for test</Message>" + extra
        + "<RequestId>REQ123</RequestId><HostId>HOST456</HostId></Error>";
}

Result<S3Transfer> await(S3Call *call, const std::function<void(qint64)> &onProgress = {})
{
    std::optional<Result<S3Transfer>> answer;
    QEventLoop loop;
    if (onProgress)
        QObject::connect(call, &S3Call::progress, &loop, [onProgress](qint64 bytes, qint64) { onProgress(bytes); });
    QObject::connect(call, &S3Call::finished, &loop, [&] {
        answer.emplace(call->result());
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);  // a guard against a hang only
    loop.exec();
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

QByteArray md5Etag(const QByteArray &content)
{
    return '"' + QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex() + '"';
}

}  // namespace

class TestS3Client : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void wireBytes_data();
    void wireBytes();
    void resumesAfterDrop();
    void refusesChangedObjectOnResume();
    void resumesAfterStall();
    void retriesSlowDown();
    void correctsClockOnce();
    void correctsRegionOnce_data();
    void correctsRegionOnce();
    void followsNoSecondRedirect();
    void keepsErrorBodyOutOfFile();
    void detectsCorruptDownload();
    void cancelsMidDownload();
    void uploadHeaders();
    void refusesUnsignedPayloadOverHttp();
    void refusesDotSegments();
    void reportsLocalFileProblems();

private:
    aws::ClientConfig config(const QString &region = QStringLiteral("us-east-1")) const;
    // Whether the received request's signature verifies with the test's keys.
    static bool verifies(const ReceivedRequest &request, QByteArray *canonical = nullptr);

    QTemporaryDir m_dir;
    QNetworkAccessManager *m_network = nullptr;
    S3Client *m_client = nullptr;
    test::RawHttpServer *m_server = nullptr;
};

void TestS3Client::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestS3Client::init()
{
    m_network = new QNetworkAccessManager(this);
    m_client = new S3Client(m_network, this);
    m_server = new test::RawHttpServer;
    QVERIFY(m_server->listen());
}

void TestS3Client::cleanup()
{
    delete m_client;
    delete m_network;
    delete m_server;
}

aws::ClientConfig TestS3Client::config(const QString &region) const
{
    aws::ClientConfig c;
    c.service = QStringLiteral("s3");
    c.endpoint.url = m_server->url();
    c.endpoint.signingRegion = region;
    c.endpoint.custom = true;
    c.credentials.accessKeyId = AccessKey;
    c.credentials.secretAccessKey = Secret(SecretKey);
    c.credentials.sessionToken = Secret(Token);
    c.jitter = [] { return 0.0; };
    c.readTimeoutMs = 10000;
    return c;
}

bool TestS3Client::verifies(const ReceivedRequest &request, QByteArray *canonical)
{
    const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("Authorization"));
    const auto when = aws::SigV4Signer::parseAmzDate(request.header("X-Amz-Date"));
    if (!parsed || !when)
        return false;
    aws::SignableRequest received;
    received.method = request.method();
    received.path = request.target();
    received.headers = request.headers;
    aws::SigningOptions options;
    options.normalizePath = false;
    options.payloadHash = request.header("X-Amz-Content-Sha256");
    aws::SigV4Signer signer;
    const aws::SignatureParts parts = signer.computeSignature(received, parsed->signedHeaders, Secret(SecretKey), *when,
                                                              parsed->region, parsed->service, options);
    if (canonical)
        *canonical = parts.canonicalRequest;
    return aws::SigV4Signer::signaturesEqual(parts.signature, parsed->signature);
}

void TestS3Client::wireBytes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("space and plus") << QStringLiteral("a b+c.zip") << QByteArray("/bucket/a%20b%2Bc.zip");
    QTest::newRow("tilde kept, percent encoded")
        << QStringLiteral("x~y%z%20.zip") << QByteArray("/bucket/x~y%25z%2520.zip");
    QTest::newRow("slashes kept") << QStringLiteral("a//b/c/") << QByteArray("/bucket/a//b/c/");
    QTest::newRow("reserved characters") << QStringLiteral("!$&'()*,;=:@?#[]")
                                         << QByteArray("/bucket/%21%24%26%27%28%29%2A%2C%3B%3D%3A%40%3F%23%5B%5D");
    QTest::newRow("unicode, uppercase hex")
        << QStringLiteral("dir/é 中 😀.zip") << QByteArray("/bucket/dir/%C3%A9%20%E4%B8%AD%20%F0%9F%98%80.zip");
    QTest::newRow("dots inside names") << QStringLiteral("v1.2/.hidden/config..d/x.zip")
                                       << QByteArray("/bucket/v1.2/.hidden/config..d/x.zip");
}

void TestS3Client::wireBytes()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, target);
    const QByteArray content = "PK\x03\x04 artifact";
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(200, "OK", {{"ETag", md5Etag(content)}, {"Content-Type", "application/zip"}}, content)};
    };
    const QString file = m_dir.filePath(QStringLiteral("wire.zip"));
    const Result<S3Transfer> got = await(m_client->getObject(config(), {QStringLiteral("bucket"), key}, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(m_server->requests.size(), 1);
    const ReceivedRequest &request = m_server->requests.first();
    QCOMPARE(request.requestLine, "GET " + target + " HTTP/1.1");
    QCOMPARE(request.header("Host"), m_server->url().authority().toLatin1());
    QCOMPARE(request.header("X-Amz-Content-Sha256"), QByteArray(S3Request::EmptyPayloadHash));
    QCOMPARE(request.header("X-Amz-Security-Token"), Token);
    QCOMPARE(request.header("Accept-Encoding"), QByteArray("identity"));
    QVERIFY(request.header("x-amz-server-side-encryption").isEmpty());
    const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("Authorization"));
    QVERIFY(parsed);
    for (const QByteArray name : {"host", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token"})
        QVERIFY2(parsed->signedHeaders.contains(name), name.constData());
    QCOMPARE(parsed->region, QStringLiteral("us-east-1"));
    QCOMPARE(parsed->service, QStringLiteral("s3"));
    QByteArray canonical;
    QVERIFY2(verifies(request, &canonical), canonical.constData());
    QCOMPARE(got.value().bytes, qint64(content.size()));
}

void TestS3Client::resumesAfterDrop()
{
    QByteArray content;
    for (int i = 0; i < 40000; ++i)
        content += QByteArray::number(i) + ',';
    const qsizetype half = content.size() / 2;
    const QByteArray etag = md5Etag(content);
    m_server->handler = [&](const ReceivedRequest &request, int index) {
        if (!request.header("Range").startsWith("bytes=")) {
            // The whole length announced, and on the first try half of it sent before the
            // connection drops. (Qt may send the request again by itself on the drop.)
            if (index == 0)
                return Answer{response(200, "OK", {{"ETag", etag}}, content.left(half), content.size()), true};
            return Answer{response(200, "OK", {{"ETag", etag}}, content)};
        }
        const qsizetype from = request.header("Range").mid(6).chopped(1).toLongLong();
        return Answer{response(206, "Partial Content",
                               {{"ETag", etag},
                                {"Content-Range",
                                 "bytes " + QByteArray::number(from) + '-' + QByteArray::number(content.size() - 1)
                                     + '/' + QByteArray::number(content.size())}},
                               content.mid(from))};
    };
    const QString file = m_dir.filePath(QStringLiteral("resumed.zip"));
    QList<qint64> progress;
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("big.zip")}, file),
              [&](qint64 bytes) { progress.append(bytes); });
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QVERIFY(m_server->requests.size() == 2 || m_server->requests.size() == 3);
    const ReceivedRequest &second = m_server->requests.last();
    QVERIFY2(second.header("Range").startsWith("bytes="), second.requestLine.constData());
    const qint64 resumedFrom = second.header("Range").mid(6).chopped(1).toLongLong();
    QVERIFY(resumedFrom > 0 && resumedFrom <= half);
    QCOMPARE(second.header("If-Match"), etag);
    QVERIFY(verifies(second));
    QCOMPARE(got.value().resumes, 1);
    QCOMPARE(got.value().bytes, qint64(content.size()));
    QCOMPARE(got.value().sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), content);
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
    QCOMPARE(progress.last(), qint64(content.size()));
}

void TestS3Client::refusesChangedObjectOnResume()
{
    const QByteArray content(10000, 'x');
    m_server->handler = [&](const ReceivedRequest &, int index) {
        if (index == 0)
            return Answer{response(200, "OK", {{"ETag", md5Etag(content)}}, content.left(3000), content.size()), true};
        return Answer{response(412, "Precondition Failed", {{"Content-Type", "application/xml"}},
                               errorXml("PreconditionFailed"))};
    };
    const QString file = m_dir.filePath(QStringLiteral("changed.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, QStringLiteral("PreconditionFailed"));
    QVERIFY(got.error().hint.contains(QStringLiteral("changed")));
    QVERIFY(!QFile::exists(file));
}

void TestS3Client::resumesAfterStall()
{
    QByteArray content;
    for (int i = 0; i < 5000; ++i)
        content += QByteArray::number(i * 13) + ';';
    const QByteArray etag = md5Etag(content);
    m_server->handler = [&](const ReceivedRequest &request, int) {
        const QByteArray range = request.header("Range");
        if (!range.startsWith("bytes="))  // the first part, then silence until the read timeout
            return Answer{response(200, "OK", {{"ETag", etag}}, content.left(4000), content.size()), false, true};
        const qsizetype from = range.mid(6).chopped(1).toLongLong();
        return Answer{response(206, "Partial Content",
                               {{"ETag", etag},
                                {"Content-Range",
                                 "bytes " + QByteArray::number(from) + '-' + QByteArray::number(content.size() - 1)
                                     + '/' + QByteArray::number(content.size())}},
                               content.mid(from))};
    };
    aws::ClientConfig c = config();
    c.readTimeoutMs = 300;
    const QString file = m_dir.filePath(QStringLiteral("stalled.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(c, {QStringLiteral("bucket"), QStringLiteral("stall.zip")}, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->requests.at(1).header("Range"), QByteArray("bytes=4000-"));
    QCOMPARE(got.value().resumes, 1);
    QCOMPARE(got.value().sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), content);
}

void TestS3Client::retriesSlowDown()
{
    const QByteArray content = "artifact";
    m_server->handler = [&](const ReceivedRequest &, int index) {
        if (index == 0)
            return Answer{response(503, "Slow Down", {}, errorXml("SlowDown"))};
        return Answer{response(200, "OK", {{"ETag", md5Etag(content)}}, content)};
    };
    const QString file = m_dir.filePath(QStringLiteral("slow.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(m_server->requests.size(), 2);
    QVERIFY(m_server->requests.at(1).header("Range").isEmpty());  // nothing was written the first time

    // With one attempt only, SlowDown is the answer, and its hint says to wait.
    m_server->requests.clear();
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(503, "Slow Down", {}, errorXml("SlowDown"))};
    };
    aws::ClientConfig once = config();
    once.retry.maxAttempts = 1;
    const Result<S3Transfer> refused =
        await(m_client->getObject(once, {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("SlowDown"));
    QVERIFY(refused.error().hint.contains(QStringLiteral("Wait")));
    QCOMPARE(m_server->requests.size(), 1);
}

void TestS3Client::correctsClockOnce()
{
    // S3 two hours ahead of this computer: the request is signed again with S3's time.
    const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(2 * 3600);
    const QByteArray date =
        QLocale::c().toString(serverNow, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    const QByteArray content = "zip";
    m_server->handler = [&](const ReceivedRequest &, int index) {
        if (index == 0)
            return Answer{response(403, "Forbidden", {{"Date", date}}, errorXml("RequestTimeTooSkewed"))};
        return Answer{response(200, "OK", {{"ETag", md5Etag(content)}}, content)};
    };
    const QString file = m_dir.filePath(QStringLiteral("skewed.zip"));
    const S3Location location{QStringLiteral("bucket"), QStringLiteral("k.zip")};
    const Result<S3Transfer> got = await(m_client->getObject(config(), location, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(m_server->requests.size(), 2);
    const auto signedAt = aws::SigV4Signer::parseAmzDate(m_server->requests.at(1).header("X-Amz-Date"));
    QVERIFY(signedAt);
    QVERIFY(qAbs(signedAt->secsTo(serverNow)) < 300);
    QVERIFY(verifies(m_server->requests.at(1)));

    // Without S3's Date there is nothing to correct by: the error says to set the clock.
    m_server->requests.clear();
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(403, "Forbidden", {}, errorXml("RequestTimeTooSkewed"))};
    };
    const Result<S3Transfer> refused = await(m_client->getObject(config(), location, file));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("RequestTimeTooSkewed"));
    QVERIFY(refused.error().hint.contains(QStringLiteral("clock")));
    QCOMPARE(m_server->requests.size(), 1);

    // HEAD gets a bare 403; S3's Date far from ours is taken as the reason, once.
    m_server->requests.clear();
    m_server->handler = [&](const ReceivedRequest &, int index) {
        if (index == 0)
            return Answer{response(403, "Forbidden", {{"Date", date}}, {})};
        return Answer{response(200, "OK", {{"ETag", md5Etag(content)}}, {}, content.size())};
    };
    const Result<S3Transfer> head = await(m_client->headObject(config(), location));
    QVERIFY2(head.ok(), qPrintable(head.ok() ? QString() : head.error().summary()));
    QCOMPARE(m_server->requests.size(), 2);

    // A 403 from a server whose clock agrees with ours is just a refusal.
    m_server->requests.clear();
    const QByteArray now =
        QLocale::c()
            .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
            .toLatin1();
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(403, "Forbidden", {{"Date", now}}, {})};
    };
    const Result<S3Transfer> forbidden = await(m_client->headObject(config(), location));
    QVERIFY(!forbidden.ok());
    QCOMPARE(forbidden.error().code, QStringLiteral("Forbidden"));
    QCOMPARE(m_server->requests.size(), 1);
}

void TestS3Client::correctsRegionOnce_data()
{
    QTest::addColumn<bool>("head");
    QTest::addColumn<QByteArray>("refusal");
    const aws::HeaderList regionHeader = {{"x-amz-bucket-region", "eu-west-1"}};
    QTest::newRow("301 PermanentRedirect")
        << false
        << response(301, "Moved Permanently", regionHeader,
                    errorXml("PermanentRedirect", "<Endpoint>bucket.s3.eu-west-1.amazonaws.com</Endpoint>"));
    QTest::newRow("307 TemporaryRedirect")
        << false
        << response(307, "Temporary Redirect",
                    {{"x-amz-bucket-region", "eu-west-1"}, {"Location", "http://evil.example/"}},
                    errorXml("TemporaryRedirect"));
    QTest::newRow("400 AuthorizationHeaderMalformed, region in the body")
        << false
        << response(400, "Bad Request", {}, errorXml("AuthorizationHeaderMalformed", "<Region>eu-west-1</Region>"));
    QTest::newRow("HEAD 301 without a body") << true << response(301, "Moved Permanently", regionHeader, {});
}

void TestS3Client::correctsRegionOnce()
{
    QFETCH(bool, head);
    QFETCH(QByteArray, refusal);
    const QByteArray content = "zip";
    m_server->handler = [&](const ReceivedRequest &, int index) {
        if (index == 0)
            return Answer{refusal};
        return Answer{response(200, "OK", {{"ETag", md5Etag(content)}}, head ? QByteArray() : content, content.size())};
    };
    const S3Location location{QStringLiteral("bucket"), QStringLiteral("k.zip")};
    const Result<S3Transfer> got =
        await(head ? m_client->headObject(config(), location)
                   : m_client->getObject(config(), location, m_dir.filePath(QStringLiteral("region.zip"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().region, QStringLiteral("eu-west-1"));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(aws::SigV4Signer::parseAuthorization(m_server->requests.at(0).header("Authorization"))->region,
             QStringLiteral("us-east-1"));
    QCOMPARE(aws::SigV4Signer::parseAuthorization(m_server->requests.at(1).header("Authorization"))->region,
             QStringLiteral("eu-west-1"));
    QVERIFY(verifies(m_server->requests.at(1)));
    QCOMPARE(m_server->requests.at(1).target(), QByteArray("/bucket/k.zip"));  // no Location followed
}

void TestS3Client::followsNoSecondRedirect()
{
    int next = 0;
    const QStringList regions = {QStringLiteral("eu-west-1"), QStringLiteral("ap-south-1")};
    m_server->handler = [&](const ReceivedRequest &, int) {
        const QByteArray region = regions.at(next++ % 2).toLatin1();
        return Answer{
            response(301, "Moved Permanently", {{"x-amz-bucket-region", region}}, errorXml("PermanentRedirect"))};
    };
    const QString file = m_dir.filePath(QStringLiteral("loop.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, QStringLiteral("PermanentRedirect"));
    QCOMPARE(m_server->requests.size(), 2);
    QVERIFY(got.error().hint.contains(QStringLiteral("ap-south-1")));
    QVERIFY(!QFile::exists(file));
}

void TestS3Client::keepsErrorBodyOutOfFile()
{
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(400, "Bad Request", {{"x-amz-request-id", "HDRREQ"}}, errorXml("ExpiredToken"))};
    };
    const QString file = m_dir.filePath(QStringLiteral("expired.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, QStringLiteral("ExpiredToken"));
    QCOMPARE(got.error().requestId, QStringLiteral("REQ123"));
    QVERIFY(got.error().hint.contains(QStringLiteral("fetch the job again")));
    QVERIFY(got.error().hint.contains(QStringLiteral("HOST456")));
    QVERIFY(!got.error().summary().contains(QString::fromLatin1(SecretKey)));
    QVERIFY(!got.error().hint.contains(QString::fromLatin1(Token)));
    QVERIFY(!QFile::exists(file));
}

void TestS3Client::detectsCorruptDownload()
{
    const QByteArray content = "the real bytes";
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(200, "OK", {{"ETag", md5Etag("other bytes!!!")}}, content)};
    };
    const QString file = m_dir.filePath(QStringLiteral("corrupt.zip"));
    const Result<S3Transfer> got =
        await(m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, QStringLiteral("ChecksumMismatch"));
    QVERIFY(!QFile::exists(file));
}

void TestS3Client::cancelsMidDownload()
{
    const QByteArray part(64 * 1024, 'z');
    m_server->handler = [&](const ReceivedRequest &, int) {
        // A big object whose first part arrives, then nothing more.
        return Answer{response(200, "OK", {{"ETag", "\"0123456789abcdef0123456789abcdef\""}}, part, 10 * part.size()),
                      false, true};
    };
    const QString file = m_dir.filePath(QStringLiteral("cancelled.zip"));
    QPointer<S3Call> call = m_client->getObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, file);
    const Result<S3Transfer> got = await(call, [&](qint64 bytes) {
        if (bytes > 0 && call)
            call->cancel();
    });
    QVERIFY(!got.ok());
    QCOMPARE(got.error().kind, Error::Kind::Cancelled);
    QCOMPARE(m_server->requests.size(), 1);
    QVERIFY(!QFile::exists(file));
}

void TestS3Client::uploadHeaders()
{
    QByteArray content;
    for (int i = 0; i < 5000; ++i)
        content += char(i * 7);
    const QString source = m_dir.filePath(QStringLiteral("upload.zip"));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    m_server->handler = [&](const ReceivedRequest &, int) {
        return Answer{response(200, "OK",
                               {{"ETag", "\"abc\""},
                                {"x-amz-server-side-encryption", "aws:kms"},
                                {"x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:1:key/k"},
                                {"x-amz-version-id", "v1"}},
                               {})};
    };
    S3PutOptions options;
    options.kmsKeyId = QStringLiteral("arn:aws:kms:us-east-1:1:key/k");
    const Result<S3Transfer> put = await(
        m_client->putObject(config(), {QStringLiteral("bucket"), QStringLiteral("out/a b.zip")}, source, options));
    QVERIFY2(put.ok(), qPrintable(put.ok() ? QString() : put.error().summary()));
    QCOMPARE(m_server->requests.size(), 1);
    const ReceivedRequest &request = m_server->requests.first();
    QCOMPARE(request.requestLine, QByteArray("PUT /bucket/out/a%20b.zip HTTP/1.1"));
    QCOMPARE(request.body, content);
    const QByteArray sha = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    QCOMPARE(request.header("X-Amz-Content-Sha256"), sha);
    QCOMPARE(request.header("Content-Length"), QByteArray::number(content.size()));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/zip"));
    QCOMPARE(request.header("x-amz-server-side-encryption"), QByteArray("aws:kms"));
    QCOMPARE(request.header("x-amz-server-side-encryption-aws-kms-key-id"), options.kmsKeyId.toLatin1());
    const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("Authorization"));
    QVERIFY(parsed);
    for (const QByteArray name : {"content-length", "content-type", "x-amz-server-side-encryption",
                                  "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-security-token"})
        QVERIFY2(parsed->signedHeaders.contains(name), name.constData());
    QVERIFY(verifies(request));
    QCOMPARE(put.value().sha256, sha);
    QCOMPARE(put.value().object.kmsKeyId, options.kmsKeyId);
    QCOMPARE(put.value().object.versionId, QStringLiteral("v1"));
}

void TestS3Client::refusesUnsignedPayloadOverHttp()
{
    const QString source = m_dir.filePath(QStringLiteral("unsigned.zip"));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
    }
    m_server->handler = [&](const ReceivedRequest &, int) { return Answer{response(200, "OK", {}, {})}; };
    S3PutOptions options;
    options.unsignedPayload = true;
    const Result<S3Transfer> put =
        await(m_client->putObject(config(), {QStringLiteral("bucket"), QStringLiteral("k.zip")}, source, options));
    QVERIFY(!put.ok());
    QCOMPARE(put.error().code, QStringLiteral("UnsignedPayloadOverHttp"));
    QVERIFY(m_server->requests.isEmpty());
}

void TestS3Client::refusesDotSegments()
{
    // Qt would resolve them on the way and so address another object.
    m_server->handler = [&](const ReceivedRequest &, int) { return Answer{response(200, "OK", {}, {})}; };
    for (const QString &key : {QStringLiteral("a/./b"), QStringLiteral("a/../b"), QStringLiteral("../x"),
                               QStringLiteral("x/.."), QStringLiteral("a/.b/..c")}) {
        const Result<S3Transfer> head = await(m_client->headObject(config(), {QStringLiteral("bucket"), key}));
        QVERIFY(!head.ok());
        QCOMPARE(head.error().code, QStringLiteral("UnsendableKey"));
        QVERIFY(head.error().hint.contains(QStringLiteral("aws s3 cp")));
    }
    QVERIFY(m_server->requests.isEmpty());
}

void TestS3Client::reportsLocalFileProblems()
{
    m_server->handler = [&](const ReceivedRequest &, int) { return Answer{response(200, "OK", {}, "x")}; };
    const S3Location location{QStringLiteral("bucket"), QStringLiteral("k.zip")};

    const QString noFolder = m_dir.filePath(QStringLiteral("no such folder/k.zip"));
    const Result<S3Transfer> get = await(m_client->getObject(config(), location, noFolder));
    QVERIFY(!get.ok());
    QCOMPARE(get.error().kind, Error::Kind::Io);
    QCOMPARE(get.error().code, QStringLiteral("CannotWrite"));
    QVERIFY(get.error().message.contains(noFolder));
    QVERIFY(!get.error().hint.isEmpty());

    const QString noFile = m_dir.filePath(QStringLiteral("missing.zip"));
    const Result<S3Transfer> put = await(m_client->putObject(config(), location, noFile));
    QVERIFY(!put.ok());
    QCOMPARE(put.error().kind, Error::Kind::Io);
    QCOMPARE(put.error().code, QStringLiteral("CannotRead"));
    QVERIFY(put.error().message.contains(noFile));

    QVERIFY(m_server->requests.isEmpty());  // nothing is sent for a transfer that cannot happen
}

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3client.moc"
