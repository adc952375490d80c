// S3Client against a raw local HTTP server that records the exact bytes it receives: the
// request line and headers on the wire (and that their signature verifies), the upload's
// headers, error bodies kept out of the file, a corrupt download, cancelling, and what is
// refused before anything is sent.

#include "core/aws/sigv4signer.h"
#include "core/s3/s3request.h"
#include "support/s3testbed.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPointer>
#include <QTest>
#include <QTimer>

using namespace jobdesk;
using namespace jobdesk::s3;
using jobdesk::test::Answer;
using jobdesk::test::ReceivedRequest;
using jobdesk::test::response;

class TestS3Client : public test::S3TestBed
{
    Q_OBJECT

private Q_SLOTS:
    void wireBytes_data();
    void wireBytes();
    void keepsErrorBodyOutOfFile();
    void detectsCorruptDownload();
    void cancelsMidDownload();
    void uploadHeaders();
    void refusesUnsignedPayloadOverHttp();
    void refusesDotSegments();
    void reportsLocalFileProblems();
    void hashesUploadOffTheEventLoop();
};

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

void TestS3Client::hashesUploadOffTheEventLoop()
{
    m_server->handler = [&](const ReceivedRequest &, int) { return Answer{response(200, "OK", {}, "")}; };
    const S3Location location{QStringLiteral("bucket"), QStringLiteral("big.zip")};
    const QString source = m_dir.filePath(QStringLiteral("big.zip"));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray block(1024 * 1024, 'b');
        for (int i = 0; i < 32; ++i)
            QCOMPARE(file.write(block), block.size());
    }

    // Cancelled from a timer while its 32 MiB are still being hashed: the event loop went
    // on turning meanwhile (hashed in start(), the attempt would have gone out before the
    // timer could fire), and nothing is sent.
    QPointer<S3Call> call = m_client->putObject(config(), location, source);
    int attemptsAtEnd = -1;
    connect(call, &S3Call::finished, this, [&] { attemptsAtEnd = call->attempts(); });
    QTimer::singleShot(5, call, [&] {
        if (call)
            call->cancel();
    });
    const Result<S3Transfer> cancelled = await(call);
    QVERIFY(!cancelled.ok());
    QCOMPARE(cancelled.error().kind, Error::Kind::Cancelled);
    QCOMPARE(attemptsAtEnd, 0);
    QVERIFY(m_server->requests.isEmpty());

    // Left alone, the same upload goes out with the file's hash signed.
    const Result<S3Transfer> put = await(m_client->putObject(config(), location, source));
    QVERIFY2(put.ok(), qPrintable(put.ok() ? QString() : put.error().message));
    QCOMPARE(put.value().bytes, qint64(32) * 1024 * 1024);
    QCOMPARE(m_server->requests.size(), 1);
    QCOMPARE(m_server->requests.first().header("x-amz-content-sha256"), put.value().sha256);
}

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3client.moc"
