// AwsClient (through OperationCall) against network faults on a real loopback
// socket: refused, reset mid-body, never answered, answered too slowly, a cut
// chunked body, a captive portal's page, a huge answer, a clock far off, a host
// that does not resolve; and keep-alive reuse after an error. Every fault must
// end, with a message naming what happened and a hint saying what to check.

#include "core/aws/awsclient.h"
#include "core/codepipeline/operationcall.h"
#include "fake/fakecodepipeline.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLENETFAULT1");
const QString kSecret = QStringLiteral("netFaultSecretKey/K7MDENG+bPxRfiCYEXAMPLE");
const QString kJob = QStringLiteral("6a1c9e20-4b7d-4f3a-8c2e-1d0f9b8a7c65");
const QString kToken = QStringLiteral("client-token-net-faults-0001");
const QString kBadHost = QStringLiteral("https://jobdesk-fault-test.invalid");

constexpr qint64 kTenYears = qint64(10) * 365 * 24 * 3600;

// How a row breaks the exchange.
enum class Setup {
    Refused,
    ResetMidBody,
    NoAnswer,
    SlowerThanReadTimeout,
    TruncatedChunkedBody,
    CaptivePortal,
    HugeBody,
    ClockRefused,
    UnknownHost,
};

}  // namespace

Q_DECLARE_METATYPE(Setup)

class TestNetworkFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void faultEndsWithClearError_data();
    void faultEndsWithClearError();
    void connectionReusedAfterErrorAnswer_data();
    void connectionReusedAfterErrorAnswer();
    void newConnectionAfterBrokenAnswer_data();
    void newConnectionAfterBrokenAnswer();
    void serverClockFarOffIsCorrected_data();
    void serverClockFarOffIsCorrected();
    void futureDateAloneChangesNothing();

private:
    Result<OperationResult> run(const aws::ClientConfig &config);
    aws::ClientConfig config() const;

    fake::FakeCodePipeline *m_fake = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    aws::AwsClient *m_client = nullptr;
    std::optional<FixedClock> m_serverClock;
};

void TestNetworkFaults::initTestCase()
{
    m_network = new QNetworkAccessManager(this);
}

void TestNetworkFaults::init()
{
    // A fresh network manager per test, so connection counts start from nothing.
    m_network->clearConnectionCache();
    m_fake = new fake::FakeCodePipeline(this);
    m_client = new aws::AwsClient(m_network, this);
    m_fake->addCredentials(kKeyId, Secret(kSecret));
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientToken = kToken;
    job.nonce = QStringLiteral("3");
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"),
                        QStringLiteral("1")};
    QVERIFY(m_fake->addJob(job).ok());
    QVERIFY(m_fake->listen());
}

void TestNetworkFaults::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_fake;
    m_fake = nullptr;
    m_serverClock.reset();
}

aws::ClientConfig TestNetworkFaults::config() const
{
    aws::ClientConfig c;
    c.endpoint = aws::Endpoint{m_fake->url(), QStringLiteral("us-east-1"), true};
    c.credentials.accessKeyId = kKeyId;
    c.credentials.secretAccessKey = Secret(kSecret);
    c.connectTimeoutMs = 10000;
    c.readTimeoutMs = 10000;
    c.retry.maxAttempts = 1;
    c.jitter = [] { return 0.0; };
    return c;
}

Result<OperationResult> TestNetworkFaults::run(const aws::ClientConfig &config)
{
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const Json params{{"jobId", kJob.toStdString()}, {"clientToken", kToken.toStdString()}};
    OperationCall *call = OperationCall::start(m_client, config, *op, params);
    std::optional<Result<OperationResult>> result;
    connect(call, &OperationCall::finished, this, [&result, call] { result = call->result(); });
    // Generous: only "it finished" is asserted, never how fast.
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000)) {
        call->cancel();
        return Error::make(Error::Kind::Protocol, QStringLiteral("TestHang"), QStringLiteral("no end in 60 s"));
    }
    return *result;
}

