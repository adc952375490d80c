#pragma once

// When a failed AWS request is sent again and after how long, in the AWS SDKs'
// standard and legacy retry modes (botocore's retries/standard.py and _retry.json).

#include "core/error.h"

#include <functional>

namespace jobdesk::aws {

enum class RetryMode { Standard, Legacy };

struct RetryPolicy
{
    RetryMode mode = RetryMode::Standard;
    int maxAttempts = 3;  // all attempts, the first included

    static RetryPolicy standard() { return {RetryMode::Standard, 3}; }
    static RetryPolicy legacy() { return {RetryMode::Legacy, 5}; }

    // Whether this mode sends a request that failed with error again, attempts left aside.
    // A failed TLS handshake is never retried: unlike botocore, which counts it among
    // connection errors, JobDesk treats a certificate problem as one that waiting cannot cure.
    bool isRetryable(const Error &error) const;
    // Whether the attempt that just failed (1 for the first) is followed by another.
    bool shouldRetry(int attempt, const Error &error) const;
    // Seconds to wait after the failed attempt: standard rand * min(2^(attempt-1), 20),
    // legacy rand * 2^(attempt-1) (bounded by its attempts). randomSource answers in [0,1);
    // without one, a random number is drawn.
    double delayFor(int attempt, const std::function<double()> &randomSource = {}) const;
};

}  // namespace jobdesk::aws
