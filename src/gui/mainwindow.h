#pragma once

// The JobDesk window: lays out the lookup form, the banners, one closable
// document tab per job and the recent lookups, and wires its menus to the parts
// that do the work (FetchController, DocumentActions, the dialogs).

#include "gui/appsettings.h"
#include "gui/dialoghooks.h"
#include "gui/lookupform.h"

#include "core/codepipeline/jobdocument.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QNetworkAccessManager;
class QTabWidget;

namespace jobdesk::aws {
class AwsClient;
}
namespace jobdesk::profiles {
class ClientTokenVault;
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::gui {

struct DemoSetup;
class ArtifactActions;
class DocumentActions;
class DocumentTabs;
class ErrorBanner;
class FetchController;
class JobActions;
class JobView;
class KeychainProfileSource;
class MfaPrompter;
class ProfileListModel;
class ProfileSource;
class RecentLookupsDock;
class RecentLookupsModel;
struct RecentLookup;
class SecretKeyPolicy;
class SsoSignInActions;
class TransferManager;
class TransfersPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void addProfileSource(ProfileSource *source);
    // Shows the demo profile and its first job; the session must outlive the window's use of it.
    void useDemo(const DemoSetup &demo);
    // Lists the JobDesk profiles (and shared-config profiles) and resolves keys through
    // resolver, asking for MFA codes in a dialog; all three must outlive the window.
    void useProfileStore(profiles::ProfileStore *store, profiles::CredentialResolver *resolver,
                         profiles::ClientTokenVault *vault);
    profiles::ProfileStore *profileStore() const { return m_store; }

    DialogHooks &dialogHooks() { return m_hooks; }
    LookupForm *lookupForm() const { return m_form; }
    ErrorBanner *errorBanner() const { return m_banner; }
    ErrorBanner *tlsBanner() const { return m_tlsBanner; }
    QTabWidget *documentTabs() const;
    JobView *jobView(int index) const;
    JobView *currentJobView() const;
    RecentLookupsModel *recentLookups() const { return m_recent; }
    ProfileListModel *profiles() const { return m_profiles; }
    SecretKeyPolicy *secretKeyPolicy() const { return m_policy; }
    const AppSettings &settings() const { return m_settings; }
    QString callInfoText() const;
    bool isBusy() const;
    JobActions *jobActions() const;
    ArtifactActions *artifactActions() const { return m_artifactActions; }
    TransferManager *transferManager() const { return m_transfers; }
    TransfersPanel *transfersPanel() const { return m_transfersDock; }
    SsoSignInActions *ssoSignIn() const { return m_sso; }
    QAction *action(const QString &objectName) const;

    // Adds a document tab for the job and makes it current.
    JobView *openDocument(codepipeline::JobDocument document);
    void applySettings(const AppSettings &settings);

public Q_SLOTS:
    void fetch();
    void cancelFetch();
    void showSettings();
    void showProfileManager();
    void closeDocument(int index);
    void clearRecentLookups();
    // Fetches the tab's job again (its profile, region, endpoint and client token), which
    // brings new artifact credentials; the new tab takes the old one's place.
    void fetchAgain(jobdesk::gui::JobView *view);

Q_SIGNALS:
    // After every fetch attempt, successful or not (validation failures included).
    void fetchFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildRecentDock();
    void buildTransfersDock();
    void wireFetch();
    void onFetched(const codepipeline::JobDocument &document, const Secret &clientToken);
    void onFetchFailed(const Error &error);
    void updateActions();
    void restoreFromRecent(const RecentLookup &lookup);
    // Drops whatever keys the profile sources hold for a profile that is no longer in use.
    void forgetProfileCredentials(const QString &profile);

    DialogHooks m_hooks;
    AppSettings m_settings;
    QNetworkAccessManager *m_network;
    aws::AwsClient *m_client;
    ProfileListModel *m_profiles;
    RecentLookupsModel *m_recent;
    SecretKeyPolicy *m_policy;
    LookupForm *m_form;
    ErrorBanner *m_banner;
    ErrorBanner *m_tlsBanner;
    DocumentTabs *m_documents;
    RecentLookupsDock *m_recentDock = nullptr;
    QLabel *m_callInfo;
    FetchController *m_fetch;
    DocumentActions *m_documentActions;
    JobActions *m_jobActions = nullptr;
    TransferManager *m_transfers;
    ArtifactActions *m_artifactActions = nullptr;
    TransfersPanel *m_transfersDock = nullptr;
    QUrl m_demoS3Endpoint;           // demo mode's S3, ahead of the settings
    QPointer<JobView> m_refetching;  // the tab that Fetch Again replaces
    MfaPrompter *m_mfa = nullptr;
    SsoSignInActions *m_sso = nullptr;
    QList<ProfileSource *> m_ownedSources;
    QList<QPointer<ProfileSource>> m_sources;  // every source listed, owned or not
    profiles::ProfileStore *m_store = nullptr;
    profiles::CredentialResolver *m_resolver = nullptr;
    KeychainProfileSource *m_keychainSource = nullptr;
    QString m_activeProfile;  // the lookup form's profile, whose keys may stay cached
};

}  // namespace jobdesk::gui
