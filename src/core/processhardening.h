#pragma once

// Keeps the secrets a JobDesk process holds (artifact credentials, keys) out of
// core dumps and away from other processes of the same user that could attach to it.

#include "core/result.h"

namespace jobdesk {

class ProcessHardening
{
public:
    // Call first thing in main() of jobdesk and jobdesk-cli. Does disableCoreDumps()
    // in release builds (NDEBUG) and nothing in debug builds, where developers want
    // their core dumps and debuggers. A failure is returned, not fatal: the program
    // still works, it only lacks this protection.
    static Status applyForRelease();

    // Whether applyForRelease() acts in this build.
    static bool activeInThisBuild();

    // RLIMIT_CORE 0 (soft and hard, so it cannot be raised again) and, on Linux,
    // PR_SET_DUMPABLE 0, which also stops same-user ptrace and /proc/PID/mem reads.
    static Status disableCoreDumps();
};

}  // namespace jobdesk
