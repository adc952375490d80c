#pragma once

// Reads an AWS JSON-protocol error answer (status, headers, body) into an
// Error, and explains well-known error codes in words a person can act on.

#include "core/error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <utility>

namespace jobdesk::aws {

class ServiceError
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::aws::ServiceError)

public:
    // Code from __type (namespace# and :suffix stripped), else x-amzn-ErrorType,
    // else the HTTP status; message from message or Message.
    static Error parse(int httpStatus, const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body);

    // A plain-language explanation and what to check, for the code in error.
    static QString explain(const Error &error);

    static bool isThrottling(const QString &code);
    static bool isTransient(const QString &code, int httpStatus);
    static bool isClockSkew(const QString &code);
};

}  // namespace jobdesk::aws
