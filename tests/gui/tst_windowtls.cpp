// The JobDesk window's TLS settings end to end, against the fake endpoint in
// TLS mode with certificates made for the test: a private CA chosen in the
// Settings dialog, the banner's words for each bad certificate, a CA bundle
// that is missing or holds no certificate, and the verification-off warning
// that stays for as long as verification is off, a restart included.

#include "fake/fakecodepipeline.h"
#include "gui/appsettings.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"
#include "support/guitestdata.h"
#include "support/testcertificates.h"
#include "support/windowtestbed.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestWindowTls : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestWindowTls() : WindowTestCase(QStringLiteral("tst_windowtls"), Fake::None) {}

private Q_SLOTS:
    void init();
    void caBundleThroughTheSettingsDialog();
    void eachProblemInTheBanner_data();
    void eachProblemInTheBanner();
    void unusableBundle_data();
    void unusableBundle();
    void verificationOffStaysVisible();

private:
    void prepare() override;
    QUrl testEndpoint() const override { return QUrl(url(QStringLiteral("ca-signed"))); }
    QString url(const QString &served) const { return m_fakes.at(served)->url().toString(); }
    // Accepts the Settings dialog with this CA bundle and verification choice, as a person would.
    void chooseSettings(const QString &caBundle, bool verify);
    // Fills the form for the job on the fake serving that certificate, presses Ctrl+Return, waits.
    bool fetch(const QString &served);
    int requests() const;

    test::TestCertificates m_certificates;
    std::map<QString, std::unique_ptr<fake::FakeCodePipeline>> m_fakes;  // by the certificate they serve
};

void TestWindowTls::prepare()
{
    QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
    for (const auto &[name, certificate] : m_certificates.servedLeaves()) {
        auto f = std::make_unique<fake::FakeCodePipeline>();
        f->addCredentials(test::kAccessKeyId, Secret(test::kSecretKey));
        QVERIFY(f->addJobJson(test::fakeJob({}, test::kClientToken)).ok());
        f->enableTls(certificate->certificate, certificate->key);
        QVERIFY2(f->listen(), qPrintable(f->errorString()));
        m_fakes[name] = std::move(f);
    }
    // The window reads the saved settings as it starts.
    m_defaults.save();
}

void TestWindowTls::init()
{
    m_defaults.save();
    resetCase();
    for (auto &[name, f] : m_fakes)
        f->resetCounters();
}

void TestWindowTls::chooseSettings(const QString &caBundle, bool verify)
{
    m_window->dialogHooks().settings = [caBundle, verify](SettingsDialog *dialog) {
        dialog->caBundleEdit()->clear();
        QTest::keyClicks(dialog->caBundleEdit(), caBundle);
        dialog->verifyTlsCheck()->setChecked(verify);
        return true;
    };
    m_window->showSettings();
    m_window->dialogHooks().settings = {};
}

bool TestWindowTls::fetch(const QString &served)
{
    form()->setEndpointOverride(url(served));
    form()->jobIdEdit()->clear();
    QTest::keyClicks(form()->jobIdEdit(), test::JobShape().jobId);
    form()->clientTokenEdit()->clear();
    QTest::keyClicks(form()->clientTokenEdit(), test::kClientToken);
    QSignalSpy finished(m_window, &MainWindow::fetchFinished);
    QTest::keyClick(form()->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
    if (finished.isEmpty() && !finished.wait(20000))
        return false;
    return finished.constFirst().constFirst().toBool();
}

int TestWindowTls::requests() const
{
    int n = 0;
    for (const auto &[name, f] : m_fakes)
        n += f->requestCount();
    return n;
}

void TestWindowTls::caBundleThroughTheSettingsDialog()
{
    const QString ca = m_certificates.ca().certificatePath;
    chooseSettings(ca, true);
    QCOMPARE(m_window->settings().caBundleFile, ca);
    QCOMPARE(AppSettings::load().caBundleFile, ca);  // saved
    QVERIFY2(fetch(QStringLiteral("ca-signed")), qPrintable(m_window->errorBanner()->error().summary()));
    QCOMPARE(m_window->currentJobView()->document().jobId(), test::JobShape().jobId);
    QVERIFY(m_window->errorBanner()->isHidden());
    QVERIFY(m_window->tlsBanner()->isHidden());

    // The field cleared: the same endpoint is refused again, and the banner says why.
    chooseSettings(QString(), true);
    QVERIFY(!fetch(QStringLiteral("ca-signed")));
    const ErrorBanner *banner = m_window->errorBanner();
    QVERIFY(banner->isVisible());
    QCOMPARE(int(banner->error().kind), int(Error::Kind::Tls));
    QVERIFY2(banner->messageText().contains(QStringLiteral("certificate authority that is not trusted")),
             qPrintable(banner->messageText()));
    QVERIFY2(banner->explanationText().contains(QStringLiteral("CA bundle")), qPrintable(banner->explanationText()));
}

void TestWindowTls::eachProblemInTheBanner_data()
{
    test::addCertificateProblemRows(QStringLiteral("CA in Settings"));
}

void TestWindowTls::eachProblemInTheBanner()
{
    QFETCH(QString, served);
    QFETCH(bool, withCa);
    QFETCH(QString, says);
    QFETCH(QStringList, notSays);
    if (withCa)
        chooseSettings(m_certificates.ca().certificatePath, true);
    QVERIFY(!fetch(served));
    const ErrorBanner *banner = m_window->errorBanner();
    QVERIFY(banner->isVisible());
    QCOMPARE(int(banner->error().kind), int(Error::Kind::Tls));
    const QString message = banner->messageText();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(says), qPrintable(message));
    for (const QString &absent : notSays)
        QVERIFY2(!message.contains(absent), qPrintable(message));
    QVERIFY(!banner->explanationText().isEmpty());
    QCOMPARE(requests(), 0);
}

