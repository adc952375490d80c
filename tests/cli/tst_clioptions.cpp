// jobdesk-cli's global options and environment, each against the fake endpoint
// and, where the AWS CLI v2 behaves the same, compared with it: TLS checks and
// --no-verify-ssl, --ca-bundle and AWS_CA_BUNDLE, HTTPS_PROXY and NO_PROXY,
// --no-sign-request, retries (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS), --color,
// --profile from the shared config, timeouts and the exit codes.

#include "cli/clirunner.h"
#include "cli/environmentproxy.h"
#include "support/awsclienvironment.h"
#include "support/connectproxy.h"
#include "support/listeningfake.h"
#include "support/testenv.h"

#include <QFile>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLEOPTIONS01");
const QString kSecret = QStringLiteral("options/Secret+Key=0123456789abcdefghijk");
const QString kToken = QStringLiteral("options-client-token");
const QString kJob = QStringLiteral("88888888-8888-4888-8888-888888888888");
const QString kV2 = QStringLiteral("/usr/bin/aws");

}  // namespace

class TestCliOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tlsVerification();
    void noVerifySsl();
    void caBundle();
    void httpsProxy();
    void proxyChoice_data();
    void proxyChoice();
    void noSignRequest();
    void maxAttempts();
    void retryModes_data();
    void retryModes();
    void colorOn();
    void noPaginateAccepted();
    void sharedConfigProfile();
    void unknownProfile();
    void assumeRoleAsksForMfa();
    void exitCodes_data();
    void exitCodes();
    void readTimeout();
    void version();

private:
    QStringList getArgs(const QUrl &endpoint, const QString &format = QStringLiteral("json")) const
    {
        return {QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                QStringLiteral("--job-id"),       kJob,
                QStringLiteral("--client-token"), kToken,
                QStringLiteral("--endpoint-url"), endpoint.toString(),
                QStringLiteral("--output"),       format};
    }
    QProcessEnvironment env() const { return test::AwsCliEnvironment::withKeys(kKeyId, kSecret); }
    test::ProcessOutput ours(const QStringList &arguments, const QProcessEnvironment &environment) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments, environment);
    }
    test::ProcessOutput theirs(const QStringList &arguments, const QProcessEnvironment &environment) const
    {
        return test::runProcessServing(kV2, arguments, environment);
    }

    QTemporaryDir m_dir;
    QString m_certPath;
    test::ListeningFake m_fake;
    test::ListeningFake m_tlsFake;
};

void TestCliOptions::initTestCase()
{
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY2(QFileInfo(kV2).isExecutable(), "the AWS CLI v2 (/usr/bin/aws) is needed: apt install awscli");
    QVERIFY(m_dir.isValid());
    m_certPath = m_dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("key.pem"));
    const auto openssl = test::runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), m_certPath,
         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
         QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY2(openssl.exitCode == 0, openssl.err.constData());
    QFile certFile(m_certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    QVERIFY(!certificate.isNull() && !key.isNull());

    test::ListeningFake::Setup setup(kKeyId, kSecret, kJob, kToken, QStringLiteral("OptionsVendor"));
    setup.nonce = QStringLiteral("4");
    setup.version = QStringLiteral("2");
    setup.details = QByteArrayLiteral(
        R"({"id":"88888888-8888-4888-8888-888888888888","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"OptionsVendor","version":"2"},"actionConfiguration":{"configuration":{"Project":"options-test","Wide":"全角の文字"}}},"nonce":"4"})");
    m_tlsFake.enableTls(certificate, key);
    for (test::ListeningFake *f : {&m_fake, &m_tlsFake})
        QVERIFY2(f->start(setup), qPrintable(f->startError()));
}

void TestCliOptions::init()
{
    m_fake.clearScripts();
    m_fake.resetCounters();
    m_tlsFake.resetCounters();
}

void TestCliOptions::tlsVerification()
{
    // A self-signed certificate is refused by both, with the general error code.
    const auto mine = ours(getArgs(m_tlsFake.url()), env());
    const auto reference = theirs(getArgs(m_tlsFake.url()), env());
    QCOMPARE(mine.exitCode, 255);
    QCOMPARE(mine.exitCode, reference.exitCode);
    QVERIFY(mine.out.isEmpty());
    QVERIFY2(mine.err.contains("certificate"), mine.err.constData());
}

