// `jobdesk-cli sso login|logout` against the fake's IAM Identity Center and a real Secret
// Service (tests/support/with-keychain.sh): the device code and the browser's loopback
// redirect sign in with the AWS CLI v2's words, the role's keys then sign an operation,
// logout ends the sign-in, Ctrl+C ends with 130, and the errors for a profile that cannot
// sign in or is not signed in are the AWS CLI's own, byte for byte.

#include "core/profiles/profilestore.h"
#include "core/secret.h"
#include "support/awsclienvironment.h"
#include "support/listeningfake.h"
#include "support/testenv.h"
#include "support/testkeychain.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace jobdesk;

namespace {

const QString kStartUrl = QStringLiteral("https://d-1234567890.awsapps.com/start");
const QString kAccount = QStringLiteral("111122223333");
const QString kKeyId = QStringLiteral("AKIASSOCLITEST000001");
const QString kSecret = QStringLiteral("sso/Cli+Secret=Key0123456789abcdefghij");
const QString kJob = QStringLiteral("bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb");
const QString kToken = QStringLiteral("sso-client-token");
const QString kAwsV2 = QStringLiteral("/usr/bin/aws");

QByteArray successLine()
{
    return "Successfully logged into Start URL: " + kStartUrl.toUtf8() + "\n";
}

// A jobdesk-cli running while the test plays the person at the browser.
struct Running
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray out;
    QByteArray err;

    void read()
    {
        out += process->readAllStandardOutput();
        err += process->readAllStandardError();
    }
    bool finished()
    {
        read();
        return process->state() == QProcess::NotRunning;
    }
};

}  // namespace

class TestCliSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void deviceCodeThenOperation();
    void browserFlowWithoutBrowser();
    void browserOpened();
    void jobDeskProfile();
    void refusedSignIns();
    void notSignedInAsAwsCli_data();
    void notSignedInAsAwsCli();
    void expiredAndRevoked();
    void logoutEndsSignIn();
    void interruptExits130();
    void configErrorsAsAwsCli_data();
    void configErrorsAsAwsCli();

private:
    // The sso-session (and SSO profile) of this test function, so that no test sees another's sign-in.
    QString session() const { return QString::fromLatin1(QTest::currentTestFunction()).toLower(); }
    std::unique_ptr<Running> start(const QStringList &arguments) const
    {
        auto running = std::make_unique<Running>();
        running->process->setProcessEnvironment(m_env);
        running->process->start(test::jobdeskCli(), arguments);
        return running;
    }
    test::ProcessOutput cli(const QStringList &arguments) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments, m_env, 60000);
    }
    test::ProcessOutput operation(const QString &profile) const
    {
        return cli({QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id"), kJob,
                    QStringLiteral("--client-token"), kToken, QStringLiteral("--endpoint-url"),
                    m_fake->url().toString(), QStringLiteral("--profile"), profile});
    }
    // A device-code sign-in approved as soon as the fake hands the code out.
    bool deviceLogin(const QString &profile);
    void shareWithAwsCli();
    QString awsCliCacheFile(const QString &sessionName) const;

    QTemporaryDir m_dir;
    QString m_home;
    QString m_config;
    QProcessEnvironment m_env;
    std::unique_ptr<test::ListeningFake> m_fake;
};

void TestCliSso::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY2(QFileInfo(kAwsV2).isExecutable(), "the AWS CLI v2 (/usr/bin/aws) is the reference for these texts");
    QVERIFY(m_dir.isValid());
}

