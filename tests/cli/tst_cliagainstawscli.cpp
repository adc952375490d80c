// jobdesk-cli against the real AWS CLI: both run against the same fake jobs on
// a loopback endpoint, and their stdout (and, for errors, the stderr line and
// exit code) must be identical.

#include "fake/fakecodepipeline.h"
#include "support/testenv.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace jobdesk;
using Json = nlohmann::ordered_json;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLECLITEST01");
const QString kSecret = QStringLiteral("cli/Test+Secret=Key/0123456789abcdefghijk");
const QString kToken = QStringLiteral("e2e-client-token");

QByteArray bytes(const Json &value)
{
    const std::string s = value.dump();
    return QByteArray(s.data(), qsizetype(s.size()));
}

Json artifact(int i)
{
    return Json{{"name", "Artifact_" + std::to_string(i)},
                {"revision", "rev-" + std::to_string(i * 7919)},
                {"location",
                 {{"type", "S3"},
                  {"s3Location",
                   {{"bucketName", "codepipeline-us-east-1-123456789012"},
                    {"objectKey", "MyPipeline/Artifact_" + std::to_string(i) + "/Xk3Pq" + std::to_string(i) + ".zip"}}}}}};
}

Json details(const std::string &id, Json data)
{
    return Json{{"id", id}, {"data", std::move(data)}, {"nonce", "3"}};
}

Json actionType()
{
    return Json{{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "AcmeCI"}, {"version", "1"}};
}

// The jobs every comparison runs on, by name: jobId -> jobDetails as served.
std::vector<std::pair<QString, Json>> fixtureJobs()
{
    std::vector<std::pair<QString, Json>> jobs;

    Json full = details("11111111-1111-4111-8111-111111111111", Json{
        // Out of model order on purpose, with a member the model does not know.
        {"outputArtifacts", Json::array({artifact(9)})},
        {"actionTypeId", actionType()},
        {"futureMember", "dropped by both"},
        {"actionConfiguration", {{"configuration", {{"ProjectName", "web-frontend"}, {"Branch", "main"}, {"ApiToken", "not-a-real-token"}}}}},
        {"pipelineContext",
         {{"pipelineName", "MyPipeline"},
          {"stage", {{"name", "Build"}}},
          {"action", {{"name", "AcmeBuild"}, {"actionExecutionId", "c2d7f5b4-0a1e-4f3b-9c8d-7e6f5a4b3c2d"}}},
          {"pipelineArn", "arn:aws:codepipeline:us-east-1:123456789012:MyPipeline"},
          {"pipelineExecutionId", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}}},
        {"inputArtifacts", Json::array({artifact(1), artifact(2)})},
        {"artifactCredentials",
         {{"accessKeyId", "ASIAEXAMPLEARTIFACT1"},
          {"secretAccessKey", "artifact/secret+key=EXAMPLE"},
          {"sessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//////////"}}},
        {"continuationToken", "{\"step\":2,\"buildId\":\"b-42\"}"},
        {"encryptionKey", {{"id", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, {"type", "KMS"}}},
    });
    jobs.emplace_back(QStringLiteral("all fields"), full);

    jobs.emplace_back(QStringLiteral("minimal"),
                      details("22222222-2222-4222-8222-222222222222", Json{{"actionTypeId", actionType()}}));

    Json unicodeConfig = {{"Greeting", "héllo wörld"},
                          {"日本語キー", "値は「テスト」です"},
                          {"Emoji", "🚀 deploy ✅"},
                          {"Quotes", "say \"hi\" and 'bye'"},
                          {"Tabs", "col1\tcol2\tcol3"},
                          {"Backslash", "C:\\path\\to\\file"},
                          {"Newline", "line1\nline2"},
                          {"Control", std::string("bell\x07") + "end"}};
    jobs.emplace_back(QStringLiteral("unicode quotes tabs"),
                      details("33333333-3333-4333-8333-333333333333",
                              Json{{"actionTypeId", actionType()}, {"actionConfiguration", {{"configuration", unicodeConfig}}}}));

    Json fifty = Json::object();
    for (int i = 50; i > 0; --i)  // descending: the wire order must survive
        fifty["Key" + std::to_string(i)] = "value " + std::to_string(i * 31);
    jobs.emplace_back(QStringLiteral("50 configuration entries"),
                      details("44444444-4444-4444-8444-444444444444",
                              Json{{"actionTypeId", actionType()}, {"actionConfiguration", {{"configuration", fifty}}}}));

    Json twenty = Json::array();
    for (int i = 0; i < 20; ++i)
        twenty.push_back(artifact(i));
    jobs.emplace_back(QStringLiteral("20 artifacts"),
                      details("55555555-5555-4555-8555-555555555555",
                              Json{{"actionTypeId", actionType()}, {"inputArtifacts", twenty}, {"outputArtifacts", twenty}}));
    return jobs;
}

} // namespace

class TestCliAgainstAwsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameStdout_data();
    void sameStdout();
    void sameErrors_data();
    void sameErrors();
    void brokenAnswersAreErrors_data();
    void brokenAnswersAreErrors();
    void usageErrors_data();
    void usageErrors();

