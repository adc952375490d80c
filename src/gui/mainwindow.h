#pragma once

// The JobDesk window: the lookup form, the error banner, one closable
// document tab per job, the recent lookups, and the menus for export, copy,
// open, paste and settings. Network work never blocks it.

#include "gui/appsettings.h"
#include "gui/lookupform.h"

#include "core/aws/endpointresolver.h"
#include "core/codepipeline/jobdocument.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QLabel;
class QNetworkAccessManager;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QDockWidget;

namespace jobdesk::aws {
class AwsClient;
}
namespace jobdesk::codepipeline {
class OperationCall;
}
namespace jobdesk::profiles {
class ClientTokenVault;
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::gui {

struct DemoSetup;
class ErrorBanner;
class KeychainProfileSource;
class MfaDialog;
class ProfileManagerDialog;
class ProfileEditDialog;
class JobView;

class ProfileListModel;
class ProfileSource;
class RecentLookupsModel;
class SecretKeyPolicy;
class SettingsDialog;

// Answers for modal dialogs. Tests set them before the action that opens a
// dialog; when a hook is unset the real dialog is shown.
struct DialogHooks
{
    std::function<QString(const QString &suggestedPath)> saveFileName;  // empty: cancelled
    std::function<QString()> openFileName;                              // empty: cancelled
    std::function<bool(const QString &question)> confirm;               // warned choices
    std::function<void(const QString &title, const QString &text)> message;
    std::function<bool(SettingsDialog *dialog)> settings;              // true: accepted
    std::function<bool(MfaDialog *dialog)> mfa;                        // true: accepted
    std::function<void(ProfileManagerDialog *dialog)> profileManager;  // drive it, then return to close it
    std::function<bool(ProfileEditDialog *dialog)> profileEditor;      // true: accepted
    std::function<QString(const QString &suggested)> tokenLabel;       // empty: cancelled
};

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void addProfileSource(ProfileSource *source);
    // Shows the demo profile and its first job; demo.profiles must outlive the window's use of it.
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
    QTabWidget *documentTabs() const { return m_documents; }
    JobView *jobView(int index) const;
    JobView *currentJobView() const;
    RecentLookupsModel *recentLookups() const { return m_recent; }
    ProfileListModel *profiles() const { return m_profiles; }
    SecretKeyPolicy *secretKeyPolicy() const { return m_policy; }
    const AppSettings &settings() const { return m_settings; }
    QString callInfoText() const;
    bool isBusy() const;
    QAction *action(const QString &objectName) const;

    // Adds a document tab for the job and makes it current.
    JobView *openDocument(codepipeline::JobDocument document);
    void applySettings(const AppSettings &settings);

public Q_SLOTS:
    void fetch();
    void cancelFetch();
    void exportJson();
    void exportJsonWithSecrets();
    void copyJson();
    void copyCliCommand();
    void openFile();
    void pasteJson();
    void showSettings();
    void showProfileManager();
    void closeDocument(int index);
    void clearRecentLookups();

Q_SIGNALS:
    // After every fetch attempt, successful or not (validation failures included).
    void fetchFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildRecentDock();
    void startCall(const LookupForm::Request &request, const aws::Endpoint &endpoint, aws::Credentials credentials);
    void onCallFinished();
    void finishWithError(const Error &error, const codepipeline::LookupInfo &lookup, bool record);
    void setBusy(bool busy);
    void updateActions();
    void exportTo(bool includeSecrets);
    void showMessage(const QString &title, const QString &text);
    bool confirm(const QString &question);
    void restoreFromRecent(const QModelIndex &index);
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
    QStackedWidget *m_stack;
    QTabWidget *m_documents;
    QDockWidget *m_recentDock = nullptr;
    QTreeView *m_recentView = nullptr;
    QLabel *m_callInfo;
    QPointer<codepipeline::OperationCall> m_call;
    codepipeline::LookupInfo m_pendingLookup;
    quint64 m_generation = 0;  // bumps on cancel so late credential callbacks are ignored
    bool m_resolving = false;
    QList<ProfileSource *> m_ownedSources;
    QList<QPointer<ProfileSource>> m_sources;  // every source listed, owned or not
    profiles::ProfileStore *m_store = nullptr;
    profiles::CredentialResolver *m_resolver = nullptr;
    KeychainProfileSource *m_keychainSource = nullptr;
    QString m_activeProfile;  // the lookup form's profile, whose keys may stay cached
};

}  // namespace jobdesk::gui