void TestWindowTls::unusableBundle_data()
{
    QTest::addColumn<QString>("bundle");
    QTest::addColumn<QString>("says");
    QTest::newRow("not PEM") << m_certificates.notPemPath() << QStringLiteral("holds no PEM certificate");
    QTest::newRow("missing") << m_certificates.directory() + QStringLiteral("/no-such-bundle.pem")
                             << QStringLiteral("Cannot read the CA bundle");
}

void TestWindowTls::unusableBundle()
{
    QFETCH(QString, bundle);
    QFETCH(QString, says);
    chooseSettings(bundle, true);
    // The dialog takes the path as typed; the first fetch says what is wrong with it, naming
    // the file, and sends nothing.
    QVERIFY(!fetch(QStringLiteral("ca-signed")));
    const ErrorBanner *banner = m_window->errorBanner();
    QVERIFY(banner->isVisible());
    const QString shown = banner->titleText() + QLatin1Char('\n') + banner->messageText();
    qInfo("%s / %s", qPrintable(shown), qPrintable(banner->error().hint));
    QVERIFY2(shown.contains(says), qPrintable(shown));
    QVERIFY2(shown.contains(bundle), qPrintable(shown));
    QVERIFY(!banner->error().hint.isEmpty());
    QCOMPARE(requests(), 0);
}

void TestWindowTls::verificationOffStaysVisible()
{
    QVERIFY(m_window->tlsBanner()->isHidden());
    chooseSettings(QString(), false);
    QVERIFY(!m_window->settings().verifyTls);
    QVERIFY(!AppSettings::load().verifyTls);  // saved
    ErrorBanner *warning = m_window->tlsBanner();
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->titleText().contains(QStringLiteral("verification is off")), qPrintable(warning->titleText()));

    // It works against a self-signed certificate, and the warning stays through successes and failures.
    QVERIFY2(fetch(QStringLiteral("self-signed")), qPrintable(m_window->errorBanner()->error().summary()));
    QVERIFY(warning->isVisible());
    form()->setEndpointOverride(url(QStringLiteral("expired")));
    form()->jobIdEdit()->clear();
    QTest::keyClicks(form()->jobIdEdit(), QStringLiteral("99999999-9999-4999-8999-999999999999"));
    form()->clientTokenEdit()->clear();
    QTest::keyClicks(form()->clientTokenEdit(), test::kClientToken);
    QSignalSpy finished(m_window, &MainWindow::fetchFinished);
    QTest::keyClick(form()->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!finished.isEmpty() || finished.wait(20000));
    QVERIFY(!finished.constFirst().constFirst().toBool());  // the service's JobNotFound, not a TLS error
    QVERIFY(m_window->errorBanner()->isVisible());
    QVERIFY(m_window->errorBanner()->error().kind != Error::Kind::Tls);
    QVERIFY(warning->isVisible());
    m_window->errorBanner()->dismiss();
    QVERIFY(warning->isVisible());

    // A restart reads the saved choice and warns from the first moment.
    {
        MainWindow restarted;
        QVERIFY(!restarted.settings().verifyTls);
        restarted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restarted));
        QVERIFY(restarted.tlsBanner()->isVisible());
        QVERIFY(!restarted.tlsBanner()->titleText().isEmpty());
    }

    // Turned back on: the warning goes, and so it does after the next restart.
    chooseSettings(QString(), true);
    QVERIFY(warning->isHidden());
    MainWindow restarted;
    restarted.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restarted));
    QVERIFY(restarted.tlsBanner()->isHidden());
    QVERIFY(!fetch(QStringLiteral("self-signed")));
}

QTEST_MAIN(TestWindowTls)
#include "tst_windowtls.moc"