void TestNetworkFaults::faultEndsWithClearError_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("inMessage");  // each must appear, case-insensitive
    QTest::addColumn<QStringList>("inHint");

    const auto words = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *w : list)
            out << QString::fromUtf8(w);
        return out;
    };
    QTest::newRow("connection refused") << Setup::Refused << int(Error::Kind::Network)
                                        << QStringLiteral("ConnectionRefused")
                                        << words({"connection refused", "127.0.0.1"})
                                        << words({"endpoint URL", "port"});
    QTest::newRow("reset mid-body") << Setup::ResetMidBody << int(Error::Kind::Network)
                                    << QStringLiteral("ConnectionClosed") << words({"cut short", "reset"})
                                    << words({"proxy", "try again"});
    QTest::newRow("accepts, never answers")
        << Setup::NoAnswer << int(Error::Kind::Timeout) << QStringLiteral("ReadTimeout")
        << words({"read timeout", "127.0.0.1"}) << words({"did not answer in time", "read timeout"});
    QTest::newRow("answer slower than the read timeout")
        << Setup::SlowerThanReadTimeout << int(Error::Kind::Timeout) << QStringLiteral("ReadTimeout")
        << words({"read timeout"}) << words({"read timeout"});
    QTest::newRow("chunked body cut short")
        << Setup::TruncatedChunkedBody << int(Error::Kind::Network) << QStringLiteral("ConnectionClosed")
        << words({"cut short", "closed"}) << words({"proxy", "try again"});
    QTest::newRow("captive portal page with 200")
        << Setup::CaptivePortal << int(Error::Kind::Protocol) << QStringLiteral("HtmlAnswer")
        << words({"web page", "HTML", "Guest Wi-Fi - Sign in"}) << words({"captive portal", "sign in", "proxy"});
    QTest::newRow("200 over the size cap")
        << Setup::HugeBody << int(Error::Kind::Protocol) << QStringLiteral("ResponseTooLarge")
        << words({"larger than", "not read"}) << words({"endpoint URL", "proxy"});
    QTest::newRow("clock far off, Date gives no correction")
        << Setup::ClockRefused << int(Error::Kind::Service) << QStringLiteral("InvalidSignatureException")
        << words({"clock differs", "Signature"}) << words({"date, time and time zone", "Date header"});
    QTest::newRow("host name not found") << Setup::UnknownHost << int(Error::Kind::Network)
                                         << QStringLiteral("HostNotFound")
                                         << words({"jobdesk-fault-test.invalid", "could not be found"})
                                         << words({"endpoint URL", "region", "DNS"});
}

void TestNetworkFaults::faultEndsWithClearError()
{
    QFETCH(Setup, setup);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QStringList, inMessage);
    QFETCH(QStringList, inHint);

    aws::ClientConfig c = config();
    fake::FakeScript script;
    switch (setup) {
    case Setup::Refused: {
        const quint16 port = m_fake->port();
        m_fake->close();
        c.endpoint.url.setPort(port);
        break;
    }
    case Setup::ResetMidBody: script.fault = fake::FakeScript::Fault::ResetMidBody; break;
    case Setup::NoAnswer:
        script.fault = fake::FakeScript::Fault::NoAnswer;
        c.readTimeoutMs = 300;
        break;
    case Setup::SlowerThanReadTimeout:
        script.delayMs = 3000;
        c.readTimeoutMs = 300;
        break;
    case Setup::TruncatedChunkedBody: script.fault = fake::FakeScript::Fault::TruncatedChunkedBody; break;
    case Setup::CaptivePortal: script.fault = fake::FakeScript::Fault::CaptivePortalHtml; break;
    case Setup::HugeBody:
        script.fault = fake::FakeScript::Fault::HugeBody;
        script.hugeBodyBytes = qint64(3) * 1024 * 1024;
        c.maxResponseBytes = qint64(1) * 1024 * 1024;
        break;
    case Setup::ClockRefused:
        // The server's clock is ten years ahead but its Date header says now (as a proxy
        // that rewrites it would): the client has nothing to correct by.
        m_serverClock.emplace(QDateTime::currentDateTimeUtc().addSecs(kTenYears));
        m_fake->setClock(*m_serverClock);
        script.dateOffsetSeconds = -kTenYears;
        break;
    case Setup::UnknownHost: c.endpoint.url = QUrl(kBadHost); break;
    }
    if (!script.isEmpty())
        QVERIFY(m_fake->setScript(kJob, script));

    const auto result = run(c);
    QVERIFY2(!result.ok(), "the fault went unnoticed");
    const Error &e = result.error();
    QVERIFY2(e.code != QLatin1String("TestHang"), "the call did not end");
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.code, code);
    for (const QString &word : std::as_const(inMessage))
        QVERIFY2(e.message.contains(word, Qt::CaseInsensitive),
                 qPrintable(word + QStringLiteral(" not in: ") + e.message));
    for (const QString &word : std::as_const(inHint))
        QVERIFY2(e.hint.contains(word, Qt::CaseInsensitive), qPrintable(word + QStringLiteral(" not in: ") + e.hint));
    for (const QString &secret : {kToken, kSecret}) {
        QVERIFY(!e.message.contains(secret));
        QVERIFY(!e.hint.contains(secret));
    }
    QCOMPARE(e.attempts, 1);
}

