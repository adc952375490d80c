#include "core/processhardening.h"

#include <QCoreApplication>
#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>

namespace jobdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::ProcessHardening", text);
}

// message has one %1 for the system's reason; errno is read before anything else can change it.
Error hardeningError(const char *message)
{
    const QString reason = QString::fromLocal8Bit(std::strerror(errno));
    return Error::make(Error::Kind::Io, QStringLiteral("ProcessHardening"), tr(message).arg(reason),
                       tr("Secrets held by this process could end up in a core dump."));
}

}  // namespace

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

Status ProcessHardening::disableCoreDumps()
{
#if defined(Q_OS_UNIX)
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        return hardeningError(
            QT_TRANSLATE_NOOP("jobdesk::ProcessHardening", "Could not set the core file size limit to 0: %1"));
#endif
#if defined(Q_OS_LINUX)
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return hardeningError(
            QT_TRANSLATE_NOOP("jobdesk::ProcessHardening", "Could not mark the process as not dumpable: %1"));
#endif
    return success();
}

}  // namespace jobdesk
