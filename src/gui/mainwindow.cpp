#include "gui/mainwindow.h"

#include "gui/clipboard.h"
#include "gui/configurationmodel.h"
#include "gui/demosetup.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/keychainprofilesource.h"
#include "gui/lookupform.h"
#include "gui/mfadialog.h"
#include "gui/profilelistmodel.h"
#include "gui/profilemanagerdialog.h"
#include "gui/profilesource.h"
#include "gui/recentlookupsmodel.h"
#include "gui/secretkeypolicy.h"
#include "gui/settingsdialog.h"

#include "core/aws/awsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/servicemodel.h"
#include "core/inputcheck.h"
#include "core/output/jobexporter.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace jobdesk::gui {

using codepipeline::JobDocument;
using codepipeline::Json;
using codepipeline::LookupInfo;
using output::JobExporter;

namespace {

const codepipeline::Operation &getJobDetails()
{
    return *codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
}

}  // namespace

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
    , m_stack(new QStackedWidget(this))
    , m_documents(new QTabWidget(this))
    , m_callInfo(new QLabel(this))
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

    m_tlsBanner->setClosable(false);
    m_tlsBanner->setObjectName(QStringLiteral("tlsBanner"));

    m_documents->setObjectName(QStringLiteral("documentTabs"));
    m_documents->setTabsClosable(true);
    m_documents->setMovable(true);
    m_documents->setDocumentMode(true);
    m_documents->setAccessibleName(tr("Jobs"));
    connect(m_documents, &QTabWidget::tabCloseRequested, this, &MainWindow::closeDocument);
    connect(m_documents, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

    auto *empty = new QLabel(this);
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setText(tr("<p style='font-size:large'>Look up a third-party job</p>"
                      "<p>Enter the job ID and client token from the ticket, then press <b>Fetch</b> "
                      "(Ctrl+Return).<br>Or open or paste the JSON of "
                      "<tt>aws codepipeline get-third-party-job-details</tt> (Ctrl+O, Ctrl+Shift+V).</p>"));
    empty->setTextFormat(Qt::RichText);
    empty->setEnabled(false);
    m_stack->addWidget(empty);
    m_stack->addWidget(m_documents);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_tlsBanner);
    layout->addWidget(m_form);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_callInfo->setObjectName(QStringLiteral("callInfo"));
    m_callInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_callInfo);

    buildMenus();
    buildRecentDock();
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
    if (m_call)
        m_call->cancel();
    // A window deleted without being closed still scrubs its jobs.
    while (m_documents->count() > 0)
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
    const auto make = [this](const QString &name, const QString &text, const QKeySequence &shortcut,
                             const QString &icon, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        if (!icon.isEmpty())
            a->setIcon(QIcon(icon));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(make(QStringLiteral("actionOpen"), tr("&Open Job JSON…"), QKeySequence::Open,
                         QStringLiteral(":/icons/open.svg"), &MainWindow::openFile));
    file->addAction(make(QStringLiteral("actionPaste"), tr("&Paste Job JSON"), QKeySequence(tr("Ctrl+Shift+V")),
                         QStringLiteral(":/icons/paste.svg"), &MainWindow::pasteJson));
    file->addSeparator();
    file->addAction(make(QStringLiteral("actionExport"), tr("&Export JSON…"), QKeySequence::Save,
                         QStringLiteral(":/icons/save.svg"), &MainWindow::exportJson));
    file->addAction(make(QStringLiteral("actionExportSecrets"), tr("Export JSON &with Secrets…"), {}, {},
                         &MainWindow::exportJsonWithSecrets));
    file->addSeparator();
    file->addAction(make(QStringLiteral("actionCloseTab"), tr("&Close Job"), QKeySequence::Close, {},
                         [this] { closeDocument(m_documents->currentIndex()); }));
    file->addAction(make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, {}, &QWidget::close));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(make(QStringLiteral("actionCopyJson"), tr("Copy as &JSON"), QKeySequence(tr("Ctrl+Shift+C")),
                         QStringLiteral(":/icons/copy.svg"), &MainWindow::copyJson));
    edit->addAction(make(QStringLiteral("actionCopyCli"), tr("Copy as AWS &CLI Command"),
                         QKeySequence(tr("Ctrl+Shift+L")), {}, &MainWindow::copyCliCommand));
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

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(make(QStringLiteral("actionAbout"), tr("&About JobDesk"), {}, {}, [this] {
        showMessage(tr("About JobDesk"),
                    tr("JobDesk %1\nInspect AWS CodePipeline third-party jobs.").arg(QStringLiteral(JOBDESK_VERSION)));
    }));
}

