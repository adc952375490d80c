#pragma once

// What makes a profile an IAM Identity Center (SSO) profile, read as the AWS CLI reads
// it: sso_account_id / sso_role_name with either an sso_session naming an
// [sso-session] section (start URL, region, registration scopes) or the legacy
// sso_start_url / sso_region in the profile itself. A JobDesk SSO profile says the
// same in its own settings.

#include "core/profiles/profile.h"
#include "core/profiles/sharedconfig.h"
#include "core/result.h"
#include "core/sso/ssosessions.h"

#include <QCoreApplication>

#include <optional>

namespace jobdesk::profiles {

class SsoProfileConfigReader
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::SsoProfileConfigReader)

public:
    // nullopt when the profile names neither sso_account_id nor sso_role_name (it is not
    // an SSO profile); an error, worded as botocore's, when its SSO settings are incomplete
    // or contradict its sso-session.
    static Result<std::optional<sso::SsoProfileConfig>> read(const SharedConfig &config, const QString &profileName);
    // The [sso-session NAME] section alone, for `sso login --sso-session NAME`.
    static Result<sso::SsoSignIn::Settings> session(const SharedConfig &config, const QString &sessionName);
};

inline Result<std::optional<sso::SsoProfileConfig>> ssoProfileConfig(const SharedConfig &config,
                                                                     const QString &profileName)
{
    return SsoProfileConfigReader::read(config, profileName);
}

// The JobDesk profile's SSO settings; its sso-session's scopes are the AWS CLI's default.
sso::SsoProfileConfig ssoProfileConfig(const Profile &profile);

}  // namespace jobdesk::profiles
