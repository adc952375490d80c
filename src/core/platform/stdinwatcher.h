#pragma once

// Tells when the pipe on standard input closes, so that a helper (jobdesk-fake)
// ends with the parent that started it through a pipe, even a parent that dies
// without stopping it. What arrives on the pipe is read and dropped.

#include <QObject>

#include <memory>

namespace jobdesk::platform {

class StdinWatcher : public QObject
{
    Q_OBJECT

public:
    // Whether standard input is a pipe: a terminal, a file or /dev/null (NUL) is not
    // worth watching, as /dev/null would read as closed at once.
    static bool stdinIsPipe();

    explicit StdinWatcher(QObject *parent = nullptr);
    ~StdinWatcher() override;

Q_SIGNALS:
    // Once, from this object's thread, when the writing end is closed.
    void closed();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace jobdesk::platform
