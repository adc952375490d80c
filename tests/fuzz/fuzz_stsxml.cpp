// libFuzzer target: the STS XML answers, read by StsClient::parseAssumeRoleResponse
// and StsClient::parseErrorResponse. The input is the response body.

#include "core/aws/stsclient.h"

#include <cstddef>
#include <cstdint>

using jobdesk::aws::StsClient;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray xml = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto role = StsClient::parseAssumeRoleResponse(xml);
    if (role)
        (void)role.value().credentials.isComplete();
    else
        (void)role.error().summary();
    for (const int status : {400, 403, 503}) {
        if (const auto error = StsClient::parseErrorResponse(status, xml))
            (void)error->summary();
    }
    return 0;
}
