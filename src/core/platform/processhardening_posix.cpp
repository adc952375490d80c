#include "core/platform/processhardening.h"

#include <QtGlobal>

#include <sys/resource.h>
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace jobdesk::platform {

Status ProcessHardening::disableCoreDumps()
{
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        return systemError(
            QT_TRANSLATE_NOOP("jobdesk::ProcessHardening", "Could not set the core file size limit to 0: %1"));
#if defined(Q_OS_LINUX)
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return systemError(
            QT_TRANSLATE_NOOP("jobdesk::ProcessHardening", "Could not mark the process as not dumpable: %1"));
#endif
    return success();
}

}  // namespace jobdesk::platform
