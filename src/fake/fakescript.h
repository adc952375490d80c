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
        MalformedBody,  // 200 with a body that is not JSON
        TruncatedBody,  // Content-Length larger than the bytes sent, then the connection closes
        NoAnswer,       // the request is read and never answered; the connection stays open
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
    int faultCount = -1;  // -1: every request

    // These apply to every answer the script's requests get, scripted or not.
    int delayMs = 0;                // wait before answering (the event loop keeps running)
    bool closeAfterAnswer = false;  // send "Connection: close" and close after the answer

    QStringList operations;  // operation names the script applies to; empty: all

    bool isEmpty() const
    {
        return throttleCount == 0 && serverErrors.isEmpty() && !error && fault == Fault::None && delayMs == 0
            && !closeAfterAnswer;
    }

    bool appliesTo(const QString &operation) const { return operations.isEmpty() || operations.contains(operation); }
};

}  // namespace jobdesk::fake
