// The fake endpoint's S3: driven by the real S3Client (downloads, ranges, resumes,
// uploads, region correction) and by raw signed requests (S3's headers, XML errors,
// signature and payload checks, the bucket policy and the scripted faults).

#include "core/aws/sigv4signer.h"
#include "core/s3/s3client.h"
#include "fake/fakecodepipeline.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

namespace {

const QString JobKey = QStringLiteral("ASIAS3JOBEXAMPLE0001");
const QString JobSecret = QStringLiteral("s3JobSecretEXAMPLEKEYs3JobSecretEXAMPLE");
const QString JobToken = QStringLiteral("FwoGZXIvYXdzEJr//////////wEaDs3jobtokenEXAMPLE+/=");
const QString KmsKey = QStringLiteral("arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// A request signed as an SDK signs one for S3: path-style, the path encoded once.
struct S3RequestSpec
{
    QByteArray method = "GET";
    QByteArray path;
    QByteArray body;
    aws::HeaderList headers;  // signed with the rest
    QString accessKeyId = JobKey;
    QString secretKey = JobSecret;
    QString sessionToken = JobToken;
    QString region = QStringLiteral("us-east-1");
    QByteArray payloadHash;  // empty: the body's
    bool signContentHash = true;
};

QByteArray s3Request(quint16 port, const S3RequestSpec &spec)
{
    aws::SignableRequest request;
    request.method = spec.method;
    request.path = spec.path;
    request.headers = {{"Host", "127.0.0.1:" + QByteArray::number(port)}};
    request.headers += spec.headers;
    request.body = spec.body;
    aws::Credentials credentials;
    credentials.accessKeyId = spec.accessKeyId;
    credentials.secretAccessKey = Secret(spec.secretKey);
    credentials.sessionToken = Secret(spec.sessionToken);
    aws::SigV4Signer signer;
    aws::SigningOptions options;
    options.normalizePath = false;
    options.signBody = spec.signContentHash;
    options.payloadHash = spec.payloadHash;
    signer.signHeaders(request, credentials, spec.region, QStringLiteral("s3"), options);
    QByteArray bytes = spec.method + ' ' + spec.path + " HTTP/1.1\r\n";
    for (const auto &[name, value] : std::as_const(request.headers))
        bytes += name + ": " + value + "\r\n";
    return bytes + "Content-Length: " + QByteArray::number(spec.body.size()) + "\r\n\r\n" + spec.body;
}

QByteArray xmlElement(const QByteArray &xml, const QByteArray &name)
{
    const qsizetype begin = xml.indexOf(QByteArray('<' + name + '>'));
    const qsizetype end = xml.indexOf(QByteArray("</" + name + '>'));
    return begin < 0 || end < 0 ? QByteArray() : xml.mid(begin + name.size() + 2, end - begin - name.size() - 2);
}

}  // namespace

class TestFakeS3 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void client_getHeadPut();
    void client_getFileObject();
    void raw_headers();
    void raw_range_data();
    void raw_range();
    void client_resumesAfterReset();
    void wrongRegion_data();
    void wrongRegion();
    void expiredTokenAfterSeconds();
    void kmsPolicy_data();
    void kmsPolicy();
    void refusals_data();
    void refusals();
    void slowDownThenServe();
    void slowBody();
    void fixtureErrors_data();
    void fixtureErrors();

private:
    aws::ClientConfig config(const QString &region = QStringLiteral("us-east-1")) const;
    Result<s3::S3Transfer> await(s3::S3Call *call, int limitMs = 60000);
    RawResponse call(const S3RequestSpec &spec);

    QTemporaryDir m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeCodePipeline> m_fake;
    QNetworkAccessManager *m_network = nullptr;
    s3::S3Client *m_client = nullptr;
};

