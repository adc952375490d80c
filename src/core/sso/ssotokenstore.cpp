#include "core/sso/ssotokenstore.h"

#include "core/profiles/keychain.h"

#include <QPointer>
#include <QSettings>

namespace jobdesk::sso {

namespace {

QString sharingKey()
{
    return QStringLiteral("sso/shareWithAwsCli");
}

}  // namespace

SsoTokenStore::SsoTokenStore(SsoTokenCache awsCliCache, QObject *parent)
    : QObject(parent), m_cache(std::move(awsCliCache)), m_share(sharingSetting())
{
}

bool SsoTokenStore::sharingSetting()
{
    return QSettings(QStringLiteral("JobDesk"), QStringLiteral("JobDesk")).value(sharingKey(), false).toBool();
}

void SsoTokenStore::setSharingSetting(bool share)
{
    QSettings(QStringLiteral("JobDesk"), QStringLiteral("JobDesk")).setValue(sharingKey(), share);
}

QString SsoTokenStore::keychainKey(const SsoSignIn::Settings &session)
{
    return QStringLiteral("sso/") + SsoTokenCache::cacheKey(session.startUrl, session.sessionName);
}

void SsoTokenStore::load(const SsoSignIn::Settings &session, QObject *context, LoadCallback done) const
{
    const QString key = keychainKey(session);
    profiles::Keychain::run({profiles::Keychain::Operation::read(key)}, context,
                            [session, key, cache = m_cache, done](Result<profiles::Keychain::ReadResults> read) {
                                if (!read)
                                    return done(read.error());
                                std::optional<Loaded> found;
                                if (const std::optional<Secret> stored = read.value().value(key); stored) {
                                    Result<SsoCachedToken> token = SsoTokenCache::parse(stored->reveal());
                                    // An entry that no longer reads counts as no sign-in; signing in replaces it.
                                    if (token && token.value().startUrl == session.startUrl)
                                        found = Loaded{std::move(token).value(), false};
                                }
                                // What `aws sso login` left for the same start URL wins when it lasts longer.
                                Result<SsoCachedToken> shared = cache.read(session.startUrl, session.sessionName);
                                if (shared && shared.value().startUrl == session.startUrl
                                    && (!found || shared.value().expiresAt > found->token.expiresAt))
                                    found = Loaded{std::move(shared).value(), true};
                                done(found);
                            });
}

void SsoTokenStore::save(const SsoSignIn::Settings &session, const SsoCachedToken &token, QObject *context,
                         StatusCallback done) const
{
    QByteArray json = SsoTokenCache::serialize(token);
    const Secret entry(json);
    wipeString(json);
    profiles::Keychain::run(
        {profiles::Keychain::Operation::write(keychainKey(session), entry)}, context,
        [session, token, share = m_share, cache = m_cache, done](Result<profiles::Keychain::ReadResults> written) {
            if (!written)
                return done(written.error());
            if (share)
                return done(cache.write(token, session.sessionName));
            done(success());
        });
}

void SsoTokenStore::remove(const SsoSignIn::Settings &session, const Secret &accessToken, QObject *context,
                           StatusCallback done) const
{
    profiles::Keychain::run(
        {profiles::Keychain::Operation::remove(keychainKey(session))}, context,
        [session, accessToken, share = m_share, cache = m_cache, done](Result<profiles::Keychain::ReadResults> gone) {
            if (!gone)
                return done(gone.error());
            const Result<SsoCachedToken> shared = cache.read(session.startUrl, session.sessionName);
            const bool sameToken = shared && !accessToken.isEmpty() && shared.value().accessToken == accessToken;
            if (share || sameToken)
                return done(cache.remove(session.startUrl, session.sessionName));
            done(success());
        });
}

}  // namespace jobdesk::sso
