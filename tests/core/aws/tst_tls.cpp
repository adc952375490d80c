// AwsClient's certificate checks against the fake endpoint in TLS mode, with
// certificates made for the test: what is refused by default and with which
// words, what a private CA bundle (added or alone) lets through and what it
// still refuses, and verification turned off.

#include "core/aws/awsclient.h"
#include "fake/fakecodepipeline.h"
#include "support/testcertificates.h"

#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <optional>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLETLSTEST01");
const QString kSecret = QStringLiteral("tls/Secret+Key=0123456789abcdefghijklmn");
const QString kJob = QStringLiteral("7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
const QString kToken = QStringLiteral("tls-client-token");

// The sentence describeSslErrors() gives for each problem; each case must show its own.
const QString kSelfSigned = QStringLiteral("self-signed");
const QString kExpired = QStringLiteral("has expired");
const QString kNotYetValid = QStringLiteral("not valid yet");
const QString kWrongHost = QStringLiteral("different host name");
const QString kUntrusted = QStringLiteral("certificate authority that is not trusted");

enum class Trust { System, AddCa, OnlyCa };

}  // namespace

Q_DECLARE_METATYPE(Trust)

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refused_data();
    void refused();
    void trustedThroughTheBundle_data();
    void trustedThroughTheBundle();
    void verificationOff();
    void bundleWithoutTheIssuerStillRefuses();

private:
    const test::TestCertificate &certificate(const QString &name) const;
    // Serves the job over HTTPS with the named certificate and makes one call.
    Result<aws::HttpResponse> call(const QString &certificateName, const aws::ClientConfig &config);
    aws::ClientConfig config(Trust trust) const;

    test::TestCertificates m_certificates;
    std::unique_ptr<fake::FakeCodePipeline> m_fake;
};

void TestTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
}

const test::TestCertificate &TestTls::certificate(const QString &name) const
{
    if (name == QLatin1String("self-signed"))
        return m_certificates.selfSigned();
    if (name == QLatin1String("expired"))
        return m_certificates.expired();
    if (name == QLatin1String("not yet valid"))
        return m_certificates.notYetValid();
    if (name == QLatin1String("wrong host"))
        return m_certificates.wrongHost();
    return m_certificates.caSigned();
}

aws::ClientConfig TestTls::config(Trust trust) const
{
    aws::ClientConfig c;
    c.credentials.accessKeyId = kKeyId;
    c.credentials.secretAccessKey = Secret(kSecret);
    c.retry.maxAttempts = 1;
    c.jitter = [] { return 0.0; };
    if (trust != Trust::System) {
        c.extraCaCertificates = {m_certificates.ca().certificate};
        c.onlyExtraCaCertificates = trust == Trust::OnlyCa;
    }
    return c;
}