void TestCliOptions::noVerifySsl()
{
    QStringList arguments = getArgs(m_tlsFake.url());
    arguments << QStringLiteral("--no-verify-ssl");
    const auto mine = ours(arguments, env());
    const auto reference = theirs(arguments, env());
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QCOMPARE(mine.exitCode, reference.exitCode);
    QCOMPARE(mine.out, reference.out);
    // The warning the AWS CLI prints (through urllib3), in the same words.
    const QByteArray warning = "Unverified HTTPS request is being made to host '127.0.0.1'. Adding certificate "
                               "verification is strongly advised.";
    QVERIFY2(reference.err.contains(warning), reference.err.constData());
    QVERIFY2(mine.err.contains(QByteArray("InsecureRequestWarning: " + warning)), mine.err.constData());
}

void TestCliOptions::caBundle()
{
    QStringList arguments = getArgs(m_tlsFake.url());
    arguments << QStringLiteral("--ca-bundle") << m_certPath;
    const auto mine = ours(arguments, env());
    const auto reference = theirs(arguments, env());
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QVERIFY2(reference.exitCode == 0, reference.err.constData());
    QCOMPARE(mine.out, reference.out);
    QVERIFY(mine.err.isEmpty());

    QProcessEnvironment withBundle = env();
    withBundle.insert(QStringLiteral("AWS_CA_BUNDLE"), m_certPath);
    const auto fromEnv = ours(getArgs(m_tlsFake.url()), withBundle);
    QVERIFY2(fromEnv.exitCode == 0, fromEnv.err.constData());
    QCOMPARE(fromEnv.out, reference.out);

    // --ca-bundle wins over AWS_CA_BUNDLE; a path without certificates is an error.
    arguments = getArgs(m_tlsFake.url());
    arguments << QStringLiteral("--ca-bundle") << m_dir.filePath(QStringLiteral("missing.pem"));
    const auto missing = ours(arguments, withBundle);
    QCOMPARE(missing.exitCode, 255);
    QVERIFY2(missing.err.contains("missing.pem"), missing.err.constData());
}

void TestCliOptions::httpsProxy()
{
    test::ConnectProxy proxy;
    QVERIFY(proxy.listen());
    QProcessEnvironment proxied = env();
    proxied.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
    proxied.insert(QStringLiteral("NO_PROXY"), QStringLiteral("example.com"));
    QStringList arguments = getArgs(m_tlsFake.url());
    arguments << QStringLiteral("--ca-bundle") << m_certPath;

    const auto reference = theirs(arguments, proxied);
    QVERIFY2(reference.exitCode == 0, reference.err.constData());
    QCOMPARE(proxy.requests().size(), 1);
    const QByteArray connectLine = proxy.requests().constFirst();
    QVERIFY(connectLine.startsWith(QByteArray("CONNECT 127.0.0.1:" + QByteArray::number(m_tlsFake.port()))));
    proxy.clear();

    const auto mine = ours(arguments, proxied);
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QCOMPARE(mine.out, reference.out);
    QCOMPARE(proxy.requests().size(), 1);
    QVERIFY(proxy.requests().constFirst().startsWith(
        QByteArray("CONNECT 127.0.0.1:" + QByteArray::number(m_tlsFake.port()))));
    proxy.clear();

    // NO_PROXY naming the host: straight to the endpoint.
    proxied.insert(QStringLiteral("NO_PROXY"), QStringLiteral("example.com,127.0.0.1"));
    const auto direct = ours(arguments, proxied);
    QVERIFY2(direct.exitCode == 0, direct.err.constData());
    QCOMPARE(proxy.requests().size(), 0);
}

