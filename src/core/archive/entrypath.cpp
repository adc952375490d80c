#include "core/archive/entrypath.h"

#include <QStringList>

namespace jobdesk::archive {

namespace {

bool isDriveSpec(QStringView component)
{
    return component.size() >= 2 && component.at(1) == QLatin1Char(':') && component.at(0).isLetter()
        && component.at(0).unicode() < 0x80;
}

// Windows drops trailing dots and spaces from a name, so "..." and ".. " mean ".." there.
bool isOnlyDotsAndSpaces(QStringView component)
{
    for (const QChar c : component) {
        if (c != QLatin1Char('.') && c != QLatin1Char(' '))
            return false;
    }
    return true;
}

}  // namespace

Error EntryPath::unsafe(const QString &name, const QString &reason)
{
    return Error::make(Error::Kind::Validation, QStringLiteral("UnsafeArchiveEntry"),
                       tr("Nothing was extracted: the archive entry \"%1\" %2.").arg(name, reason),
                       tr("An archive whose names leave the target folder can overwrite files anywhere; "
                          "ask who produced the artifact."));
}

Result<QString> EntryPath::relative(const QString &name)
{
    if (name.isEmpty())
        return unsafe(name, tr("has an empty name"));
    for (const QChar c : name) {
        if (c.unicode() < 0x20)
            return unsafe(name, tr("has a control character in its name"));
    }
    QString path = name;
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (path.startsWith(QLatin1Char('/')))
        return unsafe(name, tr("has an absolute path"));
    const QStringList parts = path.split(QLatin1Char('/'));
    if (isDriveSpec(parts.first()))
        return unsafe(name, tr("names a drive"));
    QStringList kept;
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String("."))
            continue;
        if (part == QLatin1String(".."))
            return unsafe(name, tr("climbs out of the folder with \"..\""));
        if (isOnlyDotsAndSpaces(part))
            return unsafe(name, tr("has a name made only of dots and spaces, which Windows reads as \"..\""));
        kept.append(part);
    }
    if (kept.isEmpty())
        return unsafe(name, tr("names the folder itself"));
    return kept.join(QLatin1Char('/'));
}

bool EntryPath::targetStaysInside(const QString &linkPath, const QString &target, const QSet<QString> &otherLinks)
{
    if (target.isEmpty())
        return false;
    QString t = target;
    t.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (t.startsWith(QLatin1Char('/')) || isDriveSpec(t.section(QLatin1Char('/'), 0, 0)))
        return false;
    // Start at the link's own folder and walk the target's components.
    QStringList at = linkPath.split(QLatin1Char('/'));
    at.removeLast();
    for (const QString &part : t.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (at.isEmpty())
                return false;
            at.removeLast();
            continue;
        }
        if (isOnlyDotsAndSpaces(part))
            return false;
        at.append(part);
        if (otherLinks.contains(linkKey(at.join(QLatin1Char('/')))))
            return false;
    }
    return true;
}

}  // namespace jobdesk::archive
