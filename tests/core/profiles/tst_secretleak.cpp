// The leak test: a full scripted session in this process (profiles with keys, client
// tokens saved in the vault, jobs fetched from the fake endpoint with keychain and
// assumed-role keys, a redacted JSON export, a failing call, rename and removal), with
// HOME and the XDG directories pointed at a fresh folder and every log message captured.
// Afterwards every file under that folder and the keyring folder, and the log, is searched
// for every secret of the session. Only the keyring's own encrypted files may hold them.

#include "core/aws/awsclient.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/stsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/output/jsonwriter.h"
#include "core/output/redactor.h"
#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "fake/fakecodepipeline.h"
#include "support/asyncwait.h"
#include "support/testenv.h"
#include "support/testkeychain.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <tuple>

using namespace jobdesk;
using jobdesk::fake::FakeCodePipeline;
using jobdesk::fake::FakeJob;
using jobdesk::fake::FakeRole;
using jobdesk::profiles::ClientTokenVault;
using jobdesk::profiles::CredentialResolver;
using jobdesk::profiles::Profile;
using jobdesk::profiles::ProfileStore;
using jobdesk::profiles::ResolvedConfig;
using jobdesk::test::waitFor;

namespace {

QMutex logMutex;
QByteArray capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog += QByteArray::number(int(type)) + ' ' + message.toUtf8() + '\n';
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

const QString JobOne = QStringLiteral("5e5e5e5e-1111-4222-8333-444444444444");
const QString JobTwo = QStringLiteral("5e5e5e5e-5555-4666-8777-888888888888");
const QString RoleArn = QStringLiteral("arn:aws:iam::210987654321:role/SupportReadJobs");

struct Hit
{
    QString secret;
    QString where;
};

}  // namespace

class TestSecretLeak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fullSessionLeavesNoSecretBehind();

private:
    template<typename T>
    T wait(const std::function<void(std::function<void(T)>)> &start)
    {
        std::optional<T> answer = waitFor<T>(start);
        if (!answer)
            qFatal("no answer in time");
        return std::move(*answer);
    }
    Result<codepipeline::OperationResult> fetch(const ResolvedConfig &config, const Secret &clientToken,
                                                const QString &jobId);
    QByteArray exportJob(const codepipeline::OperationResult &result, const Secret &clientToken);

    QTemporaryDir m_root;
    QString m_home;
    QStringList m_searchRoots;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsClient> m_client;
    QStringList m_secrets;  // every secret string of the session, as text
};

void TestSecretLeak::initTestCase()
{
    QVERIFY(m_root.isValid());
    // A home and XDG folders of our own, set before anything reads them.
    m_home = test::isolateHome(m_root.path());
    QVERIFY(!m_home.isEmpty());
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).startsWith(m_home));
    m_searchRoots << m_root.path();
    // The throwaway keyring of with-keychain.sh (its data and runtime folders): searched too,
    // and only its *.keyring files (encrypted by gnome-keyring) may hold a secret.
    m_searchRoots << qEnvironmentVariable("JOBDESK_KEYCHAIN_HOME");
    JOBDESK_REQUIRE_KEYCHAIN();

    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestSecretLeak::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    m_client.reset();
    m_network.reset();
    m_fake.reset();
}

Result<codepipeline::OperationResult> TestSecretLeak::fetch(const ResolvedConfig &config, const Secret &clientToken,
                                                            const QString &jobId)
{
    auto endpoint = aws::EndpointResolver::resolve(config.region, false, config.endpointUrl.toString());
    if (!endpoint)
        return endpoint.error();
    aws::ClientConfig client;
    client.endpoint = endpoint.value();
    client.credentials = config.credentials;
    client.clock = m_clock.get();
    codepipeline::Json params;
    params["jobId"] = jobId.toStdString();
    params["clientToken"] = clientToken.reveal().toStdString();
    const codepipeline::Operation *operation =
        codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    codepipeline::OperationCall *call = codepipeline::OperationCall::start(m_client.get(), client, *operation, params);

    // What --debug would print: the wire, through the redactor.
    auto redactor = std::make_shared<output::Redactor>(operation);
    redactor->addSecret(clientToken);
    redactor->addSecret(config.credentials.secretAccessKey);
    redactor->addSecret(config.credentials.sessionToken);
    connect(call, &codepipeline::OperationCall::wireEvent, this, [redactor](const aws::WireEvent &event) {
        QByteArray headers;
        for (const auto &[name, value] : redactor->redactHeaders(event.headers))
            headers += name + ": " + value + "; ";
        qDebug().noquote() << "wire" << int(event.kind) << event.status << event.url.toString()
                           << QString::fromUtf8(headers)
                           << QString::fromUtf8(event.kind == aws::WireEvent::Kind::Response
                                                    ? redactor->redactResponseBody(event.body)
                                                    : redactor->redactRequestBody(event.body))
                           << redactor->redactText(event.text);
    });
    std::optional<Result<codepipeline::OperationResult>> result;
    connect(call, &codepipeline::OperationCall::finished, this, [&result, call] { result = call->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000))
        return Error::make(Error::Kind::Timeout, QStringLiteral("TestHang"), QStringLiteral("no answer"));
    if (!result->ok())
        qWarning().noquote() << "fetch failed:" << result->error().summary() << result->error().hint;
    return *result;
}

