// --generate-cli-skeleton: the input skeleton has the AWS CLI's layout for every
// operation (enums aside, which the AWS CLI picks at random), the output skeleton
// is a response the service model accepts, and a filled-in skeleton given back
// through --cli-input-json reaches the service as the request body.

#include "cli/skeleton.h"
#include "core/codepipeline/paramvalidator.h"
#include "core/codepipeline/servicemodel.h"
#include "core/output/pythonrepr.h"
#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace jobdesk;
using Json = nlohmann::ordered_json;
using codepipeline::Operation;
using codepipeline::ServiceModel;
using codepipeline::Shape;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLESKELETON1");
const QString kSecret = QStringLiteral("skeleton/Secret+Key=0123456789abcdefghij");

// Where the AWS CLI chose a random enum value, takes ours if theirs is a valid one.
bool sameUpToEnums(const Shape *shape, const Json &ours, const Json &theirs, QString &why, const std::string &path)
{
    if (shape && !shape->enumValues.empty() && theirs.is_string()) {
        const auto &values = shape->enumValues;
        if (std::find(values.begin(), values.end(), theirs.get<std::string>()) == values.end()) {
            why = QStringLiteral("%1: the AWS CLI's %2 is not in the enum")
                      .arg(QString::fromStdString(path), QString::fromStdString(theirs.dump()));
            return false;
        }
        return ours == Json(values.front());
    }
    if (ours.is_object() && theirs.is_object()) {
        std::vector<std::string> ourKeys, theirKeys;
        for (auto it = ours.begin(); it != ours.end(); ++it)
            ourKeys.push_back(it.key());
        for (auto it = theirs.begin(); it != theirs.end(); ++it)
            theirKeys.push_back(it.key());
        if (ourKeys != theirKeys) {
            why = QStringLiteral("%1: members differ in name or order").arg(QString::fromStdString(path));
            return false;
        }
        for (const std::string &key : ourKeys) {
            const auto *member = shape ? shape->findMember(key) : nullptr;
            if (!sameUpToEnums(member ? member->shape : nullptr, ours[key], theirs[key], why, path + '.' + key))
                return false;
        }
        return true;
    }
    if (ours != theirs) {
        why = QStringLiteral("%1: %2 vs %3")
                  .arg(QString::fromStdString(path), QString::fromStdString(ours.dump()),
                       QString::fromStdString(theirs.dump()));
        return false;
    }
    return true;
}

}  // namespace

class TestSkeleton : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inputLikeAwsCli_data();
    void inputLikeAwsCli();
    void outputIsValid_data();
    void outputIsValid();
    void outputInEveryFormat_data();
    void outputInEveryFormat();
    void roundTrip_data();
    void roundTrip();

private:
    fake::FakeCodePipeline m_fake;
    QTemporaryDir m_dir;
};

void TestSkeleton::initTestCase()
{
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY(m_dir.isValid());
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    QVERIFY(m_fake.listen());
}

void TestSkeleton::inputLikeAwsCli_data()
{
    QTest::addColumn<QString>("operation");
    for (const Operation &op : ServiceModel::codePipeline().operations())
        QTest::newRow(op.cliName.c_str()) << QString::fromStdString(op.cliName);
}

void TestSkeleton::inputLikeAwsCli()
{
    QFETCH(QString, operation);
    const QStringList arguments = {QStringLiteral("codepipeline"), operation,
                                   QStringLiteral("--generate-cli-skeleton")};
    const auto env = test::AwsCliEnvironment::withKeys(kKeyId, kSecret);
    const auto theirs = test::runProcess(QStringLiteral("/usr/bin/aws"), arguments, {}, env);
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    const auto ours = test::runProcess(test::jobdeskCli(), arguments, {}, env);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const Json theirJson = Json::parse(theirs.out.toStdString());
    const Json ourJson = Json::parse(ours.out.toStdString());
    QString why;
    const Operation *op = ServiceModel::codePipeline().operationByCliName(operation.toStdString());
    QVERIFY2(sameUpToEnums(op->input, ourJson, theirJson, why, "input"), qPrintable(why));
    // Where no enum is involved, the bytes are the same too.
    if (ourJson == theirJson)
        QCOMPARE(ours.out, theirs.out);
}

