// DemoSession: the demo's S3 serves each job's input artifacts (the zips made by
// resources/demo/artifacts/make-artifacts.py) to S3Client signed with that job's
// artifactCredentials, and takes its output artifact only encrypted with the job's KMS key.

#include "app/demosession.h"
#include "core/s3/s3client.h"
#include "fake/fakecodepipeline.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <optional>

using namespace jobdesk;

namespace {

QString text(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

Result<s3::S3Transfer> await(s3::S3Call *call)
{
    std::optional<Result<s3::S3Transfer>> answer;
    QEventLoop loop;
    QObject::connect(call, &s3::S3Call::finished, &loop, [&] {
        answer.emplace(call->result());
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);  // a guard against a hang only
    loop.exec();
    if (!answer)
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestTimeout"), QStringLiteral("no answer"));
    return *answer;
}

}  // namespace

class TestDemoSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void setupNamesTheS3Endpoint();
    void inputArtifacts_data();
    void inputArtifacts();
    void outputArtifactNeedsTheJobsKey();

private:
    nlohmann::json jobData(const QString &jobId) const;
    aws::ClientConfig config(const nlohmann::json &data) const;

    app::DemoSession m_demo;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

void TestDemoSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const Status started = m_demo.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

nlohmann::json TestDemoSession::jobData(const QString &jobId) const
{
    const QByteArray details = m_demo.server()->job(jobId)->details;
    return nlohmann::json::parse(details.constData(), details.constData() + details.size())["data"];
}

aws::ClientConfig TestDemoSession::config(const nlohmann::json &data) const
{
    aws::ClientConfig c;
    c.service = QStringLiteral("s3");
    c.endpoint.url = m_demo.setup().s3Endpoint;
    c.endpoint.signingRegion = m_demo.region();
    c.endpoint.custom = true;
    const auto &credentials = data["artifactCredentials"];
    c.credentials.accessKeyId = text(credentials, "accessKeyId");
    c.credentials.secretAccessKey = Secret(text(credentials, "secretAccessKey"));
    c.credentials.sessionToken = Secret(text(credentials, "sessionToken"));
    return c;
}

void TestDemoSession::setupNamesTheS3Endpoint()
{
    QCOMPARE(m_demo.setup().s3Endpoint, m_demo.url());
    QVERIFY(m_demo.setup().s3Endpoint.isValid());
}

void TestDemoSession::inputArtifacts_data()
{
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("zip");
    QTest::addColumn<QByteArray>("entry");
    QTest::newRow("web-storefront") << QStringLiteral("8e6f3c0a-1d2b-4e5f-9a7b-3c4d5e6f7a8b")
                                    << QStringLiteral("web-storefront-source.zip") << QByteArray("buildspec.yml");
    QTest::newRow("payments-api") << QStringLiteral("2b7d4f91-6c3e-4a8b-b5d2-9e1f0a3c6d84")
                                  << QStringLiteral("payments-api-build.zip") << QByteArray("appspec.yml");
    QTest::newRow("inventory-service") << QStringLiteral("d41c8e27-3b5a-4f9d-a6e2-7c0b9d8f1e35")
                                       << QStringLiteral("inventory-service-package.zip")
                                       << QByteArray("config/inventory.json");
}

void TestDemoSession::inputArtifacts()
{
    QFETCH(QString, jobId);
    QFETCH(QString, zip);
    QFETCH(QByteArray, entry);
    const nlohmann::json data = jobData(jobId);
    const auto &location = data["inputArtifacts"][0]["location"]["s3Location"];
    s3::S3Client client(&m_network);
    const QString file = m_dir.filePath(zip);
    const auto got =
        await(client.getObject(config(data), {text(location, "bucketName"), text(location, "objectKey")}, file));
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().summary()));

    QFile source(QStringLiteral(JOBDESK_SOURCE_DIR "/resources/demo/artifacts/") + zip);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray expected = source.readAll();
    QCOMPARE(got.value().sha256, QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex());
    QCOMPARE(got.value().object.contentType, QStringLiteral("application/zip"));
    // A zip with the files a support person expects to look at.
    QVERIFY(expected.startsWith("PK\x03\x04"));
    for (const QByteArray &name : {QByteArray("README.md"), entry})
        QVERIFY2(expected.contains(name), name.constData());
}

void TestDemoSession::outputArtifactNeedsTheJobsKey()
{
    const nlohmann::json data = jobData(m_demo.firstJobId());
    const auto &location = data["outputArtifacts"][0]["location"]["s3Location"];
    const s3::S3Location output{text(location, "bucketName"), text(location, "objectKey")};
    const QString file = m_dir.filePath(QStringLiteral("output.zip"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("PK\x05\x06" + QByteArray(18, '\0'));  // an empty zip
    out.close();
    s3::S3Client client(&m_network);

    const auto refused = await(client.putObject(config(data), output, file));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("AccessDenied"));

    s3::S3PutOptions options;
    options.kmsKeyId = text(data["encryptionKey"], "id");
    const auto stored = await(client.putObject(config(data), output, file, options));
    QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().summary()));
    QCOMPARE(stored.value().object.kmsKeyId, options.kmsKeyId);
    QCOMPARE(m_demo.server()->s3Uploads().size(), 1);
    QCOMPARE(m_demo.server()->s3Uploads().constFirst().key, output.key);
}

QTEST_GUILESS_MAIN(TestDemoSession)
#include "tst_demosession.moc"
