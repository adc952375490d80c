// GetThirdPartyJobDetails answered 200 with nothing in it (an empty body or "{}"), which
// the model allows: jobdesk-cli's stdout and exit code are the real AWS CLI's (nothing,
// success), and one line on stderr says what happened and what to check.

#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLEEMPTY0001");
const QString kSecret = QStringLiteral("empty/Answer+Secret=Key/0123456789abcdefgh");
const QString kToken = QStringLiteral("empty-answer-token");
const QString kJob = QStringLiteral("55555555-5555-4555-8555-555555555555");

}  // namespace

class TestCliEmptyAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsAwsCli_data();
    void sameAsAwsCli();

private:
    test::ProcessOutput run(const QString &program, const QString &format) const
    {
        const QStringList arguments = {QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                                       QStringLiteral("--job-id"),       kJob,
                                       QStringLiteral("--client-token"), kToken,
                                       QStringLiteral("--endpoint-url"), m_fake.url().toString(),
                                       QStringLiteral("--output"),       format};
        return test::runProcessServing(program, arguments, test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    }
    void script(int fault)
    {
        fake::FakeScript script;
        script.fault = fake::FakeScript::Fault(fault);
        QVERIFY(m_fake.setScript(kJob, script));
    }

    fake::FakeCodePipeline m_fake;
};

void TestCliEmptyAnswer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientToken = kToken;
    job.nonce = QStringLiteral("1");
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("EmptyVendor"),
                        QStringLiteral("1")};
    QVERIFY(m_fake.addJob(job).ok());
    QVERIFY(m_fake.listen());
}

void TestCliEmptyAnswer::sameAsAwsCli_data()
{
    QTest::addColumn<QString>("aws");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("fault");
    QTest::addColumn<bool>("empty");
    const QStringList clis = test::awsClis();
    QVERIFY2(!clis.isEmpty(), "no AWS CLI installed: the comparison needs the real one");
    const QList<std::pair<const char *, fake::FakeScript::Fault>> faults = {
        {"empty body", fake::FakeScript::Fault::EmptyBody},
        {"{}", fake::FakeScript::Fault::EmptyObject},
        {"the job (no note)", fake::FakeScript::Fault::None}};
    for (const QString &aws : clis) {
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")}) {
            for (const auto &[name, fault] : faults) {
                QTest::addRow("%s, %s, %s", qPrintable(aws), qPrintable(format), name)
                    << aws << format << int(fault) << (fault != fake::FakeScript::Fault::None);
            }
        }
    }
}

void TestCliEmptyAnswer::sameAsAwsCli()
{
    QFETCH(QString, aws);
    QFETCH(QString, format);
    QFETCH(int, fault);
    QFETCH(bool, empty);
    script(fault);
    const auto theirs = run(aws, format);
    const auto ours = run(test::jobdeskCli(), format);
    m_fake.clearScripts();

    QCOMPARE(theirs.exitCode, 0);
    QCOMPARE(ours.exitCode, theirs.exitCode);
    QCOMPARE(ours.out, theirs.out);
    QCOMPARE(theirs.out.isEmpty(), empty);
    // Whatever the AWS CLI says on stderr (nothing), then our one line.
    QVERIFY2(ours.err.startsWith(theirs.err), ours.err.constData());
    const QString added = QString::fromUtf8(ours.err.mid(theirs.err.size()));
    if (!empty) {
        QCOMPARE(added, QString());
        return;
    }
    QCOMPARE(added.count(QLatin1Char('\n')), 1);
    QVERIFY(added.endsWith(QLatin1Char('\n')));
    for (const char *part : {"no job details", "job ID", "finished or timed out"})
        QVERIFY2(added.contains(QLatin1String(part)), qPrintable(added));
}

QTEST_GUILESS_MAIN(TestCliEmptyAnswer)
#include "tst_cliemptyanswer.moc"