QByteArray TestSecretLeak::exportJob(const codepipeline::OperationResult &result, const Secret &clientToken)
{
    const codepipeline::Operation *operation =
        codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    output::Redactor redactor(operation);
    redactor.addSecret(clientToken);
    return output::writeJson(redactor.redactJson(operation->output, result.response.data));
}

void TestSecretLeak::fullSessionLeavesNoSecretBehind()
{
    // --- the secrets of this session ---------------------------------------------------
    const QString keychainSecret = test::uniqueSecret("kcSecret/", 31);
    const QString keychainToken = test::uniqueSecret("kcSessionToken+", 120);
    const QString secondSecret = test::uniqueSecret("kcSecondSecret=", 25);
    const QString tokenAcme = test::uniqueSecret("clientTokenAcme-", 40);
    const QString tokenGlobex = test::uniqueSecret("clientTokenGlobex-", 40);
    const QString artifactKeyId = test::uniqueSecret("ASIAARTIFACT", 8);
    const QString artifactSecret = test::uniqueSecret("artifactSecret/", 25);
    const QString artifactToken = test::uniqueSecret("artifactSessionToken+", 200);
    const QString sourceSecret = test::uniqueSecret("envSourceSecret", 25);
    m_secrets = {keychainSecret, keychainToken,  secondSecret,  tokenAcme,   tokenGlobex,
                 artifactKeyId,  artifactSecret, artifactToken, sourceSecret};

    // --- the fake endpoint: the keys of the session, two jobs with artifact credentials, a role
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    m_fake->addCredentials(QStringLiteral("ASIALEAKTESTKEYCHAIN"), Secret(keychainSecret), Secret(keychainToken));
    m_fake->addCredentials(QStringLiteral("AKIALEAKTESTSOURCE01"), Secret(sourceSecret));
    m_fake->addRole(FakeRole{RoleArn, {}, {}, QStringLiteral("123456"), 3600, {}});
    for (const auto &[jobId, token] : {std::pair{JobOne, tokenAcme}, std::pair{JobTwo, tokenGlobex}}) {
        FakeJob job;
        job.jobId = jobId;
        job.clientToken = token;
        job.nonce = QStringLiteral("7");
        job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"),
                            QStringLiteral("1")};
        job.details =
            QStringLiteral(
                R"({"id":"%1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"},)"
                R"("actionConfiguration":{"configuration":{"ProjectName":"storefront"}},)"
                R"("inputArtifacts":[{"name":"Source","location":{"type":"S3","s3Location":{"bucketName":"b","objectKey":"k"}}}],)"
                R"("artifactCredentials":{"accessKeyId":"%2","secretAccessKey":"%3","sessionToken":"%4"}},"nonce":"7"})")
                .arg(jobId, artifactKeyId, artifactSecret, artifactToken)
                .toUtf8();
        QVERIFY(m_fake->addJob(job).ok());
    }
    QVERIFY(m_fake->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<aws::AwsClient>(m_network.get());
    aws::StsClient sts(m_client.get());

    // The user's own AWS config names the role; its source keys come from the environment.
    QVERIFY(QDir().mkpath(m_home + QStringLiteral("/.aws")));
    {
        QFile config(m_home + QStringLiteral("/.aws/config"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(
                         "[profile support-role]\nrole_arn = %1\ncredential_source = Environment\nregion = us-east-1\n"
                         "endpoint_url = %2\n")
                         .arg(RoleArn, m_fake->url().toString())
                         .toUtf8());
    }

    {
        // --- add profiles with keys, and save client tokens ------------------------------
        ProfileStore store;
        ClientTokenVault vault;
        Profile keychain{QStringLiteral("partner-prod"),
                         QStringLiteral("us-east-1"),
                         m_fake->url(),
                         Profile::CredentialSource::Keychain,
                         {}};
        aws::Credentials keys;
        keys.accessKeyId = QStringLiteral("ASIALEAKTESTKEYCHAIN");
        keys.secretAccessKey = Secret(keychainSecret);
        keys.sessionToken = Secret(keychainToken);
        QVERIFY(wait<Status>([&](auto done) { store.saveProfile(keychain, &keys, this, std::move(done)); }).ok());
        Profile second{QStringLiteral("partner-staging"),
                       QStringLiteral("eu-west-1"),
                       {},
                       Profile::CredentialSource::Keychain,
                       {}};
        aws::Credentials secondKeys;
        secondKeys.accessKeyId = QStringLiteral("AKIALEAKTESTSECOND01");
        secondKeys.secretAccessKey = Secret(secondSecret);
        QVERIFY(wait<Status>([&](auto done) { store.saveProfile(second, &secondKeys, this, std::move(done)); }).ok());
        Profile linked{QStringLiteral("support-role"),
                       {},
                       {},
                       Profile::CredentialSource::SharedConfig,
                       QStringLiteral("support-role")};
        QVERIFY(wait<Status>([&](auto done) { store.saveProfile(linked, nullptr, this, std::move(done)); }).ok());
        QVERIFY(wait<Status>([&](auto done) {
                    vault.saveToken(QStringLiteral("Acme Corp"), Secret(tokenAcme), this, std::move(done));
                }).ok());
        QVERIFY(wait<Status>([&](auto done) {
                    vault.saveToken(QStringLiteral("Globex"), Secret(tokenGlobex), this, std::move(done));
                }).ok());
        qDebug() << "saved profiles" << store.profiles().size() << "and tokens" << vault.labels();

        // --- fetch jobs with those credentials ---------------------------------------------
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), m_home);
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIALEAKTESTSOURCE01"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), sourceSecret);
        CredentialResolver resolver(&store, env, *m_clock);
        resolver.setStsClient(&sts);

        const auto viaKeychain = wait<Result<ResolvedConfig>>(
            [&](auto done) { resolver.resolve(QStringLiteral("partner-prod"), this, std::move(done)); });
        QVERIFY2(viaKeychain.ok(), qPrintable(viaKeychain.ok() ? QString() : viaKeychain.error().summary()));
        qDebug() << "resolved" << viaKeychain.value().credentialSource << viaKeychain.value().credentials.accessKeyId
                 << viaKeychain.value().credentials.secretAccessKey << viaKeychain.value().credentials.sessionToken;
        const auto acme = wait<Result<Secret>>(
            [&](auto done) { vault.loadToken(QStringLiteral("Acme Corp"), this, std::move(done)); });
        QVERIFY(acme.ok());
        qDebug() << "client token for Acme Corp:" << acme.value();
        const auto first = fetch(viaKeychain.value(), acme.value(), JobOne);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().summary()));

        const auto viaRole = wait<Result<ResolvedConfig>>(
            [&](auto done) { resolver.resolve(QStringLiteral("support-role"), this, std::move(done)); });
        QVERIFY2(viaRole.ok(), qPrintable(viaRole.ok() ? QString() : viaRole.error().summary()));
        m_secrets << viaRole.value().credentials.secretAccessKey.revealText()
                  << viaRole.value().credentials.sessionToken.revealText();
        qDebug() << "assumed" << viaRole.value().credentialSource << viaRole.value().credentials.secretAccessKey;
        const auto globex =
            wait<Result<Secret>>([&](auto done) { vault.loadToken(QStringLiteral("Globex"), this, std::move(done)); });
        QVERIFY(globex.ok());
        const auto second_ = fetch(viaRole.value(), globex.value(), JobTwo);
        QVERIFY2(second_.ok(), qPrintable(second_.ok() ? QString() : second_.error().summary()));
        // A failing call too: its error goes to the log.
        const auto wrongToken = fetch(viaRole.value(), globex.value(), JobOne);
        QVERIFY(!wrongToken.ok());
        QCOMPARE(wrongToken.error().code, QStringLiteral("InvalidClientTokenException"));

        // The artifact credentials really came back, so the export below had them to leak.
        QCOMPARE(
            QString::fromStdString(first.value()
                                       .response.data["jobDetails"]["data"]["artifactCredentials"]["secretAccessKey"]
                                       .get<std::string>()),
            artifactSecret);

        // --- export both jobs as JSON ---------------------------------------------------------
        const QString exports = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QVERIFY(exports.startsWith(m_home));
        QVERIFY(QDir().mkpath(exports));
        for (const auto &[name, result, token] :
             {std::tuple{QStringLiteral("job-acme.json"), first.value(), acme.value()},
              std::tuple{QStringLiteral("job-globex.json"), second_.value(), globex.value()}}) {
            QFile file(exports + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray json = exportJob(result, token);
            QVERIFY(json.contains("storefront"));  // the export is not empty
            file.write(json);
        }

        // --- rename one profile, remove the other and a token ---------------------------------
        QVERIFY(wait<Status>([&](auto done) {
                    store.renameProfile(QStringLiteral("partner-staging"), QStringLiteral("partner-eu"), this,
                                        std::move(done));
                }).ok());
        QVERIFY(wait<Status>([&](auto done) {
                    store.removeProfile(QStringLiteral("partner-prod"), this, std::move(done));
                }).ok());
        QVERIFY(
            wait<Status>([&](auto done) { vault.removeToken(QStringLiteral("Globex"), this, std::move(done)); }).ok());
        qDebug() << "left" << store.profiles().size() << "profiles and tokens" << vault.labels();
    }  // the settings are written out here

    // --- search ---------------------------------------------------------------------------
    QByteArray log;
    {
        QMutexLocker lock(&logMutex);
        log = capturedLog;
    }
    QVERIFY(log.contains("wire"));  // the session did log, through the redactor

    const auto spellings = [](const QString &secret) {
        // As written, and as the encodings a file or log would use: base64 (how QtKeychain
        // hands secrets to libsecret), percent-encoding, JSON escaping of "/".
        const QByteArray raw = secret.toUtf8();
        QByteArray json = raw;
        json.replace("/", "\\/");
        return QList<QByteArray>{raw, raw.toBase64(), raw.toPercentEncoding(), json};
    };
    QList<Hit> hits;
    QList<Hit> keyringHits;
    int filesSearched = 0;
    QStringList files;
    for (const QString &root : std::as_const(m_searchRoots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!it.fileInfo().isFile())
                continue;  // sockets and other special files of the keyring daemon
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray content = file.readAll();
            ++filesSearched;
            files << QDir(root).relativeFilePath(path);
            const bool keyringFile = path.endsWith(QLatin1String(".keyring"))
                && path.startsWith(qEnvironmentVariable("JOBDESK_KEYCHAIN_HOME"));
            for (const QString &secret : std::as_const(m_secrets)) {
                for (const QByteArray &spelling : spellings(secret)) {
                    if (content.contains(spelling)) {
                        (keyringFile ? keyringHits : hits) << Hit{secret.left(12) + QStringLiteral("…"), path};
                        break;
                    }
                }
            }
        }
    }
    for (const QString &secret : std::as_const(m_secrets)) {
        for (const QByteArray &spelling : spellings(secret)) {
            if (log.contains(spelling)) {
                hits << Hit{secret.left(12) + QStringLiteral("…"), QStringLiteral("the captured log")};
                break;
            }
        }
    }

    // The settings, the shared config and the exports were there to be searched.
    QVERIFY2(files.filter(QStringLiteral("JobDesk")).size() >= 1, qPrintable(files.join(QLatin1Char(' '))));
    QVERIFY(files.filter(QStringLiteral("job-acme.json")).size() == 1);
    QVERIFY(files.filter(QStringLiteral(".aws/config")).size() == 1);

    std::printf("tst_secretleak: searched %d files (%s) and %lld bytes of log for %lld secrets (4 spellings each): "
                "%lld hits outside the keyring, %lld inside the keyring's encrypted files\n",
                filesSearched, qPrintable(files.join(QStringLiteral(", "))), static_cast<long long>(log.size()),
                static_cast<long long>(m_secrets.size()), static_cast<long long>(hits.size()),
                static_cast<long long>(keyringHits.size()));
    std::fflush(stdout);
    for (const Hit &hit : std::as_const(hits))
        std::printf("LEAK: %s in %s\n", qPrintable(hit.secret), qPrintable(hit.where));
    QCOMPARE(hits.size(), 0);
}

QTEST_GUILESS_MAIN(TestSecretLeak)
#include "tst_secretleak.moc"