void TestCliSso::init()
{
    m_fake = std::make_unique<test::ListeningFake>();
    fake::FakeSsoLifetimes lifetimes;
    lifetimes.pollInterval = 1;
    m_fake->setSsoLifetimes(lifetimes);
    m_fake->addSsoAccount(
        {kAccount, QStringLiteral("Support"), QStringLiteral("support@example.com"), {QStringLiteral("ReadOnly")}});
    QVERIFY2(m_fake->start(test::ListeningFake::Setup(kKeyId, kSecret, kJob, kToken, QStringLiteral("SsoVendor"))),
             qPrintable(m_fake->startError()));

    m_home = QDir(m_dir.path()).filePath(session());
    QVERIFY(QDir().mkpath(m_home));
    m_config = QDir(m_home).filePath(QStringLiteral("aws-config"));
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    const QString text = QStringLiteral("[sso-session %1]\n"
                                        "sso_start_url = %2\n"
                                        "sso_region = us-east-1\n"
                                        "sso_registration_scopes = sso:account:access\n"
                                        "\n"
                                        "[profile %1]\n"
                                        "sso_session = %1\n"
                                        "sso_account_id = %3\n"
                                        "sso_role_name = ReadOnly\n"
                                        "region = us-east-1\n"
                                        "\n"
                                        "[profile legacy-%1]\n"
                                        "sso_start_url = %2/%1\n"
                                        "sso_region = us-east-1\n"
                                        "sso_account_id = %3\n"
                                        "sso_role_name = ReadOnly\n"
                                        "region = us-east-1\n"
                                        "\n"
                                        "[profile plain]\n"
                                        "region = us-east-1\n"
                                        "\n"
                                        "[profile missing-session]\n"
                                        "sso_session = nosuch\n"
                                        "sso_account_id = %3\n"
                                        "sso_role_name = ReadOnly\n"
                                        "\n"
                                        "[sso-session half]\n"
                                        "sso_start_url = %2\n"
                                        "\n"
                                        "[profile half]\n"
                                        "sso_session = half\n")
                             .arg(session(), kStartUrl, kAccount);
    config.write(text.toUtf8());
    config.close();

    m_env = test::AwsCliEnvironment::withConfigFile(test::AwsCliEnvironment::isolated(m_home), m_config);
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), m_fake->url().toString());
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), m_fake->url().toString());
    m_env.remove(QStringLiteral("AWS_DEFAULT_PROFILE"));
    m_env.insert(QStringLiteral("BROWSER"), QStringLiteral(JOBDESK_CLI_TEST_DIR "/fake_browser.py"));
    m_env.insert(QStringLiteral("FAKE_BROWSER_LOG"), QDir(m_home).filePath(QStringLiteral("browser.log")));
}

void TestCliSso::cleanup()
{
    // Whatever a test left signed in is signed out, so the throwaway keyring holds nothing of it.
    if (m_fake)
        cli({QStringLiteral("sso"), QStringLiteral("logout")});
    m_fake.reset();
}

bool TestCliSso::deviceLogin(const QString &profile)
{
    const auto approve = connect(
        m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted, this, [this](const QString &userCode) {
            QTimer::singleShot(0, m_fake.get(), [this, userCode] { m_fake->approveSsoUserCode(userCode); });
        });
    const auto out = cli({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), profile,
                          QStringLiteral("--use-device-code"), QStringLiteral("--no-browser")});
    disconnect(approve);
    if (out.exitCode != 0)
        qWarning("sso login failed: %s", out.err.constData());
    return out.exitCode == 0 && out.out.endsWith(successLine());
}

void TestCliSso::shareWithAwsCli()
{
    // The window's "Share sign-in with the AWS CLI", in the child's own settings file.
    const QString folder = QDir(m_home).filePath(QStringLiteral("config/JobDesk"));
    QVERIFY(QDir().mkpath(folder));
    QFile settings(QDir(folder).filePath(QStringLiteral("JobDesk.conf")));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[sso]\nshareWithAwsCli=true\n");
}

QString TestCliSso::awsCliCacheFile(const QString &sessionName) const
{
    const QByteArray key = QCryptographicHash::hash(sessionName.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_home).filePath(QStringLiteral(".aws/sso/cache/%1.json").arg(QString::fromLatin1(key)));
}

void TestCliSso::deviceCodeThenOperation()
{
    QString userCode;
    connect(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted, this,
            [this, &userCode](const QString &code) {
                userCode = code;
                QTimer::singleShot(0, m_fake.get(), [this, code] { m_fake->approveSsoUserCode(code); });
            });
    const auto login = cli({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session(),
                            QStringLiteral("--use-device-code"), QStringLiteral("--no-browser")});
    QVERIFY2(login.exitCode == 0, login.err.constData());
    QVERIFY(!userCode.isEmpty());
    // PrintOnlyHandler's text, then the success line, all on stdout as the AWS CLI v2 prints them.
    const QByteArray code = userCode.toUtf8();
    QCOMPARE(login.out,
             "Browser will not be automatically opened.\n"
             "Please visit the following URL:\n"
             "\n"
             "https://device.sso.us-east-1.amazonaws.com/\n"
             "\n"
             "Then enter the code:\n"
             "\n" + code
                 + "\n"
                   "\n"
                   "Alternatively, you may visit the following URL which will autofill the code upon "
                   "loading:\n"
                   "https://device.sso.us-east-1.amazonaws.com/?user_code="
                 + code + "\n" + successLine());
    QCOMPARE(login.err, QByteArray());
    QVERIFY(!QFileInfo::exists(QDir(m_home).filePath(QStringLiteral("browser.log"))));
    // Not shared with the AWS CLI unless the person chose so.
    QVERIFY(!QFileInfo::exists(awsCliCacheFile(session())));

    const auto used = operation(session());
    QVERIFY2(used.exitCode == 0, used.err.constData());
    QVERIFY(used.out.contains(kJob.toUtf8()));
    // Signed with the role's keys from the portal, not with any key of the fake's own.
    const QByteArray authorization = m_fake->lastRequestHeader("Authorization");
    QVERIFY2(authorization.contains("Credential=ASIA") && !authorization.contains(kKeyId.toUtf8()),
             authorization.constData());
}

