// CliCommand: the command line of an action, with the AWS CLI's option names in the
// model's order, quoted for a POSIX shell and with no secret in it; and, run through
// the shell by the real AWS CLI with the token put back, the same request the window
// sends for those parameters.

#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/servicemodel.h"
#include "core/output/clicommand.h"
#include "core/output/jobexporter.h"
#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using codepipeline::Json;
using output::CliCommand;
using output::CliContext;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLECLICMD001");
const QString kSecret = QStringLiteral("cli/Command+Secret=Key/0123456789abcdefgh");
// A token with what a shell would otherwise act on: the line must carry it intact.
const QString kToken = QStringLiteral("tok'en $HOME \"x\" `y`");
const QString kJob = QStringLiteral("66666666-6666-4666-8666-666666666666");

const codepipeline::Operation &op(const QString &name)
{
    return *codepipeline::ServiceModel::codePipeline().operation(name.toStdString());
}

Json parse(const QByteArray &text)
{
    return Json::parse(text.toStdString());
}

}  // namespace

class TestCliCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void line_data();
    void line();
    void optionNames_data();
    void optionNames();
    void secretsNeverInTheLine();
    void awsCliSendsTheSameRequest_data();
    void awsCliSendsTheSameRequest();

private:
    fake::FakeCodePipeline m_fake;
};

void TestCliCommand::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    QVERIFY(m_fake.listen());
}

void TestCliCommand::line_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QStringList>("context");  // profile, region, endpoint
    QTest::addColumn<QString>("expected");
    const QStringList usEast = {QString(), QStringLiteral("us-east-1"), QString()};
    QTest::newRow("acknowledge") << QStringLiteral("jobdesk-cli") << QStringLiteral("AcknowledgeThirdPartyJob")
                                 << QByteArray(R"({"jobId":"ID","nonce":"3","clientToken":"secret-tok"})") << usEast
                                 << QStringLiteral("jobdesk-cli acknowledge-third-party-job --job-id ID --nonce 3 "
                                                   "--client-token '<client-token>' --region us-east-1");
    QTest::newRow("model order, not the given one")
        << QStringLiteral("jobdesk-cli") << QStringLiteral("AcknowledgeThirdPartyJob")
        << QByteArray(R"({"clientToken":"t","nonce":"3","jobId":"ID"})") << QStringList{QString(), QString(), QString()}
        << QStringLiteral("jobdesk-cli acknowledge-third-party-job --job-id ID --nonce 3 --client-token "
                          "'<client-token>'");
    QTest::newRow("poll: a structure as compact JSON, a number as is")
        << QStringLiteral("aws codepipeline") << QStringLiteral("PollForThirdPartyJobs")
        << QByteArray(R"({"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"Acme","version":"1"},)"
                      R"("maxBatchSize":5})")
        << usEast
        << QStringLiteral("aws codepipeline poll-for-third-party-jobs --action-type-id "
                          "'{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"Acme\",\"version\":\"1\"}' "
                          "--max-batch-size 5 --region us-east-1");
    QTest::newRow("failure: a quote inside")
        << QStringLiteral("jobdesk-cli") << QStringLiteral("PutThirdPartyJobFailureResult")
        << QByteArray(R"({"jobId":"ID","clientToken":"t","failureDetails":{"type":"JobFailed","message":"it's"}})")
        << usEast
        << QStringLiteral("jobdesk-cli put-third-party-job-failure-result --job-id ID --client-token '<client-token>' "
                          "--failure-details '{\"type\":\"JobFailed\",\"message\":\"it'\\''s\"}' --region us-east-1");
    QTest::newRow("success: every member")
        << QStringLiteral("jobdesk-cli") << QStringLiteral("PutThirdPartyJobSuccessResult")
        << QByteArray(R"({"executionDetails":{"percentComplete":50},"continuationToken":"step 2","jobId":"ID",)"
                      R"("clientToken":"t","currentRevision":{"revision":"r1","changeIdentifier":"c1","created":17}})")
        << QStringList{QStringLiteral("my profile"), QStringLiteral("eu-west-1"),
                       QStringLiteral("https://127.0.0.1:8443/")}
        << QStringLiteral("jobdesk-cli put-third-party-job-success-result --job-id ID --client-token '<client-token>' "
                          "--current-revision '{\"revision\":\"r1\",\"changeIdentifier\":\"c1\",\"created\":17}' "
                          "--continuation-token 'step 2' --execution-details '{\"percentComplete\":50}' "
                          "--profile 'my profile' --region eu-west-1 --endpoint-url https://127.0.0.1:8443/");
    QTest::newRow("a value starting with a dash is joined to its option")
        << QStringLiteral("aws codepipeline") << QStringLiteral("GetThirdPartyJobDetails")
        << QByteArray(R"({"jobId":"-abc","clientToken":"t"})") << QStringList{QString(), QString(), QString()}
        << QStringLiteral("aws codepipeline get-third-party-job-details --job-id=-abc --client-token '<client-token>'");
    QTest::newRow("an empty value and unicode")
        << QStringLiteral("jobdesk-cli") << QStringLiteral("GetThirdPartyJobDetails")
        << QByteArray(R"({"jobId":"","clientToken":"t"})")
        << QStringList{QStringLiteral("Jürgen"), QString(), QString()}
        << QStringLiteral("jobdesk-cli get-third-party-job-details --job-id '' --client-token '<client-token>' "
                          "--profile 'Jürgen'");
}

