// The fake endpoint's signature check is trusted because the real AWS CLIs
// (botocore, not our signer) pass it, and the same requests with one byte
// changed fail it.

#include "fake/fakecodepipeline.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::fake;

namespace {

const QString AccessKey = QStringLiteral("AKIDEXAMPLE");
const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QString JobOne = QStringLiteral("11111111-2222-4333-8444-555555555555");

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

}  // namespace

class TestFakeVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void realCli_signedRequestAccepted_data() { cliRows(); }
    void realCli_signedRequestAccepted();
    void realCli_wrongSecretRejected_data() { cliRows(); }
    void realCli_wrongSecretRejected();
    void realCli_tamperedReplayRejected_data() { cliRows(); }
    void realCli_tamperedReplayRejected();

private:
    void cliRows();
    // Runs the CLI while this thread's event loop keeps serving the fake.
    CliRun runCli(const QString &cli, const QString &secret, const QString &clientToken = QStringLiteral("token-one"));

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeVerifier::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!test::awsClis().isEmpty(), "no AWS CLI found");
}

void TestFakeVerifier::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(test::dataDir() + QStringLiteral("/fake/jobs.json"));
    QVERIFY(loaded.ok());
    QVERIFY(m_fake->listen());
}

void TestFakeVerifier::cleanup()
{
    m_fake.reset();
}

void TestFakeVerifier::cliRows()
{
    QTest::addColumn<QString>("cli");
    for (const QString &cli : test::awsClis())
        QTest::newRow(qPrintable(cli)) << cli;
}

CliRun TestFakeVerifier::runCli(const QString &cli, const QString &secret, const QString &clientToken)
{
    QProcess process;
    process.setProcessEnvironment(test::referenceEnvironment(AccessKey, secret));
    process.start(cli,
                  {QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                   QStringLiteral("--job-id"), JobOne, QStringLiteral("--client-token"), clientToken,
                   QStringLiteral("--endpoint-url"), m_fake->url().toString(), QStringLiteral("--output"),
                   QStringLiteral("json")});
    process.closeWriteChannel();
    // Not waitForFinished(): that would block the loop the fake answers from.
    const bool finished = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000);
    CliRun run;
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestFakeVerifier::realCli_signedRequestAccepted()
{
    QFETCH(QString, cli);
    const CliRun run = runCli(cli, SecretKey);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject details =
        QJsonDocument::fromJson(run.out).object().value(QStringLiteral("jobDetails")).toObject();
    QCOMPARE(details.value(QStringLiteral("id")).toString(), JobOne);
    QCOMPARE(details.value(QStringLiteral("nonce")).toString(), QStringLiteral("17"));
    QCOMPARE(m_fake->requestCount(JobOne), 1);
    QVERIFY(m_fake->lastRequestHeader("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
}

void TestFakeVerifier::realCli_wrongSecretRejected()
{
    QFETCH(QString, cli);
    QString wrong = SecretKey;
    wrong[4] = wrong[4] == QLatin1Char('X') ? QLatin1Char('Y') : QLatin1Char('X');  // one character off
    QVERIFY(wrong != SecretKey);
    const CliRun run = runCli(cli, wrong);
    // v2 exits 254 for a service error, v1 255.
    QVERIFY2(run.exitCode == 254 || run.exitCode == 255,
             qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    QVERIFY2(run.err.contains("InvalidSignatureException"), run.err.constData());
    QVERIFY(run.err.contains("The request signature we calculated does not match the signature you provided."));
    QVERIFY(run.out.isEmpty());
}

void TestFakeVerifier::realCli_tamperedReplayRejected()
{
    QFETCH(QString, cli);
    const CliRun run = runCli(cli, SecretKey);
    QVERIFY2(run.exitCode == 0, run.err.constData());

    // The request exactly as the CLI sent it.
    QByteArray head = "POST / HTTP/1.1\r\n";
    for (const auto &[name, value] : m_fake->lastRequestHeaders())
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    const QByteArray body = m_fake->lastRequestBody();
    QVERIFY(body.contains("\"token-one\""));

    {
        test::RawHttpClient client;
        QVERIFY(client.connectTo(m_fake->port()));
        client.send(head + body);
        const auto r = client.next();
        QVERIFY(r);
        QCOMPARE(r->status, 200);  // the replay itself is fine: only the change below matters
    }

    QByteArray tampered = body;
    const qsizetype at = tampered.indexOf("token-one") + 8;
    tampered[at] = 'f';  // "token-onf": same length, still valid JSON
    test::RawHttpClient client;
    QVERIFY(client.connectTo(m_fake->port()));
    client.send(head + tampered);
    const auto r = client.next();
    QVERIFY(r);
    QCOMPARE(r->status, 400);
    const QJsonObject error = QJsonDocument::fromJson(r->body).object();
    QCOMPARE(error.value(QStringLiteral("__type")).toString(), QStringLiteral("InvalidSignatureException"));
    QVERIFY(error.value(QStringLiteral("message"))
                .toString()
                .startsWith(
                    QStringLiteral("The request signature we calculated does not match the signature you provided.")));
}

QTEST_GUILESS_MAIN(TestFakeVerifier)
#include "tst_fakeverifier.moc"
