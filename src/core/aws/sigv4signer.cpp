#include "core/aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTime>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <set>

namespace jobdesk::aws {

namespace {

constexpr char Algorithm[] = "AWS4-HMAC-SHA256";
constexpr char Terminator[] = "aws4_request";

// Bounds the cache for long sessions that switch keys often; an evicted key just gets derived again.
constexpr qsizetype MaxCachedKeys = 256;

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isEscapeAt(const QByteArray &bytes, qsizetype i)
{
    return i + 2 < bytes.size() && bytes.at(i) == '%' && hexValue(bytes.at(i + 1)) >= 0
        && hexValue(bytes.at(i + 2)) >= 0;
}

void appendEscaped(QByteArray &out, unsigned char c)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    out.append('%');
    out.append(digits[c >> 4]);
    out.append(digits[c & 0xF]);
}

// A malformed escape is kept as literal text rather than rejected: the signature
// must cover whatever the request really carries.
QByteArray percentDecode(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (isEscapeAt(bytes, i)) {
            out.append(char(hexValue(bytes.at(i + 1)) * 16 + hexValue(bytes.at(i + 2))));
            i += 2;
        } else {
            out.append(bytes.at(i));
        }
    }
    return out;
}

// Header names and methods are ASCII tokens; QByteArray::toLower/toUpper would
// also fold Latin-1 letters. Moves the letters first..last by `shift`.
QByteArray asciiShifted(QByteArray bytes, char first, char last, int shift)
{
    for (char &c : bytes) {
        if (c >= first && c <= last)
            c = char(c + shift);
    }
    return bytes;
}

QByteArray asciiLower(const QByteArray &bytes)
{
    return asciiShifted(bytes, 'A', 'Z', 'a' - 'A');
}

