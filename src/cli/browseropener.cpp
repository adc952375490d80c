#include "cli/browseropener.h"

#include <QDir>
#include <QProcess>

namespace jobdesk::cli {

QList<QStringList> BrowserOpener::commands(const QUrl &url, const QProcessEnvironment &env)
{
    // Encoded, so that the query's & and % reach the browser as they are.
    const QString page = QString::fromLatin1(url.toEncoded());
    QList<QStringList> found;
    const QStringList chosen = env.value(QStringLiteral("BROWSER")).split(QDir::listSeparator(), Qt::SkipEmptyParts);
    for (const QString &program : chosen)
        found.append({program, page});
#if defined(Q_OS_WIN)
    // Not cmd's start: it would take the query's & for a command separator.
    found.append({QStringLiteral("rundll32"), QStringLiteral("url.dll,FileProtocolHandler"), page});
#elif defined(Q_OS_MACOS)
    found.append({QStringLiteral("open"), page});
#else
    found.append({QStringLiteral("xdg-open"), page});
#endif
    return found;
}

bool BrowserOpener::open(const QUrl &url, const QProcessEnvironment &env)
{
    for (QStringList command : commands(url, env)) {
        const QString program = command.takeFirst();
        QProcess process;
        process.setProgram(program);
        process.setArguments(command);
        process.setProcessEnvironment(env);
        // The browser must not print into jobdesk-cli's output, nor read its input.
        process.setStandardInputFile(QProcess::nullDevice());
        process.setStandardOutputFile(QProcess::nullDevice());
        process.setStandardErrorFile(QProcess::nullDevice());
        if (process.startDetached())
            return true;
    }
    return false;
}

}  // namespace jobdesk::cli
