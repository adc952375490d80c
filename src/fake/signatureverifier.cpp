#include "fake/signatureverifier.h"

namespace jobdesk::fake {

using aws::SigV4Signer;

namespace {

QString amz(const QDateTime &t)
{
    return QString::fromLatin1(SigV4Signer::formatAmzDate(t));
}

using Reason = SignatureVerifier::Failure::Reason;

SignatureVerifier::Failure incomplete(const QString &message, const QByteArray &authorization)
{
    return {QStringLiteral("IncompleteSignatureException"),
            message + QStringLiteral(" Authorization=") + QString::fromUtf8(authorization),
            Reason::Incomplete,
            {},
            {}};
}

SignatureVerifier::Failure failure(const QString &code, const QString &message, Reason reason)
{
    return {code, message, reason, {}, {}};
}

}  // namespace

SignatureVerifier::SignatureVerifier() : m_clock(&Clock::system()) {}

void SignatureVerifier::addCredentials(const QString &accessKeyId, const Secret &secretKey, const Secret &sessionToken)
{
    m_keys.insert(accessKeyId, Key{secretKey, sessionToken});
}

void SignatureVerifier::removeCredentials(const QString &accessKeyId)
{
    m_keys.remove(accessKeyId);
}

std::optional<SignatureVerifier::Failure> SignatureVerifier::verify(const HttpRequest &request)
{
    m_lastAccessKeyId.clear();
    const QByteArray authorization = request.header("authorization");
    if (!request.hasHeader("authorization") || authorization.trimmed().isEmpty())
        return failure(QStringLiteral("MissingAuthenticationTokenException"),
                       QStringLiteral("Missing Authentication Token"), Reason::Missing);

    const auto parsed = SigV4Signer::parseAuthorization(authorization);
    if (!parsed) {
        if (!authorization.trimmed().startsWith("AWS4-HMAC-SHA256 "))
            return incomplete(QStringLiteral("Authorization header requires the AWS4-HMAC-SHA256 algorithm."),
                              authorization);
        return incomplete(QStringLiteral("Authorization header requires 'Credential', 'SignedHeaders' and "
                                         "'Signature' parameters, each once, with a well-formed credential scope."),
                          authorization);
    }
    m_lastAccessKeyId = parsed->accessKeyId;

    const QByteArray amzDateText = request.header("x-amz-date");
    if (amzDateText.isEmpty())
        return incomplete(QStringLiteral("Authorization header requires existence of either a 'X-Amz-Date' or a "
                                         "'Date' header."),
                          authorization);
    const auto signedAt = SigV4Signer::parseAmzDate(amzDateText);
    if (!signedAt)
        return incomplete(QStringLiteral("Date must be in ISO-8601 'basic format'. Got '%1'. See "
                                         "http://en.wikipedia.org/wiki/ISO_8601.")
                              .arg(QString::fromLatin1(amzDateText)),
                          authorization);

    if (!parsed->signedHeaders.contains("host"))
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
                       Reason::NotSigned);
    if (!parsed->signedHeaders.contains("x-amz-date"))
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."),
                       Reason::NotSigned);

    if (parsed->date != signedAt->date())
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                                      "from HTTP: '%1' != '%2', from '%3'.")
                           .arg(parsed->date.toString(QStringLiteral("yyyyMMdd")),
                                signedAt->date().toString(QStringLiteral("yyyyMMdd")), amz(*signedAt)),
                       Reason::Scope);
    if (parsed->service != m_service)
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("Credential should be scoped to correct service: '%1'. ").arg(m_service),
                       Reason::Scope);
    if (!m_region.isEmpty() && parsed->region != m_region)
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("Credential should be scoped to a valid region. "), Reason::Scope);

    const QDateTime now = m_clock->nowUtc().toUTC();
    const qint64 skew = signedAt->secsTo(now);
    const QString window = QStringLiteral("%1 min.").arg(m_maxSkewSeconds / 60);
    if (skew > m_maxSkewSeconds)
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - %4)")
                           .arg(amz(*signedAt), amz(now.addSecs(-m_maxSkewSeconds)), amz(now), window),
                       Reason::Skew);
    if (-skew > m_maxSkewSeconds)
        return failure(QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("Signature not yet current: %1 is still later than %2 (%3 + %4)")
                           .arg(amz(*signedAt), amz(now.addSecs(m_maxSkewSeconds)), amz(now), window),
                       Reason::Skew);

    const auto key = m_keys.constFind(parsed->accessKeyId);
    if (key == m_keys.constEnd())
        return failure(QStringLiteral("UnrecognizedClientException"),
                       QStringLiteral("The security token included in the request is invalid."), Reason::UnknownKey);
    const QByteArray token = request.header("x-amz-security-token");
    if (!key->sessionToken.isEmpty() || request.hasHeader("x-amz-security-token")) {
        if (!SigV4Signer::signaturesEqual(token, key->sessionToken.reveal()))
            return failure(QStringLiteral("UnrecognizedClientException"),
                           QStringLiteral("The security token included in the request is invalid."), Reason::BadToken);
    }

    aws::SignableRequest signable;
    signable.method = request.method;
    signable.path = request.path();
    signable.query = request.query();
    signable.headers = request.headers;
    signable.body = request.body;
    aws::SigningOptions options;
    if (m_s3Rules) {
        options.normalizePath = false;
        options.payloadHash = request.header("x-amz-content-sha256");
    }
    const aws::SignatureParts expected = m_signer.computeSignature(signable, parsed->signedHeaders, key->secret,
                                                                   *signedAt, parsed->region, parsed->service, options);
    if (!SigV4Signer::signaturesEqual(expected.signature, parsed->signature))
        return Failure{QStringLiteral("InvalidSignatureException"),
                       QStringLiteral("The request signature we calculated does not match the signature you provided. "
                                      "Check your AWS Secret Access Key and signing method. Consult the service "
                                      "documentation for details.\n\nThe Canonical String for this request should "
                                      "have been\n'%1'\n\nThe String-to-Sign should have been\n'%2'\n")
                           .arg(QString::fromUtf8(expected.canonicalRequest), QString::fromUtf8(expected.stringToSign)),
                       Reason::Mismatch, expected.canonicalRequest, expected.stringToSign};
    return std::nullopt;
}

}  // namespace jobdesk::fake
