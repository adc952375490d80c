// jobdesk-cli against the real AWS CLI: both run against the same fake jobs on
// a loopback endpoint, and their stdout (and, for errors, the stderr line and
// exit code) must be identical.

#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/comparisonjobs.h"
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

}  // namespace

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
    void operations_data();
    void operations();
    void operationErrors_data();
    void operationErrors();
    void usageErrorsAsV2_data();
    void usageErrorsAsV2();

private:
    QStringList args(const QString &jobId, const QString &token, const QString &format = QStringLiteral("json")) const
    {
        return {QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                QStringLiteral("--job-id"),       jobId,
                QStringLiteral("--client-token"), token,
                QStringLiteral("--endpoint-url"), m_fake.url().toString(),
                QStringLiteral("--output"),       format};
    }
    test::ProcessOutput runJobdesk(const QStringList &arguments) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments,
                                       test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    }
    test::ProcessOutput runAws(const QString &aws, const QStringList &arguments) const
    {
        return test::runProcessServing(aws, arguments, test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    }
    static bool isV2(const QString &aws) { return aws == QLatin1String("/usr/bin/aws"); }
    // Puts the operations job back where a row needs it: in the queue, or being worked on.
    void resetOpsJob(fake::FakeJob::State state)
    {
        m_fake.removeJob(kOpsJob);
        fake::FakeJob fj;
        fj.jobId = kOpsJob;
        fj.clientId = QStringLiteral("77777777-7777-4777-8777-777777777777");
        fj.clientToken = kToken;
        fj.nonce = QStringLiteral("3");
        fj.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("OpsVendor"),
                           QStringLiteral("1")};
        fj.state = state;
        QVERIFY(m_fake.addJob(fj).ok());
    }
    QStringList withEndpoint(QStringList arguments, const QString &format = QStringLiteral("json")) const
    {
        arguments.prepend(QStringLiteral("codepipeline"));
        arguments << QStringLiteral("--endpoint-url") << m_fake.url().toString() << QStringLiteral("--output")
                  << format;
        return arguments;
    }
    static QByteArray lastLine(const QByteArray &text)
    {
        const QList<QByteArray> lines = text.trimmed().split('\n');
        return lines.isEmpty() ? QByteArray() : lines.last();
    }
    static inline const QString kOpsJob = QStringLiteral("66666666-6666-4666-8666-666666666666");

    fake::FakeCodePipeline m_fake;
    QStringList m_clis;
};

