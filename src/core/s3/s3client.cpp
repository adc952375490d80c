#include "core/s3/s3client.h"

#include <QTimer>

namespace jobdesk::s3 {

S3Client::S3Client(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network), m_signer(m_clock)
{
}

S3Call *S3Client::startCall(S3Call *call)
{
    QTimer::singleShot(0, call, &S3Call::start);
    return call;
}

S3Call *S3Client::headObject(const aws::ClientConfig &config, const S3Location &location)
{
    return startCall(new S3Call(this, S3Call::Operation::Head, config, location, QString(), {}));
}

S3Call *S3Client::getObject(const aws::ClientConfig &config, const S3Location &location, const QString &destination)
{
    return startCall(new S3Call(this, S3Call::Operation::Get, config, location, destination, {}));
}

S3Call *S3Client::putObject(const aws::ClientConfig &config, const S3Location &location, const QString &source,
                            const S3PutOptions &options)
{
    return startCall(new S3Call(this, S3Call::Operation::Put, config, location, source, options));
}

}  // namespace jobdesk::s3
