#pragma once

// Transfers a job's artifacts: HeadObject, GetObject streamed to a file and PutObject
// from a file, signed with the job's artifact credentials over one QNetworkAccessManager.
// Each call's life is an S3Call; the client owns what the calls share.

#include "core/aws/clientconfig.h"
#include "core/aws/sigv4signer.h"
#include "core/clock.h"
#include "core/s3/s3call.h"
#include "core/s3/s3endpoint.h"

#include <QObject>
#include <QString>

class QNetworkAccessManager;

namespace jobdesk::s3 {

class S3Client : public QObject
{
    Q_OBJECT

public:
    // network must outlive the client.
    explicit S3Client(QNetworkAccessManager *network, QObject *parent = nullptr);

    // The calls below read from config: credentials (the job's artifact credentials),
    // endpoint.signingRegion (the bucket's region), endpoint.url when endpoint.custom is set
    // (an override, addressed path-style), the timeouts, retry policy, TLS settings and
    // clock. Each call starts on the next turn of the event loop, so callers can connect
    // first; it is parented to the client and deletes itself after finished().
    S3Call *headObject(const aws::ClientConfig &config, const S3Location &location);
    // Streams the object into destination (through a QSaveFile: the file appears only
    // when the object arrived whole), resuming with a Range request after a dropped
    // connection.
    S3Call *getObject(const aws::ClientConfig &config, const S3Location &location, const QString &destination);
    S3Call *putObject(const aws::ClientConfig &config, const S3Location &location, const QString &source,
                      const S3PutOptions &options = {});

    QNetworkAccessManager *network() const { return m_network; }

private:
    friend class S3Call;

    S3Call *startCall(S3Call *call);

    // Passes "now" through to the clock of the call being signed, moved by the offset that
    // call learned from S3; one signer for all calls, so its derived-key cache spans them.
    class CallClock : public Clock
    {
    public:
        QDateTime nowUtc() const override { return m_base->nowUtc().addMSecs(m_offsetMs); }
        void set(const Clock &base, qint64 offsetMs)
        {
            m_base = &base;
            m_offsetMs = offsetMs;
        }

    private:
        const Clock *m_base = &Clock::system();
        qint64 m_offsetMs = 0;
    };

    QNetworkAccessManager *m_network;
    CallClock m_clock;
    aws::SigV4Signer m_signer;
};

}  // namespace jobdesk::s3
