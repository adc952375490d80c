#pragma once

// Runs a piece of work on a thread of its own and hands its answer back on the thread of
// a context object, so that reading or unpacking an archive never stops the window.

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace jobdesk::gui {

// work runs on a new thread; done runs afterwards on context's thread, unless context was
// destroyed meanwhile (then the answer is dropped). work must not touch context: it may
// outlive it. The thread deletes itself when it ends.
template<typename T>
void runInBackground(QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    auto answer = std::make_shared<std::optional<T>>();
    QThread *thread = QThread::create([answer, work = std::move(work)] { answer->emplace(work()); });
    QObject::connect(thread, &QThread::finished, context, [answer, done = std::move(done)] {
        if (answer->has_value())
            done(std::move(**answer));
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

}  // namespace jobdesk::gui
