#pragma once

// The S3 side of the fake endpoint: HeadObject, GetObject (with Range) and PutObject on
// path-style requests (/BUCKET/KEY), signed with SigV4 as S3 checks it, answered with
// S3's headers and XML errors. Buckets have a region (a request signed for another gets
// S3's wrong-region answer), an upload policy (SSE-KMS, a given key) and a script; large
// objects are served from their files in pieces.

#include "core/result.h"
#include "core/secret.h"
#include "fake/fakes3bucket.h"
#include "fake/fakeservice.h"
#include "fake/signatureverifier.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace jobdesk::fake {

class FakeS3 : public FakeService
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::fake::FakeS3)

public:
    FakeS3();

    // Keys, clock and skew are set through the verifier (service "s3", any region: the
    // bucket's region is checked here, as S3 does).
    SignatureVerifier &verifier() { return m_verifier; }
    // Keys that belong to a job (its artifactCredentials): requests signed with them name it.
    void addJobCredentials(const QString &jobId, const QString &accessKeyId, const Secret &secretKey,
                           const Secret &sessionToken);
    void setOnUploaded(std::function<void(const FakeS3Upload &)> onUploaded) { m_onUploaded = std::move(onUploaded); }

    void addBucket(const FakeS3Bucket &bucket);  // replaces one of the same name, keeping its objects
    std::optional<FakeS3Bucket> bucket(const QString &name) const;
    QList<FakeS3Bucket> buckets() const { return m_buckets; }
    bool setScript(const QString &bucket, const FakeScript &script);
    void setGlobalScript(const FakeScript &script) { m_globalScript = script; }
    void clearScripts();

    // An object held in memory; its bucket is made (in us-east-1) when unknown.
    void putObject(const QString &bucket, const QString &key, const QByteArray &content,
                   const QByteArray &contentType = "application/octet-stream");
    // An object served from a file, read in pieces on each GET, never whole. Its size, MD5
    // and time are taken now.
    Status putObjectFile(const QString &bucket, const QString &key, const QString &path,
                         const QByteArray &contentType = "application/octet-stream");
    std::optional<FakeS3Object> object(const QString &bucket, const QString &key) const;
    // The stored content of an object held in memory (every upload is).
    QByteArray objectContent(const QString &bucket, const QString &key) const;
    bool removeObject(const QString &bucket, const QString &key);
    QList<FakeS3Upload> uploads() const { return m_uploads; }
    void clear();  // buckets, objects, uploads and the keys' first-seen times

    // Path-style requests to /BUCKET[/KEY], and any request signed for service s3.
    bool accepts(const HttpRequest &request) const override;
    Received receive(const HttpRequest &request) override;
    FakeScript *scriptFor(const Received &received) override;
    std::optional<FakeReply> refuse(const HttpRequest &request, const Received &received) override;
    std::optional<FakeReply> replacement(const FaultInjector::Decision &decision) override;
    FakeReply answer(const HttpRequest &request, const Received &received) override;

private:
    FakeS3Bucket *findBucket(const QString &name);
    std::optional<FakeReply> checkPayload(const HttpRequest &request, bool head);
    std::optional<FakeReply> checkKmsPolicy(const HttpRequest &request, const FakeS3Bucket &bucket);
    FakeReply wrongRegion(const FakeS3Bucket &bucket, const QString &signedRegion, bool head) const;
    FakeReply get(const HttpRequest &request, const FakeS3Object &object, bool head);
    FakeReply put(const HttpRequest &request, const FakeS3Bucket &bucket);

    SignatureVerifier m_verifier;
    QList<FakeS3Bucket> m_buckets;
    QHash<QString, QHash<QString, FakeS3Object>> m_objects;  // bucket -> key -> object
    QList<FakeS3Upload> m_uploads;
    QHash<QString, QString> m_jobOfKey;          // access key ID -> job ID
    QHash<QString, QDateTime> m_firstRequestAt;  // access key ID -> its first signed S3 request
    FakeScript m_globalScript;
    std::function<void(const FakeS3Upload &)> m_onUploaded;

    // The request being handled, as receive() took it apart.
    QString m_bucket;
    QString m_key;
    bool m_head = false;
};

}  // namespace jobdesk::fake
