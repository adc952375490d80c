#include "core/platform/homedir.h"

#include <QFile>

#include <cerrno>

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace jobdesk::platform {

std::optional<QString> HomeDir::accountHome(const QString &user)
{
    long hint = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(hint > 0 ? std::size_t(hint) : std::size_t(16384));
    passwd entry{};
    passwd *found = nullptr;
    const QByteArray name = QFile::encodeName(user);
    for (;;) {
        const int error = user.isEmpty() ? ::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found)
                                         : ::getpwnam_r(name.constData(), &entry, buffer.data(), buffer.size(), &found);
        if (error != ERANGE)
            break;
        buffer.resize(buffer.size() * 2);  // a long entry (many groups in NIS, say): try again bigger
    }
    if (!found || !found->pw_dir)
        return std::nullopt;
    return QFile::decodeName(found->pw_dir);
}

}  // namespace jobdesk::platform
