#pragma once

// For keychain tests: insists on the throwaway keyring that tests/support/with-keychain.sh
// starts (never the user's own), checks that a Secret Service really answers, and
// looks entries up with secret-tool, independently of QtKeychain.

#include "support/asyncwait.h"
#include "core/profiles/keychain.h"
#include "support/testenv.h"

#include <QByteArray>
#include <QString>
#include <QTest>

#include <optional>

namespace jobdesk::test {

// Empty when the keychain is usable, otherwise why not (the test then fails with it).
inline QString keychainProblem()
{
    if (qEnvironmentVariableIsEmpty("JOBDESK_KEYCHAIN_HOME")) {
        return QStringLiteral("This test needs a Secret Service. Run it through tests/support/with-keychain.sh "
                              "(e.g. tests/support/with-keychain.sh ctest -L keychain), which starts a throwaway "
                              "GNOME Keyring; it will not touch your own keychain.");
    }
    const QString key = QStringLiteral("test/probe");
    auto answer = waitFor<Result<profiles::Keychain::ReadResults>>([&](auto done) {
        profiles::Keychain::run({profiles::Keychain::Operation::write(key, Secret(QByteArrayLiteral("probe"))),
                                 profiles::Keychain::Operation::read(key), profiles::Keychain::Operation::remove(key)},
                                nullptr, std::move(done));
    });
    if (!answer)
        return QStringLiteral("No Secret Service answered in time.");
    if (!answer->ok())
        return QStringLiteral("No Secret Service is reachable: ") + answer->error().message + QLatin1Char(' ')
            + answer->error().hint;
    return {};
}

// The stored bytes of a JobDesk keychain entry as secret-tool (libsecret) sees it;
// nullopt when there is none. QtKeychain stores binary data base64-encoded.
inline std::optional<QByteArray> lookUpWithSecretTool(const QString &key)
{
    const ProcessOutput out = runProcess(QStringLiteral("secret-tool"),
                                         {QStringLiteral("lookup"), QStringLiteral("server"),
                                          profiles::Keychain::serviceName(), QStringLiteral("user"), key});
    if (!out.started || out.exitCode != 0)
        return std::nullopt;
    return QByteArray::fromBase64(out.out.trimmed());
}

}  // namespace jobdesk::test

#define JOBDESK_REQUIRE_KEYCHAIN()                                                                                     \
    do {                                                                                                               \
        const QString problem = jobdesk::test::keychainProblem();                                                      \
        if (!problem.isEmpty())                                                                                        \
            QFAIL(qPrintable(problem));                                                                                \
    } while (false)
