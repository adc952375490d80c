#pragma once

// The JobDesk profiles of the keychain-backed ProfileStore, plus the AWS shared-config
// profiles no JobDesk profile shadows, for the profile selector. Keys are found by the
// core's CredentialResolver at fetch time, so roles, MFA and credential_process work too.

#include "gui/profilesource.h"

#include <QPointer>
#include <QProcessEnvironment>

namespace jobdesk::profiles {
class CredentialResolver;
class ProfileStore;
}

namespace jobdesk::gui {

class KeychainProfileSource : public ProfileSource
{
    Q_OBJECT

public:
    // store and resolver must outlive this source.
    KeychainProfileSource(profiles::ProfileStore *store, profiles::CredentialResolver *resolver,
                          QObject *parent = nullptr);

    QList<ProfileEntry> profiles() const override;
    void resolveCredentials(const QString &name, QObject *context, CredentialsCallback done) override;
    // The resolver's cached role keys and credential_process answers for the profile go.
    void forgetCredentials(const QString &name) override;
    void forgetAllCredentials() override;
    // A JobDesk profile with the Sso source, or a shared-config one with sso_* settings.
    std::optional<sso::SsoProfileConfig> ssoProfile(const QString &name) const override;

    // The shared config is read again on the next call of profiles().
    void reload();

private:
    profiles::ProfileStore *m_store;
    profiles::CredentialResolver *m_resolver;
};

}  // namespace jobdesk::gui
