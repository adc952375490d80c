// `jobdesk-cli profile ...` against a real Secret Service (the throwaway GNOME
// Keyring of tests/support/with-keychain.sh): add reads keys from stdin only,
// list and show never print a secret, --profile signs with the stored keys,
// a linked AWS profile resolves at request time, and remove deletes the keys.

#include "core/profiles/keychain.h"
#include "core/profiles/profilestore.h"
#include "support/awsclienvironment.h"
#include "support/listeningfake.h"
#include "support/testenv.h"
#include "support/testkeychain.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;

namespace {

const QString kKeyId = QStringLiteral("ASIAPROFILECLITEST01");
const QString kSecret = QStringLiteral("profile/Cli+Secret=Key0123456789abcdefg");
const QString kSessionToken = QStringLiteral("FwoGZXIvYXdzPROFILECLISESSION//token=");
const QString kJob = QStringLiteral("aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa");
const QString kToken = QStringLiteral("profile-client-token");

}  // namespace

class TestProfileCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addListShowUseRemove();
    void secretsNeverAsArguments();
    void linkedAwsProfile();
    void errors();
    void badInput_data();
    void badInput();

private:
    test::ProcessOutput cli(const QStringList &arguments, const QByteArray &stdinData = {}) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments, m_env, 120000, stdinData);
    }
    QStringList getArgs(const QString &profile) const
    {
        return {QStringLiteral("get-third-party-job-details"),
                QStringLiteral("--job-id"),
                kJob,
                QStringLiteral("--client-token"),
                kToken,
                QStringLiteral("--endpoint-url"),
                m_fake.url().toString(),
                QStringLiteral("--profile"),
                profile};
    }

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    test::ListeningFake m_fake;
};

void TestProfileCommand::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY(m_home.isValid());
    // The child keeps the keyring's D-Bus session but gets its own home and settings.
    m_env = test::AwsCliEnvironment::isolated(m_home.path());
    test::ListeningFake::Setup setup(kKeyId, kSecret, kJob, kToken, QStringLiteral("ProfileVendor"));
    setup.sessionToken = kSessionToken;
    QVERIFY2(m_fake.start(setup), qPrintable(m_fake.startError()));
}

void TestProfileCommand::addListShowUseRemove()
{
    const auto added =
        cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("support"), QStringLiteral("--region"),
             QStringLiteral("eu-central-1"), QStringLiteral("--access-key-id"), kKeyId},
            (kSecret + QLatin1Char('\n') + kSessionToken + QLatin1Char('\n')).toUtf8());
    QVERIFY2(added.exitCode == 0, added.err.constData());
    QVERIFY(!added.out.contains(kSecret.toUtf8()) && !added.err.contains(kSecret.toUtf8()));

    // The keys are in the keychain, as libsecret sees them.
    QCOMPARE(test::lookUpWithSecretTool(profiles::Keychain::profileKey(QStringLiteral("support"),
                                                                       profiles::ProfileStore::secretAccessKeyField())),
             std::optional<QByteArray>(kSecret.toUtf8()));

    const auto listed = cli({QStringLiteral("profile"), QStringLiteral("list")});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.contains("support\teu-central-1\tkeychain\t-\n"), listed.out.constData());

    const auto shown = cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("support")});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    QVERIFY2(shown.out.contains("****************ST01"), shown.out.constData());
    for (const QString &secret : {kKeyId, kSecret, kSessionToken})
        QVERIFY2(!shown.out.contains(secret.toUtf8()) && !shown.err.contains(secret.toUtf8()), qPrintable(secret));

    // --profile signs with the stored keys (and session token) for the profile's region.
    const auto used = cli(getArgs(QStringLiteral("support")));
    QVERIFY2(used.exitCode == 0, used.err.constData());
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains(QByteArray("Credential=" + kKeyId.toUtf8() + "/")));
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains("/eu-central-1/codepipeline/"));
    QCOMPARE(m_fake.lastRequestHeader("X-Amz-Security-Token"), kSessionToken.toUtf8());
    QVERIFY(used.out.contains(kJob.toUtf8()));

    const auto removed = cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("support")});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QCOMPARE(test::lookUpWithSecretTool(profiles::Keychain::profileKey(QStringLiteral("support"),
                                                                       profiles::ProfileStore::secretAccessKeyField())),
             std::nullopt);
    QVERIFY(!cli({QStringLiteral("profile"), QStringLiteral("list")}).out.contains("support"));
    // Gone: --profile support now finds neither a JobDesk nor an AWS profile.
    QCOMPARE(cli(getArgs(QStringLiteral("support"))).exitCode, 255);
}

void TestProfileCommand::secretsNeverAsArguments()
{
    for (const QString &option : {QStringLiteral("--secret-access-key"), QStringLiteral("--session-token")}) {
        const auto refused = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("leaky"),
                                  QStringLiteral("--access-key-id"), kKeyId, option, kSecret});
        QCOMPARE(refused.exitCode, 252);
        QVERIFY2(refused.err.contains("never taken as an argument"), refused.err.constData());
    }
    const auto refused =
        cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("leaky"),
             QStringLiteral("--access-key-id"), kKeyId, QStringLiteral("--secret-access-key=") + kSecret});
    QCOMPARE(refused.exitCode, 252);
    QVERIFY(!cli({QStringLiteral("profile"), QStringLiteral("list")}).out.contains("leaky"));
    // No key on stdin: refused too.
    const auto empty = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("leaky"),
                            QStringLiteral("--access-key-id"), kKeyId});
    QCOMPARE(empty.exitCode, 252);
}

