#pragma once

// One job's document tab: Overview, Configuration, Artifacts, Credentials, Raw
// and Activity, each a view over its own model fed from the same JobDocument,
// the strip that acts on the job and the query bar above them, and the query's
// result below.

#include "core/codepipeline/jobdocument.h"
#include "core/s3/jobartifacts.h"
#include "core/secret.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace jobdesk::gui {

class ActivityModel;
class ArtifactsModel;
class ArtifactsPage;
class ConfigurationModel;
class CredentialsModel;
class JobActionBar;
class JsonTreeModel;
class OverviewModel;
class QueryBar;
class SecretKeyPolicy;

class JobView : public QWidget
{
    Q_OBJECT

public:
    enum Tab { OverviewTab, ConfigurationTab, ArtifactsTab, CredentialsTab, RawTab, ActivityTab };

    JobView(codepipeline::JobDocument document, SecretKeyPolicy *policy, QWidget *parent = nullptr);
    ~JobView() override;

    const codepipeline::JobDocument &document() const { return m_document; }
    QStringList maskedConfigurationKeys() const;

    QTabWidget *tabs() const { return m_tabs; }
    OverviewModel *overviewModel() const { return m_overview; }
    ConfigurationModel *configurationModel() const { return m_configuration; }
    QSortFilterProxyModel *configurationProxy() const { return m_configurationProxy; }
    ArtifactsModel *artifactsModel() const { return m_artifacts; }
    CredentialsModel *credentialsModel() const { return m_credentials; }
    JsonTreeModel *jsonModel() const { return m_json; }
    QueryBar *queryBar() const { return m_queryBar; }
    JobActionBar *actionBar() const { return m_actionBar; }
    ActivityModel *activityModel() const { return m_activity; }
    QTableView *activityView() const { return m_activityView; }

    // The client token the job was fetched with (or that the person entered to act on it),
    // kept while the tab is open so that the job can be acknowledged or answered.
    void setClientToken(const Secret &token);
    const Secret &clientToken() const { return m_clientToken; }
    // Copies the activity, one line per action, to the clipboard.
    void copyActivity();
    // A tab's widgets are made when it is first shown (or asked for here), which keeps
    // opening a job fast; its model is filled from the start.
    QPlainTextEdit *rawText() const { return ensureBuilt(RawTab), m_raw; }
    QLineEdit *configurationFilter() const { return ensureBuilt(ConfigurationTab), m_configFilter; }
    QLineEdit *rawSearch() const { return ensureBuilt(RawTab), m_rawSearch; }
    QCheckBox *rawShowSecrets() const { return ensureBuilt(RawTab), m_rawSecrets; }
    QTableView *credentialsView() const { return ensureBuilt(CredentialsTab), m_credentialsView; }
    QTableView *artifactsView() const { return ensureBuilt(ArtifactsTab), m_artifactsView; }
    ArtifactsPage *artifactsPage() const { return ensureBuilt(ArtifactsTab), m_artifactsPage; }
    bool isBuilt(Tab tab) const { return m_built[tab]; }

    // Selects the next match of the Raw search text; false when there is none.
    bool findInRaw(bool backwards = false);
    void copyCredential(int row);
    void toggleCredential(int row);
    void copySelectedUri();

    // Scrubs every copy of the job's secrets this tab holds: the document's JSON, the
    // models' texts, the Raw text, and the clipboard when it still holds one of this job's
    // secrets. Called by the window just before the tab is deleted; the tab shows nothing
    // afterwards. Returns how many strings could not be scrubbed because another holder
    // shared their buffer (0 in a quiet window).
    int wipeSecrets();
    bool isWiped() const { return m_wiped; }

Q_SIGNALS:
    // At the end of wipeSecrets(), while the view and its models still exist.
    void secretsWiped(int leftUnscrubbed);
    // The Artifacts tab's actions on one artifact, and its Fetch Again once the artifact
    // credentials have expired; the window runs them.
    void downloadArtifactRequested(const jobdesk::s3::JobArtifact &artifact);
    void openArtifactRequested(const jobdesk::s3::JobArtifact &artifact);
    void extractArtifactRequested(const jobdesk::s3::JobArtifact &artifact);
    void uploadArtifactRequested(const jobdesk::s3::JobArtifact &artifact);
    void fetchAgainRequested();

private:
    QWidget *buildOverview();
    QWidget *buildConfiguration();
    QWidget *buildArtifacts();
    QWidget *buildCredentials();
    QWidget *buildRaw();
    QWidget *buildActivity();
    void refreshRaw();
    void ensureBuilt(Tab tab) const;
    void highlightMatches();

    codepipeline::JobDocument m_document;
    SecretKeyPolicy *m_policy;
    QTabWidget *m_tabs;
    OverviewModel *m_overview;
    ConfigurationModel *m_configuration;
    QSortFilterProxyModel *m_configurationProxy;
    ArtifactsModel *m_artifacts;
    CredentialsModel *m_credentials;
    JsonTreeModel *m_json;
    QLineEdit *m_configFilter = nullptr;
    QTableView *m_credentialsView = nullptr;
    QTableView *m_artifactsView = nullptr;
    ArtifactsPage *m_artifactsPage = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QLineEdit *m_rawSearch = nullptr;
    QCheckBox *m_rawSecrets = nullptr;
    QTreeView *m_jsonView = nullptr;
    QSplitter *m_rawSplitter = nullptr;
    QueryBar *m_queryBar;
    JobActionBar *m_actionBar;
    ActivityModel *m_activity;
    QTableView *m_activityView = nullptr;
    Secret m_clientToken;
    QSplitter *m_querySplitter;
    QTimer *m_tick;
    bool m_built[ActivityTab + 1] = {};
    bool m_wiped = false;
};

}  // namespace jobdesk::gui
