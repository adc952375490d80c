#include "support/windowtestbed.h"

#include "support/guitestdata.h"

#include "fake/fakecodepipeline.h"
#include "gui/errorbanner.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/profilesource.h"

#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

namespace jobdesk::test {

gui::AppSettings windowTestSettings()
{
    gui::AppSettings s;
    s.connectTimeoutSeconds = 10;
    s.readTimeoutSeconds = 10;
    s.maxAttempts = 1;
    s.proxyMode = gui::AppSettings::ProxyMode::None;
    return s;
}

void addStaticProfile(gui::MainWindow *window, const QString &name, const QUrl &endpoint, const QString &accessKeyId,
                      const QString &secretKey)
{
    gui::ProfileEntry entry;
    entry.name = name;
    entry.region = QStringLiteral("us-east-1");
    entry.endpointOverride = endpoint.toString();
    aws::Credentials keys;
    keys.accessKeyId = accessKeyId;
    keys.secretAccessKey = Secret(secretKey);
    window->addProfileSource(new gui::StaticProfileSource(entry, keys, window));
}

void addTestProfile(gui::MainWindow *window, const QUrl &endpoint)
{
    addStaticProfile(window, QStringLiteral("Test"), endpoint, kAccessKeyId, kSecretKey);
}

void resetWindow(gui::MainWindow *window, const gui::AppSettings &settings)
{
    window->applySettings(settings);
    window->dialogHooks() = {};
    while (window->documentTabs()->count() > 0)
        window->closeDocument(0);
    window->errorBanner()->dismiss();
    gui::LookupForm *form = window->lookupForm();
    form->clearFieldErrors();
    form->selectProfile(QStringLiteral("Test"));
    form->setRegion(QStringLiteral("us-east-1"));
}

WindowTestCase::WindowTestCase(const QString &appName, Fake fake)
    : m_defaults(windowTestSettings()), m_appName(appName), m_fakeKind(fake)
{
}

QUrl WindowTestCase::testEndpoint() const
{
    return m_fake ? m_fake->url() : QUrl();
}

gui::LookupForm *WindowTestCase::form() const
{
    return m_window->lookupForm();
}

QAction *WindowTestCase::action(const QString &objectName) const
{
    return m_window->action(objectName);
}

bool WindowTestCase::fetchAsTyped(const QString &jobId, const QString &token, const QString &profile)
{
    form()->selectProfile(profile);
    form()->jobIdEdit()->clear();
    QTest::keyClicks(form()->jobIdEdit(), jobId);
    form()->clientTokenEdit()->clear();
    QTest::keyClicks(form()->clientTokenEdit(), token);
    QSignalSpy finished(m_window, &gui::MainWindow::fetchFinished);
    QTest::keyClick(form()->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
    if (finished.isEmpty() && !finished.wait(20000))
        return false;
    return finished.constFirst().constFirst().toBool();
}

void WindowTestCase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
    QCoreApplication::setApplicationName(m_appName);
    QSettings().clear();

    if (m_fakeKind == Fake::Default) {
        m_fake = new fake::FakeCodePipeline(this);
        m_fake->addCredentials(kAccessKeyId, Secret(kSecretKey));
        QVERIFY(m_fake->addJobJson(fakeJob({}, kClientToken)).ok());
    }
    prepare();
    if (QTest::currentTestFailed())
        return;
    if (m_fake && !m_fake->isListening())
        QVERIFY2(m_fake->listen(), qPrintable(m_fake->errorString()));

    m_window = new gui::MainWindow;
    addTestProfile(m_window, testEndpoint());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    windowReady();
}

void WindowTestCase::cleanupTestCase()
{
    delete m_window;
    m_window = nullptr;
    QSettings().clear();
}

void WindowTestCase::init()
{
    resetCase();
}

void WindowTestCase::resetCase()
{
    resetWindow(m_window, m_defaults);
    if (m_fake) {
        m_fake->clearScripts();
        form()->setEndpointOverride(m_fake->url().toString());
    }
}

}  // namespace jobdesk::test
