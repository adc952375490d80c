#include "core/s3/s3endpoint.h"

#include "core/aws/endpointresolver.h"
#include "core/aws/sigv4signer.h"

#include <QRegularExpression>

namespace jobdesk::s3 {

namespace {

constexpr qsizetype MaxKeyBytes = 1024;

bool hasBrokenSurrogates(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (c.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

QByteArray hostHeaderFor(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';  // an IPv6 literal
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

}  // namespace

Status S3Endpoint::checkBucketName(const QString &bucket)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,255}$"));
    if (bucket.isEmpty())
        return Error::validation(QStringLiteral("bucket"), tr("The artifact's S3 bucket name is empty."));
    if (!pattern.match(bucket).hasMatch()) {
        return Error::validation(QStringLiteral("bucket"),
                                 tr("Invalid S3 bucket name \"%1\": a bucket name has 1 to 255 letters, digits, "
                                    "dots, hyphens and underscores, and nothing else.")
                                     .arg(bucket));
    }
    return success();
}

Status S3Endpoint::checkKey(const QString &key)
{
    if (key.isEmpty())
        return Error::validation(QStringLiteral("key"), tr("The artifact's S3 object key is empty."));
    if (hasBrokenSurrogates(key)) {
        return Error::validation(QStringLiteral("key"),
                                 tr("The S3 object key contains a broken character (an unpaired UTF-16 "
                                    "surrogate), so it cannot be written as UTF-8. Copy the key again from the "
                                    "job's details."));
    }
    const qsizetype bytes = key.toUtf8().size();
    if (bytes > MaxKeyBytes) {
        return Error::validation(QStringLiteral("key"),
                                 tr("The S3 object key is %1 bytes long in UTF-8; S3 keys are at most %2 bytes.")
                                     .arg(bytes)
                                     .arg(MaxKeyBytes));
    }
    return success();
}

bool S3Endpoint::isVirtualHostable(const QString &bucket)
{
    // A DNS label of its own: dots would need a certificate for several levels, which
    // *.s3.REGION.amazonaws.com is not, so such buckets go path-style as the SDKs do.
    static const QRegularExpression label(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
    return label.match(bucket).hasMatch();
}

QByteArray S3Endpoint::encodeKey(const QString &key)
{
    return aws::SigV4Signer::uriEncode(key.toUtf8(), false);
}

QString S3Endpoint::dnsSuffix(const QString &region)
{
    return region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                   : QStringLiteral("amazonaws.com");
}

Result<S3Address> S3Endpoint::address(const S3Location &location, const QString &region, const QUrl &endpointOverride)
{
    if (Status bucket = checkBucketName(location.bucket); !bucket)
        return bucket.error();
    if (Status key = checkKey(location.key); !key)
        return key.error();
    if (!aws::EndpointResolver::isValidRegionName(region)) {
        return Error::validation(
            QStringLiteral("region"),
            tr("Invalid region name \"%1\" for the artifact bucket. A region looks like us-east-1 or eu-west-2.")
                .arg(region));
    }

    S3Address address;
    address.region = region;
    const QByteArray encodedKey = encodeKey(location.key);
    QByteArray origin;
    if (!endpointOverride.isEmpty()) {
        const QString scheme = endpointOverride.scheme().toLower();
        if (!endpointOverride.isValid() || endpointOverride.host().isEmpty()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http")) || endpointOverride.hasQuery()
            || endpointOverride.hasFragment()) {
            return Error::validation(QStringLiteral("endpointUrl"),
                                     tr("Invalid S3 endpoint URL \"%1\": it must be an http or https URL such "
                                        "as https://s3.example.com, without a query or fragment.")
                                         .arg(endpointOverride.toString()));
        }
        // Path-style: a custom endpoint's DNS and certificate are not known to cover bucket names.
        address.pathStyle = true;
        address.host = hostHeaderFor(endpointOverride);
        QByteArray prefix = endpointOverride.path(QUrl::FullyEncoded).toUtf8();
        while (prefix.endsWith('/'))
            prefix.chop(1);
        origin = scheme.toLatin1() + "://" + address.host;
        address.path = prefix + '/' + aws::SigV4Signer::uriEncode(location.bucket.toUtf8(), true) + '/' + encodedKey;
    } else {
        const QByteArray suffix = dnsSuffix(region).toLatin1();
        address.pathStyle = !isVirtualHostable(location.bucket);
        if (address.pathStyle) {
            address.host = "s3." + region.toLatin1() + '.' + suffix;
            address.path = '/' + location.bucket.toLatin1() + '/' + encodedKey;
        } else {
            address.host = location.bucket.toLatin1() + ".s3." + region.toLatin1() + '.' + suffix;
            address.path = '/' + encodedKey;
        }
        origin = "https://" + address.host;
    }

    // QUrl keeps percent-escapes as given, but Qt's HTTP stack resolves "." and ".." path
    // segments before sending (Qt 6.4 also some that only start with dots, such as "..c"
    // after ".b", and a leading "//"), which would address another object than the one signed.
    address.url = QUrl::fromEncoded(origin + address.path, QUrl::TolerantMode);
    if (!address.url.isValid() || address.url.path(QUrl::FullyEncoded).toUtf8() != address.path
        || address.url.path(QUrl::FullyEncoded | QUrl::NormalizePathSegments).toUtf8() != address.path) {
        return Error::make(Error::Kind::Validation, QStringLiteral("UnsendableKey"),
                           tr("The S3 object key \"%1\" has path segments (such as \".\", \"..\" or a leading "
                              "\"/\") that JobDesk's HTTP stack would change on the way, so it cannot be sent as it "
                              "is signed.")
                               .arg(location.key),
                           tr("Transfer this object with the AWS CLI (aws s3 cp) instead."));
    }
    return address;
}

}  // namespace jobdesk::s3
