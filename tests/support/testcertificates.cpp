#include "support/testcertificates.h"

#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace jobdesk::test {

namespace {

// One file for every openssl step, so the machine's openssl.cnf plays no part.
// `openssl ca` is used for the CA-signed leaves because, unlike `x509 -req` in
// OpenSSL 3.0, it takes explicit start and end dates (the expired one).
const char *const kConfig = R"([ req ]
distinguished_name = req_dn
prompt = no

[ req_dn ]
CN = JobDesk Test

[ ca ]
default_ca = test_ca

[ test_ca ]
database = %1/index.txt
new_certs_dir = %1/issued
serial = %1/serial
certificate = %1/ca.pem
private_key = %1/ca.key
default_md = sha256
default_days = 2
policy = test_policy
unique_subject = no
copy_extensions = none

[ test_policy ]
commonName = supplied

[ ca_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[ leaf_local ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = IP:127.0.0.1,DNS:localhost

[ leaf_wrong_host ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:wrong.example

[ self_signed_leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = IP:127.0.0.1,DNS:localhost
)";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

}  // namespace

bool TestCertificates::openssl(const QStringList &arguments)
{
    const ProcessOutput run = runProcess(QStringLiteral("openssl"), arguments);
    if (run.started && !run.crashed && run.exitCode == 0)
        return true;
    m_error = QStringLiteral("openssl %1 failed (%2): %3")
                  .arg(arguments.join(QLatin1Char(' ')),
                       run.started ? QString::number(run.exitCode) : QStringLiteral("not started"),
                       QString::fromLocal8Bit(run.err));
    return false;
}

bool TestCertificates::load(TestCertificate &target, const QString &certificatePath, const QString &keyPath)
{
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read %1 or %2").arg(certificatePath, keyPath);
        return false;
    }
    target.certificatePath = certificatePath;
    target.keyPath = keyPath;
    target.certificate = QSslCertificate(certificateFile.readAll(), QSsl::Pem);
    target.key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (target.certificate.isNull() || target.key.isNull()) {
        m_error = QStringLiteral("Qt could not load %1 or %2").arg(certificatePath, keyPath);
        return false;
    }
    return true;
}

bool TestCertificates::signLeaf(TestCertificate &target, const QString &name, const QString &extensions,
                                const QStringList &validity)
{
    const QString certificate = path(name + QStringLiteral(".pem"));
    const QString subject = extensions == QLatin1String("leaf_wrong_host") ? QStringLiteral("/CN=wrong.example")
                                                                           : QStringLiteral("/CN=127.0.0.1");
    QStringList arguments = {QStringLiteral("ca"),
                             QStringLiteral("-batch"),
                             QStringLiteral("-config"),
                             m_config,
                             QStringLiteral("-notext"),
                             QStringLiteral("-in"),
                             m_leafRequest,
                             QStringLiteral("-out"),
                             certificate,
                             QStringLiteral("-subj"),
                             subject,
                             QStringLiteral("-extensions"),
                             extensions};
    arguments += validity;
    return openssl(arguments) && load(target, certificate, m_leafKey);
}

bool TestCertificates::generate()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    m_config = path(QStringLiteral("openssl.cnf"));
    m_notPem = path(QStringLiteral("not-a-bundle.txt"));
    if (!writeFile(m_config, QString::fromLatin1(kConfig).arg(m_dir.path()).toUtf8())
        || !writeFile(path(QStringLiteral("index.txt")), {}) || !writeFile(path(QStringLiteral("serial")), "1000\n")
        || !writeFile(m_notPem, "This is not a certificate bundle.\n")
        || !QDir(m_dir.path()).mkpath(QStringLiteral("issued"))) {
        m_error = QStringLiteral("cannot write the openssl files in %1").arg(m_dir.path());
        return false;
    }

    // P-256 keys: made in milliseconds, where RSA keys would take most of a second each.
    // One key serves every leaf; the tests are about the certificates around it.
    const QString caKey = path(QStringLiteral("ca.key"));
    const QString caCertificate = path(QStringLiteral("ca.pem"));
    const QString selfSigned = path(QStringLiteral("self-signed.pem"));
    m_leafKey = path(QStringLiteral("leaf.key"));
    m_leafRequest = path(QStringLiteral("leaf.csr"));
    const QStringList ecKey = {QStringLiteral("genpkey"),
                               QStringLiteral("-algorithm"),
                               QStringLiteral("EC"),
                               QStringLiteral("-pkeyopt"),
                               QStringLiteral("ec_paramgen_curve:P-256"),
                               QStringLiteral("-out")};
    const QString config = QStringLiteral("-config");
    if (!openssl(ecKey + QStringList{caKey}) || !openssl(ecKey + QStringList{m_leafKey}))
        return false;
    if (!openssl({QStringLiteral("req"), config, m_config, QStringLiteral("-new"), QStringLiteral("-x509"),
                  QStringLiteral("-key"), caKey, QStringLiteral("-subj"), QStringLiteral("/CN=JobDesk Test CA"),
                  QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extensions"), QStringLiteral("ca_ext"),
                  QStringLiteral("-out"), caCertificate})
        || !load(m_ca, caCertificate, caKey))
        return false;
    if (!openssl({QStringLiteral("req"), config, m_config, QStringLiteral("-new"), QStringLiteral("-x509"),
                  QStringLiteral("-key"), m_leafKey, QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                  QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extensions"),
                  QStringLiteral("self_signed_leaf"), QStringLiteral("-out"), selfSigned})
        || !load(m_selfSigned, selfSigned, m_leafKey))
        return false;
    if (!openssl({QStringLiteral("req"), config, m_config, QStringLiteral("-new"), QStringLiteral("-key"), m_leafKey,
                  QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-out"), m_leafRequest}))
        return false;

    const QStringList now = {QStringLiteral("-days"), QStringLiteral("2")};
    const QStringList past = {QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"),
                              QStringLiteral("-enddate"), QStringLiteral("20200201000000Z")};
    const QStringList future = {QStringLiteral("-startdate"), QStringLiteral("20990101000000Z"),
                                QStringLiteral("-enddate"), QStringLiteral("20990201000000Z")};
    return signLeaf(m_caSigned, QStringLiteral("ca-signed"), QStringLiteral("leaf_local"), now)
        && signLeaf(m_expired, QStringLiteral("expired"), QStringLiteral("leaf_local"), past)
        && signLeaf(m_notYetValid, QStringLiteral("not-yet-valid"), QStringLiteral("leaf_local"), future)
        && signLeaf(m_wrongHost, QStringLiteral("wrong-host"), QStringLiteral("leaf_wrong_host"), now);
}

std::map<QString, const TestCertificate *> TestCertificates::servedLeaves() const
{
    return {
        {QStringLiteral("ca-signed"), &m_caSigned},
        {QStringLiteral("self-signed"), &m_selfSigned},
        {QStringLiteral("expired"), &m_expired},
        {QStringLiteral("wrong host"), &m_wrongHost},
    };
}

void addCertificateProblemRows(const QString &trustedHow)
{
    QTest::addColumn<QString>("served");
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<QString>("says");
    QTest::addColumn<QStringList>("notSays");
    const QString selfSigned = QStringLiteral("is self-signed");
    const QString expired = QStringLiteral("has expired");
    const QString wrongHost = QStringLiteral("is for a different host name");
    const QString untrusted = QStringLiteral("not trusted");
    QTest::newRow("self-signed") << QStringLiteral("self-signed") << false << selfSigned
                                 << QStringList{expired, wrongHost};
    QTest::newRow("expired") << QStringLiteral("expired") << false << expired << QStringList{selfSigned, wrongHost};
    QTest::newRow("wrong host") << QStringLiteral("wrong host") << false << wrongHost
                                << QStringList{selfSigned, expired};
    // With the issuer trusted the certificate's own fault is all there is to say.
    QTest::newRow(qPrintable(QStringLiteral("expired, ") + trustedHow))
        << QStringLiteral("expired") << true << expired << QStringList{selfSigned, wrongHost, untrusted};
    QTest::newRow(qPrintable(QStringLiteral("wrong host, ") + trustedHow))
        << QStringLiteral("wrong host") << true << wrongHost << QStringList{selfSigned, expired, untrusted};
}

}  // namespace jobdesk::test
