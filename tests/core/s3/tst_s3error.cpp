// S3Error: S3's XML error documents read safely (bounded, no DTD or entities, malformed
// XML named as such), bodiless HEAD answers, the bucket's region, and hints for the codes
// a person meets with a job's artifacts.

#include "core/s3/s3error.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::s3;

Q_DECLARE_METATYPE(jobdesk::aws::HeaderList)

namespace {

QByteArray document(const QByteArray &code, const QByteArray &extra = {})
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>The message</Message>"
        + extra + "<RequestId>4442587FB7D0A2F9</RequestId><HostId>host/id+=</HostId></Error>";
}

}  // namespace

class TestS3Error : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void explainsCodes_data();
    void explainsCodes();
    void readsFields();
    void bodilessAnswers_data();
    void bodilessAnswers();
    void refusesBadDocuments_data();
    void refusesBadDocuments();
    void namesBucketRegion_data();
    void namesBucketRegion();
};

void TestS3Error::explainsCodes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("AccessDenied") << 403 << QByteArray("AccessDenied") << "may not do this";
    QTest::newRow("ExpiredToken") << 400 << QByteArray("ExpiredToken")
                                  << "the job's artifact credentials have expired; fetch the job again";
    QTest::newRow("InvalidToken") << 400 << QByteArray("InvalidToken") << "session token";
    QTest::newRow("InvalidAccessKeyId") << 403 << QByteArray("InvalidAccessKeyId") << "access key ID";
    QTest::newRow("SignatureDoesNotMatch") << 403 << QByteArray("SignatureDoesNotMatch") << "secret key";
    QTest::newRow("NoSuchKey") << 404 << QByteArray("NoSuchKey") << "no object with this key";
    QTest::newRow("NoSuchBucket") << 404 << QByteArray("NoSuchBucket") << "bucket does not exist";
    QTest::newRow("RequestTimeTooSkewed") << 403 << QByteArray("RequestTimeTooSkewed") << "clock";
    QTest::newRow("SlowDown") << 503 << QByteArray("SlowDown") << "fewer requests";
    QTest::newRow("PermanentRedirect") << 301 << QByteArray("PermanentRedirect") << "another region";
    QTest::newRow("AuthorizationHeaderMalformed")
        << 400 << QByteArray("AuthorizationHeaderMalformed") << "another region";
    QTest::newRow("InternalError") << 500 << QByteArray("InternalError") << "internal problem";
}

void TestS3Error::explainsCodes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(QString, words);
    const Error error = S3Error::fromResponse(status, {}, document(code));
    QCOMPARE(error.kind, Error::Kind::Service);
    QCOMPARE(error.code, QString::fromLatin1(code));
    QCOMPARE(error.httpStatus, status);
    QVERIFY2(error.hint.contains(words, Qt::CaseInsensitive), qPrintable(error.hint));
    QCOMPARE(S3Error::isWrongRegion(error), status == 301 || code == QByteArrayLiteral("AuthorizationHeaderMalformed"));
}

void TestS3Error::readsFields()
{
    const QByteArray body =
        "<Error>\n  <Code> NoSuchKey </Code>\n  <Message>The specified key does not exist.</Message>\n"
        "  <Key>a b+c.zip</Key>\n  <RequestId>REQ</RequestId>\n  <HostId>HOST</HostId>\n</Error>";
    const Result<S3ErrorBody> parsed = S3Error::parseBody(body);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().code, QStringLiteral("NoSuchKey"));
    QCOMPARE(parsed.value().message, QStringLiteral("The specified key does not exist."));
    QCOMPARE(parsed.value().requestId, QStringLiteral("REQ"));
    QCOMPARE(parsed.value().hostId, QStringLiteral("HOST"));

    const Error error = S3Error::fromResponse(404, {{"x-amz-request-id", "HEADER-REQ"}}, body);
    QCOMPARE(error.requestId, QStringLiteral("REQ"));  // the body's wins
    QVERIFY(error.hint.contains(QStringLiteral("host ID HOST")));
    QCOMPARE(error.message, QStringLiteral("The specified key does not exist."));

    // S3 echoes a refused session token in <Token-0>; it must not reach the error's text.
    const QByteArray token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN+/=";
    const Error expired = S3Error::fromResponse(
        400, {},
        "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message><Token-0>" + token
            + "</Token-0><RequestId>R</RequestId><HostId>H</HostId></Error>");
    QCOMPARE(expired.code, QStringLiteral("ExpiredToken"));
    for (const QString &text : {expired.message, expired.hint, expired.summary()})
        QVERIFY(!text.contains(QString::fromLatin1(token)));

    // A huge field is cut, not carried whole into a message box.
    const Result<S3ErrorBody> longMessage =
        S3Error::parseBody("<Error><Code>X</Code><Message>" + QByteArray(50000, 'm') + "</Message></Error>");
    QVERIFY(longMessage.ok());
    QCOMPARE(longMessage.value().message.size(), 2048);
}