void MainWindow::buildRecentDock()
{
    m_recentDock = new QDockWidget(tr("Recent Lookups"), this);
    m_recentDock->setObjectName(QStringLiteral("recentDock"));
    auto *panel = new QWidget(m_recentDock);
    m_recentView = new QTreeView(panel);
    m_recentView->setObjectName(QStringLiteral("recentView"));
    m_recentView->setModel(m_recent);
    m_recentView->setRootIsDecorated(false);
    m_recentView->setUniformRowHeights(true);
    m_recentView->setAlternatingRowColors(true);
    m_recentView->setAccessibleName(tr("Recent lookups"));
    m_recentView->setToolTip(tr("Activate an entry to put its job ID, profile and region back into the form"));
    m_recentView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_recentView, &QTreeView::activated, this, &MainWindow::restoreFromRecent);
    auto *clear = new QPushButton(tr("C&lear List"), panel);
    clear->setObjectName(QStringLiteral("clearRecent"));
    connect(clear, &QPushButton::clicked, this, &MainWindow::clearRecentLookups);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_recentView);
    layout->addWidget(clear, 0, Qt::AlignRight);
    m_recentDock->setWidget(panel);
    addDockWidget(Qt::BottomDockWidgetArea, m_recentDock);
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        QAction *toggle = m_recentDock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+H")));
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
    if (QAction *a = action(QStringLiteral("actionProfiles")))
        a->setEnabled(true);

    // The resolver waits for exactly one answer; the dialog is window-modal but never
    // blocks the event loop, so requests and the keychain keep going meanwhile.
    resolver->setMfaPrompt([this](const profiles::CredentialResolver::MfaChallenge &challenge,
                                  profiles::CredentialResolver::MfaAnswer answer) {
        auto *dialog = new MfaDialog(challenge.profileName, challenge.roleArn, challenge.mfaSerial, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_hooks.mfa) {
            const bool accepted = m_hooks.mfa(dialog);
            const std::optional<QString> code = accepted ? std::optional<QString>(dialog->code()) : std::nullopt;
            dialog->deleteLater();
            QMetaObject::invokeMethod(
                this, [answer, code] { answer(code); }, Qt::QueuedConnection);
            return;
        }
        connect(dialog, &QDialog::finished, this, [dialog, answer](int result) {
            answer(result == QDialog::Accepted ? std::optional<QString>(dialog->code()) : std::nullopt);
        });
        dialog->setWindowModality(Qt::WindowModal);
        dialog->open();
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
    setWindowTitle(tr("JobDesk — Demo"));
    statusBar()->showMessage(tr("Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return "
                                "to fetch.")
                                 .arg(demo.endpoint.toString()));
}

JobView *MainWindow::jobView(int index) const
{
    return qobject_cast<JobView *>(m_documents->widget(index));
}

JobView *MainWindow::currentJobView() const
{
    return qobject_cast<JobView *>(m_documents->currentWidget());
}

QString MainWindow::callInfoText() const
{
    return m_callInfo->text();
}

bool MainWindow::isBusy() const
{
    return m_resolving || m_call;
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
    if (m_settings.verifyTls) {
        m_tlsBanner->hide();
    } else {
        m_tlsBanner->showText(tr("TLS certificate verification is off"),
                              tr("Anyone on the network path can read and change requests and answers, including "
                                 "client tokens and artifact credentials. Turn it back on in Settings."));
    }
}

void MainWindow::setBusy(bool busy)
{
    m_form->setBusy(busy);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool hasDoc = currentJobView() != nullptr;
    for (const char *name :
         {"actionExport", "actionExportSecrets", "actionCopyJson", "actionCopyCli", "actionCloseTab"}) {
        if (QAction *a = action(QString::fromLatin1(name)))
            a->setEnabled(hasDoc);
    }
    if (QAction *a = action(QStringLiteral("actionFetch")))
        a->setEnabled(!isBusy());
    if (QAction *a = action(QStringLiteral("actionCancel")))
        a->setEnabled(isBusy());
    m_stack->setCurrentIndex(m_documents->count() > 0 ? 1 : 0);
}

void MainWindow::fetch()
{
    if (isBusy())
        return;
    m_form->clearFieldErrors();
    m_banner->dismiss();
    const LookupForm::Request request = m_form->request();

    // Everything the model can check is checked here, at the field, before a byte is sent: the same
    // rules as jobdesk-cli's (InputCheck), in words that name the fields as the form labels them.
    bool invalid = false;
    QWidget *firstBad = nullptr;
    const auto check = [&](LookupForm::Field field, const char *member, const QString &label, const QString &value) {
        const codepipeline::Member *m = getJobDetails().input->findMember(member);
        Q_ASSERT(m);
        if (Status s = InputCheck::modelText(label, m->shape, value, {}); !s) {
            m_form->showFieldError(field, s.error().message);
            firstBad = firstBad ? firstBad : m_form->fieldWidget(field);
            invalid = true;
        }
    };
    check(LookupForm::Field::JobId, "jobId", tr("The job ID"), request.jobId);
    check(LookupForm::Field::ClientToken, "clientToken", tr("The client token"), request.clientToken.revealText());
    if (request.profileRow < 0) {
        m_form->showFieldError(LookupForm::Field::Profile, tr("Choose a profile."));
        invalid = true;
    }
    // Region and endpoint are trimmed by the form; the rest of what is wrong with them is said at the field.
    if (Status region = InputCheck::region(tr("The region"), request.region); !region) {
        m_form->showFieldError(LookupForm::Field::Region, region.error().message);
        firstBad = firstBad ? firstBad : m_form->regionCombo();
        invalid = true;
    }
    if (!request.endpointOverride.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(tr("The endpoint"), request.endpointOverride); !url) {
            m_form->showFieldError(LookupForm::Field::Endpoint, url.error().message);
            firstBad = firstBad ? firstBad : m_form->endpointEdit();
            invalid = true;
        }
    }
    auto endpoint = aws::EndpointResolver::resolve(request.region, false, request.endpointOverride);
    if (!endpoint && m_form->fieldError(LookupForm::Field::Region).isEmpty()
        && m_form->fieldError(LookupForm::Field::Endpoint).isEmpty()) {
        const Error &e = endpoint.error();
        const bool aboutUrl = !request.endpointOverride.isEmpty() && e.field != QLatin1String("region");
        m_form->showFieldError(aboutUrl ? LookupForm::Field::Endpoint : LookupForm::Field::Region, e.message);
        if (!firstBad)
            firstBad = aboutUrl ? static_cast<QWidget *>(m_form->endpointEdit()) : m_form->regionCombo();
        invalid = true;
    }
    if (invalid) {
        if (firstBad)
            firstBad->setFocus();
        statusBar()->showMessage(tr("Nothing was sent: correct the marked fields."), 5000);
        Q_EMIT fetchFinished(false);
        return;
    }

    m_pendingLookup = {request.jobId, request.profile, request.region, request.endpointOverride};
    m_resolving = true;
    setBusy(true);
    statusBar()->showMessage(tr("Getting the keys of profile %1…").arg(request.profile));
    const quint64 generation = ++m_generation;
    m_profiles->resolveCredentials(
        request.profileRow, this,
        [this, generation, request, ep = endpoint.value()](Result<aws::Credentials> credentials) {
            if (generation != m_generation)
                return;  // cancelled while the keychain was busy
            m_resolving = false;
            if (!credentials) {
                finishWithError(credentials.error(), m_pendingLookup, true);
                return;
            }
            startCall(request, ep, std::move(credentials).value());
        });
}

