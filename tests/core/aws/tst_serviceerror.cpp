// ServiceError: the code, message and request ID come out of every shape of
// JSON-protocol error answer, and the common codes are explained.

#include "core/aws/serviceerror.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;

using Headers = QList<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

class TestServiceError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void classifies();
};

void TestServiceError::parses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const Headers rid = {{"x-amzn-RequestId", "rid-1"}};
    QTest::newRow("plain type") << 400 << rid << QByteArray(R"({"__type":"JobNotFoundException","message":"gone"})")
                                << "JobNotFoundException"
                                << "gone";
    QTest::newRow("namespaced type")
        << 400 << rid << QByteArray(R"({"__type":"com.amazonaws.codepipeline#InvalidJobException","Message":"done"})")
        << "InvalidJobException"
        << "done";
    QTest::newRow("type with suffix")
        << 400 << rid << QByteArray(R"({"__type":"ValidationException:http://internal.amazon.com/","message":"bad"})")
        << "ValidationException"
        << "bad";
    QTest::newRow("header only") << 400
                                 << Headers{{"x-amzn-RequestId", "rid-1"},
                                            {"X-Amzn-ErrorType",
                                             "InvalidClientTokenException:http://internal.amazon.com/coral/"}}
                                 << QByteArray(R"({"message":"token"})") << "InvalidClientTokenException"
                                 << "token";
    QTest::newRow("body wins over header")
        << 400 << Headers{{"x-amzn-RequestId", "rid-1"}, {"x-amzn-ErrorType", "Other"}}
        << QByteArray(R"({"__type":"ThrottlingException","message":"Rate exceeded"})") << "ThrottlingException"
        << "Rate exceeded";
    QTest::newRow("status only") << 503 << rid << QByteArray() << "503"
                                 << "";
    QTest::newRow("html") << 502 << rid << QByteArray("<html><body>Bad Gateway</body></html>") << "502"
                          << "The server answered HTTP 502 with an HTML page instead of a service error.";
    QTest::newRow("query xml")
        << 403 << Headers{}
        << QByteArray("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                      "<Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>rid-1</RequestId>"
                      "</ErrorResponse>")
        << "AccessDenied"
        << "not allowed";
    QTest::newRow("query xml throttling")
        << 400 << rid
        << QByteArray(
               "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")
        << "Throttling"
        << "Rate exceeded";
    QTest::newRow("text") << 500 << rid << QByteArray("internal failure") << "500"
                          << "internal failure";
}

void TestServiceError::parses()
{
    QFETCH(int, status);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Error e = ServiceError::parse(status, headers, body);
    QCOMPARE(e.kind, Error::Kind::Service);
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
    QCOMPARE(e.requestId, QStringLiteral("rid-1"));
    QCOMPARE(e.httpStatus, status);
}

void TestServiceError::classifies()
{
    QVERIFY(ServiceError::isThrottling(QStringLiteral("ThrottlingException")));
    QVERIFY(ServiceError::isThrottling(QStringLiteral("TooManyRequestsException")));
    QVERIFY(!ServiceError::isThrottling(QStringLiteral("JobNotFoundException")));
    QVERIFY(ServiceError::isTransient(QString(), 503));
    QVERIFY(ServiceError::isTransient(QStringLiteral("RequestTimeout"), 400));
    QVERIFY(!ServiceError::isTransient(QStringLiteral("ValidationException"), 400));
    QVERIFY(!ServiceError::isTransient(QString(), 501));
    QVERIFY(ServiceError::isClockSkew(QStringLiteral("InvalidSignatureException")));
    // The partner token and the AWS keys are different problems, and say so.
    Error token;
    token.code = QStringLiteral("InvalidClientTokenException");
    Error keys;
    keys.code = QStringLiteral("UnrecognizedClientException");
    QVERIFY(ServiceError::explain(token).contains(QStringLiteral("client token")));
    QVERIFY(ServiceError::explain(keys).contains(QStringLiteral("access key")));
}

QTEST_GUILESS_MAIN(TestServiceError)
#include "tst_serviceerror.moc"
