#pragma once

// Splits a command line into words the way the AWS CLI does (botocore's
// compat_shell_split), so the program can be started without a shell: Python's
// shlex on POSIX, the Windows C runtime's rules on Windows. [profile "..."] headers
// are split with shlex on every system, as botocore's config loader does.

#include "core/platform/flavor.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace jobdesk::profiles {

class ShellWords
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::ShellWords)

public:
    // Posix (shlex): single quotes keep everything literally; inside double quotes a
    // backslash only escapes '"' and '\'; outside quotes it escapes any character.
    // Space, tab, CR and LF separate words. Unbalanced quotes and a trailing
    // backslash are errors. '#' is not a comment.
    //
    // Windows: only space and tab separate words; double quotes are the only quotes;
    // a backslash is literal unless a run of them reaches a '"', where each pair
    // gives one backslash and an odd one left over makes the quote literal.
    // An unbalanced quote is an error.
    static Result<QStringList> split(const QString &commandLine, platform::Flavor flavor = platform::nativeFlavor());

private:
    static Result<QStringList> splitPosix(const QString &commandLine);
    static Result<QStringList> splitWindows(const QString &commandLine);
};

}  // namespace jobdesk::profiles
