#pragma once

// Waits in a test for an asynchronous callback API to answer: starts the call with a
// callback that stores the answer, and runs the event loop until it arrives.

#include <QEventLoop>
#include <QTimer>

#include <functional>
#include <optional>

namespace jobdesk::test {

template<typename T>
std::optional<T> waitFor(const std::function<void(std::function<void(T)>)> &start, int limitMs = 120000)
{
    std::optional<T> answer;
    QEventLoop loop;
    start([&](T value) {
        answer.emplace(std::move(value));
        loop.quit();
    });
    if (!answer) {
        // Only a guard against a hang; no test depends on how long anything takes.
        QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return answer;
}

}  // namespace jobdesk::test