void MainWindow::startCall(const LookupForm::Request &request, const aws::Endpoint &endpoint,
                           aws::Credentials credentials)
{
    aws::ClientConfig config;
    config.endpoint = endpoint;
    config.credentials = std::move(credentials);
    config.userAgent = QStringLiteral("JobDesk/") + QStringLiteral(JOBDESK_VERSION);
    if (Status applied = m_settings.applyTo(config); !applied) {
        finishWithError(applied.error(), m_pendingLookup, false);
        return;
    }
    const Json params = {{"jobId", request.jobId.toStdString()},
                         {"clientToken", request.clientToken.revealText().toStdString()}};
    m_call = codepipeline::OperationCall::start(m_client, config, getJobDetails(), params);
    connect(m_call, &codepipeline::OperationCall::finished, this, &MainWindow::onCallFinished);
    statusBar()->showMessage(tr("Fetching job %1 from %2…").arg(request.jobId, endpoint.url.host()));
    updateActions();
}

void MainWindow::onCallFinished()
{
    auto *call = qobject_cast<codepipeline::OperationCall *>(sender());
    if (!call)
        return;
    const Result<codepipeline::OperationResult> &result = call->result();
    m_call = nullptr;
    if (!result) {
        finishWithError(result.error(), m_pendingLookup, true);
        return;
    }
    const codepipeline::OperationResult &ok = result.value();
    m_callInfo->setText(tr("Request ID %1 · %2 ms · attempts: %3")
                            .arg(ok.requestId.isEmpty() ? tr("none") : ok.requestId)
                            .arg(ok.elapsedMs)
                            .arg(ok.attempts));
    openDocument(JobDocument::fromResponse(ok, m_pendingLookup, QDateTime::currentDateTimeUtc()));
    m_recent->add({QDateTime::currentDateTimeUtc(), m_pendingLookup.jobId, m_pendingLookup.profile,
                   m_pendingLookup.region, QStringLiteral("OK"), true});
    setBusy(false);
    statusBar()->showMessage(tr("Fetched job %1.").arg(m_pendingLookup.jobId), 5000);
    Q_EMIT fetchFinished(true);
}

