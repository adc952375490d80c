#include "core/platform/interruptwatcher.h"

#include <windows.h>

#include <mutex>

namespace jobdesk::platform {

namespace {

// The console calls the handler on a thread of its own: it posts to the watcher's thread.
std::mutex g_lock;
InterruptWatcher *g_watcher = nullptr;

BOOL WINAPI onConsoleEvent(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT)
        return FALSE;
    const std::lock_guard<std::mutex> guard(g_lock);
    if (!g_watcher)
        return FALSE;
    InterruptWatcher *watcher = g_watcher;
    QMetaObject::invokeMethod(
        watcher, [watcher] { Q_EMIT watcher->interrupted(); }, Qt::QueuedConnection);
    return TRUE;
}

}  // namespace

struct InterruptWatcher::Private
{
    bool active = false;
};

InterruptWatcher::InterruptWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    const std::lock_guard<std::mutex> guard(g_lock);
    if (g_watcher || !SetConsoleCtrlHandler(onConsoleEvent, TRUE))
        return;
    g_watcher = this;
    d->active = true;
}

InterruptWatcher::~InterruptWatcher()
{
    if (!d->active)
        return;
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    const std::lock_guard<std::mutex> guard(g_lock);
    g_watcher = nullptr;
}

bool InterruptWatcher::isActive() const
{
    return d->active;
}

}  // namespace jobdesk::platform
