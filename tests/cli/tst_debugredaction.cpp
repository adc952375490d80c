// --debug never prints a secret: every operation (and an error, a retry and
// --cli-input-json) is run with --debug against the fake, and each secret of the
// fixtures (signing keys, session token, client token, the request signature,
// artifact credentials) is searched for in stderr. Zero hits. The Redactor,
// the one path all of it goes through, is checked directly too.

#include "core/codepipeline/servicemodel.h"
#include "core/output/redactor.h"
#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QRegularExpression>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace jobdesk;
using Json = nlohmann::ordered_json;

namespace {

const QString kKeyId = QStringLiteral("ASIAEXAMPLEDEBUG0001");
const QString kSecret = QStringLiteral("debug/Secret+Key=abcdefghij0123456789XYZ");
const QString kSessionToken = QStringLiteral("FwoGZXIvYXdzDEBUGSESSIONTOKEN/with+slash==");
const QString kToken = QStringLiteral("debug-client-token-4f1c9a");
const QString kJob = QStringLiteral("99999999-1111-4111-8111-999999999999");
const QString kArtifactKeyId = QStringLiteral("ASIAARTIFACTKEYID999");
const QString kArtifactSecret = QStringLiteral("artifact/Secret+Key=ZYXWVUTSRQ9876543210");
const QString kArtifactToken = QStringLiteral("IQoJb3JpZ2luX2VjARTIFACTSESSION//token==");

QByteArray detailsJson()
{
    Json details = {{"id", kJob.toStdString()},
                    {"data",
                     {{"actionTypeId",
                       {{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "DebugVendor"}, {"version", "1"}}},
                      {"actionConfiguration", {{"configuration", {{"Project", "debug"}}}}},
                      {"artifactCredentials",
                       {{"accessKeyId", kArtifactKeyId.toStdString()},
                        {"secretAccessKey", kArtifactSecret.toStdString()},
                        {"sessionToken", kArtifactToken.toStdString()}}}}},
                    {"nonce", "5"}};
    return QByteArray::fromStdString(details.dump());
}

}  // namespace

class TestDebugRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noSecretInDebugOutput_data();
    void noSecretInDebugOutput();
    void theAwsCliLeaks();
    void redactorHeaders();
    void redactorBodies();
    void redactorKnownSecrets();

private:
    void resetJob(fake::FakeJob::State state)
    {
        m_fake.removeJob(kJob);
        fake::FakeJob job;
        job.jobId = kJob;
        job.clientId = QStringLiteral("12121212-1212-4121-8121-121212121212");
        job.clientToken = kToken;
        job.details = detailsJson();
        job.state = state;
        QVERIFY(m_fake.addJob(job).ok());
    }
    QProcessEnvironment env() const { return test::AwsCliEnvironment::withKeys(kKeyId, kSecret, kSessionToken); }

    fake::FakeCodePipeline m_fake;
};

void TestDebugRedaction::initTestCase()
{
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    m_fake.addCredentials(kKeyId, Secret(kSecret), Secret(kSessionToken));
    QVERIFY(m_fake.listen());
}

