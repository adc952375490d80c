#include "core/profiles/processcredentials.h"

#include "core/platform/programsearch.h"
#include "core/profiles/shellwords.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <utility>

namespace jobdesk::profiles {

namespace {

constexpr qsizetype kMaxOutput = qsizetype(1024) * 1024;  // a credential answer is a few kilobytes

void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

}  // namespace

ProcessCredentials::ProcessCredentials(const QString &profileName, const QString &commandLine,
                                       const QProcessEnvironment &env, const Clock &clock, QObject *parent)
    : QObject(parent), m_profileName(profileName), m_commandLine(commandLine), m_env(env), m_clock(&clock)
{
}

ProcessCredentials::~ProcessCredentials()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void ProcessCredentials::invalidate()
{
    m_cached.reset();
}

void ProcessCredentials::stopProcess()
{
    QProcess *process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    process->kill();
    process->waitForFinished(1000);
    process->deleteLater();
}

Error ProcessCredentials::processError(const QString &message, const QString &hint, Error::Kind kind) const
{
    return Error::make(kind, QStringLiteral("CredentialProcessError"),
                       tr("credential_process of profile “%1” failed: %2").arg(m_profileName, message), hint);
}

void ProcessCredentials::fetch(QObject *context, Callback done)
{
    if (m_cached) {
        const QDateTime expiration = m_cached->expiration;
        const auto margin = std::chrono::duration_cast<std::chrono::seconds>(refreshMargin).count();
        if (!expiration.isValid() || m_clock->nowUtc().addSecs(margin) < expiration) {
            QObject *target = context ? context : this;
            QMetaObject::invokeMethod(
                target, [done = std::move(done), credentials = *m_cached] { done(credentials); }, Qt::QueuedConnection);
            return;
        }
        m_cached.reset();
    }
    m_waiters << Waiter{context, context != nullptr, std::move(done)};
    if (!m_process)
        QMetaObject::invokeMethod(this, &ProcessCredentials::start, Qt::QueuedConnection);
}

void ProcessCredentials::start()
{
    if (m_process || m_waiters.isEmpty())
        return;
    const Result<QStringList> words = ShellWords::split(m_commandLine);
    if (!words)
        return finish(
            processError(words.error().message, tr("Fix the quoting of credential_process in the AWS config file.")));
    if (words.value().isEmpty())
        return finish(processError(tr("the command is empty."),
                                   tr("Set credential_process to the command that prints the keys.")));

    // Looked up as the system's process start would (PATH of the environment the command
    // gets on POSIX, CreateProcess's places on Windows), so a missing one gets a clear message.
    QString program = words.value().constFirst();
    if (platform::ProgramSearch::isBareName(program, platform::nativeFlavor())) {
        const QString found = platform::ProgramSearch::find(program, m_env);
        if (found.isEmpty()) {
            return finish(processError(
                tr("the program “%1” was not found %2.").arg(program, platform::ProgramSearch::placesText()),
                tr("Use the program's full path in credential_process, or add its folder to PATH.")));
        }
        program = found;
    }

    m_process = new QProcess(this);
    m_process->setProcessEnvironment(m_env);
    m_process->setProgram(program);
    m_process->setArguments(words.value().mid(1));
    m_process->setStandardInputFile(QProcess::nullDevice());

    auto *timer = new QTimer(m_process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this] {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count();
        stopProcess();
        finish(processError(tr("it did not finish within %n second(s).", nullptr, int(seconds)),
                            tr("Check that the command runs on its own and does not wait for input."),
                            Error::Kind::Timeout));
    });

    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_process->bytesAvailable() > kMaxOutput) {
            stopProcess();
            finish(processError(tr("it printed more than %1 bytes.").arg(kMaxOutput),
                                tr("It should print one small JSON object.")));
        }
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;  // crashes and timeouts are reported through finished() and the timer
        QProcess *process = m_process;
        m_process = nullptr;
        process->disconnect(this);
        process->deleteLater();
        finish(processError(tr("“%1” could not be started: %2").arg(process->program(), process->errorString()),
                            tr("Check the path in credential_process and that the file is executable.")));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        QProcess *process = m_process;
        m_process = nullptr;
        process->disconnect(this);
        process->deleteLater();
        QByteArray out = process->readAllStandardOutput();
        const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed().left(2000);
        if (status != QProcess::NormalExit) {
            wipe(out);
            return finish(
                processError(tr("the command crashed.") + (err.isEmpty() ? QString() : QLatin1Char(' ') + err),
                             tr("Run the command by hand to see what goes wrong.")));
        }
        if (exitCode != 0) {
            wipe(out);
            return finish(processError(err.isEmpty() ? tr("the command exited with code %1.").arg(exitCode)
                                                     : tr("the command exited with code %1: %2").arg(exitCode).arg(err),
                                       tr("Run the command by hand to see what goes wrong.")));
        }
        Result<aws::Credentials> parsed = parseOutput(out, m_profileName);
        wipe(out);
        finish(std::move(parsed));
    });

    m_process->start(QIODevice::ReadOnly);
    if (m_process)
        timer->start(m_timeout);
}