void TestCliSso::browserFlowWithoutBrowser()
{
    QSignalSpy issued(m_fake.get(), &fake::FakeCodePipeline::ssoTokenIssued);
    auto login = start({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session(),
                        QStringLiteral("--no-browser")});
    const QByteArray intro = "Browser will not be automatically opened.\nPlease visit the following URL:\n\n";
    QTRY_VERIFY_WITH_TIMEOUT((login->read(), login->out.startsWith(intro) && login->out.endsWith("\n")), 20000);
    const QByteArray page = login->out.mid(intro.size()).trimmed();
    const QUrl url = QUrl::fromEncoded(page, QUrl::StrictMode);
    QVERIFY2(url.isValid() && url.path() == QLatin1String("/authorize"), page.constData());

    // The person signs in: the page sends the browser back to jobdesk-cli's loopback.
    QNetworkAccessManager browser;
    QNetworkReply *reply = browser.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(reply->url().host() == QLatin1String("127.0.0.1") && reply->url().port() != m_fake->url().port());
    delete reply;

    QTRY_VERIFY_WITH_TIMEOUT(login->finished(), 20000);
    QVERIFY2(login->process->exitCode() == 0, login->err.constData());
    QCOMPARE(login->out, intro + page + "\n" + successLine());
    QCOMPARE(login->err, QByteArray());
    QCOMPARE(issued.size(), 1);
    QCOMPARE(issued.first().first().toString(), QStringLiteral("authorization_code"));

    const auto used = operation(session());
    QVERIFY2(used.exitCode == 0, used.err.constData());
    QVERIFY(m_fake->lastRequestHeader("Authorization").contains("Credential=ASIA"));
}

