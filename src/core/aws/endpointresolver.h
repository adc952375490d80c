#pragma once

// Where CodePipeline requests go for a region: the public hosts of the
// commercial, China and GovCloud partitions, FIPS hosts, and the overrides
// the AWS CLI and SDKs honour (--endpoint-url, AWS_ENDPOINT_URL_CODEPIPELINE,
// AWS_ENDPOINT_URL).

#include "core/result.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace jobdesk::aws {

struct Endpoint
{
    QUrl url;
    QString signingRegion;  // the region in the credential scope
    bool custom = false;    // an override rather than a public AWS host
};

class EndpointResolver
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::aws::EndpointResolver)

public:
    // regionOrPseudo may be a legacy pseudo-region such as "fips-us-east-1".
    // overrideUrl, when set, wins over everything; otherwise the environment's
    // AWS_ENDPOINT_URL_CODEPIPELINE, then AWS_ENDPOINT_URL, then the public host.
    static Result<Endpoint> resolve(const QString &regionOrPseudo, bool useFips, const QString &overrideUrl,
                                    const QProcessEnvironment &env = QProcessEnvironment());

    static bool isValidRegionName(const QString &region);
    static Result<QUrl> parseEndpointUrl(const QString &text);

    // Regions CodePipeline serves, for pickers: commercial, then China, then GovCloud.
    static QStringList knownRegions();
    static bool hasFipsHost(const QString &region);
};

}  // namespace jobdesk::aws
