#pragma once

// Hands an asynchronous result to its callback on a later turn of the event
// loop, and not at all if the object that asked has been destroyed meanwhile.

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>

#include <functional>
#include <utility>

namespace jobdesk::profiles {

template<typename T>
void deliverLater(QObject *context, std::function<void(T)> done, T value)
{
    QObject *target = context ? context : QCoreApplication::instance();
    QMetaObject::invokeMethod(
        target, [done = std::move(done), value = std::move(value)]() mutable { done(std::move(value)); },
        Qt::QueuedConnection);
}

}  // namespace jobdesk::profiles
