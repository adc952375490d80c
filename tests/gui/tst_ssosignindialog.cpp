// SsoSignInDialog over a real sign-in against the fake's IAM Identity Center services:
// the browser page opened (and again on request), the switch to a device code, Cancel
// and Escape ending the sign-in, and a refused code ending the dialog with the failure.
// A successful sign-in stores its token in the keychain: tst_windowssosignin covers it.

#include "gui/dialoghooks.h"
#include "gui/ssosignindialog.h"

#include "core/sso/ssosessions.h"
#include "core/sso/ssotokenstore.h"
#include "support/ssotestbed.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;
using sso::SsoSessions;
using sso::SsoSignIn;

class TestSsoSignInDialog : public test::SsoTestBed
{
    Q_OBJECT

private:
    QTemporaryDir m_cacheDir;
    std::unique_ptr<sso::SsoTokenStore> m_store;
    std::unique_ptr<SsoSessions> m_sessions;
    DialogHooks m_hooks;
    QList<QUrl> m_opened;
    bool m_browserWorks = true;

    sso::SsoProfileConfig profile() const
    {
        return {QStringLiteral("partner-support"), settings(), test::ssofix::SupportAccount,
                QStringLiteral("ReadOnly")};
    }

    // A dialog following a browser sign-in, open and showing its page.
    std::unique_ptr<SsoSignInDialog> openDialog()
    {
        auto dialog = std::make_unique<SsoSignInDialog>(m_sessions.get(), profile(), &m_hooks);
        dialog->follow(m_sessions->signIn(settings(), SsoSessions::Flow::AuthorizationCode));
        dialog->open();
        return dialog;
    }

private Q_SLOTS:
    void init()
    {
        SsoTestBed::init();
        QVERIFY(m_cacheDir.isValid());
        m_store = std::make_unique<sso::SsoTokenStore>(sso::SsoTokenCache(m_cacheDir.path()));
        m_sessions = std::make_unique<SsoSessions>(m_network.get(), m_store.get(), environment());
        m_opened.clear();
        m_browserWorks = true;
        m_hooks.openUrl = [this](const QUrl &url) {
            m_opened.append(url);
            return m_browserWorks;
        };
    }

    void cleanup()
    {
        m_sessions.reset();
        m_store.reset();
        SsoTestBed::cleanup();
    }

    void browserPageIsOpened()
    {
        auto dialog = openDialog();
        QCOMPARE(dialog->mode(), SsoSignInDialog::Mode::Starting);
        QVERIFY(dialog->introText().contains(QStringLiteral("partner-support")));
        QVERIFY(dialog->introText().contains(test::ssofix::StartUrl));
        QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::Browser, 10000);
        QCOMPARE(m_opened.size(), 1);
        QCOMPARE(dialog->browserUrl(), m_opened.constFirst());
        QCOMPARE(QUrlQuery(dialog->browserUrl()).queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));
        QCOMPARE(dialog->browserUrlText(), dialog->browserUrl().toString(QUrl::FullyEncoded));
        QVERIFY(dialog->useCodeButton()->isVisible());
        QVERIFY(!dialog->copyCodeButton()->isVisible());
        QVERIFY(!dialog->cancelButton()->isDefault() && !dialog->cancelButton()->autoDefault());

        QTest::mouseClick(dialog->openBrowserButton(), Qt::LeftButton);
        QCOMPARE(m_opened.size(), 2);
        QCOMPARE(m_opened.constLast(), m_opened.constFirst());
        QVERIFY(dialog->isVisible());
        QVERIFY(m_sessions->runningSignIn(settings()));
    }

    void browserThatDoesNotOpen()
    {
        m_browserWorks = false;
        auto dialog = openDialog();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::Browser, 10000);
        // The address is still there to copy, and the code is offered instead.
        QCOMPARE(dialog->browserUrlText(), m_opened.constFirst().toString(QUrl::FullyEncoded));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("ssoBrowserText"))
                    ->text()
                    .contains(QStringLiteral("could not open a browser")));
        QVERIFY(dialog->useCodeButton()->isVisible());
    }

    void useCodeInstead()
    {
        QSignalSpy codes(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
        auto dialog = openDialog();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::Browser, 10000);
        SsoSignIn *browser = dialog->signIn();
        QTest::mouseClick(dialog->useCodeButton(), Qt::LeftButton);
        QVERIFY(dialog->isVisible());  // the browser's sign-in ended, the dialog did not
        QVERIFY(dialog->signIn() && dialog->signIn() != browser);
        QCOMPARE(m_sessions->runningSignIn(settings()), dialog->signIn());
        QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::DeviceCode, 10000);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(dialog->userCode(), codes.constFirst().constFirst().toString());
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("ssoUserCode"))->text(), dialog->userCode());
        QVERIFY(dialog->verificationText().contains(QStringLiteral("user_code=")));
        QVERIFY(!dialog->useCodeButton()->isVisible());
        QVERIFY(dialog->copyCodeButton()->isVisible());
        QTest::mouseClick(dialog->copyCodeButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), dialog->userCode());
        QCOMPARE(m_opened.size(), 1);  // the code page opens only when asked
    }

    void cancel_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("Cancel button") << QStringLiteral("button");
        QTest::newRow("Escape") << QStringLiteral("escape");
        QTest::newRow("while starting") << QStringLiteral("starting");
        QTest::newRow("device code") << QStringLiteral("code");
    }

    void cancel()
    {
        QFETCH(QString, how);
        auto dialog = openDialog();
        QSignalSpy finished(dialog.get(), &QDialog::finished);
        if (how != QLatin1String("starting"))
            QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::Browser, 10000);
        if (how == QLatin1String("code")) {
            dialog->useDeviceCode();
            QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::DeviceCode, 10000);
        }
        QPointer<SsoSignIn> signIn = dialog->signIn();
        if (how == QLatin1String("escape"))
            QTest::keyClick(dialog.get(), Qt::Key_Escape);
        else
            QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.constFirst().constFirst().toInt(), int(QDialog::Rejected));
        QVERIFY(!dialog->isVisible());
        QVERIFY(!dialog->outcome());
        QCOMPARE(dialog->outcome().error().kind, Error::Kind::Cancelled);
        QVERIFY(!signIn || !signIn->isRunning());
        QVERIFY(!m_sessions->runningSignIn(settings()));
        QTest::qWait(100);
        QCOMPARE(m_fake->operationCount(QStringLiteral("CreateToken")), 0);
    }

    void refusedCodeEndsTheDialog()
    {
        QSignalSpy codes(m_fake.get(), &fake::FakeCodePipeline::ssoDeviceAuthorizationStarted);
        auto dialog = openDialog();
        QSignalSpy finished(dialog.get(), &QDialog::finished);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->mode(), SsoSignInDialog::Mode::Browser, 10000);
        dialog->useDeviceCode();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
        QVERIFY(m_fake->denySsoUserCode(codes.constFirst().constFirst().toString()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.constFirst().constFirst().toInt(), int(QDialog::Rejected));
        QVERIFY(!dialog->outcome());
        QVERIFY(dialog->outcome().error().kind != Error::Kind::Cancelled);
        QVERIFY(!dialog->outcome().error().message.isEmpty());
    }
};

QTEST_MAIN(TestSsoSignInDialog)
#include "tst_ssosignindialog.moc"