void MainWindow::finishWithError(const Error &error, const LookupInfo &lookup, bool record)
{
    setBusy(false);
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
    if (record)
        m_recent->add({QDateTime::currentDateTimeUtc(), lookup.jobId, lookup.profile, lookup.region,
                       error.kind == Error::Kind::Cancelled ? QStringLiteral("Cancelled") : error.code, false});
    Q_EMIT fetchFinished(false);
}

void MainWindow::cancelFetch()
{
    if (m_call) {
        m_call->cancel();  // finished() follows with a Cancelled error
        return;
    }
    if (m_resolving) {
        ++m_generation;
        m_resolving = false;
        finishWithError(
            Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The request was cancelled.")),
            m_pendingLookup, true);
    }
}

JobView *MainWindow::openDocument(JobDocument document)
{
    auto *view = new JobView(std::move(document), m_policy, m_documents);
    const QString title = view->document().title();
    const int index = m_documents->addTab(view, title);
    m_documents->setTabToolTip(index, view->document().jobId());
    m_documents->setCurrentIndex(index);
    updateActions();
    return view;
}

void MainWindow::closeDocument(int index)
{
    QWidget *w = m_documents->widget(index);
    if (!w)
        return;
    // Every way a tab closes comes here; the job's secrets are scrubbed before it is freed.
    if (auto *view = qobject_cast<JobView *>(w))
        view->wipeSecrets();
    m_documents->removeTab(index);
    delete w;
    updateActions();
}

void MainWindow::exportJson()
{
    exportTo(false);
}

void MainWindow::exportJsonWithSecrets()
{
    exportTo(true);
}

