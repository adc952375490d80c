#include "core/s3/jobartifacts.h"

#include "core/aws/endpointresolver.h"

#include <QStringList>

namespace jobdesk::s3 {

using codepipeline::JobDocument;
using codepipeline::Json;
using codepipeline::jsonText;

namespace {

QString member(const Json &object, const char *name)
{
    if (!object.is_object())
        return {};
    auto it = object.find(name);
    return it == object.end() ? QString() : jsonText(*it);
}

void append(QList<JobArtifact> &out, const Json &data, const char *listName, JobArtifact::Direction direction)
{
    auto list = data.find(listName);
    if (list == data.end() || !list->is_array())
        return;
    for (const Json &item : *list) {
        if (!item.is_object())
            continue;
        JobArtifact artifact;
        artifact.direction = direction;
        artifact.name = member(item, "name");
        artifact.revision = member(item, "revision");
        auto location = item.find("location");
        if (location != item.end() && location->is_object()) {
            artifact.locationType = member(*location, "type");
            auto s3 = location->find("s3Location");
            if (s3 != location->end()) {
                artifact.location.bucket = member(*s3, "bucketName");
                artifact.location.key = member(*s3, "objectKey");
            }
        }
        out.append(artifact);
    }
}

}  // namespace

QList<JobArtifact> JobArtifacts::list(const JobDocument &document)
{
    QList<JobArtifact> artifacts;
    append(artifacts, document.jobData(), "inputArtifacts", JobArtifact::Direction::Input);
    append(artifacts, document.jobData(), "outputArtifacts", JobArtifact::Direction::Output);
    return artifacts;
}

Result<JobArtifact> JobArtifacts::find(const JobDocument &document, const QString &name,
                                       JobArtifact::Direction direction)
{
    QStringList names;
    for (const JobArtifact &artifact : list(document)) {
        if (artifact.direction != direction)
            continue;
        if (artifact.name == name) {
            if (!artifact.isInS3()) {
                return Error::make(Error::Kind::Validation, QStringLiteral("ArtifactNotInS3"),
                                   tr("The artifact \"%1\" has no S3 location.").arg(name));
            }
            return artifact;
        }
        names.append(artifact.name);
    }
    const bool input = direction == JobArtifact::Direction::Input;
    if (names.isEmpty()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("NoSuchArtifact"),
                           input ? tr("The job has no input artifacts.") : tr("The job has no output artifacts."));
    }
    const QString message = input ? tr("The job has no input artifact named \"%1\".").arg(name)
                                  : tr("The job has no output artifact named \"%1\".").arg(name);
    return Error::make(Error::Kind::Validation, QStringLiteral("NoSuchArtifact"), message,
                       tr("Its artifacts are: %1.").arg(names.join(QStringLiteral(", "))));
}

Result<aws::Credentials> JobArtifacts::credentials(const JobDocument &document)
{
    const Json &data = document.jobData();
    auto it = data.find("artifactCredentials");
    aws::Credentials credentials;
    if (it != data.end() && it->is_object()) {
        credentials.accessKeyId = member(*it, "accessKeyId");
        credentials.secretAccessKey = Secret(member(*it, "secretAccessKey"));
        credentials.sessionToken = Secret(member(*it, "sessionToken"));
    }
    // An export blanks the secret parts, so a document read back has an ID and nothing else.
    if (!credentials.isComplete()) {
        return Error::make(Error::Kind::Credentials, QStringLiteral("NoArtifactCredentials"),
                           tr("This job carries no usable artifact credentials."),
                           tr("Fetch the job again with its client token: CodePipeline hands out the "
                              "credentials for its artifacts with every answer."));
    }
    const QDateTime expires = credentialsExpireUtc(document);
    if (expires.isValid())
        credentials.expiration = expires;
    return credentials;
}

QString JobArtifacts::kmsKeyId(const JobDocument &document)
{
    const Json &data = document.jobData();
    auto it = data.find("encryptionKey");
    if (it == data.end() || member(*it, "type") != QLatin1String("KMS"))
        return {};
    return member(*it, "id");
}

QString JobArtifacts::region(const JobDocument &document)
{
    if (!document.lookup().region.isEmpty())
        return document.lookup().region;
    // arn:PARTITION:codepipeline:REGION:ACCOUNT:PIPELINE
    const QString arn = document.dataString("pipelineContext.pipelineArn").value_or(QString());
    const QStringList parts = arn.split(QLatin1Char(':'));
    if (parts.size() >= 6 && parts.at(0) == QLatin1String("arn")
        && aws::EndpointResolver::isValidRegionName(parts.at(3)))
        return parts.at(3);
    return {};
}

QDateTime JobArtifacts::credentialsExpireUtc(const JobDocument &document)
{
    if (!document.hasArtifactCredentials() || !document.fetchedAtUtc().isValid())
        return {};
    return document.fetchedAtUtc().addSecs(CredentialLifetimeSeconds);
}

Result<QUrl> JobArtifacts::endpointOverride(const QString &explicitUrl, const QProcessEnvironment &env)
{
    QString text = explicitUrl.trimmed();
    if (text.isEmpty())
        text = env.value(QStringLiteral("AWS_ENDPOINT_URL_S3")).trimmed();
    if (text.isEmpty())
        text = env.value(QStringLiteral("AWS_ENDPOINT_URL")).trimmed();
    if (text.isEmpty())
        return QUrl();
    return aws::EndpointResolver::parseEndpointUrl(text);
}

Result<aws::ClientConfig> JobArtifacts::s3Config(const JobDocument &document, const aws::ClientConfig &base,
                                                 const QUrl &endpointOverride, const QString &regionFallback)
{
    Result<aws::Credentials> keys = credentials(document);
    if (!keys)
        return keys.error();
    QString bucketRegion = region(document);
    if (bucketRegion.isEmpty())
        bucketRegion = regionFallback;
    if (bucketRegion.isEmpty()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("NoRegion"),
                           tr("The job does not say which region its artifacts are in."),
                           tr("Choose the pipeline's region and try again."));
    }
    aws::ClientConfig config = base;
    config.service = QStringLiteral("s3");
    config.signRequests = true;
    config.credentials = keys.value();
    config.endpoint = aws::Endpoint{endpointOverride, bucketRegion, !endpointOverride.isEmpty()};
    return config;
}

}  // namespace jobdesk::s3