void TestCliCommand::line()
{
    QFETCH(QString, program);
    QFETCH(QString, operation);
    QFETCH(QByteArray, params);
    QFETCH(QStringList, context);
    QFETCH(QString, expected);
    QCOMPARE(CliCommand::line(program, op(operation), parse(params), CliContext{context[0], context[1], context[2]}),
             expected);
}

void TestCliCommand::optionNames_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("option");
    QTest::newRow("jobId") << QStringLiteral("jobId") << QStringLiteral("--job-id");
    QTest::newRow("maxBatchSize") << QStringLiteral("maxBatchSize") << QStringLiteral("--max-batch-size");
    QTest::newRow("nonce") << QStringLiteral("nonce") << QStringLiteral("--nonce");
    QTest::newRow("actionTypeId") << QStringLiteral("actionTypeId") << QStringLiteral("--action-type-id");
}

void TestCliCommand::optionNames()
{
    QFETCH(QString, member);
    QFETCH(QString, option);
    QCOMPARE(CliCommand::optionName(member.toStdString()), option);
    // Every member of every input: the name jobdesk-cli's own parser takes (the model's cliName rule).
    for (const auto &operation : codepipeline::ServiceModel::codePipeline().operations()) {
        for (const auto &m : operation.input->members) {
            const QString name = CliCommand::optionName(m.name);
            QVERIFY(name.startsWith(QLatin1String("--")));
            QCOMPARE(name, name.toLower());
        }
    }
}

void TestCliCommand::secretsNeverInTheLine()
{
    const QString line =
        CliCommand::line(QStringLiteral("jobdesk-cli"), op(QStringLiteral("AcknowledgeThirdPartyJob")),
                         Json{{"jobId", "j"}, {"nonce", "1"}, {"clientToken", kToken.toStdString()}}, CliContext{});
    QVERIFY(!line.contains(kToken));
    QVERIFY(line.contains(output::JobExporter::tokenPlaceholder()));
    // A member the Redactor calls secret, wherever it is, becomes the placeholder.
    const QString odd =
        CliCommand::line(QStringLiteral("jobdesk-cli"), op(QStringLiteral("GetThirdPartyJobDetails")),
                         Json{{"jobId", "j"}, {"clientToken", "t"}, {"sessionToken", "SESSIONxyz"}}, CliContext{});
    QVERIFY2(!odd.contains(QLatin1String("SESSIONxyz")), qPrintable(odd));
    QVERIFY(odd.contains(QStringLiteral("--session-token '<redacted>'")));
}