void TestCliOptions::proxyChoice_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("variables");  // NAME=value
    QTest::addColumn<QString>("expected");       // host:port, or empty for none
    const QString https = QStringLiteral("https://codepipeline.us-east-1.amazonaws.com");
    const QString http = QStringLiteral("http://localhost:8080");
    QTest::newRow("none") << https << QStringList{} << QString();
    QTest::newRow("HTTPS_PROXY") << https << QStringList{QStringLiteral("HTTPS_PROXY=http://proxy.corp:3128")}
                                 << QStringLiteral("proxy.corp:3128");
    QTest::newRow("lower case wins") << https
                                     << QStringList{QStringLiteral("HTTPS_PROXY=http://upper:1"),
                                                    QStringLiteral("https_proxy=http://lower:2")}
                                     << QStringLiteral("lower:2");
    QTest::newRow("http endpoint uses HTTP_PROXY")
        << http << QStringList{QStringLiteral("HTTPS_PROXY=http://s:1"), QStringLiteral("HTTP_PROXY=http://p:2")}
        << QStringLiteral("p:2");
    QTest::newRow("no scheme") << https << QStringList{QStringLiteral("HTTPS_PROXY=proxy.corp:3128")}
                               << QStringLiteral("proxy.corp:3128");
    QTest::newRow("NO_PROXY domain suffix")
        << https << QStringList{QStringLiteral("HTTPS_PROXY=http://p:1"), QStringLiteral("NO_PROXY=.amazonaws.com")}
        << QString();
    QTest::newRow("NO_PROXY other host") << https
                                         << QStringList{QStringLiteral("HTTPS_PROXY=http://p:1"),
                                                        QStringLiteral("NO_PROXY=example.com")}
                                         << QStringLiteral("p:1");
    QTest::newRow("NO_PROXY star") << https
                                   << QStringList{QStringLiteral("HTTPS_PROXY=http://p:1"),
                                                  QStringLiteral("no_proxy=*")}
                                   << QString();
    QTest::newRow("NO_PROXY host:port other port")
        << http << QStringList{QStringLiteral("HTTP_PROXY=http://p:1"), QStringLiteral("NO_PROXY=localhost:9999")}
        << QStringLiteral("p:1");
    QTest::newRow("NO_PROXY host:port") << http
                                        << QStringList{QStringLiteral("HTTP_PROXY=http://p:1"),
                                                       QStringLiteral("NO_PROXY=localhost:8080")}
                                        << QString();
}

void TestCliOptions::proxyChoice()
{
    QFETCH(QString, url);
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    QProcessEnvironment environment;
    for (const QString &v : variables)
        environment.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    const QNetworkProxy proxy = cli::EnvironmentProxy::forUrl(QUrl(url), environment);
    if (expected.isEmpty()) {
        QCOMPARE(proxy.type(), QNetworkProxy::NoProxy);
    } else {
        QCOMPARE(proxy.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port()), expected);
    }
}

void TestCliOptions::noSignRequest()
{
    QStringList arguments = getArgs(m_fake.url());
    arguments << QStringLiteral("--no-sign-request");
    const QProcessEnvironment noKeys = test::AwsCliEnvironment::withoutKeys(env());
    const auto reference = theirs(arguments, noKeys);
    QVERIFY(m_fake.lastRequestHeader("Authorization").isEmpty());
    const auto mine = ours(arguments, noKeys);
    QVERIFY(m_fake.lastRequestHeader("Authorization").isEmpty());  // sent, unsigned
    QCOMPARE(m_fake.requestCount(), 2);
    QCOMPARE(QString::fromUtf8(mine.err), QString::fromUtf8(reference.err));
    QCOMPARE(mine.exitCode, reference.exitCode);
}

void TestCliOptions::maxAttempts()
{
    fake::FakeScript throttle;
    throttle.throttleCount = 100;
    m_fake.setGlobalScript(throttle);
    QProcessEnvironment twice = env();
    twice.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("2"));
    const auto reference = theirs(getArgs(m_fake.url()), twice);
    QCOMPARE(m_fake.requestCount(), 2);
    const auto mine = ours(getArgs(m_fake.url()), twice);
    QCOMPARE(m_fake.requestCount(), 4);
    QVERIFY2(mine.err.contains("(reached max retries: 1)"), mine.err.constData());
    QCOMPARE(QString::fromUtf8(mine.err), QString::fromUtf8(reference.err));
    QCOMPARE(mine.exitCode, reference.exitCode);
    m_fake.setGlobalScript({});
}

void TestCliOptions::retryModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("attempts");
    QTest::newRow("default (standard)") << QString() << 3;
    QTest::newRow("standard") << QStringLiteral("standard") << 3;
    QTest::newRow("legacy") << QStringLiteral("legacy") << 5;
}

