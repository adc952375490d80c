// OperationCall and AwsClient against the fake CodePipeline endpoint on a real
// loopback socket: every modelled error, retries, timeouts, cancel, broken
// answers, the size cap and clock-skew correction.

#include "core/aws/awsclient.h"
#include "core/codepipeline/operationcall.h"
#include "fake/fakecodepipeline.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <array>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLEOPCALL001");
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY=");
const QString kJob = QStringLiteral("0f5e2d4a-1c3b-4e8f-9a7d-6b5c4d3e2f1a");
const QString kToken = QStringLiteral("client-token-for-tests");

// A loopback listener whose accept queue is full, so new connections hang in SYN.
class BlackholeListener
{
public:
    BlackholeListener()
    {
        // Backlog 0 and nothing ever accepted: the kernel queues one connection, then
        // drops further SYNs, which a client resends until its own timeout.
        m_server.setListenBacklogSize(0);
        m_server.listen(QHostAddress::LocalHost);
        m_server.pauseAccepting();
        for (auto &filler : m_fillers)
            filler.connectToHost(QHostAddress::LocalHost, m_server.serverPort());
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    std::array<QTcpSocket, 4> m_fillers;
};

}  // namespace

class TestOperationCall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void fetchesJobDetails();
    void serviceErrors_data();
    void serviceErrors();
    void throttlingThenSuccess();
    void throttlingUntilAttemptsRunOut();
    void serverErrorsThenSuccess_data();
    void serverErrorsThenSuccess();
    void legacyModeAllowsFiveAttempts();
    void readTimeout();
    void connectTimeout();
    void connectionRefused();
    void cancelMidRequest();
    void truncatedBody();
    void malformedBody();
    void responseSizeCap();
    void clockSkewIsCorrected();
    void validationStopsBeforeSending();

private:
    Result<OperationResult> run(const Json &params, const aws::ClientConfig &config,
                                const char *operation = "GetThirdPartyJobDetails", int cancelAfterMs = -1);
    aws::ClientConfig config() const;
    Json getParams(const QString &job = kJob, const QString &token = kToken) const
    {
        return Json{{"jobId", job.toStdString()}, {"clientToken", token.toStdString()}};
    }

    fake::FakeCodePipeline *m_fake = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    aws::AwsClient *m_client = nullptr;
};

void TestOperationCall::initTestCase()
{
    m_network = new QNetworkAccessManager(this);
}

void TestOperationCall::init()
{
    delete m_fake;
    delete m_client;
    m_fake = new fake::FakeCodePipeline(this);
    m_client = new aws::AwsClient(m_network, this);
    m_fake->addCredentials(kKeyId, Secret(kSecret));
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientId = QStringLiteral("5b8f1a2c-3d4e-4f60-8a9b-0c1d2e3f4a5b");
    job.clientToken = kToken;
    job.nonce = QStringLiteral("7");
    job.details = QByteArrayLiteral(
        R"({"id":"0f5e2d4a-1c3b-4e8f-9a7d-6b5c4d3e2f1a","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"},"actionConfiguration":{"configuration":{"Zeta":"z","Alpha":"a"}},"continuationToken":"cont"},"nonce":"7"})");
    QVERIFY(m_fake->addJob(job).ok());
    QVERIFY(m_fake->listen());
}

aws::ClientConfig TestOperationCall::config() const
{
    aws::ClientConfig c;
    c.endpoint = aws::Endpoint{m_fake->url(), QStringLiteral("us-east-1"), true};
    c.credentials.accessKeyId = kKeyId;
    c.credentials.secretAccessKey = Secret(kSecret);
    c.jitter = [] { return 0.0; };  // retry at once; the backoff formula has its own test
    return c;
}

Result<OperationResult> TestOperationCall::run(const Json &params, const aws::ClientConfig &config,
                                               const char *operation, int cancelAfterMs)
{
    const Operation *op = ServiceModel::codePipeline().operation(operation);
    OperationCall *call = OperationCall::start(m_client, config, *op, params);
    std::optional<Result<OperationResult>> result;
    connect(call, &OperationCall::finished, this, [&result, call] { result = call->result(); });
    if (cancelAfterMs >= 0)
        QTimer::singleShot(cancelAfterMs, call, &OperationCall::cancel);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return Error::make(Error::Kind::Protocol, QStringLiteral("TestHang"), QStringLiteral("no answer in 30 s"));
    return *result;
}