private:
    QStringList args(const QString &jobId, const QString &token, const QString &format = QStringLiteral("json")) const
    {
        return {QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                QStringLiteral("--job-id"), jobId, QStringLiteral("--client-token"), token,
                QStringLiteral("--endpoint-url"), m_fake.url().toString(), QStringLiteral("--output"), format};
    }
    test::ProcessOutput runJobdesk(const QStringList &arguments) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments, test::referenceEnvironment(kKeyId, kSecret));
    }
    test::ProcessOutput runAws(const QString &aws, const QStringList &arguments) const
    {
        return test::runProcessServing(aws, arguments, test::referenceEnvironment(kKeyId, kSecret));
    }
    static bool isV2(const QString &aws) { return aws == QLatin1String("/usr/bin/aws"); }

    fake::FakeCodePipeline m_fake;
    QStringList m_clis;
};

void TestCliAgainstAwsCli::initTestCase()
{
    m_clis = test::awsClis();
    QVERIFY2(!m_clis.isEmpty(), "no AWS CLI installed: the comparison needs the real one (apt install awscli)");
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    for (const auto &[name, job] : fixtureJobs()) {
        fake::FakeJob fj;
        fj.jobId = QString::fromStdString(job["id"].get<std::string>());
        fj.clientToken = kToken;
        fj.details = bytes(job);
        QVERIFY(m_fake.addJob(fj).ok());
    }
    QVERIFY(m_fake.listen());
}

void TestCliAgainstAwsCli::sameStdout_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("format");
    for (const QString &aws : m_clis) {
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")}) {
            for (const auto &[name, job] : fixtureJobs()) {
                QTest::addRow("%s, %s, %s", qPrintable(aws), qPrintable(format), qPrintable(name))
                    << aws << QString::fromStdString(job["id"].get<std::string>()) << format;
            }
        }
    }
}

void TestCliAgainstAwsCli::sameStdout()
{
    QFETCH(QString, aws);
    QFETCH(QString, jobId);
    QFETCH(QString, format);
    const auto theirs = runAws(aws, args(jobId, kToken, format));
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QVERIFY(!theirs.out.isEmpty());
    const auto ours = runJobdesk(args(jobId, kToken, format));
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QCOMPARE(QString::fromUtf8(ours.out), QString::fromUtf8(theirs.out));
    QCOMPARE(ours.out, theirs.out);  // and byte for byte
}

void TestCliAgainstAwsCli::sameErrors_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");
    for (const QString &aws : m_clis) {
        QTest::addRow("%s, JobNotFound", qPrintable(aws))
            << aws << QStringLiteral("99999999-9999-4999-8999-999999999999") << kToken
            << QStringLiteral("JobNotFoundException");
        QTest::addRow("%s, InvalidClientToken", qPrintable(aws))
            << aws << QStringLiteral("11111111-1111-4111-8111-111111111111") << QStringLiteral("wrong-token")
            << QStringLiteral("InvalidClientTokenException");
    }
}

void TestCliAgainstAwsCli::sameErrors()
{
    QFETCH(QString, aws);
    QFETCH(QString, jobId);
    QFETCH(QString, token);
    QFETCH(QString, code);
    const auto theirs = runAws(aws, args(jobId, token));
    const auto ours = runJobdesk(args(jobId, token));
    QVERIFY(theirs.err.contains(code.toUtf8()));
    QCOMPARE(QString::fromUtf8(ours.err), QString::fromUtf8(theirs.err));
    QCOMPARE(ours.out, theirs.out);
    QCOMPARE(ours.exitCode, 254);
    if (isV2(aws))
        QCOMPARE(ours.exitCode, theirs.exitCode);
}

void TestCliAgainstAwsCli::brokenAnswersAreErrors_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not JSON") << int(fake::FakeScript::Fault::MalformedBody) << QStringLiteral("not valid JSON");
    QTest::newRow("cut short") << int(fake::FakeScript::Fault::TruncatedBody) << QStringLiteral("closed");
}

void TestCliAgainstAwsCli::brokenAnswersAreErrors()
{
    QFETCH(int, fault);
    QFETCH(QString, mentions);
    const QString jobId = QStringLiteral("11111111-1111-4111-8111-111111111111");
    fake::FakeScript script;
    script.fault = fake::FakeScript::Fault(fault);
    QVERIFY(m_fake.setScript(jobId, script));
    const auto ours = runJobdesk(args(jobId, kToken));
    m_fake.clearScripts();
    QCOMPARE(ours.exitCode, 255);
    QVERIFY(ours.out.isEmpty());
    QVERIFY2(QString::fromUtf8(ours.err).contains(mentions), ours.err.constData());
}

void TestCliAgainstAwsCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing token") << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id"),
                                                  QStringLiteral("j")}
                                   << 252 << QStringLiteral("--client-token");
    QTest::newRow("empty job id") << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id="),
                                                 QStringLiteral("--client-token"), QStringLiteral("t")}
                                  << 252 << QStringLiteral("jobId");
    QTest::newRow("bad region") << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id"),
                                               QStringLiteral("j"), QStringLiteral("--client-token"), QStringLiteral("t"),
                                               QStringLiteral("--region"), QStringLiteral("Mars 1")}
                                << 252 << QStringLiteral("region");
}

void TestCliAgainstAwsCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const int sentBefore = m_fake.requestCount();
    arguments << QStringLiteral("--endpoint-url") << m_fake.url().toString();
    const auto ours = runJobdesk(arguments);
    QCOMPARE(ours.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(ours.err).contains(mentions), ours.err.constData());
    QCOMPARE(m_fake.requestCount(), sentBefore);  // nothing was sent
}

QTEST_GUILESS_MAIN(TestCliAgainstAwsCli)
#include "tst_cliagainstawscli.moc"