void TestCliCommand::awsCliSendsTheSameRequest_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<int>("state");
    const QByteArray job = kJob.toUtf8();
    const QByteArray token = QByteArray::fromStdString(Json(kToken.toStdString()).dump());
    const int queued = int(fake::FakeJob::State::Queued);
    const int inProgress = int(fake::FakeJob::State::InProgress);
    const QStringList clis = test::awsClis();
    QVERIFY2(!clis.isEmpty(), "no AWS CLI installed: the comparison needs the real one");
    for (const QString &aws : clis) {
        QTest::addRow("%s, acknowledge", qPrintable(aws))
            << aws << QStringLiteral("AcknowledgeThirdPartyJob")
            << QByteArray(R"({"jobId":")" + job + R"(","nonce":"3","clientToken":)" + token + "}") << queued;
        QTest::addRow("%s, poll", qPrintable(aws))
            << aws << QStringLiteral("PollForThirdPartyJobs")
            << QByteArray(R"({"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"OpsVendor",)"
                          R"("version":"1"},"maxBatchSize":2})")
            << queued;
        QTest::addRow("%s, success", qPrintable(aws))
            << aws << QStringLiteral("PutThirdPartyJobSuccessResult")
            << QByteArray(R"({"jobId":")" + job + R"(","clientToken":)" + token
                          + R"(,"currentRevision":{"revision":"r1","changeIdentifier":"c 1","created":1704164645,)"
                            R"("revisionSummary":"sum, mary"},"continuationToken":"step-2",)"
                            R"("executionDetails":{"summary":"Build 42 passed","externalExecutionId":"ext-1",)"
                            R"("percentComplete":50}})")
            << inProgress;
        QTest::addRow("%s, failure", qPrintable(aws))
            << aws << QStringLiteral("PutThirdPartyJobFailureResult")
            << QByteArray(R"({"jobId":")" + job + R"(","clientToken":)" + token
                          + R"(,"failureDetails":{"type":"JobFailed","message":"tests failed, see 'log' & $PATH\n)"
                            R"(2nd line, J\u00fcrgen's \"run\"","externalExecutionId":"ext-2"}})")
            << inProgress;
    }
}

void TestCliCommand::awsCliSendsTheSameRequest()
{
    QFETCH(QString, aws);
    QFETCH(QString, operation);
    QFETCH(QByteArray, params);
    QFETCH(int, state);

    m_fake.removeJob(kJob);
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientId = QStringLiteral("77777777-7777-4777-8777-777777777777");
    job.clientToken = kToken;
    job.nonce = QStringLiteral("3");
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("OpsVendor"),
                        QStringLiteral("1")};
    job.state = fake::FakeJob::State(state);
    QVERIFY(m_fake.addJob(job).ok());

    const Json sent = parse(params);
    QString line = CliCommand::line(CliCommand::shellQuoted(aws) + QStringLiteral(" codepipeline"), op(operation), sent,
                                    CliContext{QString(), QStringLiteral("us-east-1"), m_fake.url().toString()});
    QVERIFY(!line.contains(kToken));
    const QString placeholder = CliCommand::shellQuoted(output::JobExporter::tokenPlaceholder());
    if (sent.contains("clientToken")) {
        QCOMPARE(line.count(placeholder), 1);
        line.replace(placeholder, CliCommand::shellQuoted(kToken));
    }
    m_fake.resetCounters();
    const auto ran = test::runProcessServing(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line},
                                             test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    QVERIFY2(ran.exitCode == 0, ran.err.constData());
    QCOMPARE(m_fake.operationCount(operation), 1);
    // The same request as the window's, compared as JSON (member order and spacing may differ).
    const nlohmann::json theirs = nlohmann::json::parse(m_fake.lastRequestBody().toStdString());
    const nlohmann::json ours = nlohmann::json::parse(codepipeline::serializeRequest(sent).toStdString());
    QCOMPARE(QString::fromStdString(theirs.dump()), QString::fromStdString(ours.dump()));
}

QTEST_GUILESS_MAIN(TestCliCommand)
#include "tst_clicommand.moc"
