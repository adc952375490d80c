// The JobDesk window with its keychain profiles, against a real Secret Service (the
// throwaway GNOME Keyring of tests/support/with-keychain.sh) and an in-process fake
// CodePipeline with STS: the profile manager's add, edit, rename, delete, import and
// key test through DialogHooks, a fetch with a keychain profile, the client-token vault,
// and the MFA prompt of an assume-role profile answered and cancelled.

#include "gui/errorbanner.h"
#include "gui/jobactionbar.h"
#include "gui/jobactions.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/mfadialog.h"
#include "gui/pollwindow.h"
#include "gui/profileeditdialog.h"
#include "gui/profilelistmodel.h"
#include "gui/profilemanagerdialog.h"
#include "gui/recentlookupsmodel.h"

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testkeychain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;
using profiles::Profile;

namespace {

const QString kJobId = QStringLiteral("11111111-2222-4333-8444-555555555555");
const QString kRole = QStringLiteral("arn:aws:iam::111122223333:role/Guarded");
const QString kMfaSerial = QStringLiteral("arn:aws:iam::111122223333:mfa/support-person");
const QString kMfaCode = QStringLiteral("246810");
const QString kOtherKey = QStringLiteral("AKIDGUITESTEXAMPLE02");
const QString kOtherSecret = QStringLiteral("otherGuiSecret/EXAMPLE/111111111111111");

}  // namespace

class TestKeychainProfiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fake::FakeCodePipeline *m_fake = nullptr;
    std::unique_ptr<profiles::ProfileStore> m_store;
    std::unique_ptr<profiles::ClientTokenVault> m_vault;
    std::unique_ptr<profiles::CredentialResolver> m_resolver;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsClient> m_client;
    std::unique_ptr<aws::StsClient> m_sts;
    MainWindow *m_window = nullptr;

    LookupForm *form() const { return m_window->lookupForm(); }

    void writeFile(const QString &name, const QString &text)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.toUtf8());
    }

    bool fetch(const QString &profileName)
    {
        if (!form()->selectProfile(profileName))
            return false;
        form()->setRegion(QStringLiteral("us-east-1"));
        form()->setEndpointOverride(m_fake->url().toString());
        form()->setJobId(kJobId);
        form()->setClientToken(Secret(test::kClientToken));
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        QTest::keyClick(form()->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
        if (finished.isEmpty() && !finished.wait(60000))
            return false;
        return finished.constFirst().constFirst().toBool();
    }

    Result<aws::Credentials> storedKeys(const QString &name)
    {
        auto answer = test::waitFor<Result<aws::Credentials>>(
            [&](auto done) { m_store->loadSecrets(name, this, std::move(done)); });
        return answer ? *answer
                      : Result<aws::Credentials>(Error::make(Error::Kind::Timeout, QStringLiteral("TestHang"), {}));
    }

    // Runs one manager operation and waits for its outcome.
    static std::pair<bool, QString> run(ProfileManagerDialog *dialog, const std::function<void()> &operation)
    {
        QSignalSpy finished(dialog, &ProfileManagerDialog::finished);
        operation();
        if (finished.isEmpty() && !finished.wait(60000))
            return {false, QStringLiteral("no answer")};
        return {finished.constFirst().at(0).toBool(), finished.constFirst().at(1).toString()};
    }

    // Opens the manager through its menu action and hands it to body.
    void withManager(const std::function<void(ProfileManagerDialog *)> &body)
    {
        bool opened = false;
        m_window->dialogHooks().profileManager = [&](ProfileManagerDialog *dialog) {
            opened = true;
            body(dialog);
        };
        QAction *action = m_window->action(QStringLiteral("actionProfiles"));
        QVERIFY(action && action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
        action->trigger();
        QVERIFY(opened);
    }

    static void fillKeys(ProfileEditDialog *dialog, const QString &id, const QString &secret)
    {
        dialog->accessKeyIdEdit()->clear();
        QTest::keyClicks(dialog->accessKeyIdEdit(), id);
        dialog->secretKeyEdit()->clear();
        QTest::keyClicks(dialog->secretKeyEdit(), secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keychainprofiles"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        const QString problem = test::keychainProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_fake = new fake::FakeCodePipeline(this);
        m_fake->addCredentials(test::kAccessKeyId, Secret(test::kSecretKey));
        m_fake->addRole(fake::FakeRole{kRole, {}, kMfaSerial, kMfaCode, 3600, {}});
        QVERIFY(m_fake->addJobJson(test::fakeJob({}, test::kClientToken)).ok());
        QVERIFY(m_fake->listen());

        const QString url = m_fake->url().toString();
        writeFile(QStringLiteral("credentials"),
                  QStringLiteral("[source]\naws_access_key_id = %1\naws_secret_access_key = %2\n")
                      .arg(test::kAccessKeyId, test::kSecretKey));
        writeFile(QStringLiteral("config"),
                  QStringLiteral("[profile source]\nregion = us-east-1\nendpoint_url = %1\n"
                                 "[profile guarded]\nrole_arn = %2\nsource_profile = source\nmfa_serial = %3\n"
                                 "region = us-east-1\nendpoint_url = %1\n")
                      .arg(url, kRole, kMfaSerial));
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir.filePath(QStringLiteral("credentials")));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));

        m_store = std::make_unique<profiles::ProfileStore>(m_dir.filePath(QStringLiteral("profiles.ini")));
        m_vault = std::make_unique<profiles::ClientTokenVault>(m_dir.filePath(QStringLiteral("tokens.ini")));
        m_resolver = std::make_unique<profiles::CredentialResolver>(m_store.get(), env);
        m_network = std::make_unique<QNetworkAccessManager>();
        m_client = std::make_unique<aws::AwsClient>(m_network.get());
        m_sts = std::make_unique<aws::StsClient>(m_client.get());
        m_resolver->setStsClient(m_sts.get());

        m_window = new MainWindow;
        m_window->useProfileStore(m_store.get(), m_resolver.get(), m_vault.get());
        AppSettings settings;
        settings.maxAttempts = 1;
        settings.proxyMode = AppSettings::ProxyMode::None;
        m_window->applySettings(settings);
        new QAbstractItemModelTester(m_window->profiles(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase()
    {
        delete m_window;
        // Leave nothing in the throwaway keyring for the next test.
        for (const Profile &p : m_store->profiles())
            test::waitFor<Status>([&](auto done) { m_store->removeProfile(p.name, this, std::move(done)); });
        for (const QString &label : m_vault->labels())
            test::waitFor<Status>([&](auto done) { m_vault->removeToken(label, this, std::move(done)); });
        QSettings().clear();
    }

    void init()
    {
        m_window->dialogHooks() = {};
        m_window->errorBanner()->dismiss();
        m_resolver->clearCache();
    }

    void sharedConfigProfilesAreListed()
    {
        QVERIFY(m_window->profiles()->rowOf(QStringLiteral("source")) >= 0);
        QVERIFY(m_window->profiles()->rowOf(QStringLiteral("guarded")) >= 0);
        QCOMPARE(m_window->profiles()->entry(m_window->profiles()->rowOf(QStringLiteral("guarded"))).endpointOverride,
                 m_fake->url().toString());
    }

    void addTestRenameEditDelete()
    {
        withManager([&](ProfileManagerDialog *dialog) {
            bool seen = false;
            // Add: keys typed into password fields.
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                seen = editor->mode() == ProfileEditDialog::Mode::Add
                    && editor->secretKeyEdit()->echoMode() == QLineEdit::Password
                    && editor->sessionTokenEdit()->echoMode() == QLineEdit::Password
                    && !editor->secretKeyEdit()->accessibleName().isEmpty();
                QTest::keyClicks(editor->nameEdit(), QStringLiteral("Acme"));
                QTest::keyClicks(editor->regionEdit(), QStringLiteral("us-east-1"));
                QTest::keyClicks(editor->endpointEdit(), m_fake->url().toString());
                editor->sourceCombo()->setCurrentIndex(
                    editor->sourceCombo()->findData(int(Profile::CredentialSource::Keychain)));
                fillKeys(editor, test::kAccessKeyId, test::kSecretKey);
                return true;
            };
            auto [added, addMessage] = run(dialog, [&] { dialog->addProfile(); });
            QVERIFY2(added, qPrintable(addMessage));
            QVERIFY(seen);
            QVERIFY(dialog->profileNames().contains(QStringLiteral("Acme")));
            auto keys = storedKeys(QStringLiteral("Acme"));
            QVERIFY(keys.ok());
            QCOMPARE(keys.value().accessKeyId, test::kAccessKeyId);
            QCOMPARE(keys.value().secretAccessKey.revealText(), test::kSecretKey);
            QVERIFY(m_window->profiles()->rowOf(QStringLiteral("Acme")) >= 0);

            // Test: one signed call; the fake does not know the job, so the keys work.
            auto [works, worksMessage] = run(dialog, [&] { dialog->testProfile(QStringLiteral("Acme")); });
            QVERIFY2(works, qPrintable(worksMessage));
            QVERIFY(worksMessage.contains(QStringLiteral("work")));
            QCOMPARE(dialog->statusText(), worksMessage);

            // Edit and rename: the stored keys are never shown and are kept when left empty.
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                // The stored keys are never shown.
                seen = editor->mode() == ProfileEditDialog::Mode::Edit && editor->accessKeyIdEdit()->text().isEmpty()
                    && editor->secretKeyEdit()->text().isEmpty() && editor->sessionTokenEdit()->text().isEmpty();
                editor->nameEdit()->clear();
                QTest::keyClicks(editor->nameEdit(), QStringLiteral("Acme Renamed"));
                return true;
            };
            auto [renamed, renameMessage] = run(dialog, [&] { dialog->editProfile(QStringLiteral("Acme")); });
            QVERIFY2(renamed, qPrintable(renameMessage));
            QVERIFY(seen);
            QVERIFY(!m_store->contains(QStringLiteral("Acme")));
            QVERIFY(m_store->contains(QStringLiteral("Acme Renamed")));
            QVERIFY(!test::lookUpWithSecretTool(QStringLiteral("profile/Acme/secret-access-key")));
            QCOMPARE(storedKeys(QStringLiteral("Acme Renamed")).value().secretAccessKey.revealText(), test::kSecretKey);
            QVERIFY(m_window->profiles()->rowOf(QStringLiteral("Acme")) < 0);
            QVERIFY(m_window->profiles()->rowOf(QStringLiteral("Acme Renamed")) >= 0);

            // Edit with a wrong secret: the test says plainly that the keys do not work.
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                fillKeys(editor, test::kAccessKeyId, QStringLiteral("not-the-secret"));
                return true;
            };
            auto [edited, editMessage] = run(dialog, [&] { dialog->editProfile(QStringLiteral("Acme Renamed")); });
            QVERIFY2(edited, qPrintable(editMessage));
            auto [broken, brokenMessage] = run(dialog, [&] { dialog->testProfile(QStringLiteral("Acme Renamed")); });
            QVERIFY(!broken);
            QVERIFY2(brokenMessage.contains(QStringLiteral("do not work")), qPrintable(brokenMessage));
            QVERIFY(brokenMessage.contains(QStringLiteral("InvalidSignatureException")));

            // An unknown key ID is told apart from a wrong secret.
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                fillKeys(editor, kOtherKey, kOtherSecret);
                return true;
            };
            QVERIFY(run(dialog, [&] { dialog->editProfile(QStringLiteral("Acme Renamed")); }).first);
            auto [unknown, unknownMessage] = run(dialog, [&] { dialog->testProfile(QStringLiteral("Acme Renamed")); });
            QVERIFY(!unknown);
            QVERIFY2(unknownMessage.contains(QStringLiteral("does not know this access key ID")),
                     qPrintable(unknownMessage));

            // A refused confirmation deletes nothing; an accepted one deletes the profile and its keys.
            m_window->dialogHooks().confirm = [](const QString &) { return false; };
            QVERIFY(!run(dialog, [&] { dialog->removeProfile(QStringLiteral("Acme Renamed")); }).first);
            QVERIFY(m_store->contains(QStringLiteral("Acme Renamed")));
            m_window->dialogHooks().confirm = [](const QString &) { return true; };
            auto [removed, removeMessage] = run(dialog, [&] { dialog->removeProfile(QStringLiteral("Acme Renamed")); });
            QVERIFY2(removed, qPrintable(removeMessage));
            QVERIFY(!m_store->contains(QStringLiteral("Acme Renamed")));
            QVERIFY(!test::lookUpWithSecretTool(QStringLiteral("profile/Acme Renamed/secret-access-key")));
            QVERIFY(!test::lookUpWithSecretTool(QStringLiteral("profile/Acme Renamed/access-key-id")));
            QVERIFY(!dialog->profileNames().contains(QStringLiteral("Acme Renamed")));
        });
    }

    void editorRefusesIncompleteKeys()
    {
        withManager([&](ProfileManagerDialog *dialog) {
            QString shown;
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                QTest::keyClicks(editor->nameEdit(), QStringLiteral("NoSecret"));
                QTest::keyClicks(editor->accessKeyIdEdit(), test::kAccessKeyId);
                const bool ok = editor->validate();
                shown = editor->errorText();
                return ok;
            };
            QVERIFY(!run(dialog, [&] { dialog->addProfile(); }).first);
            QVERIFY(!shown.isEmpty());
            QVERIFY(!m_store->contains(QStringLiteral("NoSecret")));
        });
    }

    void importLinkOrCopy_data()
    {
        QTest::addColumn<bool>("copy");
        QTest::newRow("link") << false;
        QTest::newRow("copy keys") << true;
    }

    void importLinkOrCopy()
    {
        QFETCH(bool, copy);
        const QString name = copy ? QStringLiteral("copied") : QStringLiteral("linked");
        bool seen = false;
        withManager([&](ProfileManagerDialog *dialog) {
            m_window->dialogHooks().profileEditor = [&](ProfileEditDialog *editor) {
                seen = editor->mode() == ProfileEditDialog::Mode::Import
                    && editor->sharedProfileCombo()->currentText() == QLatin1String("source");
                editor->nameEdit()->clear();
                QTest::keyClicks(editor->nameEdit(), name);
                editor->copyKeysBox()->setChecked(copy);
                return true;
            };
            auto [imported, message] = run(dialog, [&] { dialog->importProfile(QStringLiteral("source")); });
            QVERIFY2(imported, qPrintable(message));
        });
        QVERIFY(seen);
        const auto profile = m_store->profile(name);
        QVERIFY(profile);
        if (copy) {
            QCOMPARE(profile->source, Profile::CredentialSource::Keychain);
            QCOMPARE(profile->region, QStringLiteral("us-east-1"));
            const auto keys = storedKeys(name);
            QVERIFY(keys.ok());
            QCOMPARE(keys.value().accessKeyId, test::kAccessKeyId);
            QCOMPARE(keys.value().secretAccessKey.revealText(), test::kSecretKey);
        } else {
            QCOMPARE(profile->source, Profile::CredentialSource::SharedConfig);
            QCOMPARE(profile->sharedConfigProfile, QStringLiteral("source"));
            QCOMPARE(storedKeys(name).error().code, QStringLiteral("NotAKeychainProfile"));
            QVERIFY(!test::lookUpWithSecretTool(QStringLiteral("profile/linked/secret-access-key")));
        }
        // Either way, the imported profile fetches the job.
        QVERIFY(fetch(name));
        QCOMPARE(m_window->currentJobView() != nullptr, true);
    }

    void fetchWithKeychainProfile()
    {
        Profile p;
        p.name = QStringLiteral("Stored");
        p.region = QStringLiteral("us-east-1");
        p.endpoint = m_fake->url();
        aws::Credentials keys;
        keys.accessKeyId = test::kAccessKeyId;
        keys.secretAccessKey = Secret(test::kSecretKey);
        auto saved = test::waitFor<Status>([&](auto done) { m_store->saveProfile(p, &keys, this, std::move(done)); });
        QVERIFY(saved && saved->ok());
        QTRY_VERIFY(m_window->profiles()->rowOf(QStringLiteral("Stored")) >= 0);
        const int before = m_window->documentTabs()->count();
        QVERIFY(fetch(QStringLiteral("Stored")));
        QCOMPARE(m_window->documentTabs()->count(), before + 1);
    }

    void vaultSaveAndPick()
    {
        QVERIFY(form()->savedTokenCombo()->isVisible());
        QVERIFY(!form()->savedTokenCombo()->accessibleName().isEmpty());
        form()->setClientToken(Secret(test::kClientToken));

        // Cancelled: nothing is saved.
        m_window->dialogHooks().tokenLabel = [](const QString &) { return QString(); };
        QSignalSpy cancelled(form(), &LookupForm::tokenVaultFinished);
        form()->saveTokenButton()->click();
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(m_vault->labels().isEmpty());

        m_window->dialogHooks().tokenLabel = [](const QString &) { return QStringLiteral("customer-a"); };
        QSignalSpy saved(form(), &LookupForm::tokenVaultFinished);
        form()->saveTokenButton()->click();
        QVERIFY(saved.size() == 1 || saved.wait(60000));
        QVERIFY(saved.constFirst().constFirst().toBool());
        QCOMPARE(m_vault->labels(), QStringList{QStringLiteral("customer-a")});
        QVERIFY(form()->savedTokenCombo()->findText(QStringLiteral("customer-a")) > 0);

        form()->clientTokenEdit()->clear();
        QSignalSpy picked(form(), &LookupForm::tokenVaultFinished);
        const int row = form()->savedTokenCombo()->findText(QStringLiteral("customer-a"));
        form()->savedTokenCombo()->setCurrentIndex(row);
        Q_EMIT form()->savedTokenCombo()->activated(row);
        QVERIFY(picked.size() == 1 || picked.wait(60000));
        QVERIFY(picked.constFirst().constFirst().toBool());
        QCOMPARE(form()->clientTokenEdit()->text(), test::kClientToken);
        QCOMPARE(form()->clientTokenEdit()->echoMode(), QLineEdit::Password);
    }

    // A token saved for a polled job's client opens that client's next polled job fetched.
    void polledJobsUseTheTokenSavedForTheirClient()
    {
        const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto addJob = [&] {
            test::JobShape shape;
            shape.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            nlohmann::ordered_json job =
                nlohmann::ordered_json::parse(test::fakeJob(shape, test::kClientToken).toStdString());
            job["clientId"] = clientId.toStdString();
            job["actionTypeId"] = {
                {"category", "Test"}, {"owner", "ThirdParty"}, {"provider", "VaultCI"}, {"version", "1"}};
            return m_fake->addJobJson(QByteArray::fromStdString(job.dump())).ok() ? shape.jobId : QString();
        };
        QVERIFY(form()->selectProfile(QStringLiteral("source")));
        form()->setRegion(QStringLiteral("us-east-1"));
        form()->setEndpointOverride(m_fake->url().toString());
        m_window->dialogHooks().pollNotice = [](const QString &, bool &) { return true; };
        QVERIFY(!m_vault->hasClientToken(clientId));

        const auto pollAndOpen = [&](const QString &jobId) {
            m_window->action(QStringLiteral("actionPoll"))->trigger();
            PollWindow *window = m_window->jobActions()->pollWindow();
            window->categoryCombo()->setCurrentText(QStringLiteral("Test"));
            window->providerEdit()->setText(QStringLiteral("VaultCI"));
            window->versionEdit()->setText(QStringLiteral("1"));
            QSignalSpy polled(m_window->jobActions(), &JobActions::actionFinished);
            window->pollButton()->click();
            QVERIFY(polled.size() == 1 || polled.wait(60000));
            QCOMPARE(window->jobsModel()->index(0, 0).data().toString(), jobId);
            window->jobsView()->setCurrentIndex(window->jobsModel()->index(0, 0));
            window->openButton()->click();
            window->close();
        };

        // No token saved yet: the tab asks, and the person keeps it for the client.
        const QString first = addJob();
        QVERIFY(!first.isEmpty());
        QSignalSpy fetched(m_window, &MainWindow::fetchFinished);
        pollAndOpen(first);
        JobView *waiting = m_window->currentJobView();
        QVERIFY(waiting && waiting->actionBar()->isAskingForToken());
        waiting->actionBar()->tokenEdit()->setText(test::kClientToken);
        waiting->actionBar()->saveTokenCheck()->setChecked(true);
        waiting->actionBar()->fetchButton()->click();
        QVERIFY(fetched.size() == 1 || fetched.wait(60000));
        QVERIFY(fetched.constFirst().constFirst().toBool());
        QTRY_VERIFY_WITH_TIMEOUT(m_vault->hasClientToken(clientId), 60000);
        QCOMPARE(m_window->currentJobView()->document().jobId(), first);

        // The next job of that client opens fetched, with the token from the keychain.
        const QString second = addJob();
        fetched.clear();
        pollAndOpen(second);
        QVERIFY(fetched.size() == 1 || fetched.wait(60000));
        QVERIFY(fetched.constFirst().constFirst().toBool());
        JobView *view = m_window->currentJobView();
        QCOMPARE(view->document().jobId(), second);
        QCOMPARE(view->document().origin(), codepipeline::JobDocument::Origin::Fetched);
        QVERIFY(!view->actionBar()->isAskingForToken());
        QCOMPARE(view->clientToken().revealText(), test::kClientToken);

        auto removed =
            test::waitFor<Status>([&](auto done) { m_vault->removeClientToken(clientId, this, std::move(done)); });
        QVERIFY(removed && removed->ok());
    }

    void mfaPrompt_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("accept");
        QTest::addColumn<bool>("fetched");
        QTest::newRow("answered") << kMfaCode << true << true;
        QTest::newRow("cancelled") << QStringLiteral("1234") << false << false;
    }

    void mfaPrompt()
    {
        QFETCH(QString, code);
        QFETCH(bool, accept);
        QFETCH(bool, fetched);
        int asked = 0;
        QString accessibleName;
        m_window->dialogHooks().mfa = [&](MfaDialog *dialog) {
            ++asked;
            accessibleName = dialog->codeEdit()->accessibleName();
            QTest::keyClicks(dialog->codeEdit(), code);
            return accept;
        };
        const int sessions = int(m_fake->roleSessions().size());
        QCOMPARE(fetch(QStringLiteral("guarded")), fetched);
        QCOMPARE(asked, 1);
        QCOMPARE(accessibleName, QStringLiteral("MFA code"));
        if (fetched) {
            QCOMPARE(int(m_fake->roleSessions().size()), sessions + 1);
            QCOMPARE(m_fake->roleSessions().constLast().serialNumber, kMfaSerial);
        } else {
            QCOMPARE(int(m_fake->roleSessions().size()), sessions);
            // Cancelling is the person's choice: no error banner, but the status bar says what happened.
            QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("No MFA code was entered")));
            QCOMPARE(m_window->recentLookups()->lookup(0).outcome, QStringLiteral("Cancelled"));
        }
    }
};

QTEST_MAIN(TestKeychainProfiles)
#include "tst_keychainprofiles.moc"
