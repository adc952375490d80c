#include "core/platform/filesecurity.h"

#include <QCoreApplication>
#include <QDir>

namespace jobdesk::platform {

Error FileSecurity::failure(const QString &path, const QString &reason)
{
    return Error::make(
        Error::Kind::Io, QStringLiteral("FilePermissions"),
        QCoreApplication::translate("jobdesk::platform::FileSecurity", "Could not make %1 readable by you alone: %2")
            .arg(QDir::toNativeSeparators(path), reason),
        QCoreApplication::translate("jobdesk::platform::FileSecurity",
                                    "Choose a folder on a local disk that you own."));
}

}  // namespace jobdesk::platform
