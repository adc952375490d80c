// jobdesk-cli given bad input by a person: one row per (option, bad value).
// Each run must exit with the AWS CLI v2's code for it (252 for parameter
// validation), name the option on stderr and send nothing to the fake
// endpoint. Where the AWS CLI v2 refuses the same input before sending, it
// runs too and its exit code must be the same.

#include "support/awsclienvironment.h"
#include "support/listeningfake.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLEBADINPUT1");
const QString kSecret = QStringLiteral("badinput/Secret+Key=0123456789abcdefghij");
const QString kToken = QStringLiteral("bad-input-client-token");
const QString kJob = QStringLiteral("77777777-7777-4777-8777-777777777777");
const QString kV2 = QStringLiteral("/usr/bin/aws");

}  // namespace

class TestCliBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void refused_data();
    void refused();
    void goodValuesPass();

private:
    // "<fake>" in an argument stands for the fake's URL, "<dir>" for a scratch directory.
    QStringList expand(const QStringList &arguments) const
    {
        QStringList out;
        for (QString a : arguments) {
            a.replace(QStringLiteral("<fake>"), m_fake.url().toString(QUrl::StripTrailingSlash));
            a.replace(QStringLiteral("<fakehost>"), m_fake.url().authority());
            a.replace(QStringLiteral("<dir>"), m_dir.path());
            out << a;
        }
        return out;
    }

    QTemporaryDir m_dir;
    test::ListeningFake m_fake;
};

void TestCliBadInput::initTestCase()
{
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY2(QFileInfo(kV2).isExecutable(), "the AWS CLI v2 (/usr/bin/aws) is needed: apt install awscli");
    QVERIFY(m_dir.isValid());
    QFile notPem(m_dir.filePath(QStringLiteral("notes.pem")));
    QVERIFY(notPem.open(QIODevice::WriteOnly));
    notPem.write("not a certificate\n");
    notPem.close();
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("folder.pem")));

    test::ListeningFake::Setup setup(kKeyId, kSecret, kJob, kToken, QStringLiteral("BadInputVendor"));
    setup.nonce = QStringLiteral("3");
    setup.details = QByteArrayLiteral(
        R"({"id":"77777777-7777-4777-8777-777777777777","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"BadInputVendor","version":"1"}},"nonce":"3"})");
    const bool started = m_fake.start(setup);
    QVERIFY2(started, qPrintable(m_fake.startError()));
}

void TestCliBadInput::init()
{
    m_fake.resetCounters();
}

