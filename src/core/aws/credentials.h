#pragma once

// The AWS keys a request is signed with. The secret parts are Secrets, so
// they never reach a log by accident.

#include "core/result.h"
#include "core/secret.h"

#include <QDateTime>
#include <QProcessEnvironment>
#include <QString>

namespace jobdesk::aws {

struct Credentials
{
    QString accessKeyId;
    Secret secretAccessKey;
    Secret sessionToken;   // empty for long-term keys
    QDateTime expiration;  // invalid when the keys do not expire

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }

    // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as the AWS CLI reads them.
    static Result<Credentials> fromEnvironment(const QProcessEnvironment &env);
};

}  // namespace jobdesk::aws
