#include "core/platform/homedir.h"

namespace jobdesk::platform {

std::optional<QString> HomeDir::accountHome(const QString &user)
{
    // ntpath.expanduser reads only the environment (USERPROFILE, HOMEDRIVE, HOMEPATH,
    // USERNAME); asking the profile list here would make "~" differ from the AWS CLI's.
    Q_UNUSED(user);
    return std::nullopt;
}

}  // namespace jobdesk::platform
