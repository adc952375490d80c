// The profile editor's IAM Identity Center profiles against the fake's SSO services and
// a real Secret Service (tests/support/with-keychain.sh): "New SSO Profile…" signing in
// with a device code, the browser flow through the loopback redirect, the accounts
// listed, filtered and picked, the saved profile, a saved profile opened again, the
// portal refusing a revoked sign-in, and the checks on bad input.

#include "gui/dialoghooks.h"
#include "gui/profileeditdialog.h"
#include "gui/profilemanagerdialog.h"
#include "gui/ssoaccountpicker.h"
#include "gui/ssoaccountsmodel.h"

#include "core/aws/awsclient.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/sso/ssosessions.h"
#include "support/asyncwait.h"
#include "support/ssotestbed.h"
#include "support/testkeychain.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;
using namespace jobdesk::test;
using profiles::Profile;

namespace {

// The browser at the authorize page: where its redirect sends it (the loopback listener).
QUrl followAuthorize(QNetworkAccessManager *network, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(network->get(request));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!done.wait(10000) || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 302)
        return {};
    return QUrl::fromEncoded(reply->rawHeader("Location"));
}

int visit(QNetworkAccessManager *network, const QUrl &url)
{
    std::unique_ptr<QNetworkReply> reply(network->get(QNetworkRequest(url)));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    return done.wait(10000) ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : -1;
}

}  // namespace

class TestSsoProfileEditor : public SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void newSsoProfile_deviceCode();
    void browserFlow_andEditAgain();
    void revokedSignInShownInline();
    void cancelSignIn();
    void sessionNameFollowsProfileName();
    void validation_data();
    void validation();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<profiles::ProfileStore> m_store;
    std::unique_ptr<profiles::CredentialResolver> m_resolver;
    QList<sso::SsoSignIn::Settings> m_signedIn;  // signed out again in cleanup

    sso::SsoSessions *sessions() const { return m_resolver->ssoSessions(); }
    static QStringList shownIds(const SsoAccountPicker *picker);
    static void click(SsoAccountPicker *picker, const QString &accountId);
    static void fillSession(ProfileEditDialog *dialog, const QString &name);
    void signInWithDeviceCode(ProfileEditDialog *dialog);
};

void TestSsoProfileEditor::initTestCase()
{
    SsoTestBed::initTestCase();
    JOBDESK_REQUIRE_KEYCHAIN();
}

void TestSsoProfileEditor::init()
{
    SsoTestBed::init();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("HOME"), m_dir->path());  // the AWS CLI's token cache, if it were shared
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir->filePath(QStringLiteral("credentials")));
    m_store = std::make_unique<profiles::ProfileStore>(m_dir->filePath(QStringLiteral("profiles.ini")));
    m_resolver = std::make_unique<profiles::CredentialResolver>(m_store.get(), env);
    QVERIFY(sessions());
    connect(sessions(), &sso::SsoSessions::signedIn, this,
            [this](const sso::SsoSignIn::Settings &session) { m_signedIn.append(session); });
}

void TestSsoProfileEditor::cleanup()
{
    // Leave no token in the throwaway keyring for the next case.
    for (const sso::SsoSignIn::Settings &session : std::as_const(m_signedIn))
        waitFor<Result<Nothing>>([&](auto done) { sessions()->signOut(session, this, std::move(done)); }, 20000);
    m_signedIn.clear();
    for (const Profile &p : m_store->profiles())
        waitFor<Status>([&](auto done) { m_store->removeProfile(p.name, this, std::move(done)); });
    m_resolver.reset();
    m_store.reset();
    m_dir.reset();
    SsoTestBed::cleanup();
}

QStringList TestSsoProfileEditor::shownIds(const SsoAccountPicker *picker)
{
    QStringList ids;
    const QAbstractItemModel *shown = picker->accountView()->model();
    for (int row = 0; row < shown->rowCount(); ++row)
        ids << shown->index(row, SsoAccountsModel::IdColumn).data().toString();
    return ids;
}

void TestSsoProfileEditor::click(SsoAccountPicker *picker, const QString &accountId)
{
    QTreeView *view = picker->accountView();
    const QAbstractItemModel *shown = view->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, SsoAccountsModel::NameColumn);
        if (index.data(SsoAccountsModel::AccountIdRole).toString() == accountId) {
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("account %1 is not shown").arg(accountId)));
}