void TestProfileCommand::linkedAwsProfile()
{
    const QString config = m_home.filePath(QStringLiteral("aws-config"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("[profile partner-prod]\nregion = ap-southeast-2\naws_access_key_id = "
                              "%1\naws_secret_access_key = %2\naws_session_token = %3\n")
                   .arg(kKeyId, kSecret, kSessionToken)
                   .toUtf8());
    file.close();
    const QProcessEnvironment saved = m_env;
    m_env.insert(QStringLiteral("AWS_CONFIG_FILE"), config);
    m_env.remove(QStringLiteral("AWS_DEFAULT_REGION"));  // it would win over the profile's region, as in the AWS CLI
    const auto added = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("linked"),
                            QStringLiteral("--aws-profile"), QStringLiteral("partner-prod")});
    QVERIFY2(added.exitCode == 0, added.err.constData());
    QVERIFY(cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("linked")})
                .out.contains("aws profile partner-prod"));
    const auto used = cli(getArgs(QStringLiteral("linked")));
    QVERIFY2(used.exitCode == 0, used.err.constData());
    QVERIFY(m_fake.lastRequestHeader("Authorization").contains("/ap-southeast-2/codepipeline/"));
    QVERIFY(cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("linked")}).exitCode == 0);
    m_env = saved;
}

void TestProfileCommand::errors()
{
    QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("nobody")}).exitCode, 252);
    QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("nobody")}).exitCode, 252);
    QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("frobnicate")}).exitCode, 252);
    const auto both = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("x"),
                           QStringLiteral("--aws-profile"), QStringLiteral("a"), QStringLiteral("--environment")});
    QCOMPARE(both.exitCode, 252);
    const auto help = cli({QStringLiteral("profile"), QStringLiteral("help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("profile add NAME"));
}

void TestProfileCommand::badInput_data()
{
    QTest::addColumn<QStringList>("options");  // after "profile add bad"
    QTest::addColumn<QByteArray>("stdinData");
    QTest::addColumn<QString>("mentions");
    const QByteArray keys = kSecret.toUtf8() + '\n';
    const QStringList withKey = {QStringLiteral("--access-key-id"), kKeyId};
    QTest::newRow("region a word") << (QStringList(withKey) << QStringLiteral("--region") << QStringLiteral("virginia"))
                                   << keys << QStringLiteral("not a region");
    QTest::newRow("endpoint without scheme")
        << (QStringList(withKey) << QStringLiteral("--endpoint-url") << QStringLiteral("example.com")) << keys
        << QStringLiteral("--endpoint-url");
    QTest::newRow("access key ID too short") << QStringList{QStringLiteral("--access-key-id"), QStringLiteral("AKID")}
                                             << keys << QStringLiteral("--access-key-id");
    QTest::newRow("access key ID pasted with a space")
        << QStringList{QStringLiteral("--access-key-id"), kKeyId + QStringLiteral(" ")} << keys
        << QStringLiteral("starts or ends with a space");
    // A line's trailing spaces and carriage return are dropped when it is read, as `aws configure` does.
    QTest::newRow("secret pasted with a space") << withKey << QByteArray(" " + kSecret.toUtf8() + "\n")
                                                << QStringLiteral("The secret access key starts or ends with a space");
    QTest::newRow("secret with a tab inside")
        << withKey << QByteArray(kSecret.toUtf8().left(8) + "\t" + kSecret.toUtf8().mid(8) + "\n")
        << QStringLiteral("The secret access key contains a control character, U+0009 (tab)");
    QTest::newRow("session token with a tab") << withKey << QByteArray(keys + "token\tpart\n")
                                              << QStringLiteral("The session token contains a control character");
    QTest::newRow("AWS profile with a tab")
        << QStringList{QStringLiteral("--aws-profile"), QStringLiteral("partner\tprod")} << QByteArray()
        << QStringLiteral("--aws-profile");
}

// Each is refused with the parameter-validation exit code, names what is wrong without
// quoting a secret, and stores nothing.
void TestProfileCommand::badInput()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, stdinData);
    QFETCH(QString, mentions);
    (void)cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("bad")});  // an earlier row's
    const auto refused =
        cli(QStringList{QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("bad")} << options, stdinData);
    QCOMPARE(refused.exitCode, 252);
    QVERIFY2(QString::fromUtf8(refused.err).contains(mentions), refused.err.constData());
    QVERIFY(!refused.err.contains(kSecret.toUtf8()));
    QVERIFY(!refused.err.contains("token\tpart"));
    QVERIFY(!cli({QStringLiteral("profile"), QStringLiteral("list")}).out.contains("bad"));
    QVERIFY(!test::lookUpWithSecretTool(
        profiles::Keychain::profileKey(QStringLiteral("bad"), profiles::ProfileStore::secretAccessKeyField())));
}

QTEST_GUILESS_MAIN(TestProfileCommand)
#include "tst_profilecommand.moc"
