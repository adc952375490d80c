#include "tst_secretlifetime.h"

#include "gui/lookupform.h"

#include "support/guitestdata.h"
#include "support/testenv.h"

#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QStandardPaths>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;
using jobdesk::profiles::Profile;

namespace {

const QString kRoleA = QStringLiteral("arn:aws:iam::210987654321:role/SupportReadA");
const QString kRoleC = QStringLiteral("arn:aws:iam::210987654321:role/SupportReadC");
const QString kSourceKeyId = QStringLiteral("AKIALIFETIMESOURCE01");

}  // namespace

namespace lifetime {

void collect(const nlohmann::ordered_json &value, const QStringList &secrets, std::vector<HeldString> &out)
{
    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        const QString text = QString::fromStdString(s);
        for (const QString &secret : secrets) {
            if (text.contains(secret)) {
                out.push_back({&s, s.data(), s.size()});
                break;
            }
        }
        return;
    }
    if (value.is_object() || value.is_array()) {
        for (const auto &child : value)
            collect(child, secrets, out);
    }
}

QStringList modelHits(const QAbstractItemModel *model, const QStringList &secrets, const QModelIndex &parent)
{
    static const int roles[] = {Qt::DisplayRole,   Qt::EditRole,     Qt::ToolTipRole,  Qt::AccessibleTextRole,
                                Qt::StatusTipRole, Qt::UserRole + 1, Qt::UserRole + 2, Qt::UserRole + 3};
    QStringList hits;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            for (int role : roles) {
                const QString text = model->data(index, role).toString();
                for (const QString &secret : secrets) {
                    if (!text.isEmpty() && text.contains(secret))
                        hits << QStringLiteral("%1 row %2 column %3 role %4")
                                    .arg(QLatin1String(model->metaObject()->className()))
                                    .arg(row)
                                    .arg(column)
                                    .arg(role);
                }
            }
        }
        hits << modelHits(model, secrets, model->index(row, 0, parent));
    }
    return hits;
}

}  // namespace lifetime

void TestSecretLifetime::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(m_outside.isValid());
    // A home and XDG folders of our own, set before anything reads them.
    m_home = test::isolateHome(m_root.path());
    QVERIFY(!m_home.isEmpty());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_secretlifetime"));
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).startsWith(m_home));

    m_artifactKeyId = test::uniqueSecret("ASIALIFE", 12);
    m_artifactSecret = test::uniqueSecret("lifeArtifactSecret/", 21);
    m_artifactToken = test::uniqueSecret("lifeArtifactSessionToken+", 160);
    m_clientToken = test::uniqueSecret("lifeClientToken-", 24);
    m_continuationToken = test::uniqueSecret("lifeContinuation:", 40);
    m_configSecret = test::uniqueSecret("lifeApiToken_", 24);
    m_sourceSecret = test::uniqueSecret("lifeSourceSecret", 24);

    m_fake = std::make_unique<fake::FakeCodePipeline>();
    m_fake->addCredentials(kSourceKeyId, Secret(m_sourceSecret));
    m_fake->addRole(fake::FakeRole{kRoleA, {}, {}, QStringLiteral("123456"), 3600, {}});
    m_fake->addRole(fake::FakeRole{kRoleC, {}, {}, QStringLiteral("123456"), 3600, {}});
    for (const QString &jobId : {m_jobA, m_jobB, m_jobC}) {
        nlohmann::ordered_json job = {{"clientToken", m_clientToken.toStdString()},
                                      {"state", "Queued"},
                                      {"details", nlohmann::ordered_json::parse(jobDetailsJson(jobId).toStdString())}};
        const std::string text = job.dump();
        QVERIFY(m_fake->addJobJson(QByteArray(text.data(), qsizetype(text.size()))).ok());
    }
    QVERIFY(m_fake->listen());

    // Shared-config profiles that assume roles with keys from the environment.
    QVERIFY(QDir().mkpath(m_home + QStringLiteral("/.aws")));
    {
        QFile config(m_home + QStringLiteral("/.aws/config"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        QString text;
        for (const auto &[name, arn] :
             {std::pair{QStringLiteral("role-a"), kRoleA}, std::pair{QStringLiteral("role-b"), kRoleA},
              std::pair{QStringLiteral("role-c"), kRoleC}}) {
            text += QStringLiteral("[profile %1]\nrole_arn = %2\nrole_session_name = %1\ncredential_source = "
                                   "Environment\nregion = us-east-1\nendpoint_url = %3\n\n")
                        .arg(name, arn, m_fake->url().toString());
        }
        config.write(text.toUtf8());
    }
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), m_home);
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), kSourceKeyId);
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_sourceSecret);

    m_network = std::make_unique<QNetworkAccessManager>();
    m_stsTransport = std::make_unique<aws::AwsClient>(m_network.get());
    m_sts = std::make_unique<aws::StsClient>(m_stsTransport.get());
    m_store = std::make_unique<profiles::ProfileStore>();
    m_vault = std::make_unique<profiles::ClientTokenVault>();
    m_resolver = std::make_unique<profiles::CredentialResolver>(m_store.get(), env);
    m_resolver->setStsClient(m_sts.get());

    // A JobDesk profile linked to role-c: no keychain needed for it.
    const Profile linked{QStringLiteral("linked-c"), QStringLiteral("us-east-1"), m_fake->url(),
                         Profile::CredentialSource::SharedConfig, QStringLiteral("role-c")};
    std::optional<Status> saved;
    m_store->saveProfile(linked, nullptr, this, [&saved](Status s) { saved = s; });
    QVERIFY(QTest::qWaitFor([&saved] { return saved.has_value(); }, 60000));
    QVERIFY(saved->ok());

    m_window = new MainWindow;
    m_window->useProfileStore(m_store.get(), m_resolver.get(), m_vault.get());
    AppSettings settings;
    settings.connectTimeoutSeconds = 10;
    settings.readTimeoutSeconds = 10;
    settings.maxAttempts = 1;
    settings.proxyMode = AppSettings::ProxyMode::None;
    m_window->applySettings(settings);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestSecretLifetime::cleanupTestCase()
{
    delete m_window;
    m_window = nullptr;
    m_resolver.reset();
    m_vault.reset();
    m_store.reset();
    m_sts.reset();
    m_stsTransport.reset();
    m_network.reset();
    m_fake.reset();
}
