// RetryPolicy against the AWS SDKs' rules as botocore states them: standard mode
// (botocore/retries/standard.py: transient and throttling checkers, 3 attempts,
// rand * min(2^(n-1), 20) s) and legacy mode (botocore/data/_retry.json __default__:
// 5 attempts, listed statuses and throttling codes at HTTP 400, rand * 2^(n-1) s).

#include "core/aws/retrypolicy.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;

namespace {

Error serviceError(int status, const QString &code)
{
    Error e = Error::make(Error::Kind::Service, code, QStringLiteral("message"));
    e.httpStatus = status;
    return e;
}

}  // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void serviceErrors_data();
    void serviceErrors();
    void transportErrors_data();
    void transportErrors();
    void attemptsRunOut();
    void standardDelay_data();
    void standardDelay();
    void legacyDelay_data();
    void legacyDelay();
    void delayIsRandomWithinBounds();
};

void TestRetryPolicy::defaults()
{
    // standard.py DEFAULT_MAX_ATTEMPTS; _retry.json max_attempts.
    QCOMPARE(RetryPolicy::standard().maxAttempts, 3);
    QCOMPARE(RetryPolicy::standard().mode, RetryMode::Standard);
    QCOMPARE(RetryPolicy::legacy().maxAttempts, 5);
    QCOMPARE(RetryPolicy::legacy().mode, RetryMode::Legacy);
    QCOMPARE(RetryPolicy().mode, RetryMode::Standard);
    QCOMPARE(RetryPolicy().maxAttempts, 3);
}

void TestRetryPolicy::serviceErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("standard");
    QTest::addColumn<bool>("legacy");

    // TransientRetryableChecker: status codes, whatever the error code.
    for (int status : {500, 502, 503, 504}) {
        QTest::addRow("HTTP %d", status) << status << QString::number(status) << true << true;
        QTest::addRow("HTTP %d InternalFailure", status) << status << QStringLiteral("InternalFailure") << true << true;
    }
    // Only legacy lists these statuses (too_many_requests, limit_exceeded).
    QTest::newRow("HTTP 429") << 429 << QStringLiteral("429") << false << true;
    QTest::newRow("HTTP 509") << 509 << QStringLiteral("509") << false << true;
    QTest::newRow("HTTP 501") << 501 << QStringLiteral("501") << false << false;
    QTest::newRow("HTTP 505") << 505 << QStringLiteral("505") << false << false;

    // TransientRetryableChecker's error codes: standard only.
    for (const char *code : {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"})
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << true << false;

    // Throttling codes that both modes retry at HTTP 400.
    for (const char *code : {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                             "ProvisionedThroughputExceededException"}) {
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << true << true;
        // Legacy ties them to HTTP 400; standard looks at the code alone.
        QTest::addRow("403 %s", code) << 403 << QString::fromLatin1(code) << true << false;
    }
    // ThrottledRetryableChecker's other codes: standard only.
    for (const char *code : {"TooManyRequestsException", "TransactionInProgressException", "RequestLimitExceeded",
                             "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
                             "EC2ThrottledException"}) {
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << true << false;
    }
    // A 429 is throttling to legacy whatever its code; to standard only by its code.
    QTest::newRow("429 TooManyRequestsException") << 429 << QStringLiteral("TooManyRequestsException") << true << true;

    // The caller's mistakes are never retried.
    for (const char *code : {"JobNotFoundException", "InvalidJobException", "ValidationException",
                             "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException"}) {
        QTest::addRow("400 %s", code) << 400 << QString::fromLatin1(code) << false << false;
    }
    QTest::newRow("HTTP 404") << 404 << QStringLiteral("404") << false << false;
}

void TestRetryPolicy::serviceErrors()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, standard);
    QFETCH(bool, legacy);
    const Error e = serviceError(status, code);
    QCOMPARE(RetryPolicy::standard().isRetryable(e), standard);
    QCOMPARE(RetryPolicy::legacy().isRetryable(e), legacy);
    QCOMPARE(RetryPolicy::standard().shouldRetry(1, e), standard);
    QCOMPARE(RetryPolicy::legacy().shouldRetry(1, e), legacy);
}

