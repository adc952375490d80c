#pragma once

// What an assume-role profile asks STS for (role_arn, source credentials, MFA and
// session settings). The resolver fills it; the STS client answers it.

#include "core/aws/credentials.h"
#include "core/secret.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace jobdesk::profiles {

struct AssumeRoleRequest
{
    QString profileName;  // the profile with role_arn
    QString roleArn;
    QString roleSessionName;  // role_session_name, or the resolver's jobdesk-session-<epoch>
    QString externalId;
    std::optional<int> durationSeconds;
    QString mfaSerial;                   // set: the resolver asks the person for a code (tokenCode)
    Secret tokenCode;                    // the MFA code, when the resolver has an MFA prompt
    QString region;                      // for the STS endpoint
    QUrl stsEndpointUrl;                 // AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's endpoint_url
    QString caBundle;                    // AWS_CA_BUNDLE or the profile's ca_bundle; empty: the system's
    aws::Credentials sourceCredentials;  // from source_profile or credential_source
};

}  // namespace jobdesk::profiles
