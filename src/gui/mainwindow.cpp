#include "gui/mainwindow.h"

#include "gui/artifactactions.h"
#include "gui/demosetup.h"
#include "gui/documentactions.h"
#include "gui/documenttabs.h"
#include "gui/errorbanner.h"
#include "gui/fetchcontroller.h"
#include "gui/jobactionbar.h"
#include "gui/jobactions.h"
#include "gui/jobview.h"
#include "gui/keychainprofilesource.h"
#include "gui/lookupform.h"
#include "gui/mfaprompter.h"
#include "gui/profilelistmodel.h"
#include "gui/profilemanagerdialog.h"
#include "gui/profilesource.h"
#include "gui/querybar.h"
#include "gui/recentlookupsdock.h"
#include "gui/recentlookupsmodel.h"
#include "gui/secretkeypolicy.h"
#include "gui/settingsdialog.h"
#include "gui/ssosigninactions.h"
#include "gui/ssostatuswidget.h"
#include "gui/theme.h"
#include "gui/transfermanager.h"
#include "gui/transferspanel.h"

#include "core/aws/awsclient.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/sso/ssosessions.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace jobdesk::gui {

using codepipeline::JobDocument;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(AppSettings::load())
    , m_network(new QNetworkAccessManager(this))
    , m_client(new aws::AwsClient(m_network, this))
    , m_profiles(new ProfileListModel(this))
    , m_recent(new RecentLookupsModel(this))
    , m_policy(new SecretKeyPolicy(this))
    , m_form(nullptr)
    , m_banner(new ErrorBanner(ErrorBanner::Style::Error, this))
    , m_tlsBanner(new ErrorBanner(ErrorBanner::Style::Warning, this))
    , m_documents(new DocumentTabs(m_policy, this))
    , m_callInfo(new QLabel(this))
    , m_fetch(new FetchController(m_client, m_profiles, m_recent, this))
    , m_documentActions(nullptr)
    , m_transfers(new TransferManager(m_network, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("JobDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/jobdesk.svg")));

    auto *environment = new EnvironmentProfileSource(this);
    m_ownedSources.append(environment);
    addProfileSource(environment);

    m_form = new LookupForm(m_profiles, this);
    connect(m_form, &LookupForm::fetchRequested, this, &MainWindow::fetch);
    connect(m_form, &LookupForm::cancelRequested, this, &MainWindow::cancelFetch);
    // Switching the form to another profile closes the one before: its cached keys go.
    connect(m_form->profileCombo(), &QComboBox::currentTextChanged, this, [this](const QString &profile) {
        if (profile == m_activeProfile)
            return;
        const QString previous = std::exchange(m_activeProfile, profile);
        if (!previous.isEmpty())
            forgetProfileCredentials(previous);
    });
    m_activeProfile = m_form->profileCombo()->currentText();
    m_sso = new SsoSignInActions({this, &m_hooks, m_profiles, m_form->profileCombo(), m_banner}, this);
    m_documentActions = new DocumentActions(this, &m_hooks, m_documents->tabs(), m_banner, m_form, this);
    connect(m_documentActions, &DocumentActions::documentLoaded, this,
            [this](const JobDocument &document) { openDocument(document); });
    connect(m_documentActions, &DocumentActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    wireFetch();
    m_jobActions = new JobActions({this, &m_hooks, m_client, m_profiles, m_documents, m_banner, m_form, m_fetch}, this);
    connect(m_jobActions, &JobActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_jobActions, &JobActions::documentReady, this,
            [this](const JobDocument &document) { openDocument(document); });

    m_artifactActions = new ArtifactActions({this, &m_hooks, m_transfers, m_banner}, this);
    connect(m_artifactActions, &ArtifactActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_artifactActions, &ArtifactActions::fetchAgainRequested, this, &MainWindow::fetchAgain);

    m_tlsBanner->setClosable(false);
    m_tlsBanner->setObjectName(QStringLiteral("tlsBanner"));

    connect(m_documents->tabs(), &QTabWidget::tabCloseRequested, this, &MainWindow::closeDocument);
    connect(m_documents, &DocumentTabs::changed, this, &MainWindow::updateActions);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_tlsBanner);
    layout->addWidget(m_form);
    layout->addWidget(m_banner);
    layout->addWidget(m_documents, 1);
    setCentralWidget(central);

    m_callInfo->setObjectName(QStringLiteral("callInfo"));
    m_callInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_sso->statusWidget());
    statusBar()->addPermanentWidget(m_callInfo);
    connect(m_sso, &SsoSignInActions::lookupRequested, this, &MainWindow::fetch);
    connect(m_sso, &SsoSignInActions::statusMessage, statusBar(), &QStatusBar::showMessage);

    buildMenus();
    buildRecentDock();
    buildTransfersDock();
    applySettings(m_settings);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("MainWindow/geometry")).toByteArray()))
        resize(1100, 720);
    if (!restoreState(settings.value(QStringLiteral("MainWindow/state")).toByteArray()))
        resizeDocks({m_recentDock}, {150}, Qt::Vertical);
    updateActions();
    m_form->jobIdEdit()->setFocus();
}

