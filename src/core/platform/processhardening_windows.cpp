#include "core/platform/processhardening.h"

#include <windows.h>

namespace jobdesk::platform {

namespace {

// Reached for an exception nothing handled: end here, so Windows Error Reporting
// never gets the process and cannot write its memory (and secrets) to a dump file.
// A debugger attached by the developer still sees the exception first.
LONG WINAPI endWithoutReport(EXCEPTION_POINTERS *exception)
{
    const UINT code = exception && exception->ExceptionRecord ? UINT(exception->ExceptionRecord->ExceptionCode) : 1u;
    TerminateProcess(GetCurrentProcess(), code);
    return EXCEPTION_EXECUTE_HANDLER;
}

}  // namespace

Status ProcessHardening::disableCoreDumps()
{
    // No "has stopped working" box, no "insert a disk" box for missing drives: a
    // program that may run unattended (jobdesk-cli in a pipeline) must not hang on one.
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(endWithoutReport);
    const UINT mode = GetErrorMode();
    if ((mode & SEM_NOGPFAULTERRORBOX) == 0)
        return systemError(
            QT_TRANSLATE_NOOP("jobdesk::ProcessHardening", "Could not turn off crash reporting dialogs: %1"));
    return success();
}

}  // namespace jobdesk::platform
