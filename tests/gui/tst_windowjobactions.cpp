// Acting on jobs from the real window against the stateful fake: poll, open,
// acknowledge, report success or failure, with the bodies compared byte for byte
// with what the AWS CLI sends for the same inputs; nothing sent when a person
// cancels; every service error explained; and the activity record kept without
// a secret in it.

#include "gui/actionconfirmation.h"
#include "gui/activitylogdialog.h"
#include "gui/activitymodel.h"
#include "gui/errorbanner.h"
#include "gui/failureresultdialog.h"
#include "gui/jobactionbar.h"
#include "gui/jobactions.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/pollwindow.h"
#include "gui/successresultdialog.h"

#include "core/output/activityfile.h"
#include "fake/fakecodepipeline.h"
#include "jobactionstestcase.h"
#include "support/guitestdata.h"
#include "support/testenv.h"
#include "support/windowtestbed.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUuid>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace jobdesk;
using namespace jobdesk::gui;
using ojson = nlohmann::ordered_json;

class TestWindowJobActions : public test::JobActionsTestCase
{
    Q_OBJECT

public:
    TestWindowJobActions() : JobActionsTestCase(QStringLiteral("tst_windowjobactions")) {}

private Q_SLOTS:
    void pollOpenAcknowledgeAndSucceed()
    {
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        const NewJob job = addQueuedJob();

        // Poll: the job is handed out and listed.
        PollWindow *window = pollFor(QStringLiteral("AcmeCI"));
        QVERIFY(window);
        QVERIFY(window->isVisible());
        QCOMPARE(window->jobsModel()->rowCount(), 1);
        QCOMPARE(window->jobsModel()->index(0, 0).data().toString(), job.jobId);
        QCOMPARE(window->jobsModel()->index(0, 1).data().toString(), job.clientId);
        QCOMPARE(m_fake->job(job.jobId)->state, fake::FakeJob::State::Dispatched);
        const QByteArray ourPoll = m_fake->lastRequestBody();
        m_fake->setJobState(job.jobId, fake::FakeJob::State::Queued);
        QCOMPARE(ourPoll,
                 awsCliBody({QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
                             QStringLiteral("category=Build,owner=ThirdParty,provider=AcmeCI,version=1"),
                             QStringLiteral("--max-batch-size"), QStringLiteral("1")}));

        // Open: no token is saved for the client, so the tab asks for it, then the job replaces it.
        JobView *view = openPolled(job.jobId);
        QVERIFY(view);
        QCOMPARE(view->document().origin(), codepipeline::JobDocument::Origin::Fetched);
        int tabsForJob = 0;
        for (int i = 0; i < m_window->documentTabs()->count(); ++i)
            tabsForJob += m_window->jobView(i)->document().jobId() == job.jobId ? 1 : 0;
        QCOMPARE(tabsForJob, 1);
        QVERIFY(action(QStringLiteral("actionAcknowledge"))->isEnabled());

        // Acknowledge with the nonce from the job, after a confirmation that names the customer.
        QVERIFY(run(QStringLiteral("actionAcknowledge")));
        QCOMPARE(confirmed.size(), 1);
        QCOMPARE(confirmed[0].jobId, job.jobId);
        QCOMPARE(confirmed[0].accountId, QStringLiteral("123456789012"));
        QCOMPARE(confirmed[0].pipelineName, QStringLiteral("gui-test-pipeline"));
        QVERIFY2(confirmed[0].commandLine.startsWith(QStringLiteral("jobdesk-cli acknowledge-third-party-job --job-id ")
                                                     + job.jobId + QStringLiteral(" --nonce 7 --client-token ")),
                 qPrintable(confirmed[0].commandLine));
        QVERIFY(!confirmed[0].commandLine.contains(test::kClientToken));
        QVERIFY(confirmed[0].warning.isEmpty());
        QCOMPARE(m_fake->job(job.jobId)->state, fake::FakeJob::State::InProgress);
        QVERIFY2(view->actionBar()->statusText().contains(QStringLiteral("InProgress")),
                 qPrintable(view->actionBar()->statusText()));
        const QByteArray ourAck = m_fake->lastRequestBody();
        m_fake->setJobState(job.jobId, fake::FakeJob::State::Dispatched);
        QCOMPARE(ourAck,
                 awsCliBody({QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--job-id"), job.jobId,
                             QStringLiteral("--nonce"), QStringLiteral("7"), QStringLiteral("--client-token"),
                             test::kClientToken}));

        // Report success with every member the dialog offers.
        m_window->dialogHooks().successResult = [](SuccessResultDialog *dialog) {
            dialog->summaryEdit()->setPlainText(QStringLiteral("Built by hand – see ticket 4711"));
            dialog->externalIdEdit()->setText(QStringLiteral("build-4711"));
            dialog->percentSpin()->setValue(100);
            dialog->revisionEdit()->setText(QStringLiteral("a1b2c3d"));
            dialog->changeIdEdit()->setText(QStringLiteral("change-42"));
            dialog->createdCheck()->setChecked(true);
            dialog->createdEdit()->setDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 30, 0), Qt::UTC));
            dialog->revisionSummaryEdit()->setText(QStringLiteral("Fix the build"));
            dialog->continuationTokenEdit()->setText(QStringLiteral("step-2"));
            return dialog->validate();
        };
        QVERIFY(run(QStringLiteral("actionReportSuccess")));
        QCOMPARE(confirmed.size(), 2);
        QVERIFY(confirmed[1].commandLine.contains(QStringLiteral("put-third-party-job-success-result")));
        QCOMPARE(m_fake->job(job.jobId)->state, fake::FakeJob::State::Succeeded);
        const QByteArray ourSuccess = m_fake->lastRequestBody();
        m_fake->setJobState(job.jobId, fake::FakeJob::State::InProgress);
        QCOMPARE(
            ourSuccess,
            awsCliBody({QStringLiteral("put-third-party-job-success-result"), QStringLiteral("--job-id"), job.jobId,
                        QStringLiteral("--client-token"), test::kClientToken, QStringLiteral("--current-revision"),
                        QStringLiteral("{\"revision\":\"a1b2c3d\",\"changeIdentifier\":\"change-42\","
                                       "\"created\":1796117400,\"revisionSummary\":\"Fix the build\"}"),
                        QStringLiteral("--continuation-token"), QStringLiteral("step-2"),
                        QStringLiteral("--execution-details"),
                        QStringLiteral("{\"summary\":\"Built by hand – see ticket 4711\","
                                       "\"externalExecutionId\":\"build-4711\",\"percentComplete\":100}")}));

        // The tab's activity holds both actions, in order.
        ActivityModel *activity = view->activityModel();
        QCOMPARE(activity->rowCount(), 2);
        QCOMPARE(activity->entries()[0].operation, QStringLiteral("AcknowledgeThirdPartyJob"));
        QCOMPARE(activity->entries()[0].outcome, QStringLiteral("InProgress"));
        QCOMPARE(activity->entries()[1].operation, QStringLiteral("PutThirdPartyJobSuccessResult"));
        QVERIFY(activity->entries()[1].ok);
        QVERIFY(!activity->entries()[1].requestId.isEmpty());
    }

    void pollAndReportFailure()
    {
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        const NewJob job = addQueuedJob();
        QVERIFY(pollFor(QStringLiteral("AcmeCI")));
        JobView *view = openPolled(job.jobId);
        QVERIFY(view);

        m_window->dialogHooks().failureResult = [](FailureResultDialog *dialog) {
            dialog->typeCombo()->setCurrentText(QStringLiteral("ConfigurationError"));
            dialog->messageEdit()->setPlainText(QStringLiteral("The ApiToken setting is empty.\nSet it and retry – ü"));
            dialog->externalIdEdit()->setText(QStringLiteral("run-17"));
            return dialog->validate();
        };
        QVERIFY(run(QStringLiteral("actionReportFailure")));
        QCOMPARE(m_fake->job(job.jobId)->state, fake::FakeJob::State::Failed);
        QCOMPARE(confirmed.size(), 1);
        QVERIFY(confirmed[0].commandLine.contains(QStringLiteral("--failure-details ")));
        QVERIFY(!confirmed[0].commandLine.contains(test::kClientToken));
        const QByteArray ours = m_fake->lastRequestBody();
        m_fake->setJobState(job.jobId, fake::FakeJob::State::InProgress);
        QCOMPARE(
            ours,
            awsCliBody({QStringLiteral("put-third-party-job-failure-result"), QStringLiteral("--job-id"), job.jobId,
                        QStringLiteral("--client-token"), test::kClientToken, QStringLiteral("--failure-details"),
                        QStringLiteral("{\"type\":\"ConfigurationError\",\"message\":\"The ApiToken setting is "
                                       "empty.\\nSet it and retry – ü\",\"externalExecutionId\":\"run-17\"}")}));
        QVERIFY(view->actionBar()->statusText().contains(QStringLiteral("Failure reported")));
    }

    void cancelSendsNothing_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("acknowledge confirmation") << QStringLiteral("ack-confirm");
        QTest::newRow("success dialog") << QStringLiteral("success-dialog");
        QTest::newRow("success confirmation") << QStringLiteral("success-confirm");
        QTest::newRow("failure dialog") << QStringLiteral("failure-dialog");
        QTest::newRow("failure confirmation") << QStringLiteral("failure-confirm");
        QTest::newRow("token prompt of a file's job") << QStringLiteral("token");
    }

    void cancelSendsNothing()
    {
        QFETCH(QString, where);
        DialogHooks &hooks = m_window->dialogHooks();
        QVERIFY(fetch(test::JobShape().jobId, test::kClientToken));
        JobView *view = m_window->currentJobView();
        QVERIFY(view);
        int asked = 0;
        hooks.confirmAction = [&asked, where](const ActionSummary &) {
            ++asked;
            return !where.endsWith(QLatin1String("-confirm"));
        };
        hooks.successResult = [&asked, where](SuccessResultDialog *dialog) {
            ++asked;
            dialog->summaryEdit()->setPlainText(QStringLiteral("done"));
            return where != QLatin1String("success-dialog") && dialog->validate();
        };
        hooks.failureResult = [&asked, where](FailureResultDialog *dialog) {
            ++asked;
            dialog->messageEdit()->setPlainText(QStringLiteral("broken"));
            return where != QLatin1String("failure-dialog") && dialog->validate();
        };
        hooks.clientToken = [&asked](const QString &) { return ++asked, Secret(); };
        QTemporaryDir dir;
        if (where == QLatin1String("token")) {
            // A job read from a file has no token until the person gives one.
            const QString path = dir.filePath(QStringLiteral("job.json"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(test::cliOutput());
            file.close();
            hooks.openFileName = [path] { return path; };
            action(QStringLiteral("actionOpen"))->trigger();
            view = m_window->currentJobView();
            QCOMPARE(view->document().origin(), codepipeline::JobDocument::Origin::Opened);
        }

        const int requestsBefore = m_fake->requestCount();
        const QByteArray logBefore = activityFileBytes();
        const QString name = where.startsWith(QLatin1String("ack")) || where == QLatin1String("token")
            ? QStringLiteral("actionAcknowledge")
            : where.startsWith(QLatin1String("success")) ? QStringLiteral("actionReportSuccess")
                                                         : QStringLiteral("actionReportFailure");
        {
            bool sent = true;
            QVERIFY(!run(name, &sent));
            QVERIFY(!sent);
        }
        QVERIFY(asked > 0);
        QTest::qWait(50);
        QCOMPARE(m_fake->requestCount(), requestsBefore);
        QCOMPARE(activityFileBytes(), logBefore);
        QCOMPARE(view->activityModel()->rowCount(), 0);
    }

    void serviceErrorsAreExplained_data()
    {
        QTest::addColumn<QString>("actionName");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("advice");
        QTest::newRow("nonce") << QStringLiteral("actionAcknowledge") << QStringLiteral("InvalidNonceException")
                               << QStringLiteral("Fetch the job again");
        QTest::newRow("finished job") << QStringLiteral("actionReportSuccess")
                                      << QStringLiteral("InvalidJobStateException")
                                      << QStringLiteral("one result per job");
        QTest::newRow("no such job") << QStringLiteral("actionReportFailure") << QStringLiteral("JobNotFoundException")
                                     << QStringLiteral("Check the job ID, the profile and the region");
        QTest::newRow("wrong token") << QStringLiteral("actionAcknowledge")
                                     << QStringLiteral("InvalidClientTokenException")
                                     << QStringLiteral("ask the customer for the right one");
        QTest::newRow("validation") << QStringLiteral("actionReportFailure") << QStringLiteral("ValidationException")
                                    << QStringLiteral("Check each field against its limit");
    }

    void serviceErrorsAreExplained()
    {
        QFETCH(QString, actionName);
        QFETCH(QString, code);
        QFETCH(QString, advice);
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        m_window->dialogHooks().successResult = [](SuccessResultDialog *) { return true; };
        m_window->dialogHooks().failureResult = [](FailureResultDialog *dialog) {
            dialog->messageEdit()->setPlainText(QStringLiteral("broken"));
            return dialog->validate();
        };
        const NewJob job = addQueuedJob();
        QVERIFY(fetch(job.jobId, test::kClientToken));
        JobView *view = m_window->currentJobView();

        if (code == QLatin1String("InvalidJobStateException")) {
            m_fake->setJobState(job.jobId, fake::FakeJob::State::Succeeded);  // reported by someone else meanwhile
        } else if (code == QLatin1String("JobNotFoundException")) {
            m_fake->removeJob(job.jobId);
        } else if (code == QLatin1String("InvalidClientTokenException")) {
            view->setClientToken(Secret(QStringLiteral("not-this-customers-token")));
        } else {
            fake::FakeScript script;
            script.error = fake::FakeScript::ForcedError{code, QStringLiteral("Refused by the test"), 400, -1};
            QVERIFY(m_fake->setScript(job.jobId, script));
        }
        bool sent = false;
        QVERIFY(!run(actionName, &sent));
        QVERIFY(sent);
        ErrorBanner *banner = m_window->errorBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->error().code, code);
        QVERIFY2(banner->explanationText().contains(advice), qPrintable(banner->explanationText()));
        QVERIFY(view->actionBar()->statusText().contains(code));
        QCOMPARE(view->activityModel()->rowCount(), 1);
        QCOMPARE(view->activityModel()->entries()[0].outcome, code);
        QVERIFY(!view->activityModel()->entries()[0].ok);
    }

    void recordAndExportKeepNoSecret()
    {
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        const QString token = test::uniqueSecret("leak-token-", 24);
        const NewJob job = addQueuedJob(token);
        QVERIFY(fetch(job.jobId, token));
        JobView *view = m_window->currentJobView();
        QVERIFY(run(QStringLiteral("actionAcknowledge")));
        m_window->dialogHooks().failureResult = [&token](FailureResultDialog *dialog) {
            // A person may paste the token where it does not belong; the message is sent as typed,
            // but the record still never holds the token.
            dialog->messageEdit()->setPlainText(QStringLiteral("Token ") + token + QStringLiteral(" rejected"));
            return dialog->validate();
        };
        QVERIFY(run(QStringLiteral("actionReportFailure")));
        QCOMPARE(view->activityModel()->rowCount(), 2);

        const QByteArray log = activityFileBytes();
        int linesOfJob = 0;
        for (const QByteArray &line : log.split('\n'))
            linesOfJob += line.contains(job.jobId.toUtf8()) ? 1 : 0;
        QCOMPARE(linesOfJob, 2);
        QVERIFY(log.contains("AcknowledgeThirdPartyJob"));
        QVERIFY(log.contains("<redacted>"));
        for (const QByteArray &secret :
             {token.toUtf8(), QByteArray("artifactSecretKeyEXAMPLE"), QByteArray("FwoGZXIvYXdzEXAMPLEsessiontoken")})
            QVERIFY2(!log.contains(secret), secret.constData());
        const QFile::Permissions owner = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
        QCOMPARE(QFile::permissions(actions()->activityFile().pathFor(QStringLiteral("Test"))) & ~owner,
                 QFile::Permissions{});

        // Export JSON carries the activity, redacted as the rest.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.json"));
        m_window->dialogHooks().saveFileName = [path](const QString &) { return path; };
        action(QStringLiteral("actionExport"))->trigger();
        QFile exported(path);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray bytes = exported.readAll();
        const ojson doc = ojson::parse(bytes.toStdString());
        QCOMPARE(doc["activity"].size(), std::size_t(2));
        QCOMPARE(doc["activity"][0]["operation"], "AcknowledgeThirdPartyJob");
        QVERIFY(!bytes.contains(token.toUtf8()));
        QVERIFY(!bytes.contains("artifactSecretKeyEXAMPLE"));

        // Reading the export back shows the same activity.
        m_window->dialogHooks().openFileName = [path] { return path; };
        action(QStringLiteral("actionOpen"))->trigger();
        QCOMPARE(m_window->currentJobView()->activityModel()->rowCount(), 2);

        // Copy Activity: plain lines for a ticket, without the token.
        view->copyActivity();
        const QString copied = QApplication::clipboard()->text();
        QCOMPARE(copied.count(QLatin1Char('\n')), 1);
        QVERIFY(copied.contains(job.jobId));
        QVERIFY(!copied.contains(token));

        // The profile's activity log, from the Recent Lookups dock.
        auto *button = m_window->findChild<QPushButton *>(QStringLiteral("showActivityLog"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        ActivityLogDialog *logDialog = actions()->activityLog();
        QVERIFY(logDialog && logDialog->isVisible());
        QCOMPARE(logDialog->profileCombo()->currentText(), QStringLiteral("Test"));
        QVERIFY(logDialog->model()->rowCount() >= 2);
        logDialog->close();
    }

    void fileJobWarnsAndAsksForToken()
    {
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        const NewJob job = addQueuedJob();
        test::JobShape shape;
        shape.jobId = job.jobId;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("job.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(test::cliOutput(shape));
        file.close();
        m_window->dialogHooks().openFileName = [path] { return path; };
        action(QStringLiteral("actionOpen"))->trigger();
        QString prompt;
        m_window->dialogHooks().clientToken = [&prompt](const QString &text) {
            prompt = text;
            return Secret(test::kClientToken);
        };
        QVERIFY(run(QStringLiteral("actionAcknowledge")));
        QVERIFY2(prompt.contains(QStringLiteral("stale")), qPrintable(prompt));
        QCOMPARE(confirmed.size(), 1);
        QVERIFY(!confirmed[0].warning.isEmpty());
        QCOMPARE(m_fake->job(job.jobId)->state, fake::FakeJob::State::InProgress);
    }

    void actionsEnableOnlyWhenTheyApply()
    {
        const QStringList jobActions = {QStringLiteral("actionAcknowledge"), QStringLiteral("actionReportSuccess"),
                                        QStringLiteral("actionReportFailure")};
        for (const QString &name : jobActions)
            QVERIFY2(!action(name)->isEnabled(), qPrintable(name));
        QVERIFY(action(QStringLiteral("actionPoll"))->isEnabled());
        QVERIFY(fetch(test::JobShape().jobId, test::kClientToken));
        for (const QString &name : jobActions)
            QVERIFY2(action(name)->isEnabled(), qPrintable(name));
        // The buttons on the tab are the same actions.
        QCOMPARE(m_window->currentJobView()->actionBar()->button(0)->defaultAction(),
                 action(QStringLiteral("actionAcknowledge")));
    }

    // Declining the notice before the first poll of a session sends nothing; accepting it once
    // with "don't ask again" is remembered.
    void pollNoticeDecides()
    {
        QList<ActionSummary> confirmed;
        confirmAll(&confirmed);
        QStringList notices;
        bool answer = false;
        m_window->dialogHooks().pollNotice = [&notices, &answer](const QString &text, bool &dontAskAgain) {
            notices << text;
            dontAskAgain = answer;
            return answer;
        };
        PollWindow::resetSessionNotice();
        const int requestsBefore = m_fake->requestCount();
        action(QStringLiteral("actionPoll"))->trigger();
        PollWindow *window = actions()->pollWindow();
        window->providerEdit()->setText(QStringLiteral("AcmeCI"));
        window->versionEdit()->setText(QStringLiteral("1"));
        QTest::mouseClick(window->pollButton(), Qt::LeftButton);
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices[0].contains(QStringLiteral("time out")), qPrintable(notices[0]));
        QTest::qWait(50);
        QCOMPARE(m_fake->requestCount(), requestsBefore);
        QVERIFY(!window->isBusy());

        answer = true;
        QVERIFY(pollFor(QStringLiteral("AcmeCI")));
        QCOMPARE(notices.size(), 2);
        QCOMPARE(m_fake->requestCount(), requestsBefore + 1);
        PollWindow::resetSessionNotice();  // a new session: "don't ask again" still holds
        QVERIFY(pollFor(QStringLiteral("AcmeCI")));
        QCOMPARE(notices.size(), 2);
        QCOMPARE(m_fake->requestCount(), requestsBefore + 2);
    }

    void emptyAnswerIsSaid()
    {
        fake::FakeScript script;
        script.fault = fake::FakeScript::Fault::EmptyObject;
        script.operations = {QStringLiteral("GetThirdPartyJobDetails")};
        QVERIFY(m_fake->setScript(test::JobShape().jobId, script));
        const int tabs = m_window->documentTabs()->count();
        QVERIFY(fetch(test::JobShape().jobId, test::kClientToken));
        QCOMPARE(m_window->documentTabs()->count(), tabs);
        QVERIFY(m_window->errorBanner()->isVisible());
        QVERIFY(m_window->errorBanner()->messageText().contains(QStringLiteral("no job details")));
    }
};

QTEST_MAIN(TestWindowJobActions)
#include "tst_windowjobactions.moc"