MainWindow::~MainWindow()
{
    m_fetch->cancelCall();
    // A window deleted without being closed still scrubs its jobs.
    while (m_documents->tabs()->count() > 0)
        closeDocument(0);
}

void MainWindow::forgetProfileCredentials(const QString &profile)
{
    for (const QPointer<ProfileSource> &source : std::as_const(m_sources)) {
        if (source)
            source->forgetCredentials(profile);
    }
}

void MainWindow::buildMenus()
{
    const auto action = [this](const QString &name, const QString &text, const QKeySequence &shortcut,
                               const QString &icon) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        if (!icon.isEmpty())
            a->setIcon(QIcon(icon));
        addAction(a);
        return a;
    };
    const auto make = [this, action](const QString &name, const QString &text, const QKeySequence &shortcut,
                                     const QString &icon, auto slot) {
        QAction *a = action(name, text, shortcut, icon);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    const auto makeFor = [action](auto *receiver, const QString &name, const QString &text,
                                  const QKeySequence &shortcut, const QString &icon, auto slot) {
        QAction *a = action(name, text, shortcut, icon);
        connect(a, &QAction::triggered, receiver, slot);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionOpen"), tr("&Open Job JSON…"), QKeySequence::Open,
                            QStringLiteral(":/icons/open.svg"), &DocumentActions::openFile));
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionPaste"), tr("&Paste Job JSON"),
                            QKeySequence(tr("Ctrl+Shift+V")), QStringLiteral(":/icons/paste.svg"),
                            &DocumentActions::pasteJson));
    file->addSeparator();
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionExport"), tr("&Export JSON…"), QKeySequence::Save,
                            QStringLiteral(":/icons/save.svg"), &DocumentActions::exportJson));
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionExportSecrets"), tr("Export JSON &with Secrets…"),
                            {}, {}, &DocumentActions::exportJsonWithSecrets));
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionExportQuery"), tr("Export Q&uery Result…"), {}, {},
                            &DocumentActions::exportQueryResult));
    file->addAction(makeFor(m_documentActions, QStringLiteral("actionExportQuerySecrets"),
                            tr("Export Query Result wit&h Secrets…"), {}, {},
                            &DocumentActions::exportQueryResultWithSecrets));
    file->addSeparator();
    file->addAction(make(QStringLiteral("actionCloseTab"), tr("&Close Job"), QKeySequence::Close, {},
                         [this] { closeDocument(m_documents->tabs()->currentIndex()); }));
    file->addAction(make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, {}, &QWidget::close));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(makeFor(m_documentActions, QStringLiteral("actionCopyJson"), tr("Copy as &JSON"),
                            QKeySequence(tr("Ctrl+Shift+C")), QStringLiteral(":/icons/copy.svg"),
                            &DocumentActions::copyJson));
    edit->addAction(makeFor(m_documentActions, QStringLiteral("actionCopyCli"), tr("Copy as AWS &CLI Command"),
                            QKeySequence(tr("Ctrl+Shift+L")), {}, &DocumentActions::copyCliCommand));
    edit->addSeparator();
    QAction *prefs = make(QStringLiteral("actionSettings"), tr("&Settings…"), QKeySequence::Preferences,
                          QStringLiteral(":/icons/settings.svg"), &MainWindow::showSettings);
    if (prefs->shortcut().isEmpty())
        prefs->setShortcut(QKeySequence(tr("Ctrl+,")));
    prefs->setMenuRole(QAction::PreferencesRole);
    edit->addAction(prefs);

    QAction *profilesAction = make(QStringLiteral("actionProfiles"), tr("&Profiles…"), QKeySequence(tr("Ctrl+Shift+P")),
                                   {}, &MainWindow::showProfileManager);
    profilesAction->setEnabled(false);  // until a profile store is in use
    edit->addAction(profilesAction);

    QMenu *job = menuBar()->addMenu(tr("&Job"));
    QAction *fetchAction = make(QStringLiteral("actionFetch"), tr("&Fetch"), QKeySequence(tr("Ctrl+Return")),
                                QStringLiteral(":/icons/fetch.svg"), &MainWindow::fetch);
    fetchAction->setShortcuts({QKeySequence(tr("Ctrl+Return")), QKeySequence(tr("Ctrl+Enter"))});
    job->addAction(fetchAction);
    QAction *cancel = make(QStringLiteral("actionCancel"), tr("&Cancel Request"), QKeySequence(Qt::Key_Escape), {},
                           &MainWindow::cancelFetch);
    job->addAction(cancel);
    job->addSeparator();
    job->addAction(make(QStringLiteral("actionQuery"), tr("&Query the Job"), QKeySequence(tr("Ctrl+J")), {}, [this] {
        if (JobView *view = currentJobView())
            view->queryBar()->focusBar();
    }));
    job->addSeparator();
    m_jobActions->addTo(job);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(make(QStringLiteral("actionAbout"), tr("&About JobDesk"), {}, {}, [this] {
        m_hooks.showMessage(
            this, tr("About"),
            tr("JobDesk %1\nInspect AWS CodePipeline third-party jobs.").arg(QStringLiteral(JOBDESK_VERSION)));
    }));
}