void TestSsoProfileEditor::fillSession(ProfileEditDialog *dialog, const QString &name)
{
    QTest::keyClicks(dialog->nameEdit(), name);
    QTest::keyClicks(dialog->startUrlEdit(), ssofix::StartUrl);
    dialog->ssoRegionCombo()->setCurrentText(ssofix::Region);
}

// Signs in with a device code, playing the person who reads the code in the editor and
// approves it in a browser elsewhere.
void TestSsoProfileEditor::signInWithDeviceCode(ProfileEditDialog *dialog)
{
    QSignalSpy started(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
    QSignalSpy signedIn(dialog, &ProfileEditDialog::ssoSignedIn);
    QSignalSpy listed(dialog->accountPicker(), &SsoAccountPicker::accountsListed);
    dialog->signInFlowCombo()->setCurrentIndex(
        dialog->signInFlowCombo()->findData(int(sso::SsoSessions::Flow::DeviceCode)));
    QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
    QVERIFY(started.wait(20000));
    const QString userCode = started.first().first().toString();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->signInStateLabel()->text().contains(userCode), 10000);
    QVERIFY(dialog->isSigningIn());
    QVERIFY(dialog->cancelSignInButton()->isVisible());
    QVERIFY(!dialog->signInButton()->isVisible());
    QVERIFY(m_fake->approveSsoUserCode(userCode));
    QVERIFY(signedIn.wait(20000));
    QVERIFY(!dialog->isSigningIn());
    QVERIFY(listed.wait(20000));
}

void TestSsoProfileEditor::newSsoProfile_deviceCode()
{
    aws::AwsClient client(m_network.get());
    DialogHooks hooks;
    bool edited = false;
    const QString name = QStringLiteral("partner-ci");
    hooks.profileEditor = [&](ProfileEditDialog *dialog) {
        edited = true;
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog))
            return false;
        // Opened on IAM Identity Center, with only its fields.
        const auto source = Profile::CredentialSource(dialog->sourceCombo()->currentData().toInt());
        if (source != Profile::CredentialSource::Sso || dialog->accessKeyIdEdit()->isVisible()
            || !dialog->startUrlEdit()->isVisible() || dialog->windowTitle() != QLatin1String("New SSO Profile"))
            return false;
        fillSession(dialog, name);
        signInWithDeviceCode(dialog);
        if (QTest::currentTestFailed())
            return false;
        SsoAccountPicker *picker = dialog->accountPicker();
        if (shownIds(picker) != QStringList{ssofix::PartnerAccount, ssofix::SupportAccount})
            return false;
        QTest::keyClicks(picker->filterEdit(), QStringLiteral("partner"));
        if (shownIds(picker) != QStringList{ssofix::PartnerAccount})
            return false;
        QSignalSpy roles(picker, &SsoAccountPicker::rolesListed);
        click(picker, ssofix::PartnerAccount);
        return roles.wait(20000) && picker->roleName() == QLatin1String("JobWorker");
    };
    ProfileManagerDialog manager(m_store.get(), m_resolver.get(), &client, AppSettings{}, &hooks);
    auto *button = manager.findChild<QPushButton *>(QStringLiteral("addSsoProfile"));
    QVERIFY(button);
    QSignalSpy finished(&manager, &ProfileManagerDialog::finished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(edited);
    QVERIFY(finished.size() == 1 || finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

    const auto saved = m_store->profile(name);
    QVERIFY(saved);
    QCOMPARE(saved->source, Profile::CredentialSource::Sso);
    const Profile::SsoSettings expected{ssofix::StartUrl, ssofix::Region, name, ssofix::PartnerAccount,
                                        QStringLiteral("JobWorker")};
    QCOMPARE(saved->sso.startUrl, expected.startUrl);
    QCOMPARE(saved->sso.region, expected.region);
    QCOMPARE(saved->sso.sessionName, expected.sessionName);
    QCOMPARE(saved->sso.accountId, expected.accountId);
    QCOMPARE(saved->sso.roleName, expected.roleName);
}

void TestSsoProfileEditor::browserFlow_andEditAgain()
{
    const QString name = QStringLiteral("support-ro");
    Profile saved;
    {
        ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, Profile(), {});
        dialog.setSsoSessions(sessions());
        QUrl opened;
        dialog.setBrowserOpener([&](const QUrl &url) {
            opened = url;
            return true;
        });
        dialog.sourceCombo()->setCurrentIndex(dialog.sourceCombo()->findData(int(Profile::CredentialSource::Sso)));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillSession(&dialog, name);
        QSignalSpy signedIn(&dialog, &ProfileEditDialog::ssoSignedIn);
        QSignalSpy listed(dialog.accountPicker(), &SsoAccountPicker::accountsListed);
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 20000);
        QVERIFY(dialog.signInStateLabel()->text().contains(opened.toString(QUrl::FullyEncoded).toHtmlEscaped()));
        const QUrl back = followAuthorize(m_network.get(), opened);
        QVERIFY(back.isValid());
        QCOMPARE(visit(m_network.get(), back), 200);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(listed.wait(20000));
        QCOMPARE(dialog.accountPicker()->model()->rowCount(), 2);
        QSignalSpy roles(dialog.accountPicker(), &SsoAccountPicker::rolesListed);
        click(dialog.accountPicker(), ssofix::SupportAccount);
        QVERIFY(roles.wait(20000));
        QVERIFY(!dialog.validate());  // two roles: one must be chosen
        QVERIFY(!dialog.fieldError(dialog.accountPicker()->roleCombo()).isEmpty());
        QVERIFY(dialog.accountPicker()->chooseRole(QStringLiteral("ReadOnly")));
        QVERIFY2(dialog.validate(), qPrintable(dialog.errorText()));
        saved = dialog.profile();
        QCOMPARE(saved.sso.accountId, ssofix::SupportAccount);
        QCOMPARE(saved.sso.roleName, QStringLiteral("ReadOnly"));
        QVERIFY(!dialog.credentials());  // nothing for the keychain but the sign-in
    }

    // Opened again, the signed-in profile lists its accounts and shows its choice selected.
    const int listings = m_fake->operationCount(QStringLiteral("ListAccounts"));
    ProfileEditDialog again(ProfileEditDialog::Mode::Edit, saved, {});
    QCOMPARE(again.accountPicker()->accountId(), ssofix::SupportAccount);
    QCOMPARE(again.accountPicker()->roleName(), QStringLiteral("ReadOnly"));
    QSignalSpy roles(again.accountPicker(), &SsoAccountPicker::rolesListed);
    again.setSsoSessions(sessions());
    QVERIFY(roles.wait(20000));
    QCOMPARE(m_fake->operationCount(QStringLiteral("ListAccounts")), listings + 1);
    QCOMPARE(again.accountPicker()->accountView()->currentIndex().data(SsoAccountsModel::AccountIdRole).toString(),
             ssofix::SupportAccount);
    QCOMPARE(again.accountPicker()->roleName(), QStringLiteral("ReadOnly"));
    QVERIFY(again.validate());
    QCOMPARE(again.profile(), saved);
}