void TestS3Error::bodilessAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("403") << 403 << "Forbidden";
    QTest::newRow("404") << 404 << "NotFound";
    QTest::newRow("400") << 400 << "BadRequest";
    QTest::newRow("301") << 301 << "PermanentRedirect";
    QTest::newRow("503") << 503 << "SlowDown";
    QTest::newRow("418") << 418 << "418";
}

void TestS3Error::bodilessAnswers()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    const Error error =
        S3Error::fromResponse(status, {{"x-amz-request-id", "REQ"}, {"x-amz-id-2", "HOST2"}}, QByteArray());
    QCOMPARE(error.kind, Error::Kind::Service);
    QCOMPARE(error.code, code);
    QCOMPARE(error.requestId, QStringLiteral("REQ"));
    QVERIFY(error.hint.contains(QStringLiteral("HOST2")));
    QVERIFY(error.message.contains(QString::number(status)));
    // Every status S3 answers HEAD with gets advice beyond the IDs.
    if (status != 418)
        QVERIFY2(!error.hint.startsWith(QStringLiteral("For AWS Support")), qPrintable(error.hint));
}

void TestS3Error::refusesBadDocuments_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("words");
    QTest::newRow("not XML") << QByteArray("Service Unavailable") << "line";
    QTest::newRow("truncated") << QByteArray("<Error><Code>AccessDenied</Code><Mess") << "line";
    QTest::newRow("another root") << QByteArray("<html><body>Bad Gateway</body></html>") << "<html>";
    QTest::newRow("no code") << QByteArray("<Error><Message>m</Message></Error>") << "no error code";
    QTest::newRow("entity expansion") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY a \"aaaaaaaa\">"
                                                    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                                                    "<Error><Code>&b;</Code></Error>")
                                      << "document type declaration";
    QTest::newRow("external entity") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY x SYSTEM "
                                                   "\"file:///etc/passwd\">]><Error><Code>&x;</Code></Error>")
                                     << "document type declaration";
    QTest::newRow("undeclared entity") << QByteArray("<Error><Code>&x;</Code></Error>") << "";
    QTest::newRow("too long") << QByteArray("<Error><Code>X</Code><M>" + QByteArray(70000, 'x') + "</M></Error>")
                              << "longer than";
}

void TestS3Error::refusesBadDocuments()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    const Result<S3ErrorBody> parsed = S3Error::parseBody(body);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::Protocol);
    QCOMPARE(parsed.error().code, QStringLiteral("MalformedS3Error"));
    QVERIFY2(parsed.error().message.contains(words), qPrintable(parsed.error().message));

    const Error error = S3Error::fromResponse(502, {}, body);
    QCOMPARE(error.kind, Error::Kind::Protocol);
    QCOMPARE(error.httpStatus, 502);
    QVERIFY(error.message.contains(QStringLiteral("502")));
    QVERIFY(!error.hint.isEmpty());
}

void TestS3Error::namesBucketRegion_data()
{
    QTest::addColumn<aws::HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("region");
    QTest::newRow("header") << aws::HeaderList{{"X-Amz-Bucket-Region", "eu-west-1"}} << QByteArray() << "eu-west-1";
    QTest::newRow("header over body") << aws::HeaderList{{"x-amz-bucket-region", "eu-west-1"}}
                                      << document("PermanentRedirect", "<Region>ap-south-1</Region>") << "eu-west-1";
    QTest::newRow("Region") << aws::HeaderList{}
                            << document("AuthorizationHeaderMalformed", "<Region>us-west-2</Region>") << "us-west-2";
    QTest::newRow("BucketRegion") << aws::HeaderList{}
                                  << document("IllegalLocationConstraintException",
                                              "<BucketRegion>sa-east-1</BucketRegion>")
                                  << "sa-east-1";
    QTest::newRow("none") << aws::HeaderList{} << document("PermanentRedirect") << "";
    QTest::newRow("malformed") << aws::HeaderList{} << QByteArray("<Error><Region>x") << "";
}

void TestS3Error::namesBucketRegion()
{
    QFETCH(aws::HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, region);
    QCOMPARE(S3Error::bucketRegion(headers, body), region);
}

QTEST_GUILESS_MAIN(TestS3Error)
#include "tst_s3error.moc"
