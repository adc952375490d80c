// jobdesk-cli's certificate checks end to end, against the fake endpoint in TLS
// mode with certificates made for the test: a private CA through --ca-bundle,
// AWS_CA_BUNDLE and a profile's ca_bundle; the refusal without it; the message
// for each kind of bad certificate; --no-verify-ssl and its warning; bundles
// that are missing or hold no certificate. The AWS CLI v2 is run beside it for
// the exit codes, not for its wording.

#include "support/awsclienvironment.h"
#include "support/listeningfake.h"
#include "support/testcertificates.h"
#include "support/testenv.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLECLITLS001");
const QString kSecret = QStringLiteral("clitls/Secret+Key=0123456789abcdefghijk");
const QString kToken = QStringLiteral("cli-tls-client-token");
const QString kJob = QStringLiteral("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d");
const QString kV2 = QStringLiteral("/usr/bin/aws");
constexpr int kExitGeneralError = 255;

}  // namespace

class TestCliTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void privateCa_data();
    void privateCa();
    void refusedWithoutTheCa();
    void eachProblemItsOwnMessage_data();
    void eachProblemItsOwnMessage();
    void noVerifySsl_data();
    void noVerifySsl();
    void unusableBundle_data();
    void unusableBundle();

private:
    QStringList getArgs(const QString &served) const
    {
        return {QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                QStringLiteral("--job-id"),       kJob,
                QStringLiteral("--client-token"), kToken,
                QStringLiteral("--endpoint-url"), m_fakes.at(served)->url().toString(),
                QStringLiteral("--output"),       QStringLiteral("json")};
    }
    QProcessEnvironment env() const { return test::AwsCliEnvironment::withKeys(kKeyId, kSecret); }
    // A shared config file whose profile "tls" has keys, a region and the given ca_bundle.
    QString profileConfig(const QString &caBundle);
    // Points the run at bundle the way via says: "option" (--ca-bundle), "environment"
    // (AWS_CA_BUNDLE) or "profile" (the ca_bundle of the profile "tls"). False if no config was written.
    bool useBundle(const QString &via, const QString &bundle, QStringList &arguments, QProcessEnvironment &environment);
    test::ProcessOutput ours(const QStringList &arguments, const QProcessEnvironment &environment) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments, environment);
    }
    test::ProcessOutput theirs(const QStringList &arguments, const QProcessEnvironment &environment) const
    {
        return test::runProcessServing(kV2, arguments, environment);
    }
    int requests() const;

    test::TestCertificates m_certificates;
    QTemporaryDir m_dir;
    std::map<QString, std::unique_ptr<test::ListeningFake>> m_fakes;  // by the certificate they serve
};

void TestCliTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY2(QFileInfo(kV2).isExecutable(), "the AWS CLI v2 (/usr/bin/aws) is needed: apt install awscli");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
    for (const auto &[name, certificate] : m_certificates.servedLeaves()) {
        auto f = std::make_unique<test::ListeningFake>();
        f->enableTls(certificate->certificate, certificate->key);
        // No details: the fake makes the minimal jobDetails from the other fields.
        test::ListeningFake::Setup setup(kKeyId, kSecret, kJob, kToken, QStringLiteral("TlsVendor"));
        setup.nonce = QStringLiteral("3");
        QVERIFY2(f->start(setup), qPrintable(f->startError()));
        m_fakes[name] = std::move(f);
    }
}

void TestCliTls::init()
{
    for (auto &[name, f] : m_fakes)
        f->resetCounters();
}

int TestCliTls::requests() const
{
    int n = 0;
    for (const auto &[name, f] : m_fakes)
        n += f->requestCount();
    return n;
}