void MainWindow::buildRecentDock()
{
    m_recentDock = new RecentLookupsDock(m_recent, &m_hooks, this);
    connect(m_recentDock, &RecentLookupsDock::lookupChosen, this, &MainWindow::restoreFromRecent);
    connect(m_recentDock, &RecentLookupsDock::activityLogRequested, m_jobActions, &JobActions::showActivityLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_recentDock);
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        QAction *toggle = m_recentDock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+H")));
        view->addAction(toggle);
    }
}

void MainWindow::buildTransfersDock()
{
    m_transfersDock = new TransfersPanel(m_transfers, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_transfersDock);
    tabifyDockWidget(m_recentDock, m_transfersDock);
    m_transfersDock->hide();  // until a transfer starts
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        QAction *toggle = m_transfersDock->toggleViewAction();
        toggle->setObjectName(QStringLiteral("actionTransfers"));
        toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
        view->addAction(toggle);
    }
}

void MainWindow::addProfileSource(ProfileSource *source)
{
    m_sources.append(source);
    m_profiles->addSource(source);
}

void MainWindow::useProfileStore(profiles::ProfileStore *store, profiles::CredentialResolver *resolver,
                                 profiles::ClientTokenVault *vault)
{
    m_store = store;
    m_resolver = resolver;
    m_keychainSource = new KeychainProfileSource(store, resolver, this);
    m_ownedSources.append(m_keychainSource);
    addProfileSource(m_keychainSource);
    m_form->setTokenVault(vault, &m_hooks);
    m_jobActions->setTokenVault(vault);
    if (QAction *a = action(QStringLiteral("actionProfiles")))
        a->setEnabled(true);

    if (!m_mfa)
        m_mfa = new MfaPrompter(this, &m_hooks, this);
    m_mfa->answerFor(resolver);
    resolver->ssoSessions()->store()->setShareWithAwsCli(m_settings.shareSsoWithAwsCli);
    m_sso->setSessions(resolver->ssoSessions());
    m_fetch->setSignIn([this](int row, QObject *context, std::function<void(Status)> done) {
        return m_sso->signInForRow(row, context, std::move(done));
    });
}

void MainWindow::showProfileManager()
{
    if (!m_store || !m_resolver)
        return;
    ProfileManagerDialog dialog(m_store, m_resolver, m_client, m_settings, &m_hooks, this);
    if (m_hooks.profileManager) {
        m_hooks.profileManager(&dialog);
    } else {
        dialog.exec();
    }
    // Shared-config files may have changed meanwhile.
    if (m_keychainSource)
        m_keychainSource->reload();
}

void MainWindow::useDemo(const DemoSetup &demo)
{
    if (!demo.profiles)
        return;
    addProfileSource(demo.profiles);
    m_form->selectProfile(demo.profiles->profiles().constFirst().name);
    m_form->setRegion(demo.region);
    m_form->setJobId(demo.jobId);
    m_form->setClientToken(demo.clientToken);
    m_demoS3Endpoint = demo.s3Endpoint;
    applySettings(m_settings);
    // The platform adds the application's name after a window's own title.
    setWindowTitle(tr("Demo"));
    statusBar()->showMessage(tr("Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return "
                                "to fetch.")
                                 .arg(demo.endpoint.toString()));
}

QTabWidget *MainWindow::documentTabs() const
{
    return m_documents->tabs();
}

JobView *MainWindow::jobView(int index) const
{
    return m_documents->view(index);
}

JobView *MainWindow::currentJobView() const
{
    return m_documents->currentView();
}

