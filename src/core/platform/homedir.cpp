#include "core/platform/homedir.h"

namespace jobdesk::platform {

namespace {

// The pieces of ntpath that expanduser uses, for text (not bytes), as Python 3.11 has them.
bool isNtSep(QChar c)
{
    return c == QLatin1Char('\\') || c == QLatin1Char('/');
}

// "C:" or "\\server\share" (also "//server/share", "\\?\UNC\server\share"), and the rest.
std::pair<QString, QString> ntSplitDrive(const QString &p)
{
    if (p.size() >= 2) {
        QString norm = p;
        norm.replace(QLatin1Char('/'), QLatin1Char('\\'));
        if (norm.startsWith(QLatin1String("\\\\"))) {
            const qsizetype start = norm.left(8).toUpper() == QLatin1String("\\\\?\\UNC\\") ? 8 : 2;
            const qsizetype index = norm.indexOf(QLatin1Char('\\'), start);
            if (index == -1)
                return {p, QString()};
            const qsizetype index2 = norm.indexOf(QLatin1Char('\\'), index + 1);
            if (index2 == -1)
                return {p, QString()};
            return {p.left(index2), p.mid(index2)};
        }
        if (norm.at(1) == QLatin1Char(':'))
            return {p.left(2), p.mid(2)};
    }
    return {QString(), p};
}

QString ntJoin(const QString &first, const QString &second)
{
    auto [resultDrive, resultPath] = ntSplitDrive(first);
    const auto [drive, path] = ntSplitDrive(second);
    if (!path.isEmpty() && isNtSep(path.front())) {
        // An absolute second part replaces the path, and the drive when it has one.
        if (!drive.isEmpty() || resultDrive.isEmpty())
            resultDrive = drive;
        resultPath = path;
    } else if (!drive.isEmpty() && drive != resultDrive && drive.compare(resultDrive, Qt::CaseInsensitive) != 0) {
        resultDrive = drive;  // another drive: the first part is dropped
        resultPath = path;
    } else {
        if (!drive.isEmpty())
            resultDrive = drive;  // the same drive spelt in another case
        if (!resultPath.isEmpty() && !isNtSep(resultPath.back()))
            resultPath += QLatin1Char('\\');
        resultPath += path;
    }
    // "\\server\share" and a relative path need a separator between them; "C:" does not.
    if (!resultPath.isEmpty() && !isNtSep(resultPath.front()) && !resultDrive.isEmpty()
        && !resultDrive.endsWith(QLatin1Char(':')))
        return resultDrive + QLatin1Char('\\') + resultPath;
    return resultDrive + resultPath;
}

// ntpath.split: {dirname, basename}.
std::pair<QString, QString> ntSplit(const QString &p)
{
    const auto [drive, path] = ntSplitDrive(p);
    qsizetype i = path.size();
    while (i > 0 && !isNtSep(path.at(i - 1)))
        --i;
    QString head = path.left(i);
    const QString tail = path.mid(i);
    qsizetype end = head.size();
    while (end > 0 && isNtSep(head.at(end - 1)))
        --end;
    if (end > 0)
        head.truncate(end);  // trailing separators go, unless the head is nothing else
    return {drive + head, tail};
}

QString expandWindows(const QString &path, const QProcessEnvironment &env)
{
    qsizetype i = 1;
    while (i < path.size() && !isNtSep(path.at(i)))
        ++i;

    QString home;
    if (env.contains(QStringLiteral("USERPROFILE")))
        home = env.value(QStringLiteral("USERPROFILE"));
    else if (!env.contains(QStringLiteral("HOMEPATH")))
        return path;
    else
        home = ntJoin(env.value(QStringLiteral("HOMEDRIVE")), env.value(QStringLiteral("HOMEPATH")));

    if (i != 1) {
        // "~user": Windows keeps every profile in one folder, so another user's home is
        // guessed as a sibling of ours, but only when ours is named after us.
        const QString user = path.mid(1, i - 1);
        if (!env.contains(QStringLiteral("USERNAME")) || user != env.value(QStringLiteral("USERNAME"))) {
            const auto [parent, name] = ntSplit(home);
            if (!env.contains(QStringLiteral("USERNAME")) || env.value(QStringLiteral("USERNAME")) != name)
                return path;
            home = ntJoin(parent, user);
        }
    }
    return home + path.mid(i);
}

QString expandPosix(const QString &path, const QProcessEnvironment &env)
{
    qsizetype i = path.indexOf(QLatin1Char('/'), 1);
    if (i < 0)
        i = path.size();
    std::optional<QString> home;
    if (i == 1)
        home = env.contains(QStringLiteral("HOME")) ? env.value(QStringLiteral("HOME")) : HomeDir::accountHome();
    else
        home = HomeDir::accountHome(path.mid(1, i - 1));
    if (!home)
        return path;
    qsizetype end = home->size();
    while (end > 0 && home->at(end - 1) == QLatin1Char('/'))
        --end;
    const QString expanded = home->left(end) + path.mid(i);
    return expanded.isEmpty() ? QStringLiteral("/") : expanded;
}

}  // namespace

QString HomeDir::expandUser(const QString &path, const QProcessEnvironment &env, Flavor flavor)
{
    if (!path.startsWith(QLatin1Char('~')))
        return path;
    return flavor == Flavor::Windows ? expandWindows(path, env) : expandPosix(path, env);
}

}  // namespace jobdesk::platform
