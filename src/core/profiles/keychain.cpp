#include "core/profiles/keychain.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QPointer>

#include <memory>

namespace jobdesk::profiles {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::profiles::Keychain", text);
}

QString actionText(Keychain::Operation::Kind kind)
{
    switch (kind) {
    case Keychain::Operation::Kind::Read: return tr("read");
    case Keychain::Operation::Kind::Write: return tr("store");
    case Keychain::Operation::Kind::Delete: return tr("delete");
    }
    return {};
}

Error keychainError(const Keychain::Operation &operation, QKeychain::Error code, const QString &detail)
{
    QString errorCode;
    QString hint;
    switch (code) {
    case QKeychain::NoBackendAvailable: errorCode = QStringLiteral("KeychainUnavailable");
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
        hint = tr("Start a Secret Service provider in your desktop session (GNOME Keyring or KWallet) and unlock it, "
                  "then try again. JobDesk does not store secrets anywhere else.");
#else
        hint = tr("Make sure the system keychain is available and unlocked, then try again.");
#endif
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        errorCode = QStringLiteral("KeychainAccessDenied");
        hint = tr("Unlock the keychain and allow JobDesk to use it when asked, then try again.");
        break;
    default: errorCode = QStringLiteral("KeychainError");
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
        hint = tr("Check that GNOME Keyring or KWallet is running and unlocked in this session "
                  "(a D-Bus session bus is needed), then try again.");
#else
        hint = tr("Check that the system keychain is unlocked, then try again.");
#endif
        break;
    }
    const QString message = tr("Could not %1 “%2” in %3: %4")
                                .arg(actionText(operation.kind), operation.key, Keychain::backendName(),
                                     detail.isEmpty() ? tr("unknown error") : detail);
    return Error::make(Error::Kind::Io, errorCode, message, hint);
}

// One batch in flight. It owns itself until the last job reports back.
class Batch : public std::enable_shared_from_this<Batch>
{
public:
    Batch(QList<Keychain::Operation> operations, QObject *context, Keychain::Done done)
        : m_operations(std::move(operations))
        , m_context(context)
        , m_hasContext(context != nullptr)
        , m_done(std::move(done))
    {
    }

    void next()
    {
        if (m_index >= m_operations.size()) {
            finish(m_results);
            return;
        }
        const Keychain::Operation &operation = m_operations.at(m_index);
        QKeychain::Job *job = nullptr;
        switch (operation.kind) {
        case Keychain::Operation::Kind::Read: job = new QKeychain::ReadPasswordJob(Keychain::serviceName()); break;
        case Keychain::Operation::Kind::Write: {
            auto *write = new QKeychain::WritePasswordJob(Keychain::serviceName());
            write->setBinaryData(operation.value.reveal());
            job = write;
            break;
        }
        case Keychain::Operation::Kind::Delete: job = new QKeychain::DeletePasswordJob(Keychain::serviceName()); break;
        }
        job->setAutoDelete(true);
        // A plain-text file is never an acceptable home for a secret.
        job->setInsecureFallback(false);
        job->setKey(operation.key);
        auto self = shared_from_this();
        QObject::connect(job, &QKeychain::Job::finished, job,
                         [self](QKeychain::Job *finished) { self->onFinished(finished); });
        job->start();
    }

private:
    void onFinished(QKeychain::Job *job)
    {
        const Keychain::Operation &operation = m_operations.at(m_index);
        const QKeychain::Error code = job->error();
        if (code == QKeychain::NoError) {
            if (operation.kind == Keychain::Operation::Kind::Read) {
                auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
                m_results.insert(operation.key, Secret(read->binaryData()));
            }
        } else if (code == QKeychain::EntryNotFound) {
            // "Not set" is an answer, not a failure.
            if (operation.kind == Keychain::Operation::Kind::Read)
                m_results.insert(operation.key, std::nullopt);
        } else {
            finish(keychainError(operation, code, job->errorString()));
            return;
        }
        ++m_index;
        next();
    }

    void finish(Result<Keychain::ReadResults> result)
    {
        if (m_hasContext && !m_context)
            return;  // whoever asked is gone
        m_done(std::move(result));
    }

    QList<Keychain::Operation> m_operations;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    Keychain::Done m_done;
    Keychain::ReadResults m_results;
    qsizetype m_index = 0;
};

}  // namespace

void Keychain::run(const QList<Operation> &operations, QObject *context, Done done)
{
    auto batch = std::make_shared<Batch>(operations, context, std::move(done));
    // Start from the event loop so callers always see the answer after the call returns.
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [batch] { batch->next(); }, Qt::QueuedConnection);
}

QString Keychain::serviceName()
{
    return QStringLiteral("JobDesk");
}

QString Keychain::profileKey(const QString &profile, const QString &field)
{
    return QStringLiteral("profile/") + profile + QLatin1Char('/') + field;
}

QString Keychain::tokenKey(const QString &label)
{
    return QStringLiteral("token/") + label;
}

QString Keychain::backendName()
{
#if defined(Q_OS_MACOS)
    return tr("the macOS Keychain");
#elif defined(Q_OS_WIN)
    return tr("the Windows Credential Manager");
#else
    return tr("the Secret Service (GNOME Keyring / KWallet)");
#endif
}

}  // namespace jobdesk::profiles
