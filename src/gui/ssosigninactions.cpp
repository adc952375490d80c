#include "gui/ssosigninactions.h"

#include "gui/errorbanner.h"
#include "gui/profilelistmodel.h"
#include "gui/ssosigninprompter.h"
#include "gui/ssostatuswidget.h"

#include "core/sso/ssosessions.h"

#include <QComboBox>
#include <QWidget>

namespace jobdesk::gui {

SsoSignInActions::SsoSignInActions(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_prompter(new SsoSignInPrompter(parts.window, parts.hooks, this))
    , m_status(new SsoStatusWidget(parts.window))
{
    connect(parts.banner, &ErrorBanner::signInRequested, this, &SsoSignInActions::signInAgain);
    // After the combo box's own handling of a reset, which picks its row again.
    connect(parts.profileCombo, &QComboBox::currentIndexChanged, this, &SsoSignInActions::followProfile);
    connect(parts.profiles, &QAbstractItemModel::modelReset, this, &SsoSignInActions::followProfile);
    connect(m_status, &SsoStatusWidget::signInRequested, this, [this](const sso::SsoProfileConfig &profile) {
        m_prompter->signIn(profile, this, [this](Status outcome) { reportOutcome(outcome, false); });
    });
    connect(m_status, &SsoStatusWidget::signedOut, this, [this](const Status &outcome) {
        if (outcome)
            Q_EMIT statusMessage(tr("Signed out."), 5000);
        else
            m_parts.banner->showError(outcome.error());
    });
}

void SsoSignInActions::setSessions(sso::SsoSessions *sessions)
{
    m_prompter->setSessions(sessions);
    m_status->setSessions(sessions);
    followProfile();
}

bool SsoSignInActions::signInForRow(int row, QObject *context, std::function<void(Status)> done)
{
    const std::optional<sso::SsoProfileConfig> profile = m_parts.profiles->ssoProfile(row);
    if (!profile || !m_prompter->sessions())
        return false;
    Q_EMIT statusMessage(tr("Profile %1 waits for you to sign in…").arg(profile->profileName), 0);
    m_prompter->signIn(*profile, context, std::move(done));
    return true;
}

void SsoSignInActions::followProfile()
{
    m_status->setProfile(m_parts.profiles->ssoProfile(m_parts.profileCombo->currentIndex()));
}

void SsoSignInActions::signInAgain()
{
    if (!signInForRow(m_parts.profileCombo->currentIndex(), this,
                      [this](Status outcome) { reportOutcome(outcome, true); }))
        Q_EMIT lookupRequested();  // not an SSO profile (any more): the lookup says what is wrong
}

void SsoSignInActions::reportOutcome(const Status &outcome, bool thenLookUp)
{
    if (outcome) {
        Q_EMIT statusMessage(tr("Signed in."), 5000);
        if (thenLookUp)
            Q_EMIT lookupRequested();
        return;
    }
    if (outcome.error().kind == Error::Kind::Cancelled)
        Q_EMIT statusMessage(tr("The sign-in was cancelled."), 5000);
    else
        m_parts.banner->showError(outcome.error());
}

}  // namespace jobdesk::gui
