#pragma once

// Where "~" leads. The AWS CLI expands "~" in AWS_CONFIG_FILE and the other file
// settings with Python's os.path.expanduser, which follows different rules on
// Windows (ntpath) and elsewhere (posixpath); JobDesk follows the same ones.

#include "core/platform/flavor.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace jobdesk::platform {

class HomeDir
{
public:
    // path with a leading "~" or "~user" replaced, as expanduser does under flavor:
    // - Posix: "~" up to the first "/" is HOME, or the account's home when HOME is not
    //   set; "~user" is that account's home; trailing "/" of the home are dropped.
    // - Windows: "~" up to the first "\" or "/" is USERPROFILE, else HOMEDRIVE joined
    //   with HOMEPATH; "~user" is a sibling of that folder named user, provided the
    //   folder is named after USERNAME (it is a guess, as in Python).
    // A path without a leading "~", or whose home cannot be found, comes back unchanged.
    static QString expandUser(const QString &path, const QProcessEnvironment &env, Flavor flavor = nativeFlavor());

    // The home folder the system's account database gives for user (for the current
    // user when user is empty), as Python's pwd module reads it. nullopt when there is
    // no such account, and always on Windows, whose rules above never ask.
    static std::optional<QString> accountHome(const QString &user = QString());
};

}  // namespace jobdesk::platform
