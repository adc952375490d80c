#pragma once

// Turns a role profile's AssumeRoleRequest into an AssumeRole call on StsClient
// (endpoint, source keys, CA bundle, MFA code) and its answer back into keys.

#include "core/aws/clientconfig.h"
#include "core/aws/credentials.h"
#include "core/clock.h"
#include "core/profiles/assumerolerequest.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QObject>

#include <functional>

namespace jobdesk::aws {
class StsClient;
}

namespace jobdesk::profiles {

class StsRoleAssumer
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::StsRoleAssumer)

public:
    using CredentialsCallback = std::function<void(Result<aws::Credentials>)>;

    // sts and clock must outlive every copy. base gives timeouts, retries and TLS settings;
    // the endpoint, the source keys and (unless base has one) the clock are set for each call.
    StsRoleAssumer(aws::StsClient *sts, aws::ClientConfig base, const Clock &clock);

    // Answers through done on a later turn of the event loop, not at all once context is gone.
    void operator()(const AssumeRoleRequest &request, QObject *context, CredentialsCallback done) const;

private:
    aws::StsClient *m_sts;
    aws::ClientConfig m_base;
    const Clock *m_clock;
};

}  // namespace jobdesk::profiles