void TestCliOptions::retryModes()
{
    QFETCH(QString, mode);
    QFETCH(int, attempts);
    fake::FakeScript throttle;
    throttle.throttleCount = 100;
    m_fake.setGlobalScript(throttle);
    QProcessEnvironment environment = env();
    if (!mode.isEmpty())
        environment.insert(QStringLiteral("AWS_RETRY_MODE"), mode);
    const auto mine = ours(getArgs(m_fake.url()), environment);
    m_fake.setGlobalScript({});
    QCOMPARE(m_fake.requestCount(), attempts);
    QCOMPARE(mine.exitCode, 254);
    QVERIFY2(mine.err.contains(QStringLiteral("(reached max retries: %1)").arg(attempts - 1).toUtf8()),
             mine.err.constData());
}

void TestCliOptions::colorOn()
{
    QStringList arguments = getArgs(m_fake.url(), QStringLiteral("table"));
    arguments << QStringLiteral("--color") << QStringLiteral("on");
    const auto mine = ours(arguments, env());
    const auto reference = theirs(arguments, env());
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QVERIFY(mine.out.contains("\x1b["));
    QCOMPARE(mine.out, reference.out);
    // auto, as in a test, is not a terminal: no colour.
    arguments.last() = QStringLiteral("auto");
    QVERIFY(!ours(arguments, env()).out.contains("\x1b["));
}

void TestCliOptions::noPaginateAccepted()
{
    QStringList arguments = getArgs(m_fake.url());
    const auto plain = ours(arguments, env());
    arguments << QStringLiteral("--no-paginate") << QStringLiteral("--no-cli-pager");
    const auto paged = ours(arguments, env());
    QVERIFY2(paged.exitCode == 0, paged.err.constData());
    QCOMPARE(paged.out, plain.out);
}

void TestCliOptions::sharedConfigProfile()
{
    const QString config = m_dir.filePath(QStringLiteral("config"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(
                   "[default]\nregion = eu-west-3\n\n[profile support]\nregion = us-west-2\naws_access_key_id = %1\n"
                   "aws_secret_access_key = %2\n")
                   .arg(kKeyId, kSecret)
                   .toUtf8());
    file.close();
    QProcessEnvironment environment = test::AwsCliEnvironment::withConfigFile(env(), config);
    environment.remove(QStringLiteral("AWS_DEFAULT_REGION"));
    QStringList arguments = getArgs(m_fake.url());
    arguments << QStringLiteral("--profile") << QStringLiteral("support");
    const auto reference = theirs(arguments, environment);
    QVERIFY2(reference.exitCode == 0, reference.err.constData());
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains("/us-west-2/codepipeline/"));
    const auto mine = ours(arguments, environment);
    QVERIFY2(mine.exitCode == 0, mine.err.constData());
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains("/us-west-2/codepipeline/"));
    QCOMPARE(mine.out, reference.out);

    // AWS_PROFILE does the same without --profile.
    environment.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("support"));
    const auto viaEnv = ours(getArgs(m_fake.url()), environment);
    QVERIFY2(viaEnv.exitCode == 0, viaEnv.err.constData());
    QCOMPARE(viaEnv.out, reference.out);
}

void TestCliOptions::unknownProfile()
{
    QStringList arguments = getArgs(m_fake.url());
    arguments << QStringLiteral("--profile") << QStringLiteral("no-such-profile");
    const auto mine = ours(arguments, env());
    const auto reference = theirs(arguments, env());
    QCOMPARE(mine.exitCode, reference.exitCode);
    QCOMPARE(QString::fromUtf8(mine.err.trimmed()), QString::fromUtf8(reference.err.trimmed()));
    QCOMPARE(m_fake.requestCount(), 0);
}

