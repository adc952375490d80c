#include "support/listeningfake.h"

namespace jobdesk::test {

bool ListeningFake::start(const Setup &setup)
{
    addCredentials(setup.accessKeyId, Secret(setup.secretKey),
                   setup.sessionToken.isEmpty() ? Secret() : Secret(setup.sessionToken));
    fake::FakeJob job;
    job.jobId = setup.jobId;
    job.clientToken = setup.clientToken;
    job.nonce = setup.nonce;
    job.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), setup.provider, setup.version};
    job.details = setup.details;
    if (const auto added = addJob(job); !added) {
        m_startError = added.error().message;
        return false;
    }
    if (!listen()) {
        m_startError = errorString();
        return false;
    }
    return true;
}

}  // namespace jobdesk::test
