#pragma once

// The one door to the OS keychain (QtKeychain): a fixed service name, namespaced
// keys, never an insecure fallback, and asynchronous batches of reads, writes and
// deletes whose failures come back as Errors a person can act on.

#include "core/result.h"
#include "core/secret.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace jobdesk::profiles {

class Keychain
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::Keychain)

public:
    struct Operation
    {
        enum class Kind { Read, Write, Delete };
        Kind kind = Kind::Read;
        QString key;
        Secret value;  // for Write

        static Operation read(const QString &key) { return {Kind::Read, key, {}}; }
        static Operation write(const QString &key, const Secret &value) { return {Kind::Write, key, value}; }
        static Operation remove(const QString &key) { return {Kind::Delete, key, {}}; }
    };

    // What the reads of a batch found: a key that is not set maps to nullopt.
    using ReadResults = QMap<QString, std::optional<Secret>>;
    using Done = std::function<void(Result<ReadResults>)>;

    // Runs the operations one after another and stops at the first failure. A missing
    // entry is not a failure: a read yields nullopt and a delete succeeds. `done` is
    // called once, later from the event loop, unless `context` has been destroyed.
    static void run(const QList<Operation> &operations, QObject *context, Done done);

    // The most bytes one keychain entry takes: 2,560 on Windows (the Credential Manager's
    // limit), 0 (no limit) elsewhere. Longer values are stored in pieces (KeychainChunks).
    // Tests lower it to exercise the pieces on the Secret Service; set it only while no
    // batch runs, and read entries back with the limit they were written with.
    static qsizetype entryLimit();
    static void setEntryLimit(qsizetype bytes);

    static QString serviceName();                                             // "JobDesk"
    static QString profileKey(const QString &profile, const QString &field);  // profile/<name>/<field>
    static QString tokenKey(const QString &label);                            // token/<label>
    static QString clientTokenKey(const QString &clientId);                   // client/<clientId>

    // How this platform's keychain is called in messages, e.g. "the Secret Service
    // (GNOME Keyring / KWallet)" on Linux.
    static QString backendName();
};

}  // namespace jobdesk::profiles
