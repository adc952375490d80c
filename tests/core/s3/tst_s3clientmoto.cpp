// S3Client against moto's S3 with signature checking on (tests/support/moto_s3.py): real
// objects with awkward keys downloaded, inspected and uploaded with session credentials,
// each checked through botocore as the independent client, and the refusals of wrong keys.

#include "core/s3/s3client.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace jobdesk;
using namespace jobdesk::s3;

namespace {

// Waits for a call's one answer; the call deletes itself afterwards.
Result<S3Transfer> await(S3Call *call, QList<std::pair<qint64, qint64>> *progress = nullptr)
{
    std::optional<Result<S3Transfer>> answer;
    QEventLoop loop;
    if (progress) {
        QObject::connect(call, &S3Call::progress, &loop, [progress](qint64 bytes, qint64 total) {
            progress->append({bytes, total});
        });
    }
    QObject::connect(call, &S3Call::finished, &loop, [&] {
        answer.emplace(call->result());
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);  // a guard against a hang only
    loop.exec();
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray out(size, Qt::Uninitialized);
    for (char &c : out)
        c = char(rng.bounded(256));
    return out;
}

}  // namespace

class TestS3ClientMoto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void getObject_data();
    void getObject();
    void headObject_data();
    void headObject();
    void putObject_data();
    void putObject();
    void refusedCredentials_data();
    void refusedCredentials();
    void missingObject();

private:
    QJsonObject ask(const QJsonObject &command);
    aws::ClientConfig config(const QString &accessKey, const QString &secretKey, const QString &token) const;
    aws::ClientConfig sessionConfig() const;

    QProcess m_moto;
    QJsonObject m_info;
    QString m_bucket;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    S3Client *m_client = nullptr;
};

void TestS3ClientMoto::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is not on PATH; this test needs it with moto 5 and boto3");
    m_moto.start(python, {QDir(test::supportDir()).filePath(QStringLiteral("moto_s3.py"))});
    QVERIFY2(m_moto.waitForStarted(10000), "python3 did not start");
    while (!m_moto.canReadLine() && m_moto.state() == QProcess::Running)
        m_moto.waitForReadyRead(100);
    QVERIFY2(m_moto.canReadLine(),
             qPrintable(QStringLiteral("moto_s3.py did not start moto's S3 (exit %1): %2")
                            .arg(m_moto.exitCode())
                            .arg(QString::fromUtf8(m_moto.readAllStandardError()))));
    m_info = QJsonDocument::fromJson(m_moto.readLine()).object();
    m_bucket = m_info.value(QStringLiteral("bucket")).toString();
    QVERIFY(!m_bucket.isEmpty());
    qInfo("moto %s at %s", qPrintable(m_info.value(QStringLiteral("moto_version")).toString()),
          qPrintable(m_info.value(QStringLiteral("endpoint")).toString()));
    m_client = new S3Client(&m_network, this);
}

void TestS3ClientMoto::cleanupTestCase()
{
    m_moto.closeWriteChannel();
    if (!m_moto.waitForFinished(10000))
        m_moto.kill();
}

QJsonObject TestS3ClientMoto::ask(const QJsonObject &command)
{
    m_moto.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
    while (!m_moto.canReadLine() && m_moto.state() == QProcess::Running)
        m_moto.waitForReadyRead(100);
    const QJsonObject answer = QJsonDocument::fromJson(m_moto.readLine()).object();
    if (answer.contains(QStringLiteral("error")))
        qWarning("botocore: %s", qPrintable(answer.value(QStringLiteral("error")).toString()));
    return answer;
}

aws::ClientConfig TestS3ClientMoto::config(const QString &accessKey, const QString &secretKey,
                                           const QString &token) const
{
    aws::ClientConfig c;
    c.service = QStringLiteral("s3");
    c.endpoint.url = QUrl(m_info.value(QStringLiteral("endpoint")).toString());
    c.endpoint.signingRegion = m_info.value(QStringLiteral("region")).toString();
    c.endpoint.custom = true;
    c.credentials.accessKeyId = accessKey;
    c.credentials.secretAccessKey = Secret(secretKey);
    c.credentials.sessionToken = Secret(token);
    c.jitter = [] { return 0.0; };
    return c;
}

aws::ClientConfig TestS3ClientMoto::sessionConfig() const
{
    const QJsonObject s = m_info.value(QStringLiteral("session")).toObject();
    return config(s.value(QStringLiteral("access_key")).toString(), s.value(QStringLiteral("secret_key")).toString(),
                  s.value(QStringLiteral("token")).toString());
}

