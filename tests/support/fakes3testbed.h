#pragma once

// What the tests of the fake endpoint's S3 share: the fake loaded with
// tests/data/fake/s3.json on a pinned clock, a fresh S3Client for each case signed with
// the fixture job's artifact credentials, and raw signed S3 requests for the wire.

#include "core/aws/clientconfig.h"
#include "core/aws/sigv4signer.h"
#include "core/clock.h"
#include "core/s3/s3client.h"
#include "fake/fakecodepipeline.h"
#include "support/rawhttpclient.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace jobdesk::test {

inline const QString FakeS3JobKey = QStringLiteral("ASIAS3JOBEXAMPLE0001");
inline const QString FakeS3JobSecret = QStringLiteral("s3JobSecretEXAMPLEKEYs3JobSecretEXAMPLE");
inline const QString FakeS3JobToken = QStringLiteral("FwoGZXIvYXdzEJr//////////wEaDs3jobtokenEXAMPLE+/=");
inline const QString FakeS3KmsKey =
    QStringLiteral("arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

inline QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// A request signed as an SDK signs one for S3: path-style, the path encoded once.
struct S3RequestSpec
{
    QByteArray method = "GET";
    QByteArray path;
    QByteArray body;
    aws::HeaderList headers;  // signed with the rest
    QString accessKeyId = FakeS3JobKey;
    QString secretKey = FakeS3JobSecret;
    QString sessionToken = FakeS3JobToken;
    QString region = QStringLiteral("us-east-1");
    QByteArray payloadHash;  // empty: the body's
    bool signContentHash = true;
};

inline QByteArray s3Request(quint16 port, const S3RequestSpec &spec)
{
    aws::SignableRequest request;
    request.method = spec.method;
    request.path = spec.path;
    request.headers = {{"Host", "127.0.0.1:" + QByteArray::number(port)}};
    request.headers += spec.headers;
    request.body = spec.body;
    aws::Credentials credentials;
    credentials.accessKeyId = spec.accessKeyId;
    credentials.secretAccessKey = Secret(spec.secretKey);
    credentials.sessionToken = Secret(spec.sessionToken);
    aws::SigV4Signer signer;
    aws::SigningOptions options;
    options.normalizePath = false;
    options.signBody = spec.signContentHash;
    options.payloadHash = spec.payloadHash;
    signer.signHeaders(request, credentials, spec.region, QStringLiteral("s3"), options);
    QByteArray bytes = spec.method + ' ' + spec.path + " HTTP/1.1\r\n";
    for (const auto &[name, value] : std::as_const(request.headers))
        bytes += name + ": " + value + "\r\n";
    return bytes + "Content-Length: " + QByteArray::number(spec.body.size()) + "\r\n\r\n" + spec.body;
}

inline QByteArray xmlElement(const QByteArray &xml, const QByteArray &name)
{
    const qsizetype begin = xml.indexOf(QByteArray('<' + name + '>'));
    const qsizetype end = xml.indexOf(QByteArray("</" + name + '>'));
    return begin < 0 || end < 0 ? QByteArray() : xml.mid(begin + name.size() + 2, end - begin - name.size() - 2);
}

// A test class derives from it: each case gets a fresh fake and client.
class FakeS3TestBed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

protected:
    // Signed with the fixture job's artifact credentials for region, path-style to the fake.
    aws::ClientConfig config(const QString &region = QStringLiteral("us-east-1")) const;
    // Waits (limitMs at most) for a call's one answer.
    static Result<s3::S3Transfer> await(s3::S3Call *call, int limitMs = 60000);
    // One raw request on a fresh connection; a HEAD answer's head alone.
    RawResponse call(const S3RequestSpec &spec);

    QTemporaryDir m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<fake::FakeCodePipeline> m_fake;
    QNetworkAccessManager *m_network = nullptr;
    s3::S3Client *m_client = nullptr;
};

}  // namespace jobdesk::test
