// JobArtifacts: the artifacts, credentials, KMS key and region a job names, as the window
// and jobdesk-cli read them before any transfer, and the S3 configuration built from them.

#include "core/s3/jobartifacts.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::s3;
using codepipeline::JobDocument;

namespace {

const QByteArray FullJob = R"({"jobDetails": {"id": "11111111-2222-4333-8444-555555555555", "data": {
  "pipelineContext": {"pipelineName": "web", "pipelineArn": "arn:aws:codepipeline:eu-west-2:123456789012:web"},
  "inputArtifacts": [
    {"name": "Source", "revision": "abc123", "location": {"type": "S3", "s3Location": {"bucketName": "codepipeline-eu-west-2-1", "objectKey": "web/Source/Ab12Cd"}}},
    {"name": "Config", "location": {"type": "S3", "s3Location": {"bucketName": "codepipeline-eu-west-2-1", "objectKey": "web/Config/Xy 9+"}}}
  ],
  "outputArtifacts": [
    {"name": "Built", "location": {"type": "S3", "s3Location": {"bucketName": "codepipeline-eu-west-2-1", "objectKey": "web/Built/Zz"}}}
  ],
  "artifactCredentials": {"accessKeyId": "ASIAEXAMPLE", "secretAccessKey": "secret/KEY", "sessionToken": "token=="},
  "encryptionKey": {"id": "arn:aws:kms:eu-west-2:123456789012:key/1234abcd", "type": "KMS"}
}, "nonce": "3"}})";

JobDocument document(const QByteArray &text)
{
    Result<JobDocument> doc = JobDocument::fromJsonText(text, JobDocument::Origin::Opened, QStringLiteral("job.json"));
    if (!doc)
        qFatal("fixture does not parse: %s", qPrintable(doc.error().message));
    return doc.value();
}

}  // namespace

class TestJobArtifacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void listsInputsThenOutputs()
    {
        const QList<JobArtifact> artifacts = JobArtifacts::list(document(FullJob));
        QCOMPARE(artifacts.size(), 3);
        QCOMPARE(artifacts.at(0).name, QStringLiteral("Source"));
        QVERIFY(artifacts.at(0).isInput());
        QCOMPARE(artifacts.at(0).revision, QStringLiteral("abc123"));
        QCOMPARE(artifacts.at(0).location.bucket, QStringLiteral("codepipeline-eu-west-2-1"));
        QCOMPARE(artifacts.at(1).location.key, QStringLiteral("web/Config/Xy 9+"));
        QVERIFY(artifacts.at(1).isInS3());
        QCOMPARE(artifacts.at(2).name, QStringLiteral("Built"));
        QVERIFY(!artifacts.at(2).isInput());
    }

    void findsByNameAndDirection()
    {
        const JobDocument doc = document(FullJob);
        Result<JobArtifact> built = JobArtifacts::find(doc, QStringLiteral("Built"), JobArtifact::Direction::Output);
        QVERIFY(built);
        QCOMPARE(built.value().location.key, QStringLiteral("web/Built/Zz"));

        // An output is not found among the inputs; the error lists what there is.
        Result<JobArtifact> wrong = JobArtifacts::find(doc, QStringLiteral("Built"), JobArtifact::Direction::Input);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, QStringLiteral("NoSuchArtifact"));
        QVERIFY2(wrong.error().hint.contains(QStringLiteral("Source, Config")), qPrintable(wrong.error().hint));
    }

    void readsCredentialsKeyAndRegion()
    {
        const JobDocument doc = document(FullJob);
        Result<aws::Credentials> keys = JobArtifacts::credentials(doc);
        QVERIFY(keys);
        QCOMPARE(keys.value().accessKeyId, QStringLiteral("ASIAEXAMPLE"));
        QCOMPARE(keys.value().secretAccessKey.reveal(), QByteArray("secret/KEY"));
        QCOMPARE(keys.value().sessionToken.reveal(), QByteArray("token=="));
        QCOMPARE(JobArtifacts::kmsKeyId(doc), QStringLiteral("arn:aws:kms:eu-west-2:123456789012:key/1234abcd"));
        // A job read from a file has no lookup region: the pipeline's ARN says it.
        QCOMPARE(JobArtifacts::region(doc), QStringLiteral("eu-west-2"));
        QCOMPARE(JobArtifacts::credentialsExpireUtc(doc), doc.fetchedAtUtc().addSecs(15 * 60));
    }

    void blankedCredentialsAskForAFetch()
    {
        QByteArray text = FullJob;
        text.replace(R"("secretAccessKey": "secret/KEY")", R"("secretAccessKey": "")");
        Result<aws::Credentials> keys = JobArtifacts::credentials(document(text));
        QVERIFY(!keys);
        QCOMPARE(keys.error().kind, Error::Kind::Credentials);
        QVERIFY(keys.error().hint.contains(QStringLiteral("Fetch the job again")));
    }

    void noKmsKeyWithoutKmsType()
    {
        QByteArray text = FullJob;
        text.replace(R"("type": "KMS")", R"("type": "OTHER")");
        QVERIFY(JobArtifacts::kmsKeyId(document(text)).isEmpty());
    }

    void endpointOverride_data()
    {
        QTest::addColumn<QString>("explicitUrl");
        QTest::addColumn<QString>("s3Env");
        QTest::addColumn<QString>("globalEnv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << ""
                              << ""
                              << ""
                              << "";
        QTest::newRow("global") << ""
                                << ""
                                << "http://127.0.0.1:9000"
                                << "http://127.0.0.1:9000";
        QTest::newRow("s3 wins over global") << ""
                                             << "http://127.0.0.1:9001"
                                             << "http://127.0.0.1:9000"
                                             << "http://127.0.0.1:9001";
        QTest::newRow("explicit wins") << "https://s3.example.test"
                                       << "http://127.0.0.1:9001"
                                       << ""
                                       << "https://s3.example.test";
    }

    void endpointOverride()
    {
        QFETCH(QString, explicitUrl);
        QFETCH(QString, s3Env);
        QFETCH(QString, globalEnv);
        QFETCH(QString, expected);
        QProcessEnvironment env;
        if (!s3Env.isEmpty())
            env.insert(QStringLiteral("AWS_ENDPOINT_URL_S3"), s3Env);
        if (!globalEnv.isEmpty())
            env.insert(QStringLiteral("AWS_ENDPOINT_URL"), globalEnv);
        Result<QUrl> url = JobArtifacts::endpointOverride(explicitUrl, env);
        QVERIFY(url);
        QCOMPARE(url.value().toString(), expected);
    }

    void badEndpointOverrideIsRefused()
    {
        Result<QUrl> url = JobArtifacts::endpointOverride(QStringLiteral("ftp://x"), {});
        QVERIFY(!url);
        QCOMPARE(url.error().kind, Error::Kind::Validation);
    }

    void s3ConfigCarriesTheJobsKeys()
    {
        aws::ClientConfig base;
        base.readTimeoutMs = 1234;
        base.credentials.accessKeyId = QStringLiteral("PROFILEKEY");
        Result<aws::ClientConfig> config =
            JobArtifacts::s3Config(document(FullJob), base, QUrl(QStringLiteral("http://127.0.0.1:1")));
        QVERIFY(config);
        QCOMPARE(config.value().service, QStringLiteral("s3"));
        QCOMPARE(config.value().credentials.accessKeyId, QStringLiteral("ASIAEXAMPLE"));
        QCOMPARE(config.value().endpoint.signingRegion, QStringLiteral("eu-west-2"));
        QVERIFY(config.value().endpoint.custom);
        QCOMPARE(config.value().readTimeoutMs, 1234);

        Result<aws::ClientConfig> pub = JobArtifacts::s3Config(document(FullJob), base, QUrl());
        QVERIFY(pub);
        QVERIFY(!pub.value().endpoint.custom);
    }

    void noRegionAnywhereIsAnError()
    {
        QByteArray text = FullJob;
        text.replace("arn:aws:codepipeline:eu-west-2:123456789012:web", "not-an-arn");
        Result<aws::ClientConfig> config = JobArtifacts::s3Config(document(text), {}, QUrl());
        QVERIFY(!config);
        QCOMPARE(config.error().code, QStringLiteral("NoRegion"));
        QVERIFY(JobArtifacts::s3Config(document(text), {}, QUrl(), QStringLiteral("us-east-1")));
    }
};

QTEST_GUILESS_MAIN(TestJobArtifacts)
#include "tst_jobartifacts.moc"