void TestCliOptions::assumeRoleAsksForMfa()
{
    fake::FakeRole role;
    role.arn = QStringLiteral("arn:aws:iam::123456789012:role/PartnerSupport");
    role.mfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/support-desk");
    m_fake.addRole(role);
    const QString config = m_dir.filePath(QStringLiteral("config-mfa"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QStringLiteral("[profile base]\nregion = us-east-1\naws_access_key_id = %1\naws_secret_access_key = %2\n\n"
                       "[profile support]\nregion = us-east-1\nrole_arn = %3\nsource_profile = base\n"
                       "mfa_serial = %4\n")
            .arg(kKeyId, kSecret, role.arn, role.mfaSerial)
            .toUtf8());
    file.close();
    QProcessEnvironment environment = test::AwsCliEnvironment::withConfigFile(env(), config);
    environment.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), m_fake.url().toString());
    QStringList arguments = getArgs(m_fake.url());
    arguments << QStringLiteral("--profile") << QStringLiteral("support");

    // The code comes from stdin (a terminal would hide it); the job is fetched with the role's keys.
    const auto withCode =
        test::runProcessServing(test::jobdeskCli(), arguments, environment, 120000, QByteArrayLiteral("123456\n"));
    QVERIFY2(withCode.exitCode == 0, withCode.err.constData());
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains("Credential=ASIA"));
    QVERIFY(!withCode.out.isEmpty());

    // No code (end of input) cancels, with a message and no request to CodePipeline.
    const int sentBefore = m_fake.operationCount(QStringLiteral("GetThirdPartyJobDetails"));
    const auto withoutCode = test::runProcessServing(test::jobdeskCli(), arguments, environment);
    QVERIFY(withoutCode.exitCode != 0);
    QVERIFY2(withoutCode.err.contains("MFA"), withoutCode.err.constData());
    QCOMPARE(m_fake.operationCount(QStringLiteral("GetThirdPartyJobDetails")), sentBefore);
}

void TestCliOptions::exitCodes_data()
{
    QTest::addColumn<QString>("case_");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no credentials") << QStringLiteral("no credentials") << 253;
    QTest::newRow("no region") << QStringLiteral("no region") << 253;
    QTest::newRow("connection refused") << QStringLiteral("connection refused") << 255;
    QTest::newRow("bad output") << QStringLiteral("bad output") << 252;
}

void TestCliOptions::exitCodes()
{
    QFETCH(QString, case_);
    QFETCH(int, exitCode);
    QProcessEnvironment environment = env();
    QUrl endpoint = m_fake.url();
    QString format = QStringLiteral("json");
    if (case_ == QLatin1String("no credentials")) {
        environment = test::AwsCliEnvironment::withoutKeys(environment);
    } else if (case_ == QLatin1String("no region")) {
        environment.remove(QStringLiteral("AWS_DEFAULT_REGION"));
    } else if (case_ == QLatin1String("connection refused")) {
        environment.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
    } else {
        format = QStringLiteral("yaml-ish");
    }
    const auto mine = ours(getArgs(endpoint, format), environment);
    const auto reference = theirs(getArgs(endpoint, format), environment);
    QCOMPARE(mine.exitCode, exitCode);
    QCOMPARE(mine.exitCode, reference.exitCode);
    QVERIFY(mine.out.isEmpty());
    if (case_ != QLatin1String("connection refused") && case_ != QLatin1String("bad output"))
        QCOMPARE(QString::fromUtf8(mine.err.trimmed()), QString::fromUtf8(reference.err.trimmed()));
    QCOMPARE(m_fake.requestCount(), 0);
}

void TestCliOptions::readTimeout()
{
    fake::FakeScript stall;
    stall.fault = fake::FakeScript::Fault::NoAnswer;
    m_fake.setGlobalScript(stall);
    QProcessEnvironment once = env();
    once.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    QStringList arguments = getArgs(m_fake.url());
    arguments << QStringLiteral("--cli-read-timeout") << QStringLiteral("1");
    const auto mine = ours(arguments, once);
    const auto reference = theirs(arguments, once);
    m_fake.setGlobalScript({});
    QCOMPARE(mine.exitCode, 255);
    QCOMPARE(mine.exitCode, reference.exitCode);
    QVERIFY2(mine.err.contains("Read timeout on endpoint URL"), mine.err.constData());
    QVERIFY2(reference.err.contains("Read timeout on endpoint URL"), reference.err.constData());
}

void TestCliOptions::version()
{
    const auto mine = ours({QStringLiteral("--version")}, env());
    QCOMPARE(mine.exitCode, 0);
    QVERIFY(mine.out.startsWith("jobdesk-cli/"));
}

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