void TestFakeS3::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestFakeS3::init()
{
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    const auto loaded = m_fake->loadFixtures(dataDir() + QStringLiteral("/fake/s3.json"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QVERIFY(m_fake->listen());
    m_network = new QNetworkAccessManager(this);
    m_client = new s3::S3Client(m_network, this);
}

void TestFakeS3::cleanup()
{
    delete m_client;
    delete m_network;
    m_fake.reset();
}

aws::ClientConfig TestFakeS3::config(const QString &region) const
{
    aws::ClientConfig c;
    c.service = QStringLiteral("s3");
    c.endpoint.url = m_fake->url();
    c.endpoint.signingRegion = region;
    c.endpoint.custom = true;
    c.credentials.accessKeyId = JobKey;
    c.credentials.secretAccessKey = Secret(JobSecret);
    c.credentials.sessionToken = Secret(JobToken);
    c.clock = m_clock.get();
    c.jitter = [] { return 0.0; };
    c.readTimeoutMs = 10000;
    return c;
}

Result<s3::S3Transfer> TestFakeS3::await(s3::S3Call *call, int limitMs)
{
    std::optional<Result<s3::S3Transfer>> answer;
    QEventLoop loop;
    connect(call, &s3::S3Call::finished, &loop, [&] {
        answer.emplace(call->result());
        loop.quit();
    });
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);  // a guard against a hang only
    loop.exec();
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

RawResponse TestFakeS3::call(const S3RequestSpec &spec)
{
    RawHttpClient client;
    if (!client.connectTo(m_fake->port()))
        return {};
    client.send(s3Request(m_fake->port(), spec));
    if (spec.method == "HEAD") {  // no body follows, whatever Content-Length says
        if (!QTest::qWaitFor([&] { return client.received().contains("\r\n\r\n"); }, 20000))
            return {};
        // The head alone: no body follows, whatever Content-Length says.
        const QByteArray head = client.received().left(client.received().indexOf("\r\n\r\n"));
        const QList<QByteArray> lines = head.split('\n');
        RawResponse r;
        r.status = lines.first().split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        return r;
    }
    return client.next().value_or(RawResponse{});
}

void TestFakeS3::client_getHeadPut()
{
    const s3::S3Location input{QStringLiteral("artifacts-us"), QStringLiteral("pipe/SourceArti/abc123")};
    const QString file = m_dir.filePath(QStringLiteral("input.zip"));
    const auto got = await(m_client->getObject(config(), input, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().bytes, qint64(15));
    QCOMPARE(got.value().sha256, sha256Hex("hello artifact\n"));
    QCOMPARE(got.value().object.etag,
             '"' + QCryptographicHash::hash("hello artifact\n", QCryptographicHash::Md5).toHex() + '"');
    QCOMPARE(got.value().object.contentType, QStringLiteral("application/zip"));
    QCOMPARE(got.value().resumes, 0);

    const auto head = await(m_client->headObject(config(), input));
    QVERIFY2(head.ok(), qPrintable(head.ok() ? QString() : head.error().summary()));
    QCOMPARE(head.value().object.size, qint64(15));
    QVERIFY(head.value().object.lastModified.isValid());

    // An odd key, encoded once on the wire and signed as sent.
    const auto odd = await(m_client->getObject(
        config(), {QStringLiteral("artifacts-us"), QStringLiteral("dir with space/ü+plus.txt")}, file));
    QVERIFY2(odd.ok(), qPrintable(odd.ok() ? QString() : odd.error().summary()));
    QCOMPARE(odd.value().sha256, sha256Hex("odd key"));

    const QByteArray content = QByteArray("PK\x03\x04 output artifact ").repeated(1000);
    const QString source = m_dir.filePath(QStringLiteral("output.zip"));
    QFile out(source);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(content);
    out.close();
    QSignalSpy uploaded(m_fake.get(), &FakeCodePipeline::s3ObjectUploaded);
    s3::S3PutOptions options;
    options.kmsKeyId = KmsKey;
    const s3::S3Location output{QStringLiteral("artifacts-kms"), QStringLiteral("pipe/BuildArtif/out1")};
    const auto put = await(m_client->putObject(config(), output, source, options));
    QVERIFY2(put.ok(), qPrintable(put.ok() ? QString() : put.error().summary()));
    QCOMPARE(put.value().object.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(put.value().object.kmsKeyId, KmsKey);
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.first().at(0).toString(), output.bucket);
    QCOMPARE(uploaded.first().at(1).toString(), output.key);
    QCOMPARE(m_fake->s3Uploads().size(), 1);
    const FakeS3Upload record = m_fake->s3Uploads().constFirst();
    QCOMPARE(record.size, qint64(content.size()));
    QCOMPARE(record.sha256, sha256Hex(content));
    QCOMPARE(record.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(record.kmsKeyId, KmsKey);
    QCOMPARE(record.accessKeyId, JobKey);
    QCOMPARE(m_fake->s3ObjectContent(output.bucket, output.key), content);

    // What was uploaded comes back whole.
    const auto back = await(m_client->getObject(config(), output, m_dir.filePath(QStringLiteral("back.zip"))));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().summary()));
    QCOMPARE(back.value().sha256, sha256Hex(content));
    QCOMPARE(back.value().object.kmsKeyId, KmsKey);
}

void TestFakeS3::client_getFileObject()
{
    // 3 MiB and a bit from a file, read in pieces by the fake.
    QByteArray content;
    for (int i = 0; content.size() < 3 * 1024 * 1024 + 17; ++i)
        content += QByteArray::number(i) + ',';
    const QString path = m_dir.filePath(QStringLiteral("large.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto added = m_fake->putS3ObjectFile(QStringLiteral("artifacts-us"), QStringLiteral("big/large.bin"), path);
    QVERIFY(added.ok());
    QVERIFY(m_fake->s3Object(QStringLiteral("artifacts-us"), QStringLiteral("big/large.bin"))->content.isEmpty());

    const auto got =
        await(m_client->getObject(config(), {QStringLiteral("artifacts-us"), QStringLiteral("big/large.bin")},
                                  m_dir.filePath(QStringLiteral("large.out"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().bytes, qint64(content.size()));
    QCOMPARE(got.value().sha256, sha256Hex(content));

    // From the fixtures, relative to the fixtures file.
    const auto fromFixture = await(
        m_client->getObject(config(), {QStringLiteral("artifacts-us"), QStringLiteral("pipe/FromFile/readme.txt")},
                            m_dir.filePath(QStringLiteral("readme.txt"))));
    QVERIFY2(fromFixture.ok(), qPrintable(fromFixture.ok() ? QString() : fromFixture.error().summary()));
    QFile readme(dataDir() + QStringLiteral("/fake/s3/readme.txt"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QCOMPARE(fromFixture.value().sha256, sha256Hex(readme.readAll()));
    QCOMPARE(fromFixture.value().object.contentType, QStringLiteral("text/plain"));
}

void TestFakeS3::raw_headers()
{
    S3RequestSpec spec;
    spec.path = "/artifacts-us/pipe/SourceArti/abc123";
    const RawResponse get = call(spec);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.body, QByteArray("hello artifact\n"));
    QCOMPARE(get.header("Content-Length"), QByteArray("15"));
    QCOMPARE(get.header("Content-Type"), QByteArray("application/zip"));
    QCOMPARE(get.header("x-amz-request-id").size(), 16);
    QVERIFY(!get.header("x-amz-id-2").isEmpty());
    QVERIFY(get.header("x-amzn-RequestId").isEmpty());
    QVERIFY(s3::S3ObjectInfo::parseHttpDate(get.header("Last-Modified")).isValid());
    QCOMPARE(get.header("Accept-Ranges"), QByteArray("bytes"));

    spec.method = "HEAD";
    const RawResponse head = call(spec);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray("15"));
    QCOMPARE(head.header("ETag"), get.header("ETag"));
}

void TestFakeS3::raw_range_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentRange");
    // The object is "hello artifact\n": 15 bytes.
    QTest::newRow("from N") << QByteArray("bytes=6-") << 206 << QByteArray("artifact\n") << QByteArray("bytes 6-14/15");
    QTest::newRow("N to M") << QByteArray("bytes=0-4") << 206 << QByteArray("hello") << QByteArray("bytes 0-4/15");
    QTest::newRow("M past the end") << QByteArray("bytes=10-99") << 206 << QByteArray("fact\n")
                                    << QByteArray("bytes 10-14/15");
    QTest::newRow("suffix") << QByteArray("bytes=-3") << 206 << QByteArray("ct\n") << QByteArray("bytes 12-14/15");
    QTest::newRow("last byte") << QByteArray("bytes=14-") << 206 << QByteArray("\n") << QByteArray("bytes 14-14/15");
    QTest::newRow("at the end") << QByteArray("bytes=15-") << 416 << QByteArray() << QByteArray();
    QTest::newRow("past the end") << QByteArray("bytes=99-100") << 416 << QByteArray() << QByteArray();
    QTest::newRow("ignored syntax") << QByteArray("lines=1-2") << 200 << QByteArray("hello artifact\n") << QByteArray();
}

void TestFakeS3::raw_range()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentRange);
    S3RequestSpec spec;
    spec.path = "/artifacts-us/pipe/SourceArti/abc123";
    spec.headers = {{"Range", range}};
    const RawResponse r = call(spec);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Range"), contentRange);
    if (status == 416) {
        QCOMPARE(xmlElement(r.body, "Code"), QByteArray("InvalidRange"));
        QCOMPARE(xmlElement(r.body, "ActualObjectSize"), QByteArray("15"));
    } else {
        QCOMPARE(r.body, body);
    }
}

void TestFakeS3::client_resumesAfterReset()
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

void TestFakeS3::wrongRegion_data()
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

void TestFakeS3::wrongRegion()
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

void TestFakeS3::expiredTokenAfterSeconds()
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
    spec.accessKeyId = JobKey;
    spec.secretKey = JobSecret;
    spec.sessionToken = JobToken;
    const RawResponse head = call(spec);
    QCOMPARE(head.status, 400);
    QCOMPARE(head.header("Content-Length"), QByteArray("0"));
}

void TestFakeS3::kmsPolicy_data()
{
    QTest::addColumn<QByteArray>("encryption");
    QTest::addColumn<QByteArray>("keyId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("no encryption") << QByteArray() << QByteArray() << 403 << QByteArray("AccessDenied");
    QTest::newRow("AES256") << QByteArray("AES256") << QByteArray() << 403 << QByteArray("AccessDenied");
    QTest::newRow("KMS, default key") << QByteArray("aws:kms") << QByteArray() << 403 << QByteArray("AccessDenied");
    QTest::newRow("KMS, another key") << QByteArray(
        "aws:kms") << QByteArray("arn:aws:kms:us-east-1:111122223333:key/ffffffff-0000-4000-8000-000000000000")
                                      << 403 << QByteArray("AccessDenied");
    QTest::newRow("KMS, the key's ARN") << QByteArray("aws:kms") << KmsKey.toLatin1() << 200 << QByteArray();
    QTest::newRow("KMS, the key's ID") << QByteArray("aws:kms") << QByteArray("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
                                       << 200 << QByteArray();
    QTest::newRow("key without aws:kms") << QByteArray() << KmsKey.toLatin1() << 400 << QByteArray("InvalidArgument");
}

void TestFakeS3::kmsPolicy()
{
    QFETCH(QByteArray, encryption);
    QFETCH(QByteArray, keyId);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    S3RequestSpec spec;
    spec.method = "PUT";
    spec.path = "/artifacts-kms/pipe/BuildArtif/out1";
    spec.body = "PK\x05\x06 output";
    if (!encryption.isEmpty())
        spec.headers.append({"x-amz-server-side-encryption", encryption});
    if (!keyId.isEmpty())
        spec.headers.append({"x-amz-server-side-encryption-aws-kms-key-id", keyId});
    const RawResponse r = call(spec);
    QCOMPARE(r.status, status);
    if (status != 200) {
        QCOMPARE(xmlElement(r.body, "Code"), code);
        QVERIFY(m_fake->s3Uploads().isEmpty());
        QVERIFY(!m_fake->s3Object(QStringLiteral("artifacts-kms"), QStringLiteral("pipe/BuildArtif/out1")));
        return;
    }
    QCOMPARE(r.header("x-amz-server-side-encryption"), QByteArray("aws:kms"));
    QCOMPARE(r.header("x-amz-server-side-encryption-aws-kms-key-id"), KmsKey.toLatin1());
    // Not the MD5 of the content, as S3's ETags of SSE-KMS objects are not.
    QVERIFY(r.header("ETag") != '"' + QCryptographicHash::hash(spec.body, QCryptographicHash::Md5).toHex() + '"');
    QCOMPARE(m_fake->s3Uploads().size(), 1);
    QCOMPARE(m_fake->s3Uploads().constFirst().kmsKeyId, QString::fromLatin1(keyId));
    QCOMPARE(m_fake->s3Uploads().constFirst().sha256, sha256Hex(spec.body));
}

void TestFakeS3::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("accessKeyId");
    QTest::addColumn<QByteArray>("payloadHash");
    QTest::addColumn<bool>("signContentHash");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    const QByteArray object = "/artifacts-us/pipe/SourceArti/abc123";
    QTest::newRow("unknown key") << QByteArray("GET") << QByteArray("/artifacts-us/nothing/here") << JobSecret << JobKey
                                 << QByteArray() << true << 404 << QByteArray("NoSuchKey");
    QTest::newRow("unknown bucket") << QByteArray("GET") << QByteArray("/no-such-bucket/x") << JobSecret << JobKey
                                    << QByteArray() << true << 404 << QByteArray("NoSuchBucket");
    QTest::newRow("bad signature") << QByteArray("GET") << object << QStringLiteral("wrongSecretEXAMPLE") << JobKey
                                   << QByteArray() << true << 403 << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("unknown access key") << QByteArray("GET") << object << JobSecret
                                        << QStringLiteral("ASIAUNKNOWNEXAMPLE00") << QByteArray() << true << 403
                                        << QByteArray("InvalidAccessKeyId");
    QTest::newRow("no content hash") << QByteArray("GET") << object << JobSecret << JobKey << QByteArray() << false
                                     << 400 << QByteArray("InvalidRequest");
    QTest::newRow("body hash differs") << QByteArray("PUT") << QByteArray("/artifacts-us/up/x") << JobSecret << JobKey
                                       << sha256Hex("something else") << true << 400
                                       << QByteArray("XAmzContentSHA256Mismatch");
    QTest::newRow("unsigned payload accepted")
        << QByteArray("PUT") << QByteArray("/artifacts-us/up/x") << JobSecret << JobKey
        << QByteArray("UNSIGNED-PAYLOAD") << true << 200 << QByteArray();
    QTest::newRow("DELETE") << QByteArray("DELETE") << object << JobSecret << JobKey << QByteArray() << true << 405
                            << QByteArray("MethodNotAllowed");
    QTest::newRow("HEAD of an unknown key") << QByteArray("HEAD") << QByteArray("/artifacts-us/nothing/here")
                                            << JobSecret << JobKey << QByteArray() << true << 404 << QByteArray();
}

void TestFakeS3::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QString, secret);
    QFETCH(QString, accessKeyId);
    QFETCH(QByteArray, payloadHash);
    QFETCH(bool, signContentHash);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    S3RequestSpec spec;
    spec.method = method;
    spec.path = path;
    spec.secretKey = secret;
    spec.accessKeyId = accessKeyId;
    spec.payloadHash = payloadHash;
    spec.signContentHash = signContentHash;
    if (method == "PUT")
        spec.body = "uploaded bytes";
    QSignalSpy answered(m_fake.get(), &FakeCodePipeline::requestAnswered);
    const RawResponse r = call(spec);
    QCOMPARE(r.status, status);
    QCOMPARE(xmlElement(r.body, "Code"), code);  // HEAD answers have no body
    if (!code.isEmpty()) {
        QCOMPARE(r.header("Content-Type"), QByteArray("application/xml"));
        QCOMPARE(xmlElement(r.body, "RequestId"), r.header("x-amz-request-id"));
    }
    if (code == "SignatureDoesNotMatch")
        QVERIFY(xmlElement(r.body, "CanonicalRequest").startsWith(QByteArray("GET\n" + path + '\n')));
    QVERIFY(QTest::qWaitFor([&] { return !answered.isEmpty(); }, 5000));
    QCOMPARE(answered.first().at(1).toInt(), status);
    if (!code.isEmpty())
        QCOMPARE(answered.first().at(2).toString(), QString::fromLatin1(code));
}

void TestFakeS3::slowDownThenServe()
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

void TestFakeS3::slowBody()
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

void TestFakeS3::fixtureErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("buckets not an array") << QByteArray(R"({"buckets":{}})") << QStringLiteral("buckets");
    QTest::newRow("bucket without a name")
        << QByteArray(R"({"buckets":[{"region":"eu-west-1"}]})") << QStringLiteral("buckets[0]");
    QTest::newRow("unknown bucket key") << QByteArray(R"({"buckets":[{"name":"b","colour":"red"}]})")
                                        << QStringLiteral("buckets[0].colour");
    QTest::newRow("requireKms not a boolean")
        << QByteArray(R"({"buckets":[{"name":"b","requireKms":"yes"}]})") << QStringLiteral("buckets[0].requireKms");
    QTest::newRow("CodePipeline operation in an S3 script")
        << QByteArray(R"({"buckets":[{"name":"b","script":{"operations":["PollForThirdPartyJobs"]}}]})")
        << QStringLiteral("buckets[0].script.operations");
    QTest::newRow("bad wrongRegion") << QByteArray(R"({"buckets":[{"name":"b","script":{"wrongRegion":"north"}}]})")
                                     << QStringLiteral("buckets[0].script.wrongRegion");
    QTest::newRow("object with file and text")
        << QByteArray(R"({"objects":[{"bucket":"b","key":"k","file":"f","text":"t"}]})")
        << QStringLiteral("objects[0]");
    QTest::newRow("object without content")
        << QByteArray(R"({"objects":[{"bucket":"b","key":"k"}]})") << QStringLiteral("objects[0]");
    QTest::newRow("missing object file") << QByteArray(
        R"({"objects":[{"bucket":"b","key":"k","file":"no/such/file.zip"}]})")
                                         << QStringLiteral("objects[0].file");
}

void TestFakeS3::fixtureErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    FakeCodePipeline fake;
    const auto loaded = fake.loadFixturesJson(json, m_dir.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().field, field);
    QVERIFY(!loaded.error().message.isEmpty());
    QVERIFY(!fake.s3Bucket(QStringLiteral("b")));
}

QTEST_GUILESS_MAIN(TestFakeS3)
#include "tst_fakes3.moc"