void TestCliBadInput::refused_data()
{
    QTest::addColumn<QStringList>("arguments");  // the operation's, then options; --endpoint-url added unless given
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<bool>("v2RefusesToo");  // the AWS CLI v2 refuses it before sending

    const QString get = QStringLiteral("get-third-party-job-details");
    const QStringList getArgs = {get, QStringLiteral("--job-id"), kJob, QStringLiteral("--client-token"), kToken};
    const auto withOption = [&](const char *option, const QString &value) {
        return QStringList(getArgs) << QString::fromLatin1(option) << value;
    };
    const auto getWith = [&](const QString &jobId, const QString &token) {
        return QStringList{get, QStringLiteral("--job-id"), jobId, QStringLiteral("--client-token"), token};
    };
    const auto row = [](const char *name, const QStringList &args, int code, const char *mentions, bool v2) {
        QTest::newRow(name) << args << code << QString::fromUtf8(mentions) << v2;
    };

    // --region: the AWS CLI v2 exits 255 for a name it cannot use.
    row("--region with spaces", withOption("--region", QStringLiteral("us east 1")), 255, "--region", true);
    row("--region pasted space", withOption("--region", QStringLiteral("us-east-1 ")), 255, "--region", true);
    row("--region tab", withOption("--region", QStringLiteral("us-east-1\t")), 255, "--region", true);
    row("--region upper case", withOption("--region", QStringLiteral("US-EAST-1")), 255, "not a region", false);
    row("--region a word", withOption("--region", QStringLiteral("virginia")), 255, "not a region", false);
    row("--region empty", withOption("--region", QString()), 252, "--region", false);

    // --endpoint-url (the row gives it, so the fake is not added).
    row("--endpoint-url no scheme", withOption("--endpoint-url", QStringLiteral("<fakehost>")), 252, "--endpoint-url",
        true);
    row("--endpoint-url empty", withOption("--endpoint-url", QString()), 252, "--endpoint-url", true);
    row("--endpoint-url no host", withOption("--endpoint-url", QStringLiteral("http://")), 255, "--endpoint-url", true);
    row("--endpoint-url ftp", withOption("--endpoint-url", QStringLiteral("ftp://<fakehost>")), 252, "--endpoint-url",
        false);
    row("--endpoint-url user info", withOption("--endpoint-url", QStringLiteral("http://support:secret@<fakehost>")),
        252, "--endpoint-url", false);
    row("--endpoint-url fragment", withOption("--endpoint-url", QStringLiteral("<fake>/#top")), 252, "--endpoint-url",
        false);
    row("--endpoint-url newline", withOption("--endpoint-url", QStringLiteral("<fake>\n")), 252, "--endpoint-url",
        false);

    // Timeouts: the AWS CLI v2 exits 255 for a value it cannot use.
    row("--cli-read-timeout word", withOption("--cli-read-timeout", QStringLiteral("abc")), 255, "--cli-read-timeout",
        true);
    row("--cli-read-timeout negative", withOption("--cli-read-timeout", QStringLiteral("-5")), 255,
        "--cli-read-timeout", true);
    row("--cli-connect-timeout word", withOption("--cli-connect-timeout", QStringLiteral("ten")), 255,
        "--cli-connect-timeout", true);
    row("--cli-connect-timeout negative", withOption("--cli-connect-timeout", QStringLiteral("-1")), 255,
        "--cli-connect-timeout", true);

    // --ca-bundle: 255, as the AWS CLI exits when it comes to load a bad bundle.
    row("--ca-bundle missing", withOption("--ca-bundle", QStringLiteral("<dir>/missing.pem")), 255, "--ca-bundle",
        false);
    row("--ca-bundle not PEM", withOption("--ca-bundle", QStringLiteral("<dir>/notes.pem")), 255, "--ca-bundle", false);
    row("--ca-bundle a folder", withOption("--ca-bundle", QStringLiteral("<dir>/folder.pem")), 255, "--ca-bundle",
        false);

    // --profile.
    row("--profile pasted space", withOption("--profile", QStringLiteral("support ")), 252, "--profile", false);
    row("--profile tab", withOption("--profile", QStringLiteral("sup\tport")), 252, "--profile", false);

    // Operation parameters: the model's limits (the AWS CLI checks minimums only, and sends what is too
    // long), then what only jobdesk-cli refuses.
    row("--job-id empty", getWith(QString(), kToken), 252, "jobId", true);
    row("--job-id too long", getWith(QString(513, QLatin1Char('a')), kToken), 252, "valid max length: 512", false);
    row("--client-token empty", getWith(kJob, QString()), 252, "clientToken", true);
    row("--client-token too long", getWith(kJob, QString(257, QLatin1Char('t'))), 252, "valid max length: 256", false);
    row("--job-id tab", getWith(kJob + QStringLiteral("\tx"), kToken), 252, "--job-id", false);
    row("--job-id newline", getWith(kJob + QStringLiteral("\n"), kToken), 252, "--job-id", false);
    row("--job-id pasted space", getWith(QStringLiteral(" ") + kJob, kToken), 252, "--job-id", false);
    row("--job-id space inside", getWith(QStringLiteral("7777 7777"), kToken), 252, "--job-id", false);
    row("--client-token bell", getWith(kJob, kToken + QStringLiteral("\a")), 252, "--client-token", false);
    row("--client-token space inside", getWith(kJob, QStringLiteral("bad input")), 252, "--client-token", false);
    row("--job-id NUL through --cli-input-json",
        QStringList{get, QStringLiteral("--cli-input-json"),
                    QStringLiteral(R"({"jobId":"7777\u00007777","clientToken":"%1"})").arg(kToken)},
        252, "--job-id contains a control character, U+0000 (NUL)", false);
    row("--nonce bell",
        QStringList{QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--job-id"), kJob,
                    QStringLiteral("--client-token"), kToken, QStringLiteral("--nonce"), QStringLiteral("3\a")},
        252, "--nonce", false);
    row("--nonce too long",
        QStringList{QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--job-id"), kJob,
                    QStringLiteral("--client-token"), kToken, QStringLiteral("--nonce"), QString(51, QLatin1Char('3'))},
        252, "valid max length: 50", false);
    row("--continuation-token too long",
        QStringList{QStringLiteral("put-third-party-job-success-result"), QStringLiteral("--job-id"), kJob,
                    QStringLiteral("--client-token"), kToken, QStringLiteral("--continuation-token"),
                    QString(2049, QLatin1Char('c'))},
        252, "valid max length: 2048", false);
    row("--failure-details message with a bell",
        QStringList{QStringLiteral("put-third-party-job-failure-result"), QStringLiteral("--job-id"), kJob,
                    QStringLiteral("--client-token"), kToken, QStringLiteral("--failure-details"),
                    QStringLiteral(R"({"type":"JobFailed","message":"it\u0007failed"})")},
        252, "--failure-details message", false);
    row("--max-batch-size zero",
        QStringList{QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
                    QStringLiteral("category=Build,owner=ThirdParty,provider=BadInputVendor,version=1"),
                    QStringLiteral("--max-batch-size"), QStringLiteral("0"), QStringLiteral("--quiet-poll-warning")},
        252, "maxBatchSize", true);
}

