#include "gui/ssostatuswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QUrl>

namespace jobdesk::gui {

using sso::SsoSessions;
using sso::SsoSignIn;

SsoStatusWidget::SsoStatusWidget(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_action(new QToolButton(this))
{
    setObjectName(QStringLiteral("ssoStatus"));
    m_label->setObjectName(QStringLiteral("ssoStatusText"));
    m_action->setObjectName(QStringLiteral("ssoStatusAction"));
    m_action->setAutoRaise(true);
    m_action->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_action, &QToolButton::clicked, this, &SsoStatusWidget::onAction);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_action);
    hide();
}

void SsoStatusWidget::setSessions(SsoSessions *sessions)
{
    if (m_sessions)
        disconnect(m_sessions, nullptr, this, nullptr);
    m_sessions = sessions;
    if (sessions) {
        connect(sessions, &SsoSessions::signedIn, this,
                [this](const SsoSignIn::Settings &session, const sso::SsoCachedToken &) {
                    if (isOurs(session))
                        refresh();
                });
        connect(sessions, &SsoSessions::signedOut, this, [this](const SsoSignIn::Settings &session) {
            if (isOurs(session))
                refresh();
        });
    }
    refresh();
}

void SsoStatusWidget::setProfile(const std::optional<sso::SsoProfileConfig> &profile)
{
    m_profile = profile;
    refresh();
}

bool SsoStatusWidget::isOurs(const SsoSignIn::Settings &session) const
{
    return m_profile && SsoSessions::sessionKey(session) == SsoSessions::sessionKey(m_profile->session);
}

void SsoStatusWidget::refresh()
{
    const quint64 generation = ++m_generation;
    if (!m_profile || !m_sessions) {
        display(State::None);
        return;
    }
    display(State::Loading);
    m_sessions->store()->load(m_profile->session, this,
                              [this, generation](Result<std::optional<sso::SsoTokenStore::Loaded>> loaded) {
                                  if (generation != m_generation)
                                      return;  // the profile changed, or a newer read is under way
                                  if (!loaded) {
                                      display(State::NotSignedIn, {}, loaded.error().message);
                                      return;
                                  }
                                  if (!loaded.value()) {
                                      display(State::NotSignedIn);
                                      return;
                                  }
                                  const sso::SsoCachedToken &token = loaded.value()->token;
                                  const QDateTime now = QDateTime::currentDateTimeUtc();
                                  // A token that renews itself on its next use is as good as a valid one.
                                  if (!token.isExpired(now) || token.canRefresh(now))
                                      display(State::SignedIn, token.expiresAt);
                                  else
                                      display(State::Expired, token.expiresAt);
                              });
}

QString SsoStatusWidget::untilText(const QDateTime &expiresAt, const QDateTime &now)
{
    const QDateTime local = expiresAt.toLocalTime();
    const QLocale locale;
    if (local.date() == now.toLocalTime().date())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

void SsoStatusWidget::display(State state, const QDateTime &expiresAt, const QString &detail)
{
    m_state = state;
    m_expiresAt = expiresAt;
    if (state == State::None) {
        hide();
        return;
    }
    const QString startUrl = m_profile->session.startUrl;
    const QString host = QUrl(startUrl).host().isEmpty() ? startUrl : QUrl(startUrl).host();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString text;
    switch (state) {
    case State::None: break;
    case State::Loading: text = tr("Checking the sign-in to %1…").arg(host); break;
    case State::SignedIn:
        text = expiresAt > now ? tr("Signed in to %1 until %2").arg(host, untilText(expiresAt, now))
                               : tr("Signed in to %1").arg(host);
        break;
    case State::Expired: text = tr("Sign-in to %1 expired").arg(host); break;
    case State::NotSignedIn: text = tr("Not signed in to %1").arg(host); break;
    }
    m_label->setText(text);
    QString tip =
        tr("IAM Identity Center at %1: role %2 in account %3").arg(startUrl, m_profile->roleName, m_profile->accountId);
    if (!detail.isEmpty())
        tip += QLatin1Char('\n') + detail;
    m_label->setToolTip(tip);
    const bool signedIn = state == State::SignedIn;
    m_action->setText(signedIn ? tr("Sign Out") : tr("Sign In"));
    m_action->setToolTip(signedIn ? tr("End the sign-in to %1 and forget its token").arg(host)
                                  : tr("Sign in to %1 in your browser").arg(host));
    m_action->setEnabled(state != State::Loading && !m_signingOut);
    QWidget::show();
}

QString SsoStatusWidget::text() const
{
    return m_state == State::None ? QString() : m_label->text();
}

void SsoStatusWidget::onAction()
{
    if (!m_profile || !m_sessions || m_signingOut)
        return;
    if (m_state != State::SignedIn) {
        Q_EMIT signInRequested(*m_profile);
        return;
    }
    m_signingOut = true;
    m_action->setEnabled(false);
    m_sessions->signOut(m_profile->session, this, [this](Status outcome) {
        m_signingOut = false;
        refresh();
        Q_EMIT signedOut(outcome);
    });
}

}  // namespace jobdesk::gui
