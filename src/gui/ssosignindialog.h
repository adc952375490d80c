#pragma once

// Shown while an interactive IAM Identity Center sign-in runs: the browser page to
// continue in (opened for the person, and again on request) or the device code to
// enter, a switch from the browser to a code, and Cancel. It closes itself when the
// sign-in ends; outcome() says how.

#include "core/error.h"
#include "core/result.h"
#include "core/sso/ssosessions.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace jobdesk::gui {

struct DialogHooks;

class SsoSignInDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Starting, Browser, DeviceCode };

    // sessions and hooks must outlive the dialog.
    SsoSignInDialog(sso::SsoSessions *sessions, const sso::SsoProfileConfig &profile, const DialogHooks *hooks,
                    QWidget *parent = nullptr);
    ~SsoSignInDialog() override;

    const sso::SsoProfileConfig &profile() const { return m_profile; }
    // Shows what signIn asks the person to do, from now on. The dialog does not own it.
    void follow(sso::SsoSignIn *signIn);
    sso::SsoSignIn *signIn() const { return m_signIn; }

    // What a sign-in that began before the dialog followed it has already asked for.
    void showBrowserUrl(const QUrl &url);
    void showDeviceCode(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete);

    // Ok once the token is stored; a Cancelled error when the person cancelled; else the failure.
    // Meaningful after finished().
    const Status &outcome() const { return m_outcome; }

    Mode mode() const { return m_mode; }
    QUrl browserUrl() const { return m_browserUrl; }
    QString userCode() const { return m_userCode; }
    QString introText() const;
    QString browserUrlText() const;
    QString verificationText() const;
    QPushButton *openBrowserButton() const { return m_openBrowser; }
    QPushButton *useCodeButton() const { return m_useCode; }
    QPushButton *copyCodeButton() const { return m_copyCode; }
    QPushButton *cancelButton() const;

public Q_SLOTS:
    // Cancels a browser sign-in under way and starts the device-code flow in its place.
    void useDeviceCode();
    // Cancels the sign-in (Escape and Cancel come here).
    void reject() override;

private:
    bool isOurs(const sso::SsoSignIn::Settings &session) const;
    void finish(const Status &outcome);
    void setMode(Mode mode);
    void openInBrowser(const QUrl &url);

    sso::SsoSessions *m_sessions;
    sso::SsoProfileConfig m_profile;
    QString m_sessionKey;
    const DialogHooks *m_hooks;
    QPointer<sso::SsoSignIn> m_signIn;
    Mode m_mode = Mode::Starting;
    bool m_switching = false;  // the browser sign-in's cancellation is not the end
    bool m_finished = false;
    Status m_outcome;  // a Cancelled error until the sign-in ends
    QUrl m_browserUrl;
    QString m_userCode;
    QUrl m_verificationUrl;

    QLabel *m_intro;
    QStackedWidget *m_pages;
    QLabel *m_startingText;
    QLabel *m_browserText;
    QLineEdit *m_browserUrlEdit;
    QPushButton *m_openBrowser;
    QLabel *m_codeText;
    QLabel *m_code;
    QLabel *m_verification;
    QLabel *m_codeNote;
    QPushButton *m_copyCode;
    QLabel *m_waiting;
    QPushButton *m_useCode;
    QDialogButtonBox *m_buttons;
};

}  // namespace jobdesk::gui
