// Terminal: a pipe and a file are not terminals; a pseudo-terminal is, reports the
// width it was given and turns echo off and on again (also through EchoOff). The
// pseudo-terminal is made with the POSIX calls themselves, which is why this test
// includes system headers.

#include "core/platform/terminal.h"

#include <QTemporaryFile>
#include <QTest>

#include <cstdio>
#include <cstdlib>

#if !defined(Q_OS_WIN)
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#endif

using jobdesk::platform::EchoOff;
using jobdesk::platform::Terminal;

class TestTerminal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileIsNotATerminal();
    void nullStreamIsNotATerminal();
    void pseudoTerminal();
    void echoOffRestores();

private:
#if !defined(Q_OS_WIN)
    // The controlling side of a new pseudo-terminal, and its terminal side as a stream.
    struct Pty
    {
        int controller = -1;
        std::FILE *terminal = nullptr;
        ~Pty()
        {
            if (terminal)
                std::fclose(terminal);
            if (controller >= 0)
                ::close(controller);
        }
    };
    static bool open(Pty &pty)
    {
        pty.controller = ::posix_openpt(O_RDWR | O_NOCTTY);
        if (pty.controller < 0 || ::grantpt(pty.controller) != 0 || ::unlockpt(pty.controller) != 0)
            return false;
        const char *name = ::ptsname(pty.controller);
        pty.terminal = name ? std::fopen(name, "r+") : nullptr;
        return pty.terminal != nullptr;
    }
    static bool echoBit(std::FILE *stream)
    {
        termios state{};
        return ::tcgetattr(::fileno(stream), &state) == 0 && (state.c_lflag & ECHO) != 0;
    }
#endif
};

void TestTerminal::fileIsNotATerminal()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    std::FILE *stream = std::fopen(QFile::encodeName(file.fileName()).constData(), "r");
    QVERIFY(stream);
    QVERIFY(!Terminal::isTerminal(stream));
    QCOMPARE(Terminal::columns(stream), 0);
    QVERIFY(!Terminal::echo(stream).has_value());
    QVERIFY(!Terminal::setEcho(stream, false));
    {
        const EchoOff quiet(stream);
        QVERIFY(!quiet.active());
    }
    std::fclose(stream);
}

void TestTerminal::nullStreamIsNotATerminal()
{
    QVERIFY(!Terminal::isTerminal(nullptr));
    QCOMPARE(Terminal::columns(nullptr), 0);
    QVERIFY(!Terminal::echo(nullptr).has_value());
}

void TestTerminal::pseudoTerminal()
{
#if defined(Q_OS_WIN)
    QSKIP("Pseudo-terminals are made with POSIX calls; a Windows console needs its own test");
#else
    Pty pty;
    QVERIFY(open(pty));
    QVERIFY(Terminal::isTerminal(pty.terminal));

    winsize size{};
    size.ws_col = 137;
    size.ws_row = 40;
    QCOMPARE(::ioctl(pty.controller, TIOCSWINSZ, &size), 0);
    QCOMPARE(Terminal::columns(pty.terminal), 137);

    QVERIFY(Terminal::setEcho(pty.terminal, true));
    QCOMPARE(Terminal::echo(pty.terminal), std::optional<bool>(true));
    QVERIFY(echoBit(pty.terminal));
    QVERIFY(Terminal::setEcho(pty.terminal, false));
    QCOMPARE(Terminal::echo(pty.terminal), std::optional<bool>(false));
    QVERIFY(!echoBit(pty.terminal));  // the kernel's own view
#endif
}

void TestTerminal::echoOffRestores()
{
#if defined(Q_OS_WIN)
    QSKIP("Pseudo-terminals are made with POSIX calls; a Windows console needs its own test");
#else
    Pty pty;
    QVERIFY(open(pty));
    QVERIFY(Terminal::setEcho(pty.terminal, true));
    {
        const EchoOff quiet(pty.terminal);
        QVERIFY(quiet.active());
        QVERIFY(!echoBit(pty.terminal));
    }
    QVERIFY(echoBit(pty.terminal));

    // A terminal that was not echoing stays that way.
    QVERIFY(Terminal::setEcho(pty.terminal, false));
    {
        const EchoOff quiet(pty.terminal);
        QVERIFY(!quiet.active());
    }
    QVERIFY(!echoBit(pty.terminal));
#endif
}

QTEST_GUILESS_MAIN(TestTerminal)
#include "tst_terminal.moc"
