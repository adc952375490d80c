#pragma once

// Everything a request needs from a profile: the keys to sign with and the
// connection settings (region, endpoint, CA bundle, retries).

#include "core/aws/credentials.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace jobdesk::profiles {

struct ResolvedConfig
{
    aws::Credentials credentials;
    QString region;                  // empty when nothing sets one
    QUrl endpointUrl;                // empty: the service's normal endpoint
    QString caBundle;                // path of a PEM bundle; empty: the system's
    QString retryMode;               // "legacy", "standard", "adaptive"; empty: the client's default
    std::optional<int> maxAttempts;  // unset: the client's default
    QString profileName;             // the JobDesk or shared-config profile used; empty for the environment
    QString credentialSource;  // for people, e.g. "environment variables", "credential_process of profile “x”"
};

}  // namespace jobdesk::profiles
