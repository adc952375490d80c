#pragma once

// What went wrong, in terms a person can act on. Every fallible call in the
// core returns one of these instead of throwing.

#include <QString>

namespace jobdesk {

struct Error
{
    enum class Kind {
        Validation,   // input rejected before anything was sent
        Credentials,  // no usable AWS credentials
        Network,      // connection refused, reset, DNS, proxy
        Timeout,      // connect or read timeout
        Tls,          // certificate or handshake failure
        Service,      // the service answered with an error
        Protocol,     // the answer could not be understood
        Cancelled,    // the user cancelled
        Io,           // a local file could not be read or written
    };

    Kind kind = Kind::Protocol;
    QString code;       // service error code (e.g. JobNotFoundException) or a short JobDesk code
    QString message;    // the service's message, or ours
    QString requestId;  // x-amzn-RequestId, when the service answered
    QString field;      // the input field a validation error is about
    QString hint;       // what to check or do next
    int httpStatus = 0;
    int attempts = 0;               // how many times the request was sent
    bool retriesExhausted = false;  // the error was retryable but the attempts ran out

    static Error validation(const QString &field, const QString &message)
    {
        Error e;
        e.kind = Kind::Validation;
        e.code = QStringLiteral("ParamValidation");
        e.field = field;
        e.message = message;
        return e;
    }

    static Error make(Kind kind, const QString &code, const QString &message, const QString &hint = {})
    {
        Error e;
        e.kind = kind;
        e.code = code;
        e.message = message;
        e.hint = hint;
        return e;
    }

    // One line for logs and the console: code, message and request ID.
    QString summary() const
    {
        QString s = code.isEmpty() ? message : code + QStringLiteral(": ") + message;
        if (!requestId.isEmpty())
            s += QStringLiteral(" (request ID ") + requestId + QLatin1Char(')');
        return s;
    }
};

}  // namespace jobdesk
