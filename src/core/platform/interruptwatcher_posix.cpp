#include "core/platform/interruptwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace jobdesk::platform {

namespace {

// A signal handler may only write(): it wakes the event loop through this pipe.
int g_wakeFd = -1;

extern "C" void onSigint(int)
{
    const int savedErrno = errno;
    if (g_wakeFd >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(g_wakeFd, &byte, 1);
    }
    errno = savedErrno;
}

}  // namespace

struct InterruptWatcher::Private
{
    int fds[2] = {-1, -1};
    struct sigaction previous
    {};
    bool active = false;
};

InterruptWatcher::InterruptWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    if (g_wakeFd >= 0 || ::pipe(d->fds) != 0)
        return;
    for (const int fd : d->fds) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    g_wakeFd = d->fds[1];
    struct sigaction action
    {};
    action.sa_handler = onSigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (::sigaction(SIGINT, &action, &d->previous) != 0) {
        g_wakeFd = -1;
        return;
    }
    d->active = true;
    auto *notifier = new QSocketNotifier(d->fds[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char buffer[64];
        ssize_t n = 0;
        int count = 0;
        while ((n = ::read(d->fds[0], buffer, sizeof buffer)) > 0)
            count += int(n);
        for (int i = 0; i < count; ++i)
            Q_EMIT interrupted();
    });
}

InterruptWatcher::~InterruptWatcher()
{
    if (d->active) {
        ::sigaction(SIGINT, &d->previous, nullptr);
        g_wakeFd = -1;
    }
    for (const int fd : d->fds) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool InterruptWatcher::isActive() const
{
    return d->active;
}

}  // namespace jobdesk::platform
