#include "core/platform/terminal.h"

#include <io.h>
#include <windows.h>

namespace jobdesk::platform {

namespace {

HANDLE consoleHandle(std::FILE *stream)
{
    const int fd = stream ? _fileno(stream) : -1;
    return fd < 0 ? INVALID_HANDLE_VALUE : reinterpret_cast<HANDLE>(_get_osfhandle(fd));
}

}  // namespace

bool Terminal::isTerminal(std::FILE *stream)
{
    // _isatty() is also true for NUL and serial ports; only a console has a console mode.
    DWORD mode = 0;
    return GetConsoleMode(consoleHandle(stream), &mode) != 0;
}

int Terminal::columns(std::FILE *stream)
{
    CONSOLE_SCREEN_BUFFER_INFO info{};
    if (!GetConsoleScreenBufferInfo(consoleHandle(stream), &info))
        return 0;
    // The visible window, not the buffer, which is often hundreds of columns wide.
    return info.srWindow.Right - info.srWindow.Left + 1;
}

std::optional<bool> Terminal::echo(std::FILE *stream)
{
    DWORD mode = 0;
    if (!GetConsoleMode(consoleHandle(stream), &mode))
        return std::nullopt;
    return (mode & ENABLE_ECHO_INPUT) != 0;
}

bool Terminal::setEcho(std::FILE *stream, bool on)
{
    const HANDLE handle = consoleHandle(stream);
    DWORD mode = 0;
    if (!GetConsoleMode(handle, &mode))
        return false;
    if (!on)
        FlushConsoleInputBuffer(handle);  // as TCSAFLUSH does on POSIX
    mode = on ? (mode | ENABLE_ECHO_INPUT) : (mode & ~DWORD(ENABLE_ECHO_INPUT));
    return SetConsoleMode(handle, mode) != 0;
}

void Terminal::useUtf8Output()
{
    SetConsoleOutputCP(CP_UTF8);
}

}  // namespace jobdesk::platform
