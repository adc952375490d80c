// S3Client recovering, against a raw local HTTP server that answers as scripted: a
// download resumed with Range after a drop or a stall, a changed object refused, SlowDown
// retried, and the request signed again once for S3's time or the region S3 names.

#include "core/aws/sigv4signer.h"
#include "core/s3/s3request.h"
#include "support/s3testbed.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLocale>
#include <QTest>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::s3;
using jobdesk::test::Answer;
using jobdesk::test::ReceivedRequest;
using jobdesk::test::response;

class TestS3ClientRecovery : public test::S3TestBed
{
    Q_OBJECT

private Q_SLOTS:
    void resumesAfterDrop();
    void refusesChangedObjectOnResume();
    void resumesAfterStall();
    void retriesSlowDown();
    void correctsClockOnce();
    void correctsRegionOnce_data();
    void correctsRegionOnce();
    void followsNoSecondRedirect();
};

void TestS3ClientRecovery::resumesAfterDrop()
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

void TestS3ClientRecovery::refusesChangedObjectOnResume()
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

void TestS3ClientRecovery::resumesAfterStall()
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

void TestS3ClientRecovery::retriesSlowDown()
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

void TestS3ClientRecovery::correctsClockOnce()
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

void TestS3ClientRecovery::correctsRegionOnce_data()
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

void TestS3ClientRecovery::correctsRegionOnce()
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

void TestS3ClientRecovery::followsNoSecondRedirect()
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

QTEST_GUILESS_MAIN(TestS3ClientRecovery)
#include "tst_s3clientrecovery.moc"