void TestCliAgainstAwsCli::initTestCase()
{
    m_clis = test::awsClis();
    QVERIFY2(!m_clis.isEmpty(), "no AWS CLI installed: the comparison needs the real one (apt install awscli)");
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    for (const auto &[name, job] : test::comparisonJobs()) {
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
            for (const auto &[name, job] : test::comparisonJobs()) {
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
    QTest::newRow("missing token") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                  QStringLiteral("--job-id"), QStringLiteral("j")}
                                   << 252 << QStringLiteral("--client-token");
    QTest::newRow("empty job id") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                 QStringLiteral("--job-id="), QStringLiteral("--client-token"),
                                                 QStringLiteral("t")}
                                  << 252 << QStringLiteral("jobId");
    QTest::newRow("bad region") << QStringList{QStringLiteral("get-third-party-job-details"),
                                               QStringLiteral("--job-id"),
                                               QStringLiteral("j"),
                                               QStringLiteral("--client-token"),
                                               QStringLiteral("t"),
                                               QStringLiteral("--region"),
                                               QStringLiteral("Mars 1")}
                                << 255 << QStringLiteral("region");  // the AWS CLI v2's code for it
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

void TestCliAgainstAwsCli::operations_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("state");         // the job's state before each run
    QTest::addColumn<QString>("endState");  // after it
    const int queued = int(fake::FakeJob::State::Queued);
    const int inProgress = int(fake::FakeJob::State::InProgress);
    const QString job = kOpsJob;
    struct Row
    {
        const char *name;
        QStringList arguments;
        int state;
        QString endState;
    };
    const QList<Row> rows = {
        {"poll",
         {QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
          QStringLiteral("category=Build,owner=ThirdParty,provider=OpsVendor,version=1"),
          QStringLiteral("--max-batch-size"), QStringLiteral("1")},
         queued,
         QStringLiteral("Dispatched")},
        {"poll (JSON)",
         {QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
          QStringLiteral(
              "{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"OpsVendor\",\"version\":\"1\"}")},
         queued,
         QStringLiteral("Dispatched")},
        {"acknowledge",
         {QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--job-id"), job, QStringLiteral("--nonce"),
          QStringLiteral("3"), QStringLiteral("--client-token"), kToken},
         queued,
         QStringLiteral("InProgress")},
        {"acknowledge (cli-input-json, command line wins)",
         {QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--cli-input-json"),
          QStringLiteral("{\"jobId\":\"%1\",\"nonce\":\"999\",\"clientToken\":\"%2\"}").arg(job, kToken),
          QStringLiteral("--nonce"), QStringLiteral("3")},
         queued,
         QStringLiteral("InProgress")},
        {"success",
         {QStringLiteral("put-third-party-job-success-result"), QStringLiteral("--job-id"), job,
          QStringLiteral("--client-token"), kToken, QStringLiteral("--current-revision"),
          QStringLiteral("revision=r1,changeIdentifier=c1,created=2024-01-02T03:04:05Z,revisionSummary=\"sum, mary\""),
          QStringLiteral("--continuation-token"), QStringLiteral("step-2"), QStringLiteral("--execution-details"),
          QStringLiteral("summary=Build 42 passed,externalExecutionId=ext-1,percentComplete=50")},
         inProgress,
         QStringLiteral("Succeeded")},
        {"success (final)",
         {QStringLiteral("put-third-party-job-success-result"), QStringLiteral("--job-id"), job,
          QStringLiteral("--client-token"), kToken},
         inProgress,
         QStringLiteral("Succeeded")},
        {"failure",
         {QStringLiteral("put-third-party-job-failure-result"), QStringLiteral("--job-id"), job,
          QStringLiteral("--client-token"), kToken, QStringLiteral("--failure-details"),
          QStringLiteral("type=JobFailed,message=\"tests failed, see log\",externalExecutionId=ext-2")},
         inProgress,
         QStringLiteral("Failed")},
    };
    for (const QString &aws : m_clis) {
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")}) {
            for (const Row &row : rows) {
                // The put operations print nothing in any format: json is enough for them.
                if (format != QLatin1String("json") && row.arguments.constFirst().startsWith(QLatin1String("put-")))
                    continue;
                QTest::addRow("%s, %s, %s", qPrintable(aws), qPrintable(format), row.name)
                    << aws << format << row.arguments << row.state << row.endState;
            }
        }
    }
}

void TestCliAgainstAwsCli::operations()
{
    QFETCH(QString, aws);
    QFETCH(QString, format);
    QFETCH(QStringList, arguments);
    QFETCH(int, state);
    QFETCH(QString, endState);

    resetOpsJob(fake::FakeJob::State(state));
    const auto theirs = runAws(aws, withEndpoint(arguments, format));
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    const QByteArray theirBody = m_fake.lastRequestBody();
    QCOMPARE(fake::FakeJob::stateName(m_fake.job(kOpsJob)->state), endState);

    resetOpsJob(fake::FakeJob::State(state));
    QStringList ourArguments = withEndpoint(arguments, format);
    if (arguments.constFirst() == QLatin1String("poll-for-third-party-jobs"))
        ourArguments << QStringLiteral("--quiet-poll-warning");
    const auto ours = runJobdesk(ourArguments);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QCOMPARE(fake::FakeJob::stateName(m_fake.job(kOpsJob)->state), endState);

    QCOMPARE(QString::fromUtf8(ours.out), QString::fromUtf8(theirs.out));
    QCOMPARE(ours.out, theirs.out);
    QCOMPARE(ours.err, theirs.err);
    // The same request reached the service (compared as JSON: member order and spacing may differ).
    const Json ourRequest = Json::parse(m_fake.lastRequestBody().toStdString());
    const Json theirRequest = Json::parse(theirBody.toStdString());
    QCOMPARE(QString::fromStdString(nlohmann::json(ourRequest).dump()),
             QString::fromStdString(nlohmann::json(theirRequest).dump()));
}

