// S3Endpoint: virtual-hosted and path-style addresses in every partition, the endpoint
// override, the key encoded once as S3 signs it, and clear refusals of bad input.

#include "core/s3/s3endpoint.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::s3;

class TestS3Endpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void addresses_data();
    void addresses();
    void encodesKeys_data();
    void encodesKeys();
    void refusesBadInput_data();
    void refusesBadInput();
};

void TestS3Endpoint::addresses_data()
{
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("pathStyle");

    QTest::newRow("virtual-hosted") << "codepipeline-us-east-1-1234"
                                    << "us-east-1"
                                    << ""
                                    << "https://codepipeline-us-east-1-1234.s3.us-east-1.amazonaws.com/a%20b.zip"
                                    << QByteArray("codepipeline-us-east-1-1234.s3.us-east-1.amazonaws.com") << false;
    QTest::newRow("eu region") << "artifacts"
                               << "eu-west-2"
                               << ""
                               << "https://artifacts.s3.eu-west-2.amazonaws.com/a%20b.zip"
                               << QByteArray("artifacts.s3.eu-west-2.amazonaws.com") << false;
    QTest::newRow("China") << "artifacts"
                           << "cn-north-1"
                           << ""
                           << "https://artifacts.s3.cn-north-1.amazonaws.com.cn/a%20b.zip"
                           << QByteArray("artifacts.s3.cn-north-1.amazonaws.com.cn") << false;
    QTest::newRow("China northwest") << "artifacts"
                                     << "cn-northwest-1"
                                     << ""
                                     << "https://artifacts.s3.cn-northwest-1.amazonaws.com.cn/a%20b.zip"
                                     << QByteArray("artifacts.s3.cn-northwest-1.amazonaws.com.cn") << false;
    QTest::newRow("GovCloud") << "artifacts"
                              << "us-gov-west-1"
                              << ""
                              << "https://artifacts.s3.us-gov-west-1.amazonaws.com/a%20b.zip"
                              << QByteArray("artifacts.s3.us-gov-west-1.amazonaws.com") << false;
    QTest::newRow("dots: path-style") << "my.dotted.bucket"
                                      << "us-west-2"
                                      << ""
                                      << "https://s3.us-west-2.amazonaws.com/my.dotted.bucket/a%20b.zip"
                                      << QByteArray("s3.us-west-2.amazonaws.com") << true;
    QTest::newRow("capitals and underscores: path-style")
        << "Legacy_Bucket"
        << "us-east-1"
        << ""
        << "https://s3.us-east-1.amazonaws.com/Legacy_Bucket/a%20b.zip" << QByteArray("s3.us-east-1.amazonaws.com")
        << true;
    QTest::newRow("too short for a host label: path-style")
        << "ab"
        << "us-east-1"
        << ""
        << "https://s3.us-east-1.amazonaws.com/ab/a%20b.zip" << QByteArray("s3.us-east-1.amazonaws.com") << true;
    QTest::newRow("override with port") << "artifacts"
                                        << "us-east-1"
                                        << "http://127.0.0.1:4566"
                                        << "http://127.0.0.1:4566/artifacts/a%20b.zip" << QByteArray("127.0.0.1:4566")
                                        << true;
    QTest::newRow("override with default port and a prefix")
        << "artifacts"
        << "eu-central-1"
        << "https://S3.Internal.Example:443/storage/"
        << "https://s3.internal.example/storage/artifacts/a%20b.zip" << QByteArray("s3.internal.example") << true;
    QTest::newRow("override, IPv6") << "artifacts"
                                    << "us-east-1"
                                    << "http://[::1]:9000"
                                    << "http://[::1]:9000/artifacts/a%20b.zip" << QByteArray("[::1]:9000") << true;
}

void TestS3Endpoint::addresses()
{
    QFETCH(QString, bucket);
    QFETCH(QString, region);
    QFETCH(QString, override);
    QFETCH(QString, url);
    QFETCH(QByteArray, host);
    QFETCH(bool, pathStyle);
    const Result<S3Address> address = S3Endpoint::address({bucket, QStringLiteral("a b.zip")}, region, QUrl(override));
    QVERIFY2(address.ok(), qPrintable(address.ok() ? QString() : address.error().message));
    QCOMPARE(address.value().url.toEncoded(), url.toLatin1());
    QCOMPARE(address.value().host, host);
    QCOMPARE(address.value().pathStyle, pathStyle);
    QCOMPARE(address.value().region, region);
    QCOMPARE(address.value().url.path(QUrl::FullyEncoded).toLatin1(), address.value().path);
}

