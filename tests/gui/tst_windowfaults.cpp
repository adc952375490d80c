// The real JobDesk window while the network misbehaves: a server that never
// answers keeps the window responsive and cancellable, and a read timeout or
// a host that does not resolve ends in the error banner with Fetch usable again.

#include "gui/errorbanner.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/recentlookupsmodel.h"

#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/windowtestbed.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTimer>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kBadHost = QStringLiteral("https://jobdesk-fault-test.invalid");

// Counts the turns of the event loop that a 50 ms timer gets while it runs.
class Ticker
{
public:
    Ticker()
    {
        m_timer.setInterval(50);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { ++m_ticks; });
        m_timer.start();
    }
    int ticks() const { return m_ticks; }
    void reset() { m_ticks = 0; }

private:
    QTimer m_timer;
    int m_ticks = 0;
};

}  // namespace

class TestWindowFaults : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestWindowFaults() : WindowTestCase(QStringLiteral("tst_windowfaults")) { m_defaults.readTimeoutSeconds = 1; }

private:
    QAction *fetchAction() const { return action(QStringLiteral("actionFetch")); }
    QAction *cancelAction() const { return action(QStringLiteral("actionCancel")); }

    void fillForm()
    {
        form()->selectProfile(QStringLiteral("Test"));
        form()->setJobId(test::JobShape().jobId);
        form()->setClientToken(Secret(test::kClientToken));
    }

private Q_SLOTS:
    void neverAnsweringServerKeepsWindowResponsive()
    {
        AppSettings patient = m_defaults;
        patient.readTimeoutSeconds = 600;  // the request stays in flight until cancelled
        m_window->applySettings(patient);
        fake::FakeScript stall;
        stall.fault = fake::FakeScript::Fault::NoAnswer;
        QVERIFY(m_fake->setScript(test::JobShape().jobId, stall));
        QSignalSpy received(m_fake, &fake::FakeCodePipeline::requestReceived);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        fillForm();

        fetchAction()->trigger();
        QVERIFY(m_window->isBusy());
        QVERIFY(received.wait(10000));
        Ticker ticker;
        QTRY_VERIFY_WITH_TIMEOUT(ticker.ticks() >= 5, 20000);
        // The request is still in flight while the loop turns.
        QVERIFY(finished.isEmpty());
        QVERIFY(m_window->isBusy());
        QVERIFY(cancelAction()->isEnabled());
        QVERIFY(!fetchAction()->isEnabled());
        QVERIFY(form()->cancelButton()->isVisible());

        cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QVERIFY(!m_window->isBusy());
        QVERIFY(fetchAction()->isEnabled());
        QVERIFY(!cancelAction()->isEnabled());
        QVERIFY(m_window->errorBanner()->isHidden());  // a cancel is no error
        QCOMPARE(m_window->recentLookups()->lookup(0).outcome, QStringLiteral("Cancelled"));
    }

    void faultShowsBanner_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("inMessage");
        QTest::addColumn<QString>("inExplanation");
        QTest::newRow("read timeout") << QStringLiteral("noAnswer") << QStringLiteral("ReadTimeout")
                                      << QStringLiteral("Read timeout") << QStringLiteral("read timeout");
        QTest::newRow("host name not found")
            << QStringLiteral("badHost") << QStringLiteral("HostNotFound")
            << QStringLiteral("jobdesk-fault-test.invalid could not be found") << QStringLiteral("endpoint URL");
        QTest::newRow("captive portal") << QStringLiteral("captivePortal") << QStringLiteral("HtmlAnswer")
                                        << QStringLiteral("web page") << QStringLiteral("captive portal");
        QTest::newRow("reset mid-body") << QStringLiteral("reset") << QStringLiteral("ConnectionClosed")
                                        << QStringLiteral("reset") << QStringLiteral("proxy");
    }

    void faultShowsBanner()
    {
        QFETCH(QString, fault);
        QFETCH(QString, code);
        QFETCH(QString, inMessage);
        QFETCH(QString, inExplanation);
        fake::FakeScript script;
        if (fault == QLatin1String("noAnswer"))
            script.fault = fake::FakeScript::Fault::NoAnswer;
        else if (fault == QLatin1String("captivePortal"))
            script.fault = fake::FakeScript::Fault::CaptivePortalHtml;
        else if (fault == QLatin1String("reset"))
            script.fault = fake::FakeScript::Fault::ResetMidBody;
        if (!script.isEmpty())
            QVERIFY(m_fake->setScript(test::JobShape().jobId, script));
        fillForm();
        if (fault == QLatin1String("badHost"))
            form()->setEndpointOverride(kBadHost);

        Ticker ticker;
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        fetchAction()->trigger();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);

        ErrorBanner *banner = m_window->errorBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->error().code, code);
        QVERIFY2(banner->messageText().contains(inMessage, Qt::CaseInsensitive), qPrintable(banner->messageText()));
        QVERIFY2(banner->explanationText().contains(inExplanation, Qt::CaseInsensitive),
                 qPrintable(banner->explanationText()));
        QVERIFY(!banner->messageText().contains(test::kClientToken));
        QVERIFY(!banner->explanationText().contains(test::kSecretKey));
        QVERIFY(!m_window->isBusy());
        QVERIFY(fetchAction()->isEnabled());
        QVERIFY(!cancelAction()->isEnabled());
        QCOMPARE(m_window->documentTabs()->count(), 0);
        if (fault == QLatin1String("noAnswer"))
            QVERIFY(ticker.ticks() > 0);  // the loop kept turning through the whole wait
    }
};

QTEST_MAIN(TestWindowFaults)
#include "tst_windowfaults.moc"