void MainWindow::exportTo(bool includeSecrets)
{
    JobView *view = currentJobView();
    if (!view)
        return;
    if (includeSecrets
        && !confirm(tr("The file will hold the artifact credentials and every masked configuration value in plain "
                       "text. Anyone who gets the file can use the credentials until they expire. Export with "
                       "secrets?")))
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(QStringLiteral("job-%1.json").arg(view->document().jobId()));
    QString path;
    if (m_hooks.saveFileName)
        path = m_hooks.saveFileName(suggested);
    else
        path = QFileDialog::getSaveFileName(this, tr("Export Job JSON"), suggested, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    JobExporter::Options options;
    options.includeSecrets = includeSecrets;
    options.maskedConfigurationKeys = view->maskedConfigurationKeys();
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    // A file with live credentials is for its owner only, from the first byte on.
    if (written && includeSecrets)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    written = written && file.write(JobExporter::json(view->document(), options)) >= 0 && file.commit();
    if (!written) {
        showMessage(tr("Export failed"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    statusBar()->showMessage(
        includeSecrets ? tr("Exported %1 with secrets.").arg(path)
                       : tr("Exported %1; secrets were replaced by %2.").arg(path, JobExporter::placeholder()),
        8000);
}

void MainWindow::copyJson()
{
    JobView *view = currentJobView();
    if (!view)
        return;
    JobExporter::Options options;
    options.maskedConfigurationKeys = view->maskedConfigurationKeys();
    Clipboard::copyText(QString::fromUtf8(JobExporter::json(view->document(), options)));
    statusBar()->showMessage(tr("Copied the job's JSON; secrets were replaced by %1.").arg(JobExporter::placeholder()),
                             5000);
}

void MainWindow::copyCliCommand()
{
    JobView *view = currentJobView();
    if (!view)
        return;
    LookupInfo lookup = view->document().lookup();
    if (lookup.jobId.isEmpty())
        lookup.jobId = view->document().jobId();
    if (lookup.region.isEmpty())
        lookup.region = m_form->request().region;
    Clipboard::copyText(JobExporter::cliCommand(lookup));
    statusBar()->showMessage(
        tr("Copied the AWS CLI command; put the client token in place of %1.").arg(JobExporter::tokenPlaceholder()),
        5000);
}

void MainWindow::openFile()
{
    QString path;
    if (m_hooks.openFileName)
        path = m_hooks.openFileName();
    else
        path = QFileDialog::getOpenFileName(this, tr("Open Job JSON"), QString(), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Cannot open the file"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    auto doc = JobDocument::fromJsonText(file.read(16 * 1024 * 1024), JobDocument::Origin::Opened, path);
    if (!doc) {
        Error e = doc.error();
        e.message = tr("%1: %2").arg(QFileInfo(path).fileName(), e.message);
        m_banner->showError(e);
        return;
    }
    m_banner->dismiss();
    openDocument(std::move(doc).value());
}

void MainWindow::pasteJson()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    const QString text = mime ? mime->text() : QString();
    if (text.trimmed().isEmpty()) {
        m_banner->showError(Error::make(Error::Kind::Io, QStringLiteral("ClipboardEmpty"),
                                        tr("The clipboard holds no text."),
                                        tr("Copy the output of \"aws codepipeline get-third-party-job-details\" "
                                           "first.")));
        return;
    }
    auto doc = JobDocument::fromJsonText(text.toUtf8(), JobDocument::Origin::Pasted, QString());
    if (!doc) {
        m_banner->showError(doc.error());
        return;
    }
    m_banner->dismiss();
    openDocument(std::move(doc).value());
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
    if (m_recent->rowCount() == 0)
        return;
    if (!confirm(tr("Forget all recent lookups?")))
        return;
    m_recent->clear();
}

void MainWindow::restoreFromRecent(const QModelIndex &index)
{
    const RecentLookup r = m_recent->lookup(index.row());
    if (r.jobId.isEmpty())
        return;
    m_form->selectProfile(r.profile);
    m_form->setRegion(r.region);
    m_form->setJobId(r.jobId);
    m_form->clientTokenEdit()->setFocus();
}

void MainWindow::showMessage(const QString &title, const QString &text)
{
    if (m_hooks.message) {
        m_hooks.message(title, text);
        return;
    }
    QMessageBox::warning(this, title, text);
}

bool MainWindow::confirm(const QString &question)
{
    if (m_hooks.confirm)
        return m_hooks.confirm(question);
    return QMessageBox::warning(this, tr("JobDesk"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                QMessageBox::Cancel)
        == QMessageBox::Yes;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("MainWindow/state"), saveState());
    // The splitter state is saved by each job view as it goes.
    while (m_documents->count() > 0)
        closeDocument(0);
    // Closing the window closes every profile: keys resolved for them are dropped.
    for (const QPointer<ProfileSource> &source : std::as_const(m_sources)) {
        if (source)
            source->forgetAllCredentials();
    }
    QMainWindow::closeEvent(event);
}

}  // namespace jobdesk::gui
