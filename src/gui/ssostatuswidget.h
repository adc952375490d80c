#pragma once

// The status bar's word on the selected profile's IAM Identity Center sign-in: "Signed
// in to <host> until 14:35" or "Not signed in", with Sign In or Sign Out beside it.
// Hidden while the profile is not an SSO one. It reads the stored token only (no
// network) and follows every sign-in and sign-out of its sessions.

#include "core/sso/ssosessions.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QToolButton;

namespace jobdesk::gui {

class SsoStatusWidget : public QWidget
{
    Q_OBJECT

public:
    enum class State { None, Loading, SignedIn, Expired, NotSignedIn };

    explicit SsoStatusWidget(QWidget *parent = nullptr);

    // sessions must outlive their use here.
    void setSessions(sso::SsoSessions *sessions);
    // The selected profile's SSO settings; nullopt for a profile of another kind.
    void setProfile(const std::optional<sso::SsoProfileConfig> &profile);
    const std::optional<sso::SsoProfileConfig> &profile() const { return m_profile; }
    // Reads the stored token again.
    void refresh();

    State state() const { return m_state; }
    QDateTime expiresAt() const { return m_expiresAt; }
    QString text() const;
    QToolButton *actionButton() const { return m_action; }

    // "14:35" for a time later today, else the date too; in local time.
    static QString untilText(const QDateTime &expiresAt, const QDateTime &now);

Q_SIGNALS:
    // The person pressed Sign In: the window runs the sign-in (with its dialog).
    void signInRequested(const jobdesk::sso::SsoProfileConfig &profile);
    // Sign Out finished; ok, or why the token could not be forgotten.
    void signedOut(const jobdesk::Status &outcome);

private:
    bool isOurs(const sso::SsoSignIn::Settings &session) const;
    void display(State state, const QDateTime &expiresAt = {}, const QString &detail = {});
    void onAction();

    QPointer<sso::SsoSessions> m_sessions;
    std::optional<sso::SsoProfileConfig> m_profile;
    State m_state = State::None;
    QDateTime m_expiresAt;
    quint64 m_generation = 0;  // a token read for a profile since left is not shown
    bool m_signingOut = false;
    QLabel *m_label;
    QToolButton *m_action;
};

}  // namespace jobdesk::gui
