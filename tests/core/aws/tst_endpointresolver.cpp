// EndpointResolver: public hosts per partition, FIPS, overrides from the
// command line and the environment, and region validation.

#include "core/aws/endpointresolver.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::aws;

class TestEndpointResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicHosts_data();
    void publicHosts();
    void overrides_data();
    void overrides();
    void rejects_data();
    void rejects();
    void knownRegionsAreValid();
};

void TestEndpointResolver::publicHosts_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("fips");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("signingRegion");
    QTest::newRow("us-east-1") << "us-east-1" << false << "https://codepipeline.us-east-1.amazonaws.com/"
                               << "us-east-1";
    QTest::newRow("eu-west-2") << "eu-west-2" << false << "https://codepipeline.eu-west-2.amazonaws.com/"
                               << "eu-west-2";
    QTest::newRow("china") << "cn-north-1" << false << "https://codepipeline.cn-north-1.amazonaws.com.cn/"
                           << "cn-north-1";
    QTest::newRow("govcloud") << "us-gov-west-1" << false << "https://codepipeline.us-gov-west-1.amazonaws.com/"
                              << "us-gov-west-1";
    QTest::newRow("fips flag") << "us-east-2" << true << "https://codepipeline-fips.us-east-2.amazonaws.com/"
                               << "us-east-2";
    QTest::newRow("fips pseudo-region") << "fips-ca-central-1" << false
                                        << "https://codepipeline-fips.ca-central-1.amazonaws.com/"
                                        << "ca-central-1";
    QTest::newRow("fips govcloud") << "us-gov-east-1" << true
                                   << "https://codepipeline-fips.us-gov-east-1.amazonaws.com/"
                                   << "us-gov-east-1";
}

void TestEndpointResolver::publicHosts()
{
    QFETCH(QString, region);
    QFETCH(bool, fips);
    QFETCH(QString, url);
    QFETCH(QString, signingRegion);
    auto endpoint = EndpointResolver::resolve(region, fips, QString());
    QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error().message));
    QCOMPARE(endpoint.value().url.toString(), url);
    QCOMPARE(endpoint.value().signingRegion, signingRegion);
    QVERIFY(!endpoint.value().custom);
}

void TestEndpointResolver::overrides_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("serviceVariable");
    QTest::addColumn<QString>("globalVariable");
    QTest::addColumn<QString>("expected");
    QTest::newRow("argument wins") << "http://127.0.0.1:4566"
                                   << "http://service:1"
                                   << "http://global:2"
                                   << "http://127.0.0.1:4566";
    QTest::newRow("service variable next") << ""
                                           << "http://service:1"
                                           << "http://global:2"
                                           << "http://service:1";
    QTest::newRow("global variable last") << ""
                                          << ""
                                          << "https://global:2/"
                                          << "https://global:2/";
}

void TestEndpointResolver::overrides()
{
    QFETCH(QString, argument);
    QFETCH(QString, serviceVariable);
    QFETCH(QString, globalVariable);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (!serviceVariable.isEmpty())
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_CODEPIPELINE"), serviceVariable);
    if (!globalVariable.isEmpty())
        env.insert(QStringLiteral("AWS_ENDPOINT_URL"), globalVariable);
    auto endpoint = EndpointResolver::resolve(QStringLiteral("eu-central-1"), false, argument, env);
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint.value().url.toString(), expected);
    QCOMPARE(endpoint.value().signingRegion, QStringLiteral("eu-central-1"));
    QVERIFY(endpoint.value().custom);
}

void TestEndpointResolver::rejects_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("fips");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty region") << "" << false << ""
                                  << "region";
    QTest::newRow("spaces") << "us east 1" << false << ""
                            << "Invalid region name";
    QTest::newRow("uppercase") << "US-EAST-1" << false << ""
                               << "Invalid region name";
    QTest::newRow("host injection") << "us-east-1.evil.com" << false << ""
                                    << "Invalid region name";
    QTest::newRow("no fips host") << "eu-west-1" << true << ""
                                  << "no FIPS endpoint";
    QTest::newRow("bad url") << "us-east-1" << false << "not a url"
                             << "Invalid endpoint URL";
    QTest::newRow("bad scheme") << "us-east-1" << false << "ftp://127.0.0.1/"
                                << "scheme";
}

void TestEndpointResolver::rejects()
{
    QFETCH(QString, region);
    QFETCH(bool, fips);
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    auto endpoint = EndpointResolver::resolve(region, fips, url);
    QVERIFY(!endpoint.ok());
    QVERIFY2(endpoint.error().message.contains(mentions), qPrintable(endpoint.error().message));
}

void TestEndpointResolver::knownRegionsAreValid()
{
    const QStringList regions = EndpointResolver::knownRegions();
    QVERIFY(regions.contains(QStringLiteral("cn-northwest-1")));
    QVERIFY(regions.contains(QStringLiteral("us-gov-east-1")));
    for (const QString &region : regions)
        QVERIFY2(EndpointResolver::isValidRegionName(region), qPrintable(region));
}

QTEST_GUILESS_MAIN(TestEndpointResolver)
#include "tst_endpointresolver.moc"
