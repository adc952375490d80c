// ClientConfigBuilder: each input lands in its place of the ClientConfig, what
// is not set keeps the base's value, and bad input is refused with an Error
// that names it.

#include "core/aws/clientconfigbuilder.h"
#include "support/testcertificates.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;

class TestClientConfigBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultsAreTheBase();
    void regionResolvesTheEndpoint();
    void endpointUrlOverrides();
    void environmentOverride();
    void explicitEndpointWins();
    void transport();
    void retryModes_data();
    void retryModes();
    void caBundleTrustedAlone();
    void caBundleIgnoredWhereItCannotMatter();
    void caCertificatesAdded();
    void traceSaysWhatWasDecided();
    void refused_data();
    void refused();

private:
    test::TestCertificates m_certificates;
};

void TestClientConfigBuilder::initTestCase()
{
    QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
}

void TestClientConfigBuilder::defaultsAreTheBase()
{
    ClientConfig base;
    base.service = QStringLiteral("sts");
    base.connectTimeoutMs = 1234;
    base.userAgent = QStringLiteral("base/1");
    const auto built = ClientConfigBuilder(base).build();
    QVERIFY(built);
    QCOMPARE(built.value().service, QStringLiteral("sts"));
    QCOMPARE(built.value().connectTimeoutMs, 1234);
    QCOMPARE(built.value().readTimeoutMs, 60000);
    QCOMPARE(built.value().userAgent, QStringLiteral("base/1"));
    QVERIFY(built.value().endpoint.url.isEmpty());
    QCOMPARE(built.value().retry.mode, RetryMode::Standard);
    QCOMPARE(built.value().retry.maxAttempts, 3);
    QVERIFY(built.value().verifyTls);
    QVERIFY(built.value().signRequests);
}

void TestClientConfigBuilder::regionResolvesTheEndpoint()
{
    const auto built = ClientConfigBuilder().setRegion(QStringLiteral("eu-west-2")).build();
    QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
    QCOMPARE(built.value().endpoint.url, QUrl(QStringLiteral("https://codepipeline.eu-west-2.amazonaws.com/")));
    QCOMPARE(built.value().endpoint.signingRegion, QStringLiteral("eu-west-2"));
    QVERIFY(!built.value().endpoint.custom);

    const auto fips = ClientConfigBuilder().setRegion(QStringLiteral("us-east-1")).setUseFips(true).build();
    QVERIFY(fips);
    QCOMPARE(fips.value().endpoint.url.host(), QStringLiteral("codepipeline-fips.us-east-1.amazonaws.com"));
}

void TestClientConfigBuilder::endpointUrlOverrides()
{
    const auto built = ClientConfigBuilder()
                           .setRegion(QStringLiteral("ap-south-1"))
                           .setEndpointUrl(QStringLiteral("http://127.0.0.1:8080"))
                           .build();
    QVERIFY(built);
    QCOMPARE(built.value().endpoint.url, QUrl(QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(built.value().endpoint.signingRegion, QStringLiteral("ap-south-1"));
    QVERIFY(built.value().endpoint.custom);
}

void TestClientConfigBuilder::environmentOverride()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_CODEPIPELINE"), QStringLiteral("https://pipeline.example.test"));
    const auto built = ClientConfigBuilder().setRegion(QStringLiteral("us-west-2")).setEnvironment(env).build();
    QVERIFY(built);
    QCOMPARE(built.value().endpoint.url.host(), QStringLiteral("pipeline.example.test"));
}

void TestClientConfigBuilder::explicitEndpointWins()
{
    const Endpoint endpoint{QUrl(QStringLiteral("https://resolved.example.test/")), QStringLiteral("eu-north-1"), true};
    const auto built = ClientConfigBuilder().setEndpoint(endpoint).setRegion(QStringLiteral("us-east-1")).build();
    QVERIFY(built);
    QCOMPARE(built.value().endpoint.url, endpoint.url);
    QCOMPARE(built.value().endpoint.signingRegion, QStringLiteral("eu-north-1"));
}

void TestClientConfigBuilder::transport()
{
    Credentials keys;
    keys.accessKeyId = QStringLiteral("AKIDEXAMPLEBUILDER01");
    keys.secretAccessKey = Secret(QStringLiteral("builder/secret"));
    const auto built = ClientConfigBuilder()
                           .setConnectTimeoutMs(2500)
                           .setReadTimeoutMs(0)
                           .setMaxAttempts(7)
                           .setVerifyTls(false)
                           .setSignRequests(false)
                           .setCredentials(keys)
                           .setUserAgent(QStringLiteral("jobdesk-test/1"))
                           .build();
    QVERIFY(built);
    const ClientConfig &config = built.value();
    QCOMPARE(config.connectTimeoutMs, 2500);
    QCOMPARE(config.readTimeoutMs, 0);  // no timeout
    QCOMPARE(config.retry.mode, RetryMode::Standard);
    QCOMPARE(config.retry.maxAttempts, 7);
    QVERIFY(!config.verifyTls);
    QVERIFY(!config.signRequests);
    QCOMPARE(config.credentials.accessKeyId, keys.accessKeyId);
    QCOMPARE(config.credentials.secretAccessKey.revealText(), QStringLiteral("builder/secret"));
    QCOMPARE(config.userAgent, QStringLiteral("jobdesk-test/1"));
}

void TestClientConfigBuilder::retryModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("attempts");  // 0: not set
    QTest::addColumn<int>("expectedAttempts");
    QTest::newRow("standard") << int(RetryMode::Standard) << 0 << 3;
    QTest::newRow("legacy") << int(RetryMode::Legacy) << 0 << 5;
    QTest::newRow("legacy, 2 attempts") << int(RetryMode::Legacy) << 2 << 2;
    QTest::newRow("standard, 1 attempt") << int(RetryMode::Standard) << 1 << 1;
}

