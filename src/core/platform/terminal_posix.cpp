#include "core/platform/terminal.h"

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace jobdesk::platform {

bool Terminal::isTerminal(std::FILE *stream)
{
    return stream && ::isatty(::fileno(stream));
}

int Terminal::columns(std::FILE *stream)
{
    winsize size{};
    if (!isTerminal(stream) || ::ioctl(::fileno(stream), TIOCGWINSZ, &size) != 0)
        return 0;
    return size.ws_col;
}

std::optional<bool> Terminal::echo(std::FILE *stream)
{
    termios state{};
    if (!isTerminal(stream) || ::tcgetattr(::fileno(stream), &state) != 0)
        return std::nullopt;
    return (state.c_lflag & ECHO) != 0;
}

bool Terminal::setEcho(std::FILE *stream, bool on)
{
    termios state{};
    if (!isTerminal(stream) || ::tcgetattr(::fileno(stream), &state) != 0)
        return false;
    if (on)
        state.c_lflag |= tcflag_t(ECHO);
    else
        state.c_lflag &= ~tcflag_t(ECHO);
    return ::tcsetattr(::fileno(stream), TCSAFLUSH, &state) == 0;
}

void Terminal::useUtf8Output() {}

}  // namespace jobdesk::platform
