#include "core/platform/stdinwatcher.h"

#include <QSocketNotifier>

#include <sys/stat.h>
#include <unistd.h>

namespace jobdesk::platform {

struct StdinWatcher::Private
{
    QSocketNotifier *notifier = nullptr;
};

bool StdinWatcher::stdinIsPipe()
{
    struct stat info
    {};
    return ::fstat(STDIN_FILENO, &info) == 0 && S_ISFIFO(info.st_mode);
}

StdinWatcher::StdinWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(d->notifier, &QSocketNotifier::activated, this, [this] {
        char buffer[4096];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) > 0)
            return;
        d->notifier->setEnabled(false);  // end of file stays readable: report it once
        Q_EMIT closed();
    });
}

StdinWatcher::~StdinWatcher() = default;

}  // namespace jobdesk::platform