void ProcessCredentials::finish(Result<aws::Credentials> result)
{
    if (result.ok())
        m_cached = result.value();
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.hasContext && !waiter.context)
            continue;
        QObject *target = waiter.hasContext ? waiter.context.data() : this;
        QMetaObject::invokeMethod(
            target, [done = waiter.done, result] { done(result); }, Qt::QueuedConnection);
    }
}

Result<aws::Credentials> ProcessCredentials::parseOutput(const QByteArray &json, const QString &profileName)
{
    const auto fail = [&profileName](const QString &message) {
        return Error::make(Error::Kind::Credentials, QStringLiteral("CredentialProcessError"),
                           tr("credential_process of profile “%1” failed: %2").arg(profileName, message),
                           tr("The command must print a JSON object with Version 1, AccessKeyId and SecretAccessKey "
                              "(and optionally SessionToken and Expiration)."));
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            tr("its output is not valid JSON (%1 at offset %2).").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return fail(tr("its output is not a JSON object."));
    const QJsonObject object = document.object();

    const QJsonValue version = object.value(QLatin1String("Version"));
    if (version.isUndefined())
        return fail(tr("its output has no Version; supported versions: 1."));
    if (!version.isDouble() || version.toDouble() != 1.0) {
        const QString shown = version.isString() ? QLatin1Char('"') + version.toString() + QLatin1Char('"')
                                                 : version.toVariant().toString();
        return fail(tr("unsupported Version %1; supported versions: 1.").arg(shown));
    }
    for (const char *key : {"AccessKeyId", "SecretAccessKey"}) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined())
            return fail(tr("missing required key in response: %1.").arg(QLatin1String(key)));
        if (!value.isString() || value.toString().isEmpty())
            return fail(tr("%1 must be a non-empty string.").arg(QLatin1String(key)));
    }
    aws::Credentials credentials;
    credentials.accessKeyId = object.value(QLatin1String("AccessKeyId")).toString();
    credentials.secretAccessKey = Secret(object.value(QLatin1String("SecretAccessKey")).toString());
    const QJsonValue token = object.value(QLatin1String("SessionToken"));
    if (!token.isUndefined() && !token.isNull()) {
        if (!token.isString())
            return fail(tr("SessionToken must be a string."));
        credentials.sessionToken = Secret(token.toString());
    }
    const QJsonValue expiration = object.value(QLatin1String("Expiration"));
    if (!expiration.isUndefined() && !expiration.isNull()) {
        QDateTime when = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime::fromString(expiration.toString(), Qt::ISODate);
        if (!expiration.isString() || !when.isValid())
            return fail(
                tr("Expiration “%1” is not an ISO 8601 time such as 2024-01-31T12:00:00Z.").arg(expiration.toString()));
        if (when.timeSpec() == Qt::LocalTime)
            when.setTimeSpec(Qt::UTC);  // a time without offset is taken as UTC
        credentials.expiration = when.toUTC();
    }
    return credentials;
}

}  // namespace jobdesk::profiles
