#include "core/platform/processhardening.h"

#include <QCoreApplication>

namespace jobdesk::platform {

bool ProcessHardening::activeInThisBuild()
{
#if defined(NDEBUG)
    return true;
#else
    return false;
#endif
}

Status ProcessHardening::applyForRelease()
{
    if (!activeInThisBuild())
        return success();
    return disableCoreDumps();
}

Error ProcessHardening::systemError(const char *message)
{
    // qt_error_string() reads errno, or GetLastError() on Windows.
    const QString reason = qt_error_string();
    return Error::make(Error::Kind::Io, QStringLiteral("ProcessHardening"),
                       QCoreApplication::translate("jobdesk::ProcessHardening", message).arg(reason),
                       QCoreApplication::translate("jobdesk::ProcessHardening",
                                                   "Secrets held by this process could end up in a core dump."));
}

}  // namespace jobdesk::platform