static void addKeyRows()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("size");
    QTest::newRow("space") << QStringLiteral("artifacts/My App/source output.zip") << 300 * 1024;
    QTest::newRow("plus") << QStringLiteral("artifacts/a+b/c++.zip") << 1;
    QTest::newRow("unicode") << QStringLiteral("dir/ü ñ 中文 😀/Ünïcödé.zip") << 70 * 1024;
    QTest::newRow("punctuation") << QStringLiteral("x~y%z!$&'()*,;=:@[]{}.zip") << 4096;
    QTest::newRow("double slash, dotted names") << QStringLiteral("deep//double/.dot/..x/y..zip") << 10;
    QTest::newRow("empty object") << QStringLiteral("empty file.zip") << 0;
}

void TestS3ClientMoto::getObject_data()
{
    addKeyRows();
}

void TestS3ClientMoto::getObject()
{
    QFETCH(QString, key);
    QFETCH(int, size);
    const QByteArray content = randomBytes(size, qHash(key));
    const QJsonObject put = ask({{QStringLiteral("op"), QStringLiteral("put")},
                                 {QStringLiteral("key"), key},
                                 {QStringLiteral("body_base64"), QString::fromLatin1(content.toBase64())}});
    QVERIFY(put.contains(QStringLiteral("etag")));

    const QString target = m_dir.filePath(QStringLiteral("get-%1.zip").arg(QString::number(qHash(key))));
    QList<std::pair<qint64, qint64>> progress;
    const Result<S3Transfer> got = await(m_client->getObject(sessionConfig(), {m_bucket, key}, target), &progress);
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary() + QLatin1Char(' ') + got.error().hint));

    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QCOMPARE(got.value().bytes, qint64(size));
    QCOMPARE(got.value().sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QCOMPARE(got.value().object.etag, put.value(QStringLiteral("etag")).toString().toLatin1());
    QCOMPARE(got.value().resumes, 0);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), std::make_pair(qint64(size), qint64(size)));
}

void TestS3ClientMoto::headObject_data()
{
    addKeyRows();
}

void TestS3ClientMoto::headObject()
{
    QFETCH(QString, key);
    QFETCH(int, size);
    const QJsonObject put =
        ask({{QStringLiteral("op"), QStringLiteral("put")},
             {QStringLiteral("key"), key},
             {QStringLiteral("body_base64"), QString::fromLatin1(randomBytes(size, 7).toBase64())}});
    const Result<S3Transfer> head = await(m_client->headObject(sessionConfig(), {m_bucket, key}));
    QVERIFY2(head.ok(), qPrintable(head.ok() ? QString() : head.error().summary()));
    QCOMPARE(head.value().object.size, qint64(size));
    QCOMPARE(head.value().object.etag, put.value(QStringLiteral("etag")).toString().toLatin1());
    QCOMPARE(head.value().object.contentType, QStringLiteral("binary/octet-stream"));
    QVERIFY(head.value().object.lastModified.isValid());
    QVERIFY(qAbs(head.value().object.lastModified.secsTo(QDateTime::currentDateTimeUtc())) < 600);
}

void TestS3ClientMoto::putObject_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("kms");
    QTest::newRow("space") << QStringLiteral("out/My App/build output.zip") << 200 * 1024 << false;
    QTest::newRow("plus") << QStringLiteral("out/a+b.zip") << 77 << false;
    QTest::newRow("unicode") << QStringLiteral("out/日本語 ✓/résumé 😀.zip") << 5000 << false;
    QTest::newRow("kms") << QStringLiteral("out/encrypted artifact+1.zip") << 1234 << true;
    QTest::newRow("empty") << QStringLiteral("out/empty.zip") << 0 << false;
}

