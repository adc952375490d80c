#include "gui/jobactions.h"

#include "gui/actionconfirmation.h"
#include "gui/activitylogdialog.h"
#include "gui/activitymodel.h"
#include "gui/dialoghooks.h"
#include "gui/documenttabs.h"
#include "gui/errorbanner.h"
#include "gui/failureresultdialog.h"
#include "gui/fetchcontroller.h"
#include "gui/jobactionbar.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/profilelistmodel.h"
#include "gui/profilesource.h"
#include "gui/successresultdialog.h"

#include "core/codepipeline/servicemodel.h"
#include "core/output/clicommand.h"
#include "core/profiles/clienttokenvault.h"

#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QTabWidget>
#include <QWidget>

#include <map>

namespace jobdesk::gui {

using codepipeline::JobDocument;
using codepipeline::Json;

namespace {

const QString kPoll = QStringLiteral("PollForThirdPartyJobs");
const QString kAcknowledge = QStringLiteral("AcknowledgeThirdPartyJob");
const QString kSuccess = QStringLiteral("PutThirdPartyJobSuccessResult");
const QString kFailure = QStringLiteral("PutThirdPartyJobFailureResult");

const codepipeline::Operation &operationNamed(const QString &name)
{
    return *codepipeline::ServiceModel::codePipeline().operation(name.toStdString());
}

// The request's members in the model's order, as the AWS CLI sends them, so that the
// bodies are the same byte for byte.
Json inModelOrder(const QString &operation, std::map<std::string, Json> members)
{
    Json params = Json::object();
    for (const codepipeline::Member &m : operationNamed(operation).input->members) {
        auto it = members.find(m.name);
        if (it != members.end())
            params[m.name] = std::move(it->second);
    }
    for (auto &[name, value] : members)
        codepipeline::wipeJson(value);
    return params;
}

}  // namespace

Error explainActionError(const QString &operation, Error error)
{
    const bool isResult = operation == kSuccess || operation == kFailure;
    const QString &code = error.code;
    if (code == QLatin1String("InvalidJobStateException")) {
        error.hint = isResult ? JobActions::tr("CodePipeline takes one result per job, and this job already has one "
                                               "or has timed out. Fetch the job to see its state; nothing more "
                                               "needs to be sent for it.")
                              : JobActions::tr("The job was acknowledged already, or it has finished or timed out. "
                                               "Fetch it again to see its state.");
    } else if (code == QLatin1String("InvalidNonceException")) {
        error.hint = JobActions::tr("The nonce is not the job's current one. Fetch the job again and acknowledge it "
                                    "with the nonce shown on its Overview.");
    } else if (code == QLatin1String("JobNotFoundException")) {
        error.hint = JobActions::tr("No job has this ID for this account and region. Check the job ID, the profile "
                                    "and the region; a finished job is kept only for a while.");
    } else if (code == QLatin1String("InvalidClientTokenException")) {
        error.hint = JobActions::tr("The client token does not belong to this job's customer. Check the token saved "
                                    "for the client, or ask the customer for the right one.");
    } else if (code == QLatin1String("ValidationException")) {
        error.hint = JobActions::tr("CodePipeline rejected a value it was sent. Check each field against its limit "
                                    "and the job ID and client token for stray characters.");
    } else if (code == QLatin1String("ActionTypeNotFoundException")) {
        error.hint = JobActions::tr("No custom action type matches this category, provider and version in this "
                                    "account and region. Check them against the action's definition.");
    }
    return error;
}

JobActions::JobActions(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_jobCalls(new JobActionController(parts.client, parts.profiles, this))
    , m_pollCalls(new JobActionController(parts.client, parts.profiles, this))
{
    connect(m_jobCalls, &JobActionController::succeeded, this,
            [this](const output::ActivityEntry &entry) { onSucceeded(entry); });
    connect(m_jobCalls, &JobActionController::failed, this, &JobActions::onFailed);
    connect(m_jobCalls, &JobActionController::busyChanged, this, &JobActions::updateActions);
    connect(m_pollCalls, &JobActionController::succeeded, this,
            [this](const output::ActivityEntry &entry, const Json &data) {
                record(entry, nullptr);
                QList<PolledJob> jobs;
                const auto list = data.find("jobs");
                if (list != data.end() && list->is_array()) {
                    for (const Json &job : *list) {
                        const QString jobId = codepipeline::jsonText(job.value("jobId", Json()));
                        const QString clientId = codepipeline::jsonText(job.value("clientId", Json()));
                        m_polledTargets.insert(jobId, m_pollTarget);
                        jobs.append({jobId, clientId, entry.timeUtc});
                    }
                }
                if (m_pollWindow) {
                    m_pollWindow->setBusy(false);
                    m_pollWindow->addJobs(jobs);
                }
                Q_EMIT statusMessage(tr("Jobs handed out by the poll: %1.").arg(jobs.size()), 5000);
                Q_EMIT actionFinished(kPoll, true, true);
            });
    connect(m_pollCalls, &JobActionController::failed, this,
            [this](const output::ActivityEntry &entry, const Error &error) {
                record(entry, nullptr);
                if (m_pollWindow) {
                    m_pollWindow->setBusy(false);
                    if (error.kind != Error::Kind::Cancelled)
                        m_pollWindow->showError(explainActionError(kPoll, error));
                }
                Q_EMIT actionFinished(kPoll, true, false);
            });
}

JobActions::~JobActions() = default;

void JobActions::addTo(QMenu *menu)
{
    const auto make = [this, menu](const QString &name, const QString &text, const QString &tip,
                                   const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(text, m_parts.window);
        a->setObjectName(name);
        a->setStatusTip(tip);
        a->setToolTip(tip);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        m_parts.window->addAction(a);
        menu->addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_poll = make(QStringLiteral("actionPoll"), tr("P&oll for Jobs…"),
                  tr("Takes waiting jobs of an action type off the queue"), QKeySequence(tr("Ctrl+Shift+J")),
                  &JobActions::showPollWindow);
    m_acknowledge = make(QStringLiteral("actionAcknowledge"), tr("&Acknowledge"),
                         tr("Tells CodePipeline that this job has been taken"), QKeySequence(tr("Ctrl+Shift+K")),
                         &JobActions::acknowledge);
    m_success = make(QStringLiteral("actionReportSuccess"), tr("Report &Success…"),
                     tr("Reports that this job succeeded, or is still running"), {}, &JobActions::reportSuccess);
    m_failure = make(QStringLiteral("actionReportFailure"), tr("Report Fail&ure…"),
                     tr("Reports that this job failed, which stops the pipeline at this action"), {},
                     &JobActions::reportFailure);
    m_acknowledge->setIcon(QIcon(QStringLiteral(":/icons/ok.svg")));
    m_failure->setIcon(QIcon(QStringLiteral(":/icons/error.svg")));
    menu->addSeparator();
    auto *log = new QAction(tr("Activity &Log…"), m_parts.window);
    log->setObjectName(QStringLiteral("actionActivityLog"));
    connect(log, &QAction::triggered, this, &JobActions::showActivityLog);
    menu->addAction(log);
    updateActions();
}

void JobActions::setSettings(const AppSettings &settings)
{
    m_jobCalls->setSettings(settings);
    m_pollCalls->setSettings(settings);
}

bool JobActions::isBusy() const
{
    return m_jobCalls->isBusy() || m_pollCalls->isBusy();
}

void JobActions::updateActions()
{
    if (!m_acknowledge)
        return;
    const JobView *view = m_parts.documents->currentView();
    const bool hasJob = view && !view->isWiped() && !view->document().jobId().isEmpty()
        && view->document().origin() != JobDocument::Origin::Polled;
    const bool idle = !m_jobCalls->isBusy();
    const bool hasNonce =
        hasJob && !codepipeline::jsonText(view->document().details().value("nonce", Json())).isEmpty();
    m_acknowledge->setEnabled(hasJob && hasNonce && idle);
    m_success->setEnabled(hasJob && idle);
    m_failure->setEnabled(hasJob && idle);
}

void JobActions::attach(JobView *view)
{
    view->actionBar()->setActions(m_acknowledge, m_success, m_failure);
    connect(view->actionBar(), &JobActionBar::fetchRequested, this, [this, view](const Secret &token, bool save) {
        const QString jobId = view->document().jobId();
        const QString clientId = view->actionBar()->clientId();
        if (save && m_vault) {
            m_vault->saveClientToken(clientId, token, this, [this, clientId](Status saved) {
                Q_EMIT statusMessage(saved ? tr("Saved the client token of client %1 in the keychain.").arg(clientId)
                                           : saved.error().message,
                                     8000);
            });
        }
        fetchPolledJob(jobId, token);
    });
}

std::optional<JobActions::Target> JobActions::formTarget()
{
    const std::optional<LookupForm::CheckedRequest> checked = m_parts.form->validatedTarget();
    if (!checked) {
        Q_EMIT statusMessage(tr("Nothing was sent: correct the marked fields of the lookup form."), 8000);
        return std::nullopt;
    }
    const LookupForm::Request &r = checked->request;
    return Target{r.profileRow, r.profile, r.region, r.endpointOverride, checked->endpoint};
}

std::optional<JobActions::Target> JobActions::targetFor(const JobView *view)
{
    const JobDocument &doc = view->document();
    const codepipeline::LookupInfo &lookup = doc.lookup();
    if (doc.origin() != JobDocument::Origin::Fetched || lookup.profile.isEmpty())
        return formTarget();
    // A fetched job is answered where it came from, whatever the form says now.
    Target target{m_parts.profiles->rowOf(lookup.profile), lookup.profile, lookup.region, lookup.endpointOverride, {}};
    if (target.profileRow < 0) {
        m_parts.banner->showError(
            Error::make(Error::Kind::Credentials, QStringLiteral("ProfileGone"),
                        tr("The profile %1 that fetched this job is no longer listed.").arg(lookup.profile),
                        tr("Add the profile again, or fetch the job with another profile and act on it from there.")));
        return std::nullopt;
    }
    auto endpoint = aws::EndpointResolver::resolve(lookup.region, false, lookup.endpointOverride);
    if (!endpoint) {
        m_parts.banner->showError(endpoint.error());
        return std::nullopt;
    }
    target.endpoint = endpoint.value();
    return target;
}

bool JobActions::ensureToken(JobView *view)
{
    if (!view->clientToken().isEmpty())
        return true;
    const JobDocument &doc = view->document();
    QString prompt =
        tr("Enter the client token of job %1. JobDesk keeps it only while the tab is open.").arg(doc.jobId());
    if (doc.origin() != JobDocument::Origin::Fetched) {
        prompt += QStringLiteral("\n\n")
            + tr("This job was not fetched but read from %1; it may be stale. CodePipeline acts on the job as it "
                 "is now, so fetch it first if you can.")
                  .arg(doc.origin() == JobDocument::Origin::Opened ? doc.sourceName() : tr("the clipboard"));
    }
    Secret token;
    if (m_parts.hooks->clientToken) {
        token = m_parts.hooks->clientToken(prompt);
    } else {
        bool ok = false;
        QString text = QInputDialog::getText(m_parts.window, tr("Client Token"), prompt, QLineEdit::Password, {}, &ok);
        if (ok)
            token = Secret(text.trimmed());
        wipeString(text);
    }
    if (token.isEmpty())
        return false;
    view->setClientToken(token);
    return true;
}

void JobActions::acknowledge()
{
    JobView *view = m_parts.documents->currentView();
    if (!view || !m_acknowledge->isEnabled())
        return;
    if (!ensureToken(view))
        return nothingSent(kAcknowledge);
    const JobDocument &doc = view->document();
    std::map<std::string, Json> members;
    members["jobId"] = doc.jobId().toStdString();
    members["nonce"] = doc.details().value("nonce", Json());
    members["clientToken"] = view->clientToken().reveal().toStdString();
    send(view, kAcknowledge, tr("Acknowledge"), inModelOrder(kAcknowledge, std::move(members)));
}

void JobActions::reportSuccess()
{
    JobView *view = m_parts.documents->currentView();
    if (!view || !m_success->isEnabled())
        return;
    SuccessResultDialog dialog(m_parts.window);
    const bool accepted =
        m_parts.hooks->successResult ? m_parts.hooks->successResult(&dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted || !ensureToken(view))
        return nothingSent(kSuccess);
    std::map<std::string, Json> members;
    Json chosen = dialog.parameters();
    for (auto it = chosen.begin(); it != chosen.end(); ++it)
        members[it.key()] = std::move(it.value());
    members["jobId"] = view->document().jobId().toStdString();
    members["clientToken"] = view->clientToken().reveal().toStdString();
    send(view, kSuccess, tr("Report success"), inModelOrder(kSuccess, std::move(members)));
}

void JobActions::reportFailure()
{
    JobView *view = m_parts.documents->currentView();
    if (!view || !m_failure->isEnabled())
        return;
    FailureResultDialog dialog(m_parts.window);
    const bool accepted =
        m_parts.hooks->failureResult ? m_parts.hooks->failureResult(&dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted || !ensureToken(view))
        return nothingSent(kFailure);
    std::map<std::string, Json> members;
    members["jobId"] = view->document().jobId().toStdString();
    members["clientToken"] = view->clientToken().reveal().toStdString();
    members["failureDetails"] = dialog.failureDetails();
    send(view, kFailure, tr("Report failure"), inModelOrder(kFailure, std::move(members)));
}

void JobActions::send(JobView *view, const QString &operation, const QString &actionName, Json params)
{
    const std::optional<Target> target = targetFor(view);
    if (!target) {
        codepipeline::wipeJson(params);
        return nothingSent(operation);
    }
    const JobDocument &doc = view->document();
    ActionSummary summary = ActionSummary::forJob(doc, actionName);
    const bool environment = target->profile == EnvironmentProfileSource::profileName();
    summary.commandLine =
        output::CliCommand::line(QStringLiteral("jobdesk-cli"), operationNamed(operation), params,
                                 {environment ? QString() : target->profile, target->region, target->endpointOverride});
    if (doc.origin() != JobDocument::Origin::Fetched)
        summary.warning = tr("This job was read from a file or the clipboard, not fetched: it may be stale.");
    if (!ActionConfirmation::ask(m_parts.window, *m_parts.hooks, summary)) {
        codepipeline::wipeJson(params);
        return nothingSent(operation);
    }
    m_parts.banner->dismiss();
    m_actingView = view;
    view->actionBar()->setStatus(tr("%1: sending…").arg(actionName));
    m_jobCalls->start({target->profileRow, target->profile, target->region, target->endpoint, operation,
                       std::move(params), doc.jobId()});
}

void JobActions::nothingSent(const QString &operation)
{
    Q_EMIT statusMessage(tr("Nothing was sent."), 5000);
    Q_EMIT actionFinished(operation, false, false);
}

void JobActions::onSucceeded(const output::ActivityEntry &entry)
{
    JobView *view = m_actingView;
    record(entry, view);
    QString text;
    if (entry.operation == kAcknowledge)
        text = tr("Acknowledged: the job is %1.").arg(entry.outcome);
    else if (entry.operation == kSuccess)
        text = tr("Success reported.");
    else
        text = tr("Failure reported.");
    if (view)
        view->actionBar()->setStatus(text);
    Q_EMIT statusMessage(text, 8000);
    Q_EMIT actionFinished(entry.operation, true, true);
}

void JobActions::onFailed(const output::ActivityEntry &entry, const Error &error)
{
    JobView *view = m_actingView;
    record(entry, view);
    const QString text = error.kind == Error::Kind::Cancelled ? tr("%1: cancelled.").arg(entry.actionName())
                                                              : tr("%1 failed: %2").arg(entry.actionName(), error.code);
    if (view)
        view->actionBar()->setStatus(text, error.kind == Error::Kind::Cancelled);
    if (error.kind != Error::Kind::Cancelled)
        m_parts.banner->showError(explainActionError(entry.operation, error));
    Q_EMIT statusMessage(text, 8000);
    Q_EMIT actionFinished(entry.operation, true, false);
}

void JobActions::record(const output::ActivityEntry &entry, JobView *view)
{
    if (view && !view->isWiped())
        view->activityModel()->append(entry);
    if (Status written = m_activityFile.append(entry); !written)
        Q_EMIT statusMessage(tr("The activity log could not be written: %1").arg(written.error().message), 10000);
}

void JobActions::showPollWindow()
{
    if (!m_pollWindow) {
        m_pollWindow = new PollWindow(m_parts.hooks, m_parts.window);
        connect(m_pollWindow, &PollWindow::pollRequested, this, &JobActions::poll);
        connect(m_pollWindow, &PollWindow::jobActivated, this, &JobActions::openPolledJob);
        // The poll goes where the lookup form points; the window says so as the form changes.
        connect(m_parts.form->profileCombo(), &QComboBox::currentTextChanged, m_pollWindow, [this] {
            const LookupForm::Request r = m_parts.form->request();
            m_pollWindow->setTarget(r.profile, r.region, r.endpointOverride);
        });
    }
    const LookupForm::Request r = m_parts.form->request();
    m_pollWindow->setTarget(r.profile, r.region, r.endpointOverride);
    m_pollWindow->show();
    m_pollWindow->raise();
    m_pollWindow->activateWindow();
}

void JobActions::poll(const Json &params)
{
    const std::optional<Target> target = formTarget();
    if (!target) {
        m_pollWindow->showError(Error::validation(
            QStringLiteral("profile"),
            tr("The profile, region or endpoint of the lookup form is not valid; correct them in the main window.")));
        return;
    }
    m_pollTarget = *target;
    m_pollWindow->setBusy(true);
    m_pollCalls->start({target->profileRow, target->profile, target->region, target->endpoint, kPoll, params, {}});
}

void JobActions::openPolledJob(const QString &jobId, const QString &clientId)
{
    QTabWidget *tabs = m_parts.documents->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        const JobView *open = m_parts.documents->view(i);
        if (open && open->document().jobId() == jobId) {
            tabs->setCurrentIndex(i);
            m_parts.window->activateWindow();
            return;
        }
    }
    const Target target = m_polledTargets.value(jobId, m_pollTarget);
    const auto askForToken = [this, jobId, clientId, target] {
        Q_EMIT documentReady(JobDocument::polled(jobId, {jobId, target.profile, target.region, target.endpointOverride},
                                                 QDateTime::currentDateTimeUtc()));
        if (JobView *view = m_parts.documents->currentView())
            view->actionBar()->askForToken(clientId);
        m_parts.window->activateWindow();
    };
    if (!m_vault || !m_vault->hasClientToken(clientId))
        return askForToken();
    m_vault->loadClientToken(clientId, this, [this, jobId, askForToken](Result<Secret> token) {
        if (!token) {
            Q_EMIT statusMessage(token.error().message, 8000);
            return askForToken();
        }
        fetchPolledJob(jobId, token.value());
        m_parts.window->activateWindow();
    });
}

void JobActions::fetchPolledJob(const QString &jobId, const Secret &token)
{
    if (m_parts.fetch->isBusy()) {
        Q_EMIT statusMessage(tr("A lookup is running; open the job again when it has ended."), 8000);
        return;
    }
    const Target target = m_polledTargets.value(jobId, m_pollTarget);
    LookupForm::Request request{
        m_parts.profiles->rowOf(target.profile), target.profile, target.region, target.endpointOverride, jobId, token};
    m_parts.fetch->start(request, target.endpoint);
}

void JobActions::showActivityLog()
{
    if (!m_activityLog)
        m_activityLog = new ActivityLogDialog(m_parts.profiles, &m_activityFile, m_parts.window);
    m_activityLog->showProfile(m_parts.form->request().profile);
    m_activityLog->show();
    m_activityLog->raise();
    m_activityLog->activateWindow();
}

}  // namespace jobdesk::gui