void TestCliSso::browserOpened()
{
    // $BROWSER is the person's browser: it is given the page and goes through with the sign-in.
    const auto login = cli({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session()});
    QVERIFY2(login.exitCode == 0, login.err.constData());
    const QByteArray intro = "Attempting to automatically open the SSO authorization page in your default browser.\n"
                             "If the browser does not open or you wish to use a different device to authorize this "
                             "request, open the following URL:\n\n";
    QVERIFY2(login.out.startsWith(intro) && login.out.endsWith(successLine()), login.out.constData());
    const QByteArray page = login.out.mid(intro.size()).split('\n').first();
    QFile log(QDir(m_home).filePath(QStringLiteral("browser.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), page + "\n");
    QCOMPARE(operation(session()).exitCode, 0);
}

void TestCliSso::jobDeskProfile()
{
    // A JobDesk SSO profile, as the window saves it, in the child's own settings file.
    profiles::Profile profile;
    profile.name = QStringLiteral("jd-") + session();
    profile.region = QStringLiteral("us-east-1");
    profile.source = profiles::Profile::CredentialSource::Sso;
    profile.sso = {kStartUrl, QStringLiteral("us-east-1"), QStringLiteral("jd-session-") + session(), kAccount,
                   QStringLiteral("ReadOnly")};
    {
        profiles::ProfileStore store(QDir(m_home).filePath(QStringLiteral("config/JobDesk/JobDesk.conf")));
        std::optional<Status> saved;
        store.saveProfile(profile, nullptr, this, [&saved](Status status) { saved = status; });
        QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 20000);
        QVERIFY2(saved->ok(), qPrintable(saved->ok() ? QString() : saved->error().message));
    }
    QCOMPARE(
        operation(profile.name).err,
        QByteArray("\nError loading SSO Token: Token for " + profile.sso.sessionName.toUtf8() + " does not exist\n"));
    QVERIFY(deviceLogin(profile.name));
    const auto used = operation(profile.name);
    QVERIFY2(used.exitCode == 0, used.err.constData());
    QVERIFY(m_fake->lastRequestHeader("Authorization").contains("Credential=ASIA"));
    // logout knows the JobDesk profiles' sessions too.
    QCOMPARE(cli({QStringLiteral("sso"), QStringLiteral("logout")}).exitCode, 0);
    QCOMPARE(operation(profile.name).exitCode, 255);
}

void TestCliSso::refusedSignIns()
{
    // The code denied: CreateToken's AccessDeniedException, as a ClientError of the AWS CLI (254).
    const auto deny = connect(
        m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted, this, [this](const QString &userCode) {
            QTimer::singleShot(0, m_fake.get(), [this, userCode] { m_fake->denySsoUserCode(userCode); });
        });
    const auto denied = cli({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session(),
                             QStringLiteral("--use-device-code"), QStringLiteral("--no-browser")});
    disconnect(deny);
    QCOMPARE(denied.exitCode, 254);
    QVERIFY2(denied.err.startsWith("\nAn error occurred (AccessDeniedException) when calling the CreateToken "
                                   "operation: "),
             denied.err.constData());
    QVERIFY(!denied.out.contains("Successfully"));

    // Refused in the browser: the redirect brings an error instead of a code (255).
    m_fake->setSsoAuthorizeDenied(true);
    const auto refused = cli({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session()});
    m_fake->setSsoAuthorizeDenied(false);
    QCOMPARE(refused.exitCode, 255);
    QCOMPARE(refused.err,
             QByteArray("\nError loading authorization code: Failed to retrieve an authorization code.\n"));
    QCOMPARE(operation(session()).exitCode, 255);
}

void TestCliSso::notSignedInAsAwsCli_data()
{
    QTest::addColumn<bool>("legacy");
    QTest::newRow("sso-session") << false;
    QTest::newRow("legacy start URL") << true;
}

void TestCliSso::notSignedInAsAwsCli()
{
    QFETCH(bool, legacy);
    const QString profile = legacy ? QStringLiteral("legacy-") + session() : session();
    const auto ours = operation(profile);
    const QByteArray expected = "\nError loading SSO Token: Token for "
        + (legacy ? kStartUrl.toUtf8() + "/" + session().toUtf8() : session().toUtf8()) + " does not exist\n";
    QCOMPARE(ours.err, expected);
    QCOMPARE(ours.exitCode, 255);
    QCOMPARE(ours.out, QByteArray());
    // The AWS CLI v2 with the same config and an empty cache says the same, before any request.
    const auto theirs = test::runProcess(kAwsV2,
                                         {QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                                          QStringLiteral("--job-id"), kJob, QStringLiteral("--client-token"), kToken,
                                          QStringLiteral("--profile"), profile},
                                         {}, m_env);
    QCOMPARE(ours.err, theirs.err);
    QCOMPARE(ours.exitCode, theirs.exitCode);
}

void TestCliSso::expiredAndRevoked()
{
    shareWithAwsCli();
    QVERIFY(deviceLogin(session()));
    // Shared: the AWS CLI's cache holds the token, which lets the test end the sign-in at the fake.
    QFile cached(awsCliCacheFile(session()));
    QVERIFY2(cached.open(QIODevice::ReadOnly), qPrintable(cached.fileName()));
    const QJsonObject token = QJsonDocument::fromJson(cached.readAll()).object();
    cached.close();
    QCOMPARE(token.value(QStringLiteral("startUrl")).toString(), kStartUrl);
    const Secret accessToken(token.value(QStringLiteral("accessToken")).toString());
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(m_fake->revokeSsoToken(accessToken));

    // Still within its lifetime, but refused by the portal: botocore's UnauthorizedSSOTokenError.
    const auto revoked = operation(session());
    QCOMPARE(revoked.exitCode, 255);
    QCOMPARE(revoked.err,
             QByteArray("\nThe SSO session associated with this profile has expired or is otherwise "
                        "invalid. To refresh this SSO session run aws sso login with the corresponding "
                        "profile.\n"));

    // Run out, and its refresh token revoked with it: botocore's TokenRetrievalError.
    // The keychain's copy goes with a logout; then only the AWS CLI's cache holds the sign-in.
    QVERIFY(cli({QStringLiteral("sso"), QStringLiteral("logout")}).exitCode == 0);
    QJsonObject expired = token;
    expired.insert(QStringLiteral("expiresAt"), QStringLiteral("2020-01-01T00:00:00Z"));
    QVERIFY(cached.open(QIODevice::WriteOnly));
    cached.write(QJsonDocument(expired).toJson(QJsonDocument::Compact));
    cached.close();
    const auto ranOut = operation(session());
    QCOMPARE(ranOut.exitCode, 255);
    QCOMPARE(ranOut.err, QByteArray("\nError when retrieving token from sso: Token has expired and refresh failed\n"));
}

void TestCliSso::logoutEndsSignIn()
{
    shareWithAwsCli();
    QVERIFY(deviceLogin(session()));
    QVERIFY(QFileInfo::exists(awsCliCacheFile(session())));
    QCOMPARE(operation(session()).exitCode, 0);

    // As `aws sso logout`: nothing printed, exit 0.
    const auto out = cli({QStringLiteral("sso"), QStringLiteral("logout")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(out.out, QByteArray());
    QCOMPARE(out.err, QByteArray());
    QVERIFY(!QFileInfo::exists(awsCliCacheFile(session())));
    const auto after = operation(session());
    QCOMPARE(after.exitCode, 255);
    QVERIFY2(after.err.contains(QByteArray("Token for " + session().toUtf8() + " does not exist")),
             after.err.constData());
    // Signed out with nothing left to sign out of: still fine, and as quiet as the AWS CLI v2.
    const auto again = cli({QStringLiteral("sso"), QStringLiteral("logout")});
    const auto theirs = test::runProcess(kAwsV2, {QStringLiteral("sso"), QStringLiteral("logout")}, {}, m_env);
    QCOMPARE(again.exitCode, theirs.exitCode);
    QCOMPARE(again.out + again.err, theirs.out + theirs.err);
}

void TestCliSso::interruptExits130()
{
    auto login = start({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"), session(),
                        QStringLiteral("--use-device-code"), QStringLiteral("--no-browser")});
    QTRY_VERIFY_WITH_TIMEOUT((login->read(), login->out.contains("user_code=") && login->out.endsWith("\n")), 20000);
    const QByteArray shown = login->out;
    QCOMPARE(
        test::runProcess(QStringLiteral("kill"), {QStringLiteral("-INT"), QString::number(login->process->processId())})
            .exitCode,
        0);
    QTRY_VERIFY_WITH_TIMEOUT(login->finished(), 20000);
    QCOMPARE(login->process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(login->process->exitCode(), 130);
    // A new line on stdout, as the AWS CLI ends on KeyboardInterrupt; no sign-in.
    QCOMPARE(login->out, shown + "\n");
    QCOMPARE(operation(session()).exitCode, 255);
}

void TestCliSso::configErrorsAsAwsCli_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    const QString login = QStringLiteral("login");
    const QString sso = QStringLiteral("sso");
    QTest::newRow("not an SSO profile") << QStringList{sso, login, QStringLiteral("--profile"), QStringLiteral("plain")}
                                        << 253;
    QTest::newRow("no default profile") << QStringList{sso, login} << 253;
    QTest::newRow("sso-session missing") << QStringList{sso, login, QStringLiteral("--profile"),
                                                        QStringLiteral("missing-session")}
                                         << 253;
    QTest::newRow("--sso-session missing")
        << QStringList{sso, login, QStringLiteral("--sso-session"), QStringLiteral("nosuch")} << 253;
    QTest::newRow("sso-session incomplete")
        << QStringList{sso, login, QStringLiteral("--profile"), QStringLiteral("half")} << 253;
    QTest::newRow("unknown profile") << QStringList{sso, login, QStringLiteral("--profile"), QStringLiteral("nobody")}
                                     << 255;
    QTest::newRow("unknown login option") << QStringList{sso, login, QStringLiteral("--bogus")} << 252;
    QTest::newRow("unknown logout option") << QStringList{sso, QStringLiteral("logout"), QStringLiteral("--x")} << 252;
}

void TestCliSso::configErrorsAsAwsCli()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const auto ours = cli(arguments);
    QCOMPARE(ours.exitCode, exitCode);
    QCOMPARE(ours.out, QByteArray());
    const auto theirs = test::runProcess(kAwsV2, arguments, {}, m_env);
    QCOMPARE(ours.err, theirs.err);
    QCOMPARE(ours.exitCode, theirs.exitCode);
}

QTEST_GUILESS_MAIN(TestCliSso)
#include "tst_clisso.moc"