void TestCliBadInput::refused()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    QFETCH(bool, v2RefusesToo);
    QStringList args = expand(arguments);
    if (!arguments.contains(QStringLiteral("--endpoint-url")))
        args << QStringLiteral("--endpoint-url") << m_fake.url().toString();
    const QProcessEnvironment env = test::AwsCliEnvironment::withKeys(kKeyId, kSecret);

    const auto ours = test::runProcessServing(test::jobdeskCli(), args, env);
    QVERIFY2(ours.started && !ours.crashed, ours.err.constData());
    QCOMPARE(ours.exitCode, exitCode);
    QVERIFY(ours.out.isEmpty());
    QVERIFY2(QString::fromUtf8(ours.err).contains(mentions), ours.err.constData());
    QCOMPARE(m_fake.requestCount(), 0);  // nothing was sent

    if (v2RefusesToo) {
        QStringList theirArgs = args;
        theirArgs.removeAll(QStringLiteral("--quiet-poll-warning"));
        theirArgs.prepend(QStringLiteral("codepipeline"));
        const auto theirs = test::runProcessServing(kV2, theirArgs, env);
        QCOMPARE(m_fake.requestCount(), 0);  // the AWS CLI did not send it either
        QVERIFY2(theirs.exitCode == ours.exitCode,
                 qPrintable(QStringLiteral("AWS CLI v2 exited %1: %2")
                                .arg(theirs.exitCode)
                                .arg(QString::fromUtf8(theirs.err.trimmed()))));
    }
}

// The same options with good values reach the fake: the checks refuse only what is wrong.
void TestCliBadInput::goodValuesPass()
{
    QStringList args = {QStringLiteral("get-third-party-job-details"),
                        QStringLiteral("--job-id"),
                        kJob,
                        QStringLiteral("--client-token"),
                        kToken,
                        QStringLiteral("--region"),
                        QStringLiteral("us-gov-west-1"),
                        QStringLiteral("--cli-read-timeout"),
                        QStringLiteral("30"),
                        QStringLiteral("--cli-connect-timeout"),
                        QStringLiteral("0"),
                        QStringLiteral("--endpoint-url"),
                        m_fake.url().toString()};
    const auto ours =
        test::runProcessServing(test::jobdeskCli(), args, test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QCOMPARE(m_fake.requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestCliBadInput)

#include "tst_clibadinput.moc"
