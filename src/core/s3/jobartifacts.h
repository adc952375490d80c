#pragma once

// What a job says about its artifacts and what it takes to reach them: each artifact's
// place in S3, the job's artifact credentials, the region of the pipeline's buckets, the
// KMS key an upload must carry and how long the credentials are good for. The window and
// jobdesk-cli both start every artifact transfer from here.

#include "core/aws/clientconfig.h"
#include "core/codepipeline/jobdocument.h"
#include "core/result.h"
#include "core/s3/s3endpoint.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace jobdesk::s3 {

struct JobArtifact
{
    enum class Direction { Input, Output };

    Direction direction = Direction::Input;
    QString name;
    QString revision;      // inputs only; may be empty
    QString locationType;  // "S3" for every artifact CodePipeline hands out today
    S3Location location;

    bool isInput() const { return direction == Direction::Input; }
    bool isInS3() const { return locationType == QLatin1String("S3") && !location.bucket.isEmpty(); }
};

class JobArtifacts
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::s3::JobArtifacts)

public:
    // CodePipeline's artifact credentials last about 15 minutes and the answer does not
    // say when they expire, so their life is counted from the moment the job arrived.
    static constexpr int CredentialLifetimeSeconds = 15 * 60;

    // The inputs, then the outputs, each in the job's order.
    static QList<JobArtifact> list(const codepipeline::JobDocument &document);
    // The artifact of that name and direction; the error names the ones the job has.
    static Result<JobArtifact> find(const codepipeline::JobDocument &document, const QString &name,
                                    JobArtifact::Direction direction);

    // artifactCredentials, or an error that says to fetch the job (a file or an export
    // usually has them blanked).
    static Result<aws::Credentials> credentials(const codepipeline::JobDocument &document);
    // encryptionKey.id when its type is KMS; empty when the job names no KMS key.
    static QString kmsKeyId(const codepipeline::JobDocument &document);
    // The region the job was fetched in; for a job read from a file, the region of its
    // pipeline's ARN. Empty when neither says.
    static QString region(const codepipeline::JobDocument &document);
    // When the artifact credentials stop working, by CredentialLifetimeSeconds; invalid
    // when the job carries none.
    static QDateTime credentialsExpireUtc(const codepipeline::JobDocument &document);

    // The S3 endpoint override: explicitUrl (--s3-endpoint-url, the window's settings)
    // when set, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, as the AWS SDKs read them.
    // An empty URL means S3's public hosts.
    static Result<QUrl> endpointOverride(const QString &explicitUrl, const QProcessEnvironment &env);

    // How to reach this job's artifacts: base's timeouts, retries, TLS settings and clock,
    // the job's artifact credentials, its region (regionFallback when the job does not
    // say), and the endpoint override when one is set.
    static Result<aws::ClientConfig> s3Config(const codepipeline::JobDocument &document, const aws::ClientConfig &base,
                                              const QUrl &endpointOverride, const QString &regionFallback = QString());
};

}  // namespace jobdesk::s3