void TestSkeleton::outputIsValid_data()
{
    inputLikeAwsCli_data();
}

void TestSkeleton::outputIsValid()
{
    QFETCH(QString, operation);
    const Operation *op = ServiceModel::codePipeline().operationByCliName(operation.toStdString());
    const Json sample = cli::Skeleton::output(op->output);
    if (!op->output) {
        QCOMPARE(QString::fromStdString(sample.dump()), QStringLiteral("{}"));
        return;
    }
    // Every member present and within the model's rules (the AWS CLI's own sample breaks
    // the 1-50 length of the configuration key for GetThirdPartyJobDetails).
    const auto problems = codepipeline::ParamValidator::check(op->output, sample);
    QStringList text;
    for (const auto &p : problems)
        text << p.field + QStringLiteral(": ") + p.message;
    QVERIFY2(problems.isEmpty(), qPrintable(text.join(QLatin1Char('\n'))));
    for (const auto &member : op->output->members)
        QVERIFY(sample.contains(member.name));
}

void TestSkeleton::outputInEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"json", "text", "table", "keyvalue"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestSkeleton::outputInEveryFormat()
{
    QFETCH(QString, format);
    const auto run =
        test::runProcess(test::jobdeskCli(),
                         {QStringLiteral("get-third-party-job-details"), QStringLiteral("--generate-cli-skeleton"),
                          QStringLiteral("output"), QStringLiteral("--output"), format},
                         {}, test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    if (format == QLatin1String("json"))
        QVERIFY(
            Json::parse(run.out.toStdString())["jobDetails"]["data"]["actionConfiguration"]["configuration"].contains(
                "KeyName"));
    if (format == QLatin1String("keyvalue"))
        QVERIFY(run.out.contains("jobDetails.data.actionConfiguration.configuration.KeyName\tvalue"));
}

void TestSkeleton::roundTrip_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("fill");      // JSON merged into the skeleton
    QTest::addColumn<QString>("expected");  // the request body, as JSON
    QTest::addColumn<int>("state");
    const QString job = QStringLiteral("abcdefab-1234-4123-8123-abcdefabcdef");
    QTest::newRow("get") << QStringLiteral("get-third-party-job-details")
                         << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\"}").arg(job)
                         << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\"}").arg(job)
                         << int(fake::FakeJob::State::Queued);
    QTest::newRow("acknowledge")
        << QStringLiteral("acknowledge-third-party-job")
        << QStringLiteral("{\"jobId\":\"%1\",\"nonce\":\"7\",\"clientToken\":\"round-trip-token\"}").arg(job)
        << QStringLiteral("{\"jobId\":\"%1\",\"nonce\":\"7\",\"clientToken\":\"round-trip-token\"}").arg(job)
        << int(fake::FakeJob::State::Queued);
    QTest::newRow("success") << QStringLiteral("put-third-party-job-success-result")
                             << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\","
                                               "\"currentRevision\":{\"revision\":\"r9\",\"changeIdentifier\":\"c9\","
                                               "\"created\":\"2024-01-02T03:04:05Z\",\"revisionSummary\":\"sum\"},"
                                               "\"continuationToken\":\"next\",\"executionDetails\":{\"summary\":"
                                               "\"ok\",\"externalExecutionId\":\"x1\",\"percentComplete\":40}}")
                                    .arg(job)
                             << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\","
                                               "\"currentRevision\":{\"revision\":\"r9\",\"changeIdentifier\":\"c9\","
                                               "\"created\":1704164645,\"revisionSummary\":\"sum\"},"
                                               "\"continuationToken\":\"next\",\"executionDetails\":{\"summary\":"
                                               "\"ok\",\"externalExecutionId\":\"x1\",\"percentComplete\":40}}")
                                    .arg(job)
                             << int(fake::FakeJob::State::InProgress);
    QTest::newRow("failure")
        << QStringLiteral("put-third-party-job-failure-result")
        << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\",\"failureDetails\":{\"type\":"
                          "\"ConfigurationError\",\"message\":\"bad, config\",\"externalExecutionId\":\"x2\"}}")
               .arg(job)
        << QStringLiteral("{\"jobId\":\"%1\",\"clientToken\":\"round-trip-token\",\"failureDetails\":{\"type\":"
                          "\"ConfigurationError\",\"message\":\"bad, config\",\"externalExecutionId\":\"x2\"}}")
               .arg(job)
        << int(fake::FakeJob::State::InProgress);
    QTest::newRow("poll") << QStringLiteral("poll-for-third-party-jobs")
                          << QStringLiteral("{\"actionTypeId\":{\"category\":\"Test\",\"owner\":\"ThirdParty\","
                                            "\"provider\":\"SkeletonVendor\",\"version\":\"3\"},\"maxBatchSize\":2}")
                          << QStringLiteral("{\"actionTypeId\":{\"category\":\"Test\",\"owner\":\"ThirdParty\","
                                            "\"provider\":\"SkeletonVendor\",\"version\":\"3\"},\"maxBatchSize\":2}")
                          << int(fake::FakeJob::State::Queued);
}

