#include "core/aws/endpointresolver.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace jobdesk::aws {

namespace {

const QStringList &fipsRegions()
{
    static const QStringList regions = {
        QStringLiteral("us-east-1"),     QStringLiteral("us-east-2"),    QStringLiteral("us-west-1"),
        QStringLiteral("us-west-2"),     QStringLiteral("ca-central-1"), QStringLiteral("us-gov-east-1"),
        QStringLiteral("us-gov-west-1"),
    };
    return regions;
}

}  // namespace

QStringList EndpointResolver::knownRegions()
{
    return {
        QStringLiteral("us-east-1"),      QStringLiteral("us-east-2"),      QStringLiteral("us-west-1"),
        QStringLiteral("us-west-2"),      QStringLiteral("af-south-1"),     QStringLiteral("ap-east-1"),
        QStringLiteral("ap-south-1"),     QStringLiteral("ap-south-2"),     QStringLiteral("ap-northeast-1"),
        QStringLiteral("ap-northeast-2"), QStringLiteral("ap-northeast-3"), QStringLiteral("ap-southeast-1"),
        QStringLiteral("ap-southeast-2"), QStringLiteral("ap-southeast-3"), QStringLiteral("ap-southeast-4"),
        QStringLiteral("ap-southeast-5"), QStringLiteral("ca-central-1"),   QStringLiteral("eu-central-1"),
        QStringLiteral("eu-central-2"),   QStringLiteral("eu-north-1"),     QStringLiteral("eu-south-1"),
        QStringLiteral("eu-south-2"),     QStringLiteral("eu-west-1"),      QStringLiteral("eu-west-2"),
        QStringLiteral("eu-west-3"),      QStringLiteral("il-central-1"),   QStringLiteral("me-central-1"),
        QStringLiteral("me-south-1"),     QStringLiteral("sa-east-1"),      QStringLiteral("cn-north-1"),
        QStringLiteral("cn-northwest-1"), QStringLiteral("us-gov-east-1"),  QStringLiteral("us-gov-west-1"),
    };
}

bool EndpointResolver::hasFipsHost(const QString &region)
{
    return fipsRegions().contains(region);
}

bool EndpointResolver::isValidRegionName(const QString &region)
{
    // The shape of every AWS region name: partition prefix, area, number (e.g. us-gov-west-1).
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2}(-[a-z]+)?-[a-z]+-[0-9]{1,2}$"));
    return pattern.match(region).hasMatch();
}

Result<QUrl> EndpointResolver::parseEndpointUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return Error::validation(QStringLiteral("endpointUrl"),
                                 tr("Invalid endpoint URL \"%1\": it must be a full URL such as "
                                    "https://codepipeline.us-east-1.amazonaws.com.")
                                     .arg(text));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        return Error::validation(QStringLiteral("endpointUrl"),
                                 tr("Invalid endpoint URL \"%1\": the scheme must be http or https.").arg(text));
    }
    return url;
}

Result<Endpoint> EndpointResolver::resolve(const QString &regionOrPseudo, bool useFips, const QString &overrideUrl,
                                           const QProcessEnvironment &env)
{
    QString region = regionOrPseudo.trimmed();
    if (region.isEmpty()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("NoRegion"), tr("You must specify a region."),
                           tr("Choose a region, or set AWS_REGION or AWS_DEFAULT_REGION."));
    }
    if (region.startsWith(QLatin1String("fips-")) || region.endsWith(QLatin1String("-fips"))) {
        region = region.startsWith(QLatin1String("fips-")) ? region.mid(5) : region.chopped(5);
        useFips = true;
    }
    if (!isValidRegionName(region)) {
        Error e = Error::validation(
            QStringLiteral("region"),
            tr("Invalid region name \"%1\". A region looks like us-east-1 or eu-west-2.").arg(regionOrPseudo));
        return e;
    }

    QString custom = overrideUrl.trimmed();
    if (custom.isEmpty())
        custom = env.value(QStringLiteral("AWS_ENDPOINT_URL_CODEPIPELINE")).trimmed();
    if (custom.isEmpty())
        custom = env.value(QStringLiteral("AWS_ENDPOINT_URL")).trimmed();
    if (!custom.isEmpty()) {
        auto url = parseEndpointUrl(custom);
        if (!url)
            return url.error();
        return Endpoint{url.value(), region, true};
    }

    const QString suffix =
        region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn") : QStringLiteral("amazonaws.com");
    QString host;
    if (useFips) {
        if (!hasFipsHost(region)) {
            return Error::validation(QStringLiteral("region"),
                                     tr("CodePipeline has no FIPS endpoint in %1. FIPS endpoints exist in: %2.")
                                         .arg(region, fipsRegions().join(QStringLiteral(", "))));
        }
        host = QStringLiteral("codepipeline-fips.") + region + QLatin1Char('.') + suffix;
    } else {
        host = QStringLiteral("codepipeline.") + region + QLatin1Char('.') + suffix;
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPath(QStringLiteral("/"));
    return Endpoint{url, region, false};
}

}  // namespace jobdesk::aws