void TestS3ClientMoto::putObject()
{
    QFETCH(QString, key);
    QFETCH(int, size);
    QFETCH(bool, kms);
    const QByteArray content = randomBytes(size, quint32(size) * 31u + 5u);
    const QString source = m_dir.filePath(QStringLiteral("put-%1.zip").arg(QString::number(qHash(key))));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), qint64(size));
    }
    S3PutOptions options;
    if (kms)
        options.kmsKeyId = m_info.value(QStringLiteral("kms_key_arn")).toString();
    const Result<S3Transfer> put = await(m_client->putObject(sessionConfig(), {m_bucket, key}, source, options));
    QVERIFY2(put.ok(), qPrintable(put.ok() ? QString() : put.error().summary() + QLatin1Char(' ') + put.error().hint));
    QCOMPARE(put.value().bytes, qint64(size));
    QCOMPARE(put.value().sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());

    const QJsonObject got = ask({{QStringLiteral("op"), QStringLiteral("get")}, {QStringLiteral("key"), key}});
    QCOMPARE(QByteArray::fromBase64(got.value(QStringLiteral("body_base64")).toString().toLatin1()), content);
    QCOMPARE(put.value().object.etag, got.value(QStringLiteral("etag")).toString().toLatin1());
    QCOMPARE(got.value(QStringLiteral("content_type")).toString(), QStringLiteral("application/zip"));
    if (kms) {
        QCOMPARE(got.value(QStringLiteral("sse")).toString(), QStringLiteral("aws:kms"));
        QCOMPARE(got.value(QStringLiteral("kms_key_id")).toString(), options.kmsKeyId);
        const Result<S3Transfer> head = await(m_client->headObject(sessionConfig(), {m_bucket, key}));
        QVERIFY(head.ok());
        QCOMPARE(head.value().object.serverSideEncryption, QStringLiteral("aws:kms"));
        QCOMPARE(head.value().object.kmsKeyId, options.kmsKeyId);
    } else {
        QVERIFY(got.value(QStringLiteral("sse")).isNull());
    }
}

void TestS3ClientMoto::refusedCredentials_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("hintWord");
    QTest::newRow("wrong secret") << "secret"
                                  << "SignatureDoesNotMatch" << 403 << "secret key";
    QTest::newRow("unknown access key") << "access key"
                                        << "InvalidAccessKeyId" << 403 << "access key ID";
    QTest::newRow("broken session token") << "token"
                                          << "InvalidToken" << 400 << "session token";
}

void TestS3ClientMoto::refusedCredentials()
{
    QFETCH(QString, which);
    QFETCH(QString, code);
    QFETCH(int, status);
    QFETCH(QString, hintWord);
    const QString key = QStringLiteral("refused/a b+c.zip");
    ask({{QStringLiteral("op"), QStringLiteral("put")},
         {QStringLiteral("key"), key},
         {QStringLiteral("body_base64"), QStringLiteral("AAAA")}});

    aws::ClientConfig c = sessionConfig();
    if (which == QLatin1String("secret"))
        c.credentials.secretAccessKey = Secret(QByteArray("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    else if (which == QLatin1String("access key"))
        c.credentials.accessKeyId = QStringLiteral("ASIAUNKNOWNKEY000000");
    else
        c.credentials.sessionToken = Secret(QByteArray("not-a-token"));

    // GET has a body that names the reason.
    const QString target = m_dir.filePath(QStringLiteral("refused.zip"));
    const Result<S3Transfer> get = await(m_client->getObject(c, {m_bucket, key}, target));
    QVERIFY(!get.ok());
    QCOMPARE(get.error().kind, Error::Kind::Service);
    QCOMPARE(get.error().code, code);
    QCOMPARE(get.error().httpStatus, status);
    QVERIFY2(get.error().hint.contains(hintWord), qPrintable(get.error().hint));
    QVERIFY(!get.error().requestId.isEmpty());
    QVERIFY(!QFile::exists(target));

    // HEAD has only the status, and still gets a hint.
    const Result<S3Transfer> head = await(m_client->headObject(c, {m_bucket, key}));
    QVERIFY(!head.ok());
    QCOMPARE(head.error().kind, Error::Kind::Service);
    QCOMPARE(head.error().httpStatus, status);
    QVERIFY(!head.error().hint.isEmpty());

    // The same object with the right keys is there.
    QVERIFY(await(m_client->headObject(sessionConfig(), {m_bucket, key})).ok());
}

void TestS3ClientMoto::missingObject()
{
    const QString target = m_dir.filePath(QStringLiteral("missing.zip"));
    const Result<S3Transfer> get =
        await(m_client->getObject(sessionConfig(), {m_bucket, QStringLiteral("no such/key+1.zip")}, target));
    QVERIFY(!get.ok());
    QCOMPARE(get.error().code, QStringLiteral("NoSuchKey"));
    QCOMPARE(get.error().httpStatus, 404);
    QVERIFY(get.error().message.contains(QStringLiteral("s3://%1/no such/key+1.zip").arg(m_bucket)));
    QVERIFY(!QFile::exists(target));

    const Result<S3Transfer> head =
        await(m_client->headObject(sessionConfig(), {m_bucket, QStringLiteral("no such/key+1.zip")}));
    QVERIFY(!head.ok());
    QCOMPARE(head.error().code, QStringLiteral("NotFound"));
    QCOMPARE(head.error().httpStatus, 404);
    QVERIFY(!head.error().hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestS3ClientMoto)
#include "tst_s3clientmoto.moc"
