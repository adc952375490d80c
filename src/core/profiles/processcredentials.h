#pragma once

// Credentials from a profile's credential_process: the command is split like a POSIX
// shell would and run without one, its JSON answer (Version 1) is checked, and the
// keys are reused until shortly before they expire.

#include "core/aws/credentials.h"
#include "core/clock.h"
#include "core/result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

class QProcess;

namespace jobdesk::profiles {

class ProcessCredentials : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<aws::Credentials>)>;

    // profileName only labels messages. env is what the command runs with (its PATH also
    // finds the program); clock must outlive this object.
    ProcessCredentials(const QString &profileName, const QString &commandLine, const QProcessEnvironment &env,
                       const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ProcessCredentials() override;

    // Keys this close to their expiration are fetched again.
    static constexpr std::chrono::minutes refreshMargin{5};

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // Cached keys when still fresh, otherwise runs the command. Calls made while it runs
    // share that run. `done` is called later from the event loop, unless context is gone.
    void fetch(QObject *context, Callback done);
    void invalidate();
    QString commandLine() const { return m_commandLine; }

    // Checks the command's standard output as the AWS CLI does.
    static Result<aws::Credentials> parseOutput(const QByteArray &json, const QString &profileName);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };

    void start();
    void finish(Result<aws::Credentials> result);
    // Kills a command that overstayed or said too much; its signals are no longer heard.
    void stopProcess();
    Error processError(const QString &message, const QString &hint, Error::Kind kind = Error::Kind::Credentials) const;

    QString m_profileName;
    QString m_commandLine;
    QProcessEnvironment m_env;
    const Clock *m_clock;
    std::chrono::milliseconds m_timeout{60000};
    std::optional<aws::Credentials> m_cached;
    QList<Waiter> m_waiters;
    QProcess *m_process = nullptr;
};

}  // namespace jobdesk::profiles
