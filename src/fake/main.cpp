// jobdesk-fake: runs the fake CodePipeline endpoint from a fixtures file for
// scripts, CLI tests and manual trials. Prints "PORT <n>" once it listens and
// runs until killed or, when stdin is a pipe, until that pipe closes.

#include "core/platform/stdinwatcher.h"
#include "fake/fakecodepipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include <cstdio>
#include <memory>

namespace {

QByteArray readFile(const QString &path, bool &ok)
{
    QFile file(path);
    ok = file.open(QIODevice::ReadOnly);
    return ok ? file.readAll() : QByteArray();
}

int fail(const QString &message)
{
    std::fprintf(stderr, "jobdesk-fake: %s\n", qPrintable(message));
    return 2;
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jobdesk-fake"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JOBDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "A local CodePipeline endpoint for tests and demos."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("fixtures"),
                                 QCoreApplication::translate("main", "Fixtures file (JSON)."));
    const QCommandLineOption portOption(
        QStringLiteral("port"), QCoreApplication::translate("main", "Port to listen on (default: any free one)."),
        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption certOption(QStringLiteral("tls-cert"),
                                        QCoreApplication::translate("main", "Serve HTTPS with this PEM certificate."),
                                        QStringLiteral("file"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"),
                                       QCoreApplication::translate("main", "PEM private key of --tls-cert."),
                                       QStringLiteral("file"));
    const QCommandLineOption regionOption(
        QStringLiteral("region"), QCoreApplication::translate("main", "Only accept signatures for this region."),
        QStringLiteral("region"));
    const QCommandLineOption objectOption(
        QStringLiteral("s3-object"),
        QCoreApplication::translate("main",
                                    "Serve the file at PATH as the S3 object BUCKET/KEY, read in pieces on "
                                    "every download (repeatable)."),
        QStringLiteral("BUCKET/KEY=PATH"));
    parser.addOptions({portOption, certOption, keyOption, regionOption, objectOption});
    parser.process(app);

    jobdesk::fake::FakeCodePipeline fake;
    if (!parser.positionalArguments().isEmpty()) {
        const auto loaded = fake.loadFixtures(parser.positionalArguments().constFirst());
        if (!loaded.ok())
            return fail(loaded.error().message);
    }
    if (parser.isSet(regionOption))
        fake.setRegion(parser.value(regionOption));
    for (const QString &spec : parser.values(objectOption)) {
        const qsizetype slash = spec.indexOf(QLatin1Char('/'));
        const qsizetype equals = spec.indexOf(QLatin1Char('='), slash + 1);
        if (slash <= 0 || equals < 0 || equals == slash + 1 || equals == spec.size() - 1)
            return fail(QCoreApplication::translate("main", "--s3-object %1: expected BUCKET/KEY=PATH").arg(spec));
        const auto added =
            fake.putS3ObjectFile(spec.left(slash), spec.mid(slash + 1, equals - slash - 1), spec.mid(equals + 1));
        if (!added.ok())
            return fail(added.error().message);
    }
    if (parser.isSet(certOption) != parser.isSet(keyOption))
        return fail(QCoreApplication::translate("main", "--tls-cert and --tls-key go together"));
    if (parser.isSet(certOption)) {
        bool certOk = false;
        bool keyOk = false;
        const QByteArray certPem = readFile(parser.value(certOption), certOk);
        const QByteArray keyPem = readFile(parser.value(keyOption), keyOk);
        const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (!certOk || !keyOk || certs.isEmpty() || key.isNull())
            return fail(QCoreApplication::translate("main", "cannot read the TLS certificate or key"));
        fake.enableTls(certs.constFirst(), key);
    }

    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535)
        return fail(QCoreApplication::translate("main", "invalid port"));
    if (!fake.listen(quint16(port)))
        return fail(QCoreApplication::translate("main", "cannot listen: %1").arg(fake.errorString()));

    std::printf("PORT %u\n", unsigned(fake.port()));
    std::fflush(stdout);

    // A parent that runs us through a pipe ends us by closing it, even if it dies without killing us.
    std::unique_ptr<jobdesk::platform::StdinWatcher> stdinWatch;
    if (jobdesk::platform::StdinWatcher::stdinIsPipe()) {
        stdinWatch = std::make_unique<jobdesk::platform::StdinWatcher>();
        QObject::connect(stdinWatch.get(), &jobdesk::platform::StdinWatcher::closed, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
