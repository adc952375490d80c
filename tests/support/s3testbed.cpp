#include "support/s3testbed.h"

#include "core/aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <optional>

namespace jobdesk::test {

Result<s3::S3Transfer> S3TestBed::await(s3::S3Call *call, const std::function<void(qint64)> &onProgress, int limitMs)
{
    std::optional<Result<s3::S3Transfer>> answer;
    QEventLoop loop;
    if (onProgress)
        QObject::connect(call, &s3::S3Call::progress, &loop, [onProgress](qint64 bytes, qint64) { onProgress(bytes); });
    QObject::connect(call, &s3::S3Call::finished, &loop, [&] {
        answer.emplace(call->result());
        loop.quit();
    });
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);  // a guard against a hang only
    loop.exec();
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

QByteArray S3TestBed::errorXml(const QByteArray &code, const QByteArray &extra)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
        + "</Code><Message>Refused for test</Message>" + extra
        + "<RequestId>REQ123</RequestId><HostId>HOST456</HostId></Error>";
}

QByteArray S3TestBed::md5Etag(const QByteArray &content)
{
    return '"' + QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex() + '"';
}

void S3TestBed::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void S3TestBed::init()
{
    m_network = new QNetworkAccessManager(this);
    m_client = new s3::S3Client(m_network, this);
    m_server = new RawHttpServer;
    QVERIFY(m_server->listen());
}

void S3TestBed::cleanup()
{
    delete m_client;
    delete m_network;
    delete m_server;
}

aws::ClientConfig S3TestBed::config(const QString &region) const
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

bool S3TestBed::verifies(const ReceivedRequest &request, QByteArray *canonical)
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

}  // namespace jobdesk::test
