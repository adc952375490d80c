#pragma once

// An IAM role the fake STS lets callers assume, and a session it handed out:
// enough of a trust policy (who, external ID, MFA) to exercise every assume-role path.

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace jobdesk::fake {

struct FakeRole
{
    QString arn;                                 // arn:aws:iam::ACCOUNT:role/NAME
    QString externalId;                          // set: sts:ExternalId must equal it
    QString mfaSerial;                           // set: SerialNumber must equal it and TokenCode must be mfaCode
    QString mfaCode = QStringLiteral("123456");  // the one code the fake's "device" shows
    int maxSessionDurationSeconds = 3600;        // IAM's MaxSessionDuration (default one hour)
    QStringList trustedAccessKeyIds;             // empty: any key the fake knows may assume the role
};

// One successful AssumeRole, for tests to check what was asked.
struct FakeRoleSession
{
    QString roleArn;
    QString sessionName;
    QString externalId;
    QString serialNumber;
    int durationSeconds = 3600;
    QString sourceAccessKeyId;  // the key that signed the AssumeRole request
    QString accessKeyId;        // the ASIA... key handed out
    QDateTime expiration;       // fake clock at the request + durationSeconds
};

}  // namespace jobdesk::fake