void TestS3Endpoint::encodesKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("space is %20") << "a b" << QByteArray("a%20b");
    QTest::newRow("plus is %2B") << "a+b" << QByteArray("a%2Bb");
    QTest::newRow("tilde stays") << "a~b" << QByteArray("a~b");
    QTest::newRow("percent is encoded, once") << "100%/%20" << QByteArray("100%25/%2520");
    QTest::newRow("slashes stay, doubled too") << "a//b/" << QByteArray("a//b/");
    QTest::newRow("uppercase hex") << "é" << QByteArray("%C3%A9");
    QTest::newRow("four-byte UTF-8") << "😀" << QByteArray("%F0%9F%98%80");
    QTest::newRow("reserved") << "?#[]@!$&'()*,;=:" << QByteArray("%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2C%3B%3D%3A");
    QTest::newRow("control character") << QString(QChar(1)) << QByteArray("%01");
    QTest::newRow("unreserved stay") << "AZaz09-_.~" << QByteArray("AZaz09-_.~");
}

void TestS3Endpoint::encodesKeys()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, encoded);
    QCOMPARE(S3Endpoint::encodeKey(key), encoded);
}

void TestS3Endpoint::refusesBadInput_data()
{
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    const QString ok = QStringLiteral("a.zip");
    QTest::newRow("empty bucket") << "" << ok << "us-east-1"
                                  << ""
                                  << "ParamValidation"
                                  << "bucket";
    QTest::newRow("bucket with a slash") << "a/b" << ok << "us-east-1"
                                         << ""
                                         << "ParamValidation"
                                         << "bucket";
    QTest::newRow("bucket with a space") << "a b" << ok << "us-east-1"
                                         << ""
                                         << "ParamValidation"
                                         << "bucket";
    QTest::newRow("bucket too long") << QString(256, QLatin1Char('a')) << ok << "us-east-1"
                                     << ""
                                     << "ParamValidation"
                                     << "bucket";
    QTest::newRow("empty key") << "bucket"
                               << ""
                               << "us-east-1"
                               << ""
                               << "ParamValidation"
                               << "key";
    QTest::newRow("key too long") << "bucket" << QString(513, QChar(0xE9)) << "us-east-1"
                                  << ""
                                  << "ParamValidation"
                                  << "key";
    QTest::newRow("broken surrogate") << "bucket" << QString(QChar(0xD800)) + QStringLiteral("x") << "us-east-1"
                                      << ""
                                      << "ParamValidation"
                                      << "key";
    QTest::newRow("bad region") << "bucket" << ok << "us east 1"
                                << ""
                                << "ParamValidation"
                                << "region";
    QTest::newRow("empty region") << "bucket" << ok << ""
                                  << ""
                                  << "ParamValidation"
                                  << "region";
    QTest::newRow("ftp override") << "bucket" << ok << "us-east-1"
                                  << "ftp://host"
                                  << "ParamValidation"
                                  << "endpointUrl";
    QTest::newRow("override with a query") << "bucket" << ok << "us-east-1"
                                           << "https://host/?x=1"
                                           << "ParamValidation"
                                           << "endpointUrl";
    QTest::newRow("dot segment") << "bucket"
                                 << "a/../b"
                                 << "us-east-1"
                                 << ""
                                 << "UnsendableKey"
                                 << "";
    QTest::newRow("leading slash, virtual-hosted") << "bucket"
                                                   << "/a"
                                                   << "us-east-1"
                                                   << ""
                                                   << "UnsendableKey"
                                                   << "";
}

void TestS3Endpoint::refusesBadInput()
{
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QString, region);
    QFETCH(QString, override);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const Result<S3Address> address = S3Endpoint::address({bucket, key}, region, QUrl(override));
    QVERIFY(!address.ok());
    QCOMPARE(address.error().kind, Error::Kind::Validation);
    QCOMPARE(address.error().code, code);
    QCOMPARE(address.error().field, field);
    QVERIFY(!address.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestS3Endpoint)
#include "tst_s3endpoint.moc"
