// The real JobDesk window against a FakeCodePipeline in this process: fetch
// and what each tab shows, validation at the field, cancel, an error banner
// for each kind of failure, a private CA, several documents, recent lookups,
// the form's own controls, settings and the demo mode.
// Modal dialogs are answered through DialogHooks set before they open.

#include "app/demosession.h"
#include "gui/artifactsmodel.h"
#include "gui/configurationmodel.h"
#include "gui/credentialsmodel.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/jsontreemodel.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/overviewmodel.h"
#include "gui/profilelistmodel.h"
#include "gui/recentlookupsmodel.h"
#include "gui/settingsdialog.h"

#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testenv.h"
#include "support/windowtestbed.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSslCertificate>
#include <QSslKey>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kJob2 = QStringLiteral("22222222-3333-4444-8555-666666666666");
const QString kFinishedJob = QStringLiteral("33333333-4444-4555-8666-777777777777");
const QString kUnknownJob = QStringLiteral("99999999-9999-4999-8999-999999999999");

}  // namespace

class TestMainWindow : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestMainWindow() : WindowTestCase(QStringLiteral("tst_mainwindow")) {}

private:
    QTemporaryDir m_dir;

    void prepare() override
    {
        QVERIFY(m_dir.isValid());
        test::JobShape second;
        second.jobId = kJob2;
        second.withPipelineArn = true;
        QVERIFY(m_fake->addJobJson(test::fakeJob(second, test::kClientToken)).ok());
        test::JobShape finished;
        finished.jobId = kFinishedJob;
        QVERIFY(m_fake->addJobJson(test::fakeJob(finished, test::kClientToken, QStringLiteral("Succeeded"))).ok());
    }

    void windowReady() override
    {
        test::addStaticProfile(m_window, QStringLiteral("UnknownKeys"), m_fake->url(),
                               QStringLiteral("AKIDNOTKNOWNEXAMPLE1"), test::kSecretKey);
        test::addStaticProfile(m_window, QStringLiteral("WrongSecret"), m_fake->url(), test::kAccessKeyId,
                               QStringLiteral("not-the-secret"));
        // The profile selector's model is checked through every test.
        new QAbstractItemModelTester(m_window->profiles(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window);
        new QAbstractItemModelTester(m_window->recentLookups(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window);
    }

private Q_SLOTS:
    void fetchShowsEveryTab()
    {
        const int before = m_fake->requestCount();
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        QCOMPARE(m_fake->requestCount(), before + 1);
        QCOMPARE(m_window->documentTabs()->count(), 1);
        QVERIFY(m_window->errorBanner()->isHidden());
        JobView *view = m_window->currentJobView();
        QVERIFY(view);
        QCOMPARE(view->tabs()->count(), 6);

        // Every model of the document under the tester from here on.
        for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *>{
                 view->overviewModel(), view->configurationModel(), view->configurationProxy(), view->artifactsModel(),
                 view->credentialsModel(), view->jsonModel()})
            new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, view);

        OverviewModel *overview = view->overviewModel();
        const auto value = [overview](const char *key) {
            return overview->index(overview->rowOf(QString::fromLatin1(key)), 1).data().toString();
        };
        QCOMPARE(value("id"), test::JobShape().jobId);
        QCOMPARE(value("pipelineName"), QStringLiteral("gui-test-pipeline"));
        QVERIFY(overview->index(overview->rowOf(QStringLiteral("pipelineArn")), 1)
                    .data(OverviewModel::AbsentRole)
                    .toBool());
        QVERIFY(value("credentialsValidity").contains(QStringLiteral("Valid for about")));
        QVERIFY(!value("requestId").isEmpty());

        QCOMPARE(view->configurationModel()->rowCount(), 4);
        QCOMPARE(view->configurationModel()->index(0, ConfigurationModel::ValueColumn).data().toString(),
                 ConfigurationModel::mask());
        QCOMPARE(view->artifactsModel()->rowCount(), 2);
        QCOMPARE(view->artifactsModel()->index(0, ArtifactsModel::UriColumn).data().toString(),
                 QStringLiteral("s3://codepipeline-us-east-1-123456789012/pipe/In0/abc.zip"));
        QCOMPARE(view->credentialsModel()->secret(CredentialsModel::AccessKeyIdRow).revealText(),
                 QStringLiteral("ASIAARTIFACTEXAMPLE1"));
        QVERIFY(!view->credentialsModel()->isRevealed(CredentialsModel::SecretAccessKeyRow));

        // Raw: the CLI's JSON, secrets replaced until asked for.
        const QString raw = view->rawText()->toPlainText();
        QVERIFY(raw.startsWith(QStringLiteral("{\n    \"jobDetails\": {\n")));
        QVERIFY(!raw.contains(QStringLiteral("artifactSecretKeyEXAMPLE")));
        QVERIFY(!raw.contains(QStringLiteral("someFutureField")));
        QVERIFY(raw.contains(QStringLiteral("\"secretAccessKey\": \"<redacted>\"")));
        view->rawShowSecrets()->setChecked(true);
        QVERIFY(view->rawText()->toPlainText().contains(QStringLiteral("artifactSecretKeyEXAMPLE")));
        QVERIFY(view->jsonModel()
                    ->indexForPath(QStringLiteral("jobDetails.data.artifactCredentials.secretAccessKey"))
                    .isValid());
        view->rawShowSecrets()->setChecked(false);
        view->rawSearch()->setText(QStringLiteral("pipelineName"));
        QVERIFY(view->rawText()->textCursor().hasSelection());
        QCOMPARE(view->rawText()->textCursor().selectedText(), QStringLiteral("pipelineName"));

        // Status bar and recent lookups.
        QVERIFY2(m_window->callInfoText().contains(QStringLiteral("attempts: 1")),
                 qPrintable(m_window->callInfoText()));
        QVERIFY(m_window->callInfoText().contains(QStringLiteral(" ms")));
        const RecentLookup last = m_window->recentLookups()->lookup(0);
        QCOMPARE(last.jobId, test::JobShape().jobId);
        QCOMPARE(last.profile, QStringLiteral("Test"));
        QVERIFY(last.ok);
    }

    void validationAtTheField_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<int>("field");
        const QString url = QStringLiteral("<fake>");
        QTest::newRow("no job ID") << QString() << test::kClientToken << QStringLiteral("us-east-1") << url
                                   << int(LookupForm::Field::JobId);
        QTest::newRow("job ID too long") << QString(513, QLatin1Char('a')) << test::kClientToken
                                         << QStringLiteral("us-east-1") << url << int(LookupForm::Field::JobId);
        QTest::newRow("no token") << test::JobShape().jobId << QString() << QStringLiteral("us-east-1") << url
                                  << int(LookupForm::Field::ClientToken);
        QTest::newRow("bad region") << test::JobShape().jobId << test::kClientToken << QStringLiteral("us east 1")
                                    << QString() << int(LookupForm::Field::Region);
        QTest::newRow("bad endpoint") << test::JobShape().jobId << test::kClientToken << QStringLiteral("us-east-1")
                                      << QStringLiteral("ftp://example.com") << int(LookupForm::Field::Endpoint);
    }

    void validationAtTheField()
    {
        QFETCH(QString, jobId);
        QFETCH(QString, token);
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(int, field);
        form()->setRegion(region);
        form()->setEndpointOverride(endpoint == QLatin1String("<fake>") ? m_fake->url().toString() : endpoint);
        const int before = m_fake->requestCount();
        QVERIFY(!fetchAsTyped(jobId, token));
        QCOMPARE(m_fake->requestCount(), before);  // nothing was sent
        QVERIFY2(!form()->fieldError(LookupForm::Field(field)).isEmpty(), "no message at the field");
        QVERIFY(m_window->errorBanner()->isHidden());
        QVERIFY(!m_window->isBusy());
        QCOMPARE(m_window->documentTabs()->count(), 0);
    }

    void cancelMidRequest()
    {
        fake::FakeScript stall;
        stall.fault = fake::FakeScript::Fault::NoAnswer;
        QVERIFY(m_fake->setScript(test::JobShape().jobId, stall));
        QSignalSpy received(m_fake, &fake::FakeCodePipeline::requestReceived);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        form()->setJobId(test::JobShape().jobId);
        form()->setClientToken(Secret(test::kClientToken));
        QTest::mouseClick(form()->fetchButton(), Qt::LeftButton);
        QVERIFY(m_window->isBusy());
        QVERIFY(form()->cancelButton()->isVisible());
        QVERIFY(!form()->fetchButton()->isEnabled());
        QVERIFY(received.wait(10000));
        QVERIFY(finished.isEmpty());
        // Esc cancels.
        QTest::keyClick(m_window, Qt::Key_Escape);
        if (finished.isEmpty())
            QVERIFY(finished.wait(10000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QVERIFY(!m_window->isBusy());
        QVERIFY(form()->fetchButton()->isEnabled());
        QVERIFY(m_window->errorBanner()->isHidden());
        QCOMPARE(m_window->documentTabs()->count(), 0);
        QCOMPARE(m_window->recentLookups()->lookup(0).outcome, QStringLiteral("Cancelled"));
    }

    void errorBanner_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("profileName");
        QTest::addColumn<QString>("scriptJson");  // applied to the job, or "" for none
        QTest::addColumn<QString>("endpoint");    // "" for the fake
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("hasRequestId");
        const QString job = test::JobShape().jobId;
        const QString token = test::kClientToken;
        const QString p = QStringLiteral("Test");
        QTest::newRow("job not found") << kUnknownJob << token << p << QString() << QString()
                                       << QStringLiteral("JobNotFoundException") << int(Error::Kind::Service) << true;
        QTest::newRow("invalid job") << kFinishedJob << token << p << QString() << QString()
                                     << QStringLiteral("InvalidJobException") << int(Error::Kind::Service) << true;
        QTest::newRow("partner client token")
            << job << QStringLiteral("not-the-token") << p << QString() << QString()
            << QStringLiteral("InvalidClientTokenException") << int(Error::Kind::Service) << true;
        QTest::newRow("unknown AWS keys")
            << job << token << QStringLiteral("UnknownKeys") << QString() << QString()
            << QStringLiteral("UnrecognizedClientException") << int(Error::Kind::Service) << true;
        QTest::newRow("wrong secret key")
            << job << token << QStringLiteral("WrongSecret") << QString() << QString()
            << QStringLiteral("InvalidSignatureException") << int(Error::Kind::Service) << true;
        QTest::newRow("throttled") << job << token << p << QStringLiteral("throttle") << QString()
                                   << QStringLiteral("ThrottlingException") << int(Error::Kind::Service) << true;
        QTest::newRow("server error") << job << token << p << QStringLiteral("503") << QString() << QString()
                                      << int(Error::Kind::Service) << true;
        QTest::newRow("not JSON") << job << token << p << QStringLiteral("malformed") << QString() << QString()
                                  << int(Error::Kind::Protocol) << true;
        QTest::newRow("connection refused") << job << token << p << QString() << QStringLiteral("http://127.0.0.1:1")
                                            << QString() << int(Error::Kind::Network) << false;
    }

    void errorBanner()
    {
        QFETCH(QString, jobId);
        QFETCH(QString, token);
        QFETCH(QString, profileName);
        QFETCH(QString, scriptJson);
        QFETCH(QString, endpoint);
        QFETCH(QString, code);
        QFETCH(int, kind);
        QFETCH(bool, hasRequestId);
        fake::FakeScript script;
        if (scriptJson == QLatin1String("throttle"))
            script.throttleCount = 5;
        else if (scriptJson == QLatin1String("503"))
            script.serverErrors = {503};
        else if (scriptJson == QLatin1String("malformed"))
            script.fault = fake::FakeScript::Fault::MalformedBody;
        if (!script.isEmpty())
            QVERIFY(m_fake->setScript(jobId, script));

        form()->selectProfile(profileName);
        form()->setEndpointOverride(endpoint.isEmpty() ? m_fake->url().toString() : endpoint);
        QVERIFY(!fetchAsTyped(jobId, token, profileName));

        ErrorBanner *banner = m_window->errorBanner();
        QVERIFY(banner->isVisible());
        const Error &error = banner->error();
        QCOMPARE(int(error.kind), kind);
        if (!code.isEmpty()) {
            QCOMPARE(error.code, code);
            QVERIFY(banner->titleText().startsWith(code));
        }
        QVERIFY(!banner->messageText().isEmpty() || !error.message.isEmpty());
        QVERIFY2(!banner->explanationText().isEmpty(), "no plain-language explanation");
        QCOMPARE(banner->explanationText(), ErrorBanner::explain(error));
        QCOMPARE(!banner->requestIdText().isEmpty(), hasRequestId);
        if (hasRequestId)
            QVERIFY(banner->requestIdText().contains(error.requestId));
        QCOMPARE(m_window->documentTabs()->count(), 0);
        QVERIFY(!m_window->recentLookups()->lookup(0).ok);
        // The partner's token and the AWS keys are told apart.
        if (code == QLatin1String("InvalidClientTokenException"))
            QVERIFY(banner->explanationText().contains(QStringLiteral("client token")));
        if (code == QLatin1String("UnrecognizedClientException"))
            QVERIFY(banner->explanationText().contains(QStringLiteral("not about the job's client token")));
    }

    void tlsErrorAndCaBundle()
    {
        // A private CA's certificate, as a TLS-inspecting proxy or a private endpoint would present.
        const QString cert = m_dir.filePath(QStringLiteral("ca.pem"));
        const QString key = m_dir.filePath(QStringLiteral("ca.key"));
        const test::ProcessOutput made = test::runProcess(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
             QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
             QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QFile certFile(cert);
        QFile keyFile(key);
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        fake::FakeCodePipeline tlsFake;
        tlsFake.enableTls(QSslCertificate(certFile.readAll(), QSsl::Pem), QSslKey(keyFile.readAll(), QSsl::Rsa));
        tlsFake.addCredentials(test::kAccessKeyId, Secret(test::kSecretKey));
        QVERIFY(tlsFake.addJobJson(test::fakeJob({}, test::kClientToken)).ok());
        QVERIFY(tlsFake.listen());
        QCOMPARE(tlsFake.url().scheme(), QStringLiteral("https"));

        AppSettings withCa = m_defaults;
        withCa.caBundleFile = cert;
        m_window->applySettings(withCa);
        form()->setEndpointOverride(tlsFake.url().toString());
        QVERIFY2(fetchAsTyped(test::JobShape().jobId, test::kClientToken),
                 qPrintable(m_window->errorBanner()->error().summary() + QLatin1Char(' ')
                            + m_window->errorBanner()->error().hint));
        QCOMPARE(m_window->currentJobView()->document().jobId(), test::JobShape().jobId);

        // Without the bundle the same endpoint is refused, and the banner says why.
        m_window->applySettings(m_defaults);
        form()->setEndpointOverride(tlsFake.url().toString());
        QVERIFY(!fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        QCOMPARE(int(m_window->errorBanner()->error().kind), int(Error::Kind::Tls));
        QVERIFY(!m_window->errorBanner()->explanationText().isEmpty());
    }

    void severalJobsInTabs()
    {
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        QVERIFY(fetchAsTyped(kJob2, test::kClientToken));
        QCOMPARE(m_window->documentTabs()->count(), 2);
        QCOMPARE(m_window->currentJobView()->document().jobId(), kJob2);
        QCOMPARE(m_window->jobView(0)->document().jobId(), test::JobShape().jobId);
        // The second job has a pipeline ARN; the first says it is absent.
        OverviewModel *second = m_window->jobView(1)->overviewModel();
        QVERIFY(
            !second->index(second->rowOf(QStringLiteral("pipelineArn")), 1).data(OverviewModel::AbsentRole).toBool());
        Q_EMIT m_window->documentTabs()->tabCloseRequested(0);
        QCOMPARE(m_window->documentTabs()->count(), 1);
        QCOMPARE(m_window->currentJobView()->document().jobId(), kJob2);
    }

    void recentLookupRefillsTheForm()
    {
        QVERIFY(fetchAsTyped(kJob2, test::kClientToken));
        form()->jobIdEdit()->clear();
        form()->clientTokenEdit()->clear();
        auto *view = m_window->findChild<QTreeView *>(QStringLiteral("recentView"));
        QVERIFY(view);
        Q_EMIT view->activated(m_window->recentLookups()->index(0, 0));
        QCOMPARE(form()->jobIdEdit()->text(), kJob2);
        QVERIFY(form()->clientTokenEdit()->text().isEmpty());  // never stored

        m_window->dialogHooks().confirm = [](const QString &) { return true; };
        m_window->clearRecentLookups();
        QCOMPARE(m_window->recentLookups()->rowCount(), 0);
    }

    void tokenRevealToggle()
    {
        QCOMPARE(form()->clientTokenEdit()->echoMode(), QLineEdit::Password);
        form()->revealTokenAction()->trigger();
        QCOMPARE(form()->clientTokenEdit()->echoMode(), QLineEdit::Normal);
        form()->revealTokenAction()->trigger();
        QCOMPARE(form()->clientTokenEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(!form()->clientTokenEdit()->accessibleName().isEmpty());
        QVERIFY(!form()->jobIdEdit()->accessibleName().isEmpty());
        QVERIFY(!form()->regionCombo()->accessibleName().isEmpty());
    }

    void regionsListEveryPartition()
    {
        QComboBox *regions = form()->regionCombo();
        for (const QString &r :
             {QStringLiteral("us-east-1"), QStringLiteral("cn-north-1"), QStringLiteral("us-gov-west-1")})
            QVERIFY2(regions->findText(r) >= 0, qPrintable(r));
    }

    void settingsThroughTheDialog()
    {
        m_window->dialogHooks().settings = [](SettingsDialog *dialog) {
            dialog->verifyTlsCheck()->setChecked(false);
            dialog->attemptsSpin()->setValue(4);
            return true;
        };
        m_window->showSettings();
        QVERIFY(!m_window->settings().verifyTls);
        QCOMPARE(m_window->settings().maxAttempts, 4);
        QVERIFY(m_window->tlsBanner()->isVisible());
        QCOMPARE(AppSettings::load().maxAttempts, 4);  // saved

        m_window->dialogHooks().settings = [](SettingsDialog *dialog) {
            dialog->verifyTlsCheck()->setChecked(true);
            return false;  // cancelled: nothing changes
        };
        m_window->showSettings();
        QVERIFY(m_window->tlsBanner()->isVisible());

        m_window->dialogHooks().settings = [](SettingsDialog *dialog) {
            dialog->verifyTlsCheck()->setChecked(true);
            return true;
        };
        m_window->showSettings();
        QVERIFY(m_window->tlsBanner()->isHidden());
    }

    void demoMode()
    {
        app::DemoSession demo;
        const Status started = demo.start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        QVERIFY(!demo.firstJobId().isEmpty());
        MainWindow window;
        window.useDemo(demo.setup());
        window.applySettings(m_defaults);
        // The platform adds " — JobDesk" after the window's own title: the title names the app once.
        QCOMPARE(window.windowTitle(), QStringLiteral("Demo"));
        QCOMPARE(window.lookupForm()->request().profile, app::DemoSession::profileName());
        QCOMPARE(window.lookupForm()->jobIdEdit()->text(), demo.firstJobId());
        QSignalSpy finished(&window, &MainWindow::fetchFinished);
        window.action(QStringLiteral("actionFetch"))->trigger();
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.constFirst().constFirst().toBool());
        QCOMPARE(window.currentJobView()->document().jobId(), demo.firstJobId());
        QVERIFY(window.currentJobView()->configurationModel()->rowCount() > 0);
        // The real signing path served it.
        QVERIFY(demo.server()->lastRequestHeader("authorization").startsWith("AWS4-HMAC-SHA256"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