void TestSsoProfileEditor::revokedSignInShownInline()
{
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, Profile(), {});
    dialog.setSsoSessions(sessions());
    dialog.sourceCombo()->setCurrentIndex(dialog.sourceCombo()->findData(int(Profile::CredentialSource::Sso)));
    dialog.show();
    QSignalSpy tokens(sessions(), &sso::SsoSessions::signedIn);
    fillSession(&dialog, QStringLiteral("revoked"));
    signInWithDeviceCode(&dialog);
    QCOMPARE(tokens.size(), 1);
    QVERIFY(m_fake->revokeSsoToken(tokens.first().at(1).value<sso::SsoCachedToken>().accessToken));
    SsoAccountPicker *picker = dialog.accountPicker();
    QSignalSpy failed(picker, &SsoAccountPicker::failed);
    click(picker, ssofix::SupportAccount);
    QVERIFY(failed.wait(20000));
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("UnauthorizedException"));
    QVERIFY2(picker->errorText().contains(sso::SsoPortalClient::explain(error)), qPrintable(picker->errorText()));
    QVERIFY(picker->findChild<QWidget *>(QStringLiteral("ssoPickerError"))->isVisible());
    QVERIFY(picker->roleName().isEmpty());
    QVERIFY(!dialog.validate());
}

void TestSsoProfileEditor::cancelSignIn()
{
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, Profile(), {});
    dialog.setSsoSessions(sessions());
    dialog.sourceCombo()->setCurrentIndex(dialog.sourceCombo()->findData(int(Profile::CredentialSource::Sso)));
    dialog.show();
    fillSession(&dialog, QStringLiteral("cancelled"));
    QSignalSpy started(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
    dialog.signInFlowCombo()->setCurrentIndex(
        dialog.signInFlowCombo()->findData(int(sso::SsoSessions::Flow::DeviceCode)));
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    QVERIFY(started.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.cancelSignInButton()->isVisible(), 10000);
    QTest::mouseClick(dialog.cancelSignInButton(), Qt::LeftButton);
    QVERIFY(!dialog.isSigningIn());
    QVERIFY(dialog.signInButton()->isVisible());
    QVERIFY(dialog.signInStateLabel()->text().contains(QStringLiteral("cancelled")));
    QVERIFY(!sessions()->runningSignIn(dialog.ssoSession()));
    // Approved afterwards, it signs nobody in: nothing polls for the token any more.
    QSignalSpy issued(m_fake.get(), &fake::FakeCodePipeline::ssoTokenIssued);
    QVERIFY(m_fake->approveSsoUserCode(started.first().first().toString()));
    QTest::qWait(2500);  // more than two of the fake's one-second polling intervals
    QVERIFY(issued.isEmpty());
    QCOMPARE(dialog.accountPicker()->model()->rowCount(), 0);
}

