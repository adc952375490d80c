#pragma once

// Where JobDesk keeps IAM Identity Center sign-ins: the OS keychain, one entry per
// sso-session (or start URL), holding the token and its client registration. It reads
// a valid token that `aws sso login` left in the AWS CLI's cache, and writes there too
// only while the person shares their sign-in with the AWS CLI.

#include "core/result.h"
#include "core/sso/ssosignin.h"
#include "core/sso/ssotokencache.h"

#include <QObject>

#include <functional>
#include <optional>

namespace jobdesk::sso {

class SsoTokenStore : public QObject
{
    Q_OBJECT

public:
    struct Loaded
    {
        SsoCachedToken token;
        bool fromAwsCli = false;  // read from the AWS CLI's cache, not the keychain
    };
    using LoadCallback = std::function<void(Result<std::optional<Loaded>>)>;
    using StatusCallback = std::function<void(Status)>;

    explicit SsoTokenStore(SsoTokenCache awsCliCache, QObject *parent = nullptr);

    // "Share sign-in with the AWS CLI": kept in JobDesk's settings, read by the window and
    // jobdesk-cli alike. Off unless the person turns it on.
    static bool sharingSetting();
    static void setSharingSetting(bool share);
    void setShareWithAwsCli(bool share) { m_share = share; }
    bool shareWithAwsCli() const { return m_share; }

    const SsoTokenCache &awsCliCache() const { return m_cache; }
    // The keychain entry: sso/<the AWS CLI cache key>.
    static QString keychainKey(const SsoSignIn::Settings &session);

    // The keychain's token, or the AWS CLI's when its file was issued for the same start URL
    // and lasts longer. nullopt when neither has one (an expired one is still returned).
    void load(const SsoSignIn::Settings &session, QObject *context, LoadCallback done) const;
    // Into the keychain, and into the AWS CLI's cache while sharing is on.
    void save(const SsoSignIn::Settings &session, const SsoCachedToken &token, QObject *context,
              StatusCallback done) const;
    // From the keychain, and from the AWS CLI's cache when sharing is on or its file holds
    // this very access token (which a sign-out has just ended).
    void remove(const SsoSignIn::Settings &session, const Secret &accessToken, QObject *context,
                StatusCallback done) const;

private:
    SsoTokenCache m_cache;
    bool m_share = false;
};

}  // namespace jobdesk::sso
