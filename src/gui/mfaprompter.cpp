#include "gui/mfaprompter.h"

#include "gui/dialoghooks.h"
#include "gui/mfadialog.h"

#include <QWidget>

namespace jobdesk::gui {

MfaPrompter::MfaPrompter(QWidget *dialogParent, const DialogHooks *hooks, QObject *parent)
    : QObject(parent), m_dialogParent(dialogParent), m_hooks(hooks)
{
}

void MfaPrompter::answerFor(profiles::CredentialResolver *resolver)
{
    resolver->setMfaPrompt(
        [this](const profiles::CredentialResolver::MfaChallenge &challenge,
               profiles::CredentialResolver::MfaAnswer answer) { ask(challenge, std::move(answer)); });
}

void MfaPrompter::ask(const profiles::CredentialResolver::MfaChallenge &challenge,
                      profiles::CredentialResolver::MfaAnswer answer)
{
    // The resolver waits for exactly one answer, and requests and the keychain keep going meanwhile.
    auto *dialog = new MfaDialog(challenge.profileName, challenge.roleArn, challenge.mfaSerial, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_hooks->mfa) {
        const bool accepted = m_hooks->mfa(dialog);
        const std::optional<QString> code = accepted ? std::optional<QString>(dialog->code()) : std::nullopt;
        dialog->deleteLater();
        QMetaObject::invokeMethod(
            this, [answer, code] { answer(code); }, Qt::QueuedConnection);
        return;
    }
    connect(dialog, &QDialog::finished, this, [dialog, answer](int result) {
        answer(result == QDialog::Accepted ? std::optional<QString>(dialog->code()) : std::nullopt);
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

}  // namespace jobdesk::gui
