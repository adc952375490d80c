#pragma once

// The window's IAM Identity Center sign-ins: the one a lookup waits for (FetchController's
// seam), the error banner's "Sign In Again", and the status bar's word on the selected
// profile's sign-in with its Sign In and Sign Out. The dialogs go through SsoSignInPrompter.

#include "core/result.h"

#include <QObject>

#include <functional>

class QComboBox;
class QWidget;

namespace jobdesk::sso {
class SsoSessions;
}

namespace jobdesk::gui {

struct DialogHooks;
class ErrorBanner;
class ProfileListModel;
class SsoSignInPrompter;
class SsoStatusWidget;

class SsoSignInActions : public QObject
{
    Q_OBJECT

public:
    // The window's parts it works with; all must outlive this.
    struct Parts
    {
        QWidget *window;  // where dialogs open, and the status widget's parent
        const DialogHooks *hooks;
        ProfileListModel *profiles;
        QComboBox *profileCombo;  // the lookup form's: its profile is the one shown and signed in to
        ErrorBanner *banner;      // offers "Sign In Again" and shows a failed sign-in
    };

    explicit SsoSignInActions(const Parts &parts, QObject *parent = nullptr);

    // The sessions of the window's credential resolver; until set, nothing signs in.
    void setSessions(sso::SsoSessions *sessions);
    SsoSignInPrompter *prompter() const { return m_prompter; }
    // For the window's status bar.
    SsoStatusWidget *statusWidget() const { return m_status; }

    // FetchController's sign-in seam: false when the row is not an SSO profile.
    bool signInForRow(int row, QObject *context, std::function<void(Status)> done);
    // The lookup form's profile changed (or the profiles did).
    void followProfile();

public Q_SLOTS:
    // Signs in to the current profile's session, then asks for the lookup again.
    void signInAgain();

Q_SIGNALS:
    // Signed in for "Sign In Again": run the lookup again.
    void lookupRequested();
    void statusMessage(const QString &text, int timeoutMs);

private:
    void reportOutcome(const Status &outcome, bool thenLookUp);

    Parts m_parts;
    SsoSignInPrompter *m_prompter;
    SsoStatusWidget *m_status;
};

}  // namespace jobdesk::gui
