#pragma once

// Lists the JobDesk profiles and adds, edits, renames, deletes, imports (link or copy
// keys from the AWS shared config) and tests them. Every keychain step is asynchronous;
// finished() reports each operation's outcome, which the dialog also shows in words.

#include "gui/appsettings.h"

#include "core/profiles/profile.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QListWidget;
class QPushButton;

namespace jobdesk::aws {
class AwsClient;
}
namespace jobdesk::profiles {
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::gui {

struct DialogHooks;
class ProfileEditDialog;

class ProfileManagerDialog : public QDialog
{
    Q_OBJECT

public:
    // All pointers must outlive the dialog; hooks answer the nested dialogs in tests.
    ProfileManagerDialog(profiles::ProfileStore *store, profiles::CredentialResolver *resolver, aws::AwsClient *client,
                         const AppSettings &settings, const DialogHooks *hooks, QWidget *parent = nullptr);

    QStringList profileNames() const;
    QString currentName() const;
    QString statusText() const;
    QListWidget *list() const { return m_list; }

    // A dummy job ID for the key test: CodePipeline checks the signature before looking it up.
    static QString testJobId() { return QStringLiteral("00000000-0000-4000-8000-00000000f00d"); }

public Q_SLOTS:
    void addProfile();
    // A new profile that signs in with IAM Identity Center and takes a role from its list.
    void addSsoProfile();
    void editProfile(const QString &name);
    void removeProfile(const QString &name);
    void importProfile(const QString &awsProfile);
    void testProfile(const QString &name);

Q_SIGNALS:
    // After every add, edit, delete, import or test, also when it was cancelled (ok false, message empty).
    void finished(bool ok, const QString &message);

private:
    void reload();
    void report(bool ok, const QString &message);
    bool runEditor(ProfileEditDialog *dialog);
    void addWith(const profiles::Profile &blank);
    void save(const profiles::Profile &profile, std::optional<aws::Credentials> keys, const QString &renameFrom);
    QStringList sharedProfileNames() const;
    void setWorking(bool working);

    profiles::ProfileStore *m_store;
    profiles::CredentialResolver *m_resolver;
    aws::AwsClient *m_client;
    AppSettings m_settings;
    const DialogHooks *m_hooks;
    QListWidget *m_list;
    QLabel *m_details;
    QLabel *m_status;
    QPushButton *m_add;
    QPushButton *m_addSso;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_import;
    QPushButton *m_test;
};

}  // namespace jobdesk::gui
