#include "core/profiles/keychain.h"

#include "core/profiles/keychainchunks.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QPointer>

#include <memory>

namespace jobdesk::profiles {

namespace {

QString actionText(Keychain::Operation::Kind kind)
{
    switch (kind) {
    case Keychain::Operation::Kind::Read: return Keychain::tr("read");
    case Keychain::Operation::Kind::Write: return Keychain::tr("store");
    case Keychain::Operation::Kind::Delete: return Keychain::tr("delete");
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
        hint = Keychain::tr(
            "Start a Secret Service provider in your desktop session (GNOME Keyring or KWallet) and unlock it, "
            "then try again. JobDesk does not store secrets anywhere else.");
#else
        hint = Keychain::tr("Make sure the system keychain is available and unlocked, then try again.");
#endif
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        errorCode = QStringLiteral("KeychainAccessDenied");
        hint = Keychain::tr("Unlock the keychain and allow JobDesk to use it when asked, then try again.");
        break;
    default: errorCode = QStringLiteral("KeychainError");
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
        hint = Keychain::tr("Check that GNOME Keyring or KWallet is running and unlocked in this session "
                            "(a D-Bus session bus is needed), then try again.");
#else
        hint = Keychain::tr("Check that the system keychain is unlocked, then try again.");
#endif
        break;
    }
    const QString message = Keychain::tr("Could not %1 “%2” in %3: %4")
                                .arg(actionText(operation.kind), operation.key, Keychain::backendName(),
                                     detail.isEmpty() ? Keychain::tr("unknown error") : detail);
    return Error::make(Error::Kind::Io, errorCode, message, hint);
}

using RawDone = std::function<void(QKeychain::Error code, const Secret &data, const QString &detail)>;

// One QtKeychain job: a read, a write of `value` or a delete of `key`.
void startJob(Keychain::Operation::Kind kind, const QString &key, const Secret &value, RawDone done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Keychain::Operation::Kind::Read: job = new QKeychain::ReadPasswordJob(Keychain::serviceName()); break;
    case Keychain::Operation::Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(Keychain::serviceName());
        write->setBinaryData(value.reveal());
        job = write;
        break;
    }
    case Keychain::Operation::Kind::Delete: job = new QKeychain::DeletePasswordJob(Keychain::serviceName()); break;
    }
    job->setAutoDelete(true);
    // A plain-text file is never an acceptable home for a secret.
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [kind, done = std::move(done)](QKeychain::Job *finished) {
        Secret data;
        if (kind == Keychain::Operation::Kind::Read && finished->error() == QKeychain::NoError)
            data = Secret(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
        done(finished->error(), data, finished->errorString());
    });
    job->start();
}

// One batch in flight. It owns itself until the last job reports back. With an entry
// limit, each operation becomes several jobs: values past the limit live in pieces
// (KeychainChunks), which a read joins and a write or delete replaces or removes.
class Batch : public std::enable_shared_from_this<Batch>
{
public:
    Batch(QList<Keychain::Operation> operations, QObject *context, Keychain::Done done)
        : m_operations(std::move(operations))
        , m_context(context)
        , m_hasContext(context != nullptr)
        , m_done(std::move(done))
        , m_limit(Keychain::entryLimit())
    {
    }

    void next()
    {
        if (m_index >= m_operations.size()) {
            finish(m_results);
            return;
        }
        const Keychain::Operation &operation = m_operations.at(m_index);
        auto self = shared_from_this();
        if (m_limit <= 0) {
            startJob(operation.kind, operation.key, operation.value,
                     [self](QKeychain::Error code, const Secret &data, const QString &detail) {
                         self->onPlain(code, data, detail);
                     });
            return;
        }
        // Whatever the operation, first learn whether the entry is in pieces now.
        startJob(Keychain::Operation::Kind::Read, operation.key, {},
                 [self](QKeychain::Error code, const Secret &data, const QString &detail) {
                     self->onCurrent(code, data, detail);
                 });
    }

private:
    const Keychain::Operation &current() const { return m_operations.at(m_index); }

    void onPlain(QKeychain::Error code, const Secret &data, const QString &detail)
    {
        if (code == QKeychain::NoError) {
            if (current().kind == Keychain::Operation::Kind::Read)
                m_results.insert(current().key, data);
        } else if (code == QKeychain::EntryNotFound) {
            // "Not set" is an answer, not a failure.
            if (current().kind == Keychain::Operation::Kind::Read)
                m_results.insert(current().key, std::nullopt);
        } else {
            finish(keychainError(current(), code, detail));
            return;
        }
        ++m_index;
        next();
    }

