#include "core/aws/retrypolicy.h"

#include "core/aws/serviceerror.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace jobdesk::aws {

namespace {

// botocore's _retry.json (__default__): the throttling codes count only with HTTP 400,
// and 429 and 509 are retried whatever the code.
bool legacyRetryable(const Error &error)
{
    switch (error.httpStatus) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
    case 509: return true;
    case 400:
        return error.code == QLatin1String("Throttling") || error.code == QLatin1String("ThrottlingException")
            || error.code == QLatin1String("ThrottledException")
            || error.code == QLatin1String("RequestThrottledException")
            || error.code == QLatin1String("ProvisionedThroughputExceededException");
    default: return false;
    }
}

}  // namespace

bool RetryPolicy::isRetryable(const Error &error) const
{
    switch (error.kind) {
    case Error::Kind::Network:
    case Error::Kind::Timeout: return true;  // no answer, or only part of one
    case Error::Kind::Service:
        if (mode == RetryMode::Legacy)
            return legacyRetryable(error);
        return ServiceError::isThrottling(error.code) || ServiceError::isTransient(error.code, error.httpStatus);
    default: return false;
    }
}

bool RetryPolicy::shouldRetry(int attempt, const Error &error) const
{
    return attempt < maxAttempts && isRetryable(error);
}

double RetryPolicy::delayFor(int attempt, const std::function<double()> &randomSource) const
{
    const double factor = randomSource ? randomSource() : QRandomGenerator::global()->generateDouble();
    const double base = std::pow(2.0, attempt - 1);
    return mode == RetryMode::Standard ? factor * std::min(base, 20.0) : factor * base;
}

}  // namespace jobdesk::aws
