#pragma once

// Turns Ctrl+C (SIGINT on POSIX, the console's Ctrl+C and Ctrl+Break events on Windows)
// into a signal on the event loop, so that a long transfer can stop cleanly: its partial
// files removed, its exit code the one for an interrupt. While one of these exists the
// program does not die on Ctrl+C; it is meant for one at a time.

#include <QObject>

#include <memory>

namespace jobdesk::platform {

class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    // Restores what Ctrl+C did before.
    ~InterruptWatcher() override;

    // False when the handler could not be installed; Ctrl+C then ends the program as usual.
    bool isActive() const;

Q_SIGNALS:
    // From this object's thread, once per Ctrl+C.
    void interrupted();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace jobdesk::platform