    void onCurrent(QKeychain::Error code, const Secret &data, const QString &detail)
    {
        if (code != QKeychain::NoError && code != QKeychain::EntryNotFound) {
            finish(keychainError(current(), code, detail));
            return;
        }
        const bool found = code == QKeychain::NoError;
        const std::optional<KeychainChunks::Header> header =
            found ? KeychainChunks::parseHeader(data.reveal()) : std::nullopt;
        const int stored = header ? header->count : 0;
        const QString &key = current().key;
        m_steps.clear();
        switch (current().kind) {
        case Keychain::Operation::Kind::Read:
            if (!found)
                m_results.insert(key, std::nullopt);
            else if (!header)
                m_results.insert(key, data);
            else
                m_reading = *header;
            for (int i = 0; i < stored; ++i)
                m_steps << Keychain::Operation::read(KeychainChunks::pieceKey(key, i));
            break;
        case Keychain::Operation::Kind::Write: {
            int pieces = 0;
            if (KeychainChunks::needsSplit(current().value.reveal(), m_limit)) {
                Result<KeychainChunks::Split> split = KeychainChunks::split(current().value, m_limit);
                if (!split) {
                    finish(split.error());
                    return;
                }
                pieces = int(split.value().pieces.size());
                // Pieces first, the header last: until it is written the old value stays readable,
                // and a write cut short leaves a header whose checksum the new pieces fail.
                for (int i = 0; i < pieces; ++i)
                    m_steps << Keychain::Operation::write(KeychainChunks::pieceKey(key, i), split.value().pieces.at(i));
                m_steps << Keychain::Operation::write(key, split.value().header);
            } else {
                m_steps << Keychain::Operation::write(key, current().value);
            }
            for (int i = pieces; i < stored; ++i)
                m_steps << Keychain::Operation::remove(KeychainChunks::pieceKey(key, i));
            break;
        }
        case Keychain::Operation::Kind::Delete:
            for (int i = 0; i < stored; ++i)
                m_steps << Keychain::Operation::remove(KeychainChunks::pieceKey(key, i));
            if (found)
                m_steps << Keychain::Operation::remove(key);
            break;
        }
        m_pieces.clear();
        nextStep();
    }

    void nextStep()
    {
        if (m_steps.isEmpty()) {
            if (m_reading) {
                Result<Secret> joined = KeychainChunks::join(*m_reading, m_pieces);
                m_reading.reset();
                m_pieces.clear();
                if (!joined) {
                    finish(joined.error());
                    return;
                }
                m_results.insert(current().key, joined.value());
            }
            ++m_index;
            next();
            return;
        }
        const Keychain::Operation step = m_steps.takeFirst();
        auto self = shared_from_this();
        startJob(step.kind, step.key, step.value,
                 [self, kind = step.kind](QKeychain::Error code, const Secret &data, const QString &detail) {
                     if (code == QKeychain::NoError && kind == Keychain::Operation::Kind::Read) {
                         self->m_pieces << data;
                     } else if (code != QKeychain::NoError && code != QKeychain::EntryNotFound) {
                         self->finish(keychainError(self->current(), code, detail));
                         return;
                     }
                     // A missing piece is left for join() to report; a missing one to delete is gone already.
                     self->nextStep();
                 });
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
    const qsizetype m_limit;
    Keychain::ReadResults m_results;
    qsizetype m_index = 0;
    // The jobs of the current operation when values may be in pieces.
    QList<Keychain::Operation> m_steps;
    std::optional<KeychainChunks::Header> m_reading;
    QList<Secret> m_pieces;
};

}  // namespace

void Keychain::run(const QList<Operation> &operations, QObject *context, Done done)
{
    auto batch = std::make_shared<Batch>(operations, context, std::move(done));
    // Start from the event loop so callers always see the answer after the call returns.
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [batch] { batch->next(); }, Qt::QueuedConnection);
}

namespace {

qsizetype &limitSetting()
{
#if defined(Q_OS_WIN)
    static qsizetype limit = KeychainChunks::windowsLimit;
#else
    static qsizetype limit = 0;  // the Secret Service and the macOS Keychain take any size we store
#endif
    return limit;
}

}  // namespace

qsizetype Keychain::entryLimit()
{
    return limitSetting();
}

void Keychain::setEntryLimit(qsizetype bytes)
{
    limitSetting() = bytes;
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

QString Keychain::clientTokenKey(const QString &clientId)
{
    return QStringLiteral("client/") + clientId;
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
