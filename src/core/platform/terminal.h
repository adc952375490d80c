#pragma once

// The console jobdesk-cli talks to: whether a stream is a terminal, how wide it
// is, typing without echo, and UTF-8 output where consoles start in a code page.

#include <cstdio>
#include <optional>

namespace jobdesk::platform {

class Terminal
{
public:
    static bool isTerminal(std::FILE *stream);

    // Columns of the terminal behind stream; 0 when it is not one or does not say.
    static int columns(std::FILE *stream);

    // Whether what is typed on the terminal behind stream is shown; nullopt when
    // stream is not a terminal.
    static std::optional<bool> echo(std::FILE *stream);
    // False when stream is not a terminal or the change was refused. Turning echo
    // off discards input typed ahead, so a secret is never read half-echoed.
    static bool setEcho(std::FILE *stream, bool on);

    // Windows consoles start with an OEM code page and would show our UTF-8 as
    // mojibake; elsewhere terminals take the bytes as they are and this does nothing.
    static void useUtf8Output();
};

// Echo off for its lifetime, when stream is a terminal that echoes; restores it after.
class EchoOff
{
public:
    explicit EchoOff(std::FILE *stream) : m_stream(stream)
    {
        m_changed = Terminal::echo(stream).value_or(false) && Terminal::setEcho(stream, false);
    }
    ~EchoOff()
    {
        if (m_changed)
            Terminal::setEcho(m_stream, true);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

    bool active() const { return m_changed; }

private:
    std::FILE *m_stream;
    bool m_changed = false;
};

}  // namespace jobdesk::platform
