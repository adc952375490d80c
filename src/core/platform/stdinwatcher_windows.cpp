#include "core/platform/stdinwatcher.h"

#include <windows.h>

#include <mutex>

namespace jobdesk::platform {

// Windows cannot wait on an anonymous pipe with the event loop (QSocketNotifier
// takes sockets only), so a thread blocks in ReadFile until the pipe breaks.
struct StdinWatcher::Private
{
    StdinWatcher *owner = nullptr;
    HANDLE thread = nullptr;
    std::mutex lock;  // held while posting, so the owner cannot go away in between
    bool stopping = false;

    static DWORD WINAPI drain(void *arg)
    {
        auto *self = static_cast<Private *>(arg);
        const HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
        char buffer[4096];
        DWORD n = 0;
        while (ReadFile(input, buffer, DWORD(sizeof buffer), &n, nullptr) && n > 0) {
        }
        const std::lock_guard<std::mutex> guard(self->lock);
        if (!self->stopping) {
            StdinWatcher *owner = self->owner;
            QMetaObject::invokeMethod(
                owner, [owner] { Q_EMIT owner->closed(); }, Qt::QueuedConnection);
        }
        return 0;
    }
};

bool StdinWatcher::stdinIsPipe()
{
    return GetFileType(GetStdHandle(STD_INPUT_HANDLE)) == FILE_TYPE_PIPE;
}

StdinWatcher::StdinWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->owner = this;
    d->thread = CreateThread(nullptr, 0, &Private::drain, d.get(), 0, nullptr);
}

StdinWatcher::~StdinWatcher()
{
    if (!d->thread)
        return;
    {
        const std::lock_guard<std::mutex> guard(d->lock);
        d->stopping = true;  // from here on the thread posts nothing
    }
    // Wake the blocked ReadFile; a thread that had not reached it yet needs another try.
    for (int attempt = 0; attempt < 40; ++attempt) {
        CancelSynchronousIo(d->thread);
        if (WaitForSingleObject(d->thread, 50) != WAIT_TIMEOUT) {
            CloseHandle(d->thread);
            return;
        }
    }
    // Still blocked: leave the thread its state instead of freeing it under it.
    CloseHandle(d->thread);
    (void)d.release();
}

}  // namespace jobdesk::platform