void TestDebugRedaction::noSecretInDebugOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("throttleOnce");
    const int queued = int(fake::FakeJob::State::Queued);
    const int inProgress = int(fake::FakeJob::State::InProgress);
    QTest::newRow("get") << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id"), kJob,
                                        QStringLiteral("--client-token"), kToken}
                         << queued << 0 << false;
    QTest::newRow("get, token inline, table") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                             QStringLiteral("--job-id"),
                                                             kJob,
                                                             QStringLiteral("--client-token=") + kToken,
                                                             QStringLiteral("--output"),
                                                             QStringLiteral("table")}
                                              << queued << 0 << false;
    QTest::newRow("get via cli-input-json, retried")
        << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--cli-input-json"),
                       QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"%2\"}").arg(kJob, kToken)}
        << queued << 0 << true;
    QTest::newRow("get, wrong token") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                     QStringLiteral("--job-id"), kJob, QStringLiteral("--client-token"),
                                                     kToken + QStringLiteral("-wrong")}
                                      << queued << 254 << false;
    // --query may print a secret on stdout, on purpose; the log still never shows it.
    QTest::newRow("get, query selects the artifact secret")
        << QStringList{QStringLiteral("get-third-party-job-details"),
                       QStringLiteral("--job-id"),
                       kJob,
                       QStringLiteral("--client-token"),
                       kToken,
                       QStringLiteral("--query"),
                       QStringLiteral("jobDetails.data.artifactCredentials.secretAccessKey"),
                       QStringLiteral("--output"),
                       QStringLiteral("text")}
        << queued << 0 << false;
    QTest::newRow("get, query fails on the artifact secret")
        << QStringList{QStringLiteral("get-third-party-job-details"),
                       QStringLiteral("--job-id"),
                       kJob,
                       QStringLiteral("--client-token"),
                       kToken,
                       QStringLiteral("--query"),
                       QStringLiteral("abs(jobDetails.data.artifactCredentials.secretAccessKey)")}
        << queued << 255 << false;
    QTest::newRow("poll") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                         QStringLiteral("--action-type-id"),
                                         QStringLiteral(
                                             "category=Build,owner=ThirdParty,provider=DebugVendor,version=1")}
                          << queued << 0 << false;
    QTest::newRow("acknowledge") << QStringList{QStringLiteral("acknowledge-third-party-job"),
                                                QStringLiteral("--job-id"),
                                                kJob,
                                                QStringLiteral("--nonce"),
                                                QStringLiteral("5"),
                                                QStringLiteral("--client-token"),
                                                kToken}
                                 << queued << 0 << false;
    QTest::newRow("success") << QStringList{QStringLiteral("put-third-party-job-success-result"),
                                            QStringLiteral("--job-id"),
                                            kJob,
                                            QStringLiteral("--client-token"),
                                            kToken,
                                            QStringLiteral("--execution-details"),
                                            QStringLiteral("summary=done,percentComplete=100")}
                             << inProgress << 0 << false;
    QTest::newRow("failure") << QStringList{QStringLiteral("put-third-party-job-failure-result"),
                                            QStringLiteral("--job-id"),
                                            kJob,
                                            QStringLiteral("--client-token"),
                                            kToken,
                                            QStringLiteral("--failure-details"),
                                            QStringLiteral("type=JobFailed,message=broken")}
                             << inProgress << 0 << false;
}

void TestDebugRedaction::noSecretInDebugOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, state);
    QFETCH(int, exitCode);
    QFETCH(bool, throttleOnce);
    resetJob(fake::FakeJob::State(state));
    if (throttleOnce) {
        fake::FakeScript script;
        script.throttleCount = 1;
        QVERIFY(m_fake.setScript(kJob, script));
    }
    arguments << QStringLiteral("--debug") << QStringLiteral("--endpoint-url") << m_fake.url().toString();
    const auto run = test::runProcessServing(test::jobdeskCli(), arguments, env());
    m_fake.clearScripts();
    QVERIFY2(run.exitCode == exitCode, run.err.constData());

    // The signature of the last request, as the fake received it.
    const QByteArray authorization = m_fake.lastRequestHeader("Authorization");
    const qsizetype at = authorization.indexOf("Signature=");
    QVERIFY(at > 0);
    const QByteArray signature = authorization.mid(at + 10);
    QCOMPARE(signature.size(), 64);

    const QList<QByteArray> secrets = {
        kSecret.toUtf8(),        kSessionToken.toUtf8(),   kToken.toUtf8(),        signature,
        kArtifactKeyId.toUtf8(), kArtifactSecret.toUtf8(), kArtifactToken.toUtf8()};
    int hits = 0;
    for (const QByteArray &secret : secrets) {
        if (run.err.contains(secret)) {
            ++hits;
            qWarning("secret leaked into --debug output: %s", secret.constData());
        }
    }
    QCOMPARE(hits, 0);
    if (arguments.contains(QStringLiteral("--query")) && exitCode == 0)
        QCOMPARE(run.out, kArtifactSecret.toUtf8() + '\n');

    // What the log does show: the request and response, with placeholders, under AWS CLI-style timestamps.
    QVERIFY(run.err.contains("Sending http request"));
    QVERIFY(run.err.contains("Response body:"));
    QVERIFY(run.err.contains("<redacted>"));
    QVERIFY(run.err.contains(QByteArray("Credential=" + kKeyId.toUtf8())));  // the key ID is not a secret
    static const QRegularExpression stamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - MainThread - [a-z.]+ - DEBUG - "),
        QRegularExpression::MultilineOption);
    QVERIFY(QString::fromUtf8(run.err).count(stamp) >= 6);
    if (throttleOnce)
        QVERIFY(run.err.contains("Retrying after ThrottlingException"));
}

