#pragma once

// The window's one way into an interactive IAM Identity Center sign-in: starts the
// browser sign-in of a profile's session (or joins the one under way), shows
// SsoSignInDialog over the window while it runs, and tells every caller that waited
// how it ended. The dialog is window-modal but never blocks the event loop.

#include "core/result.h"
#include "core/sso/ssosessions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace jobdesk::gui {

struct DialogHooks;
class SsoSignInDialog;

class SsoSignInPrompter : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Status)>;

    // Dialogs open over dialogParent; hooks must outlive the prompter.
    SsoSignInPrompter(QWidget *dialogParent, const DialogHooks *hooks, QObject *parent = nullptr);

    // The sessions to sign in to (owned by the credential resolver); must outlive their use here.
    void setSessions(sso::SsoSessions *sessions);
    sso::SsoSessions *sessions() const { return m_sessions; }

    // Signs in to profile's session; done (while context lives) gets ok once the token is
    // stored, a Cancelled error when the person cancelled, or why it failed. A second
    // request for the same session while one runs joins it and its dialog.
    void signIn(const sso::SsoProfileConfig &profile, QObject *context, Done done);
    // The open dialog of a session, if any.
    SsoSignInDialog *dialogFor(const sso::SsoSignIn::Settings &session) const;

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Done done;
    };
    // What a running sign-in asked the person to do, for a dialog opened after it asked.
    struct Shown
    {
        QUrl browserUrl;
        QString userCode;
        QUrl verificationUri;
        QUrl verificationUriComplete;
    };
    void track(const sso::SsoSignIn::Settings &session, sso::SsoSignIn *signIn);
    void end(const QString &key, const Status &outcome);

    QWidget *m_dialogParent;
    const DialogHooks *m_hooks;
    QPointer<sso::SsoSessions> m_sessions;
    QHash<QString, QPointer<SsoSignInDialog>> m_dialogs;  // by session key
    QHash<QString, QList<Waiter>> m_waiters;
    QHash<QString, Shown> m_shown;
};

}  // namespace jobdesk::gui
