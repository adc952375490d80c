#pragma once

// Reads S3's XML error answers (and the bodiless ones to HEAD) into an Error whose hint
// says what to do: expired artifact credentials, a wrong region, a missing object.

#include "core/aws/sigv4signer.h"
#include "core/error.h"
#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace jobdesk::s3 {

// The fields of <Error>...</Error> that JobDesk uses.
struct S3ErrorBody
{
    QString code;
    QString message;
    QString requestId;
    QString hostId;  // x-amz-id-2, which AWS Support asks for with the request ID
    QString region;  // Region, or BucketRegion when S3 names the bucket's region
};

class S3Error
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::s3::S3Error)

public:
    // Error bodies are small; anything longer is not one of S3's.
    static constexpr qsizetype MaxBodyBytes = qsizetype(64) * 1024;

    // One <Error> document. Refuses a document type declaration (so no entity is ever
    // expanded), more than MaxBodyBytes, another root, and malformed XML.
    static Result<S3ErrorBody> parseBody(const QByteArray &xml);

    // An S3 error answer: the body's fields when it has one; for a bodiless answer
    // (HEAD) a code from the status. The request and host IDs come from the
    // x-amz-request-id and x-amz-id-2 headers when the body has none.
    static Error fromResponse(int httpStatus, const aws::HeaderList &headers, const QByteArray &body);

    // The bucket's region as S3 names it in a refusal for the wrong region: the
    // x-amz-bucket-region header, else the body's Region or BucketRegion. Empty if unnamed.
    static QString bucketRegion(const aws::HeaderList &headers, const QByteArray &body);

    // Whether S3 refused the request because it was signed or sent for another region:
    // 301 PermanentRedirect, 307 TemporaryRedirect, 400 AuthorizationHeaderMalformed.
    static bool isWrongRegion(const Error &error);

    // What a person should do about an S3 error code.
    static QString explain(const Error &error);

    // The value of a header (case-insensitive), empty when absent.
    static QByteArray header(const aws::HeaderList &headers, const QByteArray &name);
};

}  // namespace jobdesk::s3