void TestRetryPolicy::transportErrors_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<bool>("retried");

    // No answer, or only part of one: ConnectionError / HTTPClientError in standard mode,
    // GENERAL_CONNECTION_ERROR (ConnectionError, ConnectionClosedError, ReadTimeoutError,
    // EndpointConnectionError) in legacy mode.
    QTest::newRow("connection refused") << Error::make(Error::Kind::Network, QStringLiteral("ConnectionRefused"), {})
                                        << true;
    QTest::newRow("connection closed") << Error::make(Error::Kind::Network, QStringLiteral("ConnectionClosed"), {})
                                       << true;
    QTest::newRow("host not found") << Error::make(Error::Kind::Network, QStringLiteral("HostNotFound"), {}) << true;
    QTest::newRow("proxy") << Error::make(Error::Kind::Network, QStringLiteral("ProxyError"), {}) << true;
    QTest::newRow("connect timeout") << Error::make(Error::Kind::Timeout, QStringLiteral("ConnectTimeout"), {}) << true;
    QTest::newRow("read timeout") << Error::make(Error::Kind::Timeout, QStringLiteral("ReadTimeout"), {}) << true;
    Error cut = Error::make(Error::Kind::Network, QStringLiteral("ConnectionClosed"), {});
    cut.httpStatus = 200;  // the headers came, the body did not
    QTest::newRow("body cut short") << cut << true;

    // JobDesk's own choice: a certificate problem does not go away by waiting.
    QTest::newRow("tls") << Error::make(Error::Kind::Tls, QStringLiteral("TlsError"), {}) << false;
    // Nothing was wrong on the wire.
    QTest::newRow("cancelled") << Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), {}) << false;
    QTest::newRow("too large") << Error::make(Error::Kind::Protocol, QStringLiteral("ResponseTooLarge"), {}) << false;
    QTest::newRow("html") << Error::make(Error::Kind::Protocol, QStringLiteral("HtmlAnswer"), {}) << false;
    QTest::newRow("validation") << Error::validation(QStringLiteral("JobId"), QStringLiteral("bad")) << false;
}

void TestRetryPolicy::transportErrors()
{
    QFETCH(Error, error);
    QFETCH(bool, retried);
    QCOMPARE(RetryPolicy::standard().isRetryable(error), retried);
    QCOMPARE(RetryPolicy::legacy().isRetryable(error), retried);
}

void TestRetryPolicy::attemptsRunOut()
{
    // standard.py MaxAttemptsChecker: attempt_number < max_attempts.
    const Error e = serviceError(503, QStringLiteral("ServiceUnavailable"));
    const RetryPolicy standard = RetryPolicy::standard();
    QVERIFY(standard.shouldRetry(1, e));
    QVERIFY(standard.shouldRetry(2, e));
    QVERIFY(!standard.shouldRetry(3, e));
    const RetryPolicy legacy = RetryPolicy::legacy();
    for (int attempt = 1; attempt < 5; ++attempt)
        QVERIFY(legacy.shouldRetry(attempt, e));
    QVERIFY(!legacy.shouldRetry(5, e));

    RetryPolicy once = RetryPolicy::standard();
    once.maxAttempts = 1;  // AWS_MAX_ATTEMPTS=1: no retry at all
    QVERIFY(!once.shouldRetry(1, e));
    RetryPolicy many = RetryPolicy::standard();
    many.maxAttempts = 10;
    QVERIFY(many.shouldRetry(9, e));
    QVERIFY(!many.shouldRetry(10, e));
}

void TestRetryPolicy::standardDelay_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<double>("seconds");

    // t_i = rand * min(2^(attempt-1), 20)
    QTest::newRow("first, rand 1") << 1 << 1.0 << 1.0;
    QTest::newRow("first, rand 0.5") << 1 << 0.5 << 0.5;
    QTest::newRow("second") << 2 << 0.5 << 1.0;
    QTest::newRow("third") << 3 << 0.25 << 1.0;
    QTest::newRow("fifth") << 5 << 1.0 << 16.0;
    QTest::newRow("sixth, capped") << 6 << 1.0 << 20.0;
    QTest::newRow("tenth, capped") << 10 << 0.5 << 10.0;
    QTest::newRow("rand 0") << 4 << 0.0 << 0.0;
}

void TestRetryPolicy::standardDelay()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(double, seconds);
    QCOMPARE(RetryPolicy::standard().delayFor(attempt, [random] { return random; }), seconds);
}

void TestRetryPolicy::legacyDelay_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<double>("seconds");

    // retryhandler.delay_exponential with base 'rand', growth_factor 2: rand * 2^(attempts-1),
    // no cap (the 5 attempts bound it to 8 s).
    QTest::newRow("first") << 1 << 1.0 << 1.0;
    QTest::newRow("second") << 2 << 0.5 << 1.0;
    QTest::newRow("fourth") << 4 << 1.0 << 8.0;
    QTest::newRow("sixth, not capped") << 6 << 1.0 << 32.0;
    QTest::newRow("rand 0") << 3 << 0.0 << 0.0;
}

void TestRetryPolicy::legacyDelay()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(double, seconds);
    QCOMPARE(RetryPolicy::legacy().delayFor(attempt, [random] { return random; }), seconds);
}

void TestRetryPolicy::delayIsRandomWithinBounds()
{
    // Without a source, full jitter: somewhere in [0, cap).
    for (int i = 0; i < 100; ++i) {
        const double seconds = RetryPolicy::standard().delayFor(8);
        QVERIFY(seconds >= 0.0);
        QVERIFY(seconds < 20.0);
    }
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