void TestOperationCall::fetchesJobDetails()
{
    auto result = run(getParams(), config());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    const Json &data = result.value().response.data;
    QCOMPARE(data["jobDetails"]["id"].get<std::string>(), kJob.toStdString());
    // The configuration map keeps the server's order.
    QCOMPARE(data["jobDetails"]["data"]["actionConfiguration"]["configuration"].begin().key(), std::string("Zeta"));
    QVERIFY(!result.value().requestId.isEmpty());
    QCOMPARE(result.value().attempts, 1);
    QCOMPARE(m_fake->lastRequestHeader("X-Amz-Target"), QByteArray("CodePipeline_20150709.GetThirdPartyJobDetails"));
    QCOMPARE(m_fake->lastRequestHeader("Content-Type"), QByteArray("application/x-amz-json-1.1"));
    QVERIFY(m_fake->lastRequestHeader("Authorization")
                .startsWith(QByteArray(QByteArray("AWS4-HMAC-SHA256 Credential=") + kKeyId.toLatin1())));
}

void TestOperationCall::serviceErrors_data()
{
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("forced");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("code");

    QTest::newRow("JobNotFound") << QStringLiteral("00000000-0000-0000-0000-000000000000") << kToken << QString()
                                 << kKeyId << QStringLiteral("JobNotFoundException");
    QTest::newRow("InvalidClientToken") << kJob << QStringLiteral("wrong-token") << QString() << kKeyId
                                        << QStringLiteral("InvalidClientTokenException");
    QTest::newRow("InvalidJob") << kJob << kToken << QStringLiteral("finish") << kKeyId
                                << QStringLiteral("InvalidJobException");
    QTest::newRow("Validation") << kJob << kToken << QStringLiteral("ValidationException") << kKeyId
                                << QStringLiteral("ValidationException");
    QTest::newRow("UnrecognizedClient") << kJob << kToken << QString() << QStringLiteral("AKIDUNKNOWN000000000")
                                        << QStringLiteral("UnrecognizedClientException");
}

void TestOperationCall::serviceErrors()
{
    QFETCH(QString, jobId);
    QFETCH(QString, token);
    QFETCH(QString, forced);
    QFETCH(QString, keyId);
    QFETCH(QString, code);
    if (forced == QLatin1String("finish")) {
        QVERIFY(m_fake->setJobState(kJob, fake::FakeJob::State::Succeeded));
    } else if (!forced.isEmpty()) {
        fake::FakeScript script;
        script.error = fake::FakeScript::ForcedError{forced, QStringLiteral("1 validation error detected"), 400, -1};
        QVERIFY(m_fake->setScript(kJob, script));
    }
    aws::ClientConfig c = config();
    c.credentials.accessKeyId = keyId;
    auto result = run(getParams(jobId, token), c);
    QVERIFY(!result.ok());
    const Error &e = result.error();
    QCOMPARE(e.kind, Error::Kind::Service);
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, 400);
    QVERIFY(!e.message.isEmpty());
    QVERIFY2(!e.requestId.isEmpty(), "the request ID travels with every error");
    QVERIFY2(!e.hint.isEmpty(), "every modelled error is explained");
    QCOMPARE(e.attempts, 1);  // a 4xx other than throttling is never retried
    QCOMPARE(m_fake->requestCount(), 1);
}

void TestOperationCall::throttlingThenSuccess()
{
    fake::FakeScript script;
    script.throttleCount = 2;
    QVERIFY(m_fake->setScript(kJob, script));
    auto result = run(getParams(), config());
    QVERIFY(result.ok());
    QCOMPARE(result.value().attempts, 3);
    QCOMPARE(m_fake->requestCount(), 3);
}

void TestOperationCall::throttlingUntilAttemptsRunOut()
{
    fake::FakeScript script;
    script.throttleCount = 10;
    QVERIFY(m_fake->setScript(kJob, script));
    auto result = run(getParams(), config());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("ThrottlingException"));
    QVERIFY(result.error().retriesExhausted);
    QCOMPARE(result.error().attempts, 3);
    QCOMPARE(m_fake->requestCount(), 3);
}

void TestOperationCall::serverErrorsThenSuccess_data()
{
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("html");
    QTest::newRow("500,503 json") << QList<int>{500, 503} << false;
    QTest::newRow("502,504 html") << QList<int>{502, 504} << true;
}

