// The window's IAM Identity Center sign-in, against a real Secret Service (the throwaway
// GNOME Keyring of tests/support/with-keychain.sh) and the fake endpoint's SSO services:
// a lookup that needs a sign-in shows the dialog, the test plays the person at the
// browser (or approves the device code), and the job arrives; Cancel, a revoked sign-in
// with "Sign In Again", Sign Out, a second sign-in joining the first, and sharing the
// sign-in with the AWS CLI through Settings.

#include "gui/errorbanner.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/profilelistmodel.h"
#include "gui/profilesource.h"
#include "gui/recentlookupsmodel.h"
#include "gui/settingsdialog.h"
#include "gui/ssosigninactions.h"
#include "gui/ssosignindialog.h"
#include "gui/ssosigninprompter.h"
#include "gui/ssostatuswidget.h"

#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/sso/ssosessions.h"
#include "core/sso/ssotokenstore.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/ssotestbed.h"
#include "support/testkeychain.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;
using profiles::Profile;
namespace ssofix = jobdesk::test::ssofix;

namespace {

const QString kJobId = QStringLiteral("11111111-2222-4333-8444-555555555555");
const QString kSharedProfile = QStringLiteral("sso-support");  // in the AWS config file
const QString kDeskProfile = QStringLiteral("Desk SSO");       // a JobDesk profile

}  // namespace

