#include "gui/ssosigninprompter.h"

#include "gui/dialoghooks.h"
#include "gui/ssosignindialog.h"

#include <QWidget>

namespace jobdesk::gui {

using sso::SsoSessions;
using sso::SsoSignIn;

SsoSignInPrompter::SsoSignInPrompter(QWidget *dialogParent, const DialogHooks *hooks, QObject *parent)
    : QObject(parent), m_dialogParent(dialogParent), m_hooks(hooks)
{
}

void SsoSignInPrompter::setSessions(SsoSessions *sessions)
{
    if (m_sessions)
        disconnect(m_sessions, nullptr, this, nullptr);
    m_sessions = sessions;
    if (!sessions)
        return;
    connect(sessions, &SsoSessions::signInStarted, this, &SsoSignInPrompter::track);
    // A sign-in that could not start has no dialog to end it: its failure ends the wait.
    connect(sessions, &SsoSessions::signInFailed, this, [this](const SsoSignIn::Settings &session, const Error &e) {
        const QString key = SsoSessions::sessionKey(session);
        if (!m_dialogs.contains(key) && m_waiters.contains(key))
            end(key, e);
    });
}

void SsoSignInPrompter::track(const SsoSignIn::Settings &session, SsoSignIn *signIn)
{
    // A sign-in begun elsewhere (the profile editor, say) may have asked for its page or code
    // before a dialog of ours follows it.
    const QString key = SsoSessions::sessionKey(session);
    m_shown.insert(key, {});
    if (!signIn)
        return;
    connect(signIn, &SsoSignIn::browserUrlReady, this, [this, key](const QUrl &url) {
        m_shown[key] = {url, {}, {}, {}};
    });
    connect(signIn, &SsoSignIn::deviceCodeReady, this,
            [this, key](const QString &code, const QUrl &uri, const QUrl &complete) {
                m_shown[key] = {{}, code, uri, complete};
            });
}

SsoSignInDialog *SsoSignInPrompter::dialogFor(const SsoSignIn::Settings &session) const
{
    return m_dialogs.value(SsoSessions::sessionKey(session));
}

void SsoSignInPrompter::signIn(const sso::SsoProfileConfig &profile, QObject *context, Done done)
{
    if (!m_sessions) {
        const Error none = Error::make(Error::Kind::Credentials, QStringLiteral("SsoUnavailable"),
                                       tr("This window cannot sign in to IAM Identity Center."));
        QMetaObject::invokeMethod(
            context, [done, none] { done(none); }, Qt::QueuedConnection);
        return;
    }
    const QString key = SsoSessions::sessionKey(profile.session);
    m_waiters[key].append({context, std::move(done)});
    if (SsoSignInDialog *open = m_dialogs.value(key)) {
        open->raise();
        open->activateWindow();
        return;
    }

    SsoSignIn *running = m_sessions->runningSignIn(profile.session);
    const Shown shown = running ? m_shown.value(key) : Shown();
    SsoSignIn *signIn = running ? running : m_sessions->signIn(profile.session, SsoSessions::Flow::AuthorizationCode);
    if (!signIn)
        return;  // it could not start (a region without an endpoint): signInFailed follows

    auto *dialog = new SsoSignInDialog(m_sessions, profile, m_hooks, m_dialogParent);
    m_dialogs.insert(key, dialog);
    dialog->follow(signIn);
    if (shown.browserUrl.isValid())
        dialog->showBrowserUrl(shown.browserUrl);
    else if (!shown.userCode.isEmpty())
        dialog->showDeviceCode(shown.userCode, shown.verificationUri, shown.verificationUriComplete);
    connect(dialog, &QDialog::finished, this, [this, key, dialog] {
        const Status outcome = dialog->outcome();
        dialog->deleteLater();
        end(key, outcome);
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    if (m_hooks->ssoSignIn)
        m_hooks->ssoSignIn(dialog);
}

void SsoSignInPrompter::end(const QString &key, const Status &outcome)
{
    m_dialogs.remove(key);
    m_shown.remove(key);
    const QList<Waiter> waiters = m_waiters.take(key);
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(outcome);
    }
}

}  // namespace jobdesk::gui