void TestSsoProfileEditor::sessionNameFollowsProfileName()
{
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, Profile(), {});
    dialog.sourceCombo()->setCurrentIndex(dialog.sourceCombo()->findData(int(Profile::CredentialSource::Sso)));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("desk"));
    QCOMPARE(dialog.sessionNameEdit()->text(), QStringLiteral("desk"));
    // Explained where a field's error message does not replace it.
    QVERIFY(dialog.sessionNameEdit()->whatsThis().contains(QStringLiteral("sso-session")));
    const auto labels = dialog.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [&](const QLabel *label) {
        return label->buddy() == dialog.sessionNameEdit()
            && label->toolTip().contains(QStringLiteral("share one sign-in"));
    }));
    dialog.sessionNameEdit()->selectAll();
    QTest::keyClicks(dialog.sessionNameEdit(), QStringLiteral("shared"));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("-2"));
    QCOMPARE(dialog.sessionNameEdit()->text(), QStringLiteral("shared"));
    QCOMPARE(dialog.ssoSession().sessionName, QStringLiteral("shared"));
    // Emptied, the session is the profile's name again.
    dialog.sessionNameEdit()->clear();
    QCOMPARE(dialog.ssoSession().sessionName, QStringLiteral("desk-2"));
}

void TestSsoProfileEditor::validation_data()
{
    QTest::addColumn<QString>("startUrl");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("field");  // startUrl or region
    QTest::addColumn<QString>("message");
    QTest::newRow("empty URL") << QString() << ssofix::Region << "startUrl"
                               << "Enter the start URL";
    QTest::newRow("http") << "http://d-1234567890.awsapps.com/start" << ssofix::Region << "startUrl"
                          << "https://";
    QTest::newRow("no scheme") << "d-1234567890.awsapps.com/start" << ssofix::Region << "startUrl"
                               << "start URL";
    QTest::newRow("ftp") << "ftp://d-1234567890.awsapps.com/start" << ssofix::Region << "startUrl"
                         << "start URL";
    QTest::newRow("no region") << ssofix::StartUrl << QString() << "region"
                               << "region";
    QTest::newRow("bad region") << ssofix::StartUrl << "moon base 1"
                                << "region"
                                << "SSO region";
}

void TestSsoProfileEditor::validation()
{
    QFETCH(QString, startUrl);
    QFETCH(QString, region);
    QFETCH(QString, field);
    QFETCH(QString, message);
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, Profile(), {});
    dialog.setSsoSessions(sessions());
    dialog.sourceCombo()->setCurrentIndex(dialog.sourceCombo()->findData(int(Profile::CredentialSource::Sso)));
    dialog.show();
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("checked"));
    QTest::keyClicks(dialog.startUrlEdit(), startUrl);
    dialog.ssoRegionCombo()->setCurrentText(region);
    QWidget *widget = field == QLatin1String("startUrl") ? static_cast<QWidget *>(dialog.startUrlEdit())
                                                         : static_cast<QWidget *>(dialog.ssoRegionCombo());
    // Neither signing in nor saving goes ahead.
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    QVERIFY2(dialog.fieldError(widget).contains(message), qPrintable(dialog.fieldError(widget)));
    QVERIFY(!dialog.isSigningIn());
    QVERIFY(!dialog.validate());
    QVERIFY2(dialog.fieldError(widget).contains(message), qPrintable(dialog.fieldError(widget)));
    // With no account chosen, that is said at the picker.
    QVERIFY(dialog.fieldError(dialog.accountPicker()->accountView()).contains(QStringLiteral("choose the account")));
    QTest::qWait(200);
    QCOMPARE(m_fake->operationCount(QStringLiteral("RegisterClient")), 0);
}

QTEST_MAIN(TestSsoProfileEditor)
#include "tst_ssoprofileeditor.moc"