void TestNetworkFaults::connectionReusedAfterErrorAnswer_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("400 service error") << 400;
    QTest::newRow("500 server error") << 500;
}

void TestNetworkFaults::connectionReusedAfterErrorAnswer()
{
    QFETCH(int, status);
    fake::FakeScript script;
    if (status == 400)
        script.error = fake::FakeScript::ForcedError{QStringLiteral("ValidationException"),
                                                     QStringLiteral("1 validation error detected"), 400, 1};
    else
        script.serverErrors = {status};
    QVERIFY(m_fake->setScript(kJob, script));

    const auto failed = run(config());
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, Error::Kind::Service);
    QCOMPARE(failed.error().httpStatus, status);

    const auto next = run(config());
    QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().summary()));
    QCOMPARE(m_fake->requestCount(), 2);
    QCOMPARE(m_fake->connectionCount(), 1);  // the error answer left the connection usable
}

void TestNetworkFaults::newConnectionAfterBrokenAnswer_data()
{
    QTest::addColumn<int>("fault");
    QTest::newRow("reset mid-body") << int(fake::FakeScript::Fault::ResetMidBody);
    QTest::newRow("chunked body cut short") << int(fake::FakeScript::Fault::TruncatedChunkedBody);
    QTest::newRow("Content-Length body cut short") << int(fake::FakeScript::Fault::TruncatedBody);
    QTest::newRow("never answered") << int(fake::FakeScript::Fault::NoAnswer);
}

void TestNetworkFaults::newConnectionAfterBrokenAnswer()
{
    QFETCH(int, fault);
    fake::FakeScript script;
    script.fault = fake::FakeScript::Fault(fault);
    script.faultCount = 1;
    QVERIFY(m_fake->setScript(kJob, script));
    aws::ClientConfig c = config();
    c.readTimeoutMs = 300;

    QVERIFY(!run(c).ok());
    const auto next = run(c);
    QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().summary()));
    QCOMPARE(m_fake->requestCount(), 2);
    QCOMPARE(m_fake->connectionCount(), 2);  // the broken connection was not used again
}

void TestNetworkFaults::serverClockFarOffIsCorrected_data()
{
    QTest::addColumn<qint64>("offsetSeconds");
    QTest::newRow("ten years ahead") << kTenYears;
    QTest::newRow("three days behind") << qint64(-3) * 24 * 3600;
}

void TestNetworkFaults::serverClockFarOffIsCorrected()
{
    QFETCH(qint64, offsetSeconds);
    m_serverClock.emplace(QDateTime::currentDateTimeUtc().addSecs(offsetSeconds));
    m_fake->setClock(*m_serverClock);
    const auto result = run(config());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    QVERIFY(qAbs(m_client->clockOffsetMs() - offsetSeconds * 1000) < 60 * 1000);
    QCOMPARE(m_fake->requestCount(), 2);  // refused once, then signed with the server's time
    QCOMPARE(result.value().attempts, 1);
}

void TestNetworkFaults::futureDateAloneChangesNothing()
{
    // A Date header far ahead on an accepted request is no reason to re-sign later ones.
    fake::FakeScript script;
    script.dateOffsetSeconds = kTenYears;
    QVERIFY(m_fake->setScript(kJob, script));
    const auto result = run(config());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    QCOMPARE(m_client->clockOffsetMs(), qint64(0));
    QCOMPARE(m_fake->requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestNetworkFaults)
#include "tst_networkfaults.moc"
