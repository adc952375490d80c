#pragma once

// What an assume-role profile asks STS for (role_arn, source credentials, MFA and
// session settings). The resolver fills it; the STS client answers it.

#include "core/aws/credentials.h"

#include <QString>

#include <optional>

namespace jobdesk::profiles {

struct AssumeRoleRequest
{
    QString profileName;                   // the profile with role_arn
    QString roleArn;
    QString roleSessionName;               // role_session_name; empty: the caller picks one
    QString externalId;
    std::optional<int> durationSeconds;
    QString mfaSerial;                     // set: the caller must ask the person for a code
    QString region;                        // for the STS endpoint
    aws::Credentials sourceCredentials;    // from source_profile or credential_source
};

} // namespace jobdesk::profiles
