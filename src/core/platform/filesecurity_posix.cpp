#include "core/platform/filesecurity.h"

#include <QCoreApplication>
#include <QFile>

#include <sys/stat.h>

namespace jobdesk::platform {

Status FileSecurity::restrictToOwner(QFileDevice &file)
{
    const int fd = file.handle();
    if (fd < 0)
        return failure(file.fileName(),
                       QCoreApplication::translate("jobdesk::platform::FileSecurity", "the file is not open"));
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0)
        return failure(file.fileName(), qt_error_string());
    return success();
}

bool FileSecurity::isOwnerOnly(const QString &path)
{
    struct stat info
    {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) == 0;
}

}  // namespace jobdesk::platform
