#pragma once

// How the first word of a command becomes the program file that starts, as the
// system's own process start finds it: execvp's PATH search on POSIX, CreateProcess's
// search on Windows (which Python's subprocess, and so the AWS CLI, rely on for
// credential_process). JobDesk looks first so that a missing program gets a clear message.

#include "core/platform/flavor.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace jobdesk::platform {

class ProgramSearch
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::platform::ProgramSearch)

public:
    // The folders searched, in the order they are searched in.
    struct Places
    {
        QString applicationDir;  // Windows: the running executable's folder
        QString currentDir;      // Windows: the current folder
        QStringList systemDirs;  // Windows: System32, the 16-bit System folder, the Windows folder
        QStringList path;        // the PATH entries
    };

    // This system's places, the PATH entries taken from env.
    static Places nativePlaces(const QProcessEnvironment &env);

    // Whether name is searched for at all: not when it holds a path, that is a "/" on
    // POSIX, and a "\", a "/" or a drive ("C:") on Windows.
    static bool isBareName(const QString &name, Flavor flavor);

    // The file a bare name starts, or an empty string when there is none.
    // - Posix: the first executable file called name in the PATH folders.
    // - Windows (CreateProcess given no application name): ".exe" is appended unless
    //   the name has an extension or ends in "." (the dot is then dropped, as Windows
    //   drops trailing dots from file names); then the application's folder, the current
    //   folder, the system folders and the PATH folders are tried in turn, and the first
    //   existing file wins, whatever its extension.
    static QString find(const QString &name, const Places &places, Flavor flavor);
    static QString find(const QString &name, const QProcessEnvironment &env)
    {
        return find(name, nativePlaces(env), nativeFlavor());
    }

    // Where find() looked, for messages: "on PATH", or the Windows list.
    static QString placesText(Flavor flavor = nativeFlavor());
};

}  // namespace jobdesk::platform