QString TestCliTls::profileConfig(const QString &caBundle)
{
    static int count = 0;
    const QString path = m_dir.filePath(QStringLiteral("config-%1").arg(++count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QStringLiteral("[profile tls]\nregion = us-east-1\naws_access_key_id = %1\n"
                              "aws_secret_access_key = %2\nca_bundle = %3\n")
                   .arg(kKeyId, kSecret, caBundle)
                   .toUtf8());
    return path;
}

bool TestCliTls::useBundle(const QString &via, const QString &bundle, QStringList &arguments,
                           QProcessEnvironment &environment)
{
    if (via == QLatin1String("option")) {
        arguments << QStringLiteral("--ca-bundle") << bundle;
    } else if (via == QLatin1String("environment")) {
        environment.insert(QStringLiteral("AWS_CA_BUNDLE"), bundle);
    } else {
        const QString config = profileConfig(bundle);
        if (config.isEmpty())
            return false;
        environment = test::AwsCliEnvironment::withConfigFile(environment, config);
        arguments << QStringLiteral("--profile") << QStringLiteral("tls");
    }
    return true;
}

void TestCliTls::privateCa_data()
{
    QTest::addColumn<QString>("via");
    QTest::newRow("--ca-bundle") << QStringLiteral("option");
    QTest::newRow("AWS_CA_BUNDLE") << QStringLiteral("environment");
    QTest::newRow("profile ca_bundle") << QStringLiteral("profile");
}

void TestCliTls::privateCa()
{
    QFETCH(QString, via);
    QStringList arguments = getArgs(QStringLiteral("ca-signed"));
    QProcessEnvironment environment = env();
    const QString bundle = m_certificates.ca().certificatePath;
    QVERIFY(useBundle(via, bundle, arguments, environment));
    const auto mine = ours(arguments, environment);
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QVERIFY2(mine.err.isEmpty(), mine.err.constData());
    QVERIFY(mine.out.contains(kJob.toUtf8()));
    QCOMPARE(m_fakes.at(QStringLiteral("ca-signed"))->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 1);

    // The AWS CLI v2 accepts the same bundle the same way and prints the same answer.
    const auto reference = theirs(arguments, environment);
    QVERIFY2(reference.exitCode == 0, reference.err.constData());
    QCOMPARE(mine.out, reference.out);
}

void TestCliTls::refusedWithoutTheCa()
{
    const QStringList arguments = getArgs(QStringLiteral("ca-signed"));
    const auto mine = ours(arguments, env());
    QVERIFY2(mine.exitCode == kExitGeneralError, mine.err.constData());
    QVERIFY(mine.out.isEmpty());
    QVERIFY2(mine.err.contains("issued by a certificate authority that is not trusted"), mine.err.constData());
    QVERIFY2(mine.err.contains(m_fakes.at(QStringLiteral("ca-signed"))->url().toString().toUtf8()),
             mine.err.constData());
    QVERIFY2(mine.err.contains("--ca-bundle"), mine.err.constData());  // what to do about it
    QCOMPARE(requests(), 0);
    QCOMPARE(theirs(arguments, env()).exitCode, kExitGeneralError);
}

void TestCliTls::eachProblemItsOwnMessage_data()
{
    test::addCertificateProblemRows(QStringLiteral("--ca-bundle"));
}

void TestCliTls::eachProblemItsOwnMessage()
{
    QFETCH(QString, served);
    QFETCH(bool, withCa);
    QFETCH(QString, says);
    QFETCH(QStringList, notSays);
    QStringList arguments = getArgs(served);
    if (withCa)
        arguments << QStringLiteral("--ca-bundle") << m_certificates.ca().certificatePath;
    const auto mine = ours(arguments, env());
    QVERIFY2(mine.exitCode == kExitGeneralError, mine.err.constData());
    QVERIFY(mine.out.isEmpty());
    QVERIFY2(mine.err.contains(says.toUtf8()), mine.err.constData());
    for (const QString &absent : notSays)
        QVERIFY2(!mine.err.contains(absent.toUtf8()), mine.err.constData());
    QCOMPARE(requests(), 0);
    qInfo("%s", mine.err.trimmed().constData());
    QCOMPARE(theirs(arguments, env()).exitCode, kExitGeneralError);
}

void TestCliTls::noVerifySsl_data()
{
    QTest::addColumn<QString>("served");
    for (const char *name : {"self-signed", "expired", "wrong host", "ca-signed"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestCliTls::noVerifySsl()
{
    QFETCH(QString, served);
    QStringList arguments = getArgs(served);
    arguments << QStringLiteral("--no-verify-ssl");
    const auto mine = ours(arguments, env());
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QVERIFY(mine.out.contains(kJob.toUtf8()));
    // The turned-off check is said out loud, every time, and names the host.
    QVERIFY2(mine.err.contains("InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'"),
             mine.err.constData());
    const auto reference = theirs(arguments, env());
    QCOMPARE(reference.exitCode, 0);
    QCOMPARE(mine.out, reference.out);
}

void TestCliTls::unusableBundle_data()
{
    QTest::addColumn<QString>("via");
    QTest::addColumn<QString>("bundle");
    const QString missing = m_dir.filePath(QStringLiteral("no-such-bundle.pem"));
    const QString notPem = m_certificates.notPemPath();
    for (const char *via : {"option", "environment", "profile"}) {
        QTest::addRow("missing, %s", via) << QString::fromLatin1(via) << missing;
        QTest::addRow("not PEM, %s", via) << QString::fromLatin1(via) << notPem;
    }
}

void TestCliTls::unusableBundle()
{
    QFETCH(QString, via);
    QFETCH(QString, bundle);
    QStringList arguments = getArgs(QStringLiteral("ca-signed"));
    QProcessEnvironment environment = env();
    QVERIFY(useBundle(via, bundle, arguments, environment));
    const auto mine = ours(arguments, environment);
    QVERIFY2(mine.exitCode == kExitGeneralError, mine.err.constData());
    QVERIFY(mine.out.isEmpty());
    // The message names the file, and nothing was sent.
    QVERIFY2(mine.err.contains(bundle.toUtf8()), mine.err.constData());
    // ... where it came from, and what is wrong with it.
    const char *source = via == QLatin1String("option") ? "--ca-bundle"
        : via == QLatin1String("environment")           ? "AWS_CA_BUNDLE"
                                                        : "The profile's ca_bundle";
    QVERIFY2(mine.err.trimmed().startsWith(source), mine.err.constData());
    QVERIFY2(mine.err.contains(bundle == m_certificates.notPemPath() ? "holds no PEM certificate" : "does not exist"),
             mine.err.constData());
    QCOMPARE(requests(), 0);
    qInfo("%s", mine.err.trimmed().constData());
    QCOMPARE(theirs(arguments, environment).exitCode, kExitGeneralError);
}

QTEST_GUILESS_MAIN(TestCliTls)
#include "tst_clitls.moc"