void TestSkeleton::roundTrip()
{
    QFETCH(QString, operation);
    QFETCH(QString, fill);
    QFETCH(QString, expected);
    QFETCH(int, state);
    const auto env = test::AwsCliEnvironment::withKeys(kKeyId, kSecret);

    m_fake.clearJobs();
    fake::FakeJob job;
    job.jobId = QStringLiteral("abcdefab-1234-4123-8123-abcdefabcdef");
    job.clientToken = QStringLiteral("round-trip-token");
    job.nonce = QStringLiteral("7");
    job.actionTypeId = {QStringLiteral("Test"), QStringLiteral("ThirdParty"), QStringLiteral("SkeletonVendor"),
                        QStringLiteral("3")};
    job.state = fake::FakeJob::State(state);
    QVERIFY(m_fake.addJob(job).ok());

    // 1. The skeleton.
    const auto skeleton =
        test::runProcess(test::jobdeskCli(), {operation, QStringLiteral("--generate-cli-skeleton")}, {}, env);
    QVERIFY2(skeleton.exitCode == 0, skeleton.err.constData());
    Json input = Json::parse(skeleton.out.toStdString());
    // 2. Filled in: every member the test gives replaces the skeleton's; the rest are dropped, as a person would.
    const Json values = Json::parse(fill.toStdString());
    for (auto it = input.begin(); it != input.end();) {
        if (!values.contains(it.key())) {
            it = input.erase(it);
            continue;
        }
        *it = values[it.key()];
        ++it;
    }
    const QString path = m_dir.filePath(operation + QStringLiteral(".json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(input.dump(4)));
    file.close();
    // 3. Given back with --cli-input-json file://.
    QStringList arguments = {operation, QStringLiteral("--cli-input-json"), QStringLiteral("file://") + path,
                             QStringLiteral("--endpoint-url"), m_fake.url().toString()};
    if (operation == QLatin1String("poll-for-third-party-jobs"))
        arguments << QStringLiteral("--quiet-poll-warning");
    const auto run = test::runProcessServing(test::jobdeskCli(), arguments, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // 4. The request the service got, written as botocore writes a JSON body.
    QCOMPARE(QString::fromUtf8(m_fake.lastRequestBody()),
             QString::fromStdString(
                 output::pythonJsonDumps(Json::parse(expected.toStdString()), output::JsonSeparators::Default)));
}

QTEST_GUILESS_MAIN(TestSkeleton)
#include "tst_skeleton.moc"
