#pragma once

// The jobs jobdesk-cli is compared with the real AWS CLI on: every field, a
// minimal job, Unicode with quotes and control characters, 50 configuration
// entries, 20 artifacts. Shared by the output and --query comparisons.

#include <QString>

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace jobdesk::test {

// By name: each job's jobDetails as the fake serves it (its "id" is the job ID).
std::vector<std::pair<QString, nlohmann::ordered_json>> comparisonJobs();

}  // namespace jobdesk::test