void TestClientConfigBuilder::retryModes()
{
    QFETCH(int, mode);
    QFETCH(int, attempts);
    QFETCH(int, expectedAttempts);
    ClientConfigBuilder builder;
    builder.setRetryMode(RetryMode(mode));
    if (attempts > 0)
        builder.setMaxAttempts(attempts);
    const auto built = builder.build();
    QVERIFY(built);
    QCOMPARE(int(built.value().retry.mode), mode);
    QCOMPARE(built.value().retry.maxAttempts, expectedAttempts);
}

void TestClientConfigBuilder::caBundleTrustedAlone()
{
    const auto built = ClientConfigBuilder()
                           .setRegion(QStringLiteral("us-east-1"))
                           .setCaBundle(m_certificates.ca().certificatePath, QStringLiteral("--ca-bundle"))
                           .build();
    QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
    QCOMPARE(built.value().extraCaCertificates.size(), 1);
    QCOMPARE(built.value().extraCaCertificates.first(), m_certificates.ca().certificate);
    QVERIFY(built.value().onlyExtraCaCertificates);
}

void TestClientConfigBuilder::caBundleIgnoredWhereItCannotMatter()
{
    // Not verified, or not TLS at all: the file is not even read, as the AWS CLI does.
    const QString missing = m_certificates.directory() + QStringLiteral("/missing.pem");
    const auto unverified = ClientConfigBuilder()
                                .setRegion(QStringLiteral("us-east-1"))
                                .setVerifyTls(false)
                                .setCaBundle(missing, QStringLiteral("--ca-bundle"))
                                .build();
    QVERIFY(unverified);
    QVERIFY(unverified.value().extraCaCertificates.isEmpty());
    const auto plainHttp = ClientConfigBuilder()
                               .setRegion(QStringLiteral("us-east-1"))
                               .setEndpointUrl(QStringLiteral("http://127.0.0.1:9"))
                               .setCaBundle(missing, QStringLiteral("--ca-bundle"))
                               .build();
    QVERIFY(plainHttp);
    QVERIFY(plainHttp.value().extraCaCertificates.isEmpty());
}

void TestClientConfigBuilder::caCertificatesAdded()
{
    ClientConfig base;
    base.extraCaCertificates = {m_certificates.selfSigned().certificate};
    const auto cleared = ClientConfigBuilder(base).setCaCertificates({}, false).build();
    QVERIFY(cleared);
    QVERIFY(cleared.value().extraCaCertificates.isEmpty());
    const auto added = ClientConfigBuilder().setCaCertificates({m_certificates.ca().certificate}, false).build();
    QVERIFY(added);
    QCOMPARE(added.value().extraCaCertificates.size(), 1);
    QVERIFY(!added.value().onlyExtraCaCertificates);  // beside the system's
}

