#pragma once

// The set-up the S3Client tests share: a raw local HTTP server (rawhttpserver.h) that
// records what arrives, a fresh client stack for each case, the session credentials the
// requests are signed with, and the checks and answers the tests build on.

#include "core/aws/clientconfig.h"
#include "core/s3/s3client.h"
#include "support/rawhttpserver.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <functional>

namespace jobdesk::test {

// A test class derives from it: each case gets a fresh server and client, and the run
// uses QStandardPaths' test mode and a temporary folder for files.
class S3TestBed : public QObject
{
    Q_OBJECT

public:
    static inline const QString AccessKey = QStringLiteral("ASIAJOBDESKTEST00001");
    static inline const QByteArray SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static inline const QByteArray Token = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLEtoken+/=";

    // Waits (limitMs at most) for a call's one answer; the call deletes itself afterwards.
    static Result<s3::S3Transfer> await(s3::S3Call *call, const std::function<void(qint64)> &onProgress = {},
                                        int limitMs = 60000);
    // An S3 <Error> document with the code, REQ123 and HOST456 as IDs, and extra elements.
    static QByteArray errorXml(const QByteArray &code, const QByteArray &extra = {});
    // The quoted ETag of a single-part object with this content.
    static QByteArray md5Etag(const QByteArray &content);
    // Whether a received request's signature verifies with the test's keys.
    static bool verifies(const ReceivedRequest &request, QByteArray *canonical = nullptr);

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

protected:
    // Signed with the test's session keys for region, sent path-style to the server.
    aws::ClientConfig config(const QString &region = QStringLiteral("us-east-1")) const;

    QTemporaryDir m_dir;
    QNetworkAccessManager *m_network = nullptr;
    s3::S3Client *m_client = nullptr;
    RawHttpServer *m_server = nullptr;
};

}  // namespace jobdesk::test
