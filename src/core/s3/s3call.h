#pragma once

// One S3 request's life: signs and sends it, streams a download into its file as it
// arrives, resumes a dropped download with Range, re-signs once for the region S3 names
// when it was the wrong one and once with S3's time when it refused ours, retries by the
// RetryPolicy, and reports once. Made by S3Client.

#include "core/aws/clientconfig.h"
#include "core/result.h"
#include "core/s3/objectdigest.h"
#include "core/s3/s3endpoint.h"
#include "core/s3/s3objectinfo.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QSslError>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace jobdesk::s3 {

class S3Client;

struct S3PutOptions
{
    QByteArray contentType = "application/zip";  // CodePipeline's artifacts are zip files
    // Set: x-amz-server-side-encryption: aws:kms with this key (ID, ARN or alias).
    // Empty: no encryption header, so the bucket's default encryption applies.
    QString kmsKeyId;
    // Send X-Amz-Content-Sha256: UNSIGNED-PAYLOAD instead of the file's hash; refused
    // unless the endpoint is https.
    bool unsignedPayload = false;
};

class S3Call : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Head, Get, Put };

    ~S3Call() override;

    Operation operation() const { return m_operation; }
    // Valid once finished() has been emitted.
    const Result<S3Transfer> &result() const { return *m_result; }
    bool isFinished() const { return m_result.has_value(); }
    int attempts() const { return m_attempt; }

    // Stops the transfer; a download's partial file is removed. finished() follows with a
    // Cancelled error, unless the call had already finished.
    void cancel();

Q_SIGNALS:
    // Bytes written (GetObject) or sent (PutObject) so far, of total (-1 while unknown).
    void progress(qint64 bytes, qint64 total);
    void finished();

private:
    friend class S3Client;
    // A PutObject's file as the hashing thread reads it, and what it found.
    struct UploadDigest
    {
        QString file;
        qint64 expectedSize = 0;
        std::atomic_bool stop = false;
        QByteArray sha256;  // lowercase hex
        Error error;        // set (a message) when the file could not be read whole
    };
    static void hashUpload(UploadDigest &digest);

    S3Call(S3Client *client, Operation operation, aws::ClientConfig config, S3Location location, QString file,
           S3PutOptions options);

    void start();
    Status prepare();
    void sendAttempt();
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onTimeout(bool connectPhase);
    void onSuccess(const aws::HeaderList &headers);
    bool correctedClock(const Error &error, const aws::HeaderList &headers);
    void retryOrFinish(Error error);
    void finish(Result<S3Transfer> result);
    void abortWith(const Error &error);
    Error cutShort(const Error &transportError) const;
    QString operationName() const;
    QString objectUri() const;

    S3Client *m_client;
    const Operation m_operation;
    aws::ClientConfig m_config;
    const S3Location m_location;
    const QString m_file;
    const S3PutOptions m_options;
    QString m_region;  // the signing region; corrected once when S3 names another

    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_readTimer;
    QTimer m_backoffTimer;
    QList<QSslError> m_sslErrors;
    int m_attempt = 0;
    bool m_regionCorrected = false;
    qint64 m_clockOffsetMs = 0;  // S3's clock minus ours, once S3 refused our time
    std::optional<Error> m_abortReason;
    std::optional<Result<S3Transfer>> m_result;

    // This attempt's answer.
    int m_status = 0;
    bool m_sawAnswer = false;    // this attempt's reply had its headers
    qint64 m_writtenBefore = 0;  // m_written when this attempt started
    QByteArray m_errorBody;      // an error answer's body, up to S3Error::MaxBodyBytes

    // GetObject: the file being written and what has gone into it over all attempts.
    QSaveFile m_saveFile;
    ObjectDigest m_sha256{ObjectDigest::Algorithm::Sha256};
    ObjectDigest m_md5{ObjectDigest::Algorithm::Md5};
    qint64 m_written = 0;
    qint64 m_total = -1;
    int m_resumes = 0;
    S3ObjectInfo m_object;

    // PutObject: the file's size and hash, read once (on a worker thread) before the first attempt.
    qint64 m_uploadSize = 0;
    QByteArray m_uploadSha256;
    std::shared_ptr<UploadDigest> m_digest;  // while the hashing thread runs
};

}  // namespace jobdesk::s3
