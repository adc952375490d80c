#pragma once

// The form at the top of the window: profile, region, endpoint override, job
// ID and client token, the Fetch button, and a busy indicator with Cancel
// while a request runs. Validation messages appear under their field.

#include "core/aws/endpointresolver.h"
#include "core/secret.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QAction;

namespace jobdesk::profiles {
class ClientTokenVault;
}

namespace jobdesk::gui {

struct DialogHooks;
class ProfileListModel;

class LookupForm : public QWidget
{
    Q_OBJECT

public:
    enum class Field { Profile, Region, Endpoint, JobId, ClientToken };

    struct Request
    {
        int profileRow = -1;
        QString profile;
        QString region;
        QString endpointOverride;
        QString jobId;
        Secret clientToken;
    };

    // A request whose fields passed the checks, and the endpoint it goes to.
    struct CheckedRequest
    {
        Request request;
        aws::Endpoint endpoint;
    };

    explicit LookupForm(ProfileListModel *profiles, QWidget *parent = nullptr);

    // The fields as they are, trimmed where a space cannot be meant.
    Request request() const;
    // The fields checked as jobdesk-cli checks its options. Nothing when one is bad: then every
    // bad field shows why under it, and the first of them has the focus.
    std::optional<CheckedRequest> validatedRequest();
    // The same for the profile, region and endpoint alone (for a poll, or a job read from a file).
    std::optional<CheckedRequest> validatedTarget();
    void setJobId(const QString &jobId);
    void setClientToken(const Secret &token);
    void setRegion(const QString &region);
    void setEndpointOverride(const QString &url);
    bool selectProfile(const QString &name);

    // Shows the saved-token picker and "Save Token…"; vault and hooks must outlive the form.
    void setTokenVault(profiles::ClientTokenVault *vault, const DialogHooks *hooks);
    // Fills the token field with the one saved under label (asynchronous: see tokenVaultFinished).
    void pickSavedToken(const QString &label);
    // Asks for a label and saves the token in the field under it; only ever on request.
    void saveToken();
    QComboBox *savedTokenCombo() const { return m_savedTokens; }
    QPushButton *saveTokenButton() const { return m_saveToken; }

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    void showFieldError(Field field, const QString &message);
    void clearFieldErrors();
    QString fieldError(Field field) const;
    // The field a validation problem's path (e.g. "clientToken") belongs to.
    static std::optional<Field> fieldForPath(const QString &path);
    QWidget *fieldWidget(Field field) const;

    QLineEdit *jobIdEdit() const { return m_jobId; }
    QLineEdit *clientTokenEdit() const { return m_token; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QComboBox *regionCombo() const { return m_region; }
    QComboBox *profileCombo() const { return m_profile; }
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *cancelButton() const { return m_cancel; }
    QAction *revealTokenAction() const { return m_reveal; }

Q_SIGNALS:
    void fetchRequested();
    void cancelRequested();
    // After a saved token was loaded or saved (or that failed, or was cancelled: message empty).
    void tokenVaultFinished(bool ok, const QString &message);

private:
    std::optional<CheckedRequest> checkedFields(bool withJob);
    void onProfileChanged(int row);
    void reloadTokenLabels();
    QLabel *errorLabel(Field field) const;

    ProfileListModel *m_profiles;
    QComboBox *m_profile;
    QComboBox *m_region;
    QLineEdit *m_endpoint;
    QLineEdit *m_jobId;
    QLineEdit *m_token;
    QAction *m_reveal;
    QPushButton *m_fetch;
    QPushButton *m_cancel;
    QProgressBar *m_busyBar;
    QLabel *m_errors[5];
    profiles::ClientTokenVault *m_vault = nullptr;
    const DialogHooks *m_hooks = nullptr;
    QLabel *m_savedTokensLabel;
    QComboBox *m_savedTokens;
    QPushButton *m_saveToken;
    bool m_busy = false;
};

}  // namespace jobdesk::gui