void TestOperationCall::serverErrorsThenSuccess()
{
    QFETCH(QList<int>, statuses);
    QFETCH(bool, html);
    fake::FakeScript script;
    script.serverErrors = statuses;
    script.serverErrorBody = html ? fake::FakeScript::ServerErrorBody::Html : fake::FakeScript::ServerErrorBody::Json;
    QVERIFY(m_fake->setScript(kJob, script));
    auto result = run(getParams(), config());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    QCOMPARE(result.value().attempts, 3);
}

void TestOperationCall::legacyModeAllowsFiveAttempts()
{
    fake::FakeScript script;
    script.serverErrors = {500, 500, 500, 500};
    QVERIFY(m_fake->setScript(kJob, script));
    aws::ClientConfig c = config();
    c.retry = aws::RetryPolicy::legacy();
    auto result = run(getParams(), c);
    QVERIFY(result.ok());
    QCOMPARE(result.value().attempts, 5);
}

void TestOperationCall::readTimeout()
{
    fake::FakeScript script;
    script.fault = fake::FakeScript::Fault::NoAnswer;
    QVERIFY(m_fake->setScript(kJob, script));
    aws::ClientConfig c = config();
    c.readTimeoutMs = 300;
    c.retry.maxAttempts = 2;
    auto result = run(getParams(), c);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Timeout);
    QCOMPARE(result.error().code, QStringLiteral("ReadTimeout"));
    QVERIFY(result.error().message.contains(m_fake->url().toString()));
    QCOMPARE(result.error().attempts, 2);  // timeouts are transient: retried
}

void TestOperationCall::connectTimeout()
{
    BlackholeListener blackhole;
    aws::ClientConfig c = config();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(blackhole.port());
    url.setPath(QStringLiteral("/"));
    c.endpoint.url = url;
    c.connectTimeoutMs = 300;
    c.retry.maxAttempts = 1;
    auto result = run(getParams(), c);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Timeout);
    QCOMPARE(result.error().code, QStringLiteral("ConnectTimeout"));
}

void TestOperationCall::connectionRefused()
{
    aws::ClientConfig c = config();
    const quint16 port = m_fake->port();
    m_fake->close();
    c.endpoint.url.setPort(port);
    auto result = run(getParams(), c);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Network);
    QCOMPARE(result.error().code, QStringLiteral("ConnectionRefused"));
    QCOMPARE(result.error().attempts, 3);  // connection errors are retried
}

void TestOperationCall::cancelMidRequest()
{
    fake::FakeScript script;
    script.delayMs = 10000;
    QVERIFY(m_fake->setScript(kJob, script));
    QElapsedTimer timer;
    timer.start();
    auto result = run(getParams(), config(), "GetThirdPartyJobDetails", 200);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Cancelled);
    QVERIFY(timer.elapsed() < 9000);  // the call ended on cancel, not when the server answered
}

void TestOperationCall::truncatedBody()
{
    fake::FakeScript script;
    script.fault = fake::FakeScript::Fault::TruncatedBody;
    QVERIFY(m_fake->setScript(kJob, script));
    auto result = run(getParams(), config());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Network);
    QCOMPARE(result.error().code, QStringLiteral("ConnectionClosed"));
}

void TestOperationCall::malformedBody()
{
    fake::FakeScript script;
    script.fault = fake::FakeScript::Fault::MalformedBody;
    QVERIFY(m_fake->setScript(kJob, script));
    auto result = run(getParams(), config());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Protocol);
    QCOMPARE(result.error().code, QStringLiteral("MalformedResponse"));
    QVERIFY(!result.error().requestId.isEmpty());
}

void TestOperationCall::responseSizeCap()
{
    aws::ClientConfig c = config();
    c.maxResponseBytes = 64;
    auto result = run(getParams(), c);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("ResponseTooLarge"));
}

void TestOperationCall::clockSkewIsCorrected()
{
    FixedClock serverClock(QDateTime::currentDateTimeUtc().addSecs(3600));
    m_fake->setClock(serverClock);
    auto result = run(getParams(), config());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    QVERIFY(qAbs(m_client->clockOffsetMs() - 3600 * 1000) < 10 * 1000);
    QCOMPARE(m_fake->requestCount(), 2);
    // The learned offset is kept: the next call is signed right the first time.
    m_fake->resetCounters();
    QVERIFY(run(getParams(), config()).ok());
    QCOMPARE(m_fake->requestCount(), 1);
}

void TestOperationCall::validationStopsBeforeSending()
{
    auto result = run(getParams(QString(), kToken), config());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Validation);
    QCOMPARE(result.error().field, QStringLiteral("jobId"));
    QCOMPARE(m_fake->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestOperationCall)
#include "tst_operationcall.moc"