void TestCliAgainstAwsCli::operationErrors_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("code");
    const QString job = kOpsJob;
    for (const QString &aws : m_clis) {
        QTest::addRow("%s, wrong nonce", qPrintable(aws))
            << aws
            << QStringList{QStringLiteral("acknowledge-third-party-job"),
                           QStringLiteral("--job-id"),
                           job,
                           QStringLiteral("--nonce"),
                           QStringLiteral("999"),
                           QStringLiteral("--client-token"),
                           kToken}
            << int(fake::FakeJob::State::Queued) << QStringLiteral("InvalidNonceException");
        QTest::addRow("%s, result on a finished job", qPrintable(aws))
            << aws
            << QStringList{QStringLiteral("put-third-party-job-failure-result"),
                           QStringLiteral("--job-id"),
                           job,
                           QStringLiteral("--client-token"),
                           kToken,
                           QStringLiteral("--failure-details"),
                           QStringLiteral("type=ConfigurationError,message=late")}
            << int(fake::FakeJob::State::Succeeded) << QStringLiteral("InvalidJobStateException");
        QTest::addRow("%s, unknown action type", qPrintable(aws))
            << aws
            << QStringList{QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
                           QStringLiteral("category=Deploy,owner=ThirdParty,provider=NobodyHere,version=9")}
            << int(fake::FakeJob::State::Queued) << QStringLiteral("ActionTypeNotFoundException");
    }
}

void TestCliAgainstAwsCli::operationErrors()
{
    QFETCH(QString, aws);
    QFETCH(QStringList, arguments);
    QFETCH(int, state);
    QFETCH(QString, code);
    resetOpsJob(fake::FakeJob::State(state));
    const auto theirs = runAws(aws, withEndpoint(arguments));
    resetOpsJob(fake::FakeJob::State(state));
    QStringList ourArguments = withEndpoint(arguments);
    if (arguments.constFirst() == QLatin1String("poll-for-third-party-jobs"))
        ourArguments << QStringLiteral("--quiet-poll-warning");
    const auto ours = runJobdesk(ourArguments);
    QVERIFY2(theirs.err.contains(code.toUtf8()), theirs.err.constData());
    QCOMPARE(QString::fromUtf8(ours.err), QString::fromUtf8(theirs.err));
    QCOMPARE(ours.out, theirs.out);
    QCOMPARE(ours.exitCode, 254);
    if (isV2(aws))
        QCOMPARE(ours.exitCode, theirs.exitCode);
}

void TestCliAgainstAwsCli::usageErrorsAsV2_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString job = kOpsJob;
    QTest::newRow("missing required") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                     QStringLiteral("--job-id"), job};
    QTest::newRow("unknown options") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                    QStringLiteral("--job-id"),
                                                    job,
                                                    QStringLiteral("--client-token"),
                                                    kToken,
                                                    QStringLiteral("--bogus"),
                                                    QStringLiteral("1")};
    QTest::newRow("no value") << QStringList{QStringLiteral("get-third-party-job-details"),
                                             QStringLiteral("--client-token"), kToken, QStringLiteral("--job-id")};
    QTest::newRow("shorthand without =") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                                        QStringLiteral("--action-type-id"), QStringLiteral("category")};
    QTest::newRow("shorthand cut short") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                                        QStringLiteral("--action-type-id"),
                                                        QStringLiteral("category=Build,owner=[ThirdParty")};
    QTest::newRow("not a number") << QStringList{
        QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
        QStringLiteral("category=Build,owner=ThirdParty,provider=OpsVendor,version=1"),
        QStringLiteral("--max-batch-size"), QStringLiteral("abc")};
    QTest::newRow("cli-input-json not JSON")
        << QStringList{QStringLiteral("get-third-party-job-details"), QStringLiteral("--cli-input-json"),
                       QStringLiteral("{\"jobId\":")};
    QTest::newRow("missing file") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                                 QStringLiteral("--action-type-id"),
                                                 QStringLiteral("file:///nonexistent/jobdesk-action.json")};
}

// Usage errors: the message line and exit code of the AWS CLI v2 (the usage lines name the program, so differ).
void TestCliAgainstAwsCli::usageErrorsAsV2()
{
    QFETCH(QStringList, arguments);
    if (!m_clis.contains(QStringLiteral("/usr/bin/aws")))
        QFAIL("the AWS CLI v2 (/usr/bin/aws) is needed for exit codes");
    const int sentBefore = m_fake.requestCount();
    const auto theirs = runAws(QStringLiteral("/usr/bin/aws"), withEndpoint(arguments));
    const auto ours = runJobdesk(withEndpoint(arguments));
    QCOMPARE(m_fake.requestCount(), sentBefore);  // neither sent anything
    QCOMPARE(ours.exitCode, theirs.exitCode);
    QByteArray expected = lastLine(theirs.err);
    expected.replace("aws: error:", "jobdesk-cli: error:");
    QCOMPARE(QString::fromUtf8(lastLine(ours.err)), QString::fromUtf8(expected));
    QVERIFY(ours.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliAgainstAwsCli)
#include "tst_cliagainstawscli.moc"
