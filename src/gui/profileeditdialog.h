#pragma once

// Adds, edits or imports one JobDesk profile: name, region, endpoint and where its keys
// come from. Keys are typed into password fields and never read back from the keychain,
// so an edited keychain profile keeps its stored keys unless new ones are entered. An
// IAM Identity Center profile signs in here and picks its account and role from a list.

#include "core/aws/credentials.h"
#include "core/profiles/profile.h"
#include "core/sso/ssosignin.h"
#include "gui/fielderrors.h"

#include <QDialog>
#include <QPointer>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace jobdesk::sso {
class SsoSessions;
class SsoSignIn;
struct SsoCachedToken;
}

namespace jobdesk::gui {

class SsoAccountPicker;

class ProfileEditDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, Import };

    // sharedProfiles: the AWS shared-config profile names that can be linked.
    ProfileEditDialog(Mode mode, const profiles::Profile &profile, const QStringList &sharedProfiles,
                      QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    profiles::Profile profile() const;
    QString originalName() const { return m_original; }
    // New keys for a keychain profile; std::nullopt keeps the stored ones.
    std::optional<aws::Credentials> credentials() const;
    // Import only: copy the AWS profile's static keys into the keychain instead of linking it.
    bool copyKeys() const;

    // Where IAM Identity Center sign-ins run (the resolver's); without it an SSO profile
    // can be edited but not signed in. An SSO profile already signed in lists its accounts.
    void setSsoSessions(sso::SsoSessions *sessions);
    // Opens the sign-in page of the browser flow; the desktop's browser unless set (tests).
    void setBrowserOpener(std::function<bool(const QUrl &)> open) { m_openBrowser = std::move(open); }
    // The sign-in the fields name: start URL, SSO region and session (the profile's name when empty).
    sso::SsoSignIn::Settings ssoSession() const;
    // Starts (or joins) the sign-in of ssoSession(), after checking its fields.
    void signIn();
    void cancelSignIn();
    bool isSigningIn() const { return !m_signIn.isNull(); }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QComboBox *sourceCombo() const { return m_source; }
    QComboBox *sharedProfileCombo() const { return m_shared; }
    QLineEdit *accessKeyIdEdit() const { return m_accessKeyId; }
    QLineEdit *secretKeyEdit() const { return m_secretKey; }
    QLineEdit *sessionTokenEdit() const { return m_sessionToken; }
    QCheckBox *copyKeysBox() const { return m_copyKeys; }
    QLineEdit *startUrlEdit() const { return m_startUrl; }
    QComboBox *ssoRegionCombo() const { return m_ssoRegion; }
    QLineEdit *sessionNameEdit() const { return m_sessionName; }
    QComboBox *signInFlowCombo() const { return m_flow; }
    QPushButton *signInButton() const { return m_signInButton; }
    QPushButton *cancelSignInButton() const { return m_cancelButton; }
    SsoAccountPicker *accountPicker() const { return m_picker; }
    QLabel *signInStateLabel() const { return m_signInState; }  // the sign-in's progress: URL, user code, result
    QString errorText() const;                                  // every message shown, one per line
    QString fieldError(QWidget *field) const;                   // the message under one field

    // Checks the fields; on a problem shows it in the dialog and returns false.
    bool validate();

    void accept() override;
    ~ProfileEditDialog() override;

Q_SIGNALS:
    // The sign-in of ssoSession() succeeded (or was already valid) and the accounts are being listed.
    void ssoSignedIn();
    void ssoSignInFailed(const jobdesk::Error &error);

private:
    void addSsoRows(const profiles::Profile &profile);
    void updateFields();
    void checkKeys();        // the keychain key fields, when the profile keeps its keys there
    bool checkSsoSession();  // start URL, SSO region and session name
    void checkSsoRole();     // the picked account and role
    void startInteractiveSignIn(const sso::SsoSignIn::Settings &session);
    void signedIn(const sso::SsoCachedToken &token);
    void showSignInState(const QString &text, bool running);
    void sessionFieldsChanged();

    Mode m_mode;
    QString m_original;
    QLineEdit *m_name;
    QLineEdit *m_region;
    QLineEdit *m_endpoint;
    QComboBox *m_source;
    QComboBox *m_shared;
    QLineEdit *m_accessKeyId;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
    QCheckBox *m_copyKeys;
    QLabel *m_keysNote;
    QFormLayout *m_form = nullptr;
    QHBoxLayout *m_signInRow = nullptr;
    QLineEdit *m_startUrl;
    QComboBox *m_ssoRegion;
    QLineEdit *m_sessionName;
    QComboBox *m_flow;
    QPushButton *m_signInButton;
    QPushButton *m_cancelButton;
    QLabel *m_signInState;
    SsoAccountPicker *m_picker;
    QPointer<sso::SsoSessions> m_sessions;
    QPointer<sso::SsoSignIn> m_signIn;
    bool m_startedSignIn = false;  // ours to cancel when the editor closes, not one we joined
    bool m_sessionFollowsName;     // the session name is the profile's until typed over
    QString m_listedFor;           // the session key whose accounts the picker shows
    std::function<bool(const QUrl &)> m_openBrowser;
    QLabel *m_error;
    FieldErrors m_fieldErrors;
    QDialogButtonBox *m_buttons;
};

}  // namespace jobdesk::gui
