#include "cli/terminalinput.h"

#include <string>

#include <termios.h>
#include <unistd.h>

namespace jobdesk::cli {

namespace {

// Turns terminal echo off for its lifetime, when fd is a terminal.
class NoEcho
{
public:
    explicit NoEcho(int fd) : m_fd(fd)
    {
        if (::isatty(fd) && ::tcgetattr(fd, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = ::tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~NoEcho()
    {
        if (m_active)
            ::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
    }
    NoEcho(const NoEcho &) = delete;
    NoEcho &operator=(const NoEcho &) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

void show(std::FILE *err, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), err);
    std::fflush(err);
}

}  // namespace

std::optional<QString> readHiddenLine(std::FILE *in, std::FILE *err, const QString &prompt)
{
    const int fd = ::fileno(in);
    const bool terminal = ::isatty(fd);
    if (terminal && !prompt.isEmpty())
        show(err, prompt);
    std::string line;
    int c = 0;
    {
        NoEcho quiet(fd);
        while ((c = std::fgetc(in)) != EOF && c != '\n')
            line.push_back(char(c));
    }
    if (terminal)
        show(err, QStringLiteral("\n"));
    if (c == EOF && line.empty())
        return std::nullopt;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
    QString value = QString::fromStdString(line);
    // Wipe our copy of the bytes; callers move the text into a Secret.
    for (char &ch : line)
        ch = '\0';
    return value;
}

}  // namespace jobdesk::cli
