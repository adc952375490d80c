#pragma once

// Certificates for TLS tests, made fresh with the openssl command line in a
// temporary directory: a private CA and leaves that are good, self-signed,
// expired, not yet valid or for the wrong host name.

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTemporaryDir>

#include <map>

namespace jobdesk::test {

struct TestCertificate
{
    QString certificatePath;  // PEM
    QString keyPath;          // PEM, unencrypted
    QSslCertificate certificate;
    QSslKey key;
};

class TestCertificates
{
public:
    TestCertificates() = default;
    TestCertificates(const TestCertificates &) = delete;
    TestCertificates &operator=(const TestCertificates &) = delete;

    // Runs openssl; on failure errorString() holds the command and what openssl said.
    bool generate();
    QString errorString() const { return m_error; }
    QString directory() const { return m_dir.path(); }

    // "JobDesk Test CA": a CA certificate (basicConstraints CA:TRUE) valid for two days.
    const TestCertificate &ca() const { return m_ca; }
    // Signed by ca(), valid now, for IP 127.0.0.1 and DNS localhost.
    const TestCertificate &caSigned() const { return m_caSigned; }
    // Its own issuer, for IP 127.0.0.1 and DNS localhost.
    const TestCertificate &selfSigned() const { return m_selfSigned; }
    // Signed by ca(), for 127.0.0.1/localhost, valid only in January 2020.
    const TestCertificate &expired() const { return m_expired; }
    // Signed by ca(), for 127.0.0.1/localhost, valid only from 2099 on.
    const TestCertificate &notYetValid() const { return m_notYetValid; }
    // Signed by ca(), valid now, but only for DNS wrong.example.
    const TestCertificate &wrongHost() const { return m_wrongHost; }

    // The leaves a TLS test serves, by the names its data rows use: "ca-signed",
    // "self-signed", "expired" and "wrong host".
    std::map<QString, const TestCertificate *> servedLeaves() const;
    // A file in the temporary directory that holds text but no PEM certificate.
    QString notPemPath() const { return m_notPem; }

private:
    bool openssl(const QStringList &arguments);
    bool load(TestCertificate &target, const QString &certificatePath, const QString &keyPath);
    bool signLeaf(TestCertificate &target, const QString &name, const QString &extensions, const QStringList &validity);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_error;
    QString m_config;
    QString m_leafKey;
    QString m_leafRequest;
    QString m_notPem;
    TestCertificate m_ca;
    TestCertificate m_caSigned;
    TestCertificate m_selfSigned;
    TestCertificate m_expired;
    TestCertificate m_notYetValid;
    TestCertificate m_wrongHost;
};

// The rows of a data-driven test that each certificate problem gets its own
// message, for jobdesk-cli and the window alike. Columns: served (the leaf the
// fake serves: "self-signed", "expired" or "wrong host"), withCa (the private CA
// is trusted, by the way trustedHow names), says (a fragment the message must
// hold) and notSays (fragments naming the other problems, which it must not).
void addCertificateProblemRows(const QString &trustedHow);

}  // namespace jobdesk::test