class TestWindowSsoSignIn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fake::FakeCodePipeline *m_fake = nullptr;
    std::unique_ptr<profiles::ProfileStore> m_store;
    std::unique_ptr<profiles::ClientTokenVault> m_vault;
    std::unique_ptr<profiles::CredentialResolver> m_resolver;
    std::unique_ptr<QNetworkAccessManager> m_browser;  // the person's browser
    MainWindow *m_window = nullptr;
    QList<QUrl> m_opened;                // what the window asked the platform to open
    QPointer<SsoSignInDialog> m_dialog;  // the sign-in dialog, once open
    int m_dialogsShown = 0;

    LookupForm *form() const { return m_window->lookupForm(); }
    sso::SsoSessions *sessions() const { return m_resolver->ssoSessions(); }
    SsoStatusWidget *status() const { return m_window->ssoSignIn()->statusWidget(); }

    static sso::SsoSignIn::Settings session()
    {
        sso::SsoSignIn::Settings s;
        s.startUrl = ssofix::StartUrl;
        s.region = ssofix::Region;
        s.sessionName = ssofix::SessionName;
        s.scopes = {QStringLiteral("sso:account:access")};
        return s;
    }

    void writeFile(const QString &name, const QString &text)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.toUtf8());
    }

    // Fills the form and presses Ctrl+Return; the lookup's end comes as fetchFinished.
    void startFetch(const QString &profile)
    {
        QVERIFY(form()->selectProfile(profile));
        form()->setRegion(QStringLiteral("us-east-1"));
        form()->setEndpointOverride(m_fake->url().toString());
        form()->setJobId(kJobId);
        form()->setClientToken(Secret(test::kClientToken));
        pressFetch();
    }

    // Ctrl+Return, in the window active again after a dialog.
    void pressFetch()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QTest::keyClick(form()->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
    }

    // The browser: the sign-in page redirects to the window's loopback listener, which answers.
    bool playBrowser(const QUrl &page)
    {
        QNetworkRequest request(page);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_browser->get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return false;
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 302)
            return false;
        QNetworkReply *back = m_browser->get(QNetworkRequest(QUrl::fromEncoded(reply->rawHeader("Location"))));
        QSignalSpy arrived(back, &QNetworkReply::finished);
        if (!arrived.wait(10000))
            return false;
        back->deleteLater();
        return back->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    }

    // Plays the browser for the page the window opened, once the dialog shows it.
    bool signInThroughBrowser()
    {
        if (!QTest::qWaitFor([&] { return m_dialog && !m_opened.isEmpty(); }, 20000))
            return false;
        const QUrl page = m_opened.takeLast();
        return m_dialog->mode() == SsoSignInDialog::Mode::Browser && m_dialog->browserUrl() == page
            && playBrowser(page);
    }

    std::optional<sso::SsoTokenStore::Loaded> storedToken()
    {
        auto answer = test::waitFor<Result<std::optional<sso::SsoTokenStore::Loaded>>>(
            [&](auto done) { sessions()->store()->load(session(), this, std::move(done)); });
        if (!answer || !answer->ok())
            return std::nullopt;
        return answer->value();
    }

    bool signOut()
    {
        auto answer = test::waitFor<Status>([&](auto done) { sessions()->signOut(session(), this, std::move(done)); });
        return answer && answer->ok();
    }

    static bool waitFinished(QSignalSpy &finished) { return !finished.isEmpty() || finished.wait(60000); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowssosignin"));
        QSettings().clear();
        sso::SsoTokenStore::setSharingSetting(false);
        QVERIFY(m_dir.isValid());
        const QString problem = test::keychainProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_fake = new fake::FakeCodePipeline(this);
        fake::FakeSsoLifetimes lifetimes;
        lifetimes.pollInterval = 1;  // the service's shortest, so the device flow stays short
        m_fake->setSsoLifetimes(lifetimes);
        m_fake->addSsoAccount({ssofix::SupportAccount,
                               QStringLiteral("Support"),
                               QStringLiteral("support@example.com"),
                               {QStringLiteral("ReadOnly")}});
        QVERIFY(m_fake->addJobJson(test::fakeJob({}, test::kClientToken)).ok());
        QVERIFY(m_fake->listen());

        const QString url = m_fake->url().toString();
        writeFile(QStringLiteral("config"),
                  QStringLiteral("[profile %1]\nsso_session = %2\nsso_account_id = %3\nsso_role_name = ReadOnly\n"
                                 "region = us-east-1\nendpoint_url = %4\n"
                                 "[sso-session %2]\nsso_start_url = %5\nsso_region = %6\n"
                                 "sso_registration_scopes = sso:account:access\n")
                      .arg(kSharedProfile, ssofix::SessionName, ssofix::SupportAccount, url, ssofix::StartUrl,
                           ssofix::Region));
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir.filePath(QStringLiteral("credentials")));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC"), url);
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), url);

        m_store = std::make_unique<profiles::ProfileStore>(m_dir.filePath(QStringLiteral("profiles.ini")));
        m_vault = std::make_unique<profiles::ClientTokenVault>(m_dir.filePath(QStringLiteral("tokens.ini")));
        m_resolver = std::make_unique<profiles::CredentialResolver>(m_store.get(), env);
        m_browser = std::make_unique<QNetworkAccessManager>();

        // The JobDesk profile signs in to the same session as the shared-config one.
        Profile desk;
        desk.name = kDeskProfile;
        desk.region = QStringLiteral("us-east-1");
        desk.endpoint = m_fake->url();
        desk.source = Profile::CredentialSource::Sso;
        desk.sso = {ssofix::StartUrl, ssofix::Region, ssofix::SessionName, ssofix::SupportAccount,
                    QStringLiteral("ReadOnly")};
        auto saved =
            test::waitFor<Status>([&](auto done) { m_store->saveProfile(desk, nullptr, this, std::move(done)); });
        QVERIFY(saved && saved->ok());

        m_window = new MainWindow;
        m_window->useProfileStore(m_store.get(), m_resolver.get(), m_vault.get());
        AppSettings settings;
        settings.maxAttempts = 1;
        settings.proxyMode = AppSettings::ProxyMode::None;
        m_window->applySettings(settings);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase()
    {
        QVERIFY(signOut());  // nothing left in the throwaway keyring
        delete m_window;
        for (const Profile &p : m_store->profiles())
            test::waitFor<Status>([&](auto done) { m_store->removeProfile(p.name, this, std::move(done)); });
        sso::SsoTokenStore::setSharingSetting(false);
        QSettings().clear();
    }

    void init()
    {
        m_window->dialogHooks() = {};
        m_opened.clear();
        m_dialog = nullptr;
        m_dialogsShown = 0;
        m_window->dialogHooks().openUrl = [this](const QUrl &url) {
            m_opened.append(url);
            return true;
        };
        m_window->dialogHooks().ssoSignIn = [this](SsoSignInDialog *dialog) {
            m_dialog = dialog;
            ++m_dialogsShown;
        };
        m_window->errorBanner()->dismiss();
        // Each case starts signed out, with no role keys kept.
        QVERIFY(signOut());
        m_resolver->clearCache();
        sessions()->clearRoleCache();
        m_fake->resetCounters();
    }

    void cleanup()
    {
        // A dialog a failed case left open must not hold up the next one.
        if (m_dialog)
            m_dialog->reject();
        QTRY_VERIFY(!m_window->isBusy());
    }

    void fetchSignsInFirst_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("deviceCode");
        QTest::newRow("shared config, browser") << kSharedProfile << false;
        QTest::newRow("JobDesk profile, browser") << kDeskProfile << false;
        QTest::newRow("shared config, code") << kSharedProfile << true;
        QTest::newRow("JobDesk profile, code") << kDeskProfile << true;
    }

    void fetchSignsInFirst()
    {
        QFETCH(QString, profile);
        QFETCH(bool, deviceCode);
        QVERIFY(form()->selectProfile(profile));
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::NotSignedIn);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        QSignalSpy codes(m_fake, &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
        startFetch(profile);
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog, 20000);
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(m_dialog->windowModality(), Qt::WindowModal);
        QVERIFY(m_dialog->introText().contains(ssofix::StartUrl));
        QVERIFY(m_dialog->introText().contains(profile));
        QVERIFY(m_window->isBusy());
        QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 0);

        if (!deviceCode) {
            QVERIFY(signInThroughBrowser());
            QCOMPARE(m_dialog->browserUrlText(), m_dialog->browserUrl().toString(QUrl::FullyEncoded));
        } else {
            // The browser flow gives way to a code: the one the service handed out, shown large.
            QTRY_VERIFY_WITH_TIMEOUT(m_dialog->useCodeButton()->isVisible(), 20000);
            QTest::mouseClick(m_dialog->useCodeButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(m_dialog->mode(), SsoSignInDialog::Mode::DeviceCode, 20000);
            QCOMPARE(codes.size(), 1);
            const QString code = codes.first().first().toString();
            QCOMPARE(m_dialog->userCode(), code);
            QVERIFY(!m_dialog->useCodeButton()->isVisible());
            QVERIFY(m_dialog->verificationText().contains(QStringLiteral("href=")));
            QTest::mouseClick(m_dialog->copyCodeButton(), Qt::LeftButton);
            QCOMPARE(QGuiApplication::clipboard()->text(), code);
            QVERIFY(m_fake->approveSsoUserCode(code));
        }
        QVERIFY(waitFinished(finished));
        QCOMPARE(finished.constFirst().constFirst().toBool(), true);
        QVERIFY(!m_dialog);  // closed and gone
        QCOMPARE(m_dialogsShown, 1);
        QCOMPARE(m_window->documentTabs()->count() > 0, true);
        QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 1);
        QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 1);

        // The token is in the keychain, and not in the AWS CLI's cache (sharing is off).
        const auto stored = storedToken();
        QVERIFY(stored);
        QVERIFY(!stored->fromAwsCli);
        QVERIFY(test::lookUpWithSecretTool(sso::SsoTokenStore::keychainKey(session())).has_value());
        QVERIFY(!QFileInfo::exists(sessions()->store()->awsCliCache().filePath(ssofix::StartUrl, ssofix::SessionName)));

        // The status bar says until when, in local time.
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::SignedIn);
        QVERIFY(status()->isVisible());
        QCOMPARE(status()->expiresAt(), stored->token.expiresAt);
        QVERIFY2(status()->text().startsWith(QStringLiteral("Signed in to d-1234567890.awsapps.com until ")),
                 qPrintable(status()->text()));
        QVERIFY(status()->text().endsWith(
            SsoStatusWidget::untilText(stored->token.expiresAt, QDateTime::currentDateTimeUtc())));
        QCOMPARE(status()->actionButton()->text(), QStringLiteral("Sign Out"));
    }

    void cancelEndsTheLookup_data()
    {
        QTest::addColumn<bool>("escape");
        QTest::newRow("Cancel button") << false;
        QTest::newRow("Escape") << true;
    }

    void cancelEndsTheLookup()
    {
        QFETCH(bool, escape);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        startFetch(kSharedProfile);
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog && !m_opened.isEmpty(), 20000);
        if (escape)
            QTest::keyClick(m_dialog, Qt::Key_Escape);
        else
            QTest::mouseClick(m_dialog->cancelButton(), Qt::LeftButton);
        QVERIFY(waitFinished(finished));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QVERIFY(!m_window->isBusy());
        QVERIFY(!m_window->errorBanner()->isVisible());  // the person's own choice: no error
        QCOMPARE(m_window->recentLookups()->lookup(0).outcome, QStringLiteral("Cancelled"));
        QCOMPARE(m_fake->operationCount(QStringLiteral("CreateToken")), 0);
        QCOMPARE(m_fake->operationCount(QStringLiteral("GetRoleCredentials")), 0);
        QCOMPARE(m_fake->operationCount(QStringLiteral("GetThirdPartyJobDetails")), 0);
        QVERIFY(!storedToken());
        // The page the browser was sent to leads nowhere now.
        QVERIFY(!playBrowser(m_opened.constLast()));
        QTest::qWait(200);
        QVERIFY(!storedToken());
    }

    void revokedSignInOffersSignInAgain()
    {
        // Signed in, then an administrator ends the session.
        QSignalSpy first(m_window, &MainWindow::fetchFinished);
        startFetch(kDeskProfile);
        QVERIFY(signInThroughBrowser());
        QVERIFY(waitFinished(first));
        QVERIFY(first.constFirst().constFirst().toBool());
        const auto stored = storedToken();
        QVERIFY(stored);
        QVERIFY(m_fake->revokeSsoToken(stored->token.accessToken));
        m_resolver->clearCache();
        sessions()->clearRoleCache();

        m_dialog = nullptr;
        m_dialogsShown = 0;
        QSignalSpy second(m_window, &MainWindow::fetchFinished);
        pressFetch();
        QVERIFY(waitFinished(second));
        QCOMPARE(second.constFirst().constFirst().toBool(), false);
        ErrorBanner *banner = m_window->errorBanner();
        QVERIFY(banner->isVisible());
        QVERIFY(sso::SsoSessions::needsSignIn(banner->error()));
        QVERIFY(banner->signInButton()->isVisible());
        QCOMPARE(m_dialogsShown, 0);

        // Sign In Again: the dialog, the browser, then the lookup again by itself.
        QSignalSpy third(m_window, &MainWindow::fetchFinished);
        QTest::mouseClick(banner->signInButton(), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        QVERIFY(signInThroughBrowser());
        QVERIFY(waitFinished(third));
        QVERIFY(third.constFirst().constFirst().toBool());
        QCOMPARE(m_dialogsShown, 1);
        QVERIFY(!banner->isVisible());
    }

    void secondSignInJoinsTheFirst()
    {
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        startFetch(kSharedProfile);
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog && !m_opened.isEmpty(), 20000);
        // The status bar's Sign In while the lookup's sign-in runs: the same dialog.
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::NotSignedIn);
        status()->actionButton()->click();
        QCOMPARE(m_dialogsShown, 1);
        QVERIFY(m_window->ssoSignIn()->prompter()->dialogFor(session()) == m_dialog);
        QVERIFY(signInThroughBrowser());
        QVERIFY(waitFinished(finished));
        QVERIFY(finished.constFirst().constFirst().toBool());
        QCOMPARE(m_fake->operationCount(QStringLiteral("CreateToken")), 1);
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::SignedIn);
    }

    void signOutForgetsTheToken()
    {
        QVERIFY(form()->selectProfile(kDeskProfile));
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::NotSignedIn);
        QCOMPARE(status()->text(), QStringLiteral("Not signed in to d-1234567890.awsapps.com"));
        QCOMPARE(status()->actionButton()->text(), QStringLiteral("Sign In"));
        // Sign In from the status bar, without a lookup.
        status()->actionButton()->click();
        QVERIFY(signInThroughBrowser());
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::SignedIn);
        QVERIFY(test::lookUpWithSecretTool(sso::SsoTokenStore::keychainKey(session())).has_value());
        QCOMPARE(m_fake->operationCount(QStringLiteral("Logout")), 0);

        QTest::mouseClick(status()->actionButton(), Qt::LeftButton);
        QTRY_COMPARE(status()->state(), SsoStatusWidget::State::NotSignedIn);
        QCOMPARE(m_fake->operationCount(QStringLiteral("Logout")), 1);
        QVERIFY(!test::lookUpWithSecretTool(sso::SsoTokenStore::keychainKey(session())).has_value());
        QVERIFY(!storedToken());

        // A profile of another kind shows nothing.
        QVERIFY(form()->selectProfile(EnvironmentProfileSource::profileName()));
        QCOMPARE(status()->state(), SsoStatusWidget::State::None);
        QVERIFY(!status()->isVisible());
    }

    void sharingWritesTheAwsCliCache()
    {
        const QString cacheFile = sessions()->store()->awsCliCache().filePath(ssofix::StartUrl, ssofix::SessionName);
        QVERIFY(!QFileInfo::exists(cacheFile));
        bool seen = false;
        m_window->dialogHooks().settings = [&](SettingsDialog *dialog) {
            seen = !dialog->shareSsoCheck()->isChecked();  // off by default
            dialog->shareSsoCheck()->setChecked(true);
            return true;
        };
        m_window->action(QStringLiteral("actionSettings"))->trigger();
        QVERIFY(seen);
        QVERIFY(sso::SsoTokenStore::sharingSetting());
        QVERIFY(sessions()->store()->shareWithAwsCli());

        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        startFetch(kSharedProfile);
        QVERIFY(signInThroughBrowser());
        QVERIFY(waitFinished(finished));
        QVERIFY(finished.constFirst().constFirst().toBool());
        QVERIFY(QFileInfo::exists(cacheFile));
        QCOMPARE(QFileInfo(cacheFile).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        // Off again: Sign Out removes the shared file too.
        m_window->dialogHooks().settings = [&](SettingsDialog *dialog) {
            seen = dialog->shareSsoCheck()->isChecked();
            dialog->shareSsoCheck()->setChecked(false);
            return true;
        };
        m_window->action(QStringLiteral("actionSettings"))->trigger();
        QVERIFY(seen);
        QVERIFY(!sso::SsoTokenStore::sharingSetting());
        QVERIFY(signOut());
        QVERIFY(!QFileInfo::exists(cacheFile));
    }
};

QTEST_MAIN(TestWindowSsoSignIn)
#include "tst_windowssosignin.moc"
