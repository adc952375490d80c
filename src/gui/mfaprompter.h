#pragma once

// Answers a credential resolver's request for an MFA code with MfaDialog (or the
// mfa dialog hook): the dialog is window-modal but never blocks the event loop.

#include "core/profiles/credentialresolver.h"

#include <QObject>

class QWidget;

namespace jobdesk::gui {

struct DialogHooks;

class MfaPrompter : public QObject
{
    Q_OBJECT

public:
    // Dialogs open over dialogParent; hooks must outlive the prompter.
    MfaPrompter(QWidget *dialogParent, const DialogHooks *hooks, QObject *parent = nullptr);

    // Makes this prompter the resolver's way to ask for codes; the prompter must outlive its use there.
    void answerFor(profiles::CredentialResolver *resolver);
    void ask(const profiles::CredentialResolver::MfaChallenge &challenge,
             profiles::CredentialResolver::MfaAnswer answer);

private:
    QWidget *m_dialogParent;
    const DialogHooks *m_hooks;
};

}  // namespace jobdesk::gui