QByteArray asciiUpper(const QByteArray &bytes)
{
    return asciiShifted(bytes, 'a', 'z', 'A' - 'a');
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Trims and folds every run of whitespace, line breaks of folded header lines included, into one space.
QByteArray trimAll(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

void wipe(QByteArray &bytes)
{
    if (bytes.isEmpty() || !bytes.isDetached())
        return;
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

// RFC 3986 section 5.2.4, with empty segments dropped as well: "//a//" signs as "/a/".
QByteArray normalizedPath(const QByteArray &path)
{
    QList<QByteArray> segments;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    QByteArray out = "/" + segments.join('/');
    if (!segments.isEmpty() && path.endsWith('/'))
        out.append('/');
    return out;
}

QByteArray canonicalPath(const QByteArray &path, bool normalize)
{
    const QByteArray raw = path.isEmpty() ? QByteArray("/") : path;
    // Everything but S3 encodes the (already encoded) path a second time.
    if (normalize)
        return SigV4Signer::uriEncode(normalizedPath(raw), false);
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (isUnreserved(c) || c == '/' || isEscapeAt(raw, i))
            out.append(c);
        else
            appendEscaped(out, static_cast<unsigned char>(c));
    }
    return out;
}

// Each name and value is decoded and encoded again so that equivalent spellings sign alike.
QByteArray canonicalQuery(const QByteArray &query)
{
    QList<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &item : query.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArray name = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
        pairs.append(
            {SigV4Signer::uriEncode(percentDecode(name), true), SigV4Signer::uriEncode(percentDecode(value), true)});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[name, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

bool isUnsignedHeader(const QByteArray &lowerName)
{
    // Hop-by-hop headers and those the HTTP stack or a proxy may rewrite on the way
    // (the same set botocore leaves out), and the Authorization being produced.
    static const QList<QByteArray> names = {"authorization",
                                            "connection",
                                            "expect",
                                            "keep-alive",
                                            "proxy-authenticate",
                                            "proxy-authorization",
                                            "te",
                                            "trailer",
                                            "transfer-encoding",
                                            "upgrade",
                                            "user-agent",
                                            "x-amzn-trace-id"};
    return names.contains(lowerName);
}

HeaderList signableHeaders(const HeaderList &headers)
{
    HeaderList out;
    for (const auto &header : headers) {
        if (!isUnsignedHeader(asciiLower(header.first.trimmed())))
            out.append(header);
    }
    return out;
}

void removeHeader(HeaderList &headers, const QByteArray &lowerName)
{
    headers.removeIf([&](const auto &header) { return asciiLower(header.first.trimmed()) == lowerName; });
}

QByteArray dateStamp(const QDate &date)
{
    return date.toString(QStringLiteral("yyyyMMdd")).toLatin1();
}

QByteArray credentialScope(const QDate &date, const QString &region, const QString &service)
{
    return dateStamp(date) + '/' + region.toUtf8() + '/' + service.toUtf8() + '/' + Terminator;
}

}  // namespace

SigV4Signer::SigV4Signer(const Clock &clock) : m_clock(clock)
{
    m_cacheSalt.resize(32);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_cacheSalt.data()),
                                          m_cacheSalt.size() / qsizetype(sizeof(quint32)));
}

SignatureParts SigV4Signer::sign(const SignableRequest &request, const HeaderList &headersToSign,
                                 const QByteArray &canonicalQueryString, const QByteArray &payloadHash,
                                 const Secret &secretAccessKey, const QDateTime &timestamp, const QString &region,
                                 const QString &service, const SigningOptions &options, QByteArray &signedHeaderNames)
{
    // std::map sorts the lowercase names bytewise; values of a repeated name keep their order.
    std::map<QByteArray, QList<QByteArray>> canonicalHeaders;
    for (const auto &[name, value] : headersToSign)
        canonicalHeaders[asciiLower(name.trimmed())].append(trimAll(value));
    QByteArray headerBlock;
    signedHeaderNames.clear();
    for (const auto &[name, values] : canonicalHeaders) {
        headerBlock.append(name).append(':').append(values.join(',')).append('\n');
        if (!signedHeaderNames.isEmpty())
            signedHeaderNames.append(';');
        signedHeaderNames.append(name);
    }

    SignatureParts parts;
    parts.canonicalRequest = asciiUpper(request.method) + '\n' + canonicalPath(request.path, options.normalizePath)
        + '\n' + canonicalQueryString + '\n' + headerBlock + '\n' + signedHeaderNames + '\n' + payloadHash;

    const QDateTime utc = timestamp.toUTC();
    parts.stringToSign = QByteArray(Algorithm) + '\n' + formatAmzDate(utc) + '\n'
        + credentialScope(utc.date(), region, service) + '\n' + sha256Hex(parts.canonicalRequest);

    const QByteArray key = signingKey(secretAccessKey, utc.date(), region, service);
    parts.signature = hmac(key, parts.stringToSign).toHex();
    return parts;
}

SignatureParts SigV4Signer::signHeaders(SignableRequest &request, const Credentials &credentials, const QString &region,
                                        const QString &service, const SigningOptions &options)
{
    const QDateTime now = m_clock.nowUtc().toUTC();
    const QByteArray payloadHash = options.payloadHash.isEmpty() ? sha256Hex(request.body) : options.payloadHash;
    const bool hasToken = !credentials.sessionToken.isEmpty();

    removeHeader(request.headers, "authorization");
    removeHeader(request.headers, "x-amz-date");
    if (hasToken)
        removeHeader(request.headers, "x-amz-security-token");
    if (options.signBody)
        removeHeader(request.headers, "x-amz-content-sha256");

    const qsizetype tokenPosition = request.headers.size();
    if (hasToken && !options.omitSessionToken)
        request.headers.append({QByteArrayLiteral("X-Amz-Security-Token"), credentials.sessionToken.reveal()});
    request.headers.append({QByteArrayLiteral("X-Amz-Date"), formatAmzDate(now)});
    if (options.signBody)
        request.headers.append({QByteArrayLiteral("X-Amz-Content-Sha256"), payloadHash});

    QByteArray signedHeaderNames;
    SignatureParts parts = sign(request, signableHeaders(request.headers), canonicalQuery(request.query), payloadHash,
                                credentials.secretAccessKey, now, region, service, options, signedHeaderNames);

    if (hasToken && options.omitSessionToken)
        request.headers.insert(tokenPosition,
                               {QByteArrayLiteral("X-Amz-Security-Token"), credentials.sessionToken.reveal()});

    request.headers.append({QByteArrayLiteral("Authorization"),
                            QByteArray(Algorithm) + " Credential=" + credentials.accessKeyId.toUtf8() + '/'
                                + credentialScope(now.date(), region, service) + ", SignedHeaders=" + signedHeaderNames
                                + ", Signature=" + parts.signature});
    return parts;
}

SignatureParts SigV4Signer::presign(SignableRequest &request, const Credentials &credentials, const QString &region,
                                    const QString &service, const SigningOptions &options)
{
    const QDateTime now = m_clock.nowUtc().toUTC();
    const HeaderList headersToSign = signableHeaders(request.headers);

    // The list goes into the query before the signature is computed, so it is built here as well.
    std::set<QByteArray> names;
    for (const auto &header : headersToSign)
        names.insert(asciiLower(header.first.trimmed()));
    QByteArray signedHeaderNames;
    for (const QByteArray &name : names) {
        if (!signedHeaderNames.isEmpty())
            signedHeaderNames.append(';');
        signedHeaderNames.append(name);
    }

    auto param = [](const char *name, const QByteArray &value) -> QByteArray {
        return QByteArray(name) + '=' + uriEncode(value, true);
    };
    QList<QByteArray> params = {
        param("X-Amz-Algorithm", Algorithm),
        param("X-Amz-Credential",
              credentials.accessKeyId.toUtf8() + '/' + credentialScope(now.date(), region, service)),
        param("X-Amz-Date", formatAmzDate(now)),
        param("X-Amz-SignedHeaders", signedHeaderNames),
        param("X-Amz-Expires", QByteArray::number(options.expiresInSeconds)),
    };
    const QByteArray tokenParam = credentials.sessionToken.isEmpty()
        ? QByteArray()
        : param("X-Amz-Security-Token", credentials.sessionToken.reveal());
    if (!tokenParam.isEmpty() && !options.omitSessionToken)
        params.append(tokenParam);

    QByteArray query = request.query;
    for (const QByteArray &p : std::as_const(params)) {
        if (!query.isEmpty())
            query.append('&');
        query.append(p);
    }

    QByteArray signedAgain;
    SignatureParts parts = sign(request, headersToSign, canonicalQuery(query), sha256Hex(request.body),
                                credentials.secretAccessKey, now, region, service, options, signedAgain);

    if (!tokenParam.isEmpty() && options.omitSessionToken)
        query.append('&').append(tokenParam);
    query.append('&').append(param("X-Amz-Signature", parts.signature));
    request.query = query;
    return parts;
}

SignatureParts SigV4Signer::computeSignature(const SignableRequest &request, const QList<QByteArray> &signedHeaders,
                                             const Secret &secretAccessKey, const QDateTime &timestamp,
                                             const QString &region, const QString &service,
                                             const SigningOptions &options)
{
    HeaderList headersToSign;
    for (const QByteArray &wanted : signedHeaders) {
        const QByteArray lower = asciiLower(wanted.trimmed());
        bool found = false;
        for (const auto &header : request.headers) {
            if (asciiLower(header.first.trimmed()) == lower) {
                headersToSign.append(header);
                found = true;
            }
        }
        if (!found)
            headersToSign.append({lower, QByteArray()});
    }
    QByteArray signedHeaderNames;
    const QByteArray payloadHash = options.payloadHash.isEmpty() ? sha256Hex(request.body) : options.payloadHash;
    return sign(request, headersToSign, canonicalQuery(request.query), payloadHash, secretAccessKey, timestamp, region,
                service, options, signedHeaderNames);
}

QByteArray SigV4Signer::signingKey(const Secret &secretAccessKey, const QDate &date, const QString &region,
                                   const QString &service)
{
    const QByteArray day = dateStamp(date);
    const QByteArray regionBytes = region.toUtf8();
    const QByteArray serviceBytes = service.toUtf8();

    QMessageAuthenticationCode cacheKeyMac(QCryptographicHash::Sha256, m_cacheSalt);
    cacheKeyMac.addData(secretAccessKey.reveal());
    // Length-prefixed fields, so that no two different tuples can produce the same input.
    for (const QByteArray *field : {&day, &regionBytes, &serviceBytes}) {
        cacheKeyMac.addData(QByteArray::number(field->size()) + ':');
        cacheKeyMac.addData(*field);
    }
    cacheKeyMac.addData(QByteArray::number(secretAccessKey.size()));
    const QByteArray cacheKey = cacheKeyMac.result();

    QMutexLocker locker(&m_cacheMutex);
    const auto it = m_keyCache.constFind(cacheKey);
    if (it != m_keyCache.constEnd())
        return it.value();

    QByteArray secret = "AWS4" + secretAccessKey.reveal();
    QByteArray kDate = hmac(secret, day);
    QByteArray kRegion = hmac(kDate, regionBytes);
    QByteArray kService = hmac(kRegion, serviceBytes);
    const QByteArray key = hmac(kService, Terminator);
    wipe(secret);
    wipe(kDate);
    wipe(kRegion);
    wipe(kService);

    if (m_keyCache.size() >= MaxCachedKeys)
        m_keyCache.clear();
    m_keyCache.insert(cacheKey, key);
    return key;
}

QByteArray SigV4Signer::uriEncode(const QByteArray &bytes, bool encodeSlash)
{
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash))
            out.append(c);
        else
            appendEscaped(out, static_cast<unsigned char>(c));
    }
    return out;
}