Result<aws::HttpResponse> TestTls::call(const QString &certificateName, const aws::ClientConfig &config)
{
    m_fake = std::make_unique<fake::FakeCodePipeline>();
    m_fake->addCredentials(kKeyId, Secret(kSecret));
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientToken = kToken;
    job.nonce = QStringLiteral("1");
    // No details: the fake makes the minimal jobDetails from these fields.
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("TlsVendor"),
                        QStringLiteral("1")};
    if (!m_fake->addJob(job).ok())
        return Error::make(Error::Kind::Protocol, QStringLiteral("TestSetup"), QStringLiteral("addJob failed"));
    const test::TestCertificate &served = certificate(certificateName);
    m_fake->enableTls(served.certificate, served.key);
    if (!m_fake->listen())
        return Error::make(Error::Kind::Protocol, QStringLiteral("TestSetup"), m_fake->errorString());

    aws::ClientConfig c = config;
    c.endpoint = aws::Endpoint{m_fake->url(), QStringLiteral("us-east-1"), true};
    // A fresh client and connection pool each time: nothing is carried over from the last certificate.
    QNetworkAccessManager network;
    aws::AwsClient client(&network);
    aws::AwsCall *awsCall =
        client.post(c, "CodePipeline_20150709.GetThirdPartyJobDetails", "application/x-amz-json-1.1",
                    QStringLiteral(R"({"jobId":"%1","clientToken":"%2"})").arg(kJob, kToken).toUtf8());
    std::optional<Result<aws::HttpResponse>> result;
    connect(awsCall, &aws::AwsCall::finished, this, [&result, awsCall] { result = awsCall->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return Error::make(Error::Kind::Protocol, QStringLiteral("TestHang"), QStringLiteral("no answer in 30 s"));
    return *result;
}

void TestTls::refused_data()
{
    QTest::addColumn<QString>("served");
    QTest::addColumn<Trust>("trust");
    QTest::addColumn<QString>("says");          // the sentence that must come first
    QTest::addColumn<QStringList>("alsoSays");  // further problems, named after it
    QTest::addColumn<QStringList>("notSays");

    // With the system's CAs only.
    QTest::newRow("self-signed") << QStringLiteral("self-signed") << Trust::System << kSelfSigned << QStringList{}
                                 << QStringList{kExpired, kWrongHost, kUntrusted};
    QTest::newRow("CA-signed, CA unknown") << QStringLiteral("ca-signed") << Trust::System << kUntrusted
                                           << QStringList{} << QStringList{kSelfSigned, kExpired, kWrongHost};
    QTest::newRow("expired, CA unknown") << QStringLiteral("expired") << Trust::System << kExpired
                                         << QStringList{kUntrusted} << QStringList{kSelfSigned, kWrongHost};
    QTest::newRow("not yet valid, CA unknown") << QStringLiteral("not yet valid") << Trust::System << kNotYetValid
                                               << QStringList{kUntrusted} << QStringList{kSelfSigned, kExpired};
    QTest::newRow("wrong host, CA unknown") << QStringLiteral("wrong host") << Trust::System << kWrongHost
                                            << QStringList{kUntrusted} << QStringList{kSelfSigned, kExpired};

    // The CA trusted: what is left is the certificate's own fault.
    for (const auto &[trust, label] : {std::pair{Trust::AddCa, "added"}, std::pair{Trust::OnlyCa, "alone"}}) {
        QTest::addRow("expired, CA %s", label) << QStringLiteral("expired") << trust << kExpired << QStringList{}
                                               << QStringList{kUntrusted, kSelfSigned, kWrongHost};
        QTest::addRow("not yet valid, CA %s", label) << QStringLiteral("not yet valid") << trust << kNotYetValid
                                                     << QStringList{} << QStringList{kUntrusted, kExpired};
        QTest::addRow("wrong host, CA %s", label) << QStringLiteral("wrong host") << trust << kWrongHost
                                                  << QStringList{} << QStringList{kUntrusted, kExpired, kSelfSigned};
        QTest::addRow("self-signed, CA %s", label) << QStringLiteral("self-signed") << trust << kSelfSigned
                                                   << QStringList{} << QStringList{kExpired, kWrongHost};
    }
}

void TestTls::refused()
{
    QFETCH(QString, served);
    QFETCH(Trust, trust);
    QFETCH(QString, says);
    QFETCH(QStringList, alsoSays);
    QFETCH(QStringList, notSays);

    const auto result = call(served, config(trust));
    QVERIFY2(!result.ok(), "the certificate was accepted");
    const Error &error = result.error();
    QVERIFY2(error.kind == Error::Kind::Tls, qPrintable(error.summary()));
    QCOMPARE(error.code, QStringLiteral("TlsError"));
    QCOMPARE(error.attempts, 1);  // a refused certificate is not retried
    QCOMPARE(m_fake->requestCount(), 0);
    const QString &message = error.message;
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(m_fake->url().toString()), qPrintable(message));
    const qsizetype first = message.indexOf(says);
    QVERIFY2(first >= 0, qPrintable(message));
    for (const QString &other : alsoSays) {
        const qsizetype at = message.indexOf(other);
        QVERIFY2(at > first, qPrintable(QStringLiteral("%1 should come after %2 in: %3").arg(other, says, message)));
    }
    for (const QString &absent : notSays)
        QVERIFY2(!message.contains(absent), qPrintable(message));
    QVERIFY(!error.hint.isEmpty());
}

void TestTls::trustedThroughTheBundle_data()
{
    QTest::addColumn<Trust>("trust");
    QTest::newRow("CA added to the system's") << Trust::AddCa;
    QTest::newRow("CA alone") << Trust::OnlyCa;
}

void TestTls::trustedThroughTheBundle()
{
    QFETCH(Trust, trust);
    const auto result = call(QStringLiteral("ca-signed"), config(trust));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().summary()));
    QCOMPARE(result.value().status, 200);
    QVERIFY(result.value().body.contains(kJob.toUtf8()));
    QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 1);
}

void TestTls::verificationOff()
{
    // Off is off for every kind of bad certificate, the CA-less self-signed one included.
    for (const QString &served :
         {QStringLiteral("self-signed"), QStringLiteral("expired"), QStringLiteral("wrong host")}) {
        aws::ClientConfig c = config(Trust::System);
        c.verifyTls = false;
        const auto result = call(served, c);
        QVERIFY2(result.ok(),
                 qPrintable(served + QLatin1Char(' ') + (result.ok() ? QString() : result.error().summary())));
        QCOMPARE(result.value().status, 200);
    }
}

void TestTls::bundleWithoutTheIssuerStillRefuses()
{
    // A bundle alone replaces the system's CAs: a bundle holding only some other
    // certificate (here the self-signed leaf) does not vouch for the CA-signed one.
    aws::ClientConfig c = config(Trust::System);
    c.extraCaCertificates = {m_certificates.selfSigned().certificate};
    c.onlyExtraCaCertificates = true;
    const auto result = call(QStringLiteral("ca-signed"), c);
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind), int(Error::Kind::Tls));
    QVERIFY2(result.error().message.contains(kUntrusted), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
