#pragma once

// The AWS CLI's SSO token cache, ~/.aws/sso/cache/<sha1>.json: the file name and the
// JSON that the AWS CLI v2 and botocore write and read, so that a sign-in is shared
// with them when a person wants it so. Files are written owner-only and atomically.

#include "core/result.h"
#include "core/secret.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QProcessEnvironment>
#include <QString>

namespace jobdesk::sso {

// One cached sign-in, member for member as the AWS CLI keeps it.
struct SsoCachedToken
{
    QString startUrl;
    QString region;
    Secret accessToken;
    QDateTime expiresAt;
    // The client registration, kept beside the token so that it can be refreshed; the
    // legacy form (no sso-session) has none.
    QString clientId;
    Secret clientSecret;
    QDateTime registrationExpiresAt;
    Secret refreshToken;

    bool isExpired(const QDateTime &now) const { return !expiresAt.isValid() || expiresAt <= now; }
    bool canRefresh(const QDateTime &now) const
    {
        return !refreshToken.isEmpty() && !clientId.isEmpty() && !clientSecret.isEmpty() && registrationExpiresAt > now;
    }
};

class SsoTokenCache
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::sso::SsoTokenCache)

public:
    // directory: where the files are; see defaultDirectory().
    explicit SsoTokenCache(QString directory);

    // ~/.aws/sso/cache, with "~" as the AWS CLI expands it.
    static QString defaultDirectory(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // The file's base name: the SHA-1 of the sso-session's name, or of the start URL for
    // a legacy profile (sessionName empty).
    static QString cacheKey(const QString &startUrl, const QString &sessionName);

    QString directory() const { return m_directory; }
    QString filePath(const QString &startUrl, const QString &sessionName) const;

    // Io when there is no such file or it cannot be read; Protocol when it is not a
    // token the AWS CLI would use (no accessToken or expiresAt, or a time it cannot read).
    Result<SsoCachedToken> read(const QString &startUrl, const QString &sessionName) const;
    // Replaces the file in one step, readable by its owner only.
    Status write(const SsoCachedToken &token, const QString &sessionName) const;
    Status remove(const QString &startUrl, const QString &sessionName) const;

    // The bytes Python's json.dumps gives for the token (botocore's and the AWS CLI's writer).
    static QByteArray serialize(const SsoCachedToken &token);
    static Result<SsoCachedToken> parse(const QByteArray &json, const QString &path = {});
    // "%Y-%m-%dT%H:%M:%SZ", and back; reading also takes the older "…UTC" ending and fractions.
    static QString formatTime(const QDateTime &time);
    static QDateTime parseTime(const QString &text);

private:
    QString m_directory;
};

}  // namespace jobdesk::sso
