#pragma once

// Keeps the secrets a JobDesk process holds (artifact credentials, keys) out of
// crash dumps and away from other processes of the same user that could attach to it.
//
// What each system gets from disableCoreDumps():
// - Linux: RLIMIT_CORE 0 (soft and hard, so it cannot be raised again) and
//   PR_SET_DUMPABLE 0, which also stops same-user ptrace and /proc/PID/mem reads.
// - macOS and the other Unixes: RLIMIT_CORE 0. On macOS the rest comes from the
//   hardened runtime the release is signed with (codesign --options runtime, without
//   the com.apple.security.get-task-allow entitlement): the kernel then refuses
//   task_for_pid() and debugger attachment by other processes, which is what
//   PR_SET_DUMPABLE gives on Linux, and blocks injected libraries (DYLD_* variables).
// - Windows: no crash or "program stopped working" dialogs (SetErrorMode), and a
//   crash ends the process at once instead of passing to Windows Error Reporting,
//   which could write a memory dump to disk. Windows has no per-process switch
//   against same-user debugging; that needs the user's own account to be trusted.

#include "core/result.h"

namespace jobdesk::platform {

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

    // The system's switches listed above.
    static Status disableCoreDumps();

private:
    // message has one %1 for the system's reason, read before anything can change it.
    static Error systemError(const char *message);
};

}  // namespace jobdesk::platform
