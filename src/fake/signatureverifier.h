#pragma once

// Checks the SigV4 Authorization of a request received by the fake endpoint
// as AWS does (key, scope, time window, signature) and words the refusals
// like the service, so clients meet the same errors here as in production.

#include "core/aws/sigv4signer.h"
#include "core/clock.h"
#include "core/secret.h"
#include "fake/httprequestparser.h"

#include <QHash>
#include <QString>

#include <optional>

namespace jobdesk::fake {

class SignatureVerifier
{
public:
    struct Failure
    {
        QString code;  // MissingAuthenticationTokenException, IncompleteSignatureException,
                       // UnrecognizedClientException or InvalidSignatureException
        QString message;
        // What went wrong, for a service that words its refusals otherwise (S3).
        enum class Reason { Missing, Incomplete, NotSigned, Scope, Skew, UnknownKey, BadToken, Mismatch };
        Reason reason = Reason::Mismatch;
        QByteArray canonicalRequest;  // Mismatch: what the signature should have covered
        QByteArray stringToSign;
    };

    SignatureVerifier();

    void setClock(const Clock &clock) { m_clock = &clock; }
    const Clock &clock() const { return *m_clock; }
    void setService(const QString &service) { m_service = service; }
    void setRegion(const QString &region) { m_region = region; }  // empty: any region is accepted
    void setMaxSkewSeconds(int seconds) { m_maxSkewSeconds = seconds; }
    int maxSkewSeconds() const { return m_maxSkewSeconds; }
    // S3's rules: the path is signed as sent (no normalising, encoded once) and the payload
    // hash is the X-Amz-Content-Sha256 header's value.
    void setS3Rules(bool s3) { m_s3Rules = s3; }

    // sessionToken empty: long-term keys, no X-Amz-Security-Token expected.
    void addCredentials(const QString &accessKeyId, const Secret &secretKey, const Secret &sessionToken = {});
    void removeCredentials(const QString &accessKeyId);
    bool hasCredentials() const { return !m_keys.isEmpty(); }
    bool knowsKey(const QString &accessKeyId) const { return m_keys.contains(accessKeyId); }

    // nullopt when the request is properly signed by a known key within the time window.
    std::optional<Failure> verify(const HttpRequest &request);

    // The access key of the last request that got past parsing, for the counters.
    QString lastAccessKeyId() const { return m_lastAccessKeyId; }

private:
    struct Key
    {
        Secret secret;
        Secret sessionToken;
    };

    const Clock *m_clock;
    QString m_service = QStringLiteral("codepipeline");
    QString m_region;
    int m_maxSkewSeconds = 300;
    bool m_s3Rules = false;
    QHash<QString, Key> m_keys;
    aws::SigV4Signer m_signer;
    QString m_lastAccessKeyId;
};

}  // namespace jobdesk::fake