void TestClientConfigBuilder::traceSaysWhatWasDecided()
{
    QStringList lines;
    const auto built = ClientConfigBuilder()
                           .setRegion(QStringLiteral("us-east-1"))
                           .setRetryMode(RetryMode::Legacy)
                           .setCaBundle(m_certificates.ca().certificatePath, QStringLiteral("--ca-bundle"))
                           .setTrace([&lines](const char *topic, const QString &line) {
                               lines << QString::fromLatin1(topic) + QStringLiteral(": ") + line;
                           })
                           .build();
    QVERIFY(built);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0),
             QStringLiteral("jobdesk.endpoint: Endpoint: https://codepipeline.us-east-1.amazonaws.com/, "
                            "signing region us-east-1"));
    QCOMPARE(lines.at(1), QStringLiteral("jobdesk.retries: Retry mode legacy, at most 5 attempts"));
    QCOMPARE(lines.at(2),
             QStringLiteral("jobdesk.endpoint: Trusting the 1 certificates of ") + m_certificates.ca().certificatePath);
}

void TestClientConfigBuilder::refused_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a region") << QStringLiteral("region") << QStringLiteral("NotARegion")
                                  << QStringLiteral("--region");
    QTest::newRow("endpoint without scheme")
        << QStringLiteral("endpoint") << QStringLiteral("ParamValidation") << QStringLiteral("scheme");
    QTest::newRow("no region for the endpoint")
        << QStringLiteral("no region") << QStringLiteral("NoRegion") << QStringLiteral("region");
    QTest::newRow("negative connect timeout")
        << QStringLiteral("connect timeout") << QStringLiteral("NegativeTimeout") << QStringLiteral("-5 ms");
    QTest::newRow("negative read timeout")
        << QStringLiteral("read timeout") << QStringLiteral("NegativeTimeout") << QStringLiteral("-1 ms");
    QTest::newRow("no attempts") << QStringLiteral("attempts") << QStringLiteral("NoAttempts")
                                 << QStringLiteral("at least 1");
    QTest::newRow("missing bundle") << QStringLiteral("missing bundle") << QStringLiteral("NoSuchFile")
                                    << QStringLiteral("AWS_CA_BUNDLE");
    QTest::newRow("bundle not PEM") << QStringLiteral("not PEM") << QStringLiteral("NotPem")
                                    << QStringLiteral("holds no PEM certificate");
}

void TestClientConfigBuilder::refused()
{
    QFETCH(QString, what);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    ClientConfigBuilder builder;
    builder.setRegion(QStringLiteral("us-east-1"));
    if (what == QLatin1String("region"))
        builder.setRegion(QStringLiteral("US-EAST-1"), QStringLiteral("--region"));
    else if (what == QLatin1String("endpoint"))
        builder.setEndpointUrl(QStringLiteral("ftp://codepipeline.example.test"));
    else if (what == QLatin1String("no region"))
        builder.setRegion(QString()).setEndpointUrl(QStringLiteral("https://codepipeline.example.test"));
    else if (what == QLatin1String("connect timeout"))
        builder.setConnectTimeoutMs(-5);
    else if (what == QLatin1String("read timeout"))
        builder.setReadTimeoutMs(-1);
    else if (what == QLatin1String("attempts"))
        builder.setMaxAttempts(0);
    else if (what == QLatin1String("missing bundle"))
        builder.setCaBundle(m_certificates.directory() + QStringLiteral("/missing.pem"),
                            QStringLiteral("AWS_CA_BUNDLE"));
    else
        builder.setCaBundle(m_certificates.notPemPath(), QStringLiteral("--ca-bundle"));
    const auto built = builder.build();
    QVERIFY(!built);
    qInfo("%s", qPrintable(built.error().message));
    QCOMPARE(built.error().code, code);
    QCOMPARE(built.error().kind, Error::Kind::Validation);
    QVERIFY2(built.error().message.contains(mentions), qPrintable(built.error().message));
}

QTEST_GUILESS_MAIN(TestClientConfigBuilder)
#include "tst_clientconfigbuilder.moc"