QString MainWindow::callInfoText() const
{
    return m_callInfo->text();
}

bool MainWindow::isBusy() const
{
    return m_fetch->isBusy();
}

JobActions *MainWindow::jobActions() const
{
    return m_jobActions;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::applySettings(const AppSettings &settings)
{
    // QNetworkAccessManager reuses open connections whatever their TLS settings were,
    // so a changed CA bundle or verification mode would not apply to a host already used.
    if (!(settings == m_settings))
        m_network->clearConnectionCache();
    m_settings = settings;
    m_settings.applyTo(m_network);
    Theme::apply(m_settings.theme);
    m_fetch->setSettings(m_settings);
    m_jobActions->setSettings(m_settings);
    m_transfers->setSettings(m_settings, m_demoS3Endpoint);
    if (m_resolver)
        m_resolver->ssoSessions()->store()->setShareWithAwsCli(m_settings.shareSsoWithAwsCli);
    if (m_settings.verifyTls) {
        m_tlsBanner->hide();
    } else {
        m_tlsBanner->showText(tr("TLS certificate verification is off"),
                              tr("Anyone on the network path can read and change requests and answers, including "
                                 "client tokens and artifact credentials. Turn it back on in Settings."));
    }
}

void MainWindow::updateActions()
{
    const JobView *view = currentJobView();
    const bool hasDoc = view != nullptr;
    for (const char *name :
         {"actionExport", "actionExportSecrets", "actionCopyJson", "actionCopyCli", "actionCloseTab", "actionQuery"}) {
        if (QAction *a = action(QString::fromLatin1(name)))
            a->setEnabled(hasDoc);
    }
    const bool hasQuery = view && view->queryBar()->expression().has_value();
    for (const char *name : {"actionExportQuery", "actionExportQuerySecrets"}) {
        if (QAction *a = action(QString::fromLatin1(name)))
            a->setEnabled(hasQuery);
    }
    if (QAction *a = action(QStringLiteral("actionFetch")))
        a->setEnabled(!isBusy());
    if (QAction *a = action(QStringLiteral("actionCancel")))
        a->setEnabled(isBusy());
    m_jobActions->updateActions();
}

void MainWindow::wireFetch()
{
    connect(m_fetch, &FetchController::busyChanged, this, [this](bool busy) {
        m_form->setBusy(busy);
        updateActions();
    });
    connect(m_fetch, &FetchController::resolvingCredentials, this, [this](const QString &profile) {
        statusBar()->showMessage(tr("Getting the keys of profile %1…").arg(profile));
    });
    connect(m_fetch, &FetchController::requestSent, this, [this](const QString &jobId, const QString &host) {
        statusBar()->showMessage(tr("Fetching job %1 from %2…").arg(jobId, host));
        updateActions();
    });
    connect(m_fetch, &FetchController::finished, this, &MainWindow::onFetched);
    connect(m_fetch, &FetchController::failed, this, &MainWindow::onFetchFailed);
}

void MainWindow::fetch()
{
    if (isBusy())
        return;
    m_banner->dismiss();
    const std::optional<LookupForm::CheckedRequest> checked = m_form->validatedRequest();
    if (!checked) {
        statusBar()->showMessage(tr("Nothing was sent: correct the marked fields."), 5000);
        Q_EMIT fetchFinished(false);
        return;
    }
    m_fetch->start(checked->request, checked->endpoint);
}

void MainWindow::cancelFetch()
{
    m_fetch->cancel();
}

void MainWindow::onFetched(const JobDocument &document, const Secret &clientToken)
{
    m_callInfo->setText(tr("Request ID %1 · %2 ms · attempts: %3")
                            .arg(document.requestId().isEmpty() ? tr("none") : document.requestId())
                            .arg(document.elapsedMs())
                            .arg(document.attempts()));
    const QString jobId = document.lookup().jobId;
    if (document.details().empty()) {
        // The model allows an answer without jobDetails, and the AWS CLI prints nothing for it.
        Error empty = Error::make(
            Error::Kind::Service, QStringLiteral("NoJobDetails"),
            tr("CodePipeline answered, but with no job details for job %1.").arg(jobId),
            tr("Check the job ID. A job that has finished or timed out may no longer have details to show."));
        empty.requestId = document.requestId();
        m_banner->showError(empty);
        statusBar()->showMessage(tr("The answer held no job details."), 5000);
        Q_EMIT fetchFinished(true);
        return;
    }
    // A polled job's tab that waited for this token gives way to the job itself.
    for (int i = m_documents->tabs()->count() - 1; i >= 0; --i) {
        const JobView *waiting = jobView(i);
        if (waiting && waiting->document().origin() == JobDocument::Origin::Polled
            && waiting->document().jobId() == jobId)
            closeDocument(i);
    }
    // Fetch Again's new tab takes the place of the one whose credentials had expired.
    const int replaced =
        m_refetching && m_refetching->document().jobId() == jobId ? m_documents->tabs()->indexOf(m_refetching) : -1;
    m_refetching = nullptr;
    // The client token is not in the answer; the query bar must still never remember it.
    openDocument(document)->setClientToken(clientToken);
    if (replaced >= 0) {
        QTabWidget *tabs = m_documents->tabs();
        closeDocument(replaced);
        tabs->tabBar()->moveTab(tabs->currentIndex(), replaced);
        if (JobView *fresh = currentJobView())
            fresh->tabs()->setCurrentIndex(JobView::ArtifactsTab);
    }
    statusBar()->showMessage(tr("Fetched job %1.").arg(jobId), 5000);
    Q_EMIT fetchFinished(true);
}

void MainWindow::onFetchFailed(const Error &error)
{
    m_refetching = nullptr;
    if (error.kind == Error::Kind::Cancelled) {
        m_callInfo->setText(tr("Cancelled"));
        // A cancelled MFA prompt is the person's choice too, but say which role went unassumed.
        statusBar()->showMessage(
            error.code == QLatin1String("MfaCancelled") ? error.message : tr("The request was cancelled."), 5000);
    } else if (error.kind == Error::Kind::Validation && LookupForm::fieldForPath(error.field)) {
        m_form->showFieldError(*LookupForm::fieldForPath(error.field), error.message);
    } else {
        m_banner->showError(error);
        m_callInfo->setText(
            error.requestId.isEmpty()
                ? tr("%1 · attempts: %2").arg(error.code).arg(error.attempts)
                : tr("Request ID %1 · %2 · attempts: %3").arg(error.requestId, error.code).arg(error.attempts));
        statusBar()->showMessage(tr("The lookup failed: %1").arg(error.code), 5000);
    }
    Q_EMIT fetchFinished(false);
}

JobView *MainWindow::openDocument(JobDocument document)
{
    JobView *view = m_documents->open(std::move(document));
    connect(view->queryBar(), &QueryBar::expressionChanged, this, &MainWindow::updateActions);
    m_jobActions->attach(view);
    m_artifactActions->attach(view);
    updateActions();
    return view;
}

void MainWindow::fetchAgain(JobView *view)
{
    if (!view || view->isWiped() || isBusy())
        return;
    const JobDocument &doc = view->document();
    const codepipeline::LookupInfo &lookup = doc.lookup();
    const int row = m_profiles->rowOf(lookup.profile);
    if (doc.origin() != JobDocument::Origin::Fetched || view->clientToken().isEmpty() || row < 0) {
        // Not fetched here: the lookup form asks for what is missing, as for any lookup.
        m_form->setJobId(doc.jobId());
        m_form->clientTokenEdit()->setFocus();
        statusBar()->showMessage(tr("Enter the client token of job %1 and fetch it.").arg(doc.jobId()), 8000);
        return;
    }
    auto endpoint = aws::EndpointResolver::resolve(lookup.region, false, lookup.endpointOverride);
    if (!endpoint) {
        m_banner->showError(endpoint.error());
        return;
    }
    m_banner->dismiss();
    m_refetching = view;
    m_fetch->start({row, lookup.profile, lookup.region, lookup.endpointOverride, doc.jobId(), view->clientToken()},
                   endpoint.value());
}

void MainWindow::closeDocument(int index)
{
    m_documents->close(index);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    const bool accepted = m_hooks.settings ? m_hooks.settings(&dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted)
        return;
    const AppSettings chosen = dialog.settings();
    chosen.save();
    applySettings(chosen);
}

void MainWindow::clearRecentLookups()
{
    m_recentDock->clearLookups();
}

void MainWindow::restoreFromRecent(const RecentLookup &lookup)
{
    m_form->selectProfile(lookup.profile);
    m_form->setRegion(lookup.region);
    m_form->setJobId(lookup.jobId);
    m_form->clientTokenEdit()->setFocus();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("MainWindow/state"), saveState());
    // The splitter state is saved by each job view as it goes.
    while (m_documents->tabs()->count() > 0)
        closeDocument(0);
    // Closing the window closes every profile: keys resolved for them are dropped.
    for (const QPointer<ProfileSource> &source : std::as_const(m_sources)) {
        if (source)
            source->forgetAllCredentials();
    }
    QMainWindow::closeEvent(event);
}

}  // namespace jobdesk::gui
