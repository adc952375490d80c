// The fake endpoint's S3 on the wire: downloads, uploads and the upload record through
// the real S3Client, and by raw signed requests S3's headers, ranges, XML errors,
// signature and payload checks, the bucket's KMS policy and fixture errors.

#include "support/fakes3testbed.h"
#include "support/testcertificates.h"
#include "support/testenv.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeS3 : public FakeS3TestBed
{
    Q_OBJECT

private Q_SLOTS:
    void client_getHeadPut();
    void client_getFileObject();
    void client_getFileObjectOverTls();
    void raw_headers();
    void raw_range_data();
    void raw_range();
    void kmsPolicy_data();
    void kmsPolicy();
    void refusals_data();
    void refusals();
    void fixtureErrors_data();
    void fixtureErrors();
};

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
    options.kmsKeyId = FakeS3KmsKey;
    const s3::S3Location output{QStringLiteral("artifacts-kms"), QStringLiteral("pipe/BuildArtif/out1")};
    const auto put = await(m_client->putObject(config(), output, source, options));
    QVERIFY2(put.ok(), qPrintable(put.ok() ? QString() : put.error().summary()));
    QCOMPARE(put.value().object.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(put.value().object.kmsKeyId, FakeS3KmsKey);
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.first().at(0).toString(), output.bucket);
    QCOMPARE(uploaded.first().at(1).toString(), output.key);
    QCOMPARE(m_fake->s3Uploads().size(), 1);
    const FakeS3Upload record = m_fake->s3Uploads().constFirst();
    QCOMPARE(record.size, qint64(content.size()));
    QCOMPARE(record.sha256, sha256Hex(content));
    QCOMPARE(record.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(record.kmsKeyId, FakeS3KmsKey);
    QCOMPARE(record.accessKeyId, FakeS3JobKey);
    QCOMPARE(m_fake->s3ObjectContent(output.bucket, output.key), content);

    // What was uploaded comes back whole.
    const auto back = await(m_client->getObject(config(), output, m_dir.filePath(QStringLiteral("back.zip"))));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().summary()));
    QCOMPARE(back.value().sha256, sha256Hex(content));
    QCOMPARE(back.value().object.kmsKeyId, FakeS3KmsKey);
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

void TestFakeS3::client_getFileObjectOverTls()
{
    // A streamed body goes through TLS in pieces too.
    TestCertificates certificates;
    QVERIFY2(certificates.generate(), qPrintable(certificates.errorString()));
    FakeCodePipeline fake;
    fake.setClock(*m_clock);
    QVERIFY(fake.loadFixtures(dataDir() + QStringLiteral("/fake/s3.json")).ok());
    fake.enableTls(certificates.caSigned().certificate, certificates.caSigned().key);
    QVERIFY(fake.listen());
    QByteArray content;
    for (int i = 0; content.size() < 2 * 1024 * 1024; ++i)
        content += QByteArray::number(i * 7919) + ';';
    const QString path = m_dir.filePath(QStringLiteral("tls.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(fake.putS3ObjectFile(QStringLiteral("artifacts-us"), QStringLiteral("tls/obj"), path).ok());

    aws::ClientConfig c = config();
    c.endpoint.url = fake.url();
    c.extraCaCertificates = {certificates.ca().certificate};
    const auto got = await(m_client->getObject(c, {QStringLiteral("artifacts-us"), QStringLiteral("tls/obj")},
                                               m_dir.filePath(QStringLiteral("tls.out"))));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));
    QCOMPARE(got.value().bytes, qint64(content.size()));
    QCOMPARE(got.value().sha256, sha256Hex(content));
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
    QTest::newRow("KMS, the key's ARN") << QByteArray("aws:kms") << FakeS3KmsKey.toLatin1() << 200 << QByteArray();
    QTest::newRow("KMS, the key's ID") << QByteArray("aws:kms") << QByteArray("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
                                       << 200 << QByteArray();
    QTest::newRow("key without aws:kms") << QByteArray() << FakeS3KmsKey.toLatin1() << 400
                                         << QByteArray("InvalidArgument");
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
    QCOMPARE(r.header("x-amz-server-side-encryption-aws-kms-key-id"), FakeS3KmsKey.toLatin1());
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
    QTest::newRow("unknown key") << QByteArray("GET") << QByteArray("/artifacts-us/nothing/here") << FakeS3JobSecret
                                 << FakeS3JobKey << QByteArray() << true << 404 << QByteArray("NoSuchKey");
    QTest::newRow("unknown bucket") << QByteArray("GET") << QByteArray("/no-such-bucket/x") << FakeS3JobSecret
                                    << FakeS3JobKey << QByteArray() << true << 404 << QByteArray("NoSuchBucket");
    QTest::newRow("bad signature") << QByteArray("GET") << object << QStringLiteral("wrongSecretEXAMPLE")
                                   << FakeS3JobKey << QByteArray() << true << 403
                                   << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("unknown access key") << QByteArray("GET") << object << FakeS3JobSecret
                                        << QStringLiteral("ASIAUNKNOWNEXAMPLE00") << QByteArray() << true << 403
                                        << QByteArray("InvalidAccessKeyId");
    QTest::newRow("no content hash") << QByteArray("GET") << object << FakeS3JobSecret << FakeS3JobKey << QByteArray()
                                     << false << 400 << QByteArray("InvalidRequest");
    QTest::newRow("body hash differs") << QByteArray("PUT") << QByteArray("/artifacts-us/up/x") << FakeS3JobSecret
                                       << FakeS3JobKey << sha256Hex("something else") << true << 400
                                       << QByteArray("XAmzContentSHA256Mismatch");
    QTest::newRow("unsigned payload accepted")
        << QByteArray("PUT") << QByteArray("/artifacts-us/up/x") << FakeS3JobSecret << FakeS3JobKey
        << QByteArray("UNSIGNED-PAYLOAD") << true << 200 << QByteArray();
    QTest::newRow("DELETE") << QByteArray("DELETE") << object << FakeS3JobSecret << FakeS3JobKey << QByteArray() << true
                            << 405 << QByteArray("MethodNotAllowed");
    QTest::newRow("HEAD of an unknown key")
        << QByteArray("HEAD") << QByteArray("/artifacts-us/nothing/here") << FakeS3JobSecret << FakeS3JobKey
        << QByteArray() << true << 404 << QByteArray();
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
