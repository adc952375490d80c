// jobdesk-cli artifact: its help pages and completion, and a command line it refuses
// before sending anything, with the AWS CLI's exit codes (252 usage, 255 local paths).

#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIAARTIFACTUSAGE001");
const QString kSecret = QStringLiteral("usage/Secret+Key=abcdefghij0123456789");
const QString kJob = QStringLiteral("7a7a7a7a-1111-4222-8333-444455556666");
const QString kToken = QStringLiteral("artifact-client-token-77c1");

}  // namespace

class TestCliArtifactUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badCommandLine_data();
    void badCommandLine();
    void help();

private:
    QProcessEnvironment env() const { return test::AwsCliEnvironment::withKeys(kKeyId, kSecret); }

    fake::FakeCodePipeline m_fake;
};

void TestCliArtifactUsage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    QVERIFY(m_fake.listen());
}

void TestCliArtifactUsage::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    const QStringList job = {QStringLiteral("--job-id"), kJob, QStringLiteral("--client-token"), kToken};
    const QString file = QStringLiteral("/tmp/never-written");
    QTest::newRow("no subcommand") << QStringList{QStringLiteral("artifact")} << 252 << QByteArray("SYNOPSIS");
    QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("artifact"), QStringLiteral("fetch")} << 252
                                        << QByteArray("argument subcommand: Invalid choice 'fetch'");
    QTest::newRow("no job id") << QStringList{QStringLiteral("artifact"), QStringLiteral("list"),
                                              QStringLiteral("--client-token"), kToken}
                               << 252 << QByteArray("the following arguments are required: --job-id");
    QTest::newRow("get without a destination") << QStringList{QStringLiteral("artifact"), QStringLiteral("get"),
                                                              QStringLiteral("--name"),
                                                              QStringLiteral("SourceArtifact")}
            + job << 252 << QByteArray("--output-file or --extract-to");
    QTest::newRow("get with both destinations")
        << QStringList{QStringLiteral("artifact"),      QStringLiteral("get"),
                       QStringLiteral("--name"),        QStringLiteral("SourceArtifact"),
                       QStringLiteral("--output-file"), file,
                       QStringLiteral("--extract-to"),  file}
            + job
        << 252 << QByteArray("not allowed with argument --output-file");
    QTest::newRow("list with --source") << QStringList{QStringLiteral("artifact"), QStringLiteral("list"),
                                                       QStringLiteral("--source"), file}
            + job << 252 << QByteArray("Unknown options: --source");
    QTest::newRow("value missing") << QStringList{QStringLiteral("artifact"), QStringLiteral("list"),
                                                  QStringLiteral("--name")}
            + job << 252 << QByteArray("argument --name: expected one argument");
    QTest::newRow("source missing") << QStringList{QStringLiteral("artifact"), QStringLiteral("put"),
                                                   QStringLiteral("--name"),   QStringLiteral("BuildArtifact"),
                                                   QStringLiteral("--source"), file}
            + job << 255 << QByteArray("The user-provided path /tmp/never-written does not exist.");
    QTest::newRow("bad job id") << QStringList{QStringLiteral("artifact"),       QStringLiteral("list"),
                                               QStringLiteral("--job-id"),       QStringLiteral("not a job"),
                                               QStringLiteral("--client-token"), kToken}
                                << 252 << QByteArray("Parameter validation failed");
    QTest::newRow("bad S3 endpoint") << QStringList{QStringLiteral("artifact"), QStringLiteral("list"),
                                                    QStringLiteral("--s3-endpoint-url"), QStringLiteral("ftp://x")}
            + job << 252 << QByteArray("--s3-endpoint-url");
}

void TestCliArtifactUsage::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const int requests = m_fake.requestCount();
    const auto run = test::runProcessServing(
        test::jobdeskCli(), arguments + QStringList{QStringLiteral("--endpoint-url"), m_fake.url().toString()}, env());
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message) || run.out.contains(message), run.err.constData());
    QCOMPARE(m_fake.requestCount(), requests);  // refused before anything was sent
}

void TestCliArtifactUsage::help()
{
    const auto page = test::runProcess(test::jobdeskCli(), {QStringLiteral("artifact"), QStringLiteral("help")});
    QCOMPARE(page.exitCode, 0);
    for (const char *option : {"--job-id", "--client-token", "--name", "--output-file", "--extract-to", "--source",
                               "--s3-endpoint-url", "AWS_ENDPOINT_URL_S3"})
        QVERIFY2(page.out.contains(option), option);
    const auto same = test::runProcess(test::jobdeskCli(), {QStringLiteral("help"), QStringLiteral("artifact")});
    QCOMPARE(same.exitCode, 0);
    QCOMPARE(same.out, page.out);
    const auto dashed = test::runProcess(test::jobdeskCli(),
                                         {QStringLiteral("artifact"), QStringLiteral("get"), QStringLiteral("--help")});
    QCOMPARE(dashed.out, page.out);
    const auto overview = test::runProcess(test::jobdeskCli(), {QStringLiteral("help")});
    QVERIFY(overview.out.contains("jobdesk-cli artifact list|get|put"));
    const auto bash = test::runProcess(test::jobdeskCli(), {QStringLiteral("completion"), QStringLiteral("bash")});
    QVERIFY(bash.out.contains("artifact) COMPREPLY=($(compgen -W 'list get put --job-id"));
}

QTEST_GUILESS_MAIN(TestCliArtifactUsage)
#include "tst_cliartifactusage.moc"