std::optional<ParsedAuthorization> SigV4Signer::parseAuthorization(const QByteArray &headerValue)
{
    const QByteArray value = headerValue.trimmed();
    const QByteArray prefix = QByteArray(Algorithm) + ' ';
    if (!value.startsWith(prefix))
        return std::nullopt;

    std::optional<QByteArray> credential;
    std::optional<QByteArray> signedHeaders;
    std::optional<QByteArray> signature;
    for (const QByteArray &rawComponent : value.mid(prefix.size()).split(',')) {
        const QByteArray component = rawComponent.trimmed();
        const qsizetype eq = component.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const QByteArray name = component.left(eq).trimmed();
        const QByteArray field = component.mid(eq + 1).trimmed();
        std::optional<QByteArray> *slot = name == "Credential" ? &credential
            : name == "SignedHeaders"                          ? &signedHeaders
            : name == "Signature"                              ? &signature
                                                               : nullptr;
        if (!slot || slot->has_value() || field.isEmpty())
            return std::nullopt;
        *slot = field;
    }
    if (!credential || !signedHeaders || !signature)
        return std::nullopt;

    const QList<QByteArray> scope = credential->split('/');
    if (scope.size() != 5 || scope.at(0).isEmpty() || scope.at(2).isEmpty() || scope.at(3).isEmpty()
        || scope.at(4) != Terminator || scope.at(1).size() != 8)
        return std::nullopt;

    ParsedAuthorization parsed;
    parsed.accessKeyId = QString::fromUtf8(scope.at(0));
    parsed.date = QDate::fromString(QString::fromLatin1(scope.at(1)), QStringLiteral("yyyyMMdd"));
    parsed.region = QString::fromUtf8(scope.at(2));
    parsed.service = QString::fromUtf8(scope.at(3));
    if (!parsed.date.isValid())
        return std::nullopt;

    for (const QByteArray &name : signedHeaders->split(';')) {
        if (name.isEmpty())
            return std::nullopt;
        parsed.signedHeaders.append(asciiLower(name));
    }

    parsed.signature = asciiLower(*signature);
    if (parsed.signature.size() != 64
        || !std::all_of(parsed.signature.cbegin(), parsed.signature.cend(), [](char c) { return hexValue(c) >= 0; }))
        return std::nullopt;
    return parsed;
}

QByteArray SigV4Signer::formatAmzDate(const QDateTime &timestamp)
{
    return timestamp.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

std::optional<QDateTime> SigV4Signer::parseAmzDate(const QByteArray &value)
{
    if (value.size() != 16 || value.at(8) != 'T' || value.at(15) != 'Z')
        return std::nullopt;
    const QDate date = QDate::fromString(QString::fromLatin1(value.left(8)), QStringLiteral("yyyyMMdd"));
    const QTime time = QTime::fromString(QString::fromLatin1(value.mid(9, 6)), QStringLiteral("HHmmss"));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc());
}

bool SigV4Signer::signaturesEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

}  // namespace jobdesk::aws
