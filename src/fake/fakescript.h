#pragma once

// What the fake endpoint does to requests instead of answering them normally:
// throttling, server errors, forced service errors and transport faults, so
// that retries, timeouts and error reporting can be tested against a real socket.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace jobdesk::fake {

struct FakeScript
{
    // A service error answered instead of the real result.
    struct ForcedError
    {
        QString code;  // e.g. "JobNotFoundException"; sent as __type and x-amzn-ErrorType
        QString message;
        int status = 400;
        int count = -1;  // how many requests get it; -1: every one
    };

    enum class Fault {
        None,
        MalformedBody,         // 200 with a body that is not JSON
        TruncatedBody,         // Content-Length larger than the bytes sent, then the connection closes
        NoAnswer,              // the request is read and never answered; the connection stays open
        ResetMidBody,          // headers and half the body, then a TCP reset (RST) instead of the rest
        TruncatedChunkedBody,  // Transfer-Encoding: chunked, some chunks, then a close without the last chunk
        CaptivePortalHtml,     // 200 with a text/html sign-in page, as a hotel or guest network answers
        HugeBody,              // 200 with a well-formed JSON answer of hugeBodyBytes (padding inside)
        EmptyBody,             // the answer's status and headers with no body at all (Content-Length: 0)
        EmptyObject,           // the answer's status and headers with "{}" for a body
    };

    enum class ServerErrorBody { Json, Html };

    // Each request that the script applies to takes the first step still
    // available, in this order: throttle, serverErrors, error, fault; once all are
    // used up (or absent) the request is served normally.
    int throttleCount = 0;    // the first N answer 400 ThrottlingException
    QList<int> serverErrors;  // then one per request with these statuses (500, 502, 503, 504)
    ServerErrorBody serverErrorBody = ServerErrorBody::Json;
    std::optional<ForcedError> error;
    Fault fault = Fault::None;
    int faultCount = -1;                             // -1: every request
    qint64 hugeBodyBytes = qint64(4) * 1024 * 1024;  // the size of a HugeBody answer

    // These apply to every answer the script's requests get, scripted or not.
    int delayMs = 0;                // wait before answering (the event loop keeps running)
    bool closeAfterAnswer = false;  // send "Connection: close" and close after the answer
    // The Date header is this far off the fake's clock (a proxy's or a skewed front end's
    // Date), while signatures are still checked against the fake's clock. Unlike the
    // rest, it also applies to requests refused before the script is consulted.
    qint64 dateOffsetSeconds = 0;

    // For S3 (the bucket's script): bodies broken or slowed on the wire, and refusals that
    // depend on the request rather than on the count.
    // The first resetCount answers with a body (-1: every one) are cut by a TCP reset after
    // this many body bytes, so that a Range request for the rest then succeeds; -1: none.
    qint64 resetAfterBodyBytes = -1;
    int resetCount = 1;
    qint64 bodyBytesPerSecond = 0;  // every body goes out at this pace; 0: as fast as it is read
    // A request signed with a key more than this many seconds after that key's first S3
    // request is refused with 400 ExpiredToken, as S3 does once a job's credentials expire.
    int expireTokenAfterSeconds = -1;
    // How a request signed for another region than the bucket's is answered.
    enum class WrongRegion {
        AuthorizationHeaderMalformed,  // 400, with <Region> (what S3 answers to a regional endpoint)
        PermanentRedirect,             // 301 (the global endpoint)
        TemporaryRedirect,             // 307 (a bucket created moments ago)
    };
    WrongRegion wrongRegion = WrongRegion::AuthorizationHeaderMalformed;

    QStringList operations;  // operation names the script applies to; empty: all

    bool isEmpty() const
    {
        return throttleCount == 0 && serverErrors.isEmpty() && !error && fault == Fault::None && delayMs == 0
            && !closeAfterAnswer && dateOffsetSeconds == 0 && resetAfterBodyBytes < 0 && bodyBytesPerSecond == 0
            && expireTokenAfterSeconds < 0 && wrongRegion == WrongRegion::AuthorizationHeaderMalformed;
    }

    bool appliesTo(const QString &operation) const { return operations.isEmpty() || operations.contains(operation); }
};

}  // namespace jobdesk::fake
