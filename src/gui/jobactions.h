#pragma once

// The window's actions that change a job: Poll for Jobs, Acknowledge, Report
// Success and Report Failure. Each collects its input in its dialog, shows what
// will be sent and to which customer, sends it only on an explicit confirm, and
// records the outcome in the job's Activity tab and the profile's activity log.

#include "gui/activitylogdialog.h"
#include "gui/jobactioncontroller.h"
#include "gui/pollwindow.h"

#include "core/aws/endpointresolver.h"
#include "core/output/activityfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace jobdesk::profiles {
class ClientTokenVault;
}

namespace jobdesk::gui {

class DocumentTabs;
class ErrorBanner;
class FetchController;
class JobView;
class LookupForm;
class ProfileListModel;
struct DialogHooks;

class JobActions : public QObject
{
    Q_OBJECT

public:
    // Everything given must outlive the actions; window parents their dialogs and QActions.
    struct Parts
    {
        QWidget *window = nullptr;
        const DialogHooks *hooks = nullptr;
        aws::AwsClient *client = nullptr;
        ProfileListModel *profiles = nullptr;
        DocumentTabs *documents = nullptr;
        ErrorBanner *banner = nullptr;
        LookupForm *form = nullptr;
        FetchController *fetch = nullptr;
    };

    explicit JobActions(const Parts &parts, QObject *parent = nullptr);
    ~JobActions() override;

    // Adds Poll for Jobs, Acknowledge, Report Success and Report Failure to menu.
    void addTo(QMenu *menu);
    void setSettings(const AppSettings &settings);
    void setTokenVault(profiles::ClientTokenVault *vault) { m_vault = vault; }
    // Where the activity log is kept (tests point it at a folder of their own).
    void setActivityFile(const output::ActivityFile &file) { m_activityFile = file; }
    const output::ActivityFile &activityFile() const { return m_activityFile; }

    // Enables each action for the current tab and what is running.
    void updateActions();
    // Shows a job tab's buttons and answers its token prompt.
    void attach(JobView *view);
    bool isBusy() const;

    PollWindow *pollWindow() const { return m_pollWindow; }
    ActivityLogDialog *activityLog() const { return m_activityLog; }

public Q_SLOTS:
    void showPollWindow();
    void acknowledge();
    void reportSuccess();
    void reportFailure();
    void showActivityLog();

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);
    // A job to open in a tab (a polled job waiting for its client token).
    void documentReady(const jobdesk::codepipeline::JobDocument &document);
    // After each action ends, sent or not (cancelled at a dialog included).
    void actionFinished(const QString &operation, bool sent, bool ok);

private:
    // Where a job's actions go: the profile, region and endpoint it was fetched with, or the
    // lookup form's for a job read from a file.
    struct Target
    {
        int profileRow = -1;
        QString profile;
        QString region;
        QString endpointOverride;
        aws::Endpoint endpoint;
    };
    std::optional<Target> targetFor(const JobView *view);
    std::optional<Target> formTarget();
    // Whether the tab has a client token to act with, after asking for one when it had none.
    bool ensureToken(JobView *view);
    void send(JobView *view, const QString &operation, const QString &actionName, codepipeline::Json params);
    void onSucceeded(const output::ActivityEntry &entry);
    void onFailed(const output::ActivityEntry &entry, const Error &error);
    void record(const output::ActivityEntry &entry, JobView *view);
    void poll(const codepipeline::Json &params);
    void openPolledJob(const QString &jobId, const QString &clientId);
    void fetchPolledJob(const QString &jobId, const Secret &token);
    void nothingSent(const QString &operation);

    Parts m_parts;
    JobActionController *m_jobCalls;
    JobActionController *m_pollCalls;
    profiles::ClientTokenVault *m_vault = nullptr;
    output::ActivityFile m_activityFile;
    QPointer<JobView> m_actingView;
    QPointer<PollWindow> m_pollWindow;
    QPointer<ActivityLogDialog> m_activityLog;
    Target m_pollTarget;
    QHash<QString, Target> m_polledTargets;  // job ID -> where it was polled
    QAction *m_poll = nullptr;
    QAction *m_acknowledge = nullptr;
    QAction *m_success = nullptr;
    QAction *m_failure = nullptr;
};

// An action's service error with what to do about it, in words for this action.
Error explainActionError(const QString &operation, Error error);

}  // namespace jobdesk::gui
