#pragma once

// What the tests of acting on jobs from the window share: the real window with
// an activity log in a folder of the test's own, fresh queued jobs on the fake,
// running an action to its end, polling, opening a polled job, and the body the
// AWS CLI sends for the same inputs.

#include "gui/actionconfirmation.h"
#include "gui/errorbanner.h"
#include "gui/jobactionbar.h"
#include "gui/jobactions.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/pollwindow.h"

#include "core/output/activityfile.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testenv.h"
#include "support/windowtestbed.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <nlohmann/json.hpp>

namespace jobdesk::test {

class JobActionsTestCase : public WindowTestCase
{
    Q_OBJECT

public:
    using ojson = nlohmann::ordered_json;
    using ActionSummary = gui::ActionSummary;
    using JobActions = gui::JobActions;
    using JobView = gui::JobView;
    using LookupForm = gui::LookupForm;
    using MainWindow = gui::MainWindow;
    using PollWindow = gui::PollWindow;

    explicit JobActionsTestCase(const QString &appName) : WindowTestCase(appName) {}

protected:
    void windowReady() override
    {
        QVERIFY(m_activityDir.isValid());
        m_window->jobActions()->setActivityFile(output::ActivityFile(m_activityDir.path()));
    }

    static QString newUuid() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    struct NewJob
    {
        QString jobId;
        QString clientId;
    };

    JobActions *actions() const { return m_window->jobActions(); }

    // Fetches as a person would; on failure says what the window showed.
    bool fetch(const QString &jobId, const QString &token)
    {
        if (fetchAsTyped(jobId, token))
            return true;
        qWarning() << "fetch failed:" << m_window->errorBanner()->messageText()
                   << form()->fieldError(LookupForm::Field::JobId) << form()->fieldError(LookupForm::Field::ClientToken)
                   << form()->fieldError(LookupForm::Field::Profile);
        return false;
    }

    // A queued job of AcmeCI's Build action, the only one waiting.
    NewJob addQueuedJob(const QString &token = test::kClientToken)
    {
        for (const QString &id : m_fake->jobIds()) {
            if (m_fake->job(id)->state == fake::FakeJob::State::Queued)
                m_fake->setJobState(id, fake::FakeJob::State::InProgress);
        }
        test::JobShape shape;
        shape.jobId = newUuid();
        shape.withPipelineArn = true;
        ojson job = ojson::parse(test::fakeJob(shape, token).toStdString());
        const QString clientId = newUuid();
        job["clientId"] = clientId.toStdString();
        const auto added = m_fake->addJobJson(QByteArray::fromStdString(job.dump()));
        if (!added.ok())
            qWarning() << added.error().message;
        return {shape.jobId, clientId};
    }

    // Runs an action and waits for it to end; true when it was sent and succeeded.
    bool run(const QString &actionName, bool *sent = nullptr)
    {
        QSignalSpy finished(actions(), &JobActions::actionFinished);
        action(actionName)->trigger();
        if (finished.isEmpty() && !finished.wait(20000))
            return false;
        if (sent)
            *sent = finished.constFirst().at(1).toBool();
        return finished.constFirst().at(2).toBool();
    }

    PollWindow *pollFor(const QString &provider)
    {
        action(QStringLiteral("actionPoll"))->trigger();
        PollWindow *window = actions()->pollWindow();
        if (!window)
            return nullptr;
        window->categoryCombo()->setCurrentText(QStringLiteral("Build"));
        window->providerEdit()->setText(provider);
        window->versionEdit()->setText(QStringLiteral("1"));
        window->batchSizeSpin()->setValue(1);
        QSignalSpy finished(actions(), &JobActions::actionFinished);
        QTest::mouseClick(window->pollButton(), Qt::LeftButton);
        if (finished.isEmpty())
            finished.wait(20000);
        return window;
    }

    // Opens the newest polled row, types the token in the tab that asks for it, and fetches.
    JobView *openPolled(const QString &jobId)
    {
        PollWindow *window = actions()->pollWindow();
        const int before = m_window->documentTabs()->count();
        window->jobsView()->setCurrentIndex(window->jobsModel()->index(0, 0));
        QTest::mouseClick(window->openButton(), Qt::LeftButton);
        JobView *waiting = m_window->currentJobView();
        if (!waiting || m_window->documentTabs()->count() != before + 1 || waiting->document().jobId() != jobId
            || !waiting->actionBar()->isAskingForToken())
            return nullptr;
        QSignalSpy fetched(m_window, &MainWindow::fetchFinished);
        QTest::keyClicks(waiting->actionBar()->tokenEdit(), test::kClientToken);
        QTest::mouseClick(waiting->actionBar()->fetchButton(), Qt::LeftButton);
        if (!fetched.wait(20000) || !fetched.constFirst().constFirst().toBool())
            return nullptr;
        return m_window->currentJobView();
    }

    // What the AWS CLI sends for these arguments, as the fake received it.
    QByteArray awsCliBody(const QStringList &arguments)
    {
        const QStringList aws = test::awsClis();
        if (aws.isEmpty())
            return "no AWS CLI";
        QStringList args = {QStringLiteral("codepipeline")};
        args << arguments << QStringLiteral("--endpoint-url") << m_fake->url().toString();
        const test::ProcessOutput out = test::runProcessServing(
            aws.constFirst(), args, test::referenceEnvironment(test::kAccessKeyId, test::kSecretKey));
        if (out.exitCode != 0)
            return "AWS CLI failed: " + out.err;
        return m_fake->lastRequestBody();
    }

    QByteArray activityFileBytes()
    {
        QFile file(actions()->activityFile().pathFor(QStringLiteral("Test")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void confirmAll(QList<ActionSummary> *summaries)
    {
        m_window->dialogHooks().confirmAction = [summaries](const ActionSummary &summary) {
            summaries->append(summary);
            return true;
        };
        m_window->dialogHooks().pollNotice = [](const QString &, bool &) { return true; };
    }

    QTemporaryDir m_activityDir;

private Q_SLOTS:
    void init()
    {
        // A poll window or activity log left open would take the keys meant for the main window.
        if (actions()->pollWindow())
            actions()->pollWindow()->close();
        if (actions()->activityLog())
            actions()->activityLog()->close();
        resetCase();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        // Where a person clicks to type the next job ID (a list keeps Ctrl+Return to itself).
        form()->jobIdEdit()->setFocus();
    }
};

}  // namespace jobdesk::test
