#pragma once

// Splits a command line into words the way POSIX shells (and Python's shlex, which
// the AWS CLI uses for credential_process and [profile "..."] headers) do, so the
// program can be started without a shell.

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace jobdesk::profiles {

class ShellWords
{
public:
    // Single quotes keep everything literally; inside double quotes a backslash only
    // escapes '"' and '\'; outside quotes it escapes any character. Unbalanced quotes
    // and a trailing backslash are errors. '#' is not a comment.
    static Result<QStringList> split(const QString &commandLine);
};

}  // namespace jobdesk::profiles
