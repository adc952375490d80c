#include "support/testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace jobdesk::test {

QString dataDir()
{
    return QStringLiteral(JOBDESK_TEST_DATA_DIR);
}
QString supportDir()
{
    return QStringLiteral(JOBDESK_TEST_SUPPORT_DIR);
}
QString sigv4SuiteDir()
{
    return dataDir() + QStringLiteral("/sigv4");
}

ProcessOutput runProcess(const QString &program, const QStringList &args, const QByteArray &stdinData,
                         const QProcessEnvironment &env, int timeoutMs)
{
    ProcessOutput result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    result.started = process.waitForStarted(30000);
    if (!result.started)
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

ProcessOutput runProcessServing(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                                int timeoutMs, const QByteArray &stdinData)
{
    ProcessOutput result;
    QProcess process;
    process.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, args);
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    loop.exec();
    result.started = process.error() != QProcess::FailedToStart;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        result.crashed = true;
    }
    result.crashed = result.crashed || process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList awsClis()
{
    QStringList found;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("aws"));
    if (!onPath.isEmpty())
        found << QFileInfo(onPath).canonicalFilePath();
    const QString system = QStringLiteral("/usr/bin/aws");
    if (QFileInfo::exists(system) && !found.contains(QFileInfo(system).canonicalFilePath()))
        found << system;
    return found;
}

QProcessEnvironment referenceEnvironment(const QString &accessKeyId, const QString &secretKey, const QString &region)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList drop = {QStringLiteral("AWS_PROFILE"),      QStringLiteral("AWS_SESSION_TOKEN"),
                              QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("AWS_ENDPOINT_URL_CODEPIPELINE"),
                              QStringLiteral("AWS_REGION"),       QStringLiteral("HTTPS_PROXY"),
                              QStringLiteral("https_proxy"),      QStringLiteral("HTTP_PROXY"),
                              QStringLiteral("http_proxy"),       QStringLiteral("AWS_CA_BUNDLE")};
    for (const QString &name : drop)
        env.remove(name);
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), accessKeyId);
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secretKey);
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), region);
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    return env;
}

QString jobdeskCli()
{
    return qEnvironmentVariable("JOBDESK_CLI");
}

QString isolateHome(const QString &root)
{
    const QDir dir(root);
    const QString home = dir.filePath(QStringLiteral("home"));
    const QList<std::pair<const char *, QString>> folders = {
        {"HOME", home},
        {"XDG_CONFIG_HOME", dir.filePath(QStringLiteral("xdg-config"))},
        {"XDG_DATA_HOME", dir.filePath(QStringLiteral("xdg-data"))},
        {"XDG_CACHE_HOME", dir.filePath(QStringLiteral("xdg-cache"))},
        {"XDG_STATE_HOME", dir.filePath(QStringLiteral("xdg-state"))},
    };
    for (const auto &[variable, path] : folders) {
        if (!QDir().mkpath(path))
            return {};
        qputenv(variable, QFile::encodeName(path));
    }
    return home;
}

QStringList filesHoldingSecrets(const QStringList &roots, const QStringList &secrets)
{
    QList<QByteArray> spellings;
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        const QByteArray raw = secret.toUtf8();
        QByteArray json = raw;
        json.replace("/", "\\/");
        spellings << raw << raw.toBase64() << raw.toPercentEncoding() << json;
    }
    const QString keyring = qEnvironmentVariable("JOBDESK_KEYCHAIN_HOME");
    QStringList found;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!it.fileInfo().isFile()
                || (!keyring.isEmpty() && path.startsWith(keyring) && path.endsWith(QLatin1String(".keyring"))))
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                found << path + QStringLiteral(" (unreadable)");
                continue;
            }
            const QByteArray content = file.readAll();
            if (std::any_of(spellings.cbegin(), spellings.cend(),
                            [&](const QByteArray &s) { return content.contains(s); }))
                found << path;
        }
    }
    return found;
}

QString uniqueSecret(const char *prefix, int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out = QLatin1String(prefix);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]));
    return out;
}

}  // namespace jobdesk::test