// Why this matters: the AWS CLI's own --debug prints the client token and the artifact keys.
void TestDebugRedaction::theAwsCliLeaks()
{
    resetJob(fake::FakeJob::State::Queued);
    const QStringList arguments = {QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                                   QStringLiteral("--job-id"),       kJob,
                                   QStringLiteral("--client-token"), kToken,
                                   QStringLiteral("--debug"),        QStringLiteral("--endpoint-url"),
                                   m_fake.url().toString()};
    const auto run = test::runProcessServing(QStringLiteral("/usr/bin/aws"), arguments, env());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.contains(kToken.toUtf8()));
    QVERIFY(run.err.contains(kArtifactSecret.toUtf8()));
}

void TestDebugRedaction::redactorHeaders()
{
    const output::Redactor redactor;
    const QByteArray auth = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/codepipeline/aws4_request, "
                            "SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef";
    QCOMPARE(redactor.redactHeader("Authorization", auth),
             QByteArray("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/codepipeline/aws4_request, "
                        "SignedHeaders=content-type;host;x-amz-date, Signature=<redacted>"));
    QCOMPARE(redactor.redactHeader("x-amz-security-token", "FwoGZX"), QByteArray("<redacted>"));
    QCOMPARE(redactor.redactHeader("Content-Type", "application/x-amz-json-1.1"),
             QByteArray("application/x-amz-json-1.1"));
}

void TestDebugRedaction::redactorBodies()
{
    const auto *get = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const output::Redactor redactor(get);
    QCOMPARE(redactor.redactRequestBody("{\"jobId\":\"j\",\"clientToken\":\"t0ken\"}"),
             QByteArray("{\"jobId\":\"j\",\"clientToken\":\"<redacted>\"}"));
    const QByteArray response = QByteArrayLiteral(
        "{\"jobDetails\":{\"id\":\"j\",\"data\":{\"artifactCredentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":"
        "\"S\",\"sessionToken\":\"T\"},\"futureField\":{\"sessionToken\":\"U\"}}}}");
    QCOMPARE(redactor.redactResponseBody(response),
             QByteArray("{\"jobDetails\":{\"id\":\"j\",\"data\":{\"artifactCredentials\":\"<redacted>\","
                        "\"futureField\":{\"sessionToken\":\"<redacted>\"}}}}"));
    // Not JSON (cut off): member values still go.
    const QByteArray broken = "{\"jobDetails\":{\"data\":{\"artifactCredentials\":{\"accessKeyId\":\"ASIA1\","
                              "\"secretAccessKey\":\"abc\\\"def\",\"sessionT";
    const QByteArray scrubbed = redactor.redactResponseBody(broken);
    QVERIFY2(!scrubbed.contains("ASIA1") && !scrubbed.contains("abc"), scrubbed.constData());
}

void TestDebugRedaction::redactorKnownSecrets()
{
    output::Redactor redactor;
    redactor.addSecret(QStringLiteral("quote\"and\\slash"));
    redactor.addSecret(QStringLiteral("abc"));  // too short to search for in free text
    QCOMPARE(redactor.redactText(QByteArray("a quote\"and\\slash b")), QByteArray("a <redacted> b"));
    QCOMPARE(redactor.redactText(QByteArray("json \"quote\\\"and\\\\slash\"")), QByteArray("json \"<redacted>\""));
    QCOMPARE(redactor.redactText(QByteArray("abc")), QByteArray("abc"));
}

QTEST_GUILESS_MAIN(TestDebugRedaction)
#include "tst_debugredaction.moc"
