#include "core/platform/programsearch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace jobdesk::platform {

namespace {

QString findWindows(const QString &name, const ProgramSearch::Places &places)
{
    QString file = name;
    const qsizetype dot = file.lastIndexOf(QLatin1Char('.'));
    if (file.endsWith(QLatin1Char('.'))) {
        while (file.endsWith(QLatin1Char('.')))
            file.chop(1);
    } else if (dot < 0) {
        file += QStringLiteral(".exe");
    }
    if (file.isEmpty())
        return {};
    QStringList dirs{places.applicationDir, places.currentDir};
    dirs << places.systemDirs << places.path;
    for (const QString &dir : std::as_const(dirs)) {
        if (dir.isEmpty())
            continue;
        const QFileInfo candidate(QDir(dir), file);
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    return {};
}

QString findPosix(const QString &name, const ProgramSearch::Places &places)
{
    for (const QString &dir : places.path) {
        // An empty PATH entry means the current folder to execvp; ours are already split without them.
        const QFileInfo candidate(QDir(dir), name);
        if (candidate.isFile() && candidate.isExecutable())
            return candidate.absoluteFilePath();
    }
    return {};
}

}  // namespace

bool ProgramSearch::isBareName(const QString &name, Flavor flavor)
{
    if (flavor == Flavor::Posix)
        return !name.contains(QLatin1Char('/'));
    const bool drive = name.size() >= 2 && name.at(1) == QLatin1Char(':');
    return !drive && !name.contains(QLatin1Char('\\')) && !name.contains(QLatin1Char('/'));
}

QString ProgramSearch::find(const QString &name, const Places &places, Flavor flavor)
{
    if (name.isEmpty() || !isBareName(name, flavor))
        return {};
    return flavor == Flavor::Windows ? findWindows(name, places) : findPosix(name, places);
}

QString ProgramSearch::placesText(Flavor flavor)
{
    if (flavor == Flavor::Windows)
        return tr("in JobDesk's folder, the current folder, the Windows system folders or on PATH");
    return tr("on PATH");
}

}  // namespace jobdesk::platform
