#include "core/platform/programsearch.h"

#include <QCoreApplication>
#include <QDir>

#include <windows.h>

#include <iterator>

namespace jobdesk::platform {

namespace {

// GetSystemDirectoryW and GetWindowsDirectoryW share this shape.
QString windowsFolder(UINT(WINAPI *get)(LPWSTR, UINT))
{
    wchar_t buffer[MAX_PATH + 1] = {};
    const UINT n = get(buffer, MAX_PATH + 1);
    if (n == 0 || n > MAX_PATH)
        return {};
    return QDir::fromNativeSeparators(QString::fromWCharArray(buffer, int(n)));
}

QString applicationFolder()
{
    wchar_t buffer[32768] = {};
    const DWORD n = GetModuleFileNameW(nullptr, buffer, DWORD(std::size(buffer)));
    if (n == 0 || n >= std::size(buffer))
        return QCoreApplication::applicationDirPath();
    const QString file = QDir::fromNativeSeparators(QString::fromWCharArray(buffer, int(n)));
    return file.left(file.lastIndexOf(QLatin1Char('/')));
}

}  // namespace

ProgramSearch::Places ProgramSearch::nativePlaces(const QProcessEnvironment &env)
{
    // The order CreateProcess documents for a command line whose program has no path.
    // It reads PATH from the calling process; env is that process's environment in
    // JobDesk, except where a caller deliberately passes another one.
    Places places;
    places.applicationDir = applicationFolder();
    places.currentDir = QDir::currentPath();
    const QString windows = windowsFolder(GetWindowsDirectoryW);
    places.systemDirs << windowsFolder(GetSystemDirectoryW);
    if (!windows.isEmpty())
        places.systemDirs << windows + QStringLiteral("/System") << windows;
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &entry : path)
        places.path << QDir::fromNativeSeparators(entry);
    return places;
}

}  // namespace jobdesk::platform
